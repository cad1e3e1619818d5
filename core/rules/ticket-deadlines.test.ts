import { PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import { DEFAULT_DEADLINE_POLICY, deadlinesFor, overdueChecks, pausedDeadline, ruleFor, workingDeadline, type DeadlinePolicy } from './ticket-deadlines';
import type { Suspension, Ticket } from './ticket-machine';
import { sampleTicket } from './fixtures/ticket';

// Run under both TZ=UTC and TZ=Asia/Shanghai: every instant below carries its offset.
const at = (s: string) => new Date(s);
const iso = (d: Date | null) => d?.toISOString() ?? null;
const sh = (s: string) => at(`${s}+08:00`).toISOString();

const ticket = (p: Partial<Ticket> = {}): Ticket => sampleTicket(at('2026-02-12T10:00:00+08:00'), p);

describe('N working days after a moment, across Spring Festival 2026 (Feb 15–23 off; Sat Feb 14 and Sat Feb 28 worked)', () => {
  it.each([
    ['1 day from the Friday before the holiday: the 调休 Saturday', '2026-02-13T10:00:00', 1, '2026-02-14T18:00:00'],
    ['1 day from the 调休 Saturday: after the whole holiday', '2026-02-14T09:00:00', 1, '2026-02-24T18:00:00'],
    ['1 day from inside the holiday (除夕)', '2026-02-16T12:00:00', 1, '2026-02-24T18:00:00'],
    ['1 day from a Friday evening: the hour does not matter (as Q&A)', '2026-02-27T20:00:00', 1, '2026-02-28T18:00:00'],
    ['1 day from the second 调休 Saturday', '2026-02-28T10:00:00', 1, '2026-03-02T18:00:00'],
    ['10 days from the Thursday before the holiday', '2026-02-12T10:00:00', 10, '2026-03-04T18:00:00'],
    ['5 days from the Thursday before the holiday', '2026-02-12T10:00:00', 5, '2026-02-26T18:00:00'],
    ['2 days from the Friday before the holiday', '2026-02-13T10:00:00', 2, '2026-02-24T18:00:00'],
    ['just after midnight Shanghai (the previous day in UTC)', '2026-02-13T00:10:00', 1, '2026-02-14T18:00:00'],
    ['0 days (same working day) on a working morning', '2026-02-13T10:00:00', 0, '2026-02-13T18:00:00'],
    ['0 days one minute before closing', '2026-02-13T17:59:00', 0, '2026-02-13T18:00:00'],
    ['0 days at 18:00 sharp: the next working day', '2026-02-13T18:00:00', 0, '2026-02-14T18:00:00'],
    ['0 days on the 调休 Saturday: that Saturday', '2026-02-14T10:00:00', 0, '2026-02-14T18:00:00'],
    ['0 days during the holiday: the first day back', '2026-02-16T10:00:00', 0, '2026-02-24T18:00:00'],
    ['0 days on a plain Sunday', '2026-03-01T10:00:00', 0, '2026-03-02T18:00:00'],
  ])('%s', (_label, from, days, due) => {
    expect(workingDeadline(CAL, at(`${from}+08:00`), days).toISOString()).toBe(sh(due));
  });

  it('moving by extra days is monotone even after hours with 0 days', () => {
    const evening = at('2026-02-13T19:00:00+08:00');
    expect(iso(workingDeadline(CAL, evening, 0, 0))).toBe(sh('2026-02-14T18:00:00'));
    expect(iso(workingDeadline(CAL, evening, 0, 1))).toBe(sh('2026-02-24T18:00:00'));
    expect(iso(workingDeadline(CAL, evening, 0, 2))).toBe(sh('2026-02-25T18:00:00'));
  });
});

describe('the rule per category and urgency', () => {
  const policy: DeadlinePolicy = { ...DEFAULT_DEADLINE_POLICY, byCategory: { power_outage: { urgent: { resolveDays: 2 }, critical: { resolveDays: 1, progressDays: 0 } } } };
  it('defaults per urgency', () => {
    expect(ruleFor('permit', 'normal')).toEqual({ signDays: 1, progressDays: 3, resolveDays: 10 });
    expect(ruleFor('permit', 'urgent')).toEqual({ signDays: 1, progressDays: 2, resolveDays: 5 });
    expect(ruleFor('permit', 'critical')).toEqual({ signDays: 0, progressDays: 1, resolveDays: 2 });
  });
  it('a category overrides only what it names', () => {
    expect(ruleFor('power_outage', 'urgent', policy)).toEqual({ signDays: 1, progressDays: 2, resolveDays: 2 });
    expect(ruleFor('power_outage', 'critical', policy)).toEqual({ signDays: 0, progressDays: 0, resolveDays: 1 });
    expect(ruleFor('power_outage', 'normal', policy)).toEqual({ signDays: 1, progressDays: 3, resolveDays: 10 });
    const t = ticket({ category: 'power_outage', urgency: 'critical', submittedAt: at('2026-02-13T10:00:00+08:00') });
    expect(iso(deadlinesFor(t, CAL, policy).resolve)).toBe(sh('2026-02-14T18:00:00'));
  });
});

describe('deadlinesFor: anchors', () => {
  it('signing from the latest dispatch, progress from signing then each report, resolution from submission', () => {
    const t = ticket({
      status: 'in_progress',
      firstDispatchedAt: at('2026-02-12T15:00:00+08:00'),
      dispatchedAt: at('2026-02-13T09:00:00+08:00'), // 改派 the next morning
      signedAt: at('2026-02-13T11:00:00+08:00'),
    });
    expect(deadlinesFor(t, CAL)).toEqual({
      sign: at('2026-02-14T18:00:00+08:00'),
      progress: at('2026-02-25T18:00:00+08:00'), // 3 working days: 14, 24, 25
      resolve: at('2026-03-04T18:00:00+08:00'),
      paused: false,
    });
    const reported = { ...t, lastProgressAt: at('2026-02-24T10:00:00+08:00') };
    expect(iso(deadlinesFor(reported, CAL).progress)).toBe(sh('2026-02-27T18:00:00'));
  });

  it('nothing to sign or report before dispatch and signing; critical signs the same working day', () => {
    expect(deadlinesFor(ticket({ status: 'accepted' }), CAL)).toMatchObject({ sign: null, progress: null });
    const c = ticket({ status: 'dispatched', urgency: 'critical', dispatchedAt: at('2026-02-14T16:00:00+08:00') });
    expect(iso(deadlinesFor(c, CAL).sign)).toBe(sh('2026-02-14T18:00:00'));
    expect(iso(deadlinesFor({ ...c, dispatchedAt: at('2026-02-14T18:30:00+08:00') }, CAL).sign)).toBe(sh('2026-02-24T18:00:00'));
  });

  it('a reopening restarts the resolution clock', () => {
    const t = ticket({ reopenedAt: at('2026-03-10T09:00:00+08:00') });
    expect(iso(deadlinesFor(t, CAL).resolve)).toBe(sh('2026-03-24T18:00:00'));
  });
});

describe('suspension pauses the clock: one working day per working day touched before 18:00', () => {
  const resolveWith = (suspensions: Suspension[], p: Partial<Ticket> = {}) => iso(deadlinesFor(ticket({ suspensions, ...p }), CAL).resolve);
  const s = (start: string, end: string | null): Suspension => ({ start: at(`${start}+08:00`), end: end ? at(`${end}+08:00`) : null });

  it('no suspension: 10 working days from Thu Feb 12 is Wed Mar 4', () => {
    expect(resolveWith([])).toBe(sh('2026-03-04T18:00:00'));
  });
  it('across the holiday: Fri 15:00 → Tue Feb 24 10:00 touches Fri, the 调休 Saturday and Tue (3 days); the holiday costs nothing', () => {
    expect(resolveWith([s('2026-02-13T15:00:00', '2026-02-24T10:00:00')])).toBe(sh('2026-03-09T18:00:00'));
  });
  it('within the holiday only: no working day lost', () => {
    expect(resolveWith([s('2026-02-16T09:00:00', '2026-02-22T20:00:00')])).toBe(sh('2026-03-04T18:00:00'));
  });
  it('one hour on one day rounds up to a day', () => {
    expect(resolveWith([s('2026-02-25T10:00:00', '2026-02-25T11:00:00')])).toBe(sh('2026-03-05T18:00:00'));
  });
  it('overnight 19:00 → 08:00 costs only the next day; after hours only costs nothing', () => {
    expect(resolveWith([s('2026-02-25T19:00:00', '2026-02-26T08:00:00')])).toBe(sh('2026-03-05T18:00:00'));
    expect(resolveWith([s('2026-02-25T18:30:00', '2026-02-25T21:00:00')])).toBe(sh('2026-03-04T18:00:00'));
  });
  it('overlapping suspensions count each day once; separate ones add up', () => {
    expect(resolveWith([s('2026-02-25T10:00:00', '2026-02-26T10:00:00'), s('2026-02-26T09:00:00', '2026-02-26T12:00:00')])).toBe(sh('2026-03-06T18:00:00'));
    expect(resolveWith([s('2026-03-02T10:00:00', '2026-03-02T11:00:00'), s('2026-02-25T10:00:00', '2026-02-25T11:00:00')])).toBe(sh('2026-03-06T18:00:00'));
  });
  it('a suspension begun after the deadline passed does not rescue it', () => {
    expect(resolveWith([s('2026-03-05T10:00:00', '2026-03-10T10:00:00')])).toBe(sh('2026-03-04T18:00:00'));
  });
  it('a suspension begun before the moved deadline counts, even if it starts after the original one', () => {
    // First pause moves Mar 4 → Mar 5; a second pause on Mar 5 then counts too.
    expect(resolveWith([s('2026-02-25T10:00:00', '2026-02-25T11:00:00'), s('2026-03-05T10:00:00', '2026-03-05T11:00:00')])).toBe(sh('2026-03-06T18:00:00'));
  });
  it('only suspension time after the anchor counts (signing clock starts at dispatch)', () => {
    const t = ticket({
      status: 'dispatched',
      dispatchedAt: at('2026-02-26T12:00:00+08:00'),
      suspensions: [s('2026-02-25T10:00:00', '2026-02-26T14:00:00')],
    });
    // Signing: 1 day from Thu Feb 26 is Fri Feb 27, moved by Feb 26 only (after dispatch) → Sat Feb 28 (调休).
    // Resolution: moved by Feb 25 and Feb 26 → Mar 6.
    expect(deadlinesFor(t, CAL)).toMatchObject({ sign: at('2026-02-28T18:00:00+08:00'), resolve: at('2026-03-06T18:00:00+08:00') });
  });
  it('while suspended, deadlines are paused: shown from past suspensions, never overdue', () => {
    const t = ticket({ status: 'suspended', suspendedFrom: 'in_progress', suspensions: [s('2026-02-25T10:00:00', '2026-02-25T11:00:00'), s('2026-03-02T10:00:00', null)] });
    expect(deadlinesFor(t, CAL)).toMatchObject({ resolve: at('2026-03-05T18:00:00+08:00'), paused: true });
    expect(overdueChecks(t, at('2026-04-30T12:00:00+08:00'), CAL)).toEqual([]);
  });
  it('pausedDeadline ignores an open suspension', () => {
    expect(iso(pausedDeadline(CAL, at('2026-02-12T10:00:00+08:00'), 10, [s('2026-02-25T10:00:00', null)]))).toBe(sh('2026-03-04T18:00:00'));
  });
});

describe('overdueChecks: strictly after the deadline, only what is still owed', () => {
  const dispatched = ticket({ status: 'dispatched', acceptedAt: at('2026-02-12T11:00:00+08:00'), dispatchedAt: at('2026-02-13T10:00:00+08:00'), firstDispatchedAt: at('2026-02-13T10:00:00+08:00'), leadUnitId: 'U1' });
  it('signing: due on the 调休 Saturday 18:00, late one second after', () => {
    expect(overdueChecks(dispatched, at('2026-02-14T18:00:00+08:00'), CAL)).toEqual([]);
    expect(overdueChecks(dispatched, at('2026-02-14T18:00:01+08:00'), CAL)).toEqual([{ kind: 'sign', due: at('2026-02-14T18:00:00+08:00') }]);
    // Still late all through the holiday, not more late.
    expect(overdueChecks(dispatched, at('2026-02-20T12:00:00+08:00'), CAL).map((o) => o.kind)).toEqual(['sign']);
  });
  it('signed: the signing deadline is met; the progress report is owed', () => {
    const signed = { ...dispatched, status: 'signed' as const, signedAt: at('2026-02-14T09:00:00+08:00') };
    expect(overdueChecks(signed, at('2026-02-26T18:00:00+08:00'), CAL)).toEqual([]);
    expect(overdueChecks(signed, at('2026-02-26T18:01:00+08:00'), CAL)).toEqual([{ kind: 'progress', due: at('2026-02-26T18:00:00+08:00') }]);
  });
  it('in progress past everything: progress and resolution, in that order', () => {
    const t = { ...dispatched, status: 'in_progress' as const, signedAt: at('2026-02-14T09:00:00+08:00') };
    expect(overdueChecks(t, at('2026-03-04T18:00:01+08:00'), CAL).map((o) => o.kind)).toEqual(['progress', 'resolve']);
  });
  it('before dispatch only the resolution clock runs', () => {
    expect(overdueChecks(ticket({ status: 'submitted' }), at('2026-03-05T09:00:00+08:00'), CAL)).toEqual([{ kind: 'resolve', due: at('2026-03-04T18:00:00+08:00') }]);
  });
  it.each(['resolved', 'evaluated', 'closed', 'merged'] as const)('%s owes nothing', (status) => {
    expect(overdueChecks({ ...dispatched, status, signedAt: at('2026-02-14T09:00:00+08:00') }, at('2027-01-01T00:00:00Z'), CAL)).toEqual([]);
  });
});
