/**
 * The `database.*` half of the SDK's wire protocol over the embedded store. Each action parses
 * its request, computes the complete change set against the current state, and applies it in
 * one synchronous step before waiting for the log: so a failed check writes nothing, a
 * multi-document write is atomic, and a conditional update is a true compare-and-set.
 */
import type { AdminActionHandler, IndexDeclaration, RequestMeta } from '../contracts';
import { EmulatorError } from '../contracts';
import { DbErrorCode, duplicateKey, invalidParam, requestFailed } from './db-errors';
import { cloneDoc, isPlainObject, newObjectIdString, parseEjsonText, toEjsonText, type Doc } from './ejson-codec';
import { CollectionStore } from './collection-store';
import { DurableStore, idKeyOf, type DocId, type StoreStats, type WalChange } from './durable-store';
import { compileQuery, projectDocs, sortDocs } from './mingo-engine';
import { lockKey, Transaction, TransactionManager, type CommittedChange } from './transaction-manager';
import { TransactionWrites } from './transaction-writes';
import { applyMutation, equalitySeed, prepareNewDocument, toModifier, toReplacement, type Mutation } from './mutations';
import { DatabaseReads, newReadFigures, type ReadFigures, type ScanStats } from './reads';
import {
  nonNegativeInt,
  notInTransaction,
  optionalBool,
  parseOrder,
  parseProjection,
  parseQuery,
  parseQueryType,
  validCollectionName,
  type QueryType,
} from './request-parsing';

export type { ReadFigures, ScanStats } from './reads';

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

export class Database implements AdminActionHandler {
  private seq: number;
  private closing = false;
  private compaction?: Promise<void>;
  private inflight = 0;
  private idle?: () => void;
  private readonly reads: DatabaseReads;
  private readonly txw: TransactionWrites;
  private readonly txm: TransactionManager;
  private readonly compactAfterBytes: number;

  constructor(
    private readonly store: CollectionStore,
    private readonly wal: DurableStore,
    lastSeq: number,
    private readonly options: DatabaseOptions,
  ) {
    this.seq = lastSeq;
    this.reads = new DatabaseReads(store, options);
    this.compactAfterBytes = options.compactAfterBytes ?? 64 * 1024 * 1024;
    this.txm = new TransactionManager({ lifetimeMs: options.transactionLifetimeMs });
    this.txw = new TransactionWrites(store, this.txm);
  }

  handles(action: string): boolean {
    return action.startsWith('database.');
  }

  /** Answers one request; its documents examined and returned are added to `meta.reads` when given. */
  async handle(action: string, body: Record<string, unknown>, meta: RequestMeta): Promise<Record<string, unknown>> {
    if (this.closing) throw requestFailed('the database is shutting down');
    if (this.wal.failed) throw requestFailed(`the database stopped after a storage failure: ${this.wal.failed.message}`);
    if (this.options.debug) console.debug(`[emulator:db] ${action} ${String(body.collectionName ?? '')} ${meta.requestId}`);
    this.inflight++;
    try {
      return await this.dispatch(action, body, meta.reads ?? newReadFigures());
    } finally {
      this.inflight--;
      if (this.inflight === 0) this.idle?.();
    }
  }

