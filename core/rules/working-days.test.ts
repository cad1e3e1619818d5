/**
 * Pinned dates across Spring Festival 2026 (Feb 15-23 off; Sat Feb 14 and Sat Feb 28 are 调休
 * working days) and National Day 2026. Runs in TZ=Asia/Shanghai (set below, before any Date) and
 * the answers do not depend on it: every date is read in UTC+8 explicitly.
 */
process.env.TZ = 'Asia/Shanghai';
import { answerDueAt } from './qa-deadline';
import { addDays, calendarOverrides, endOfWorkingDay, END_OF_WORKING_DAY, isWorkingDay, nextWorkingDay, setCalendarOverrides, shanghaiDate, shanghaiDateTime } from './working-days';

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
    for (const [d, w] of Object.entries(expected)) expect([d, isWorkingDay(d)]).toEqual([d, w]);
  });

  it('finds the next working day across the holiday and onto a 调休 Saturday', () => {
    expect(nextWorkingDay('2026-02-12')).toBe('2026-02-13');
    expect(nextWorkingDay('2026-02-13')).toBe('2026-02-14');
    expect(nextWorkingDay('2026-02-14')).toBe('2026-02-24');
    expect(nextWorkingDay('2026-02-18')).toBe('2026-02-24');
    expect(nextWorkingDay('2026-02-27')).toBe('2026-02-28');
    expect(nextWorkingDay('2026-02-28')).toBe('2026-03-02');
    expect(nextWorkingDay('2026-03-06')).toBe('2026-03-09');
  });

  it('ends a working day at 18:00 Shanghai time', () => {
    expect(END_OF_WORKING_DAY).toEqual({ hour: 18, minute: 0 });
    expect(endOfWorkingDay('2026-02-24').toISOString()).toBe('2026-02-24T10:00:00.000Z');
    expect(shanghaiDateTime(endOfWorkingDay('2026-02-24'))).toBe('2026-02-24 18:00');
  });
});

describe('staff corrections of the calendar (setCalendarOverrides)', () => {
  afterEach(() => setCalendarOverrides({}));

  it('knows nothing of Spring Festival 2027 by itself (chinese-days has no 2027 data)', () => {
    expect(isWorkingDay('2027-02-08')).toBe(true); // Mon after 初一 (Sat Feb 6)
    expect(nextWorkingDay('2027-02-05')).toBe('2027-02-08');
  });

  it('consults the corrections before the library: added holidays are skipped, an added 调休 Saturday counts', () => {
    const days = ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12'];
    setCalendarOverrides({ ...Object.fromEntries(days.map((d) => [d, false])), '2027-02-20': true });
    for (const d of days) expect(isWorkingDay(d)).toBe(false);
    expect(isWorkingDay('2027-02-20')).toBe(true); // a Saturday made a working day
    expect(nextWorkingDay('2027-02-05')).toBe('2027-02-15');
    expect(nextWorkingDay('2027-02-19')).toBe('2027-02-20');
    // A correction can also undo a library holiday (National Day 2026).
    expect(isWorkingDay('2026-10-05')).toBe(false);
    setCalendarOverrides(new Map([['2026-10-05', true]]));
    expect(isWorkingDay('2026-10-05')).toBe(true);
    expect(calendarOverrides().get('2026-10-05')).toBe(true);
  });

  it('moves a Q&A deadline past the added holiday', () => {
    const asked = new Date('2027-02-05T15:00:00+08:00');
    expect(answerDueAt(asked).toISOString()).toBe(new Date('2027-02-08T18:00:00+08:00').toISOString());
    setCalendarOverrides({ '2027-02-08': false, '2027-02-09': false, '2027-02-10': false, '2027-02-11': false, '2027-02-12': false });
    expect(answerDueAt(asked).toISOString()).toBe(new Date('2027-02-15T18:00:00+08:00').toISOString());
  });
});
