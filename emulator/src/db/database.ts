/**
 * The `database.*` half of the SDK's wire protocol over the embedded store. Each action parses
 * its request, computes the complete change set against the current state, and applies it in
 * one synchronous step before waiting for the log: so a failed check writes nothing, a
 * multi-document write is atomic, and a conditional update is a true compare-and-set.
 */
import type { AdminActionHandler, IndexDeclaration, RequestMeta } from '../contracts';
import { EmulatorError } from '../contracts';
import { DbErrorCode, duplicateKey, invalidParam, requestFailed } from './db-errors';
import {
  cloneDoc,
  isPlainObject,
  newObjectIdString,
  parseEjsonText,
  stripUndefined,
  toEjsonText,
  type Doc,
} from './ejson-codec';
import { CollectionStore, type Collection } from './collection-store';
import { DurableStore, idKeyOf, type DocId, type StoreStats, type WalChange } from './durable-store';
import { applyUpdateOperators, compileQuery, projectDocs, runPipeline, sortDocs, type CompiledQuery } from './mingo-engine';
import { claimKey, lockKey, Transaction, TransactionManager, type CommittedChange } from './transaction-manager';
import { validateUpdateAgainst, validateUpdateShape } from './update-guard';
import { describeTuple } from './index-registry';
import { ObjectId } from 'bson';

export interface DatabaseOptions {
  dataDir: string;
  indexes?: IndexDeclaration[];
  /** Env id used in messages such as E11000's `collection: <env>.<name>` (default 'local'). */
  envName?: string;
  /**
   * Refuse unindexed queries: `true` refuses a full scan of a collection holding more than
   * `strictIndexThreshold` documents, `'all'` refuses every full scan. `_id` lookups are indexed.
   */
  strictIndexes?: boolean | 'all';
  /** Collection size above which `strictIndexes: true` refuses a full scan (default 1000). */
  strictIndexThreshold?: number;
  /** fsync before acknowledging (default true). */
  sync?: boolean;
  /** Write a snapshot and drop the log once the log exceeds this many bytes (default 64 MiB). */
  compactAfterBytes?: number;
  /** Abort transactions older than this (default 30 s, as CloudBase). */
  transactionLifetimeMs?: number;
  /** Log every action to the console. */
  debug?: boolean;
}

export interface ScanStats {
  /** Queries whose candidates came from `_id` or a declared index. */
  indexed: number;
  /** Queries that read every document of their collection. */
  full: number;
  byCollection: Record<string, { indexed: number; full: number }>;
  /** The latest distinct unindexed query shapes (field names only), newest last. */
  unindexed: Array<{ collection: string; fields: string[]; documents: number }>;
}

export interface DatabaseStats {
  collections: number;
  documents: number;
  perCollection: Record<string, number>;
  indexes: Array<{ collection: string; name: string; keys: Record<string, 1 | -1>; unique: boolean }>;
  scans: ScanStats;
  transactions: { active: number; started: number; committed: number; aborted: number; conflicts: number; expired: number };
  wal: StoreStats;
  seq: number;
  strictIndexes: boolean | 'all';
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const MAX_UNINDEXED_SAMPLES = 50;

interface Match {
  idKey: string;
  doc: Doc;
}

type QueryType = 'WHERE' | 'DOC';

export class Database implements AdminActionHandler {
  private seq: number;
  private closing = false;
  private compaction?: Promise<void>;
  private inflight = 0;
  private idle?: () => void;
  private strictIndexes: boolean | 'all';
  private strictIndexThreshold: number;
  private readonly scans: ScanStats = { indexed: 0, full: 0, byCollection: {}, unindexed: [] };
  private readonly txm: TransactionManager;
  private readonly compactAfterBytes: number;

