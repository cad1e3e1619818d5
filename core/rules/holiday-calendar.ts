/**
 * The holiday calendar as one value, passed to every rule that counts working days (Q&A due
 * times, ticket deadlines and escalation, the clinic calendar), never a global the server
 * overwrites. Built from, in this order of precedence:
 * 1. the statutory days (statutory-holidays.ts): off in every year, whatever else is entered;
 * 2. the staff's per-day corrections (a local day off, a late 调休);
 * 3. the year's arrangement: the one staff imported from the State Council's notice, else the
 *    one `chinese-days` holds (it stops at 2026);
 * 4. Monday–Friday work, Saturday and Sunday off.
 * A year with neither arrangement is `statutory_only`: its 调休 and 补假 are unknown, and every
 * screen that shows a date of that year says so.
 * Server-side: this module carries chinese-days' tables (the app never imports it), computed from
 * the library at build time (holiday-tables.ts), so a cold start does not build them.
 */
import { holidayTables } from './holiday-tables';
import { statutoryNamesOf } from './statutory-holidays';
import { isoWeekdayOf, shanghaiDate, type CalendarCoverage, type WorkingCalendar } from './working-days';

/** A year's arrangement: every day off (statutory days included) and every make-up working day (调休). */
export interface YearArrangement {
  year: number;
  off: readonly string[];
  work: readonly string[];
  /** Names of the days, e.g. '春节' (optional: shown in the calendar). */
  names?: Readonly<Record<string, string>>;
}

export type DayKind =
  | 'statutory' /** a statutory holiday (always off) */
  | 'arranged_off' /** off by the year's arrangement (调休 days off) */
  | 'make_up' /** a weekend working day by the year's arrangement (调休上班) */
  | 'corrected_off' /** off by a staff correction */
  | 'corrected_work' /** working by a staff correction */
  | 'weekend'
  | 'workday';

export interface DayInfo {
  date: string;
  working: boolean;
  kind: DayKind;
  name?: string;
}

export interface HolidayCalendar extends WorkingCalendar {
  day(ymd: string): DayInfo;
  /** The year's arrangement in force (imported first, then the package's), if any. */
  arrangement(year: number): YearArrangement | undefined;
}

// ---- the package's arrangements (chinese-days), per year ----

/** The arrangement chinese-days holds for `year`, or undefined when it has none (2027 on, in 1.5.7). */
export function packageArrangement(year: number): YearArrangement | undefined {
  const a = holidayTables().arrangements[year];
  return a ? { year, ...a } : undefined;
}

export interface CalendarInput {
  /** Arrangements staff imported (one per year; a later one for the same year wins). */
  imported?: readonly YearArrangement[];
  /** Staff corrections: date → true (a working day) or false (a day off). */
  corrections?: Iterable<readonly [string, boolean]> | Readonly<Record<string, boolean>>;
}

export function buildHolidayCalendar(input: CalendarInput = {}): HolidayCalendar {
  const imported = new Map<number, YearArrangement>();
  for (const a of input.imported ?? []) imported.set(a.year, a);
  const c = input.corrections;
  const corrections = new Map<string, boolean>(
    c === undefined ? [] : Symbol.iterator in c ? (c as Iterable<readonly [string, boolean]>) : Object.entries(c as Record<string, boolean>),
  );
  const sets = new Map<number, { off: Set<string>; work: Set<string>; names: Readonly<Record<string, string>> } | null>();

  const arrangement = (year: number) => imported.get(year) ?? packageArrangement(year);
  const setsOf = (year: number) => {
    if (!sets.has(year)) {
      const a = arrangement(year);
      sets.set(year, a ? { off: new Set(a.off), work: new Set(a.work), names: a.names ?? {} } : null);
    }
    return sets.get(year) ?? null;
  };

  // The calendar never changes once built: each day is worked out once.
  const memo = new Map<string, DayInfo>();
  function day(ymd: string): DayInfo {
    let info = memo.get(ymd);
    if (!info) {
      info = dayOf(ymd);
      memo.set(ymd, info);
    }
    return info;
  }

  function dayOf(ymd: string): DayInfo {
    const statutory = statutoryNamesOf(ymd);
    if (statutory.length) return { date: ymd, working: false, kind: 'statutory', name: statutory.join('、') };
    const corrected = corrections.get(ymd);
    if (corrected !== undefined) return { date: ymd, working: corrected, kind: corrected ? 'corrected_work' : 'corrected_off' };
    const a = setsOf(Number(ymd.slice(0, 4)));
    if (a?.off.has(ymd)) return { date: ymd, working: false, kind: 'arranged_off', name: a.names[ymd] };
    if (a?.work.has(ymd)) return { date: ymd, working: true, kind: 'make_up', name: a.names[ymd] };
    return isoWeekdayOf(ymd) >= 6 ? { date: ymd, working: false, kind: 'weekend' } : { date: ymd, working: true, kind: 'workday' };
  }

  return {
    day,
    isWorkingDay: (ymd) => day(ymd).working,
    coverage: (year): CalendarCoverage => (imported.has(year) ? 'imported' : packageArrangement(year) ? 'package' : 'statutory_only'),
    arrangement,
  };
}

/** The calendar with no staff input: the statutory rule and the package. Tests and the seed use it. */
export const PACKAGE_CALENDAR: HolidayCalendar = buildHolidayCalendar();

/** The year whose arrangement staff must have at `now`: next year from November (the notice comes out around then), else this year. */
export function arrangementDueYear(now: Date): number {
  const ymd = shanghaiDate(now);
  const year = Number(ymd.slice(0, 4));
  return Number(ymd.slice(5, 7)) >= 11 ? year + 1 : year;
}

/** The holiday to-do at `now`: whether the due year's arrangement is missing (only the statutory days known). */
export function arrangementTodo(cal: WorkingCalendar, now: Date): { year: number; coverage: CalendarCoverage; missing: boolean } {
  const year = arrangementDueYear(now);
  const coverage = cal.coverage(year);
  return { year, coverage, missing: coverage === 'statutory_only' };
}
