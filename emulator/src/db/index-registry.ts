/**
 * Equality indexes: value -> document ids for the first key of each declaration, plus the
 * full key tuple for unique indexes. Arrays are multikey (each element and the whole array are
 * indexed) and a missing field indexes as null, as in MongoDB, so an index lookup always
 * returns a superset of the matching documents; the query itself still filters the candidates.
 */
import type { IndexDeclaration } from '../contracts';
import { duplicateKey } from './db-errors';
import { isPlainObject, toEjsonText, type Doc } from './ejson-codec';

const NULL_KEY = 'z';
/** Cap on the key tuples one document may produce in a compound multikey unique index. */
const MAX_TUPLES = 1024;

/** A hashable, type-distinguishing key for one indexed value (1 and '1' must differ). */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return NULL_KEY;
  switch (typeof v) {
    case 'string':
      return 's' + v;
    case 'number':
      return 'n' + (Object.is(v, -0) ? '0' : String(v));
    case 'boolean':
      return v ? 'bt' : 'bf';
    default:
      break;
  }
  if (v instanceof Date) return 'd' + v.getTime();
  if (v instanceof RegExp) return 'r' + String(v);
  if (Array.isArray(v)) return 'a' + toEjsonText(v);
  if (isPlainObject(v)) return 'o' + toEjsonText(v);
  return 'x' + toEjsonText({ v });
}

/** Keys a document has for `path`, following arrays the way MongoDB's multikey indexes do. */
export function pathKeys(doc: Doc, path: string): string[] {
  const out = new Set<string>();
  collect(doc, path.split('.'), 0, out);
  return [...out];
}

function collect(value: unknown, segs: string[], i: number, out: Set<string>): void {
  if (i === segs.length) {
    if (Array.isArray(value)) {
      out.add(valueKey(value));
      if (value.length === 0) out.add(NULL_KEY);
      for (const el of value) out.add(valueKey(el));
    } else {
      out.add(valueKey(value));
    }
    return;
  }
  const seg = segs[i];
  if (Array.isArray(value)) {
    if (/^\d+$/.test(seg)) collect(value[Number(seg)], segs, i + 1, out);
    for (const el of value) {
      if (isPlainObject(el)) collect(el[seg], segs, i + 1, out);
    }
    if (value.length === 0) out.add(NULL_KEY);
    return;
  }
  if (isPlainObject(value)) {
    collect(value[seg], segs, i + 1, out);
    return;
  }
  out.add(NULL_KEY);
}

/** A range over one value type: 'd' dates (ms), 'n' numbers, 's' strings (the valueKey prefixes). */
export interface KeyRange {
  type: 'd' | 'n' | 's';
  lo?: number | string;
  loInclusive?: boolean;
  hi?: number | string;
  hiInclusive?: boolean;
}

/** The range a condition such as `{ $gte: date, $lt: date }` asks for, or undefined if it is not a pure one-type range. */
export function rangeOf(cond: unknown): KeyRange | undefined {
  if (!isPlainObject(cond)) return undefined;
  const ops = Object.keys(cond);
  if (ops.length === 0 || !ops.every((k) => k === '$gt' || k === '$gte' || k === '$lt' || k === '$lte')) return undefined;
  let range: KeyRange | undefined;
  for (const op of ops) {
    const raw = cond[op];
    const type = raw instanceof Date ? 'd' : typeof raw === 'number' ? 'n' : typeof raw === 'string' ? 's' : undefined;
    if (!type || (type === 'n' && Number.isNaN(raw))) return undefined;
    const v = raw instanceof Date ? raw.getTime() : (raw as number | string);
    range ??= { type };
    if (range.type !== type) return undefined;
    if (op === '$gt' || op === '$gte') {
      range.lo = v;
      range.loInclusive = op === '$gte';
    } else {
      range.hi = v;
      range.hiInclusive = op === '$lte';
    }
  }
  return range;
}

export class EqualityIndex {
  readonly fields: string[];
  readonly firstField: string;
  private readonly byFirst = new Map<string, Set<string>>();
  private readonly byTuple = new Map<string, string>();
  private readonly keysOf = new Map<string, { first: string[]; tuples: string[] }>();

