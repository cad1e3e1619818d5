/** What other modules read of tickets: counts (home's 待办), who submitted (revisit), resolved tickets to rate. */
import { byIds, countsByEnterprise, timeSelection, type PageAfter, type Selection } from '../../db/reads';
import type { TicketStatusView } from '../../../core/api/tickets';
import type { TicketDoc } from './tickets.repository';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';

const count = async (where: Record<string, unknown>): Promise<number> => (await getDb().collection(Collections.tickets).where(where).count()).total ?? 0;

export const ticketCounts = {
  suspended: (enterpriseId: string) => count({ enterpriseId, status: 'suspended' }),
  withStatus: (communityId: string, status: string, extra: Record<string, unknown> = {}) => count({ communityId, status, ...extra }),
  ofLeadUnit: (leadUnitId: string, status: string) => count({ leadUnitId, status }),
};

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
  /** The status of each ticket of `ids` (a ticket linked from a visit or a question). */
  async statusesOf(ids: readonly string[]): Promise<Map<string, TicketStatusView>> {
    const rows = await byIds<{ _id: string; status: TicketStatusView }>(Collections.tickets, ids, { status: true });
    return new Map(rows.map((t) => [t._id, t.status]));
  },
  /** An enterprise's latest tickets in a community (its timeline). */
  async ofEnterprise(communityId: string, enterpriseId: string, limit: number): Promise<TicketDoc[]> {
    const res = await getDb().collection(Collections.tickets).where({ enterpriseId, communityId }).orderBy('submittedAt', 'desc').limit(limit).get();
    return res.data as TicketDoc[];
  },
};
