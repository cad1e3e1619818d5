/**
 * The stored agenda sort key (每月一会诊): a string on the ticket whose ascending order is the
 * order of `agendaFor`, so that the month's agenda is a page of an index on (communityId,
 * agendaKey) read after a cursor, never every open ticket. Pure: the ticket, `now` and the
 * calendar are arguments.
 *
 * The key is worked out by every write of the ticket (and by the timer when a deadline passes) at
 * that moment: its "overdue" reason is the one true at the last write or sweep. The timer looks at
 * a ticket right after its resolution deadline (nextSweepAt), so the lag is at most one sweep
 * interval.
 *
 * Layout (fixed-width fields, then the id, so string order is field order):
 *   `${2 - rung}${3 - reasons}${urgency rank}.${resolution deadline, ISO UTC}.${ticket id}`
 * e.g. `011.2027-03-15T10:00:00.000Z.tk-abc`: higher rung first, then more reasons, then critical
 * before urgent before normal, then the earlier resolution deadline, then the id (ids are ASCII
 * [A-Za-z0-9_-], compared as agendaFor compares them). Null when the ticket is not on the draft.
 */
import { deadlinesFor, DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from './ticket-deadlines';
import { AGENDA_RETURNS, agendaReasons, URGENCY_ORDER, type AgendaReason } from './ticket-escalation';
import { TOP_RUNG, type Rung, type Ticket } from './ticket-machine';
import type { WorkingCalendar } from './working-days';

/** What a stored key looks like (a cursor of the agenda is one). */
export const AGENDA_KEY = /^[0-2][0-2][0-2]\.\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\.[A-Za-z0-9_-]{1,64}$/;

/** The key of `t` at `now`, or null when it is not on the draft agenda (finished, or no reason). */
export function agendaKeyOf(t: Ticket, now: Date, cal: WorkingCalendar, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): string | null {
  const reasons = agendaReasons(t, now, cal, policy);
  if (reasons.length === 0) return null;
  const resolveBy = deadlinesFor(t, cal, policy).resolve;
  return `${TOP_RUNG - t.rung}${3 - reasons.length}${URGENCY_ORDER[t.urgency]}.${resolveBy.toISOString()}.${t.id}`;
}

/**
 * The reasons a stored key stands for, given the ticket's rung and 退单 count (the same write set
 * them and the key): escalated and returned are read off the ticket, overdue is what is left of
 * the key's count of reasons.
 */
export function reasonsOfKey(key: string, rung: Rung, returnCount: number | undefined): AgendaReason[] {
  const count = 3 - Number(key[1]);
  const escalated = rung >= 1;
  const returned = (returnCount ?? 0) >= AGENDA_RETURNS;
  const overdue = count - Number(escalated) - Number(returned) > 0;
  const out: AgendaReason[] = [];
  if (escalated) out.push('escalated');
  if (overdue) out.push('overdue');
  if (returned) out.push('returned');
  return out;
}
