/**
 * The committed state in memory: collections of immutable documents (a write replaces the
 * object, never mutates it, so a shallow copy of a collection is a consistent snapshot), the
 * equality indexes, and the query planner that picks an index.
 */
import type { IndexDeclaration } from '../contracts';
import { collectionNotExist, duplicateKey } from './db-errors';
import { isPlainObject, type Doc } from './ejson-codec';
import { idKeyOf, type DocId, type WalChange } from './durable-store';
import { describeTuple, EqualityIndex, rangeOf, valueKey } from './index-registry';

export interface Collection {
  readonly name: string;
  readonly docs: Map<string, Doc>;
  readonly indexes: EqualityIndex[];
}

/** Where a query's candidates came from. */
export interface Plan {
  /** Candidate id keys, or undefined for a full scan. */
  ids?: Iterable<string>;
  /** Index name ('_id' for the primary key), undefined for a full scan. */
  index?: string;
}

export class CollectionStore {
  private readonly collections = new Map<string, Collection>();
  private readonly declarations = new Map<string, IndexDeclaration[]>();

  constructor(readonly envName: string) {}

  names(): string[] {
    return [...this.collections.keys()];
  }

  has(name: string): boolean {
    return this.collections.has(name);
  }

  get(name: string): Collection | undefined {
    return this.collections.get(name);
  }

  require(name: string): Collection {
    const c = this.collections.get(name);
    if (!c) throw collectionNotExist(name);
    return c;
  }

  documentCount(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.docs.size;
    return n;
  }

  fullName(coll: string): string {
    return `${this.envName}.${coll}`;
  }

  /** Load recovered state. */
  load(state: Map<string, Map<string, Doc>>): void {
    for (const [name, docs] of state) {
      const coll = this.createCollection(name);
      for (const [idKey, doc] of docs) {
        coll.docs.set(idKey, doc);
      }
      this.rebuildIndexes(coll);
    }
  }

  /** Replace the index declarations (all collections); builds them over existing documents. */
  defineIndexes(decls: IndexDeclaration[]): void {
    const byCollection = new Map<string, IndexDeclaration[]>();
    for (const d of decls) {
      if (!d.collection || !d.name || !d.keys || Object.keys(d.keys).length === 0) {
        throw new Error(`invalid index declaration ${JSON.stringify(d)}`);
      }
      const list = byCollection.get(d.collection) ?? [];
      if (list.some((x) => x.name === d.name)) throw new Error(`duplicate index name ${d.name} on ${d.collection}`);
      list.push(d);
      byCollection.set(d.collection, list);
    }
    // Build into fresh structures first so a unique violation leaves the old indexes in place.
    const built = new Map<string, EqualityIndex[]>();
    for (const coll of this.collections.values()) {
      built.set(coll.name, this.buildIndexes(coll, byCollection.get(coll.name) ?? []));
    }
    this.declarations.clear();
    for (const [k, v] of byCollection) this.declarations.set(k, v);
    for (const coll of this.collections.values()) {
      coll.indexes.splice(0, coll.indexes.length, ...(built.get(coll.name) ?? []));
    }
  }

  indexDeclarations(): IndexDeclaration[] {
    return [...this.declarations.values()].flat();
  }

  /**
   * Reject a change set that would violate a unique index, judged against the state after
   * the whole set is applied (so swapping values between two documents in one commit is fine).
   */
  checkUnique(changes: WalChange[]): void {
    const finals = new Map<string, Map<string, Doc | null>>();
    for (const ch of changes) {
      if (ch.op !== 'put' && ch.op !== 'del') continue;
      let m = finals.get(ch.coll);
      if (!m) finals.set(ch.coll, (m = new Map()));
      if (ch.op === 'put') m.set(idKeyOf(ch.doc._id as DocId), ch.doc);
      else m.set(idKeyOf(ch.id), null);
    }
    for (const [collName, finalDocs] of finals) {
      const coll = this.collections.get(collName);
      const indexes = coll ? coll.indexes.filter((i) => i.unique) : this.pendingIndexes(collName).filter((i) => i.unique);
      for (const index of indexes) {
        const claimed = new Map<string, string>();
        for (const [idKey, doc] of finalDocs) {
          if (!doc) continue;
          for (const t of index.tupleKeys(doc)) {
            const other = claimed.get(t);
            if (other !== undefined && other !== idKey) throw duplicateKey(this.fullName(collName), index.name, describeTuple(index, doc));
            claimed.set(t, idKey);
            const holder = index.holderOf(t);
            // The committed holder only conflicts if this change set leaves it holding the key.
            if (holder !== undefined && holder !== idKey && !finalDocs.has(holder)) {
              throw duplicateKey(this.fullName(collName), index.name, describeTuple(index, doc));
            }
          }
        }
      }
    }
  }

  /**
   * Apply a validated change set. Synchronous: nothing else observes a half-applied commit.
   * Index entries of every touched document are removed before any is added, so a commit
   * that moves a unique value from one document to another never trips over itself.
   */
  apply(changes: WalChange[]): void {
    let pending: WalChange[] = [];
    const flush = () => {
      if (pending.length > 0) this.applyDocumentChanges(pending);
      pending = [];
    };
    for (const ch of changes) {
      if (ch.op === 'mk') {
        flush();
        this.createCollection(ch.coll);
      } else if (ch.op === 'rm') {
        flush();
        this.collections.delete(ch.coll);
      } else {
        pending.push(ch);
      }
    }
    flush();
  }

