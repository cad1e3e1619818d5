/** The timer of demands (overdue flags, 督办 reminders, escalation) and the 待办 figures over open tickets. */
import { overdueChecks } from '../../../core/rules/ticket-deadlines';
import type { CalendarBook } from '../../platform/holiday-calendar';
import { agendaKeyOf } from '../../../core/rules/ticket-agenda-key';
import { addCapped, type CappedCount } from '../../db/reads';
import { escalationDue, nextSweepAt } from '../../../core/rules/ticket-escalation';
import { OPEN, type TicketAct } from '../../../core/rules/ticket-machine';
import { DomainError } from '../../kernel/errors';
import * as figures from '../figures';
import { notify } from '../notify';
import { overdueNotices } from './tickets-notifications';
import { leadUnitDueBy, ticketCounts } from './ticket-queries';
import { noticesRepository, ticketsRepository, toTicket } from './tickets.repository';
import { SYSTEM, SYSTEM_NAME } from './tickets-access';
import { performAct } from './tickets-write';

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
 * then moves the ticket's moment to the next one, with its overdue flag and its agenda key (a
 * ticket joins the 会诊 draft as "overdue" here, at the first run after its resolution deadline:
 * nextSweepAt makes that moment due).
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
          latest = await performAct(SYSTEM, SYSTEM_NAME, { id: doc._id, version: doc.version, act }, now, { before: doc, calendar: cal });
          if (act === 'escalate') escalated += 1;
          else reminded += 1;
        } catch (e) {
          // Someone (staff, or an overlapping run) changed the ticket first: their act made it
          // due again, and the next run decides.
          if (e instanceof DomainError) continue;
          throw e;
        }
      }
      const lt = toTicket(latest);
      const overdue = overdueChecks(lt, now, cal).length > 0;
      const was = latest.overdue === true;
      const won = await ticketsRepository.setSweepAt(latest._id, latest.version, nextSweepAt(lt, now, cal), overdue, was, agendaKeyOf(lt, now, cal));
      // The flag flipped: its counters (the day's, the community's of now) move with it, right after the write that won.
      if (won && overdue !== was) await figures.ticketChanged(latest, { ...latest, overdue }, now);
    }
    if (more || page.length < SWEEP_PAGE) break;
  }
  return { checked, flagged, escalated, reminded, more };
}

/** The statuses on the 会诊 draft, and one page of the backfill. */
const AGENDA_STATUSES: readonly string[] = [...OPEN, 'suspended'];
const BACKFILL_PAGE = 200;

/**
 * The one-off backfill of agenda keys (docs/api.md, 每月一会诊): sets the key on a community's open
 * and suspended tickets that have none — tickets written before the key existed, or straight to
 * the database (imports, seeds) — a page at a time until none is left; each write is conditional
 * on the version read and on the key still missing, so an act racing it wins. Answers how many it
 * set. Run once per community at deploy (or after an import); the acts and the sweep keep the key
 * from then on.
 */
export async function backfillAgendaKeys(communityId: string, now: Date, calendars: CalendarBook): Promise<number> {
  const cal = calendars.for(communityId);
  let set = 0;
  for (;;) {
    const page = await ticketsRepository.withoutAgendaKey(communityId, AGENDA_STATUSES, BACKFILL_PAGE);
    let wrote = 0;
    for (const doc of page) if (await ticketsRepository.setAgendaKey(doc._id, doc.version, agendaKeyOf(toTicket(doc), now, cal))) wrote += 1;
    set += wrote;
    // A page that wrote nothing is tickets others are writing (each write sets the key): stop.
    if (page.length < BACKFILL_PAGE || wrote === 0) return set;
  }
}

/** How many of the candidates for a deadline near one read takes. */
const DUE_BATCH = 100;

/**
 * A unit's 待办 figures over its lead tickets, each up to `cap` ("20+" beyond): overdue, and a
 * deadline within two days. Overdue: the tickets flagged overdue (a page of ids), plus those whose
 * deadline passed since the timer last looked (not flagged yet, their sweepAt passed). A deadline
 * near: of the tickets not flagged whose timer moment comes within the two days, those with a
 * deadline passed by then and none now. Reads what is flagged (a page) and what has timer work in
 * the window, not the unit's open tickets (it read up to 500 of them to judge each).
 */
export async function openTicketFigures(scope: { unitId: string }, now: Date, calendars: CalendarBook, cap: number): Promise<{ overdue: CappedCount; deadlinesNear: CappedCount }> {
  const soon = new Date(now.getTime() + 2 * 86_400_000);
  const flagged = ticketCounts.overdueOfLeadUnit(scope.unitId, cap);
  let lateUnflagged = 0;
  let near = 0;
  let after: { at: Date; id: string } | undefined;
  for (;;) {
    const rows = await leadUnitDueBy(scope.unitId, new Date(soon.getTime() + 1), DUE_BATCH, after);
    for (const d of rows) {
      const cal = calendars.for(d.communityId);
      const t = toTicket(d);
      if (overdueChecks(t, now, cal).length > 0) lateUnflagged += 1;
      else if (overdueChecks(t, soon, cal).length > 0) near += 1;
    }
    const last = rows[rows.length - 1];
    // Earliest first: once past `now`, no later one is overdue unflagged; past the cap, the near count is "more".
    if (rows.length < DUE_BATCH || (near > cap && last.sweepAt && last.sweepAt.getTime() > now.getTime())) break;
    after = { at: new Date(last.sweepAt!), id: last._id };
  }
  const f = await flagged;
  return { overdue: addCapped(cap, f, { count: lateUnflagged, more: false }), deadlinesNear: addCapped(cap, { count: near, more: false }) };
}
