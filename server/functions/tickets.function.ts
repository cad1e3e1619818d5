import { ticketsContract } from '../../core/contract/tickets';
import { defineFunction } from '../kernel/define-function';
// The tickets module (importing it also registers what content security does to a demand).
import { ticketsUseCases as tickets } from '../modules/tickets';
// A manager's rating (act 'evaluate') is recorded by the satisfaction module, which provides it when loaded.
import '../modules/revisit';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

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
