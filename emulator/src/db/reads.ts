/**
 * The read side of the database: which documents a query visits (the planner's index, or every
 * document), the scan statistics behind `/__emulator/stats`, strict-index refusals, and the read
 * figures of each request — documents examined and documents returned — that the emulator adds up
 * per function invocation.
 *
 * "Examined" is what MongoDB calls totalDocsExamined: the documents fetched to test the whole
 * query. With an index those are the documents inside the index's bounds (the query's conditions
 * on the index's own fields: an equality prefix, then a range); when the index also gives the
 * requested order (equality prefix, then the sort fields, all in the index's direction or all
 * reversed), the walk stops once the page is full. Without an index it is every document of the
 * collection. A `doc(id)` read examines the one document; an unfiltered count is metadata.
 */
import { EmulatorError } from '../contracts';
import { DbErrorCode, invalidParam } from './db-errors';
import { cloneDoc, isPlainObject, parseEjsonText, toEjsonText, type Doc } from './ejson-codec';
import type { Collection, CollectionStore } from './collection-store';
import { compileQuery, runPipeline, sortDocs, type CompiledQuery } from './mingo-engine';
import { notInTransaction, parseQuery, validCollectionName } from './request-parsing';

export interface ScanStats {
  /** Queries whose candidates came from `_id` or a declared index. */
  indexed: number;
  /** Queries that read every document of their collection. */
  full: number;
  byCollection: Record<string, { indexed: number; full: number }>;
  /** The latest distinct unindexed query shapes (field names only), newest last. */
  unindexed: Array<{ collection: string; fields: string[]; documents: number }>;
}

/** One request's (or one invocation's) reads. */
export interface ReadFigures {
  /** Documents fetched to test the query (inside the index bounds, or the whole collection). */
  examined: number;
  /** Documents sent back (a page, a changed document, an aggregation's output rows). */
  returned: number;
}

export const newReadFigures = (): ReadFigures => ({ examined: 0, returned: 0 });

export interface Match {
  idKey: string;
  doc: Doc;
}

/** How a read is bounded, for the examined figure of an ordered page. */
export interface PageBounds {
  order?: Record<string, 1 | -1>;
  /** offset + limit: the walk in index order stops after this many matches. */
  upTo?: number;
}

const MAX_UNINDEXED_SAMPLES = 50;

export class DatabaseReads {
  readonly scans: ScanStats = { indexed: 0, full: 0, byCollection: {}, unindexed: [] };
  strictIndexes: boolean | 'all';
  strictIndexThreshold: number;

  constructor(
    private readonly store: CollectionStore,
    options: { strictIndexes?: boolean | 'all'; strictIndexThreshold?: number },
  ) {
    this.strictIndexes = options.strictIndexes ?? false;
    this.strictIndexThreshold = options.strictIndexThreshold ?? 1000;
  }

  /**
   * Matching committed documents in natural order, stopping after `stopAfter` when given; adds
   * the documents examined to `reads`.
   */
  match(coll: Collection, query: Doc, compiled: CompiledQuery, reads: ReadFigures, stopAfter?: number, page: PageBounds = {}): Match[] {
    const plan = this.store.plan(coll, query);
    const sorted = page.order !== undefined;
    // An unfiltered, unsorted read is the collection's natural order: a bounded read, not a
    // scan worth refusing (and an unfiltered count is a metadata lookup in CloudBase).
    const natural = Object.keys(query).length === 0 && !sorted;
    this.countScan(coll, plan.index === undefined && !natural ? query : null);
    const out: Match[] = [];
    const ids: Iterable<string> = plan.ids ?? coll.docs.keys();
    const iterated: Doc[] = [];
    for (const idKey of ids) {
      const doc = coll.docs.get(idKey);
      if (!doc) continue;
      iterated.push(doc);
      if (compiled.test(doc)) out.push({ idKey, doc });
      if (stopAfter !== undefined && out.length >= stopAfter) break;
    }
    // Every index that starts with the chosen index's first field answers this query; like
    // MongoDB's planner (which races the candidate plans and keeps the one that works least), the
    // figure is that of the cheapest: e.g. {askerOpenid, status} is bounded by an index on both,
    // not by one on askerOpenid and createdAt.
    const first = plan.index === undefined ? undefined : coll.indexes.find((i) => i.name === plan.index)?.firstField;
    const candidates = first === undefined ? [plan.index] : coll.indexes.filter((i) => i.firstField === first).map((i) => i.name);
    let examined = Infinity;
    for (const name of candidates) examined = Math.min(examined, examinedBy(name === undefined ? undefined : indexBounds(coll, name, query), iterated, compiled, page, out.length));
    reads.examined += examined;
    return out;
  }

  /** `database.calculateDocument`: a count examines what its query visits (an unfiltered count is metadata). */
  count(body: Record<string, unknown>, now: number, reads: ReadFigures): Record<string, unknown> {
    const name = validCollectionName(body.collectionName);
    const query = parseQuery(body, now);
    const compiled = compileQuery(query);
    if (inTransaction(body)) throw notInTransaction('count');
    const coll = this.store.require(name);
    const total = this.match(coll, query, compiled, Object.keys(query).length === 0 ? newReadFigures() : reads).length;
    return { data: { total } };
  }

