/// <reference types="node" />
/**
 * The holiday calendar for any year: the statutory rule (property tests for 2027–2040 whatever
 * else is entered), the package's years, and the State Council notices of 2020–2026 read by the
 * parser (their texts are fixtures) reproducing exactly the days chinese-days holds.
 */
process.env.TZ = 'Asia/Shanghai';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { arrangementDueYear, arrangementTodo, buildHolidayCalendar, packageArrangement, PACKAGE_CALENDAR } from './holiday-calendar';
import { arrangementProblems, parseHolidayNotice, readHolidayNotice } from './holiday-notice';
import { statutoryHolidays } from './statutory-holidays';
import { addDays, isoWeekdayOf } from './working-days';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures/holiday-notices', `${name}.txt`), 'utf8');

describe('statutory holidays from the rule (《全国年节及纪念日放假办法》)', () => {
  it('2027: 元旦 1 Jan; 春节 除夕 5 Feb to 初三 8 Feb; 清明 5 Apr; 劳动节 1–2 May; 端午 9 Jun; 中秋 15 Sep; 国庆 1–3 Oct', () => {
    expect(statutoryHolidays(2027).map((d) => `${d.date} ${d.name}`)).toEqual([
      '2027-01-01 元旦',
      '2027-02-05 春节',
      '2027-02-06 春节',
      '2027-02-07 春节',
      '2027-02-08 春节',
      '2027-04-05 清明节',
      '2027-05-01 劳动节',
      '2027-05-02 劳动节',
      '2027-06-09 端午节',
      '2027-09-15 中秋节',
      '2027-10-01 国庆节',
      '2027-10-02 国庆节',
      '2027-10-03 国庆节',
    ]);
  });

  it('13 days a year from 2025, 11 before (春节 3 days from 初一, 劳动节 1 day)', () => {
    for (let y = 2025; y <= 2040; y++) expect([y, statutoryHolidays(y).length]).toEqual([y, 13]);
    for (let y = 2014; y <= 2024; y++) expect([y, statutoryHolidays(y).length]).toEqual([y, 11]);
  });

  it('every statutory day of 2014–2026 is a day off in the package (the rule agrees with the published years)', () => {
    for (let y = 2014; y <= 2026; y++) {
      const off = new Set(packageArrangement(y)!.off);
      for (const s of statutoryHolidays(y)) expect([y, s.date, off.has(s.date)]).toEqual([y, s.date, true]);
    }
  });

  it('refuses years it cannot compute', () => {
    expect(() => statutoryHolidays(2100)).toThrow(RangeError);
    expect(() => statutoryHolidays(2007)).toThrow(RangeError);
  });
});