  constructor(
    private readonly store: CollectionStore,
    private readonly wal: DurableStore,
    lastSeq: number,
    private readonly options: DatabaseOptions,
  ) {
    this.seq = lastSeq;
    this.strictIndexes = options.strictIndexes ?? false;
    this.strictIndexThreshold = options.strictIndexThreshold ?? 1000;
    this.compactAfterBytes = options.compactAfterBytes ?? 64 * 1024 * 1024;
    this.txm = new TransactionManager({ lifetimeMs: options.transactionLifetimeMs });
  }

  handles(action: string): boolean {
    return action.startsWith('database.');
  }

  async handle(action: string, body: Record<string, unknown>, meta: RequestMeta): Promise<Record<string, unknown>> {
    if (this.closing) throw requestFailed('the database is shutting down');
    if (this.wal.failed) throw requestFailed(`the database stopped after a storage failure: ${this.wal.failed.message}`);
    if (this.options.debug) console.debug(`[emulator:db] ${action} ${String(body.collectionName ?? '')} ${meta.requestId}`);
    this.inflight++;
    try {
      return await this.dispatch(action, body);
    } finally {
      this.inflight--;
      if (this.inflight === 0) this.idle?.();
    }
  }

  private dispatch(action: string, body: Record<string, unknown>): Promise<Record<string, unknown>> | Record<string, unknown> {
    const now = Date.now();
    switch (action) {
      case 'database.addCollection':
        return this.addCollection(body);
      case 'database.insertDocument':
        return this.insertDocument(body, now);
      case 'database.getDocument':
        return this.getDocument(body, now);
      case 'database.calculateDocument':
        return this.calculateDocument(body, now);
      case 'database.modifyDocument':
        return this.modifyDocument(body, now, false);
      case 'database.modifyAndReturnDoc':
        return this.modifyDocument(body, now, true);
      case 'database.removeDocument':
        return this.removeDocument(body, now);
      case 'database.aggregateDocuments':
        return this.aggregateDocuments(body, now);
      case 'database.startTransaction':
        return { transactionId: this.txm.start().id };
      case 'database.commitTransaction':
        return this.commitTransaction(body);
      case 'database.abortTransaction':
        return this.abortTransaction(body);
      default:
        throw new EmulatorError(DbErrorCode.INVALID_ACTION, `unknown action: ${action}`);
    }
  }

  // ---------------------------------------------------------------- public API for the composition layer

  /** Create a collection (what `db.createCollection` and a deploy do). Resolves once durable. */
  async createCollection(name: string): Promise<void> {
    await this.addCollection({ collectionName: name });
  }

  /** Drop a collection and its documents (dev tooling; the SDK has no such call). */
  async dropCollection(name: string): Promise<void> {
    this.store.require(validCollectionName(name));
    await this.commit([{ op: 'rm', coll: name }]);
  }

  /** Replace the index declarations; throws the E11000 error if existing data violates a unique one. */
  defineIndexes(decls: IndexDeclaration[]): void {
    this.store.defineIndexes(decls);
  }

  setStrictIndexes(mode: boolean | 'all', threshold?: number): void {
    this.strictIndexes = mode;
    if (threshold !== undefined) this.strictIndexThreshold = threshold;
  }

  stats(): DatabaseStats {
    const perCollection: Record<string, number> = {};
    for (const name of this.store.names()) perCollection[name] = this.store.get(name)!.docs.size;
    return {
      collections: this.store.names().length,
      documents: this.store.documentCount(),
      perCollection,
      indexes: this.store.indexDeclarations().map((d) => ({ collection: d.collection, name: d.name, keys: d.keys, unique: d.unique === true })),
      scans: structuredClone(this.scans),
      transactions: { active: this.txm.activeCount, ...this.txm.counters },
      wal: this.wal.stats(),
      seq: this.seq,
      strictIndexes: this.strictIndexes,
    };
  }

  /** Write a snapshot and truncate the log. Concurrent writers continue meanwhile. */
  compact(): Promise<void> {
    if (this.compaction) return this.compaction;
    const view: Array<[string, Doc[]]> = this.store.names().map((name) => [name, [...this.store.get(name)!.docs.values()]]);
    const run = this.wal.snapshot(this.seq, view).finally(() => {
      this.compaction = undefined;
    });
    this.compaction = run;
    return run;
  }

