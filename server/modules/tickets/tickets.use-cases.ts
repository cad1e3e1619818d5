/**
 * Enterprise demands (function `tickets`). The rules are pure (core/rules/ticket-*); this module
 * loads, checks privacy, runs them and writes their answer:
 * - every change (an act, a meeting's decision) goes through `commit`: one transaction reads the
 *   ticket, checks the version the caller read, writes the whole new document and appends the
 *   history entry under _id <ticketId>:<version>. Two writers of one version cannot both win:
 *   the emulator and CloudBase serialise or abort the transactions, and the loser (or a
 *   transaction that kept conflicting) answers TICKET.VERSION_CONFLICT.
 * - the timer uses the same `performAct` as the staff's button, as actor role 'system'.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import type {
  AgendaItemView,
  AgendaView,
  CatalogueEntry,
  MemberUnit,
  TicketActView,
  TicketCategory,
  TicketDetail,
  TicketRungView,
  TicketStatusView,
  TicketSummary,
  TicketUrgencyView,
  TimelineEntry,
} from '../../../core/api/tickets';
import { deadlinesFor, overdueChecks } from '../../../core/rules/ticket-deadlines';
import type { CalendarBook } from '../../platform/holiday-calendar';
import { agendaFor, escalationDue, nextSweepAt } from '../../../core/rules/ticket-escalation';
import {
  checkVersion,
  OPEN,
  submitTicket,
  TicketActs,
  transition,
  type HistoryEntry,
  type Ticket,
  type TicketAct,
  type TicketActor,
  type TicketPatch,
  type TransitionInput,
} from '../../../core/rules/ticket-machine';
import { shanghaiDate, yearsWithoutArrangement, type WorkingCalendar } from '../../../core/rules/working-days';
import { isDuplicateKey } from '../../db/client';
import { inTransaction, type DbLike } from '../../db/transaction';
import * as figures from '../figures';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { ownPhotos } from '../../platform/uploads';
import { bookingsRepository } from '../clinic/clinic.repository';
import { screenPhotos, visiblePhotos } from '../moderation';
import { questionsRepository } from '../qa/question.repository';
import { evaluateTicket } from '../revisit/evaluations.use-cases';
import { evaluationNotices } from '../revisit/revisit-notifications';
import { deliver, notify, stageNotices, type Notice } from '../notify/notices';
import type { InboxDoc } from '../notify/inbox.repository';
import { enterprisesRepository } from '../user/enterprise.repository';
import { audienceOf, handoffNotices, managersOf, overdueNotices, type Audience } from './tickets-notifications';
import {
  agendaId,
  agendaRepository,
  catalogueId,
  catalogueRepository,
  catalogueView,
  countersRepository,
  historyId,
  historyRepository,
  linkConsultation,
  linkQuestion,
  noticesRepository,
  ticketsRepository,
  toTicket,
  unitsRepository,
  unitView,
  type AgendaDoc,
  type HistoryDoc,
  type TicketDoc,
} from './tickets.repository';

export const PAGE_SIZE = 20;
const SYSTEM_NAME = '系统';
/** Human number prefixes per community (XP-2026-0042); others use their id's first letters. */
const NUMBER_PREFIX: Record<string, string> = { xingping: 'XP' };

const ticketError = (code: ErrorCode, message: string = code) => new DomainError(code, message);

function communityOf(ctx: ActionContext): string {
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  return ctx.caller.communityId;
}

export function actorOf(ctx: ActionContext): TicketActor {
  const u = ctx.caller.user;
  return { id: ctx.caller.openid, role: ctx.caller.role, unitId: u?.unitId, enterpriseId: u?.enterpriseId, communityId: ctx.caller.communityId };
}

const SYSTEM: TicketActor = { id: 'system', role: 'system' };

// ---- privacy ---------------------------------------------------------------------------------