  constructor(
    readonly collection: string,
    readonly decl: IndexDeclaration,
  ) {
    this.fields = Object.keys(decl.keys);
    if (this.fields.length === 0) throw new Error(`index ${decl.name} on ${collection} has no keys`);
    this.firstField = this.fields[0];
  }

  get name(): string {
    return this.decl.name;
  }

  get unique(): boolean {
    return this.decl.unique === true;
  }

  lookup(key: string): ReadonlySet<string> | undefined {
    return this.byFirst.get(key);
  }

  /**
   * Ids whose first-field value lies in `range` ($gt/$gte/$lt/$lte on one type, as MongoDB
   * brackets types: a Date bound matches only dates). A walk over the index's distinct values,
   * not the documents: what a B-tree range scan would return.
   */
  rangeLookup(range: KeyRange): Set<string> {
    const ids = new Set<string>();
    for (const [key, set] of this.byFirst) {
      if (key[0] !== range.type) continue;
      const v: number | string = range.type === 's' ? key.slice(1) : Number(key.slice(1));
      if (range.lo !== undefined && (v < range.lo || (v === range.lo && !range.loInclusive))) continue;
      if (range.hi !== undefined && (v > range.hi || (v === range.hi && !range.hiInclusive))) continue;
      for (const id of set) ids.add(id);
    }
    return ids;
  }

  /** Tuple keys for the unique constraint; duplicates within one document's arrays are one key. */
  tupleKeys(doc: Doc): string[] {
    let tuples: string[] = [''];
    for (const field of this.fields) {
      const keys = pathKeys(doc, field);
      const next: string[] = [];
      for (const t of tuples) for (const k of keys) next.push(t + '\u0001' + k);
      if (next.length > MAX_TUPLES) throw new Error(`unique index ${this.name} on ${this.collection}: too many array combinations`);
      tuples = next;
    }
    return tuples;
  }

  /** Id holding `tupleKey` in the committed index, if any. */
  holderOf(tupleKey: string): string | undefined {
    return this.byTuple.get(tupleKey);
  }

  add(idKey: string, doc: Doc): void {
    const first = pathKeys(doc, this.firstField);
    for (const k of first) {
      let set = this.byFirst.get(k);
      if (!set) this.byFirst.set(k, (set = new Set()));
      set.add(idKey);
    }
    const tuples = this.unique ? this.tupleKeys(doc) : [];
    for (const t of tuples) {
      const holder = this.byTuple.get(t);
      if (holder !== undefined && holder !== idKey) {
        // Callers check uniqueness before applying; reaching here means a bug, not bad input.
        throw new Error(`unique index ${this.name} on ${this.collection} corrupted by ${idKey}`);
      }
      this.byTuple.set(t, idKey);
    }
    this.keysOf.set(idKey, { first, tuples });
  }

  remove(idKey: string): void {
    const keys = this.keysOf.get(idKey);
    if (!keys) return;
    for (const k of keys.first) {
      const set = this.byFirst.get(k);
      if (!set) continue;
      set.delete(idKey);
      if (set.size === 0) this.byFirst.delete(k);
    }
    for (const t of keys.tuples) if (this.byTuple.get(t) === idKey) this.byTuple.delete(t);
    this.keysOf.delete(idKey);
  }

  /** Build over existing documents; a unique violation among them fails the whole build. */
  build(docs: Iterable<[string, Doc]>, fullName: string): void {
    const seen = new Map<string, string>();
    const entries = [...docs];
    if (this.unique) {
      for (const [idKey, doc] of entries) {
        for (const t of this.tupleKeys(doc)) {
          const other = seen.get(t);
          if (other !== undefined && other !== idKey) throw duplicateKey(fullName, this.name, describeTuple(this, doc));
          seen.set(t, idKey);
        }
      }
    }
    for (const [idKey, doc] of entries) this.add(idKey, doc);
  }
}

export function describeTuple(index: EqualityIndex, doc: Doc): string {
  const parts = index.fields.map((f) => `${f}: ${JSON.stringify(readPath(doc, f)) ?? 'null'}`);
  return `{ ${parts.join(', ')} }`;
}

export function readPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const seg of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isPlainObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}