  /** `database.aggregateDocuments`: the first `$match` is planned like a query; a `$lookup` reads its whole foreign collection. */
  aggregate(body: Record<string, unknown>, now: number, reads: ReadFigures): Record<string, unknown> {
    const name = validCollectionName(body.collectionName);
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
    const pipeline = body.stages.map((s, i) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
        throw invalidParam(`stages[${i}] must be {stageKey: '$stage', stageValue: '<EJSON>'}`);
      }
      return { [s.stageKey]: parseEjsonText(s.stageValue, `stages[${i}].stageValue`, now) } as Doc;
    });
    if (inTransaction(body)) throw notInTransaction('aggregate');
    const coll = this.store.require(name);
    const first = pipeline[0];
    let source: Doc[];
    if (first && '$match' in first && isPlainObject(first.$match)) {
      const compiled = compileQuery(first.$match);
      source = this.match(coll, first.$match, compiled, reads).map((m) => m.doc);
    } else {
      this.countScan(coll, undefined);
      source = [...coll.docs.values()];
      reads.examined += source.length;
    }
    const resolve = (foreign: string): Doc[] => {
      const c = this.store.get(foreign);
      // A $lookup reads the foreign collection (the emulator has no index on it for joins).
      if (c) reads.examined += c.docs.size;
      return c ? [...c.docs.values()].map(cloneDoc) : [];
    };
    const list = runPipeline(source, pipeline, resolve);
    reads.returned += list.length;
    return { data: { list: list.map(toEjsonText) } };
  }

  /** A `doc(id)` read inside a transaction: an `_id` lookup. */
  countIdLookup(): void {
    this.scans.indexed++;
  }

  stats(): ScanStats {
    return structuredClone(this.scans);
  }

  countScan(coll: Collection, unindexedQuery: Doc | null | undefined): void {
    const per = (this.scans.byCollection[coll.name] ??= { indexed: 0, full: 0 });
    if (unindexedQuery === null) {
      this.scans.indexed++;
      per.indexed++;
      return;
    }
    this.scans.full++;
    per.full++;
    const fields = unindexedQuery ? Object.keys(unindexedQuery).sort() : ['(aggregate)'];
    const sample = { collection: coll.name, fields, documents: coll.docs.size };
    const i = this.scans.unindexed.findIndex((u) => u.collection === coll.name && u.fields.join() === fields.join());
    if (i >= 0) this.scans.unindexed.splice(i, 1);
    this.scans.unindexed.push(sample);
    if (this.scans.unindexed.length > MAX_UNINDEXED_SAMPLES) this.scans.unindexed.shift();
    if (this.strictIndexes === 'all' || (this.strictIndexes === true && coll.docs.size > this.strictIndexThreshold)) {
      throw new EmulatorError(
        DbErrorCode.QUERY_NOT_INDEXED,
        `query on ${coll.name} (${coll.docs.size} documents) by {${fields.join(', ')}} is not served by an index; declare one in the index schema`,
      );
    }
  }
}

interface IndexBounds {
  /** The query's conditions on the index's fields: what the index range holds. */
  test: CompiledQuery;
  keys: Record<string, 1 | -1>;
  /** Index fields with an equality condition, in index order from the first. */
  equalityPrefix: number;
}

/** The part of `query` an index on `indexName` answers by itself (top-level and `$and` conditions on its fields). */
function indexBounds(coll: Collection, indexName: string, query: Doc): IndexBounds | undefined {
  if (indexName === '_id') return undefined;
  const index = coll.indexes.find((i) => i.name === indexName);
  if (!index) return undefined; // an `$or` of several indexes: their union is what is examined
  const conds = topLevelConditions(query);
  const parts: Doc[] = [];
  for (const [field, cond] of conds) if (index.fields.includes(field)) parts.push({ [field]: cond });
  let equalityPrefix = 0;
  for (const f of index.fields) {
    const cond = conds.find(([field]) => field === f)?.[1];
    if (cond === undefined || !isEquality(cond)) break;
    equalityPrefix += 1;
  }
  return { test: compileQuery(parts.length ? { $and: parts } : {}), keys: index.decl.keys, equalityPrefix };
}

function topLevelConditions(query: Doc): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const visit = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
      } else if (!k.startsWith('$')) out.push([k, v]);
    }
  };
  visit(query);
  return out;
}

function isEquality(cond: unknown): boolean {
  if (!isPlainObject(cond)) return !(cond instanceof RegExp);
  const ops = Object.keys(cond);
  return ops.length === 1 && (ops[0] === '$eq' || (ops[0] === '$in' && Array.isArray(cond.$in) && cond.$in.length === 1));
}

/** Whether walking the index after its equality prefix yields `order` (all in its direction or all reversed). */
function givesOrder(bounds: IndexBounds, order: Record<string, 1 | -1>): boolean {
  const fields = Object.keys(bounds.keys).slice(bounds.equalityPrefix);
  const wanted = Object.entries(order);
  if (wanted.length === 0 || wanted.length > fields.length) return false;
  let sign = 0;
  for (let i = 0; i < wanted.length; i++) {
    const [f, dir] = wanted[i];
    if (fields[i] !== f) return false;
    const s = dir * bounds.keys[f];
    if (sign === 0) sign = s;
    else if (s !== sign) return false;
  }
  return true;
}

function inTransaction(body: Record<string, unknown>): boolean {
  return body.transactionId !== undefined && body.transactionId !== null && body.transactionId !== '';
}

/** What walking `iterated` through an index with `bounds` examines: the documents inside its bounds, or, when the index yields the page's order, only up to the page. */
function examinedBy(bounds: IndexBounds | undefined, iterated: Doc[], compiled: CompiledQuery, page: PageBounds, matched: number): number {
  if (!bounds) return iterated.length;
  const inBounds = iterated.filter((doc) => bounds.test.test(doc));
  if (page.order && page.upTo !== undefined && matched > page.upTo && givesOrder(bounds, page.order)) {
    let examined = 0;
    let found = 0;
    for (const doc of sortDocs(inBounds, page.order)) {
      examined += 1;
      if (compiled.test(doc)) found += 1;
      if (found >= page.upTo) break;
    }
    return examined;
  }
  return inBounds.length;
}
