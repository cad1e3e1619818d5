/**
 * Pinned dates across Spring Festival 2026 (Feb 15-23 off; Sat Feb 14 and Sat Feb 28 are 调休),
 * Mid-Autumn + National Day 2026 (Fri Sep 25 and Oct 1-7 off; Sun Sep 20 and Sat Oct 10 are 调休).
 * Deliberately does not set process.env.TZ: run under TZ=UTC and TZ=Asia/Shanghai, it must pass
 * both ways (instants are compared as ISO strings in UTC).
 */
import { PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import fc from 'fast-check';
import {
  assertClinicConfig,
  buildSession,
  clinicConfigProblems,
  ClinicConfigError,
  clinicSessions,
  DEFAULT_CLINIC_CONFIG,
  isDate,
  isoWeekday,
  monthRange,
  sessionKind,
  type ClinicConfig,
} from './clinic-calendar';
import { addDays } from './working-days';

const cfg = (over: Partial<ClinicConfig> = {}): ClinicConfig => ({ ...DEFAULT_CLINIC_CONFIG, ...over });
const dates = (config: ClinicConfig, range: Parameters<typeof clinicSessions>[1]) => clinicSessions(config, range, CAL).map((s) => s.date);

describe('clinic calendar: Mon/Wed/Fri mornings on working days', () => {
  it('February 2026: Spring Festival skipped, both 调休 Saturdays added', () => {
    expect(dates(cfg(), '2026-02')).toEqual([
      '2026-02-02', '2026-02-04', '2026-02-06', '2026-02-09', '2026-02-11', '2026-02-13',
      '2026-02-14', // Sat, 调休
      // Mon 16, Wed 18, Fri 20, Mon 23: Spring Festival
      '2026-02-25', '2026-02-27',
      '2026-02-28', // Sat, 调休
    ]);
    expect(clinicSessions(cfg(), '2026-02', CAL).map((s) => s.kind)).toEqual([
      'regular', 'regular', 'regular', 'regular', 'regular', 'regular', 'make_up', 'regular', 'regular', 'make_up',
    ]);
  });

  it('without make-up days, the 调休 Saturdays hold no clinic', () => {
    expect(dates(cfg({ includeMakeUpDays: false }), '2026-02')).toEqual([
      '2026-02-02', '2026-02-04', '2026-02-06', '2026-02-09', '2026-02-11', '2026-02-13', '2026-02-25', '2026-02-27',
    ]);
  });

  it('Mid-Autumn and National Day 2026: Fri Sep 25 and Oct 1-7 skipped; Sun Sep 20 and Sat Oct 10 added', () => {
    expect(dates(cfg(), { from: '2026-09-18', to: '2026-10-12' })).toEqual([
      '2026-09-18', '2026-09-20', '2026-09-21', '2026-09-23', '2026-09-28', '2026-09-30', '2026-10-09', '2026-10-10', '2026-10-12',
    ]);
  });

  it('an ordinary month: every Monday, Wednesday and Friday (November 2026, 13 sessions)', () => {
    const nov = clinicSessions(cfg(), '2026-11', CAL);
    expect(nov).toHaveLength(13);
    expect(nov.every((s) => [1, 3, 5].includes(s.weekday) && s.kind === 'regular')).toBe(true);
    expect(nov.find((s) => s.date === '2026-11-20')?.weekday).toBe(5);
  });

  it('closures remove a day (a regular one or a 调休 one); extra dates add one, even on a holiday', () => {
    const c = cfg({ closures: ['2026-02-04', '2026-02-14'], extraDates: ['2026-02-10', '2026-02-17', '2026-02-21'] });
    expect(dates(c, '2026-02')).toEqual([
      '2026-02-02', '2026-02-06', '2026-02-09', '2026-02-10', '2026-02-11', '2026-02-13', '2026-02-17', '2026-02-21', '2026-02-25', '2026-02-27', '2026-02-28',
    ]);
    expect(sessionKind(c, '2026-02-17', CAL)).toBe('extra');
    expect(sessionKind(c, '2026-02-10', CAL)).toBe('extra');
    expect(sessionKind(c, '2026-02-14', CAL)).toBeUndefined();
    expect(sessionKind(c, '2026-02-28', CAL)).toBe('make_up');
    expect(sessionKind(c, '2026-03-07', CAL)).toBeUndefined(); // ordinary Saturday
    expect(sessionKind(c, '2026-03-03', CAL)).toBeUndefined(); // Tuesday, not configured
  });

  it('configured weekend weekdays do not add ordinary weekends; a Tuesday/Thursday clinic works the same way', () => {
    expect(dates(cfg({ weekdays: [2, 4] }), { from: '2026-02-09', to: '2026-03-01' })).toEqual([
      '2026-02-10', '2026-02-12', '2026-02-14', '2026-02-24', '2026-02-26', '2026-02-28',
    ]);
    expect(dates(cfg({ weekdays: [6, 7], includeMakeUpDays: false }), '2026-03')).toEqual([]);
  });

  it('builds each session from the Shanghai wall clock: 08:30-11:30, six 30-minute slots', () => {
    const [s] = clinicSessions(cfg(), { from: '2026-02-14', to: '2026-02-14' }, CAL);
    expect(s.id).toBe('2026-02-14-am');
    expect(s.weekday).toBe(6);
    expect(s.startsAt.toISOString()).toBe('2026-02-14T00:30:00.000Z');
    expect(s.endsAt.toISOString()).toBe('2026-02-14T03:30:00.000Z');
    expect(s.slots.map((x) => [x.index, x.startsAt.toISOString(), x.endsAt.toISOString()])).toEqual([
      [0, '2026-02-14T00:30:00.000Z', '2026-02-14T01:00:00.000Z'],
      [1, '2026-02-14T01:00:00.000Z', '2026-02-14T01:30:00.000Z'],
      [2, '2026-02-14T01:30:00.000Z', '2026-02-14T02:00:00.000Z'],
      [3, '2026-02-14T02:00:00.000Z', '2026-02-14T02:30:00.000Z'],
      [4, '2026-02-14T02:30:00.000Z', '2026-02-14T03:00:00.000Z'],
      [5, '2026-02-14T03:00:00.000Z', '2026-02-14T03:30:00.000Z'],
    ]);
  });

  it('a session starting before 08:00 Shanghai falls on the previous UTC day, and keeps its Shanghai date', () => {
    const s = buildSession(cfg({ start: '07:00', end: '09:00', slotMinutes: 40 }), '2026-03-02', 'regular');
    expect(s.startsAt.toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(s.date).toBe('2026-03-02');
    expect(s.slots).toHaveLength(3);
    expect(buildSession(cfg({ start: '12:00', end: '17:00', slotMinutes: 60 }), '2026-03-02', 'regular').id).toBe('2026-03-02-pm');
    expect(buildSession(cfg({ start: '11:59', end: '12:59', slotMinutes: 60 }), '2026-03-02', 'regular').id).toBe('2026-03-02-am');
  });

  it('reads months and ranges', () => {
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(() => monthRange('2026-13')).toThrow(RangeError);
    expect(() => monthRange('2026-2')).toThrow(RangeError);
    expect(() => clinicSessions(cfg(), { from: '2026-03-02', to: '2026-03-01' }, CAL)).toThrow(/after it ends/);
    expect(() => clinicSessions(cfg(), { from: '2026-02-30', to: '2026-03-01' }, CAL)).toThrow(RangeError);
    expect(() => clinicSessions(cfg(), { from: '2026-01-01', to: '2027-01-01' }, CAL)).not.toThrow(); // 366 days
    expect(() => clinicSessions(cfg(), { from: '2026-01-01', to: '2027-01-02' }, CAL)).toThrow(/longer than 366/);
    expect(isoWeekday('2026-03-01')).toBe(7);
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isDate('2028-02-29')).toBe(true);
  });
});

describe('clinic config validation', () => {
  it('accepts the default', () => {
    expect(clinicConfigProblems(DEFAULT_CLINIC_CONFIG)).toEqual([]);
    expect(() => assertClinicConfig(DEFAULT_CLINIC_CONFIG)).not.toThrow();
  });

  it.each<[string, Partial<ClinicConfig>, RegExp]>([
    ['weekday 0', { weekdays: [0, 1] }, /weekday 0 is not an ISO weekday/],
    ['weekday 8', { weekdays: [8] }, /weekday 8/],
    ['weekday 1.5', { weekdays: [1.5] }, /weekday 1.5/],
    ['repeated weekdays', { weekdays: [1, 1] }, /repeated/],
    ['start not a time', { start: '8:30' }, /start 8:30 is not a time/],
    ['end 24:00', { end: '24:00' }, /end 24:00 is not a time/],
    ['start after end', { start: '11:30', end: '08:30' }, /start 11:30 is not before end 08:30/],
    ['empty window', { start: '08:30', end: '08:30' }, /not before/],
    ['slot not dividing the window', { slotMinutes: 40 }, /slotMinutes 40 does not divide the 180-minute session 08:30-11:30/],
    ['slot zero', { slotMinutes: 0 }, /slotMinutes 0 is not a positive whole number/],
    ['slot fractional', { slotMinutes: 7.5 }, /slotMinutes 7.5/],
    ['negative seats', { seatsPerProfession: { lawyer: -1 } }, /seats for lawyer must be a whole number >= 0/],
    ['unknown profession', { seatsPerProfession: { doctor: 1 } as never }, /unknown profession doctor/],
    ['bad closure', { closures: ['2026-02-30'] }, /closures: 2026-02-30 is not a date/],
    ['bad extra date', { extraDates: ['next monday'] }, /extraDates: next monday/],
    ['closed and extra', { closures: ['2026-03-02'], extraDates: ['2026-03-02'] }, /2026-03-02 is both a closure and an extra date/],
  ])('rejects %s', (_label, over, message) => {
    const c = cfg(over);
    expect(clinicConfigProblems(c).join('; ')).toMatch(message);
    expect(() => clinicSessions(c, '2026-03', CAL)).toThrow(ClinicConfigError);
    try {
      assertClinicConfig(c);
    } catch (e) {
      expect((e as ClinicConfigError).code).toBe('CLINIC.CONFIG_INVALID');
      expect((e as ClinicConfigError).problems.length).toBeGreaterThan(0);
    }
  });

  it('lists every problem at once', () => {
    expect(clinicConfigProblems(cfg({ weekdays: [9], start: 'x', slotMinutes: -5 }))).toHaveLength(3);
  });
});

describe('clinic calendar properties (2026, the years the holiday data covers)', () => {
  const day = fc.integer({ min: 0, max: 364 }).map((n) => addDays('2026-01-01', n));
  const config = fc.record({
    weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
    startSlot: fc.integer({ min: 0, max: 39 }), // 06:00 … 15:45, so 8 × 60 min still ends by 23:45
    slotMinutes: fc.constantFrom(15, 20, 30, 45, 60),
    slots: fc.integer({ min: 1, max: 8 }),
    closures: fc.uniqueArray(day, { maxLength: 20 }),
    extras: fc.uniqueArray(day, { maxLength: 10 }),
    includeMakeUpDays: fc.option(fc.boolean(), { nil: undefined }),
  });
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

  it('holds a session exactly on the days the rules say, with contiguous slots', () => {
    fc.assert(
      fc.property(config, day, fc.integer({ min: 0, max: 60 }), (g, from, len) => {
        const start = 6 * 60 + g.startSlot * 15;
        const c: ClinicConfig = {
          weekdays: g.weekdays,
          start: hhmm(start),
          end: hhmm(start + g.slots * g.slotMinutes),
          slotMinutes: g.slotMinutes,
          seatsPerProfession: { lawyer: 1 },
          closures: g.closures,
          extraDates: g.extras.filter((d) => !g.closures.includes(d)),
          includeMakeUpDays: g.includeMakeUpDays,
        };
        const to = addDays(from, len);
        const sessions = clinicSessions(c, { from, to }, CAL);
        const held = new Set(sessions.map((s) => s.date));
        for (let d = from; d <= to; d = addDays(d, 1)) {
          const w = isoWeekday(d);
          const expected =
            !c.closures.includes(d) &&
            ((CAL.isWorkingDay(d) && (w <= 5 ? c.weekdays.includes(w) : c.includeMakeUpDays !== false)) || c.extraDates!.includes(d));
          if (held.has(d) !== expected) return false;
        }
        for (let i = 0; i < sessions.length; i++) {
          const s = sessions[i];
          if (i > 0 && sessions[i - 1].date >= s.date) return false;
          if (s.slots.length !== g.slots || s.slots[0].startsAt.getTime() !== s.startsAt.getTime()) return false;
          if (s.slots[s.slots.length - 1].endsAt.getTime() !== s.endsAt.getTime()) return false;
          for (let k = 0; k < s.slots.length; k++) {
            if (s.slots[k].index !== k || s.slots[k].endsAt.getTime() - s.slots[k].startsAt.getTime() !== g.slotMinutes * 60_000) return false;
            if (k > 0 && s.slots[k - 1].endsAt.getTime() !== s.slots[k].startsAt.getTime()) return false;
          }
          // The Shanghai wall clock: start minute-of-day read back at UTC+8.
          const wall = new Date(s.startsAt.getTime() + 8 * 3_600_000);
          if (wall.toISOString().slice(0, 10) !== s.date || wall.getUTCHours() * 60 + wall.getUTCMinutes() !== start) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
