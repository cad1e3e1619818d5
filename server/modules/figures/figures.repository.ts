/**
 * The counter documents (`daily_figures`, one per community and Beijing day, and one per community
 * of what is true of its open tickets now, `<communityId>:live`, which has no `day`: no period's
 * range holds it) and the raw reads the recount makes. Counters move by `inc` on the document's `n.<figure>` paths; the first write of a
 * day creates the document.
 */
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { Collections } from '../../db/schema';
import type { DbLike } from '../../db/transaction';
import { dayKey, flatten, LIVE, nest, type Figures } from '../../../core/rules/figures';

export interface FiguresDoc {
  _id: string;
  communityId: string;
  /** The Beijing day; absent on the document of now (LIVE). */
  day?: string;
  /** The figures, nested by path segment (core/rules/figures.ts). */
  n: Record<string, unknown>;
  updatedAt: Date;
}

/** One stored day, its figures flattened. */
export interface StoredDay {
  communityId: string;
  day: string;
  figures: Figures;
}

/** Most documents one read answers (the SDK's ceiling). */
const PAGE = 1000;

const col = (db: DbLike = getDb()) => db.collection(Collections.dailyFigures);

export const figuresRepository = {
  /**
   * Adds `figures` to the day's counters. In a transaction (`tx`): `inc`, or the document set
   * when the day has none yet (two first writers conflict and the transaction retries). Outside
   * one: `inc`, or an insert that either wins or meets the other's insert (then `inc` again).
   */
  async bump(communityId: string, day: string, figures: Figures, now: Date, tx?: DbLike): Promise<void> {
    const _ = getDb().command;
    const id = dayKey(communityId, day);
    const patch: Record<string, unknown> = { updatedAt: now };
    for (const [k, v] of Object.entries(figures)) patch[`n.${k}`] = _.inc(v);
    for (let attempt = 0; attempt < 3; attempt++) {
      const res = (await col(tx).doc(id).update(patch)) as { updated?: number };
      if (res.updated) return;
      const doc = { ...placeOf(communityId, day), n: nest(figures), updatedAt: now };
      if (tx) {
        await col(tx).doc(id).set(doc);
        return;
      }
      try {
        await col().add({ _id: id, ...doc });
        return;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
      }
    }
    throw new Error(`figures: could not write ${id}`);
  },

  /** The stored days of a community from `from` to `to` (a page per 1000 days: one read for any period). */
  async range(communityId: string, from: string, to: string): Promise<StoredDay[]> {
    const _ = getDb().command;
    const out: StoredDay[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await col()
        .where({ communityId, day: after ? _.gt(after).and(_.lte(to)) : _.gte(from).and(_.lte(to)) })
        .orderBy('day', 'asc')
        .limit(PAGE)
        .get();
      const rows = (res.data ?? []) as FiguresDoc[];
      for (const d of rows) out.push({ communityId: d.communityId, day: d.day ?? LIVE, figures: flatten(d.n) });
      if (rows.length < PAGE) return out;
      after = rows[rows.length - 1].day;
    }
  },

  async get(communityId: string, day: string, tx?: DbLike): Promise<StoredDay | undefined> {
    const d = docOf<FiguresDoc>(await col(tx).doc(dayKey(communityId, day)).get());
    return d ? { communityId: d.communityId, day: d.day ?? LIVE, figures: flatten(d.n) } : undefined;
  },

  /** Replaces a day's figures (the reconciliation's repair), in the caller's transaction. */
  async put(communityId: string, day: string, figures: Figures, now: Date, tx: DbLike): Promise<void> {
    await col(tx).doc(dayKey(communityId, day)).set({ ...placeOf(communityId, day), n: nest(figures), updatedAt: now, reconciledAt: now });
  },
};

/** Where a counter document belongs: its community and day (none for the document of now). */
const placeOf = (communityId: string, day: string) => (day === LIVE ? { communityId } : { communityId, day });

/**
 * The raw documents of a community between two instants (or Beijing dates, for bookings), read
 * by pages in the order of `field`: each page starts where the last ended, never by `skip`.
 */
export async function rawDocs<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown>,
  field: string,
  bounds: { gte: Date | string; lt?: Date; lte?: string },
  fields: Record<string, true>,
): Promise<T[]> {
  const _ = getDb().command;
  const out: T[] = [];
  const seen = new Set<string>();
  let from: Date | string = bounds.gte;
  for (;;) {
    const upper = bounds.lt !== undefined ? _.lt(bounds.lt) : _.lte(bounds.lte!);
    const res = await getDb()
      .collection(collection)
      .where({ ...where, [field]: _.gte(from).and(upper) })
      .orderBy(field, 'asc')
      .field({ ...fields, [field]: true })
      .limit(PAGE)
      .get();
    const rows = (res.data ?? []) as Array<T & Record<string, unknown>>;
    let fresh = 0;
    for (const r of rows) {
      if (seen.has(r._id)) continue;
      seen.add(r._id);
      out.push(r);
      fresh += 1;
    }
    if (rows.length < PAGE) return out;
    // A page of one instant only (over PAGE documents at the same time) would never move on.
    if (!fresh) throw new Error(`figures: more than ${PAGE} ${collection} at ${String(from)}`);
    from = rows[rows.length - 1][field] as Date | string;
  }
}