  private dispatch(action: string, body: Record<string, unknown>, reads: ReadFigures): Promise<Record<string, unknown>> | Record<string, unknown> {
    const now = Date.now();
    switch (action) {
      case 'database.addCollection':
        return this.addCollection(body);
      case 'database.insertDocument':
        return this.insertDocument(body, now);
      case 'database.getDocument':
        return this.getDocument(body, now, reads);
      case 'database.calculateDocument':
        return this.reads.count(body, now, reads);
      case 'database.modifyDocument':
        return this.modifyDocument(body, now, false, reads);
      case 'database.modifyAndReturnDoc':
        return this.modifyDocument(body, now, true, reads);
      case 'database.removeDocument':
        return this.removeDocument(body, now, reads);
      case 'database.aggregateDocuments':
        return this.reads.aggregate(body, now, reads);
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
    this.reads.strictIndexes = mode;
    if (threshold !== undefined) this.reads.strictIndexThreshold = threshold;
  }

  stats(): DatabaseStats {
    const perCollection: Record<string, number> = {};
    for (const name of this.store.names()) perCollection[name] = this.store.get(name)!.docs.size;
    return {
      collections: this.store.names().length,
      documents: this.store.documentCount(),
      perCollection,
      indexes: this.store.indexDeclarations().map((d) => ({ collection: d.collection, name: d.name, keys: d.keys, unique: d.unique === true })),
      scans: this.reads.stats(),
      transactions: { active: this.txm.activeCount, ...this.txm.counters },
      wal: this.wal.stats(),
      seq: this.seq,
      strictIndexes: this.reads.strictIndexes,
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
        if (seen.has(idKey) || this.txw.read(tx, coll, idKey)) throw this.duplicateId(name, doc._id);
        seen.add(idKey);
        // Absent from the snapshot but committed since, or being inserted by another
        // transaction: txWrite answers the conflict.
        this.txw.write(tx, coll, idKey, doc);
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
      if (await this.txw.waitForLocks(coll, [...seen], docs)) continue;
      await this.commit(docs.map((doc) => ({ op: 'put', coll: name, doc })));
      return { data: { insertedIds: ids } };
    }
  }

  private async getDocument(body: Record<string, unknown>, now: number, reads: ReadFigures): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const query = parseQuery(body, now);
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
      const doc = this.txw.read(tx, coll, this.singleDocument(body, query, 'get'));
      if (doc) reads.examined += 1;
      page = doc && compiled.test(doc) ? [doc] : [];
    } else {
      const stopAfter = order ? undefined : offset + limit;
      const matches = this.reads.match(coll, query, compiled, reads, stopAfter, { order, upTo: offset + limit });
      page = sortDocs(
        matches.map((m) => m.doc),
        order,
      ).slice(offset, offset + limit);
    }
    const out = projectDocs(page, projection);
    reads.returned += out.length;
    return { data: { list: out.map(toEjsonText) } };
  }

  private async modifyDocument(body: Record<string, unknown>, now: number, returnDoc: boolean, reads: ReadFigures): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const queryType = parseQueryType(body.queryType, returnDoc ? 'WHERE' : undefined);
    const query = parseQuery(body, now);
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
      const current = this.txw.read(tx, coll, idKey);
      if (current) reads.examined += 1;
      if (current && compiled.test(current)) {
        const next = applyMutation(current, mutation, query, false);
        if (next) this.txw.write(tx, coll, idKey, next);
        // CloudBase counts a matched document in `updated`, changed or not.
        return { data: { updated: 1 } };
      }
      if (!upsert) return { data: { updated: 0 } };
      const created = this.upsertDocument(query, queryType, merge, mutation);
      this.txw.write(tx, coll, idKeyOf(created._id as DocId), created);
      return { data: { updated: 0, upsert_id: created._id } };
    }

    for (;;) {
      const coll = this.store.require(name);
      const targets = this.reads.match(coll, query, compiled, reads, multi ? undefined : 1);
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
      if (await this.txw.waitForLocks(coll, touched, puts)) continue;
      await this.commit(puts.map((doc) => ({ op: 'put', coll: name, doc })));

      // CloudBase counts every matched document in `updated`, changed or not (the SDK's own tests expect 1).
      const updated = upsertId === undefined ? targets.length : 0;
      if (returnDoc && resultDoc) reads.returned += 1;
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

  private async removeDocument(body: Record<string, unknown>, now: number, reads: ReadFigures): Promise<Record<string, unknown>> {
    const name = validCollectionName(body.collectionName);
    const queryType = parseQueryType(body.queryType);
    const query = parseQuery(body, now);
    const multi = optionalBool(body.multi, 'multi') ?? queryType === 'WHERE';
    const compiled = compileQuery(query);
    const tx = this.transactionOf(body);
    this.store.require(name);

    if (tx) {
      const coll = this.store.require(name);
      const idKey = this.singleDocument(body, query, 'remove');
      const current = this.txw.read(tx, coll, idKey);
      if (current) reads.examined += 1;
      if (!current || !compiled.test(current)) return { data: { deleted: 0 } };
      this.txw.write(tx, coll, idKey, null);
      return { data: { deleted: 1 } };
    }
    for (;;) {
      const coll = this.store.require(name);
      const targets = this.reads.match(coll, query, compiled, reads, multi ? undefined : 1);
      if (await this.txw.waitForLocks(coll, targets.map((t) => t.idKey), [])) continue;
      await this.commit(targets.map(({ doc }) => ({ op: 'del', coll: name, id: doc._id as DocId })));
      return { data: { deleted: targets.length } };
    }
  }

  private async commitTransaction(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const tx = this.txm.require(body.transactionId);
    // Nothing the transaction only read is checked: write skew commits, as in CloudBase.
    const changes = this.txw.changes(tx);
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

  /**
   * A transaction's operations are single-document, by `_id` ("在事务中不支持批量操作（where
   * 语句），只支持单记录操作", WeChat cloud guide, database/transaction): the id key, or refuse.
   */
  private singleDocument(body: Record<string, unknown>, query: Doc, op: string): string {
    const id = query._id;
    if (body.queryType !== 'DOC' || (typeof id !== 'string' && typeof id !== 'number')) throw notInTransaction(`${op} by a where query`);
    this.reads.countIdLookup();
    return idKeyOf(id);
  }

  private transactionOf(body: Record<string, unknown>): Transaction | undefined {
    if (body.transactionId === undefined || body.transactionId === null || body.transactionId === '') return undefined;
    return this.txm.require(body.transactionId);
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
