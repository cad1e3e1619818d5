/**
 * Enterprise demands (function `tickets`). The rules are pure (core/rules/ticket-*); the module
 * loads, checks privacy, runs them and writes their answer, by concern:
 * - tickets-access.ts: who may read a ticket;
 * - tickets-views.ts: summaries and details;
 * - tickets-write.ts: the one write path (`commit`), `performAct`, `createTicket`;
 * - tickets-agenda.ts: the monthly 会诊 agenda; tickets-sweep.ts: the timer and the 待办 figures;
 * - this file: the actions of the function table (and what other modules import from here).
 * The timer uses the same `performAct` as the staff's button, as actor role 'system'.
 */
import type { Page } from '../../../core/api/admin';
import { ErrorCodes } from '../../../core/api/errors';
import type {
  CatalogueEntry,
  MemberUnit,
  TicketCategory,
  TicketDetail,
  TicketRungView,
  TicketStatusView,
  TicketSummary,
  TicketUrgencyView,
} from '../../../core/api/tickets';
import { type DbLike } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { seenMark } from '../../kernel/idempotency';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { ownPhotos } from '../../platform/uploads';
import { bookingsRepository } from '../clinic';
import { screenPhotos } from '../moderation';
import { questionsRepository } from '../qa';
import { evaluateTicket } from './ticket-evaluator';
import {
  catalogueId,
  catalogueRepository,
  catalogueView,
  ticketsRepository,
  unitsRepository,
  unitView,
  type TicketDoc,
  type TicketListQuery,
} from './tickets.repository';
import { linkBookingToTicket as linkConsultation } from '../clinic';
import { linkQuestionToTicket as linkQuestion } from '../qa';
import { actorOf, communityOf, loadReadable, ticketError } from './tickets-access';
import { detailOf, namesFor, summaryOf } from './tickets-views';
import { createTicket, performAct, sourceTicketId, type ActContext, type ActInput } from './tickets-write';

export const PAGE_SIZE = 20;

/** Photos the app uploaded straight to storage into the caller's own folder (core/rules/uploads.ts). */
const ownFiles = (ctx: ActionContext, fileIDs: string[] | undefined): Promise<string[]> => ownPhotos(ctx.caller.openid, fileIDs, 'attachments');

/** The consultation a manager opens a demand from: attended, booked by them or someone of their enterprise, no ticket yet. */
async function consultationSource(ctx: ActionContext, bookingId: string, communityId: string): Promise<void> {
  const b = await bookingsRepository.get(bookingId);
  if (!b || b.communityId !== communityId) throw notFound('consultation');
  const enterpriseId = ctx.caller.user?.enterpriseId;
  const ours = b.bookerId === ctx.caller.openid || (!!enterpriseId && b.enterpriseId === enterpriseId);
  if (!ours) throw notFound('consultation');
  if (b.status !== 'attended' || b.ticketId) throw ticketError(ErrorCodes.TICKET_SOURCE_INVALID, b.ticketId ? 'a demand was already opened from this consultation' : 'only an attended consultation can become a demand');
}

export async function submit(
  ctx: ActionContext,
  input: {
    title: string;
    description: string;
    category: TicketCategory;
    urgency?: TicketUrgencyView;
    attachments?: string[];
    sourceQuestionId?: string;
    sourceConsultationId?: string;
  },
): Promise<TicketDetail> {
  const communityId = communityOf(ctx);
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  const attachments = await ownFiles(ctx, input.attachments);
  if (input.sourceQuestionId && input.sourceConsultationId) throw ticketError(ErrorCodes.TICKET_SOURCE_INVALID, 'a demand comes from one source');
  if (input.sourceQuestionId) {
    const q = await questionsRepository.get(input.sourceQuestionId);
    if (!q || q.askerOpenid !== ctx.caller.openid) throw notFound('question');
  }
  const consultationId = input.sourceConsultationId;
  if (consultationId) await consultationSource(ctx, consultationId, communityId);
  if (!actor.enterpriseId) throw ticketError(ErrorCodes.TICKET_NOT_YOURS, 'you do not speak for an enterprise');
  await assertTextSafe([input.title, input.description], ctx.caller.openid, CheckScene.forum);
  // The photos go to WeChat's image check; until it answers only the submitter sees them.
  const screening = await screenPhotos(ctx, attachments, CheckScene.forum);
  const doc = await createTicket(
    {
      communityId,
      enterpriseId: actor.enterpriseId,
      title: input.title,
      description: input.description,
      category: input.category,
      urgency: input.urgency ?? 'normal',
      attachments,
      source: input.sourceQuestionId ? { kind: 'question', id: input.sourceQuestionId } : consultationId ? { kind: 'consultation', id: consultationId } : null,
      submitter: { openid: ctx.caller.openid, role: ctx.caller.role, name: ctx.caller.user?.name },
      ...(consultationId
        ? {
            id: sourceTicketId('consultation', consultationId),
            duplicate: ErrorCodes.TICKET_SOURCE_INVALID,
            // The link back, checked and written with the ticket: one ticket per consultation.
            alsoInTx: async (tx: DbLike, d: TicketDoc) => {
              const b = await bookingsRepository.get(consultationId, tx);
              if (!b || b.ticketId || b.status !== 'attended') throw ticketError(ErrorCodes.TICKET_SOURCE_INVALID, 'a demand was already opened from this consultation');
              await linkConsultation(consultationId, d._id, now, tx);
            },
          }
        : {}),
    },
    now,
  );
  await screening.attachTo({ kind: 'tickets.ticket', id: doc._id });
  if (input.sourceQuestionId) {
    // The link back: the question shows the ticket it became (best effort, the ticket is written).
    await linkQuestion(input.sourceQuestionId, doc._id).catch(() => undefined);
  }
  return detailOf(doc, actor, now, ctx.calendar);
}

