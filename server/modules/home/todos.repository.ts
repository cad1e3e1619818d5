/**
 * The counts behind 待办. Each is one indexed count (or one bounded read of open cases), never a
 * read of a whole history: a count is answered from the index; the open-case reads are capped.
 * These read other modules' collections on purpose (a to-do list spans every service) and only
 * count: no module's rules live here.
 */
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';

/** The most open cases one to-do reads to judge deadlines (more shows as "N+"). */
export const OPEN_CASES_MAX = 500;

const count = async (collection: string, where: Record<string, unknown>): Promise<number> => (await getDb().collection(collection).where(where).count()).total ?? 0;

export const todosRepository = {
  questionsAwaitingInfo: (askerOpenid: string) => count(Collections.questions, { askerOpenid, status: 'awaiting_info' }),
  ticketsSuspended: (enterpriseId: string) => count(Collections.tickets, { enterpriseId, status: 'suspended' }),
  upcomingBookings: (bookerId: string, now: Date) => count(Collections.clinicBookings, { bookerId, status: 'confirmed', startsAt: getDb().command.gte(now) }),
  questionsOpen: (communityId: string, profession: string | undefined) =>
    count(Collections.questions, profession ? { profession, status: 'open', communityId } : { communityId, status: 'open' }),
  dutiesBetween: (volunteerOpenid: string, from: string, to: string) => {
    const _ = getDb().command;
    return count(Collections.clinicDuties, { volunteerOpenid, date: _.gte(from).and(_.lte(to)) });
  },
  handoversOffered: (toOpenid: string) => count(Collections.clinicHandovers, { toOpenid, status: 'offered' }),
  ticketsWithStatus: (communityId: string, status: string, extra: Record<string, unknown> = {}) => count(Collections.tickets, { communityId, status, ...extra }),
  pendingVolunteers: (communityId: string) => count(Collections.users, { communityId, volunteerStatus: 'pending' }),
  openFollowUps: (communityId: string) => count(Collections.followUps, { communityId, status: 'open' }),
  unitTicketsWithStatus: (leadUnitId: string, status: string) => count(Collections.tickets, { leadUnitId, status }),
};