  /** Abort open transactions, finish in-flight requests, snapshot, and release the data directory. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.txm.close();
    if (this.inflight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
    if (this.compaction) await this.compaction.catch(() => undefined);
    if (!this.wal.failed) await this.compact();
    await this.wal.close();
  }

  // ---------------------------------------------------------------- actions

  private async addCollection(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    if (this.store.has(name)) {
      throw new EmulatorError(DbErrorCode.COLLECTION_ALREADY_EXIST, `Table exist: collection ${name} already exists`);
    }
    await this.commit([{ op: 'mk', coll: name }]);
    return {};
  }

  private async insertDocument(body: Record<string, unknown>, now: number): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const data = body.data;
    if (!Array.isArray(data) || data.length === 0) throw invalidParam('data must be a non-empty array of EJSON documents');
    const docs = data.map((text, i) => prepareNewDocument(parseEjsonText(text, `data[${i}]`, now)));
    const ids = docs.map((d) => d._id as DocId);
    const tx = this.transactionOf(body);
    this.store.require(name);

    if (tx) {
      const coll = this.store.require(name);
      const seen = new Set<string>();
      for (const doc of docs) {
        const idKey = idKeyOf(doc._id as DocId);
        if (seen.has(idKey) || this.txRead(tx, coll, idKey)) throw this.duplicateId(name, doc._id);
        seen.add(idKey);
        // Absent from the snapshot but committed since, or being inserted by another
        // transaction: txWrite answers the conflict.
        this.txWrite(tx, coll, idKey, doc);
      }
      return { data: { insertedIds: ids } };
    }

    for (;;) {
      const coll = this.store.require(name);
      const seen = new Set<string>();
      for (const doc of docs) {
        const idKey = idKeyOf(doc._id as DocId);
        if (seen.has(idKey) || coll.docs.has(idKey)) throw this.duplicateId(name, doc._id);
        seen.add(idKey);
      }
      if (await this.waitForLocks(coll, [...seen], docs)) continue;
      await this.commit(docs.map((doc) => ({ op: 'put', coll: name, doc })));
      return { data: { insertedIds: ids } };
    }
  }

  private async getDocument(body: Record<string, unknown>, now: number): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const query = this.parseQuery(body, now);
    const order = body.order === undefined || body.order === '' ? undefined : parseOrder(parseEjsonText(body.order, 'order', now));
    const projection = body.projection === undefined || body.projection === '' ? undefined : parseProjection(parseEjsonText(body.projection, 'projection', now));
    const offset = nonNegativeInt(body.offset, 'offset') ?? 0;
    const requested = nonNegativeInt(body.limit, 'limit');
    const limit = !requested ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
    const compiled = compileQuery(query);
    const tx = this.transactionOf(body);
    const coll = this.store.require(name);

    let page: Doc[];
    if (tx) {
      const doc = this.txRead(tx, coll, this.singleDocument(body, query, 'get'));
      page = doc && compiled.test(doc) ? [doc] : [];
    } else {
      const stopAfter = order ? undefined : offset + limit;
      const matches = this.match(coll, query, compiled, stopAfter, order !== undefined);
      page = sortDocs(
        matches.map((m) => m.doc),
        order,
      ).slice(offset, offset + limit);
    }
    const out = projectDocs(page, projection);
    return { data: { list: out.map(toEjsonText) } };
  }

  private async calculateDocument(body: Record<string, unknown>, now: number): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const query = this.parseQuery(body, now);
    const compiled = compileQuery(query);
    if (this.transactionOf(body)) throw notInTransaction('count');
    const coll = this.store.require(name);
    const total = this.match(coll, query, compiled).length;
    return { data: { total } };
  }

  private async modifyDocument(body: Record<string, unknown>, now: number, returnDoc: boolean): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const queryType = parseQueryType(body.queryType, returnDoc ? 'WHERE' : undefined);
    const query = this.parseQuery(body, now);
    const merge = optionalBool(body.merge, 'merge') ?? true;
    const upsert = !returnDoc && (optionalBool(body.upsert, 'upsert') ?? false);
    const multi = !returnDoc && (optionalBool(body.multi, 'multi') ?? queryType === 'WHERE');
    if (body.data === undefined) throw invalidParam('data is required');
    const raw = parseEjsonText(body.data, 'data', now);
    if (!isPlainObject(raw)) throw invalidParam('data must be an object');
    const mutation = merge ? toModifier(raw) : toReplacement(raw);
    const compiled = compileQuery(query);
    const tx = this.transactionOf(body);
    this.store.require(name);

    if (tx) {
      if (returnDoc) throw notInTransaction('findOneAndUpdate');
      const coll = this.store.require(name);
      const idKey = this.singleDocument(body, query, 'update');
      const current = this.txRead(tx, coll, idKey);
      if (current && compiled.test(current)) {
        const next = applyMutation(current, mutation, query, false);
        if (next) this.txWrite(tx, coll, idKey, next);
        // CloudBase counts a matched document in `updated`, changed or not.
        return { data: { updated: 1 } };
      }
      if (!upsert) return { data: { updated: 0 } };
      const created = this.upsertDocument(query, queryType, merge, mutation);
      this.txWrite(tx, coll, idKeyOf(created._id as DocId), created);
      return { data: { updated: 0, upsert_id: created._id } };
    }

    for (;;) {
      const coll = this.store.require(name);
      const targets = this.match(coll, query, compiled, multi ? undefined : 1);
      const puts: Doc[] = [];
      let resultDoc: Doc | null = null;
      for (const { doc } of targets) {
        const next = applyMutation(doc, mutation, query, false);
        resultDoc = next ?? doc;
        if (next) puts.push(next);
      }

      let upsertId: DocId | undefined;
      if (targets.length === 0 && upsert) {
        const prepared = this.upsertDocument(query, queryType, merge, mutation);
        upsertId = prepared._id as DocId;
        if (coll.docs.has(idKeyOf(upsertId))) throw this.duplicateId(name, upsertId);
        puts.push(prepared);
        resultDoc = prepared;
      }

      const touched = targets.map((t) => t.idKey);
      if (upsertId !== undefined) touched.push(idKeyOf(upsertId));
      if (await this.waitForLocks(coll, touched, puts)) continue;
      await this.commit(puts.map((doc) => ({ op: 'put', coll: name, doc })));

      // CloudBase counts every matched document in `updated`, changed or not (the SDK's own tests expect 1).
      const updated = upsertId === undefined ? targets.length : 0;
      if (returnDoc) return { data: { updated, doc: resultDoc ? toEjsonText(resultDoc) : null } };
      return { data: upsertId === undefined ? { updated } : { updated, upsert_id: upsertId } };
    }
  }

  /** The document an upsert creates when nothing matched. */
  private upsertDocument(query: Doc, queryType: QueryType, merge: boolean, mutation: Mutation): Doc {
    const seed = queryType === 'DOC' || merge ? equalitySeed(query) : {};
    const base: Doc = { ...seed };
    if (base._id === undefined) base._id = newObjectIdString();
    const created = mutation.kind === 'replace' ? { ...cloneDoc(mutation.doc), _id: base._id } : (applyMutation(base, mutation, undefined, true) ?? base);
    return prepareNewDocument(created);
  }