/** The opaque cursor of the ticket list: the last row's sort key (submittedAt) and _id. */
export function encodeCursor(d: Pick<TicketDoc, '_id' | 'submittedAt'>): string {
  return Buffer.from(`${new Date(d.submittedAt).getTime()}.${d._id}`).toString('base64url');
}

function decodeCursor(cursor?: string): { submittedAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,64})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return { submittedAt: new Date(Number(m[1])), id: m[2] };
}

/**
 * A page of the reader's tickets, newest first. Every filter (status, rung, category, overdue —
 * a flag the acts and the sweep keep on the document) is part of the query and the page starts
 * after the cursor's row: the rows read are the page plus one, whatever the history.
 */
export async function list(
  ctx: ActionContext,
  input: { cursor?: string; status?: TicketStatusView; overdueOnly?: boolean; rung?: TicketRungView; category?: TicketCategory },
): Promise<Page<TicketSummary>> {
  const communityId = communityOf(ctx);
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  const q: TicketListQuery = { communityId, status: input.status, rung: input.rung, category: input.category, overdueOnly: input.overdueOnly, after: decodeCursor(input.cursor), limit: PAGE_SIZE + 1 };
  if (actor.role === 'manager') {
    if (!actor.enterpriseId) throw forbidden('you do not speak for an enterprise');
    q.enterpriseId = actor.enterpriseId;
  } else if (actor.role === 'unit') {
    if (!actor.unitId) throw forbidden('you do not handle tickets for a unit');
    q.unitId = actor.unitId;
  }
  const rows = await ticketsRepository.list(q);
  const page = rows.slice(0, PAGE_SIZE);
  const names = await namesFor(page, communityId);
  return {
    items: page.map((d) => summaryOf(d, names, now, ctx.calendar)),
    nextCursor: rows.length > PAGE_SIZE ? encodeCursor(page[page.length - 1]) : undefined,
  };
}

export async function get(ctx: ActionContext, input: { id: string }): Promise<TicketDetail> {
  const actor = actorOf(ctx);
  const doc = await loadReadable(input.id, actor);
  return detailOf(doc, actor, ctx.clock.now(), ctx.calendar);
}

/**
 * One act (tickets.act keeps its idempotency key on the ticket, policy 'in-document'): the
 * ticket's read (privacy first), ONE conditional write, the day's rollup, then the notices. A
 * retry finds its key on the ticket and answers the ticket as it is, writing nothing.
 */
export async function act(ctx: ActionContext, input: ActInput): Promise<TicketDetail> {
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  // Privacy first: a reader who may not see the ticket learns nothing about its state.
  const before = await loadReadable(input.id, actor);
  if (input.act === 'evaluate' && actor.role === 'manager') {
    // A retry of a rating answers the ticket (performAct below answers the other retries, and writes their missing notices).
    if (seenMark(before.marks, ctx.request) === 'done') return detailOf(before, actor, now, ctx.calendar, { fromAct: true });
    // One path for every rating: the satisfaction evaluation (all dimensions = the stars), which
    // performs this act and reopens the ticket when the rating is poor.
    const r = input.rating as number;
    const { ticket } = await evaluateTicket(
      actor,
      ctx.caller.user?.name,
      { ticketId: input.id, version: input.version, scores: { speed: r, attitude: r, result: r }, comment: input.comment, request: ctx.request },
      now,
      'tickets',
    );
    return detailOf(ticket, actor, now, ctx.calendar, { fromAct: true });
  }
  const known: ActContext = { before, calendar: ctx.calendar, request: ctx.request };
  const updated = await performAct(actor, ctx.caller.user?.name, input, now, known);
  return detailOf(updated, actor, now, ctx.calendar, { units: known.units, fromAct: true });
}

export async function units(ctx: ActionContext): Promise<MemberUnit[]> {
  return (await unitsRepository.byCommunity(communityOf(ctx))).map(unitView);
}

export async function catalogue(ctx: ActionContext): Promise<CatalogueEntry[]> {
  return (await catalogueRepository.byCommunity(communityOf(ctx))).map(catalogueView).sort((a, b) => (a.category < b.category ? -1 : 1));
}

export async function setCatalogue(ctx: ActionContext, input: CatalogueEntry): Promise<CatalogueEntry[]> {
  const communityId = communityOf(ctx);
  const known = new Set((await unitsRepository.byCommunity(communityId)).filter((u) => u.active !== false).map((u) => u._id));
  const assists = [...new Set(input.assistUnitIds)].filter((u) => u !== input.leadUnitId);
  for (const u of [input.leadUnitId, ...assists]) {
    if (!known.has(u)) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a member unit of this community', { leadUnitId: 'unknown unit' });
  }
  await catalogueRepository.put({
    _id: catalogueId(communityId, input.category),
    communityId,
    category: input.category,
    leadUnitId: input.leadUnitId,
    assistUnitIds: assists,
    updatedAt: ctx.clock.now(),
    updatedBy: ctx.caller.openid,
  });
  return catalogue(ctx);
}


export { actorOf } from './tickets-access';
export { allowedActs } from './tickets-views';
export { createTicket, performAct, sourceTicketId, type ActInput, type NewTicket } from './tickets-write';
export { agenda, editAgenda, recordDecision } from './tickets-agenda';
export { backfillAgendaKeys, openTicketFigures, sweep } from './tickets-sweep';
