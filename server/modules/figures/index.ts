/**
 * Figures (rollups): per-community, per-day counters the dashboards and the district overview read
 * instead of the raw history (core/rules/figures.ts says what each document adds).
 *
 * - The acts keep them: each write that changes a case calls `*Changed(before, after, now, tx)` in
 *   its own step — inside its transaction where it has one (a retried transaction re-runs the
 *   body, so the increment is counted once), else right after the one conditional write that won
 *   (a retry of the request loses that write and counts nothing).
 * - The nightly timer (`admin` function, trigger `figures`) recounts recent days from the raw
 *   documents and repairs any drift, one log line per repaired figure.
 * - Besides the days, a community's figures of now (`ticketsNow`: open tickets flagged overdue,
 *   escalated ones) are kept by the same calls — ticket acts in their transaction, the sweep when
 *   it flips a ticket's `overdue` flag — and recounted nightly from the open tickets.
 */
import {
  bookingContribution,
  changeOf,
  daysOf,
  driftOf,
  evaluationContribution,
  liveTicketContribution,
  LIVE,
  questionContribution,
  sumContributions,
  ticketContribution,
  type BookingFacts,
  type Contribution,
  type EvaluationFacts,
  type Figures,
  type QuestionFacts,
  type TicketFacts,
} from '../../../core/rules/figures';
import { OPEN } from '../../../core/rules/ticket-machine';
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import { Collections } from '../../db/schema';
import { inTransaction, type DbLike } from '../../db/transaction';
import { communitiesRepository } from '../organisation';
import { figuresRepository, rawDocs, type StoredDay } from './figures.repository';

export type { StoredDay } from './figures.repository';

async function record(before: Contribution | undefined, after: Contribution | undefined, now: Date, tx?: DbLike): Promise<void> {
  for (const c of changeOf(before, after)) await figuresRepository.bump(c.communityId, c.day, c.figures, now, tx);
}

/**
 * A ticket written (created, acted on, its `overdue` flag flipped by the sweep): its day's counters
 * and its community's figures of now move by the difference.
 */
export async function ticketChanged(before: TicketFacts | undefined, after: TicketFacts | undefined, now: Date, tx?: DbLike): Promise<void> {
  await record(before && ticketContribution(before), after && ticketContribution(after), now, tx);
  await record(before && liveTicketContribution(before), after && liveTicketContribution(after), now, tx);
}
export const questionChanged = (before: QuestionFacts | undefined, after: QuestionFacts | undefined, now: Date, tx?: DbLike) =>
  record(before && questionContribution(before), after && questionContribution(after), now, tx);
export const bookingChanged = (before: BookingFacts | undefined, after: BookingFacts | undefined, now: Date, tx?: DbLike) =>
  record(before && bookingContribution(before), after && bookingContribution(after), now, tx);
export const evaluationChanged = (before: EvaluationFacts | undefined, after: EvaluationFacts | undefined, now: Date, tx?: DbLike) =>
  record(before && evaluationContribution(before), after && evaluationContribution(after), now, tx);

/** A community's stored figures of now (what is true of its open tickets), as kept by the acts. */
export const storedNow = async (communityId: string): Promise<Figures> => (await figuresRepository.get(communityId, LIVE))?.figures ?? {};

/** A community's open tickets flagged overdue, and those escalated (rung ≥ 1), now: one document read. */
export async function ticketsNow(communityId: string): Promise<{ overdue: number; escalated: number }> {
  const f = await storedNow(communityId);
  return { overdue: f.overdue ?? 0, escalated: f.escalated ?? 0 };
}

/** The stored figures of a community's days from `from` to `to` (one read per 1000 days). */
export const storedDays = (communityId: string, from: string, to: string): Promise<StoredDay[]> => figuresRepository.range(communityId, from, to);

const beijingStart = (ymd: string) => new Date(`${ymd}T00:00:00+08:00`);
const TICKET_FACTS = { communityId: true, enterpriseId: true, status: true, category: true, urgency: true, rung: true, overdue: true } as const;

