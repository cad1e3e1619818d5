/** `tickets`: each action's input schema and output type; roles and writes in ./tickets.policy. */
import * as z from 'zod/mini';
import { TicketCategories, TicketStatuses, TicketUrgencies } from '../api/tickets';
import type { TicketAct } from '../rules/ticket-machine';
import { cursor, docId, empty, intBetween, longText, shortText, once } from './schemas';
import type { AgendaView, CatalogueEntry, MemberUnit, Page, TicketDetail, TicketSummary } from '../api';
import { defineContract, out } from './define';
import { ticketsPolicy } from './tickets.policy';

const month = once(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')));
const date = once(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')));
const category = once(() => z.enum(TicketCategories));
const urgency = once(() => z.enum(TicketUrgencies));
const status = once(() => z.enum(TicketStatuses));
const fileIds = once(() => z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9))));
const unitIds = once(() => z.array(docId()).check(z.maxLength(20)));
const optionalText = (max: number) => z.optional(z.string().check(z.trim(), z.maxLength(max)));
const ticketIds = once(() => z.optional(z.array(docId()).check(z.maxLength(100))));

// One act of the machine: each act takes only the fields it uses (the free text per
// core/rules/ticket-machine's ActText), so a form sending `note` where 改派 wants `reason` does not
// compile, and the server refuses it. Blank texts, a missing star or a blank merge target still
// reach the machine, which answers TICKET.REASON_REQUIRED / NOTE_REQUIRED / RATING_INVALID /
// MERGE_TARGET_INVALID.
const actBase = once(() => ({ id: docId(), version: intBetween(1, 1_000_000) }));
const note = once(() => optionalText(1000));
const reason = once(() => optionalText(500));
const units = once(() => ({ leadUnitId: z.optional(docId()), assistUnitIds: z.optional(unitIds()) }));
const noted = <A extends TicketAct>(act: A) => z.strictObject({ ...actBase(), act: z.literal(act), note: note() });
const reasoned = <A extends TicketAct>(act: A) => z.strictObject({ ...actBase(), act: z.literal(act), reason: reason() });
export const actInput = once(() => z.discriminatedUnion('act', [
  noted('accept'),
  z.strictObject({ ...actBase(), act: z.literal('dispatch'), note: note(), ...units() }),
  noted('sign'),
  noted('start'),
  noted('progress'),
  noted('resolve'),
  z.strictObject({ ...actBase(), act: z.literal('evaluate'), rating: z.optional(intBetween(-100, 100)), comment: optionalText(500) }),
  noted('close'),
  reasoned('return'),
  z.strictObject({ ...actBase(), act: z.literal('redispatch'), reason: reason(), ...units() }),
  noted('supervise'),
  reasoned('suspend'),
  noted('resume'),
  reasoned('reopen'),
  z.strictObject({ ...actBase(), act: z.literal('merge'), note: note(), targetId: optionalText(64) }),
  noted('escalate'),
]));

export const ticketsContract = defineContract('tickets', ticketsPolicy, {
  /** 企业点单: the enterprise's manager submits a demand. */
  submit: { input: () => z.strictObject({
      title: shortText(60),
      description: longText(2000),
      category: category(),
      urgency: z.optional(urgency()),
      attachments: fileIds(),
      sourceQuestionId: z.optional(docId()),
      sourceConsultationId: z.optional(docId()),
    }), out: out<TicketDetail>() },
  /** Manager: their enterprise's tickets; unit: tickets dispatched to the unit; instructor/staff: the community's (filters). */
  list: { input: () => z.strictObject({ cursor: cursor(), status: z.optional(status()), overdueOnly: z.optional(z.boolean()), rung: z.optional(intBetween(0, 2)), category: z.optional(category()) }), out: out<Page<TicketSummary>>() },
  get: { input: () => z.strictObject({ id: docId() }), out: out<TicketDetail>() },
  /**
   * One act of the state machine. `version` is the version the caller read: a ticket changed
   * since answers TICKET.VERSION_CONFLICT and nothing is written.
   */
  act: { input: () => actInput(), out: out<TicketDetail>() },
  units: { input: () => empty(), out: out<MemberUnit[]>() },
  catalogue: { input: () => empty(), out: out<CatalogueEntry[]>() },
  /** Staff/admin: set a category's lead and assisting units. */
  setCatalogue: { input: () => z.strictObject({ category: category(), leadUnitId: docId(), assistUnitIds: unitIds() }), out: out<CatalogueEntry[]>() },
  /** 每月一会诊: a page of the month's agenda (the draft with staff's changes), after `cursor`. */
  agenda: { input: () => z.strictObject({ month: month(), cursor: cursor() }), out: out<AgendaView>() },
  /** Staff: put a ticket on or take it off the month's agenda (answers its first page). */
  editAgenda: { input: () => z.strictObject({ month: month(), add: ticketIds(), remove: ticketIds() }), out: out<AgendaView>() },
  /** Staff: record the meeting's decision for a ticket (owner, new deadline); it enters the ticket's timeline (answers the agenda's first page). */
  recordDecision: { input: () => z.strictObject({ month: month(), ticketId: docId(), owner: shortText(40), deadline: date(), note: longText(1000) }), out: out<AgendaView>() },
});

export type TicketsContract = typeof ticketsContract;

