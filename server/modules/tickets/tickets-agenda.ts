/**
 * 每月一会诊: the monthly agenda of demands and its decisions, read a page at a time.
 *
 * The draft is not built here: every write of a ticket stores its agenda key
 * (core/rules/ticket-agenda-key; commit, 并单, the sweep), whose order is the agenda's, so the
 * month's draft is the community's tickets with a key, submitted before the month ended, read
 * along the index (communityId, agendaKey) after the cursor. The "overdue" reason is therefore the
 * ticket's state at its last write or sweep (the sweep looks right after a resolution deadline, so
 * at most one sweep interval late). Staff's edits are stored as what they changed — `added` (shown
 * first, read by id) and `removed` (left out of the draft's query) — so no step needs the whole
 * draft.
 */
import { ErrorCodes } from '../../../core/api/errors';
import type { AgendaItemView, AgendaView } from '../../../core/api/tickets';
import { AGENDA_KEY, reasonsOfKey } from '../../../core/rules/ticket-agenda-key';
import { monthEnd } from '../../../core/rules/ticket-escalation';
import { type WorkingCalendar } from '../../../core/rules/working-days';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { agendaId, agendaRepository, ticketsRepository, type AgendaDoc, type HistoryDoc, type TicketDoc } from './tickets.repository';
import { actorOf, communityOf } from './tickets-access';
import { namesFor, summaryOf } from './tickets-views';
import { commit } from './tickets-write';

/** One page of the draft. */
export const AGENDA_PAGE = 20;
/** The most tickets staff may add to one month's agenda (all shown on the first page), and take off it. */
export const AGENDA_ADDED_MAX = 30;
export const AGENDA_REMOVED_MAX = 200;

const encodeCursor = (key: string) => Buffer.from(key).toString('base64url');

function decodeCursor(cursor?: string): string | undefined {
  if (!cursor) return undefined;
  const key = Buffer.from(cursor, 'base64url').toString();
  if (!AGENDA_KEY.test(key)) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this agenda', { cursor: 'invalid' });
  return key;
}

const emptyAgenda = (communityId: string, month: string, now: Date): AgendaDoc => ({ _id: agendaId(communityId, month), communityId, month, added: [], removed: [], decisions: {}, updatedAt: now });

/** Whether `doc` is on the month's agenda as staff left it: added, or on the draft and not removed. */
function onAgenda(doc: TicketDoc, month: string, stored: AgendaDoc | undefined): boolean {
  if (stored?.added.includes(doc._id)) return true;
  if (stored?.removed.includes(doc._id)) return false;
  return !!doc.agendaKey && new Date(doc.submittedAt).getTime() < monthEnd(month).getTime();
}

/**
 * A page of the agenda: without a cursor, the tickets staff added (by id, their order), then the
 * draft's first page; with one, the draft's page after it. The draft leaves out what staff
 * removed and what they added (already shown). Reads: the added tickets, the page plus one, the
 * names — whatever the number of open tickets.
 */
async function agendaPage(communityId: string, month: string, now: Date, cal: WorkingCalendar, stored: AgendaDoc | undefined, cursor?: string): Promise<AgendaView> {
  const after = decodeCursor(cursor);
  const added = stored?.added ?? [];
  const byId = new Map<string, TicketDoc>();
  if (!after) for (const d of await ticketsRepository.byIds(added)) if (d.communityId === communityId) byId.set(d._id, d);
  const addedDocs = after ? [] : added.map((id) => byId.get(id)).filter((d): d is TicketDoc => !!d);
  const rows = await ticketsRepository.agendaPage({ communityId, before: monthEnd(month), after, exclude: [...added, ...(stored?.removed ?? [])], limit: AGENDA_PAGE + 1 });
  const draft = rows.slice(0, AGENDA_PAGE);
  const docs = [...addedDocs, ...draft];
  const names = await namesFor(docs, communityId);
  const items = docs.map((d, i): AgendaItemView => {
    const item: AgendaItemView = { ticket: summaryOf(d, names, now, cal), reasons: d.agendaKey ? reasonsOfKey(d.agendaKey, d.rung, d.returnCount) : [] };
    if (i < addedDocs.length) item.added = true;
    const dec = stored?.decisions?.[d._id];
    if (dec) item.decision = { owner: dec.owner, deadline: dec.deadline, note: dec.note, decidedAt: new Date(dec.decidedAt).toISOString() };
    return item;
  });
  const view: AgendaView = { month, items, edited: added.length > 0 || (stored?.removed.length ?? 0) > 0 };
  const last = draft[draft.length - 1];
  if (rows.length > AGENDA_PAGE && last?.agendaKey) view.nextCursor = encodeCursor(last.agendaKey);
  return view;
}

