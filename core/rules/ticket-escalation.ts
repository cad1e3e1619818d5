/**
 * The escalation ladder and the monthly joint consultation (每月一会诊). Pure: the ticket(s), the
 * policy and `now` are arguments. The same decision serves the timer (automatic) and the staff
 * button (`manual: true`); the machine's `escalate` act then writes it.
 *
 * Ladder: community (rung 0) → 锋领企服队 service team (1) → 锋领企服联盟 alliance (2).
 * - Rung 0's deadline is the ticket's resolution deadline (ticket-deadlines: urgency, category,
 *   suspensions). Rung 1 and 2 each have their own: `rungDays` working days after the ticket
 *   reached the rung (or after a later reopening), paused by suspensions the same way.
 * - Escalation is due strictly after the current rung's deadline, only for open tickets (not
 *   suspended, resolved, evaluated, closed or merged), and goes up exactly one rung.
 * - Idempotent by construction: escalating sets rungReachedAt = now, so the new rung's deadline
 *   lies in the future of that same `now`; a second call (or a timer retry) decides 'none'. A
 *   timer that was down for weeks still moves a ticket one rung per run.
 * - At the top there is no rung left: once the alliance's deadline passed, the decision is a
 *   督办 reminder, at most one per working day (not on a day a supervision is already recorded).
 */
import { OPEN, TOP_RUNG, type Rung, type Ticket, type Urgency } from './ticket-machine';
import { DEFAULT_DEADLINE_POLICY, deadlinesFor, OWED, overdueChecks, pausedDeadline, type DeadlinePolicy } from './ticket-deadlines';
import { shanghaiDate, type WorkingCalendar } from './working-days';

export interface EscalationPolicy extends DeadlinePolicy {
  /** Working days the service team (1) and the alliance (2) get from reaching their rung. */
  rungDays: { 1: number; 2: number };
}

export const DEFAULT_ESCALATION_POLICY: EscalationPolicy = { ...DEFAULT_DEADLINE_POLICY, rungDays: { 1: 5, 2: 10 } };

export type EscalationDecision =
  | { kind: 'escalate'; from: Rung; to: Rung; manual: boolean; deadline: Date }
  | { kind: 'remind'; rung: Rung; deadline: Date }
  | { kind: 'none'; reason: 'not_open' | 'suspended' | 'not_due' | 'at_top' | 'reminded_today'; deadline?: Date };

/** The current rung's deadline: the resolution deadline at rung 0, `rungDays` after reaching rung 1 or 2. */
export function rungDeadline(ticket: Ticket, cal: WorkingCalendar, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY): Date {
  if (ticket.rung === 0) return deadlinesFor(ticket, cal, policy).resolve;
  const reached = new Date(ticket.rungReachedAt);
  const reopened = ticket.reopenedAt ? new Date(ticket.reopenedAt) : null;
  const anchor = reopened && reopened.getTime() > reached.getTime() ? reopened : reached;
  return pausedDeadline(cal, anchor, policy.rungDays[ticket.rung], ticket.suspensions ?? []);
}

/**
 * Whether to escalate `ticket` at `now`. `manual` (a staff button) skips the deadline but not the
 * rest: a suspended or finished ticket never escalates, and the top has nowhere to go.
 */
export function escalationDue(
  ticket: Ticket,
  now: Date,
  cal: WorkingCalendar,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
  opts: { manual?: boolean } = {},
): EscalationDecision {
  if (ticket.status === 'suspended') return { kind: 'none', reason: 'suspended' };
  if (!OPEN.includes(ticket.status)) return { kind: 'none', reason: 'not_open' };
  const manual = !!opts.manual;
  const deadline = rungDeadline(ticket, cal, policy);
  const passed = now.getTime() > deadline.getTime();
  if (ticket.rung >= TOP_RUNG) {
    if (manual || !passed) return { kind: 'none', reason: manual ? 'at_top' : 'not_due', deadline };
    const today = shanghaiDate(now);
    if (!cal.isWorkingDay(today)) return { kind: 'none', reason: 'not_due', deadline };
    if (ticket.lastSupervisedAt && shanghaiDate(new Date(ticket.lastSupervisedAt)) >= today) return { kind: 'none', reason: 'reminded_today', deadline };
    return { kind: 'remind', rung: ticket.rung, deadline };
  }
  if (!manual && !passed) return { kind: 'none', reason: 'not_due', deadline };
  return { kind: 'escalate', from: ticket.rung, to: (ticket.rung + 1) as Rung, manual, deadline };
}

const DAY_MS = 86_400_000;

