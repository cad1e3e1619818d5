/**
 * Working days in mainland China: the calendar is an argument (a `WorkingCalendar`, built by
 * core/rules/holiday-calendar.ts from the statutory rule, the year's arrangement and the staff's
 * corrections), never module state. Pure: time is always an argument, and every date is read in
 * Asia/Shanghai (UTC+8, no daylight saving) whatever the process's TZ.
 * This module holds no calendar data: a rule importing it brings no holiday tables with it.
 */

/** How a year's days off and 调休 working days are known. */
export type CalendarCoverage =
  /** chinese-days holds the year's published arrangement. */
  | 'package'
  /** Staff imported the year's State Council notice. */
  | 'imported'
  /** No arrangement: only the statutory days (and weekends) are known; 调休 and 补假 are not. */
  | 'statutory_only';

/** The calendar every deadline and clinic rule reads. */
export interface WorkingCalendar {
  isWorkingDay(ymd: string): boolean;
  coverage(year: number): CalendarCoverage;
}

/** Asia/Shanghai is UTC+8 all year. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The end of a working day at the community service centre (Asia/Shanghai wall clock). */
export const END_OF_WORKING_DAY = { hour: 18, minute: 0 } as const;

/** How far ahead a search for the next working day goes before giving up (longest run off is ~9 days). */
const MAX_DAYS_AHEAD = 31;

/** 'YYYY-MM-DD' of the Asia/Shanghai calendar day `at` falls on. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar day after `ymd`. */
export function addDays(ymd: string, days: number): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first working day strictly after `ymd`. */
export function nextWorkingDay(cal: WorkingCalendar, ymd: string): string {
  for (let i = 1; i <= MAX_DAYS_AHEAD; i++) {
    const d = addDays(ymd, i);
    if (cal.isWorkingDay(d)) return d;
  }
  throw new RangeError(`no working day within ${MAX_DAYS_AHEAD} days after ${ymd}: is the holiday calendar current?`);
}

/** 18:00 Asia/Shanghai on `ymd`, as an instant. */
export function endOfWorkingDay(ymd: string): Date {
  const hh = String(END_OF_WORKING_DAY.hour).padStart(2, '0');
  const mm = String(END_OF_WORKING_DAY.minute).padStart(2, '0');
  return new Date(`${ymd}T${hh}:${mm}:00+08:00`);
}

/** 'YYYY-MM-DD HH:mm' on the Asia/Shanghai wall clock (notification texts). */
export function shanghaiDateTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** ISO weekday of 'YYYY-MM-DD' (Monday = 1 … Sunday = 7). */
export function isoWeekdayOf(ymd: string): number {
  const d = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The Shanghai year of `ymd` or of an instant. */
export function yearOf(at: string | Date): number {
  return Number((typeof at === 'string' ? at : shanghaiDate(at)).slice(0, 4));
}

/** The coverage of every year a span of days touches, the weakest first (statutory_only < imported < package). */
export function coverageBetween(cal: WorkingCalendar, from: Date | string, to: Date | string): { year: number; coverage: CalendarCoverage }[] {
  const out: { year: number; coverage: CalendarCoverage }[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) out.push({ year: y, coverage: cal.coverage(y) });
  return out;
}

/** The years between two instants whose arrangement is missing (only the statutory days known). */
export function yearsWithoutArrangement(cal: WorkingCalendar, from: Date | string, to: Date | string): number[] {
  return coverageBetween(cal, from, to).filter((c) => c.coverage === 'statutory_only').map((c) => c.year);
}
