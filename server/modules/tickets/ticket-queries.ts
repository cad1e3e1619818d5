/** What other modules read of tickets: counts (home's 待办), who submitted (revisit), resolved tickets to rate. */
import { countsByEnterprise } from '../../db/aggregate';
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
  /** An enterprise's resolved tickets (awaiting evaluation), up to 200. */
  async resolvedOf(enterpriseId: string): Promise<ResolvedTicketRow[]> {
    const res = await getDb().collection(Collections.tickets).where({ enterpriseId, status: 'resolved' }).limit(200).get();
    return res.data as ResolvedTicketRow[];
  },
};