/** The recount of a community's figures of now: its open tickets (one indexed read per open status), never the closed history. */
export async function recountNow(communityId: string): Promise<Figures> {
  const all = { gte: new Date(0), lt: new Date(8.64e15) };
  const open = await Promise.all(OPEN.map((status) => rawDocs<TicketFacts & { _id: string }>(Collections.tickets, { communityId, status }, 'submittedAt', all, TICKET_FACTS)));
  return sumContributions(open.flat().map(liveTicketContribution)).values().next().value?.figures ?? {};
}

/**
 * The recount: every raw case of the community that falls on a day from `from` to `to`, summed
 * into days (only days with a figure). `enterpriseId` narrows it to one enterprise's cases (the
 * dashboard's enterprise filter reads that, a narrow indexed query, instead of the counters).
 */
export async function recount(communityId: string, from: string, to: string, only: { enterpriseId?: string } = {}): Promise<Map<string, Figures>> {
  const where: Record<string, unknown> = { communityId };
  if (only.enterpriseId) where.enterpriseId = only.enterpriseId;
  const instants = { gte: beijingStart(from), lt: beijingStart(addDays(to, 1)) };
  const [tickets, questions, bookings, evaluations] = await Promise.all([
    rawDocs<TicketFacts & { _id: string }>(Collections.tickets, where, 'submittedAt', instants, TICKET_FACTS),
    rawDocs<QuestionFacts & { _id: string }>(Collections.questions, where, 'createdAt', instants, {
      communityId: true,
      enterpriseId: true,
      category: true,
      status: true,
      firstAnsweredAt: true,
      answeredOnTime: true,
    }),
    rawDocs<BookingFacts & { _id: string }>(Collections.clinicBookings, where, 'sessionDate', { gte: from, lte: to }, { communityId: true, enterpriseId: true, profession: true, status: true }),
    rawDocs<EvaluationFacts & { _id: string }>(Collections.evaluations, where, 'at', instants, { communityId: true, overall: true, categoryKey: true }),
  ]);
  const sums = sumContributions([
    ...tickets.map(ticketContribution),
    ...questions.map(questionContribution),
    ...bookings.map(bookingContribution),
    ...evaluations.map(evaluationContribution),
  ]);
  return new Map([...sums.values()].map((c) => [c.day, c.figures]));
}

export interface FigureRepair {
  communityId: string;
  day: string;
  figure: string;
  was: number;
  now: number;
}

/**
 * Recounts a community's days from `from` to `to` and repairs every day whose counters differ.
 * A day is replaced in a transaction that first checks its counters are still those compared: an
 * act that wrote meanwhile leaves it to the next run (its count may or may not be in the recount).
 */
export async function reconcileCommunity(communityId: string, from: string, to: string, now: Date): Promise<{ repairs: FigureRepair[]; busy: number }> {
  const stored = new Map((await figuresRepository.range(communityId, from, to)).map((d) => [d.day, d.figures]));
  const counted = await recount(communityId, from, to);
  const repairs: FigureRepair[] = [];
  let busy = 0;
  for (const day of [...new Set([...stored.keys(), ...counted.keys()])].sort()) {
    const was = stored.get(day) ?? {};
    const drift = driftOf(was, counted.get(day) ?? {});
    if (!drift.length) continue;
    const repaired = await inTransaction(async (tx) => {
      const again = (await figuresRepository.get(communityId, day, tx))?.figures ?? {};
      if (driftOf(again, was).length) return false;
      await figuresRepository.put(communityId, day, counted.get(day) ?? {}, now, tx);
      return true;
    });
    if (!repaired) {
      busy += 1;
      continue;
    }
    for (const d of drift) {
      const repair = { communityId, day, figure: d.figure, was: d.was, now: d.now };
      repairs.push(repair);
      logRepair(repair);
    }
  }
  return { repairs, busy };
}