  private applyDocumentChanges(changes: WalChange[]): void {
    const targets = changes.map((ch) => {
      const coll = this.require(ch.coll);
      const idKey = ch.op === 'put' ? idKeyOf(ch.doc._id as DocId) : idKeyOf((ch as { id: DocId }).id);
      return { ch, coll, idKey };
    });
    for (const { coll, idKey } of targets) {
      if (coll.docs.has(idKey)) for (const index of coll.indexes) index.remove(idKey);
    }
    for (const { ch, coll, idKey } of targets) {
      if (ch.op === 'put') {
        for (const index of coll.indexes) index.remove(idKey);
        coll.docs.set(idKey, ch.doc);
        for (const index of coll.indexes) index.add(idKey, ch.doc);
      } else {
        coll.docs.delete(idKey);
      }
    }
  }

  /**
   * Pick candidates for `query`: `_id` equality/$in, else an equality/$in on the first key of a
   * declared index, found at the top level or inside `$and` (and `$or` when every branch has one).
   */
  plan(coll: Collection, query: Doc): Plan {
    const found = this.planNode(coll, query);
    return found ?? {};
  }

  private planNode(coll: Collection, query: Doc): { ids: Set<string> | string[]; index: string } | undefined {
    let best: { ids: Set<string> | string[]; index: string } | undefined;
    const consider = (p: { ids: Set<string> | string[]; index: string } | undefined) => {
      if (p && (!best || sizeOf(p.ids) < sizeOf(best.ids))) best = p;
    };
    for (const [field, cond] of Object.entries(query)) {
      if (field === '$and' && Array.isArray(cond)) {
        for (const sub of cond) if (isPlainObject(sub)) consider(this.planNode(coll, sub));
        continue;
      }
      if (field === '$or' && Array.isArray(cond) && cond.length > 0) {
        const union = new Set<string>();
        let names = '';
        let ok = true;
        for (const sub of cond) {
          const p = isPlainObject(sub) ? this.planNode(coll, sub) : undefined;
          if (!p) {
            ok = false;
            break;
          }
          for (const id of p.ids) union.add(id);
          names = names ? `${names}|${p.index}` : p.index;
        }
        if (ok) consider({ ids: union, index: names });
        continue;
      }
      if (field.startsWith('$')) continue;
      const values = equalityValues(cond);
      if (!values) {
        // A range on the first key of an index is an index range scan, as in MongoDB.
        const range = field === '_id' ? undefined : rangeOf(cond);
        const index = range && coll.indexes.find((i) => i.firstField === field);
        if (range && index) consider({ ids: index.rangeLookup(range), index: index.name });
        continue;
      }
      if (field === '_id') {
        if (!values.every((v) => typeof v === 'string' || typeof v === 'number')) continue;
        const ids = (values as DocId[]).map(idKeyOf).filter((key) => coll.docs.has(key));
        consider({ ids, index: '_id' });
        continue;
      }
      const index = coll.indexes.find((i) => i.firstField === field);
      if (!index) continue;
      const ids = new Set<string>();
      for (const v of values) {
        const hit = index.lookup(valueKey(v));
        if (hit) for (const id of hit) ids.add(id);
      }
      consider({ ids, index: index.name });
    }
    return best;
  }

  private createCollection(name: string): Collection {
    const existing = this.collections.get(name);
    if (existing) return existing;
    const coll: Collection = { name, docs: new Map(), indexes: [] };
    coll.indexes.push(...this.buildIndexes(coll, this.declarations.get(name) ?? []));
    this.collections.set(name, coll);
    return coll;
  }

  private rebuildIndexes(coll: Collection): void {
    coll.indexes.splice(0, coll.indexes.length, ...this.buildIndexes(coll, this.declarations.get(coll.name) ?? []));
  }

  private buildIndexes(coll: Collection, decls: IndexDeclaration[]): EqualityIndex[] {
    return decls.map((d) => {
      const index = new EqualityIndex(coll.name, d);
      index.build(coll.docs.entries(), this.fullName(coll.name));
      return index;
    });
  }

  /** Indexes a collection will get when created (for a unique check before it exists). */
  private pendingIndexes(name: string): EqualityIndex[] {
    return (this.declarations.get(name) ?? []).map((d) => new EqualityIndex(name, d));
  }
}

function sizeOf(ids: Set<string> | string[]): number {
  return Array.isArray(ids) ? ids.length : ids.size;
}

/**
 * The values an indexable condition requires the field to equal, or undefined when the
 * condition cannot be served by an equality index (ranges, regexes, null, $ne...).
 */
function equalityValues(cond: unknown): unknown[] | undefined {
  if (isPlainObject(cond)) {
    const keys = Object.keys(cond);
    if (keys.length > 0 && keys.every((k) => k.startsWith('$'))) {
      if ('$eq' in cond && indexable(cond.$eq)) return [cond.$eq];
      if ('$in' in cond && Array.isArray(cond.$in) && cond.$in.every(indexable)) return cond.$in;
      return undefined;
    }
  }
  return indexable(cond) ? [cond] : undefined;
}

function indexable(v: unknown): boolean {
  if (v === null || v === undefined || v instanceof RegExp) return false;
  if (Array.isArray(v)) return false;
  if (isPlainObject(v)) return Object.keys(v).every((k) => !k.startsWith('$'));
  return true;
}
