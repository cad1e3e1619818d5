/**
 * Reads shared by the modules' queries (each module still names only its own collections):
 * a `Selection` is a query another module can count and read without knowing its collection or
 * fields; `countsByEnterprise` groups one.
 */
import { getDb } from './client';

const BATCH = 1000;

/** Documents matching a module's query: counted in one request, read page by page. */
export interface Selection<T> {
  count(): Promise<number>;
  /** Every page (ordered by _id so pages never overlap), up to `max` documents. */
  all(max: number, fields?: Record<string, boolean>): Promise<T[]>;
}

export function selection<T>(collection: string, where: Record<string, unknown>): Selection<T> {
  return {
    count: async () => (await getDb().collection(collection).where(where).count()).total ?? 0,
    // Pages by _id key ranges, never `skip`: a skip reads and drops every row before it, so
    // page n of a skip walk costs n pages.
    async all(max, fields) {
      const _ = getDb().command;
      const out: T[] = [];
      let after: string | undefined;
      while (out.length < max) {
        let q = getDb().collection(collection).where(after === undefined ? where : _.and([where, { _id: _.gt(after) }]));
        if (fields) q = q.field({ ...fields, _id: true });
        const res = await q.orderBy('_id', 'asc').limit(Math.min(BATCH, max - out.length)).get();
        const rows = res.data as Array<T & { _id?: string }>;
        out.push(...rows);
        if (rows.length < BATCH) break;
        after = rows[rows.length - 1]._id;
      }
      return out;
    },
  };
}

/** The documents of `ids` (batches of 1000), optionally only some fields. */
export async function byIds<T extends { _id: string }>(collection: string, ids: readonly string[], fields?: Record<string, boolean>): Promise<T[]> {
  const _ = getDb().command;
  const unique = [...new Set(ids.filter(Boolean))];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += BATCH) {
    let q = getDb().collection(collection).where({ _id: _.in(unique.slice(i, i + BATCH)) });
    if (fields) q = q.field(fields);
    out.push(...((await q.limit(BATCH).get()).data as T[]));
  }
  return out;
}

/** How many documents matching `match` each enterprise has (by aggregation over an indexed $match), up to 1000 enterprises. */
export async function countsByEnterprise(collection: string, match: Record<string, unknown>): Promise<Map<string, number>> {
  const $ = getDb().command.aggregate;
  const res = await getDb().collection(collection).aggregate().match(match).group({ _id: '$enterpriseId', n: $.sum(1) }).limit(1000).end();
  const out = new Map<string, number>();
  for (const row of (res.data ?? []) as Array<{ _id: string | null; n: number }>) if (row._id) out.set(row._id, row.n);
  return out;
}
