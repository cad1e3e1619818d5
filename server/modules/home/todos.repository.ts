/**
 * The counts behind 待办, each asked of the module that owns the collection (one indexed read,
 * never a read of a whole history). Home owns no collection: a to-do list spans every service, so
 * it only asks. A backlog of open work (to dispatch, to pass on, waiting questions, ...) is counted
 * up to TODO_CAP, the page its line opens: at most TODO_CAP + 1 ids read, "20+" beyond; the counts
 * that are small by nature (this week's duties, upcoming bookings) stay exact counts.
 */
import { clinicCounts } from '../clinic';
import { pendingVolunteerCount } from '../organisation';
import { questionCounts } from '../qa';
import { openFollowUpCount } from '../revisit';
import { ticketCounts } from '../tickets';

/** A backlog line counts up to this (the list it opens shows a page of 20), then "20+". */
export const TODO_CAP = 20;

export const todosRepository = {
  questionsAwaitingInfo: (askerOpenid: string) => questionCounts.awaitingInfo(askerOpenid, TODO_CAP),
  ticketsSuspended: (enterpriseId: string) => ticketCounts.suspended(enterpriseId, TODO_CAP),
  upcomingBookings: clinicCounts.upcomingBookings,
  questionsOpen: (communityId: string, profession: string | undefined) => questionCounts.open(communityId, profession, TODO_CAP),
  dutiesBetween: clinicCounts.dutiesBetween,
  handoversOffered: clinicCounts.handoversOffered,
  ticketsWithStatus: (communityId: string, status: string, extra?: Record<string, unknown>) => ticketCounts.withStatus(communityId, status, TODO_CAP, extra),
  pendingVolunteers: (communityId: string) => pendingVolunteerCount(communityId, TODO_CAP),
  openFollowUps: (communityId: string) => openFollowUpCount(communityId, TODO_CAP),
  unitTicketsWithStatus: (leadUnitId: string, status: string) => ticketCounts.ofLeadUnit(leadUnitId, status, TODO_CAP),
};