  private async removeDocument(body: Record<string, unknown>, now: number): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const queryType = parseQueryType(body.queryType);
    const query = this.parseQuery(body, now);
    const multi = optionalBool(body.multi, 'multi') ?? queryType === 'WHERE';
    const compiled = compileQuery(query);
    const tx = this.transactionOf(body);
    this.store.require(name);

    if (tx) {
      const coll = this.store.require(name);
      const idKey = this.singleDocument(body, query, 'remove');
      const current = this.txRead(tx, coll, idKey);
      if (!current || !compiled.test(current)) return { data: { deleted: 0 } };
      this.txWrite(tx, coll, idKey, null);
      return { data: { deleted: 1 } };
    }
    for (;;) {
      const coll = this.store.require(name);
      const targets = this.match(coll, query, compiled, multi ? undefined : 1);
      if (await this.waitForLocks(coll, targets.map((t) => t.idKey), [])) continue;
      await this.commit(targets.map(({ doc }) => ({ op: 'del', coll: name, id: doc._id as DocId })));
      return { data: { deleted: targets.length } };
    }
  }

  private async aggregateDocuments(body: Record<string, unknown>, now: number): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    if (!Array.isArray(body.stages)) throw invalidParam('stages must be an array');
    const pipeline = body.stages.map((s, i) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
        throw invalidParam(`stages[${i}] must be {stageKey: '$stage', stageValue: '<EJSON>'}`);
      }
      return { [s.stageKey]: parseEjsonText(s.stageValue, `stages[${i}].stageValue`, now) } as Doc;
    });
    if (this.transactionOf(body)) throw notInTransaction('aggregate');
    const coll = this.store.require(name);
    const first = pipeline[0];
    let source: Doc[];
    if (first && '$match' in first && isPlainObject(first.$match)) {
      const compiled = compileQuery(first.$match);
      source = this.match(coll, first.$match, compiled).map((m) => m.doc);
    } else {
      this.countScan(coll, undefined);
      source = [...coll.docs.values()];
    }
    const resolve = (foreign: string): Doc[] => {
      const c = this.store.get(foreign);
      return c ? [...c.docs.values()].map(cloneDoc) : [];
    };
    const list = runPipeline(source, pipeline, resolve);
    return { data: { list: list.map(toEjsonText) } };
  }

  private async commitTransaction(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tx = this.txm.require(body.transactionId);
    // Nothing the transaction only read is checked: write skew commits, as in CloudBase.
    const changes = this.txChanges(tx);
    let durable: Promise<void>;
    try {
      for (const ch of changes) this.store.require(ch.coll);
      durable = this.commit(changes, tx);
    } catch (e) {
      this.txm.abort(tx, (e as Error).message);
      throw e;
    }
    this.txm.markCommitted(tx);
    await durable;
    return {};
  }

  private abortTransaction(body: Record<string, unknown>): Record<string, unknown> {
    this.txm.abort(this.txm.require(body.transactionId), 'rolled back by the client');
    return {};
  }

  // ---------------------------------------------------------------- reading

  private parseQuery(body: Record<string, unknown>, now: number): Doc {
    const type = parseQueryType(body.queryType, 'WHERE');
    const text = body.query;
    let query: unknown = {};
    if (text !== undefined && text !== '') {
      query = isPlainObject(text) ? text : parseEjsonText(text, 'query', now);
    }
    if (!isPlainObject(query)) throw invalidParam('query must be an object');
    if (type === 'DOC') {
      const id = query._id;
      if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('a DOC query needs an _id');
    }
    return query;
  }

  /** Matching committed documents in natural order, stopping after `stopAfter` when given. */
  private match(coll: Collection, query: Doc, compiled: CompiledQuery, stopAfter?: number, sorted = false): Match[] {
    const plan = this.store.plan(coll, query);
    // An unfiltered, unsorted read is the collection's natural order: a bounded read, not a
    // scan worth refusing (and an unfiltered count is a metadata lookup in CloudBase).
    const natural = Object.keys(query).length === 0 && !sorted;
    this.countScan(coll, plan.index === undefined && !natural ? query : null);
    const out: Match[] = [];
    const ids: Iterable<string> = plan.ids ?? coll.docs.keys();
    for (const idKey of ids) {
      const doc = coll.docs.get(idKey);
      if (doc && compiled.test(doc)) out.push({ idKey, doc });
      if (stopAfter !== undefined && out.length >= stopAfter) return out;
    }
    return out;
  }

  /**
   * A transaction's operations are single-document, by `_id` ("在事务中不支持批量操作（where
   * 语句），只支持单记录操作", WeChat cloud guide, database/transaction): the id key, or refuse.
   */
  private singleDocument(body: Record<string, unknown>, query: Doc, op: string): string {
    const id = query._id;
    if (body.queryType !== 'DOC' || (typeof id !== 'string' && typeof id !== 'number')) throw notInTransaction(`${op} by a where query`);
    this.scans.indexed++;
    return idKeyOf(id);
  }

  /** A document as the transaction sees it: its own write, else its snapshot. */
  private txRead(tx: Transaction, coll: Collection, idKey: string): Doc | undefined {
    const key = lockKey(coll.name, idKey);
    const w = tx.writes.get(key);
    if (w) return w.doc ?? undefined;
    if (tx.snapshot.has(key)) return tx.snapshot.get(key) ?? undefined;
    return coll.docs.get(idKey);
  }

  /**
   * Buffer a transaction's write of one document. First writer wins: another transaction's lock
   * on the document or on one of its unique keys, or a commit to it since the snapshot, is a
   * conflict that aborts this transaction at once. A unique key held in the snapshot is E11000.
   */
  private txWrite(tx: Transaction, coll: Collection, idKey: string, doc: Doc | null): void {
    const key = lockKey(coll.name, idKey);
    this.txm.checkWritable(tx, key);
    const newClaims = doc ? this.claimsOf(coll, doc) : [];
    if (doc) {
      for (const index of coll.indexes) {
        if (!index.unique) continue;
        for (const t of index.tupleKeys(doc)) {
          if (this.txm.claimedByOther(tx, claimKey(coll.name, index.name, t))) {
            throw this.txm.conflict(tx, `a key of the unique index ${index.name} is being written by another transaction`);
          }
          const holder = index.holderOf(t);
          if (holder === undefined || holder === idKey) continue;
          const holderKey = lockKey(coll.name, holder);
          if (tx.writes.has(holderKey)) continue; // this transaction changes that holder: judged below
          if (tx.snapshot.has(holderKey)) throw this.txm.conflict(tx, `a key of the unique index ${index.name} was committed after this transaction started`);
          throw duplicateKey(this.store.fullName(coll.name), index.name, describeTuple(index, doc));
        }
      }
    }
    const previous = tx.writes.get(key);
    tx.writes.set(key, { coll: coll.name, id: (doc?._id ?? previous?.id ?? idKey) as DocId, doc });
    try {
      this.store.checkUnique(this.txChanges(tx));
    } catch (e) {
      if (previous) tx.writes.set(key, previous);
      else tx.writes.delete(key);
      throw e;
    }
    this.txm.lock(tx, key);
    this.txm.reclaim(tx, previous?.doc ? this.claimsOf(coll, previous.doc) : [], newClaims);
  }

  private claimsOf(coll: Collection, doc: Doc): string[] {
    const out: string[] = [];
    for (const index of coll.indexes) if (index.unique) for (const t of index.tupleKeys(doc)) out.push(claimKey(coll.name, index.name, t));
    return out;
  }

  /**
   * A non-transactional write waits while a transaction holds the lock of a document it changes
   * or of a unique key it would take ("普通的更新操作会被阻塞，直到事务锁释放"). Answers whether
   * it waited, in which case the caller computes its change again.
   */
  private async waitForLocks(coll: Collection, idKeys: string[], puts: Doc[]): Promise<boolean> {
    const blockers = this.txm.blockers(
      idKeys.map((k) => lockKey(coll.name, k)),
      puts.flatMap((d) => this.claimsOf(coll, d)),
    );
    if (blockers.length === 0) return false;
    await Promise.all(blockers.map((t) => t.ended));
    return true;
  }

  private txChanges(tx: Transaction): WalChange[] {
    const out: WalChange[] = [];
    for (const w of tx.writes.values()) {
      if (w.doc) out.push({ op: 'put', coll: w.coll, doc: w.doc });
      else if (this.store.get(w.coll)?.docs.has(idKeyOf(w.id))) out.push({ op: 'del', coll: w.coll, id: w.id });
    }
    return out;
  }

  private transactionOf(body: Record<string, unknown>): Transaction | undefined {
    if (body.transactionId === undefined || body.transactionId === null || body.transactionId === '') return undefined;
    return this.txm.require(body.transactionId);
  }

  private countScan(coll: Collection, unindexedQuery: Doc | null | undefined): void {
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

  // ---------------------------------------------------------------- writing

  /**
   * Check, apply and log a change set; call synchronously after computing it. Open transactions
   * keep the versions their snapshots have of what it changes.
   */
  private commit(changes: WalChange[], committer?: Transaction): Promise<void> {
    if (changes.length === 0) return Promise.resolve();
    if (this.wal.failed) throw requestFailed(`the database stopped after a storage failure: ${this.wal.failed.message}`);
    this.store.checkUnique(changes);
    this.txm.recordCommitted(this.beforeImages(changes), committer);
    this.store.apply(changes);
    const durable = this.wal.append(++this.seq, changes);
    if (this.wal.logBytes > this.compactAfterBytes && !this.compaction && !this.closing) {
      this.compact().catch((e) => console.error('[emulator:db] compaction failed', e));
    }
    return durable.catch((e: Error) => {
      throw requestFailed(`write was not made durable: ${e.message}`);
    });
  }

  private beforeImages(changes: WalChange[]): CommittedChange[] {
    const out: CommittedChange[] = [];
    for (const ch of changes) {
      if (ch.op !== 'put' && ch.op !== 'del') continue;
      const idKey = idKeyOf(ch.op === 'put' ? (ch.doc._id as DocId) : ch.id);
      out.push({ key: lockKey(ch.coll, idKey), before: this.store.get(ch.coll)?.docs.get(idKey) ?? null });
    }
    return out;
  }

  private duplicateId(coll: string, id: unknown): EmulatorError {
    return duplicateKey(this.store.fullName(coll), '_id_', `{ _id: ${JSON.stringify(id)} }`);
  }
}