/** Whether `actor` may read `t`: NOT_FOUND across communities, TICKET.NOT_YOURS inside one. */
function assertReadable(t: TicketDoc, actor: TicketActor): void {
  if (actor.role === 'system') return;
  if (actor.communityId !== t.communityId) throw notFound('ticket');
  switch (actor.role) {
    case 'manager':
      if (!actor.enterpriseId || actor.enterpriseId !== t.enterpriseId) throw ticketError(ErrorCodes.TICKET_NOT_YOURS, 'this ticket belongs to another enterprise');
      return;
    case 'unit':
      if (!actor.unitId || (actor.unitId !== t.leadUnitId && !(t.assistUnitIds ?? []).includes(actor.unitId))) {
        throw ticketError(ErrorCodes.TICKET_NOT_YOURS, 'this ticket is not dispatched to your unit');
      }
      return;
    case 'staff':
    case 'instructor':
    case 'admin':
      return;
    default:
      throw forbidden(`${actor.role} may not read tickets`);
  }
}

async function loadReadable(id: string, actor: TicketActor): Promise<TicketDoc> {
  const doc = await ticketsRepository.get(id);
  if (!doc) throw notFound('ticket');
  assertReadable(doc, actor);
  return doc;
}

// ---- views -----------------------------------------------------------------------------------

interface Names {
  enterprises: Map<string, { name: string; nameEn?: string }>;
  units: Map<string, MemberUnit>;
}

async function namesFor(docs: TicketDoc[], communityId: string): Promise<Names> {
  const [enterprises, units] = await Promise.all([
    enterprisesRepository.labelsByIds([...new Set(docs.map((d) => d.enterpriseId))]),
    unitsRepository.byCommunity(communityId),
  ]);
  return { enterprises, units: new Map(units.map((u) => [u._id, unitView(u)])) };
}

function nextDeadline(t: Ticket, cal: WorkingCalendar): TicketSummary['nextDeadline'] {
  if (!OPEN.includes(t.status)) return undefined;
  const d = deadlinesFor(t, cal);
  if (t.status === 'dispatched' && d.sign) return { kind: 'sign', due: d.sign.toISOString() };
  if ((t.status === 'signed' || t.status === 'in_progress') && d.progress && d.progress.getTime() < d.resolve.getTime()) {
    return { kind: 'progress', due: d.progress.toISOString() };
  }
  return { kind: 'resolve', due: d.resolve.toISOString() };
}

function summaryOf(doc: TicketDoc, names: Names, now: Date, cal: WorkingCalendar): TicketSummary {
  const t = toTicket(doc);
  const s: TicketSummary = {
    id: doc._id,
    number: doc.number,
    title: doc.title,
    category: doc.category as TicketCategory,
    urgency: doc.urgency as TicketUrgencyView,
    status: doc.status as TicketStatusView,
    rung: doc.rung as TicketRungView,
    submittedAt: new Date(doc.submittedAt).toISOString(),
    overdue: overdueChecks(t, now, cal).length > 0,
    version: doc.version,
  };
  const ent = names.enterprises.get(doc.enterpriseId);
  if (ent) s.enterpriseName = ent.name;
  if (ent?.nameEn) s.enterpriseNameEn = ent.nameEn;
  const lead = doc.leadUnitId ? names.units.get(doc.leadUnitId) : undefined;
  if (lead) s.leadUnitName = lead.name;
  if (lead?.nameEn) s.leadUnitNameEn = lead.nameEn;
  const next = nextDeadline(t, cal);
  if (next) {
    s.nextDeadline = next;
    const missing = yearsWithoutArrangement(cal, now, next.due);
    if (missing.length) s.calendarMissingYears = missing;
  }
  return s;
}

/** A plausible input for every act, so a dry run answers only "may this reader do it now". */
function dryInput(t: TicketDoc): TransitionInput {
  return {
    reason: '-',
    note: '-',
    leadUnitId: t.leadUnitId ?? 'unit',
    rating: 5,
    target: { id: `${t._id}-other`, status: 'submitted', communityId: t.communityId },
  };
}

/** The acts `transition` would allow this reader now. */
export function allowedActs(doc: TicketDoc, actor: TicketActor, now: Date): TicketActView[] {
  const t = toTicket(doc);
  const input = dryInput(doc);
  return TicketActs.filter((act) => transition(t, act, actor, now, input).ok);
}

function timelineOf(h: HistoryDoc): TimelineEntry {
  const e: TimelineEntry = {
    version: h.version,
    at: new Date(h.at).toISOString(),
    act: h.act as TicketActView,
    actorRole: h.actorRole,
    from: h.from as TicketStatusView | null,
    to: h.to as TicketStatusView,
  };
  if (h.actorName) e.actorName = h.actorName;
  if (h.note) e.note = h.note;
  return e;
}

