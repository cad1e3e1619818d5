/**
 * Transactions: writes are buffered per transaction and applied as one commit; every document a
 * transaction reads or writes is locked to it until it ends, and the version it saw is recorded.
 *
 * Locks make concurrent transactions on the same document take turns (so 20 concurrent
 * read-increment-write transactions all succeed, in sequence) instead of failing 19 of them;
 * version checks at commit catch non-transactional writes that slipped in. A transaction that
 * would deadlock, waits too long, or finds a changed version gets DATABASE_TRANSACTION_CONFLICT
 * and is aborted, which is exactly what makes the SDK's runTransaction retry it.
 *
 * Timeouts use performance.now(): the emulator's test clock shifts Date, and a shifted clock
 * must not expire every open transaction at once.
 */
import { randomBytes } from 'node:crypto';
import { EmulatorError } from '../contracts';
import { invalidParam, transactionConflict } from './db-errors';
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
  abortReason?: string;
  readonly startedAt = performance.now();
  /** `coll\0idKey` -> buffered write. Insertion order is commit order. */
  readonly writes = new Map<string, TxWrite>();
  /** `coll\0idKey` -> version first observed under the lock (0 = absent); checked at commit. */
  readonly observed = new Map<string, { coll: string; idKey: string; version: number }>();
  readonly locks = new Set<string>();
  waitingFor?: string;

  constructor(readonly id: string) {}
}

export function lockKey(coll: string, idKey: string): string {
  return `${coll}\u0000${idKey}`;
}

interface Waiter {
  tx: Transaction;
  resolve: () => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export interface TransactionManagerOptions {
  /** Longest life of a transaction before it is aborted (default 30 s). */
  lifetimeMs?: number;
  /** Longest wait for a document locked by another transaction (default 5 s). */
  lockWaitMs?: number;
}

export class TransactionManager {
  private readonly active = new Map<string, Transaction>();
  /** Recently ended transactions, so a late request gets a precise answer. */
  private readonly ended = new Map<string, Transaction>();
  private readonly holders = new Map<string, Transaction>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly sweeper: NodeJS.Timeout;
  readonly counters = { started: 0, committed: 0, aborted: 0, conflicts: 0, expired: 0 };
  private readonly lifetimeMs: number;
  private readonly lockWaitMs: number;

  constructor(options: TransactionManagerOptions = {}) {
    this.lifetimeMs = options.lifetimeMs ?? 30_000;
    this.lockWaitMs = options.lockWaitMs ?? 5_000;
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
    if (typeof id !== 'string' || id === '') throw invalidParam('transactionId must be a non-empty string');
    const tx = this.active.get(id);
    if (tx) return tx;
    const ended = this.ended.get(id);
    if (ended) {
      if (ended.state === 'aborted') throw transactionConflict(`transaction ${id} was aborted: ${ended.abortReason ?? 'aborted'}`);
      throw invalidParam(`transaction ${id} has already been committed`);
    }
    throw invalidParam(`transaction ${id} does not exist`);
  }

  /** Look up without throwing (abort of an already-ended transaction is a no-op). */
  find(id: string): Transaction | undefined {
    return this.active.get(id) ?? this.ended.get(id);
  }

  /**
   * Lock documents for `tx`, waiting for other transactions that hold them. The caller records
   * the versions it reads afterwards, in the same synchronous step as the read.
   */
  async lock(tx: Transaction, keys: string[]): Promise<void> {
    for (const key of keys) {
      this.ensureActive(tx);
      if (tx.locks.has(key)) continue;
      const holder = this.holders.get(key);
      if (holder && holder !== tx) await this.waitFor(tx, key, holder);
      this.ensureActive(tx);
      if (!tx.locks.has(key)) {
        this.holders.set(key, tx);
        tx.locks.add(key);
      }
    }
  }

  ensureActive(tx: Transaction): void {
    if (tx.state !== 'active') throw transactionConflict(`transaction ${tx.id} was aborted: ${tx.abortReason ?? 'aborted'}`);
  }

  markCommitted(tx: Transaction): void {
    tx.state = 'committed';
    this.counters.committed++;
    this.finish(tx);
  }

  /** Abort and release; `conflict` counts it as a conflict (the SDK will retry). */
  abort(tx: Transaction, reason: string, conflict = false): void {
    if (tx.state !== 'active') return;
    tx.state = 'aborted';
    tx.abortReason = reason;
    this.counters.aborted++;
    if (conflict) this.counters.conflicts++;
    this.finish(tx);
  }

  /** Abort with a conflict and return the error to answer with. */
  conflict(tx: Transaction, reason: string): EmulatorError {
    this.abort(tx, reason, true);
    return transactionConflict(reason);
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const tx of [...this.active.values()]) this.abort(tx, 'database closed');
  }

  private async waitFor(tx: Transaction, key: string, holder: Transaction): Promise<void> {
    // Deadlock: follow who the holder waits for; reaching `tx` closes a cycle.
    let cursor: Transaction | undefined = holder;
    for (let hops = 0; cursor && hops < 10_000; hops++) {
      if (cursor === tx) throw this.conflict(tx, `deadlock detected on ${describeKey(key)}`);
      cursor = cursor.waitingFor ? this.holders.get(cursor.waitingFor) : undefined;
    }
    tx.waitingFor = key;
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          this.removeWaiter(key, waiter);
          reject(this.conflict(tx, `waited ${this.lockWaitMs} ms for ${describeKey(key)} held by another transaction`));
        }, this.lockWaitMs);
        const waiter: Waiter = { tx, resolve, reject, timer };
        const queue = this.waiters.get(key) ?? [];
        queue.push(waiter);
        this.waiters.set(key, queue);
      });
    } finally {
      tx.waitingFor = undefined;
    }
  }

  private removeWaiter(key: string, waiter: Waiter): void {
    const queue = this.waiters.get(key);
    if (!queue) return;
    const i = queue.indexOf(waiter);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0) this.waiters.delete(key);
  }

  private finish(tx: Transaction): void {
    this.active.delete(tx.id);
    this.ended.set(tx.id, tx);
    if (this.ended.size > 10_000) {
      const oldest = this.ended.keys().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
    // A transaction waiting for a lock when it ends stops waiting.
    for (const [key, queue] of this.waiters) {
      for (const w of [...queue]) {
        if (w.tx === tx) {
          clearTimeout(w.timer);
          this.removeWaiter(key, w);
          w.reject(transactionConflict(`transaction ${tx.id} was aborted: ${tx.abortReason ?? 'ended'}`));
        }
      }
    }
    for (const key of tx.locks) {
      this.holders.delete(key);
      this.handOff(key);
    }
    tx.locks.clear();
    tx.writes.clear();
  }

  /** Give a released lock to the first waiter, so a stream of newcomers cannot starve it. */
  private handOff(key: string): void {
    const queue = this.waiters.get(key);
    if (!queue || queue.length === 0) return;
    const next = queue.shift()!;
    if (queue.length === 0) this.waiters.delete(key);
    clearTimeout(next.timer);
    this.holders.set(key, next.tx);
    next.tx.locks.add(key);
    next.resolve();
  }

  private expire(): void {
    const now = performance.now();
    for (const tx of [...this.active.values()]) {
      if (now - tx.startedAt > this.lifetimeMs) {
        this.counters.expired++;
        this.abort(tx, `transaction expired after ${this.lifetimeMs} ms`, true);
      }
    }
  }
}

function describeKey(key: string): string {
  const [coll, id] = key.split('\u0000');
  return `document ${JSON.stringify(id)} in ${coll}`;
}