// ---------------------------------------------------------------- request parsing helpers

type Mutation = { kind: 'modifier'; modifier: Doc } | { kind: 'replace'; doc: Doc };

/**
 * `merge: true` data: update operators as the SDK encodes them. A plain object (raw mode or
 * a hand-written request) is merged field by field, which is what `merge` promises.
 */
function toModifier(raw: Doc): Mutation {
  const keys = Object.keys(raw);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length !== keys.length) throw invalidParam(`update data mixes operators and plain fields`);
  const modifier = ops.length > 0 ? raw : { $set: raw };
  validateUpdateShape(modifier);
  return { kind: 'modifier', modifier };
}

function toReplacement(raw: Doc): Mutation {
  assertStorableKeys(raw, 'data');
  if (raw._id !== undefined) throw invalidParam('a replacement document must not change _id');
  return { kind: 'replace', doc: raw };
}

/** The new version of `doc`, or null when the mutation leaves it unchanged. */
function applyMutation(doc: Doc, mutation: Mutation, condition: Doc | undefined, inserting: boolean): Doc | null {
  if (mutation.kind === 'replace') {
    const next = stripUndefined({ _id: doc._id, ...cloneDoc(mutation.doc) }) as Doc;
    return toEjsonText(next) === toEjsonText(doc) ? null : next;
  }
  let modifier = mutation.modifier;
  if ('$setOnInsert' in modifier) {
    const { $setOnInsert, ...rest } = modifier;
    modifier = inserting ? { ...rest, $set: { ...((rest.$set as Doc) ?? {}), ...($setOnInsert as Doc) } } : rest;
    if (Object.keys(modifier).length === 0) return null;
  }
  validateUpdateAgainst(doc, modifier);
  const next = cloneDoc(doc);
  const changed = applyUpdateOperators(next, modifier, condition);
  if (!changed) return null;
  const clean = stripUndefined(next) as Doc;
  if (idKeyOf(clean._id as DocId) !== idKeyOf(doc._id as DocId)) throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
  return clean;
}