async function detailOf(doc: TicketDoc, actor: TicketActor, now: Date, cal: WorkingCalendar): Promise<TicketDetail> {
  const [names, history, urls] = await Promise.all([namesFor([doc], doc.communityId), historyRepository.of(doc._id), visiblePhotos({ openid: actor.id }, doc.attachments ?? [])]);
  const t = toTicket(doc);
  const d = deadlinesFor(t, cal);
  const detail: TicketDetail = {
    ...summaryOf(doc, names, now, cal),
    description: doc.description,
    // Photos still being checked show to their uploader only; rejected ones to nobody (server/modules/moderation).
    attachments: (doc.attachments ?? []).filter((fileID) => urls.has(fileID)).map((fileID) => ({ fileID, url: urls.get(fileID), name: fileID.split('/').pop() })),
    assistUnits: (doc.assistUnitIds ?? []).map((u) => names.units.get(u) ?? { id: u, name: u }),
    deadlines: { paused: d.paused, resolve: d.resolve.toISOString() },
    timeline: history.map(timelineOf),
    can: allowedActs(doc, actor, now),
  };
  if (d.sign) detail.deadlines.sign = d.sign.toISOString();
  if (d.progress) detail.deadlines.progress = d.progress.toISOString();
  if (doc.leadUnitId) detail.leadUnitId = doc.leadUnitId;
  if (doc.evaluation) {
    const evalEntry = [...history].reverse().find((h) => h.act === 'evaluate');
    detail.evaluation = { rating: doc.evaluation.rating, at: new Date(evalEntry?.at ?? doc.updatedAt).toISOString() };
    if (doc.evaluation.comment) detail.evaluation.comment = doc.evaluation.comment;
  }
  if (doc.mergedInto) detail.mergedInto = doc.mergedInto;
  if (doc.source) detail.source = doc.source;
  // The unit and staff call the enterprise: its contact from the master data (the enterprise itself needs none).
  if (actor.role !== 'manager') {
    const ent = await enterprisesRepository.get(doc.enterpriseId);
    if (ent?.contactPhone) detail.enterpriseContact = { phone: ent.contactPhone, ...(ent.contactName ? { name: ent.contactName } : {}) };
  }
  return detail;
}

// ---- the one write path ----------------------------------------------------------------------

const TX_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Reads the ticket in a transaction, checks `expected` (when given), lets `build` decide the
 * patch and the history entry, writes both. A transaction that kept conflicting, or a history
 * _id already taken, is a lost race: TICKET.VERSION_CONFLICT.
 */
async function commit(
  id: string,
  expected: number | undefined,
  build: (doc: TicketDoc, tx: DbLike) => Promise<{ next: TicketPatch; history: Omit<HistoryDoc, '_id'> }>,
  now: Date,
  /** The act's inbox items, written in its transaction; those written land in `staged` (deliver them after). */
  inform?: { notices: (updated: TicketDoc) => Notice[]; staged: InboxDoc[] },
): Promise<TicketDoc> {
  try {
    return await inTransaction(async (tx) => {
      const doc = await ticketsRepository.get(id, tx);
      if (!doc) throw notFound('ticket');
      if (expected !== undefined) {
        const v = checkVersion(expected, doc.version);
        if (!v.ok) throw ticketError(ErrorCodes.TICKET_VERSION_CONFLICT, 'the ticket was changed by someone else: reload it');
      }
      const { next, history } = await build(doc, tx);
      const updated = { ...doc, ...next, updatedAt: now } as TicketDoc;
      // Every act makes an open ticket due for the next sweep, which works out its next moment.
      updated.sweepAt = OPEN.includes(updated.status) ? now : null;
      await ticketsRepository.replace(updated, tx);
      await historyRepository.append({ _id: historyId(id, history.version), ...history }, tx);
      await figures.ticketChanged(doc, updated, now, tx);
      if (inform) {
        // A transaction retried after a conflict runs again: only its last run's writes count.
        inform.staged.length = 0;
        inform.staged.push(...(await stageNotices(tx, inform.notices(updated))));
      }
      return updated;
    });
  } catch (e) {
    const code = (e as { code?: string })?.code;
    if (code === TX_CONFLICT || (!(e instanceof DomainError) && /DUPLICATE|E11000|duplicate key/i.test(`${code ?? ''} ${(e as Error)?.message ?? ''}`))) {
      throw ticketError(ErrorCodes.TICKET_VERSION_CONFLICT, 'the ticket was changed by someone else: reload it');
    }
    throw e;
  }
}

