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

/** A count that stops at a cap: `more` when there are more than `count` (a screen shows "20+"). */
export interface CappedCount {
  count: number;
  more: boolean;
}

/**
 * How many documents match `where`, up to `cap`: reads at most cap + 1 of their ids (nothing else
 * of them) along the index that serves `where`, so the answer costs a page however many match. A
 * filtered `count()` examines every match: a backlog's count would grow with the backlog.
 */
export async function cappedCount(collection: string, where: Record<string, unknown>, cap: number): Promise<CappedCount> {
  const rows = (await getDb().collection(collection).where(where).field({ _id: true }).limit(cap + 1).get()).data;
  return { count: Math.min(rows.length, cap), more: rows.length > cap };
}

/** The sum of capped counts, capped again (a line made of two reads). */
export function addCapped(cap: number, ...parts: CappedCount[]): CappedCount {
  const total = parts.reduce((n, p) => n + p.count, 0);
  return { count: Math.min(total, cap), more: total > cap || parts.some((p) => p.more) };
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

/** How `timeSelection` walks: `field` in [from, to), along an index that yields its order after the equality conditions. */
export interface TimeWalk {
  field: string;
  from: Date;
  to: Date;
  /**
   * One walk per value of this field (an equality each), merged: where the index that serves the
   * query has this field before `field` (e.g. status, createdAt), only an equality on it lets the
   * index give the order.
   */
  each?: { field: string; values: readonly string[] };
}

/**
 * A period's documents, read newest first along the index, each page continuing at the previous
 * page's last instant (`field` ≤ it, the rows already seen at that instant skipped): a page reads a
 * page. `selection().all`'s `_id` ranges are not the index's order, so each of its pages examined
 * the whole period again (n pages: n × the period). Answers in `_id` order, as `Selection.all`.
 */
export function timeSelection<T>(collection: string, where: Record<string, unknown>, walk: TimeWalk): Selection<T> {
  const _ = getDb().command;
  const inPeriod = { ...where, [walk.field]: _.gte(walk.from).and(_.lt(walk.to)) };
  const timeOf = (row: unknown): number => new Date((row as Record<string, string | Date>)[walk.field]).getTime();
  async function walkOne(eq: Record<string, unknown>, max: number, fields?: Record<string, boolean>): Promise<Array<T & { _id: string }>> {
    const out: Array<T & { _id: string }> = [];
    // The next page: before `to` at first, then at or before the last row's instant.
    let upper = _.lt(walk.to);
    let last: number | undefined;
    let seenAtLast = new Set<string>();
    while (out.length < max) {
      let q = getDb().collection(collection).where({ ...where, ...eq, [walk.field]: _.gte(walk.from).and(upper) });
      if (fields) q = q.field({ ...fields, _id: true, [walk.field]: true });
      const rows = (await q.orderBy(walk.field, 'desc').limit(BATCH).get()).data as Array<T & { _id: string }>;
      const fresh = rows.filter((r) => !(timeOf(r) === last && seenAtLast.has(r._id)));
      if (rows.length === BATCH && fresh.length === 0 && last !== undefined) {
        // More than a page at one instant: that instant by _id ranges, then strictly before it.
        const tie = await selection<T & { _id: string }>(collection, { ...where, ...eq, [walk.field]: new Date(last) }).all(max, fields);
        out.push(...tie.filter((r) => !seenAtLast.has(r._id)));
        upper = _.lt(new Date(last));
        last = undefined;
        seenAtLast = new Set();
        continue;
      }
      out.push(...fresh);
      if (rows.length < BATCH) break;
      const end = timeOf(rows[rows.length - 1]);
      if (end !== last) seenAtLast = new Set();
      for (const r of rows) if (timeOf(r) === end) seenAtLast.add(r._id);
      last = end;
      upper = _.lte(new Date(end));
    }
    return out;
  }
  return {
    count: async () => (await getDb().collection(collection).where(inPeriod).count()).total ?? 0,
    async all(max, fields) {
      const eqs = walk.each ? walk.each.values.map((v) => ({ [walk.each!.field]: v })) : [{}];
      const parts = await Promise.all(eqs.map((eq) => walkOne(eq, max, fields)));
      return parts
        .flat()
        .sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
        .slice(0, max);
    },
  };
}

/** Bounds of a newest-first walk over all time (a timeline with no period): instants, and calendar dates. */
export const ALL_INSTANTS = { from: new Date(0), to: new Date(8_640_000_000_000_000), toInclusive: true } as const;
export const ALL_DATES = { from: '0000-01-01', to: '9999-12-31', toInclusive: true } as const;

/**
 * Where a newest-first page continues: after the row at `at` with `_id` `id` (a list ordered by
 * (time desc, _id desc)); `inclusive` takes the row of that very `_id` too (a list merged from
 * several collections, where the position names another collection's row).
 */
export interface PageAfter {
  at: Date;
  id: string;
  inclusive: boolean;
}

/**
 * Where a page of `newestPage` continues: at the instant `at` (in the walk's field), with the rest
 * of that instant — all of it, none of it, or the documents after `id` (from `id` itself with
 * `inclusive`: a document that yields several items, some already shown) — then what lies before.
 */
export interface InstantAfter {
  at: unknown;
  rest: 'all' | 'none' | { id: string; inclusive?: boolean };
}

/**
 * A page of documents newest first by (`field`, _id), within `from` (inclusive) and `to` (exclusive,
 * or inclusive with `toInclusive`), continuing after `after`: the order of an index ending in
 * (field desc, _id desc), so a page reads a page. With `after`, the rest of that instant by _id (the
 * index gives that order once the instant is an equality) and what lies strictly before it, two
 * requests at once; the answer is a prefix of the order: the instant's rows, and the older ones
 * only when the instant's did not fill the page.
 */
export async function newestPage<T>(
  collection: string,
  where: Record<string, unknown>,
  walk: { field: string; from: unknown; to: unknown; toInclusive?: boolean },
  limit: number,
  after?: InstantAfter,
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const _ = getDb().command;
  const read = async (cond: Record<string, unknown>, order: Array<[string, 'asc' | 'desc']>) => {
    let q = getDb().collection(collection).where({ ...where, ...cond });
    if (fields) q = q.field({ ...fields, _id: true, [walk.field]: true });
    for (const [f, d] of order) q = q.orderBy(f, d);
    return (await q.limit(limit).get()).data as T[];
  };
  if (!after) {
    const upper = walk.toInclusive ? _.lte(walk.to) : _.lt(walk.to);
    return read({ [walk.field]: _.gte(walk.from).and(upper) }, [[walk.field, 'desc'], ['_id', 'desc']]);
  }
  const rest = after.rest;
  const [same, older] = await Promise.all([
    rest === 'none'
      ? ([] as T[])
      : read({ [walk.field]: after.at, ...(rest === 'all' ? {} : { _id: rest.inclusive ? _.lte(rest.id) : _.lt(rest.id) }) }, [['_id', 'desc']]),
    read({ [walk.field]: _.gte(walk.from).and(_.lt(after.at)) }, [[walk.field, 'desc'], ['_id', 'desc']]),
  ]);
  return same.length >= limit ? same : [...same, ...older];
}
