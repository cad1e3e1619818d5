/**
 * The write path of demands: every change (an act, a meeting's decision) goes through `commit`:
 * ONE conditional write of the ticket document — the new fields, version + 1, the history entry
 * and the caller's idempotency mark pushed — only if the ticket is still at the version read
 * (`where({_id, version}).updateAndReturn`, which answers the document as written: no re-read).
 * Two writers of one version cannot both win; the loser re-reads once: its own mark there means
 * it was its own retry, otherwise TICKET.VERSION_CONFLICT. The day's rollup is one increment
 * after the write (no transaction: a crash between the two is drift the nightly reconciliation
 * repairs, docs/figures.md), the notices one batch after that (server/modules/notify).
 * 并单 spans two tickets and keeps a transaction (commitMerge). New tickets (createTicket) are
 * written in a transaction with their number.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import type { MemberUnit, TicketCategory, TicketUrgencyView } from '../../../core/api/tickets';
import {
  checkVersion,
  OPEN,
  submitTicket,
  transition,
  type HistoryEntry,
  type TicketAct,
  type TicketActor,
  type TicketPatch,
  type TransitionInput,
} from '../../../core/rules/ticket-machine';
import { overdueChecks } from '../../../core/rules/ticket-deadlines';
import { agendaKeyOf } from '../../../core/rules/ticket-agenda-key';
import { shanghaiDate, type WorkingCalendar } from '../../../core/rules/working-days';
import { isDuplicateKey } from '../../db/client';
import { inTransaction, type DbLike } from '../../db/transaction';
import { DomainError, notFound } from '../../kernel/errors';
import { seenMark, type RequestMark } from '../../kernel/idempotency';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { evaluationNotices } from '../notify';
import { deliver, recordMissingNotices, recordNotices, stageNotices, type Notice } from '../notify';
import type { InboxDoc } from '../notify';
import { enterprisesRepository } from '../organisation';
import { audienceOf, handoffNotices, type Audience } from './tickets-notifications';
import {
  afterAct,
  catalogueRepository,
  countersRepository,
  HISTORY_MAX,
  ticketsRepository,
  toTicket,
  unitsRepository,
  unitView,
  type HistoryDoc,
  type MemberUnitDoc,
  type TicketDoc,
} from './tickets.repository';
import * as figures from '../figures';
import { ticketError } from './tickets-access';

/** Human number prefixes per community (XP-2026-0042); others use their id's first letters. */
const NUMBER_PREFIX: Record<string, string> = { xingping: 'XP' };

// ---- the one write path ----------------------------------------------------------------------

export const TX_CONFLICT = 'DATABASE_TRANSACTION_CONFLICT';

const conflict = () => ticketError(ErrorCodes.TICKET_VERSION_CONFLICT, 'the ticket was changed by someone else: reload it');

/** What an act decides: the patch and the timeline line, and fields it copies onto the ticket (names). */
export interface Built {
  next: TicketPatch;
  history: HistoryDoc;
  also?: Partial<TicketDoc>;
}

export interface CommitOptions {
  /** The ticket as the caller read it (its privacy check): not read again. */
  before?: TicketDoc;
  /** The community's calendar, to work out the stored `overdue` flag (without it the flag stays until the sweep, which the act makes due). */
  cal?: WorkingCalendar;
  /** The caller's idempotency key, kept on the ticket: a retry finds it and writes nothing. */
  mark?: RequestMark;
}

export interface Committed {
  doc: TicketDoc;
  /** The mark was already on the ticket: a retry of a write that happened; nothing was written now. */
  replay: boolean;
}

/**
 * The fields every write sets besides the act's own: when it happened, the sweep's next look, the
 * overdue flag and the agenda key (core/rules/ticket-agenda-key), both as they stand at `now`.
 * Without the calendar an open ticket keeps its flag and key until the sweep, which the act makes
 * due at once; a finished one is neither overdue nor on the agenda.
 */