function historyDoc(h: HistoryEntry, actorName: string | undefined): Omit<HistoryDoc, '_id'> {
  const doc: Omit<HistoryDoc, '_id'> = { ...h };
  if (actorName) doc.actorName = actorName;
  return doc;
}

export interface ActInput {
  id: string;
  version: number;
  act: TicketAct;
  note?: string;
  reason?: string;
  leadUnitId?: string;
  assistUnitIds?: string[];
  rating?: number;
  comment?: string;
  targetId?: string;
}

/** One act of the machine by `actor` (a user, or the timer as 'system'), written under the version check. */
export async function performAct(actor: TicketActor, actorName: string | undefined, input: ActInput, now: Date): Promise<TicketDoc> {
  const before = await ticketsRepository.get(input.id);
  if (!before) throw notFound('ticket');
  if (actor.role !== 'system' && actor.communityId !== before.communityId) throw notFound('ticket');
  const units = await unitsRepository.byCommunity(before.communityId);
  // A retired unit (master data) takes no new dispatch.
  const known = new Set(units.filter((u) => u.active !== false).map((u) => u._id));

  const tInput: TransitionInput = { note: input.note, reason: input.reason, rating: input.rating, comment: input.comment };
  if (input.act === 'dispatch' || input.act === 'redispatch') {
    let lead = input.leadUnitId;
    let assists = input.assistUnitIds;
    if (!lead) {
      const entry = await catalogueRepository.get(before.communityId, before.category);
      lead = entry?.leadUnitId;
      assists ??= entry?.assistUnitIds;
    }
    for (const u of [lead, ...(assists ?? [])]) {
      if (u && !known.has(u)) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a member unit of this community', { leadUnitId: 'unknown unit' });
    }
    tInput.leadUnitId = lead;
    tInput.assistUnitIds = assists ?? [];
  }
  if (input.act === 'merge' && input.targetId && /^[A-Za-z0-9_-]{1,64}$/.test(input.targetId)) {
    const target = await ticketsRepository.get(input.targetId);
    if (target) tInput.target = { id: target._id, status: target.status, communityId: target.communityId };
  }
  if (input.note || input.reason || input.comment) {
    await assertTextSafe([input.note, input.reason, input.comment], actor.id === 'system' ? 'system' : actor.id, CheckScene.comment);
  }

  // Who hears of it, looked up before the transaction (no queries inside one): the units it will
  // be dispatched to are known from the input or the catalogue.
  const predicted = { ...before, leadUnitId: tInput.leadUnitId ?? before.leadUnitId, assistUnitIds: tInput.assistUnitIds ?? before.assistUnitIds };
  const audiences: Audience[] = await audienceOf(predicted, input.act);
  const raters = input.act === 'resolve' ? await managersOf(before.enterpriseId) : [];
  const staged: InboxDoc[] = [];
  const updated = await commit(
    input.id,
    input.version,
    async (doc, tx) => {
      // 并单 spans two tickets. Under snapshot isolation a read of the target protects nothing (two
      // tickets merged into each other at once would both commit), so the target is read again
      // here and written with the link back: a concurrent act on it conflicts with this one.
      const target = input.act === 'merge' && tInput.target ? await ticketsRepository.get(tInput.target.id, tx) : undefined;
      if (tInput.target) tInput.target = target ? { id: target._id, status: target.status, communityId: target.communityId } : undefined;
      const r = transition(toTicket(doc), input.act, actor, now, tInput);
      if (!r.ok) throw ticketError(r.code as ErrorCode);
      if (target) await ticketsRepository.replace({ ...target, mergedFrom: [...(target.mergedFrom ?? []), doc._id], updatedAt: now }, tx);
      return { next: r.next, history: historyDoc(r.history, actorName) };
    },
    now,
    {
      staged,
      notices: (t) => [
        ...handoffNotices(t, input.act, audiences, now),
        // The invitation to rate: once per ticket and round (a reopened ticket resolved again is rated anew).
        ...(input.act === 'resolve' ? evaluationNotices('ticket', t._id, t.title, raters, now, t.reopenCount ?? 0, t.communityId) : []),
      ],
    },
  );
  await deliver(staged, now);
  return updated;
}

