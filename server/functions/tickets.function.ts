import * as z from 'zod/mini';
import { TicketCategories } from '../../core/api/tickets';
import { TicketActs } from '../../core/rules/ticket-machine';
import { action, defineFunction } from '../kernel/define-function';
import { cursor, docId, empty, intBetween, longText, shortText } from '../kernel/schemas';
// The tickets module (importing it also registers what content security does to a demand).
import { ticketsUseCases as tickets } from '../modules/tickets';
// A manager's rating (act 'evaluate') is recorded by the satisfaction module, which provides it when loaded.
import '../modules/revisit';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

const readers = ['manager', 'unit', 'staff', 'instructor', 'admin'] as const;
const curators = ['staff', 'admin'] as const;
const staffSide = ['staff', 'instructor', 'admin'] as const;

const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'));
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
const category = z.enum(TicketCategories);
const urgency = z.enum(['normal', 'urgent', 'critical']);
const status = z.enum(['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'evaluated', 'closed', 'suspended', 'merged']);
const fileIds = z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9)));
const unitIds = z.array(docId).check(z.maxLength(20));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));
const ticketIds = z.optional(z.array(docId).check(z.maxLength(100)));

/** `tickets`: enterprise demands — submit, the dispatch chain, deadlines, the escalation ladder, the monthly 会诊. */
export const ticketsFunction = defineFunction({
  name: 'tickets',
  actions: {
    submit: action({
      input: z.strictObject({
        title: shortText(60),
        description: longText(2000),
        category,
        urgency: z.optional(urgency),
        attachments: fileIds,
        sourceQuestionId: z.optional(docId),
        sourceConsultationId: z.optional(docId),
      }),
      roles: ['manager'],
      write: true,
      handler: tickets.submit,
    }),
    list: action({
      input: z.strictObject({ cursor, status: z.optional(status), overdueOnly: z.optional(z.boolean()), rung: z.optional(intBetween(0, 2)), category: z.optional(category) }),
      roles: readers,
      handler: (ctx, input) => tickets.list(ctx, { ...input, rung: input.rung as 0 | 1 | 2 | undefined }),
    }),
    get: action({ input: z.strictObject({ id: docId }), roles: readers, handler: tickets.get }),
    act: action({
      input: z.strictObject({
        id: docId,
        version: intBetween(1, 1_000_000),
        act: z.enum(TicketActs),
        // Blank texts, a missing star or a blank merge target reach the machine, which answers
        // TICKET.REASON_REQUIRED / NOTE_REQUIRED / RATING_INVALID / MERGE_TARGET_INVALID.
        note: optionalText(1000),
        reason: optionalText(500),
        leadUnitId: z.optional(docId),
        assistUnitIds: z.optional(unitIds),
        rating: z.optional(intBetween(-100, 100)),
        comment: optionalText(500),
        targetId: optionalText(64),
      }),
      roles: readers,
      write: true,
      handler: tickets.act,
    }),
    units: action({ input: empty, roles: readers, handler: tickets.units }),
    catalogue: action({ input: empty, roles: readers, handler: tickets.catalogue }),
    setCatalogue: action({
      input: z.strictObject({ category, leadUnitId: docId, assistUnitIds: unitIds }),
      roles: curators,
      write: true,
      handler: tickets.setCatalogue,
    }),
    agenda: action({ input: z.strictObject({ month }), roles: staffSide, handler: tickets.agenda }),
    editAgenda: action({ input: z.strictObject({ month, add: ticketIds, remove: ticketIds }), roles: curators, write: true, handler: tickets.editAgenda }),
    recordDecision: action({
      input: z.strictObject({ month, ticketId: docId, owner: shortText(40), deadline: date, note: longText(1000) }),
      roles: curators,
      write: true,
      handler: tickets.recordDecision,
    }),
  },
  timers: {
    sweep: (ctx) => tickets.sweep(ctx.clock.now(), ctx.calendars),
  },
});
