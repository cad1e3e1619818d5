/**
 * The write path of demands: every change (an act, a meeting's decision) goes through `commit`:
 * one transaction reads the ticket, checks the version the caller read, writes the whole new
 * document and appends the history entry under _id <ticketId>:<version>. Two writers of one
 * version cannot both win: the emulator and CloudBase serialise or abort the transactions, and
 * the loser (or a transaction that kept conflicting) answers TICKET.VERSION_CONFLICT. New tickets
 * (createTicket) are written the same way.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import type { TicketCategory, TicketUrgencyView } from '../../../core/api/tickets';
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
import { shanghaiDate, type WorkingCalendar } from '../../../core/rules/working-days';
import { isDuplicateKey } from '../../db/client';
import { inTransaction, type DbLike } from '../../db/transaction';
import { DomainError, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { evaluationNotices } from '../notify';
import { deliver, stageNotices, type Notice } from '../notify';
import type { InboxDoc } from '../notify';
import { enterprisesRepository } from '../organisation';
import { audienceOf, handoffNotices, type Audience } from './tickets-notifications';
import {
  catalogueRepository,
  countersRepository,
  historyId,
  historyRepository,
  ticketsRepository,
  toTicket,
  unitsRepository,
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

/**
 * Reads the ticket in a transaction, checks `expected` (when given), lets `build` decide the
 * patch and the history entry, writes both. A transaction that kept conflicting, or a history
 * _id already taken, is a lost race: TICKET.VERSION_CONFLICT.
 */
export async function commit(
  id: string,
  expected: number | undefined,
  build: (doc: TicketDoc, tx: DbLike) => Promise<{ next: TicketPatch; history: Omit<HistoryDoc, '_id'> }>,
  now: Date,
  /** The act's inbox items, written in its transaction; those written land in `staged` (deliver them after). */
  inform?: { notices: (updated: TicketDoc) => Notice[]; staged: InboxDoc[] },
  /** The community's calendar, to work out the stored `overdue` flag (without it the flag stays until the sweep, which the act makes due). */
  cal?: WorkingCalendar,
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
      const open = OPEN.includes(updated.status);
      updated.sweepAt = open ? now : null;
      updated.overdue = open ? (cal ? overdueChecks(toTicket(updated), now, cal).length > 0 : !!doc.overdue) : false;
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

export function historyDoc(h: HistoryEntry, actorName: string | undefined): Omit<HistoryDoc, '_id'> {
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

/** What the caller already knows: the ticket as it read it (its privacy check), the community's calendar. */
export interface ActContext {
  before?: TicketDoc;
  calendar?: WorkingCalendar;
  /** Filled in by a dispatch: the community's member units it read (the answer's detail names them). */
  units?: MemberUnitDoc[];
}

/**
 * One act of the machine by `actor` (a user, or the timer as 'system'), written under the version
 * check. Reads only what the act needs before its transaction (the member units for a dispatch,
 * the catalogue entry when no lead is named, the merge target, who hears of it); the ticket the
 * caller already read (`known.before`) is not read again outside the transaction.
 */
export async function performAct(actor: TicketActor, actorName: string | undefined, input: ActInput, now: Date, known: ActContext = {}): Promise<TicketDoc> {
  const before = known.before ?? (await ticketsRepository.get(input.id));
  if (!before) throw notFound('ticket');
  if (actor.role !== 'system' && actor.communityId !== before.communityId) throw notFound('ticket');

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
  if (input.act === 'merge' && input.targetId && /^[A-Za-z0-9_-]{1,64}$/.test(input.targetId)) {
    // Read in the transaction (below), where it counts: this placeholder only names it.
    tInput.target = { id: input.targetId, status: 'submitted', communityId: before.communityId };
  }
  if (input.note || input.reason || input.comment) {
    await assertTextSafe([input.note, input.reason, input.comment], actor.id === 'system' ? 'system' : actor.id, CheckScene.comment);
  }

  // Who hears of it, looked up before the transaction (no queries inside one): the units it will
  // be dispatched to are known from the input or the catalogue.
  const predicted = { ...before, leadUnitId: tInput.leadUnitId ?? before.leadUnitId, assistUnitIds: tInput.assistUnitIds ?? before.assistUnitIds };
  const audiences: Audience[] = await audienceOf(predicted, input.act);
  // The raters of a resolved ticket are the managers audienceOf already looked up for it.
  const raters = input.act === 'resolve' ? audiences.flatMap((a) => a.to) : [];
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
    known.calendar,
  );
  await deliver(staged, now);
  return updated;
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
        overdue: false,
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