// ---- actions ---------------------------------------------------------------------------------

/** Photos the app uploaded straight to storage into the caller's own folder (core/rules/uploads.ts). */
const ownFiles = (ctx: ActionContext, fileIDs: string[] | undefined): Promise<string[]> => ownPhotos(ctx.caller.openid, fileIDs, 'attachments');

/** What a new ticket needs, whoever submits it (the enterprise's manager, or staff on its behalf from a visit). */
export interface NewTicket {
  communityId: string;
  enterpriseId: string;
  title: string;
  description: string;
  category: TicketCategory;
  urgency: TicketUrgencyView;
  attachments: string[];
  source: TicketDoc['source'];
  submitter: { openid: string; role: string; name?: string };
  /** A deterministic id (one ticket per source): a second insert of it fails with `duplicate`. */
  id?: string;
  /** The error a taken deterministic id answers. */
  duplicate?: ErrorCode;
  /** Writes in the same transaction as the ticket (the link back on the source, checked there). */
  alsoInTx?: (tx: DbLike, doc: TicketDoc) => Promise<void>;
}

/** One ticket per source: the id is derived from it, so two submissions from one source collide on the _id. */
export function sourceTicketId(kind: 'consultation' | 'visit', sourceId: string): string {
  return `tk-${kind[0]}-${createHash('sha256').update(`${kind}:${sourceId}`).digest('hex').slice(0, 24)}`;
}

/**
 * Writes a new ticket in `submitted` with its number and first history line, in one transaction
 * (with `alsoInTx`); the normal chain continues from there. Also used by the staff console to
 * submit a visit's problem on the enterprise's behalf (the submitter is then the staff member).
 */
export async function createTicket(n: NewTicket, now: Date): Promise<TicketDoc> {
  const id = n.id ?? `tk-${randomBytes(10).toString('hex')}`;
  // The machine's submit is the enterprise's act; on its behalf, staff perform the same act.
  const onBehalf: TicketActor = { id: n.submitter.openid, role: 'manager', enterpriseId: n.enterpriseId, communityId: n.communityId };
  // The enterprise's assigned instructor passes it on (and only they, of the instructors).
  const instructorId = (await enterprisesRepository.get(n.enterpriseId))?.instructorOpenid ?? null;
  const made = submitTicket({ id, category: n.category, urgency: n.urgency, instructorId }, onBehalf, now);
  if (!made.ok) throw ticketError(made.code as ErrorCode);
  const year = shanghaiDate(now).slice(0, 4);
  const audiences = await audienceOf({ communityId: n.communityId, enterpriseId: n.enterpriseId, instructorId, submittedBy: n.submitter.openid }, 'submit');
  const staged: InboxDoc[] = [];
  const prefix = NUMBER_PREFIX[n.communityId] ?? n.communityId.replace(/[^A-Za-z]/g, '').slice(0, 2).toUpperCase();
  try {
    return await inTransaction(async (tx) => {
      if (n.id && (await ticketsRepository.get(n.id, tx))) throw ticketError(n.duplicate ?? ErrorCodes.TICKET_SOURCE_INVALID, 'a ticket was already opened from this source');
      const seq = await countersRepository.next(`${n.communityId}:${year}`, tx);
      const { id: _omit, ...ticket } = made.ticket;
      const d: TicketDoc = {
        ...ticket,
        _id: id,
        number: `${prefix}-${year}-${String(seq).padStart(4, '0')}`,
        title: n.title,
        description: n.description,
        attachments: n.attachments,
        submittedBy: n.submitter.openid,
        source: n.source,
        updatedAt: now,
        // The timer's next look at it: at once (it sets the next deadline from there).
        sweepAt: now,
      };
      await ticketsRepository.insert(d, tx);
      await figures.ticketChanged(undefined, d, now, tx);
      await historyRepository.append({ _id: historyId(id, 1), ...historyDoc({ ...made.history, actorRole: n.submitter.role as HistoryEntry['actorRole'] }, n.submitter.name) }, tx);
      if (n.alsoInTx) await n.alsoInTx(tx, d);
      // The instructor's inbox item (待传单) is written with the ticket.
      staged.length = 0;
      staged.push(...(await stageNotices(tx, handoffNotices(d, 'submit', audiences, now))));
      return d;
    }).then(async (d) => {
      await deliver(staged, now);
      return d;
    });
  } catch (e) {
    // Two submissions from one source at once: the transaction that lost saw the other's ticket or its _id.
    if (n.id && !(e instanceof DomainError) && (isDuplicateKey(e) || (e as { code?: string })?.code === TX_CONFLICT)) {
      throw ticketError(n.duplicate ?? ErrorCodes.TICKET_SOURCE_INVALID, 'a ticket was already opened from this source');
    }
    throw e;
  }
}

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