describe('properties for 2027–2040, whatever staff enter', () => {
  const year = fc.integer({ min: 2027, max: 2040 });
  const dayOf = (y: number) => fc.integer({ min: 0, max: 364 }).map((n) => addDays(`${y}-01-01`, n));
  const input = year.chain((y) =>
    fc.record({
      y: fc.constant(y),
      corrections: fc.array(fc.tuple(dayOf(y), fc.boolean()), { maxLength: 40 }),
      imported: fc.option(fc.record({ off: fc.array(dayOf(y), { maxLength: 40 }), work: fc.array(dayOf(y), { maxLength: 20 }) }), { nil: undefined }),
    }),
  );

  it('every statutory day is off, and a day is never both off and a make-up working day', () => {
    fc.assert(
      fc.property(input, ({ y, corrections, imported }) => {
        const cal = buildHolidayCalendar({ corrections, imported: imported ? [{ year: y, ...imported }] : [] });
        for (const s of statutoryHolidays(y)) {
          expect(cal.isWorkingDay(s.date)).toBe(false);
          expect(cal.day(s.date).kind).toBe('statutory');
        }
        for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = addDays(d, 1)) {
          const info = cal.day(d);
          // One answer per day: off kinds are never working, working kinds never off.
          if (['statutory', 'arranged_off', 'corrected_off', 'weekend'].includes(info.kind)) expect(info.working).toBe(false);
          else expect(info.working).toBe(true);
          expect(cal.isWorkingDay(d)).toBe(info.working);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a year with no arrangement is statutory_only; its statutory days are off and its other days follow the week', () => {
    fc.assert(
      fc.property(year, (y) => {
        expect(PACKAGE_CALENDAR.coverage(y)).toBe('statutory_only');
        const statutory = new Set(statutoryHolidays(y).map((s) => s.date));
        for (let d = `${y}-01-01`; d <= `${y}-12-31`; d = addDays(d, 1)) {
          expect(PACKAGE_CALENDAR.isWorkingDay(d)).toBe(!statutory.has(d) && isoWeekdayOf(d) <= 5);
        }
      }),
      { numRuns: 14 },
    );
  });

  it('an arrangement that agrees with the rule has no problem; one that drops a statutory day or works it has', () => {
    fc.assert(
      fc.property(year, fc.nat(), (y, k) => {
        const statutory = statutoryHolidays(y).map((s) => s.date);
        expect(arrangementProblems(y, statutory, [])).toEqual([]);
        const dropped = statutory[k % statutory.length];
        expect(arrangementProblems(y, statutory.filter((d) => d !== dropped), [])).toContainEqual(expect.objectContaining({ code: 'statutory_not_off', date: dropped }));
        expect(arrangementProblems(y, statutory, [dropped])).toContainEqual(expect.objectContaining({ code: 'statutory_is_work', date: dropped }));
      }),
      { numRuns: 30 },
    );
  });
});

describe('the notices of 2020–2026 reproduce the package', () => {
  const years = [2020, 2021, 2022, 2023, 2024, 2025, 2026];
  const parsed = Object.fromEntries(years.map((y) => [y, readHolidayNotice(fixture(String(y)))]));

  it.each(years)('%i: a notice without problems, for its year', (y) => {
    expect(parsed[y].problems).toEqual([]);
    expect(parsed[y].notice?.year).toBe(y);
  });

  it('every day off and every make-up working day of 2020–2026, exactly (2020 with the Spring Festival extension)', () => {
    const off = new Set(years.flatMap((y) => parsed[y].notice!.off));
    const work = new Set(years.flatMap((y) => parsed[y].notice!.work));
    // 国办发明电〔2020〕1号 extended Spring Festival 2020 to 2 February (the package holds the extended days).
    const ext = /延长\s*2020\s*年春节假期至\s*2\s*月\s*2\s*日/.test(fixture('2020-extension'));
    expect(ext).toBe(true);
    for (const d of ['2020-01-31', '2020-02-01', '2020-02-02']) off.add(d);
    work.delete('2020-02-01');
    const pkgOff = new Set(years.flatMap((y) => packageArrangement(y)!.off));
    const pkgWork = new Set(years.flatMap((y) => packageArrangement(y)!.work));
    expect([...off].sort()).toEqual([...pkgOff].sort());
    expect([...work].sort()).toEqual([...pkgWork].sort());
  });

  it('reads each item: 2025 春节 from 除夕 28 Jan to 4 Feb with two 调休 Sundays/Saturdays; 2023 元旦 across the year end', () => {
    const spring = parsed[2025].notice!.items.find((i) => i.name === '春节')!;
    expect(spring.off).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01', '2025-02-02', '2025-02-03', '2025-02-04']);
    expect(spring.work).toEqual(['2025-01-26', '2025-02-08']);
    expect(parsed[2023].notice!.items[0]).toEqual({ name: '元旦', off: ['2022-12-31', '2023-01-01', '2023-01-02'], work: [] });
    // "安排职工在除夕（2月9日）休息" is encouragement, not a day off.
    expect(parsed[2024].notice!.off).not.toContain('2024-02-09');
  });

  it('reads a notice pasted from a web page: one line, full-width digits, (half-width) parentheses', () => {
    const text = fixture('2026')
      .replace(/\n/g, '')
      .replace(/[0-9]/g, (c: string) => String.fromCharCode(c.charCodeAt(0) + 0xfee0))
      .replace(/（/g, '(')
      .replace(/）/g, ')');
    expect(readHolidayNotice(text)).toEqual(parsed[2026]);
  });
});

describe('bad input', () => {
  it('a text that is not a notice', () => {
    expect(parseHolidayNotice('').problems).toEqual([{ code: 'not_a_notice' }]);
    expect(parseHolidayNotice('关于做好2027年春节期间安全生产工作的通知：各单位要加强值班。').problems).toEqual([{ code: 'not_a_notice' }]);
    expect(parseHolidayNotice(fixture('2020-extension')).problems).toEqual([{ code: 'not_a_notice' }]);
  });

  it('days that contradict the statutory rule: 国庆 from 2 October, 2027', () => {
    const text = fixture('2027-test').replace('10月1日（周五）至7日（周四）放假调休', '10月2日（周六）至7日（周四）放假调休');
    expect(readHolidayNotice(text).problems).toEqual([{ code: 'statutory_not_off', date: '2027-10-01', name: '国庆节' }]);
  });

  it('a day both off and worked, a make-up day on a weekday, a date that does not exist', () => {
    const text = fixture('2027-test').replace('2月20日（周六）上班', '2月12日（周五）、2月19日（周五）、2月30日上班');
    expect(readHolidayNotice(text).problems).toEqual([
      { code: 'bad_date', date: '2027-02-30' },
      { code: 'off_and_work', date: '2027-02-12' },
      { code: 'work_on_weekday', date: '2027-02-19' },
    ]);
  });

  it('the 2027 test notice is clean and gives its make-up days', () => {
    const r = readHolidayNotice(fixture('2027-test'));
    expect(r.problems).toEqual([]);
    expect(r.notice!.work).toEqual(['2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);
    for (const d of r.notice!.work) expect(isoWeekdayOf(d)).toBeGreaterThanOrEqual(6);
  });
});

describe('coverage and the to-do', () => {
  it('package years, imported years, statutory-only years', () => {
    const cal = buildHolidayCalendar({ imported: [{ year: 2027, off: ['2027-02-09'], work: ['2027-02-20'] }] });
    expect(cal.coverage(2026)).toBe('package');
    expect(cal.coverage(2027)).toBe('imported');
    expect(cal.coverage(2028)).toBe('statutory_only');
    expect(cal.isWorkingDay('2027-02-20')).toBe(true);
    expect(PACKAGE_CALENDAR.isWorkingDay('2027-02-20')).toBe(false);
  });

  it('the due year is next year from November (Beijing time), this year before', () => {
    expect(arrangementDueYear(new Date('2026-10-31T15:59:59Z'))).toBe(2026);
    expect(arrangementDueYear(new Date('2026-10-31T16:00:00Z'))).toBe(2027);
    expect(arrangementTodo(PACKAGE_CALENDAR, new Date('2026-12-05T09:00:00+08:00'))).toEqual({ year: 2027, coverage: 'statutory_only', missing: true });
    expect(arrangementTodo(PACKAGE_CALENDAR, new Date('2026-06-05T09:00:00+08:00'))).toEqual({ year: 2026, coverage: 'package', missing: false });
  });
});