function derived(doc: TicketDoc, next: TicketPatch, now: Date, cal?: WorkingCalendar): Pick<TicketDoc, 'updatedAt' | 'sweepAt' | 'overdue' | 'agendaKey'> {
  const after = { ...doc, ...next } as TicketDoc;
  // Every act makes an open ticket due for the next sweep, which works out its next moment.
  const open = OPEN.includes(after.status);
  const listed = open || after.status === 'suspended';
  return {
    updatedAt: now,
    sweepAt: open ? now : null,
    overdue: open ? (cal ? overdueChecks(toTicket(after), now, cal).length > 0 : !!doc.overdue) : false,
    agendaKey: !listed ? null : cal ? agendaKeyOf(toTicket(after), now, cal) : (doc.agendaKey ?? null),
  };
}

function guard(doc: TicketDoc | undefined, expected: number | undefined, mark: RequestMark | undefined): { doc: TicketDoc; replay: boolean } {
  if (!doc) throw notFound('ticket');
  if (seenMark(doc.marks, mark) === 'done') return { doc, replay: true };
  if (expected !== undefined && !checkVersion(expected, doc.version).ok) throw conflict();
  if ((doc.history?.length ?? 0) >= HISTORY_MAX) throw ticketError(ErrorCodes.TICKET_NOT_ALLOWED, 'this ticket\u2019s timeline is full');
  return { doc, replay: false };
}

/**
 * Checks `expected` (when given) against the ticket read, lets `build` decide the patch and the
 * history entry, and writes them in one conditional request. Without `expected` (a meeting's
 * decision) a lost race is tried again on the fresh ticket, a few times.
 */
export async function commit(id: string, expected: number | undefined, build: (doc: TicketDoc) => Promise<Built> | Built, now: Date, opts: CommitOptions = {}): Promise<Committed> {
  let read = opts.before ?? (await ticketsRepository.get(id));
  for (let attempt = 0; attempt < (expected === undefined ? 4 : 1); attempt++) {
    const g = guard(read, expected, opts.mark);
    if (g.replay) return g;
    const doc = g.doc;
    const { next, history, also } = await build(doc);
    const set = { ...next, ...also, ...derived(doc, next, now, opts.cal) };
    const written = await ticketsRepository.applyAct(doc, set, history, opts.mark);
    if (written) {
      try {
        await figures.ticketChanged(doc, written, now);
      } catch (e) {
        // The act stands (a retry would find its mark and count nothing): the nightly reconciliation repairs the day.
        console.warn(JSON.stringify({ level: 'warn', what: 'tickets.rollup', ticketId: id, version: written.version, error: String(e) }));
      }
      return { doc: written, replay: false };
    }
    // Someone wrote first: our own earlier try (a retry racing the first call) or another writer.
    read = await ticketsRepository.get(id);
    if (read && opts.mark && seenMark(read.marks, opts.mark) === 'done') return { doc: read, replay: true };
  }
  throw conflict();
}

/**
 * 并单 spans two tickets. Under snapshot isolation a read of the target protects nothing (two
 * tickets merged into each other at once would both commit), so both are read in one transaction
 * and both written — the target with the link back — and a concurrent act on either conflicts.
 */
async function commitMerge(id: string, expected: number, targetId: string | undefined, build: (doc: TicketDoc, target: TicketDoc | undefined) => Built, now: Date, opts: CommitOptions): Promise<Committed> {
  try {
    return await inTransaction(async (tx) => {
      const g = guard(await ticketsRepository.get(id, tx), expected, opts.mark);
      if (g.replay) return g;
      const doc = g.doc;
      const target = targetId ? await ticketsRepository.get(targetId, tx) : undefined;
      const { next, history, also } = build(doc, target);
      if (target) await ticketsRepository.replace({ ...target, mergedFrom: [...(target.mergedFrom ?? []), doc._id], updatedAt: now }, tx);
      // The same document the one-request write makes, written whole in the transaction.
      const updated = afterAct(doc, { ...next, ...also, ...derived(doc, next, now, opts.cal) }, history, opts.mark);
      await ticketsRepository.replace(updated, tx);
      await figures.ticketChanged(doc, updated, now, tx);
      return { doc: updated, replay: false };
    });
  } catch (e) {
    if ((e as { code?: string })?.code === TX_CONFLICT) throw conflict();
    throw e;
  }
}

