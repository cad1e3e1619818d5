/**
 * The counts behind 待办, each asked of the module that owns the collection (one indexed count,
 * answered from the index, never a read of a whole history). Home owns no collection: a to-do
 * list spans every service, so it only asks.
 */
import { clinicCounts } from '../clinic';
import { pendingVolunteerCount } from '../organisation';
import { questionCounts } from '../qa';
import { openFollowUpCount } from '../revisit';
import { ticketCounts } from '../tickets';

export const todosRepository = {
  questionsAwaitingInfo: questionCounts.awaitingInfo,
  ticketsSuspended: ticketCounts.suspended,
  upcomingBookings: clinicCounts.upcomingBookings,
  questionsOpen: questionCounts.open,
  dutiesBetween: clinicCounts.dutiesBetween,
  handoversOffered: clinicCounts.handoversOffered,
  ticketsWithStatus: ticketCounts.withStatus,
  pendingVolunteers: pendingVolunteerCount,
  openFollowUps: openFollowUpCount,
  unitTicketsWithStatus: ticketCounts.ofLeadUnit,
};
