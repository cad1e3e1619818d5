import fc from 'fast-check';
import { TicketStatuses } from '../api/tickets';
import { PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import { AGENDA_KEY, agendaKeyOf, reasonsOfKey } from './ticket-agenda-key';
import { deadlinesFor } from './ticket-deadlines';
import { agendaFor, AGENDA_RETURNS, nextSweepAt } from './ticket-escalation';
import type { Rung, Ticket, Urgency } from './ticket-machine';
import { sampleTicket } from './fixtures/ticket';

// Every instant carries its offset: the same under TZ=UTC and TZ=Asia/Shanghai.
const at = (s: string) => new Date(`${s}+08:00`);

const ticket = (p: Partial<Ticket> = {}): Ticket => sampleTicket(at('2026-03-20T10:00:00'), p);

const sortedByKey = (ts: readonly Ticket[], now: Date) =>
  ts
    .map((t) => ({ id: t.id, key: agendaKeyOf(t, now, CAL) }))
    .filter((x): x is { id: string; key: string } => x.key !== null)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.id);

describe('the stored agenda key', () => {
  const now = at('2026-03-30T09:00:00');

  it('is null off the draft: finished, merged, or no reason', () => {
    expect(agendaKeyOf(ticket(), now, CAL)).toBeNull();
    expect(agendaKeyOf(ticket({ status: 'closed', rung: 2, returnCount: 3 }), now, CAL)).toBeNull();
    expect(agendaKeyOf(ticket({ status: 'resolved', rung: 1 }), now, CAL)).toBeNull();
    expect(agendaKeyOf(ticket({ status: 'merged', returnCount: 2 }), now, CAL)).toBeNull();
    expect(agendaKeyOf(ticket({ returnCount: AGENDA_RETURNS - 1 }), now, CAL)).toBeNull();
  });

  it('spells rung, reasons, urgency, resolution deadline and id (pinned)', () => {
    // Submitted Mon 2026-03-02: 10 working days → resolve by Mon 2026-03-16 18:00 Shanghai (10:00Z).
    const late = ticket({ id: 'tk-late', submittedAt: at('2026-03-02T10:00:00'), rungReachedAt: at('2026-03-02T10:00:00') });
    expect(deadlinesFor(late, CAL).resolve.toISOString()).toBe('2026-03-16T10:00:00.000Z');
    expect(agendaKeyOf(late, now, CAL)).toBe('222.2026-03-16T10:00:00.000Z.tk-late');
    const all = { ...late, id: 'tk-all', rung: 1 as Rung, urgency: 'urgent' as Urgency, returnCount: 2 };
    expect(agendaKeyOf(all, now, CAL)).toMatch(/^101\.\d{4}-.*\.tk-all$/);
    expect(agendaKeyOf(all, now, CAL)).toMatch(AGENDA_KEY);
    // The same ticket before its deadline passed: only the rung and the returns count.
    expect(agendaKeyOf(all, at('2026-03-05T09:00:00'), CAL)?.slice(0, 3)).toBe('111');
  });

  it('becomes "overdue" exactly when the resolution deadline passes, the moment the timer looks (nextSweepAt)', () => {
    const t = ticket({ id: 'tk-x', submittedAt: at('2026-03-02T10:00:00') });
    const due = deadlinesFor(t, CAL).resolve;
    expect(agendaKeyOf(t, due, CAL)).toBeNull();
    const look = nextSweepAt(t, new Date(due.getTime() - 60_000), CAL)!;
    expect(look.getTime()).toBe(due.getTime() + 1);
    expect(agendaKeyOf(t, look, CAL)).toBe(`222.${due.toISOString()}.tk-x`);
  });

  it('suspension pauses the clock: a suspended ticket is never overdue, but stays for its rung', () => {
    const s = { start: at('2026-03-03T10:00:00'), end: null };
    expect(agendaKeyOf(ticket({ status: 'suspended', suspendedFrom: 'in_progress', submittedAt: at('2026-03-02T10:00:00'), suspensions: [s] }), now, CAL)).toBeNull();
    expect(agendaKeyOf(ticket({ status: 'suspended', suspendedFrom: 'in_progress', rung: 1, suspensions: [s] }), now, CAL)?.slice(0, 2)).toBe('12');
  });

  it('gives back its reasons with the ticket’s rung and returns', () => {
    const cases: Array<Partial<Ticket>> = [
      { rung: 1 },
      { submittedAt: at('2026-03-02T10:00:00') },
      { returnCount: 2 },
      { rung: 2, returnCount: 3, submittedAt: at('2026-02-02T10:00:00') },
      { rung: 1, submittedAt: at('2026-02-02T10:00:00') },
      { returnCount: 2, submittedAt: at('2026-02-02T10:00:00'), urgency: 'critical' },
    ];
    for (const p of cases) {
      const t = ticket(p);
      const key = agendaKeyOf(t, now, CAL)!;
      expect(reasonsOfKey(key, t.rung, t.returnCount)).toEqual(agendaFor('2026-12', [t], now, CAL).items[0].reasons);
    }
  });

  it('orders exactly as agendaFor, and is set exactly for its items, on random tickets (property)', () => {
    const idChar = fc.constantFrom('a', 'b', 'Z', '0', '9', '-', '_');
    const arbTicket = fc.record({
      id: fc.string({ unit: idChar, minLength: 1, maxLength: 5 }),
      status: fc.constantFrom(...TicketStatuses),
      rung: fc.constantFrom<Rung>(0, 1, 2),
      urgency: fc.constantFrom<Urgency>('normal', 'urgent', 'critical'),
      returnCount: fc.integer({ min: 0, max: 3 }),
      category: fc.constantFrom('permit', 'utilities', 'land'),
      // Submissions over ~three months before `now`, at any minute (same-day ties in deadlines happen).
      submittedMin: fc.integer({ min: 0, max: 90 * 24 * 60 }),
      suspendedFor: fc.option(fc.integer({ min: 60, max: 20 * 24 * 60 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbTicket, { selector: (t) => t.id, maxLength: 30 }), fc.integer({ min: 0, max: 40 * 24 * 60 }), (rows, nowMin) => {
        const now = new Date(at('2026-03-01T00:00:00').getTime() + nowMin * 60_000);
        const tickets = rows.map((r): Ticket => {
          const submittedAt = new Date(now.getTime() - r.submittedMin * 60_000);
          const suspensions = r.suspendedFor ? [{ start: new Date(submittedAt.getTime() + 3_600_000), end: r.status === 'suspended' ? null : new Date(submittedAt.getTime() + 3_600_000 + r.suspendedFor * 60_000) }] : [];
          return ticket({ id: r.id, status: r.status, rung: r.rung, urgency: r.urgency, returnCount: r.returnCount, category: r.category, submittedAt, rungReachedAt: submittedAt, suspensions, suspendedFrom: r.status === 'suspended' ? 'in_progress' : null });
        });
        // A month after every submission: the month's bound (a query condition) leaves them all.
        const agenda = agendaFor('2026-12', tickets, now, CAL).items.map((i) => i.ticketId);
        expect(sortedByKey(tickets, now)).toEqual(agenda);
        for (const t of tickets) {
          const key = agendaKeyOf(t, now, CAL);
          if (key) expect(key).toMatch(AGENDA_KEY);
        }
      }),
      { numRuns: 300 },
    );
  });
});
