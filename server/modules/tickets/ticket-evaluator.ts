/**
 * A manager's rating of a resolved ticket (`tickets.act` with `evaluate`) is recorded by the
 * satisfaction module (revisit), which reads tickets and performs the act itself: revisit sits
 * above tickets, so tickets names the use case here and revisit provides it when it loads
 * (server/modules/revisit/index.ts; the tickets function imports revisit for it).
 */
import type { TicketActor } from '../../../core/rules/ticket-machine';
import type { RequestMark } from '../../kernel/idempotency';
import type { TicketDoc } from './tickets.repository';

export interface TicketRating {
  ticketId: string;
  scores: { speed: number; attitude: number; result: number };
  comment?: string;
  version?: number;
  /** tickets.act's idempotency key, kept on the ticket by the act that records the rating. */
  request?: RequestMark;
}

export type TicketEvaluator = (actor: TicketActor, raterName: string | undefined, input: TicketRating, now: Date, via: 'revisit' | 'tickets') => Promise<{ ticket: TicketDoc }>;

let evaluator: TicketEvaluator | undefined;

export function provideTicketEvaluator(evaluate: TicketEvaluator): void {
  evaluator = evaluate;
}

export const evaluateTicket: TicketEvaluator = (...args) => {
  if (!evaluator) throw new Error('no ticket evaluator: the function file must import server/modules/revisit');
  return evaluator(...args);
};
