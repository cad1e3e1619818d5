/**
 * tickets — enterprise demands (派单): the dispatch chain, deadlines, escalation, the monthly 会诊.
 * Owns `tickets` (each with its timeline), `ticket_counters`, `ticket_notices`, `member_units`,
 * `dispatch_catalogue`, `ticket_agenda`. Importing it registers what moderation does to demands.
 * A manager's rating is recorded by revisit, which provides `provideTicketEvaluator`.
 */
import './tickets-moderation';

export * as ticketsUseCases from './tickets.use-cases';
export { backfillAgendaKeys, createTicket, openTicketFigures, performAct, sourceTicketId } from './tickets.use-cases';
export { ticketCounts, ticketQueries, type ResolvedTicketRow } from './ticket-queries';
export { provideTicketEvaluator, type TicketEvaluator, type TicketRating } from './ticket-evaluator';
export { ticketsRepository, toTicket, unitsRepository, type HistoryDoc, type MemberUnitDoc, type TicketDoc } from './tickets.repository';