function cursorDate(cursor?: string): Date | undefined {
  if (!cursor) return undefined;
  const d = new Date(cursor);
  if (Number.isNaN(d.getTime())) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return d;
}

export async function list(
  ctx: ActionContext,
  input: { cursor?: string; status?: TicketStatusView; overdueOnly?: boolean; rung?: TicketRungView; category?: TicketCategory },
): Promise<Page<TicketSummary>> {
  const communityId = communityOf(ctx);
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  const before = cursorDate(input.cursor);
  let rows: TicketDoc[];
  if (actor.role === 'manager') {
    if (!actor.enterpriseId) throw forbidden('you do not speak for an enterprise');
    rows = await ticketsRepository.byEnterprise(actor.enterpriseId, before);
  } else if (actor.role === 'unit') {
    if (!actor.unitId) throw forbidden('you do not handle tickets for a unit');
    rows = await ticketsRepository.byUnit(actor.unitId, before);
  } else {
    rows = await ticketsRepository.byCommunity(communityId, before);
  }
  rows = rows.filter(
    (d) =>
      d.communityId === communityId &&
      (!input.status || d.status === input.status) &&
      (input.rung === undefined || d.rung === input.rung) &&
      (!input.category || d.category === input.category) &&
      (!input.overdueOnly || overdueChecks(toTicket(d), now, ctx.calendar).length > 0),
  );
  const page = rows.slice(0, PAGE_SIZE);
  const names = await namesFor(page, communityId);
  return {
    items: page.map((d) => summaryOf(d, names, now, ctx.calendar)),
    nextCursor: rows.length > PAGE_SIZE ? new Date(page[page.length - 1].submittedAt).toISOString() : undefined,
  };
}

export async function get(ctx: ActionContext, input: { id: string }): Promise<TicketDetail> {
  const actor = actorOf(ctx);
  const doc = await loadReadable(input.id, actor);
  return detailOf(doc, actor, ctx.clock.now(), ctx.calendar);
}

