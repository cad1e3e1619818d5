/**
 * Ticket deadlines in WORKING days (the shared holiday calendar, same as Q&A): signing-for (签收),
 * progress report (进展反馈) and resolution (办结), per urgency with per-category overrides.
 * Pure: the ticket, the policy and `now` are arguments; every day is read in Asia/Shanghai.
 *
 * The rules, exactly:
 * - "N working days after t" is 18:00 on the N-th working day strictly after t's Shanghai date
 *   (as Q&A's answerDueAt: the hour of t does not matter).
 * - N = 0 means "the same working day": 18:00 today when t is on a working day before 18:00,
 *   otherwise 18:00 on the next working day (after hours, the next working day is the same day).
 * - Anchors: signing runs from the latest dispatch or 改派 (each unit gets its own time to sign);
 *   progress runs from signing, then from each report (a rolling deadline); resolution runs from
 *   the submission — the enterprise's promise, which 退单 and 改派 never reset — or from the
 *   latest reopening, which restarts it.
 * - Suspension pauses the clock: a deadline moves later by one working day for each working day
 *   on which the ticket was suspended at any moment before 18:00 (partial days round up; a
 *   suspension from 19:00 to 08:00 the next morning costs only that next day). Only suspensions
 *   after the anchor count, and only those that began before the deadline as moved so far: a
 *   suspension cannot rescue a deadline already missed.
 * - While a ticket is suspended its deadlines are paused: shown with the past suspensions only,
 *   and never overdue.
 * - "Passed" means strictly after the deadline (18:00:00 itself is still in time).
 */
import type { Suspension, Ticket, TicketStatus, Urgency } from './ticket-machine';
import { addDays, endOfWorkingDay, nextWorkingDay, shanghaiDate, type WorkingCalendar } from './working-days';

export interface DeadlineRule {
  /** Working days to sign for after dispatch (0: the same working day). */
  signDays: number;
  /** Working days between progress reports, from signing. */
  progressDays: number;
  /** Working days to resolve, from submission (or reopening). */
  resolveDays: number;
}

export interface DeadlinePolicy {
  byUrgency: Record<Urgency, DeadlineRule>;
  /** A category may override any part of any urgency's rule (e.g. power outages are faster). */
  byCategory?: Record<string, Partial<Record<Urgency, Partial<DeadlineRule>>>>;
}

/** The defaults: 1/3/10 normal, 1/2/5 urgent, same day/1/2 critical. */
export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  byUrgency: {
    normal: { signDays: 1, progressDays: 3, resolveDays: 10 },
    urgent: { signDays: 1, progressDays: 2, resolveDays: 5 },
    critical: { signDays: 0, progressDays: 1, resolveDays: 2 },
  },
};

export type DeadlineKind = 'sign' | 'progress' | 'resolve';

export interface TicketDeadlines {
  /** Null until dispatched. */
  sign: Date | null;
  /** Null until signed. */
  progress: Date | null;
  resolve: Date;
  /** Suspended now: the clock is stopped, nothing is overdue. */
  paused: boolean;
}

export function ruleFor(category: string, urgency: Urgency, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): DeadlineRule {
  const override = policy.byCategory?.[category]?.[urgency];
  return { ...policy.byUrgency[urgency], ...override };
}

/** The k-th working day strictly after `ymd` (k = 0: `ymd` itself). */
function workingDayAfter(cal: WorkingCalendar, ymd: string, k: number): string {
  let d = ymd;
  for (let i = 0; i < k; i++) d = nextWorkingDay(cal, d);
  return d;
}

/** The first Shanghai day on which work done at `at` counts: today if a working day before 18:00. */
function sameWorkingDay(cal: WorkingCalendar, at: Date): string {
  const d = shanghaiDate(at);
  return cal.isWorkingDay(d) && at.getTime() < endOfWorkingDay(d).getTime() ? d : nextWorkingDay(cal, d);
}