export function historyDoc(h: HistoryEntry, actorName: string | undefined): HistoryDoc {
  const doc: HistoryDoc = { ...h };
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

/** What the caller already knows: the ticket as it read it (its privacy check), the community's calendar. */
export interface ActContext {
  before?: TicketDoc;
  calendar?: WorkingCalendar;
  /** Filled in by a dispatch: the community's member units it read (the answer's detail names them). */
  units?: MemberUnitDoc[];
  /** The caller's idempotency key (tickets.act keeps it on the ticket). */
  request?: RequestMark;
}

/** What one act cost besides the ticket's write: how many inbox items it wrote (for how many people). */
export interface ActOutcome {
  doc: TicketDoc;
  replay: boolean;
  notified: number;
}

/** The names of a dispatch's units, copied onto the ticket so that its detail needs no read of the units. */
function unitNamesOf(units: MemberUnitDoc[], ids: (string | null | undefined)[]): MemberUnit[] {
  const byId = new Map(units.map((u) => [u._id, u]));
  return ids.filter((u): u is string => !!u && byId.has(u)).map((u) => unitView(byId.get(u)!));
}

/**
 * One act of the machine by `actor` (a user, or the timer as 'system'), written under the version
 * check. Reads only what the act needs before its write (the member units for a dispatch, the
 * catalogue entry when no lead is named, who hears of it); the ticket the caller already read
 * (`known.before`) is not read again. A retry (the caller's mark already on the ticket) answers
 * the ticket and writes nothing.
 */
export async function performAct(actor: TicketActor, actorName: string | undefined, input: ActInput, now: Date, known: ActContext = {}): Promise<TicketDoc> {
  return (await performActCounted(actor, actorName, input, now, known)).doc;
}

export async function performActCounted(actor: TicketActor, actorName: string | undefined, input: ActInput, now: Date, known: ActContext = {}): Promise<ActOutcome> {
  const before = known.before ?? (await ticketsRepository.get(input.id));
  if (!before) throw notFound('ticket');
  if (actor.role !== 'system' && actor.communityId !== before.communityId) throw notFound('ticket');
  if (seenMark(before.marks, known.request) === 'done') return replayed(before, input.act, known.request!, now);

  const tInput: TransitionInput = { note: input.note, reason: input.reason, rating: input.rating, comment: input.comment };
  if (input.act === 'dispatch' || input.act === 'redispatch') {
    // A retired unit (master data) takes no new dispatch.
    known.units = await unitsRepository.byCommunity(before.communityId);
    const active = new Set(known.units.filter((u) => u.active !== false).map((u) => u._id));
    let lead = input.leadUnitId;
    let assists = input.assistUnitIds;
    if (!lead) {
      const entry = await catalogueRepository.get(before.communityId, before.category);
      lead = entry?.leadUnitId;
      assists ??= entry?.assistUnitIds;
    }
    for (const u of [lead, ...(assists ?? [])]) {
      if (u && !active.has(u)) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a member unit of this community', { leadUnitId: 'unknown unit' });
    }
    tInput.leadUnitId = lead;
    tInput.assistUnitIds = assists ?? [];
  }
  if (input.note || input.reason || input.comment) {
    await assertTextSafe([input.note, input.reason, input.comment], actor.id === 'system' ? 'system' : actor.id, CheckScene.comment);
  }

  // Who hears of it, looked up before the write: the units it will be dispatched to are known
  // from the input or the catalogue.
  const predicted = { ...before, leadUnitId: tInput.leadUnitId ?? before.leadUnitId, assistUnitIds: tInput.assistUnitIds ?? before.assistUnitIds };
  const audiences: Audience[] = await audienceOf(predicted, input.act);
  const opts: CommitOptions = { before, cal: known.calendar, mark: known.request };
  const decide = (doc: TicketDoc, t: TransitionInput): Built => {
    const r = transition(toTicket(doc), input.act, actor, now, t);
    if (!r.ok) throw ticketError(r.code as ErrorCode);
    const also: Partial<TicketDoc> = {};
    if (known.units && t.leadUnitId) also.unitNames = unitNamesOf(known.units, [t.leadUnitId, ...(t.assistUnitIds ?? [])]);
    return { next: r.next, history: historyDoc(r.history, actorName), also };
  };
  const committed =
    input.act === 'merge'
      ? await commitMerge(
          input.id,
          input.version,
          input.targetId && /^[A-Za-z0-9_-]{1,64}$/.test(input.targetId) ? input.targetId : undefined,
          (doc, target) => decide(doc, { ...tInput, target: target ? { id: target._id, status: target.status, communityId: target.communityId } : undefined }),
          now,
          opts,
        )
      : await commit(input.id, input.version, (doc) => decide(doc, tInput), now, opts);
  if (committed.replay) return replayed(committed.doc, input.act, known.request!, now);
  const t = committed.doc;
  // After the write (one batch insert, ids derived from the version written: never doubled).
  const notified = await inform(t, input.act, audiences, now, recordNotices);
  return { doc: t, replay: false, notified };
}

/** The notices of an act written at `t`: the hand-off and, for a resolution, the invitation to rate. Never fails the act (logged). */
async function inform(t: TicketDoc, act: TicketAct, audiences: Audience[], now: Date, record: (n: Notice[]) => Promise<InboxDoc[]>): Promise<number> {
  // The raters of a resolved ticket are the managers audienceOf looked up for it.
  const raters = act === 'resolve' ? audiences.flatMap((a) => a.to) : [];
  const notices = [
    ...handoffNotices(t, act, audiences, now),
    // The invitation to rate: once per ticket and round (a reopened ticket resolved again is rated anew).
    ...(act === 'resolve' ? evaluationNotices('ticket', t._id, t.title, raters, now, t.reopenCount ?? 0, t.communityId) : []),
  ];
  let written: InboxDoc[] = [];
  try {
    written = await record(notices);
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'tickets.notices', ticketId: t._id, version: t.version, error: String(e) }));
  }
  await deliver(written, now);
  return written.length;
}

