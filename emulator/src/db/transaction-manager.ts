/**
 * Transactions with CloudBase's semantics, which are MongoDB's snapshot isolation:
 *
 * - A transaction reads one snapshot, taken when it starts: documents committed by others later
 *   are invisible to it (their earlier versions are kept for it, see `recordCommitted`).
 * - Reads never lock and never wait.
 * - A write takes the document's transaction lock. A second transaction writing the same
 *   document, or writing a document committed by someone else since its snapshot, fails at once
 *   with DATABASE_TRANSACTION_CONFLICT and is aborted (first writer wins; the SDK's
 *   runTransaction starts over). A non-transactional write to a locked document waits until the
 *   lock's transaction ends ("普通的更新操作会被阻塞，直到事务锁释放或者超时").
 * - Nothing a transaction only read is checked at commit: two transactions that each read what
 *   the other writes both commit (write skew).
 * - A transaction not committed or rolled back within 30 s is gone; any later use of it, like use
 *   after commit or rollback, answers DATABASE_TRANSACTION_FAIL (TransactionNotExist).
 *
 * Sources: WeChat cloud guide, database/transaction ("快照隔离" and "事务锁");
 * docs.cloudbase.net error-code DATABASE_TRANSACTION_FAIL (30 s).
 *
 * Timeouts use performance.now(): the emulator's test clock shifts Date, and a shifted clock
 * must not expire every open transaction at once.
 */
import { randomBytes } from 'node:crypto';
import { EmulatorError } from '../contracts';
import { transactionConflict, transactionNotExist } from './db-errors';
import type { Doc } from './ejson-codec';
import type { DocId } from './durable-store';

export interface TxWrite {
  coll: string;
  id: DocId;
  /** null = deleted by this transaction. */
  doc: Doc | null;
}

export class Transaction {
  state: 'active' | 'committed' | 'aborted' = 'active';
  endReason?: string;
  readonly startedAt = performance.now();
  /** `coll\0idKey` -> buffered write. Insertion order is commit order. */
  readonly writes = new Map<string, TxWrite>();
  /**
   * `coll\0idKey` -> the document as this transaction's snapshot has it (null = absent), for
   * every document someone else committed a change to after the snapshot was taken.
   */
  readonly snapshot = new Map<string, Doc | null>();
  /** Unique-index keys this transaction's pending documents claim (see `claimKey`). */
  readonly claims = new Set<string>();
  /** Write locks this transaction holds. */
  readonly locks = new Set<string>();
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;

  constructor(readonly id: string) {
    this.ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));
  }

  /** @internal */
  markEnded(): void {
    this.resolveEnded();
  }
}

export function lockKey(coll: string, idKey: string): string {
  return `${coll}\u0000${idKey}`;
}

/** The key under which a pending document claims a unique index entry. */
export function claimKey(coll: string, index: string, tuple: string): string {
  return `${coll}\u0000${index}\u0000${tuple}`;
}

export interface TransactionManagerOptions {
  /** Longest life of a transaction before it is aborted (default 30 s, as CloudBase). */
  lifetimeMs?: number;
}

/** A change a commit made, with the document as it was before (null = absent). */
export interface CommittedChange {
  key: string;
  before: Doc | null;
}

export class TransactionManager {
  private readonly active = new Map<string, Transaction>();
  /** Write locks: `coll\0idKey` -> the transaction holding it. */
  private readonly writeLocks = new Map<string, Transaction>();
  /** Unique-index claims of pending documents -> their transaction. */
  private readonly claimHolders = new Map<string, Transaction>();
  private readonly sweeper: NodeJS.Timeout;
  readonly counters = { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0 };
  private readonly lifetimeMs: number;

  constructor(options: TransactionManagerOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? 30_000;
    this.sweeper = setInterval(() => this.expire(), Math.min(1000, Math.max(50, this.lifetimeMs / 4)));
    this.sweeper.unref();
  }

  get activeCount(): number {
    return this.active.size;
  }

  start(): Transaction {
    const tx = new Transaction(randomBytes(16).toString('hex'));
    this.active.set(tx.id, tx);
    this.counters.started++;
    return tx;
  }

