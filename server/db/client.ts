import tcb from '@cloudbase/node-sdk';
import { instrumentDatabase } from '../kernel/call-metrics';
import { Schema } from './schema';

/**
 * The one CloudBase app of this function instance. Initialised on first use with the current
 * environment, exactly as in production: where it points (CloudBase or the local emulator) is
 * decided by the runtime's environment, never by this code.
 */
let app: ReturnType<typeof tcb.init> | undefined;

export function getApp() {
  if (!app) app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app;
}

export function getDb() {
  const db = getApp().database();
  instrumentDatabase(db);
  return db;
}

export type Db = ReturnType<typeof getDb>;

/** The caller's openid as the platform reports it (never from the event). Empty for timers. */
export function callerOpenid(): string {
  return getApp().auth().getUserInfo().openId || '';
}

/** Creates every collection in the schema that does not exist yet (seed, deploy, tests). */
export async function ensureCollections(): Promise<string[]> {
  const db = getDb();
  const created: string[] = [];
  for (const c of Schema) {
    try {
      await db.createCollection(c.name);
      created.push(c.name);
    } catch (e) {
      if ((e as { code?: string }).code !== 'DATABASE_COLLECTION_ALREADY_EXIST') throw e;
    }
  }
  return created;
}

/** CloudBase's duplicate-key failure (an `_id` or a unique index already taken). */
export function isDuplicateKey(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return /DUPLICATE|E11000|duplicate key/i.test(`${err?.code ?? ''} ${err?.message ?? ''}`);
}

/**
 * The document of a `doc(id).get()` answer. The SDK answers a list outside a transaction and
 * the single document (or null) inside one; repositories read both through here.
 */
export function docOf<T>(res: { data?: unknown }): T | undefined {
  const data = res.data;
  const doc = Array.isArray(data) ? data[0] : data;
  return (doc ?? undefined) as T | undefined;
}