/** Fields an upsert takes from its query: top-level equalities, also inside `$and`. */
function equalitySeed(query: Doc): Doc {
  const seed: Doc = {};
  const visit = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setPath(seed, k, v.$eq);
        continue;
      }
      if (v instanceof RegExp) continue;
      setPath(seed, k, v);
    }
  };
  visit(query);
  return seed;
}

function setPath(target: Doc, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur = target;
  for (let i = 0; i < segs.length - 1; i++) {
    const next = cur[segs[i]];
    if (!isPlainObject(next)) cur[segs[i]] = {};
    cur = cur[segs[i]] as Doc;
  }
  cur[segs[segs.length - 1]] = cloneDoc(value);
}

/** Validate a document about to be inserted and give it an `_id` if it has none. */
function prepareNewDocument(value: unknown): Doc {
  if (!isPlainObject(value)) throw invalidParam('a document must be an object');
  assertStorableKeys(value, 'document');
  const doc = stripUndefined(value) as Doc;
  let id = doc._id;
  if (id === undefined || id === null) id = newObjectIdString();
  else if (id instanceof ObjectId) id = id.toHexString();
  else if (typeof id === 'string') {
    if (id === '') throw invalidParam('_id must not be empty');
  } else if (typeof id !== 'number' || !Number.isFinite(id)) {
    throw invalidParam('_id must be a string or a number');
  }
  return { _id: id, ...Object.fromEntries(Object.entries(doc).filter(([k]) => k !== '_id')) };
}

