import { getDb, type Db } from './client';

/** What repositories need: a database or a transaction, both hand out collections. */
export type DbLike = Pick<Db, 'collection'>;

const CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';
const MAX_ATTEMPTS = 6;

/**
 * Runs `work` in a transaction. The SDK retries a conflict three times back to back, which a busy
 * document (the last seat, a hot ticket) can exhaust; past that we back off with jitter and try
 * again. Errors thrown by `work` (domain errors included) roll it back and propagate unchanged.
 */
export async function inTransaction<T>(work: (tx: DbLike) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await getDb().runTransaction((tx: DbLike) => work(tx))) as T;
    } catch (e) {
      if ((e as { code?: string })?.code !== CONFLICT || attempt >= MAX_ATTEMPTS) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
    }
  }
}