/**
 * When the timer next has work for `ticket` after a sweep at `now`: the first instant past the
 * earliest owed deadline or rung deadline still ahead (deadlines are due strictly after their
 * moment); at the top rung once its deadline passed, the start of the next Beijing day (one 督办
 * per working day). Null for a ticket the timer never touches (suspended or finished: the act that
 * resumes or reopens it makes it due again). The sweep reads only tickets whose moment has come,
 * so its work grows with what is due, not with what is open.
 */
export function nextSweepAt(ticket: Ticket, now: Date, cal: WorkingCalendar, policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY): Date | null {
  if (!OPEN.includes(ticket.status)) return null;
  const d = deadlinesFor(ticket, cal, policy);
  const moments: number[] = [];
  for (const kind of ['sign', 'progress', 'resolve'] as const) {
    const due = d[kind];
    if (due && OWED[kind].includes(ticket.status)) moments.push(due.getTime() + 1);
  }
  const rung = rungDeadline(ticket, cal, policy).getTime();
  moments.push(rung + 1);
  if (ticket.rung >= TOP_RUNG && rung < now.getTime()) {
    // 00:00 Beijing (UTC+8, no daylight saving) of the next day.
    const beijing = now.getTime() + 8 * 3_600_000;
    moments.push(Math.floor(beijing / DAY_MS) * DAY_MS + DAY_MS - 8 * 3_600_000);
  }
  const ahead = moments.filter((m) => m > now.getTime());
  // Nothing ahead (an escalation this sweep could not write): look again in a day.
  return new Date(ahead.length > 0 ? Math.min(...ahead) : now.getTime() + DAY_MS);
}

/** Why a ticket is on the month's agenda, in this order. */
export type AgendaReason = 'escalated' | 'overdue' | 'returned';

export interface AgendaItem {
  ticketId: string;
  reasons: AgendaReason[];
  rung: Rung;
  urgency: Urgency;
  returnCount: number;
  /** The resolution deadline (paused ones included), for the meeting's papers. */
  resolveBy: Date;
}

export interface Agenda {
  month: string;
  items: AgendaItem[];
}

/** 退单 this many times means the ticket bounces between units: the meeting decides who owns it. */
export const AGENDA_RETURNS = 2;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Urgency on the agenda: critical first. */
export const URGENCY_ORDER: Record<Urgency, number> = { critical: 0, urgent: 1, normal: 2 };

/** The first instant after `month` ('YYYY-MM', Shanghai): the agenda counts submissions before it. */
export function monthEnd(month: string): Date {
  if (!MONTH.test(month)) throw new RangeError(`month must be YYYY-MM, got ${month}`);
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return new Date(`${next}-01T00:00:00+08:00`);
}

/**
 * Why `t` belongs on an agenda at `now`, in the agenda's order of reasons (empty: it does not):
 * unfinished (open or suspended), and escalated, overdue at its resolution deadline, or returned
 * AGENDA_RETURNS times or more. The month's bound on the submission is the caller's.
 */
export function agendaReasons(t: Ticket, now: Date, cal: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): AgendaReason[] {
  if (t.status !== 'suspended' && !OPEN.includes(t.status)) return [];
  const reasons: AgendaReason[] = [];
  if (t.rung >= 1) reasons.push('escalated');
  if (overdueChecks(t, now, cal, policy).some((o) => o.kind === 'resolve')) reasons.push('overdue');
  if ((t.returnCount ?? 0) >= AGENDA_RETURNS) reasons.push('returned');
  return reasons;
}

/**
 * 每月一会诊: the draft agenda for `month` ('YYYY-MM', Shanghai), built at `now` from the
 * community's tickets. A ticket is on it while still unfinished (open or suspended) and
 * submitted before the month ended, when it has been escalated (rung ≥ 1), is overdue at its
 * resolution deadline at `now`, or has been returned (退单) AGENDA_RETURNS times or more.
 * Order (deterministic): higher rung first, then more reasons, then urgency (critical first),
 * then the earlier resolution deadline, then the ticket id.
 */
export function agendaFor(month: string, tickets: readonly Ticket[], now: Date, cal: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Agenda {
  const end = monthEnd(month).getTime();

  const items: AgendaItem[] = [];
  for (const t of tickets) {
    if (new Date(t.submittedAt).getTime() >= end) continue;
    const reasons = agendaReasons(t, now, cal, policy);
    if (reasons.length === 0) continue;
    items.push({ ticketId: t.id, reasons, rung: t.rung, urgency: t.urgency, returnCount: t.returnCount ?? 0, resolveBy: deadlinesFor(t, cal, policy).resolve });
  }
  items.sort(
    (a, b) =>
      b.rung - a.rung ||
      b.reasons.length - a.reasons.length ||
      URGENCY_ORDER[a.urgency] - URGENCY_ORDER[b.urgency] ||
      a.resolveBy.getTime() - b.resolveBy.getTime() ||
      (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0),
  );
  return { month, items };
}