export async function act(ctx: ActionContext, input: ActInput): Promise<TicketDetail> {
  const actor = actorOf(ctx);
  const now = ctx.clock.now();
  // Privacy first: a reader who may not see the ticket learns nothing about its state.
  await loadReadable(input.id, actor);
  if (input.act === 'evaluate' && actor.role === 'manager') {
    // One path for every rating: the satisfaction evaluation (all dimensions = the stars), which
    // performs this act and reopens the ticket when the rating is poor.
    const r = input.rating as number;
    const { ticket } = await evaluateTicket(actor, ctx.caller.user?.name, { ticketId: input.id, version: input.version, scores: { speed: r, attitude: r, result: r }, comment: input.comment }, now, 'tickets');
    return detailOf(ticket, actor, now, ctx.calendar);
  }
  const updated = await performAct(actor, ctx.caller.user?.name, input, now);
  return detailOf(updated, actor, now, ctx.calendar);
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

// ---- 每月一会诊 ----------------------------------------------------------------------------

async function agendaView(communityId: string, month: string, now: Date, cal: WorkingCalendar, stored?: AgendaDoc): Promise<AgendaView> {
  const all = await ticketsRepository.byCommunity(communityId);
  const draft = agendaFor(month, all.map(toTicket), now, cal);
  const reasonsOf = new Map(draft.items.map((i) => [i.ticketId, i.reasons]));
  const ids = stored?.edited ? stored.ticketIds : draft.items.map((i) => i.ticketId);
  const byId = new Map(all.map((d) => [d._id, d]));
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
      const history: Omit<HistoryDoc, '_id'> = { ticketId: doc._id, version, at: now, actorId: actor.id, actorRole: actor.role, act: 'decision', from: doc.status, to: doc.status, note };
      if (ctx.caller.user?.name) history.actorName = ctx.caller.user.name;
      return { next: { status: doc.status, version }, history };
    },
    now,
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

// ---- the timer -------------------------------------------------------------------------------

/** One page of the sweep, and the wall time one run may take (the function times out at 20 s). */
const SWEEP_PAGE = 200;
const SWEEP_BUDGET_MS = 10_000;

/**
 * Every 15 minutes: reads only the tickets whose sweep moment has come (nextSweepAt: a deadline or
 * rung deadline just passed, or an act since the last run), so a run's work grows with what is
 * due, not with every open ticket of every community. For each: flags each passed deadline once
 * (a notice keyed by ticket, kind and due time) and sends its 督办 reminder; escalates one rung
 * when escalationDue says so, through performAct as 'system' under the version the sweep read, so
 * two overlapping runs escalate once; at the top rung, records one supervision per working day;
 * then moves the ticket's moment to the next one.
 */
export async function sweep(now: Date, calendars: CalendarBook): Promise<{ checked: number; flagged: number; escalated: number; reminded: number; more: boolean }> {
  const started = Date.now();
  let checked = 0;
  let flagged = 0;
  let escalated = 0;
  let reminded = 0;
  let more = false;
  for (;;) {
    const page = await ticketsRepository.dueForSweep(now, SWEEP_PAGE);
    for (const doc of page) {
      // A backlog larger than one run can take (a timer that was down): the next run goes on from here.
      if (Date.now() - started > SWEEP_BUDGET_MS) {
        more = true;
        break;
      }
      checked += 1;
      const t = toTicket(doc);
      const cal = calendars.for(doc.communityId);
      for (const o of overdueChecks(t, now, cal)) {
        // The inbox items first (keyed by ticket, deadline kind and due time), then the flag: a
        // run that dies in between writes no item twice when the next run comes.
        await notify(await overdueNotices(doc, o.kind, o.due, now), now);
        const claimed = await noticesRepository.claim(`${doc._id}:overdue:${o.kind}:${o.due.toISOString()}`, { ticketId: doc._id, kind: o.kind, due: o.due, flaggedAt: now });
        if (!claimed) continue;
        flagged += 1;
      }
      let latest = doc;
      const decision = escalationDue(t, now, cal);
      if (decision.kind !== 'none') {
        const act: TicketAct = decision.kind === 'escalate' ? 'escalate' : 'supervise';
        try {
          latest = await performAct(SYSTEM, SYSTEM_NAME, { id: doc._id, version: doc.version, act }, now);
          if (act === 'escalate') escalated += 1;
          else reminded += 1;
        } catch (e) {
          // Someone (staff, or an overlapping run) changed the ticket first: their act made it
          // due again, and the next run decides.
          if (e instanceof DomainError) continue;
          throw e;
        }
      }
      await ticketsRepository.setSweepAt(latest._id, latest.version, nextSweepAt(toTicket(latest), now, cal));
    }
    if (more || page.length < SWEEP_PAGE) break;
  }
  return { checked, flagged, escalated, reminded, more };
}

/** The most open tickets one 待办 count reads (a community's open demands; more shows as N+). */
export const OPEN_TODO_MAX = 500;

/**
 * 待办 figures over open tickets only (never the history): overdue, escalated (above the
 * community rung) and deadlines within two days, for a community or a unit's lead tickets.
 */
export async function openTicketFigures(scope: { communityId: string } | { unitId: string }, now: Date, calendars: CalendarBook): Promise<{ overdue: number; escalated: number; deadlinesNear: number }> {
  const rows = await ticketsRepository.openOf(scope, OPEN, OPEN_TODO_MAX);
  const soon = new Date(now.getTime() + 2 * 86_400_000);
  let overdue = 0;
  let escalated = 0;
  let deadlinesNear = 0;
  for (const d of rows) {
    if (d.rung > 0) escalated += 1;
    const cal = calendars.for(d.communityId);
    if (overdueChecks(toTicket(d), now, cal).length > 0) overdue += 1;
    else if (overdueChecks(toTicket(d), soon, cal).length > 0) deadlinesNear += 1;
  }
  return { overdue, escalated, deadlinesNear };
}