/**
 * A retry of an act that was written (its mark is on the ticket): nothing is written again. If
 * the ticket is still at the version that act wrote, its notices are written where missing — the
 * first call may have ended between its write and its notices (items keyed by event and person:
 * a call that finds an item there does not deliver it again).
 */
async function replayed(doc: TicketDoc, act: TicketAct, mark: RequestMark, now: Date): Promise<ActOutcome> {
  const ours = doc.marks?.find((m) => m.id === mark.id);
  if (!ours || ours.version !== doc.version) return { doc, replay: true, notified: 0 };
  const audiences = await audienceOf(doc, act);
  return { doc, replay: true, notified: await inform(doc, act, audiences, now, recordMissingNotices) };
}

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
 * Writes a new ticket in `submitted` with its number, its first history line and the enterprise's
 * names, in one transaction
 * (with `alsoInTx`); the normal chain continues from there. Also used by the staff console to
 * submit a visit's problem on the enterprise's behalf (the submitter is then the staff member).
 */
export async function createTicket(n: NewTicket, now: Date): Promise<TicketDoc> {
  const id = n.id ?? `tk-${randomBytes(10).toString('hex')}`;
  // The machine's submit is the enterprise's act; on its behalf, staff perform the same act.
  const onBehalf: TicketActor = { id: n.submitter.openid, role: 'manager', enterpriseId: n.enterpriseId, communityId: n.communityId };
  // The enterprise's assigned instructor passes it on (and only they, of the instructors).
  const enterprise = await enterprisesRepository.get(n.enterpriseId);
  const instructorId = enterprise?.instructorOpenid ?? null;
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
        overdue: false,
        // Not on the 会诊 draft: rung 0, never returned, its resolution deadline ahead.
        agendaKey: null,
        history: [historyDoc({ ...made.history, actorRole: n.submitter.role as HistoryEntry['actorRole'] }, n.submitter.name)],
        ...(enterprise?.name ? { enterpriseName: enterprise.name } : {}),
        ...(enterprise?.nameEn ? { enterpriseNameEn: enterprise.nameEn } : {}),
      };
      await ticketsRepository.insert(d, tx);
      await figures.ticketChanged(undefined, d, now, tx);
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

