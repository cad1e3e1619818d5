/** 驻企走访 visits: one document per visit, its problems inside (a handful each, each with a status). */
import type { ProblemStatus } from '../../../core/api/console';
import type { TicketCategory } from '../../../core/api/tickets';
import { docOf, getDb } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';
import { ALL_DATES, newestPage, selection, type InstantAfter, type Selection } from '../../db/reads';

export interface VisitProblemDoc {
  id: string;
  category: TicketCategory;
  theme?: string;
  description: string;
  status: ProblemStatus;
  ticketId?: string;
  ticketNumber?: string;
}

export interface VisitDoc {
  _id: string;
  communityId: string;
  enterpriseId: string;
  enterpriseName: string;
  /** YYYY-MM-DD, Beijing. */
  date: string;
  visitorOpenid: string;
  visitorName?: string;
  met: string;
  topics: string[];
  notes?: string;
  photos: string[];
  problems: VisitProblemDoc[];
  createdAt: Date;
  updatedAt: Date;
}

const col = (db: DbLike = getDb()) => db.collection(Collections.visits);
const MAX = 1000;

export const visitsRepository = {
  /** A community's visits from `from` to `to` (dates, inclusive). */
  onDates(communityId: string, from: string, to: string): Selection<VisitDoc> {
    const _ = getDb().command;
    return selection<VisitDoc>(Collections.visits, { communityId, date: _.gte(from).and(_.lte(to)) });
  },
  /** A page of a community's visits dated `from` to `to` (inclusive) that raised a problem (of `category`), newest first (date, _id), after `after`. */
  newestOnDates(communityId: string, from: string, to: string, opts: { category?: TicketCategory; limit: number; after?: InstantAfter }): Promise<VisitDoc[]> {
    const where: Record<string, unknown> = { communityId };
    // Visits with a problem (of the category): the others hold no item of the list.
    where['problems.category'] = opts.category ?? getDb().command.exists(true);
    return newestPage<VisitDoc>(Collections.visits, where, { field: 'date', from, to, toInclusive: true }, opts.limit, opts.after);
  },
  async get(id: string, tx?: DbLike): Promise<VisitDoc | undefined> {
    return docOf<VisitDoc>(await col(tx).doc(id).get());
  },
  /** Takes a photo WeChat's check rejected off the visit. */
  async pullPhoto(id: string, fileID: string): Promise<void> {
    const _ = getDb().command;
    await col().doc(id).update({ photos: _.pull(fileID) });
  },
  async insert(doc: VisitDoc): Promise<void> {
    await col().add(doc);
  },
  async setProblems(id: string, problems: VisitProblemDoc[], now: Date, tx: DbLike): Promise<void> {
    await col(tx).doc(id).update({ problems, updatedAt: now });
  },
  /** Newest first (by visit date, then entry time); `before` = createdAt of the last row seen. */
  async list(where: { communityId: string; enterpriseId?: string; visitorOpenid?: string }, opts: { before?: Date; limit: number }): Promise<VisitDoc[]> {
    const _ = getDb().command;
    const q: Record<string, unknown> = { ...where };
    if (opts.before) q.createdAt = _.lt(opts.before);
    const res = await col().where(q).orderBy('createdAt', 'desc').limit(opts.limit).get();
    return res.data as VisitDoc[];
  },
  /** A page of an enterprise's visits newest first by (date, _id), after `after`: along the (enterprise, date, _id) index, a page reads a page. */
  ofEnterprise(communityId: string, enterpriseId: string, limit: number, after?: InstantAfter, fields?: Record<string, boolean>): Promise<VisitDoc[]> {
    return newestPage<VisitDoc>(Collections.visits, { enterpriseId, communityId }, { field: 'date', ...ALL_DATES }, limit, after, fields);
  },
  /** Visits of a community whose date falls in [from, to] (YYYY-MM-DD), optionally one enterprise. */
  async inPeriod(communityId: string, from: string, to: string, enterpriseId?: string, limit = MAX, skip = 0): Promise<VisitDoc[]> {
    const _ = getDb().command;
    const q: Record<string, unknown> = { communityId, date: _.gte(from).and(_.lte(to)) };
    if (enterpriseId) q.enterpriseId = enterpriseId;
    const res = await col().where(q).orderBy('date', 'desc').orderBy('_id', 'asc').skip(skip).limit(limit).get();
    return res.data as VisitDoc[];
  },
  async countInPeriod(communityId: string, from: string, to: string): Promise<number> {
    const _ = getDb().command;
    return (await col().where({ communityId, date: _.gte(from).and(_.lte(to)) }).count()).total ?? 0;
  },
};