/** 18:00 of `days` working days after `anchor` (see the module comment), moved by `extra` working days. */
export function workingDeadline(cal: WorkingCalendar, anchor: Date, days: number, extra = 0): Date {
  const base = days === 0 ? sameWorkingDay(cal, anchor) : shanghaiDate(anchor);
  return endOfWorkingDay(workingDayAfter(cal, base, days + extra));
}

/** 00:00 Shanghai on `ymd`. */
const startOfDay = (ymd: string) => new Date(`${ymd}T00:00:00+08:00`);

/** Working days on which [start, end) touches the working part of the day (00:00–18:00 Shanghai). */
function suspendedDays(cal: WorkingCalendar, start: Date, end: Date, into: Set<string>): void {
  if (end.getTime() <= start.getTime()) return;
  const last = shanghaiDate(end);
  for (let d = shanghaiDate(start); d <= last; d = addDays(d, 1)) {
    if (!cal.isWorkingDay(d)) continue;
    if (start.getTime() < endOfWorkingDay(d).getTime() && end.getTime() > startOfDay(d).getTime()) into.add(d);
  }
}

/**
 * `days` working days after `anchor`, paused by the finished suspensions (open ones are ignored:
 * the caller reports the ticket as paused). Suspensions are taken in order of their start.
 */
export function pausedDeadline(cal: WorkingCalendar, anchor: Date, days: number, suspensions: readonly Suspension[] = []): Date {
  const counted = new Set<string>();
  let due = workingDeadline(cal, anchor, days);
  const sorted = [...suspensions].sort((a, b) => new Date(a.start).getTime() - new Date(b.start).getTime());
  for (const s of sorted) {
    if (s.end === null) continue;
    const start = new Date(s.start);
    if (start.getTime() > due.getTime()) continue;
    const from = start.getTime() < anchor.getTime() ? anchor : start;
    suspendedDays(cal, from, new Date(s.end), counted);
    due = workingDeadline(cal, anchor, days, counted.size);
  }
  return due;
}

const later = (a: Date, b: Date | null | undefined) => (b && new Date(b).getTime() > a.getTime() ? new Date(b) : a);

/** The resolution clock's start: the submission, or the latest reopening. */
export function resolutionAnchor(t: Pick<Ticket, 'submittedAt' | 'reopenedAt'>): Date {
  return later(new Date(t.submittedAt), t.reopenedAt);
}

export function deadlinesFor(ticket: Ticket, cal: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): TicketDeadlines {
  const rule = ruleFor(ticket.category, ticket.urgency, policy);
  const susp = ticket.suspensions ?? [];
  const sign = ticket.dispatchedAt ? pausedDeadline(cal, new Date(ticket.dispatchedAt), rule.signDays, susp) : null;
  const progress = ticket.signedAt ? pausedDeadline(cal, later(new Date(ticket.signedAt), ticket.lastProgressAt), rule.progressDays, susp) : null;
  const resolve = pausedDeadline(cal, resolutionAnchor(ticket), rule.resolveDays, susp);
  return { sign, progress, resolve, paused: ticket.status === 'suspended' };
}

/** The statuses in which each deadline is still owed. */
export const OWED: Record<DeadlineKind, readonly TicketStatus[]> = {
  sign: ['dispatched'],
  progress: ['signed', 'in_progress'],
  resolve: ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'],
};

export interface Overdue {
  kind: DeadlineKind;
  due: Date;
}

/** The deadlines still owed that have passed at `now`, in the order sign, progress, resolve. */
export function overdueChecks(ticket: Ticket, now: Date, cal: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Overdue[] {
  const d = deadlinesFor(ticket, cal, policy);
  if (d.paused) return [];
  const out: Overdue[] = [];
  for (const kind of ['sign', 'progress', 'resolve'] as const) {
    const due = d[kind];
    if (due && OWED[kind].includes(ticket.status) && now.getTime() > due.getTime()) out.push({ kind, due });
  }
  return out;
}
