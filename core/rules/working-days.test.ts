/**
 * Pinned dates across Spring Festival 2026 (Feb 15-23 off; Sat Feb 14 and Sat Feb 28 are 调休
 * working days) and National Day 2026. Runs in TZ=Asia/Shanghai (set below, before any Date) and
 * the answers do not depend on it: every date is read in UTC+8 explicitly.
 */
process.env.TZ = 'Asia/Shanghai';
import { answerDueAt } from './qa-deadline';
import { buildHolidayCalendar, PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import { addDays, endOfWorkingDay, END_OF_WORKING_DAY, nextWorkingDay, shanghaiDate, shanghaiDateTime } from './working-days';

describe('working days (Asia/Shanghai)', () => {
  it('reads the calendar day in Shanghai, not UTC', () => {
    expect(shanghaiDate(new Date('2026-02-13T23:59:59+08:00'))).toBe('2026-02-13');
    expect(shanghaiDate(new Date('2026-02-13T16:00:00Z'))).toBe('2026-02-14');
    expect(shanghaiDate(new Date('2026-02-14T00:00:00+08:00'))).toBe('2026-02-14');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('knows Spring Festival 2026 and its 调休 Saturdays', () => {
    const expected: Record<string, boolean> = {
      '2026-02-12': true, // Thu
      '2026-02-13': true, // Fri
      '2026-02-14': true, // Sat, 调休
      '2026-02-15': false, // Sun, holiday starts
      '2026-02-16': false,
      '2026-02-17': false, // 除夕/初一
      '2026-02-18': false,
      '2026-02-19': false,
      '2026-02-20': false,
      '2026-02-21': false,
      '2026-02-22': false,
      '2026-02-23': false, // Mon, still off
      '2026-02-24': true, // Tue, back to work
      '2026-02-27': true, // Fri
      '2026-02-28': true, // Sat, 调休
      '2026-03-01': false, // Sun
      '2026-03-02': true, // Mon
      '2026-03-07': false, // an ordinary Saturday
    };
    for (const [d, w] of Object.entries(expected)) expect([d, CAL.isWorkingDay(d)]).toEqual([d, w]);
  });

  it('finds the next working day across the holiday and onto a 调休 Saturday', () => {
    expect(nextWorkingDay(CAL, '2026-02-12')).toBe('2026-02-13');
    expect(nextWorkingDay(CAL, '2026-02-13')).toBe('2026-02-14');
    expect(nextWorkingDay(CAL, '2026-02-14')).toBe('2026-02-24');
    expect(nextWorkingDay(CAL, '2026-02-18')).toBe('2026-02-24');
    expect(nextWorkingDay(CAL, '2026-02-27')).toBe('2026-02-28');
    expect(nextWorkingDay(CAL, '2026-02-28')).toBe('2026-03-02');
    expect(nextWorkingDay(CAL, '2026-03-06')).toBe('2026-03-09');
  });

  it('ends a working day at 18:00 Shanghai time', () => {
    expect(END_OF_WORKING_DAY).toEqual({ hour: 18, minute: 0 });
    expect(endOfWorkingDay('2026-02-24').toISOString()).toBe('2026-02-24T10:00:00.000Z');
    expect(shanghaiDateTime(endOfWorkingDay('2026-02-24'))).toBe('2026-02-24 18:00');
  });
});

describe('staff corrections of the calendar (an argument, not module state)', () => {
  it('knows Spring Festival 2027 from the statutory rule alone (chinese-days has no 2027 data): 除夕 Fri 5 to 初三 Mon 8 February', () => {
    expect(CAL.coverage(2027)).toBe('statutory_only');
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) expect([d, CAL.isWorkingDay(d)]).toEqual([d, false]);
    expect(CAL.isWorkingDay('2027-02-09')).toBe(true); // Tue: the notice will say more; the rule alone does not
    expect(nextWorkingDay(CAL, '2027-02-04')).toBe('2027-02-09');
  });

  it('consults the corrections before the arrangement: added holidays are skipped, an added 调休 Saturday counts', () => {
    const days = ['2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
    const cal = buildHolidayCalendar({ corrections: { ...Object.fromEntries(days.map((d) => [d, false])), '2027-02-20': true } });
    for (const d of days) expect(cal.isWorkingDay(d)).toBe(false);
    expect(cal.isWorkingDay('2027-02-20')).toBe(true); // a Saturday made a working day
    expect(nextWorkingDay(cal, '2027-02-04')).toBe('2027-02-15');
    expect(nextWorkingDay(cal, '2027-02-19')).toBe('2027-02-20');
    // A correction can also undo a package holiday (National Day 2026, beyond the statutory 1–3 October)…
    expect(CAL.isWorkingDay('2026-10-05')).toBe(false);
    expect(buildHolidayCalendar({ corrections: new Map([['2026-10-05', true]]) }).isWorkingDay('2026-10-05')).toBe(true);
    // …but never a statutory day.
    expect(buildHolidayCalendar({ corrections: { '2026-10-02': true } }).isWorkingDay('2026-10-02')).toBe(false);
    // The calendar given is the one used: the package calendar did not change.
    expect(CAL.isWorkingDay('2027-02-20')).toBe(false);
  });

  it('moves a Q&A deadline past the added holiday', () => {
    const asked = new Date('2027-02-04T15:00:00+08:00');
    expect(answerDueAt(asked, CAL).toISOString()).toBe(new Date('2027-02-09T18:00:00+08:00').toISOString());
    const cal = buildHolidayCalendar({ corrections: { '2027-02-09': false, '2027-02-10': false, '2027-02-11': false, '2027-02-12': false } });
    expect(answerDueAt(asked, cal).toISOString()).toBe(new Date('2027-02-15T18:00:00+08:00').toISOString());
  });

  it('a question asked on Thursday 2026-12-31 is due on Monday 2027-01-04 at 18:00 (元旦 is statutory; no 2027 arrangement)', () => {
    expect(answerDueAt(new Date('2026-12-31T10:00:00+08:00'), CAL).toISOString()).toBe(new Date('2027-01-04T18:00:00+08:00').toISOString());
  });
});