/** Recounts a community's figures of now from its open tickets and repairs them (as reconcileCommunity repairs a day). */
export async function reconcileNow(communityId: string, now: Date): Promise<{ repairs: FigureRepair[]; busy: number }> {
  const was = (await figuresRepository.get(communityId, LIVE))?.figures ?? {};
  const counted = await recountNow(communityId);
  const drift = driftOf(was, counted);
  if (!drift.length) return { repairs: [], busy: 0 };
  const repaired = await inTransaction(async (tx) => {
    const again = (await figuresRepository.get(communityId, LIVE, tx))?.figures ?? {};
    if (driftOf(again, was).length) return false;
    await figuresRepository.put(communityId, LIVE, counted, now, tx);
    return true;
  });
  if (!repaired) return { repairs: [], busy: 1 };
  const repairs = drift.map((d) => ({ communityId, day: LIVE, figure: d.figure, was: d.was, now: d.now }));
  repairs.forEach(logRepair);
  return { repairs, busy: 0 };
}

function logRepair(r: FigureRepair): void {
  if (process.env.LOG_LEVEL === 'silent') return;
  console.warn(JSON.stringify({ level: 'warn', what: 'figures.repair', ...r }));
}

/** Days recounted every night: the recent ones, where cases still change most. */
export const RECENT_DAYS = 62;
/** Older history is recounted a month a night, cycling through this many months before the recent days. */
export const OLDER_MONTHS = 24;
/** A run stops starting communities after this long (the next night starts where this one stopped). */
const RUN_BUDGET_MS = 15_000;

/** The older month a night recounts: each of the OLDER_MONTHS months before the recent days in turn. */
export function olderMonthOf(today: string): { from: string; to: string } {
  const night = Math.floor(Date.parse(`${today}T00:00:00Z`) / 86_400_000);
  const back = 3 + (night % OLDER_MONTHS);
  const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - back);
  const from = d.toISOString().slice(0, 10);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return { from, to: addDays(d.toISOString().slice(0, 10), -1) };
}

/**
 * The nightly reconciliation: for every community (starting at a different one each night, within
 * a time budget), the last RECENT_DAYS days and one older month. Answers what it repaired.
 */
export async function reconcileNightly(now: Date): Promise<{ communities: number; days: number; repaired: number; busy: number; more: boolean; repairs: FigureRepair[] }> {
  const started = Date.now();
  const today = shanghaiDate(now);
  const recent = { from: addDays(today, -(RECENT_DAYS - 1)), to: today };
  const older = olderMonthOf(today);
  const all = (await communitiesRepository.all()).map((c) => c._id).sort();
  const night = Math.floor(Date.parse(`${today}T00:00:00Z`) / 86_400_000);
  const order = all.map((_, i) => all[(i + night) % all.length]);
  const repairs: FigureRepair[] = [];
  let busy = 0;
  let communities = 0;
  let more = false;
  for (const communityId of order) {
    if (Date.now() - started > RUN_BUDGET_MS) {
      more = true;
      break;
    }
    for (const r of [await reconcileCommunity(communityId, older.from, older.to, now), await reconcileCommunity(communityId, recent.from, recent.to, now), await reconcileNow(communityId, now)]) {
      repairs.push(...r.repairs);
      busy += r.busy;
    }
    communities += 1;
  }
  const days = communities * (daysOf(recent.from, recent.to).length + daysOf(older.from, older.to).length);
  return { communities, days, repaired: repairs.length, busy, more, repairs: repairs.slice(0, 100) };
}

/**
 * Builds (or rebuilds) a community's figures over any span, a year at a time, and its figures of
 * now: the migration of existing data (docs/figures.md), and the seeding of demo data written
 * straight to the database.
 */
export async function rebuild(communityId: string, from: string, to: string, now: Date): Promise<FigureRepair[]> {
  const out: FigureRepair[] = [];
  for (let start = from; start <= to; start = addDays(start, 366)) {
    const end = addDays(start, 365) < to ? addDays(start, 365) : to;
    out.push(...(await reconcileCommunity(communityId, start, end, now)).repairs);
  }
  out.push(...(await reconcileNow(communityId, now)).repairs);
  return out;
}
