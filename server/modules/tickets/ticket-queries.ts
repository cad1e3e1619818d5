/** What other modules read of tickets: counts (home's 待办), who submitted (revisit), resolved tickets to rate. */
import { ALL_INSTANTS, byIds, cappedCount, countsByEnterprise, newestPage, type CappedCount, timeSelection, type InstantAfter, type PageAfter, type Selection } from '../../db/reads';
import type { TicketStatusView } from '../../../core/api/tickets';
import { DONE_TICKET_STATUSES } from '../../../core/rules/problem-list';
import type { TicketDoc } from './tickets.repository';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';

const count = (where: Record<string, unknown>, cap: number): Promise<CappedCount> => cappedCount(Collections.tickets, where, cap);

/** Backlogs of open work (home's 待办), each counted up to `cap` (a page of ids along its index, not the backlog). */
export const ticketCounts = {
  suspended: (enterpriseId: string, cap: number) => count({ status: 'suspended', enterpriseId }, cap),
  withStatus: (communityId: string, status: string, cap: number, extra: Record<string, unknown> = {}) => count({ status, communityId, ...extra }, cap),
  ofLeadUnit: (leadUnitId: string, status: string, cap: number) => count({ leadUnitId, status }, cap),
  /** A unit's lead tickets flagged overdue (the flag the acts and the sweep keep, which the list's "overdue only" filters by), up to `cap`. */
  overdueOfLeadUnit: (leadUnitId: string, cap: number) => count({ leadUnitId, overdue: true }, cap),
};

/**
 * A unit's lead tickets not flagged overdue whose timer moment (sweepAt) comes by `by`, earliest
 * first (sweepAt, _id), after `after`: the only ones that can have a deadline passed but not yet
 * swept, or one coming before `by` — the timer must wake at each deadline to flag it, so sweepAt is
 * never later than the next one (an act sets it to now). Along the (unit, overdue, sweepAt, _id)
 * index: what has timer work in that window, not the unit's open tickets.
 */
export async function leadUnitDueBy(leadUnitId: string, by: Date, limit: number, after?: { at: Date; id: string }): Promise<TicketDoc[]> {
  const _ = getDb().command;
  const conds: object[] = [{ leadUnitId }, { overdue: false }, { sweepAt: _.lte(by) }];
  if (after) conds.push({ sweepAt: _.gte(after.at) }, _.or([{ sweepAt: _.gt(after.at) }, { _id: _.gt(after.id) }]));
  const res = await getDb().collection(Collections.tickets).where(_.and(conds)).orderBy('sweepAt', 'asc').orderBy('_id', 'asc').limit(limit).get();
  return res.data as TicketDoc[];
}

export type ResolvedTicketRow = { _id: string; communityId: string; title: string; resolvedAt?: Date | null; leadUnitId?: string | null; reopenCount?: number; updatedAt: Date };

export const ticketQueries = {
  /** Tickets submitted in [from, to) per enterprise (the year's served enterprises). */
  submittedByEnterprise: (communityId: string, from: Date, to: Date) => countsByEnterprise(Collections.tickets, { communityId, submittedAt: getDb().command.gte(from).and(getDb().command.lt(to)) }),
  /**
   * An enterprise's tickets resolved since `since`, newest first (resolvedAt, then _id), after a
   * position (revisit.pending's cursor): along the (status, enterprise, resolvedAt, _id) index, a
   * page of `limit`, not the enterprise's history.
   */
  async resolvedPage(enterpriseId: string, since: Date, after: PageAfter | undefined, limit: number): Promise<ResolvedTicketRow[]> {
    const _ = getDb().command;
    const conds: object[] = [{ status: 'resolved' }, { enterpriseId }, { resolvedAt: _.gte(since) }];
    if (after) conds.push({ resolvedAt: _.lte(after.at) }, _.or([{ resolvedAt: _.lt(after.at) }, { _id: after.inclusive ? _.lte(after.id) : _.lt(after.id) }]));
    const res = await getDb().collection(Collections.tickets).where(_.and(conds)).orderBy('resolvedAt', 'desc').orderBy('_id', 'desc').limit(limit).get();
    return res.data as ResolvedTicketRow[];
  },
  /** A community's tickets submitted in [start, end), optionally of one category (the console's lists and exports). */
  submittedBetween(communityId: string, start: Date, end: Date, category?: string): Selection<TicketDoc> {
    const where: Record<string, unknown> = { communityId };
    if (category) where.category = category;
    // Read along the (…community, submittedAt, _id) indexes' order: each page a page, not the period again.
    return timeSelection<TicketDoc>(Collections.tickets, where, { field: 'submittedAt', from: start, to: end });
  },
  /**
   * A page of a community's tickets submitted in [start, end), newest first (submittedAt, _id),
   * after `after`; optionally of one category, leaving out those opened from `notFrom` sources.
   * Along the (…community, submittedAt, _id) indexes: a page reads a page.
   */
  newestBetween(
    communityId: string,
    start: Date,
    end: Date,
    opts: { category?: string; notFrom?: readonly string[]; limit: number; after?: InstantAfter; fields?: Record<string, boolean> },
  ): Promise<TicketDoc[]> {
    const where: Record<string, unknown> = { communityId };
    if (opts.category) where.category = opts.category;
    if (opts.notFrom?.length) where['source.kind'] = getDb().command.nin([...opts.notFrom]);
    return newestPage<TicketDoc>(Collections.tickets, where, { field: 'submittedAt', from: start, to: end }, opts.limit, opts.after, opts.fields);
  },
  /** The status of each ticket of `ids` (a ticket linked from a visit or a question). */
  async statusesOf(ids: readonly string[]): Promise<Map<string, TicketStatusView>> {
    const rows = await byIds<{ _id: string; status: TicketStatusView }>(Collections.tickets, ids, { status: true });
    return new Map(rows.map((t) => [t._id, t.status]));
  },
  /** A page of an enterprise's tickets in a community (its timeline), newest first by (submittedAt, _id), after `after`: along the (enterprise, submittedAt, _id) index. */
  ofEnterprise(communityId: string, enterpriseId: string, limit: number, after?: InstantAfter, fields?: Record<string, boolean>): Promise<TicketDoc[]> {
    return newestPage<TicketDoc>(Collections.tickets, { enterpriseId, communityId }, { field: 'submittedAt', ...ALL_INSTANTS }, limit, after, fields);
  },
  /**
   * An enterprise's newest demand of `category` still being handled (admin.getVisit's similar
   * demand), or undefined: along the (enterprise, category, status) index, the enterprise's live
   * demands of that one category, not its live demands of every category nor its history.
   */
  async newestLiveOfCategory(communityId: string, enterpriseId: string, category: string, fields: Record<string, boolean>): Promise<TicketDoc | undefined> {
    const where = { enterpriseId, category, status: getDb().command.nin([...DONE_TICKET_STATUSES]), communityId };
    const res = await getDb().collection(Collections.tickets).where(where).field({ ...fields, _id: true }).orderBy('submittedAt', 'desc').limit(1).get();
    return (res.data as TicketDoc[])[0];
  },
  /**
   * How many of an enterprise's tickets are still being handled, up to `cap` (the enterprise page's
   * "30+"): at most cap + 1 ids along the (enterprise, status) index, not its whole live set.
   */
  liveCountOfEnterprise: (communityId: string, enterpriseId: string, cap: number): Promise<CappedCount> =>
    cappedCount(Collections.tickets, { enterpriseId, status: getDb().command.nin([...DONE_TICKET_STATUSES]), communityId }, cap),
};