export async function agenda(ctx: ActionContext, input: { month: string; cursor?: string }): Promise<AgendaView> {
  const communityId = communityOf(ctx);
  return agendaPage(communityId, input.month, ctx.clock.now(), ctx.calendar, await agendaRepository.get(agendaId(communityId, input.month)), input.cursor);
}

/**
 * Puts tickets on the month's agenda (`add`: this community's, shown first) or takes them off
 * (`remove`: out of the added ones and out of the draft). Stored in a transaction with the
 * decisions, so two staff editing at once keep both edits. Answers the first page.
 */
export async function editAgenda(ctx: ActionContext, input: { month: string; add?: string[]; remove?: string[] }): Promise<AgendaView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const adds = [...new Set(input.add ?? [])];
  const removes = new Set(input.remove ?? []);
  const found = await ticketsRepository.byIds(adds);
  if (found.length !== adds.length || found.some((d) => d.communityId !== communityId)) throw notFound('ticket');
  const doc = await inTransaction(async (tx) => {
    const current = (await agendaRepository.get(agendaId(communityId, input.month), tx)) ?? emptyAgenda(communityId, input.month, now);
    const added = [...current.added, ...adds.filter((id) => !current.added.includes(id))].filter((id) => !removes.has(id));
    const removed = [...current.removed, ...[...removes].filter((id) => !current.removed.includes(id))].filter((id) => !adds.includes(id));
    if (added.length > AGENDA_ADDED_MAX) throw new DomainError(ErrorCodes.INPUT_INVALID, `at most ${AGENDA_ADDED_MAX} tickets can be added to one month's agenda`, { add: 'too many' });
    if (removed.length > AGENDA_REMOVED_MAX) throw new DomainError(ErrorCodes.INPUT_INVALID, `at most ${AGENDA_REMOVED_MAX} tickets can be taken off one month's agenda`, { remove: 'too many' });
    const next: AgendaDoc = { ...current, added, removed, updatedAt: now };
    await agendaRepository.put(next, tx);
    return next;
  });
  return agendaPage(communityId, input.month, now, ctx.calendar, doc);
}

/**
 * The meeting's decision for a ticket on the month's agenda: checked by reading that ticket (added,
 * or on the draft and not removed), written into its timeline (its own version), then kept with
 * the agenda. Answers the first page.
 */
export async function recordDecision(
  ctx: ActionContext,
  input: { month: string; ticketId: string; owner: string; deadline: string; note: string },
): Promise<AgendaView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const [current, ticket] = await Promise.all([agendaRepository.get(agendaId(communityId, input.month)), ticketsRepository.get(input.ticketId)]);
  if (!ticket || ticket.communityId !== communityId || !onAgenda(ticket, input.month, current)) throw notFound('ticket on this month\u2019s agenda');
  await assertTextSafe([input.owner, input.note], ctx.caller.openid, CheckScene.comment);
  const actor = actorOf(ctx);
  const note = `会诊决定：${input.owner} 负责，${input.deadline} 前办结。${input.note}`;
  await commit(
    input.ticketId,
    undefined,
    async (doc) => {
      const version = doc.version + 1;
      const history: HistoryDoc = { ticketId: doc._id, version, at: now, actorId: actor.id, actorRole: actor.role, act: 'decision', from: doc.status, to: doc.status, note };
      if (ctx.caller.user?.name) history.actorName = ctx.caller.user.name;
      return { next: { status: doc.status, version }, history };
    },
    now,
    { cal: ctx.calendar, before: ticket },
  );
  const decision = { owner: input.owner, deadline: input.deadline, note: input.note, decidedAt: now, decidedBy: ctx.caller.openid };
  const doc = await inTransaction(async (tx) => {
    const latest = (await agendaRepository.get(agendaId(communityId, input.month), tx)) ?? emptyAgenda(communityId, input.month, now);
    const next: AgendaDoc = { ...latest, decisions: { ...latest.decisions, [input.ticketId]: decision }, updatedAt: now };
    await agendaRepository.put(next, tx);
    return next;
  });
  return agendaPage(communityId, input.month, now, ctx.calendar, doc);
}
