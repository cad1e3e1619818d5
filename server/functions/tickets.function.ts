import { ticketsContract } from '../../core/contract/tickets';
import { defineFunction } from '../kernel/define-function';
import * as tickets from '../modules/tickets/tickets.use-cases';
// What content security does to a demand (a rejected photo taken off).
import '../modules/tickets/tickets-moderation';

/** `tickets`: the contract's actions (core/contract/tickets.ts) and their handlers. */
export const ticketsFunction = defineFunction(ticketsContract, {
  handlers: {
    submit: tickets.submit,
    list: (ctx, input) => tickets.list(ctx, { ...input, rung: input.rung as 0 | 1 | 2 | undefined }),
    get: tickets.get,
    act: tickets.act,
    units: tickets.units,
    catalogue: tickets.catalogue,
    setCatalogue: tickets.setCatalogue,
    agenda: tickets.agenda,
    editAgenda: tickets.editAgenda,
    recordDecision: tickets.recordDecision,
  },
  timers: {
    sweep: (ctx) => tickets.sweep(ctx.clock.now(), ctx.calendars),
  },
});
