/**
 * The write side of transactions: what a transaction sees of a document (its own write, else its
 * snapshot), buffering its writes under first-writer-wins locks with the unique keys claimed,
 * and the wait of a plain write behind a transaction's locks.
 */
import type { Doc } from './ejson-codec';
import type { Collection, CollectionStore } from './collection-store';
import { idKeyOf, type WalChange } from './durable-store';
import { duplicateKey } from './db-errors';
import { describeTuple } from './index-registry';
import { claimKey, lockKey, type Transaction, type TransactionManager } from './transaction-manager';
import type { DocId } from './durable-store';

export class TransactionWrites {
  constructor(
    private readonly store: CollectionStore,
    private readonly txm: TransactionManager,
  ) {}

  /** A document as the transaction sees it: its own write, else its snapshot. */
  read(tx: Transaction, coll: Collection, idKey: string): Doc | undefined {
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
  write(tx: Transaction, coll: Collection, idKey: string, doc: Doc | null): void {
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
      this.store.checkUnique(this.changes(tx));
    } catch (e) {
      if (previous) tx.writes.set(key, previous);
      else tx.writes.delete(key);
      throw e;
    }
    this.txm.lock(tx, key);
    this.txm.reclaim(tx, previous?.doc ? this.claimsOf(coll, previous.doc) : [], newClaims);
  }

  claimsOf(coll: Collection, doc: Doc): string[] {
    const out: string[] = [];
    for (const index of coll.indexes) if (index.unique) for (const t of index.tupleKeys(doc)) out.push(claimKey(coll.name, index.name, t));
    return out;
  }

  /**
   * A non-transactional write waits while a transaction holds the lock of a document it changes
   * or of a unique key it would take ("普通的更新操作会被阻塞，直到事务锁释放"). Answers whether
   * it waited, in which case the caller computes its change again.
   */
  async waitForLocks(coll: Collection, idKeys: string[], puts: Doc[]): Promise<boolean> {
    const blockers = this.txm.blockers(
      idKeys.map((k) => lockKey(coll.name, k)),
      puts.flatMap((d) => this.claimsOf(coll, d)),
    );
    if (blockers.length === 0) return false;
    await Promise.all(blockers.map((t) => t.ended));
    return true;
  }

  changes(tx: Transaction): WalChange[] {
    const out: WalChange[] = [];
    for (const w of tx.writes.values()) {
      if (w.doc) out.push({ op: 'put', coll: w.coll, doc: w.doc });
      else if (this.store.get(w.coll)?.docs.has(idKeyOf(w.id))) out.push({ op: 'del', coll: w.coll, id: w.id });
    }
    return out;
  }
}
