import { PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import fc from 'fast-check';
import { deadlinesFor, overdueChecks } from './ticket-deadlines';
import { AGENDA_RETURNS, DEFAULT_ESCALATION_POLICY, agendaFor, escalationDue, nextSweepAt, rungDeadline } from './ticket-escalation';
import { applyPatch, transition, type Ticket, type TicketActor } from './ticket-machine';
import { sampleTicket } from './fixtures/ticket';

// Run under both TZ=UTC and TZ=Asia/Shanghai: every instant below carries its offset.
const at = (s: string) => new Date(`${s}+08:00`);
const TIMER: TicketActor = { id: 'timer', role: 'system' };

const ticket = (p: Partial<Ticket> = {}): Ticket => sampleTicket(at('2026-02-12T10:00:00'), p);

/** Runs the timer's use case: decide, then let the machine write it. */
function tick(t: Ticket, now: Date): Ticket {
  const d = escalationDue(t, now, CAL);
  if (d.kind === 'escalate') {
    const r = transition(t, 'escalate', TIMER, now);
    if (!r.ok) throw new Error(r.code);
    return applyPatch(t, r.next);
  }
  if (d.kind === 'remind') {
    const r = transition(t, 'supervise', TIMER, now, { note: '督办' });
    if (!r.ok) throw new Error(r.code);
    return applyPatch(t, r.next);
  }
  return t;
}

describe('the ladder: community (10 working days, normal) → service team (+5) → alliance (+10)', () => {
  it('rung 0: the resolution deadline, Wed Mar 4 18:00 (across Spring Festival); escalates after it and not a minute before', () => {
    const t = ticket();
    expect(rungDeadline(t, CAL)).toEqual(at('2026-03-04T18:00:00'));
    expect(escalationDue(t, at('2026-03-04T17:59:00'), CAL)).toMatchObject({ kind: 'none', reason: 'not_due' });
    expect(escalationDue(t, at('2026-03-04T18:00:00'), CAL)).toMatchObject({ kind: 'none', reason: 'not_due' });
    expect(escalationDue(t, at('2026-03-04T18:01:00'), CAL)).toEqual({ kind: 'escalate', from: 0, to: 1, manual: false, deadline: at('2026-03-04T18:00:00') });
  });

  it('rung 1 and 2 deadlines run from reaching the rung', () => {
    expect(rungDeadline(ticket({ rung: 1, rungReachedAt: at('2026-03-04T18:01:00') }), CAL)).toEqual(at('2026-03-11T18:00:00'));
    expect(rungDeadline(ticket({ rung: 2, rungReachedAt: at('2026-03-11T18:01:00') }), CAL)).toEqual(at('2026-03-25T18:00:00'));
    // A reopening after reaching the rung restarts its clock.
    expect(rungDeadline(ticket({ rung: 1, rungReachedAt: at('2026-03-04T18:01:00'), reopenedAt: at('2026-03-09T09:00:00') }), CAL)).toEqual(at('2026-03-16T18:00:00'));
  });

  it('idempotent: the same now never escalates twice; at most one rung per call even after a month of silence', () => {
    const now = at('2026-04-30T12:00:00'); // far past rung 0 and what rung 1 would have had
    const once = tick(ticket(), now);
    expect(once).toMatchObject({ rung: 1, rungReachedAt: now, version: 6 });
    expect(escalationDue(once, now, CAL)).toMatchObject({ kind: 'none', reason: 'not_due' });
    expect(tick(once, now)).toBe(once);
  });

  it('a timer running every hour moves the ticket exactly at each deadline, then reminds once per working day at the top', () => {
    let t = ticket();
    const changes: string[] = [];
    for (let h = at('2026-02-12T00:00:00').getTime(); h <= at('2026-03-31T00:00:00').getTime(); h += 3_600_000) {
      const now = new Date(h);
      const before = t;
      t = tick(t, now);
      if (t.rung !== before.rung) changes.push(`rung ${t.rung} @ ${now.toISOString()}`);
      if ((t.superviseCount ?? 0) !== (before.superviseCount ?? 0)) changes.push(`督办 @ ${now.toISOString()}`);
    }
    expect(changes).toEqual([
      `rung 1 @ ${at('2026-03-04T19:00:00').toISOString()}`,
      `rung 2 @ ${at('2026-03-11T19:00:00').toISOString()}`, // rung 1 reached 19:00 Mar 4: +5 → Mar 11 18:00
      `督办 @ ${at('2026-03-25T19:00:00').toISOString()}`, // rung 2 reached 19:00 Mar 11: +10 → Mar 25 18:00
      `督办 @ ${at('2026-03-26T00:00:00').toISOString()}`, // a new Shanghai day: one reminder a working day
      `督办 @ ${at('2026-03-27T00:00:00').toISOString()}`,
      `督办 @ ${at('2026-03-30T00:00:00').toISOString()}`, // not on the weekend of Mar 28–29
      `督办 @ ${at('2026-03-31T00:00:00').toISOString()}`,
    ]);
  });

  it('a supervision staff already made today counts as today’s reminder', () => {
    const top = ticket({ rung: 2, rungReachedAt: at('2026-03-11T18:01:00'), lastSupervisedAt: at('2026-03-26T09:00:00') });
    expect(escalationDue(top, at('2026-03-26T10:00:00'), CAL)).toMatchObject({ kind: 'none', reason: 'reminded_today' });
    expect(escalationDue(top, at('2026-03-27T10:00:00'), CAL)).toEqual({ kind: 'remind', rung: 2, deadline: at('2026-03-25T18:00:00') });
  });
});

describe('when escalation never happens', () => {
  const late = at('2026-04-30T12:00:00');
  it('not while suspended, even long past the deadline, nor by hand', () => {
    const t = ticket({ status: 'suspended', suspendedFrom: 'in_progress', suspensions: [{ start: at('2026-03-01T10:00:00'), end: null }] });
    expect(escalationDue(t, late, CAL)).toEqual({ kind: 'none', reason: 'suspended' });
    expect(escalationDue(t, late, CAL, DEFAULT_ESCALATION_POLICY, { manual: true })).toEqual({ kind: 'none', reason: 'suspended' });
  });
  it.each(['resolved', 'evaluated', 'closed', 'merged'] as const)('not when %s', (status) => {
    expect(escalationDue(ticket({ status }), late, CAL)).toEqual({ kind: 'none', reason: 'not_open' });
    expect(escalationDue(ticket({ status }), late, CAL, DEFAULT_ESCALATION_POLICY, { manual: true })).toEqual({ kind: 'none', reason: 'not_open' });
  });
  it('a finished suspension moves the deadline: a day suspended on Feb 25 → Mar 5', () => {
    const t = ticket({ suspensions: [{ start: at('2026-02-25T10:00:00'), end: at('2026-02-25T16:00:00') }] });
    expect(escalationDue(t, at('2026-03-04T18:01:00'), CAL)).toMatchObject({ kind: 'none', reason: 'not_due', deadline: at('2026-03-05T18:00:00') });
    expect(escalationDue(t, at('2026-03-05T18:01:00'), CAL)).toMatchObject({ kind: 'escalate', to: 1 });
  });
  it('submitted and accepted tickets escalate too: the clock runs from the enterprise’s order', () => {
    expect(escalationDue(ticket({ status: 'submitted', leadUnitId: null }), at('2026-03-05T09:00:00'), CAL)).toMatchObject({ kind: 'escalate', to: 1 });
    expect(escalationDue(ticket({ status: 'accepted', leadUnitId: null }), at('2026-03-05T09:00:00'), CAL)).toMatchObject({ kind: 'escalate', to: 1 });
  });
});

describe('manual escalation: the same decision with manual: true', () => {
  it('skips the deadline, moves one rung, and the machine records it with the staff actor', () => {
    const t = ticket();
    const now = at('2026-02-13T10:00:00');
    expect(escalationDue(t, now, CAL, DEFAULT_ESCALATION_POLICY, { manual: true })).toEqual({ kind: 'escalate', from: 0, to: 1, manual: true, deadline: at('2026-03-04T18:00:00') });
    const r = transition(t, 'escalate', { id: 's1', role: 'staff', communityId: 'C1' }, now, { reason: '涉及多部门' });
    expect(r.ok && r.history).toMatchObject({ act: 'escalate', actorId: 's1', note: '涉及多部门', detail: { rung: 1 } });
  });
  it('at the top there is nowhere to go: no reminder either (supervise is its own button)', () => {
    const top = ticket({ rung: 2, rungReachedAt: at('2026-02-12T10:00:00') });
    expect(escalationDue(top, at('2026-02-13T10:00:00'), CAL, DEFAULT_ESCALATION_POLICY, { manual: true })).toMatchObject({ kind: 'none', reason: 'at_top' });
  });
});

describe('每月一会诊: the agenda of the month', () => {
  const now = at('2026-03-30T09:00:00');
  const tickets: Ticket[] = [
    ticket({ id: 'A-escalated', rung: 1, rungReachedAt: at('2026-03-25T10:00:00'), submittedAt: at('2026-03-20T10:00:00') }), // resolve by Apr 3
    ticket({ id: 'B-overdue', submittedAt: at('2026-03-02T10:00:00') }), // 10 wd → Mar 16
    ticket({ id: 'C-returned-twice', status: 'accepted', leadUnitId: null, returnCount: AGENDA_RETURNS, submittedAt: at('2026-03-20T10:00:00') }),
    ticket({ id: 'D-returned-once', status: 'accepted', leadUnitId: null, returnCount: 1, submittedAt: at('2026-03-20T10:00:00') }),
    ticket({ id: 'E-closed-escalated', status: 'closed', rung: 2, returnCount: 3, submittedAt: at('2026-02-02T10:00:00') }),
    ticket({ id: 'F-everything', urgency: 'urgent', rung: 1, returnCount: 3, submittedAt: at('2026-02-02T10:00:00') }),
    ticket({ id: 'G-suspended-escalated', status: 'suspended', suspendedFrom: 'in_progress', rung: 1, submittedAt: at('2026-02-02T10:00:00'), suspensions: [{ start: at('2026-02-03T10:00:00'), end: null }] }),
    ticket({ id: 'H-next-month', rung: 1, submittedAt: at('2026-04-01T09:00:00') }),
    ticket({ id: 'I-resolved-late', status: 'resolved', submittedAt: at('2026-02-02T10:00:00') }),
    ticket({ id: 'J-merged-returned', status: 'merged', returnCount: 2, submittedAt: at('2026-03-02T10:00:00') }),
    ticket({ id: 'K-fresh', submittedAt: at('2026-03-25T10:00:00') }),
    ticket({ id: 'L-top', rung: 2, urgency: 'critical', submittedAt: at('2026-03-27T09:00:00') }), // 2 wd → Mar 31: not yet overdue
    ticket({ id: 'B2-overdue-earlier', submittedAt: at('2026-02-27T10:00:00') }),
  ];

  it('picks exactly the escalated, overdue and repeatedly returned unfinished tickets, ordered, with their reasons', () => {
    const agenda = agendaFor('2026-03', tickets, now, CAL);
    expect(agenda.month).toBe('2026-03');
    expect(agenda.items.map((i) => [i.ticketId, i.reasons])).toEqual([
      ['L-top', ['escalated']],
      ['F-everything', ['escalated', 'overdue', 'returned']],
      ['G-suspended-escalated', ['escalated']], // paused: never overdue; resolve-by earlier than A's
      ['A-escalated', ['escalated']],
      ['B2-overdue-earlier', ['overdue']],
      ['B-overdue', ['overdue']],
      ['C-returned-twice', ['returned']],
    ]);
  });

  it('is the same whatever the input order', () => {
    const a = agendaFor('2026-03', tickets, now, CAL);
    expect(agendaFor('2026-03', [...tickets].reverse(), now, CAL)).toEqual(a);
  });

  it('the month bounds which submissions count (Shanghai calendar)', () => {
    const ids = agendaFor('2026-04', tickets, at('2026-04-02T09:00:00'), CAL).items.map((i) => i.ticketId);
    expect(ids).toContain('H-next-month');
    const edge = ticket({ id: 'edge', rung: 1, submittedAt: at('2026-03-31T23:59:00') }); // 15:59 UTC: still March in Shanghai
    expect(agendaFor('2026-03', [edge], at('2026-04-01T09:00:00'), CAL).items.map((i) => i.ticketId)).toEqual(['edge']);
    const april = ticket({ id: 'april', rung: 1, submittedAt: at('2026-04-01T00:00:00') });
    expect(agendaFor('2026-03', [april], at('2026-04-02T09:00:00'), CAL).items).toEqual([]);
    expect(agendaFor('2026-12', [ticket({ id: 'dec', rung: 1, submittedAt: at('2026-12-31T23:00:00') })], at('2027-01-05T09:00:00'), CAL).items).toHaveLength(1);
  });

  it('refuses a malformed month', () => {
    expect(() => agendaFor('2026-3', tickets, now, CAL)).toThrow(RangeError);
    expect(() => agendaFor('2026-13', tickets, now, CAL)).toThrow(RangeError);
  });
});

describe('nextSweepAt: the timer reads a ticket only when something about it can change', () => {
  const signed = ticket({ status: 'in_progress', dispatchedAt: at('2026-02-12T11:00:00'), signedAt: at('2026-02-12T12:00:00') });

  it('is the first instant past the earliest owed deadline still ahead', () => {
    const now = at('2026-02-12T12:00:00');
    const next = nextSweepAt(signed, now, CAL)!;
    const d = deadlinesFor(signed, CAL);
    expect(next.getTime()).toBe(Math.min(d.progress!.getTime(), d.resolve.getTime()) + 1);
    // Just before it nothing is overdue yet; at it, something is.
    expect(overdueChecks(signed, new Date(next.getTime() - 1), CAL)).toEqual([]);
    expect(overdueChecks(signed, next, CAL).length).toBeGreaterThan(0);
  });

  it('is null for suspended and finished tickets', () => {
    for (const status of ['suspended', 'resolved', 'evaluated', 'closed', 'merged'] as const) {
      expect(nextSweepAt(ticket({ status }), at('2026-02-12T12:00:00'), CAL)).toBeNull();
    }
  });

  it('after an escalation, is the new rung’s deadline', () => {
    let t = signed;
    const late = new Date(rungDeadline(t, CAL).getTime() + 60_000);
    t = tick(t, late);
    expect(t.rung).toBe(1);
    expect(nextSweepAt(t, late, CAL)!.getTime()).toBe(rungDeadline(t, CAL).getTime() + 1);
  });

  it('at the top rung past its deadline, is the next 00:00 Beijing (one 督办 per working day)', () => {
    const top = ticket({ rung: 2, rungReachedAt: at('2026-01-05T09:00:00'), submittedAt: at('2026-01-05T09:00:00') });
    expect(nextSweepAt(top, at('2026-03-03T15:30:00'), CAL)).toEqual(at('2026-03-04T00:00:00'));
    expect(nextSweepAt(top, at('2026-03-03T23:59:59'), CAL)).toEqual(at('2026-03-04T00:00:00'));
  });

  it('sweeping only at those moments decides exactly what a sweep every 15 minutes decides', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 * 24 * 60 }), fc.constantFrom('submitted', 'dispatched', 'in_progress'), fc.constantFrom(0, 1, 2), (minutes, status, rung) => {
        const t = ticket({
          status: status as Ticket['status'],
          rung: rung as Ticket['rung'],
          dispatchedAt: status === 'submitted' ? null : at('2026-02-12T11:00:00'),
          signedAt: status === 'in_progress' ? at('2026-02-12T12:00:00') : null,
        });
        const now = new Date(at('2026-02-12T10:00:00').getTime() + minutes * 60_000);
        const next = nextSweepAt(t, now, CAL)!;
        expect(next.getTime()).toBeGreaterThan(now.getTime());
        const decide = (when: Date) => ({ overdue: overdueChecks(t, when, CAL).map((o) => o.kind), escalation: escalationDue(t, when, CAL).kind });
        const here = decide(now);
        // A 15-minute timer between now and the moment would decide nothing new.
        for (let m = now.getTime() + 15 * 60_000; m < next.getTime(); m += 15 * 60_000) {
          const there = decide(new Date(m));
          if (here.escalation === 'none') expect(there).toEqual(here);
          else expect(there.overdue).toEqual(here.overdue);
        }
      }),
      { numRuns: 300 },
    );
  });
});