function assertStorableKeys(value: unknown, what: string, depth = 0): void {
  if (Array.isArray(value)) {
    for (const v of value) assertStorableKeys(v, what, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) throw invalidParam(`${what} field names must not start with '$' ('${k}')`);
    if (k.includes('\u0000')) throw invalidParam(`${what} field names must not contain NUL`);
    assertStorableKeys(v, what, depth + 1);
  }
}

function validCollectionName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw invalidParam('collectionName must be a non-empty string');
  if (name.length > 128 || name.includes('$') || name.includes('\u0000') || name.startsWith('system.')) {
    throw invalidParam(`invalid collection name: ${JSON.stringify(name)}`);
  }
  return name;
}

function parseQueryType(value: unknown, fallback?: QueryType): QueryType {
  if (value === undefined && fallback) return fallback;
  if (value === 'WHERE' || value === 'DOC') return value;
  throw invalidParam(`queryType must be 'WHERE' or 'DOC'`);
}

function parseOrder(value: unknown): Record<string, 1 | -1> | undefined {
  if (!isPlainObject(value)) throw invalidParam('order must be an object of field -> 1 | -1');
  const out: Record<string, 1 | -1> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== 1 && v !== -1) throw invalidParam(`order direction for ${k} must be 1 or -1`);
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

function parseProjection(value: unknown): Doc | undefined {
  if (!isPlainObject(value)) throw invalidParam('projection must be an object');
  return Object.keys(value).length ? value : undefined;
}

function nonNegativeInt(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParam(`${what} must be a non-negative integer`);
  return value;
}

function optionalBool(value: unknown, what: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParam(`${what} must be a boolean`);
  return value;
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (!options || typeof options.dataDir !== 'string' || options.dataDir === '') throw new Error('createDatabase needs a dataDir');
  const { store: wal, state } = await DurableStore.open(options.dataDir, { sync: options.sync });
  try {
    const store = new CollectionStore(options.envName ?? 'local');
    store.defineIndexes(options.indexes ?? []);
    store.load(state.collections);
    return new Database(store, wal, state.lastSeq, options);
  } catch (e) {
    await wal.close();
    throw e;
  }
}

/** What a transaction refuses: CloudBase transactions take single-document operations by _id only. */
function notInTransaction(op: string): EmulatorError {
  return invalidParam(`${op} is not supported in a transaction: transactions take single-document operations by _id only (doc(id).get/set/update/remove, add)`);
}
