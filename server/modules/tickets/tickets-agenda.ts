/** 每月一会诊: the monthly agenda of demands (automatic draft, staff edits) and its decisions. */
import type { AgendaItemView, AgendaView } from '../../../core/api/tickets';
import { agendaFor } from '../../../core/rules/ticket-escalation';
import { OPEN } from '../../../core/rules/ticket-machine';
import { type WorkingCalendar } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { agendaId, agendaRepository, ticketsRepository, toTicket, type AgendaDoc, type HistoryDoc, type TicketDoc } from './tickets.repository';
import { actorOf, communityOf } from './tickets-access';
import { namesFor, summaryOf } from './tickets-views';
import { commit } from './tickets-write';

// ---- 每月一会诊 ----------------------------------------------------------------------------

/** The statuses the automatic agenda draws from, and the most such tickets one view reads. */
const AGENDA_STATUSES: readonly string[] = [...OPEN, 'suspended'];
const AGENDA_MAX = 1000;

async function agendaView(communityId: string, month: string, now: Date, cal: WorkingCalendar, stored?: AgendaDoc): Promise<AgendaView> {
  // The draft considers open and suspended tickets only (agendaFor): those are read, never the
  // closed history; tickets staff put on an edited agenda are read by id.
  const live = await ticketsRepository.openOf({ communityId }, AGENDA_STATUSES, AGENDA_MAX);
  const draft = agendaFor(month, live.map(toTicket), now, cal);
  const reasonsOf = new Map(draft.items.map((i) => [i.ticketId, i.reasons]));
  const ids = stored?.edited ? stored.ticketIds : draft.items.map((i) => i.ticketId);
  const byId = new Map(live.map((d) => [d._id, d]));
  const missing = ids.filter((id) => !byId.has(id));
  for (const d of await ticketsRepository.byIds(missing)) if (d.communityId === communityId) byId.set(d._id, d);
  const docs = ids.map((id) => byId.get(id)).filter((d): d is TicketDoc => !!d);
  const names = await namesFor(docs, communityId);
  const items = docs.map((d): AgendaItemView => {
    const item: AgendaItemView = { ticket: summaryOf(d, names, now, cal), reasons: reasonsOf.get(d._id) ?? [] };
    const dec = stored?.decisions?.[d._id];
    if (dec) item.decision = { owner: dec.owner, deadline: dec.deadline, note: dec.note, decidedAt: new Date(dec.decidedAt).toISOString() };
    return item;
  });
  return { month, items, edited: !!stored?.edited };
}

export async function agenda(ctx: ActionContext, input: { month: string }): Promise<AgendaView> {
  const communityId = communityOf(ctx);
  return agendaView(communityId, input.month, ctx.clock.now(), ctx.calendar, await agendaRepository.get(agendaId(communityId, input.month)));
}

export async function editAgenda(ctx: ActionContext, input: { month: string; add?: string[]; remove?: string[] }): Promise<AgendaView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const adds = [...new Set(input.add ?? [])];
  const found = await ticketsRepository.byIds(adds);
  if (found.length !== adds.length || found.some((d) => d.communityId !== communityId)) throw notFound('ticket');
  const current = await agendaRepository.get(agendaId(communityId, input.month));
  const base = current?.edited ? current.ticketIds : (await agendaView(communityId, input.month, now, ctx.calendar, current)).items.map((i) => i.ticket.id);
  const remove = new Set(input.remove ?? []);
  const ticketIds = [...base, ...adds.filter((id) => !base.includes(id))].filter((id) => !remove.has(id));
  const doc: AgendaDoc = {
    _id: agendaId(communityId, input.month),
    communityId,
    month: input.month,
    edited: true,
    ticketIds,
    decisions: current?.decisions ?? {},
    updatedAt: now,
  };
  await agendaRepository.put(doc);
  return agendaView(communityId, input.month, now, ctx.calendar, doc);
}

export async function recordDecision(
  ctx: ActionContext,
  input: { month: string; ticketId: string; owner: string; deadline: string; note: string },
): Promise<AgendaView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const current = await agendaRepository.get(agendaId(communityId, input.month));
  const view = await agendaView(communityId, input.month, now, ctx.calendar, current);
  if (!view.items.some((i) => i.ticket.id === input.ticketId)) throw notFound('ticket on this month\u2019s agenda');
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
    { cal: ctx.calendar },
  );
  const doc: AgendaDoc = {
    _id: agendaId(communityId, input.month),
    communityId,
    month: input.month,
    edited: current?.edited ?? false,
    ticketIds: current?.ticketIds ?? [],
    decisions: { ...(current?.decisions ?? {}), [input.ticketId]: { owner: input.owner, deadline: input.deadline, note: input.note, decidedAt: now, decidedBy: ctx.caller.openid } },
    updatedAt: now,
  };
  await agendaRepository.put(doc);
  return agendaView(communityId, input.month, now, ctx.calendar, doc);
}