  /** The active transaction for a request's `transactionId`, or the error CloudBase would give. */
  require(id: unknown): Transaction {
    const tx = typeof id === 'string' ? this.active.get(id) : undefined;
    if (!tx) throw transactionNotExist();
    return tx;
  }

  /**
   * Before `tx` writes the document `key`: fail at once (and abort `tx`) when another
   * transaction holds its lock or someone committed a change to it after `tx`'s snapshot.
   */
  checkWritable(tx: Transaction, key: string): void {
    const holder = this.writeLocks.get(key);
    if (holder && holder !== tx) throw this.conflict(tx, `${describeKey(key)} is being written by another transaction`);
    if (tx.snapshot.has(key)) throw this.conflict(tx, `${describeKey(key)} changed after this transaction started`);
  }

  /** `tx` holds the lock of the document `key` until it ends. */
  lock(tx: Transaction, key: string): void {
    this.writeLocks.set(key, tx);
    tx.locks.add(key);
  }

  /** The other transaction claiming a unique key, if any. */
  claimedByOther(tx: Transaction | undefined, claim: string): Transaction | undefined {
    const holder = this.claimHolders.get(claim);
    return holder && holder !== tx ? holder : undefined;
  }

  /** Replace `tx`'s claims for one document's old pending version with those of its new one. */
  reclaim(tx: Transaction, dropped: string[], added: string[]): void {
    for (const c of dropped) {
      if (this.claimHolders.get(c) === tx) this.claimHolders.delete(c);
      tx.claims.delete(c);
    }
    for (const c of added) {
      this.claimHolders.set(c, tx);
      tx.claims.add(c);
    }
  }

  /** Transactions a non-transactional write to these documents / unique keys must wait for. */
  blockers(docKeys: Iterable<string>, claims: Iterable<string> = []): Transaction[] {
    const out = new Set<Transaction>();
    for (const k of docKeys) {
      const t = this.writeLocks.get(k);
      if (t) out.add(t);
    }
    for (const c of claims) {
      const t = this.claimHolders.get(c);
      if (t) out.add(t);
    }
    return [...out];
  }

  /**
   * Called with every commit, before it is applied: each open transaction keeps the version its
   * snapshot has of every document the commit changes (the first such change wins).
   */
  recordCommitted(changes: CommittedChange[], committer?: Transaction): void {
    if (this.active.size === 0) return;
    for (const tx of this.active.values()) {
      if (tx === committer) continue;
      for (const { key, before } of changes) if (!tx.snapshot.has(key)) tx.snapshot.set(key, before);
    }
  }

  markCommitted(tx: Transaction): void {
    tx.state = 'committed';
    tx.endReason = 'committed';
    this.counters.committed++;
    this.finish(tx);
  }

  /** Abort and release; `conflict` counts it as a conflict (the SDK will retry). */
  abort(tx: Transaction, reason: string, conflict = false): void {
    if (tx.state !== 'active') return;
    tx.state = 'aborted';
    tx.endReason = reason;
    this.counters.aborted++;
    if (conflict) this.counters.conflicts++;
    this.finish(tx);
  }

  /** Abort with a conflict and return the error to answer with. */
  conflict(tx: Transaction, reason: string): EmulatorError {
    this.abort(tx, reason, true);
    return transactionConflict(`write conflict: ${reason}; the transaction is aborted`);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const tx of [...this.active.values()]) this.abort(tx, 'database closed');
  }

  private finish(tx: Transaction): void {
    this.active.delete(tx.id);
    for (const k of tx.locks) if (this.writeLocks.get(k) === tx) this.writeLocks.delete(k);
    tx.locks.clear();
    for (const c of tx.claims) if (this.claimHolders.get(c) === tx) this.claimHolders.delete(c);
    tx.claims.clear();
    tx.writes.clear();
    tx.snapshot.clear();
    tx.markEnded();
  }

  private expire(): void {
    const now = performance.now();
    for (const tx of [...this.active.values()]) {
      if (now - tx.startedAt > this.lifetimeMs) {
        this.counters.expired++;
        this.abort(tx, `transaction expired after ${this.lifetimeMs} ms`);
      }
    }
  }
}

function describeKey(key: string): string {
  const [coll, id] = key.split('\u0000');
  return `document ${JSON.stringify(id)} in ${coll}`;
}
