/**
 * Working days in mainland China: weekends, public holidays and their make-up working days (调休)
 * come from `chinese-days` (a maintained calendar published each year after the State Council's
 * notice), never from a hand-written list. Pure: time is always an argument, and every date is
 * read in Asia/Shanghai (UTC+8, no daylight saving) whatever the process's TZ.
 * Server-side only: the app never imports this module (it would carry the calendar data).
 */
import { isWorkday } from 'chinese-days';

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

/**
 * Staff corrections of the calendar (date → working day or not), consulted before `chinese-days`:
 * a year the library does not know yet (chinese-days 1.5.7 stops at 2026, so Spring Festival 2027
 * must be entered by staff) or a local 调休. Module state, so every deadline rule (Q&A, tickets,
 * clinic) sees the same calendar without threading it through each call; the server refreshes it
 * from `holiday_overrides` (server/platform/holiday-calendar.ts), tests set it explicitly.
 */
let overrides: ReadonlyMap<string, boolean> = new Map();

/** Replaces the corrections: `true` = a working day (调休), `false` = a day off. */
export function setCalendarOverrides(map: Iterable<readonly [string, boolean]> | Record<string, boolean>): void {
  overrides = new Map(Symbol.iterator in map ? (map as Iterable<readonly [string, boolean]>) : Object.entries(map));
}

/** The corrections now in force (a copy). */
export function calendarOverrides(): Map<string, boolean> {
  return new Map(overrides);
}

/** A working day: a staff correction if there is one; else Monday-Friday not a public holiday, or a 调休 weekend day. */
export function isWorkingDay(ymd: string): boolean {
  const o = overrides.get(ymd);
  return o ?? isWorkday(ymd);
}

/** The first working day strictly after `ymd`. */
export function nextWorkingDay(ymd: string): string {
  for (let i = 1; i <= MAX_DAYS_AHEAD; i++) {
    const d = addDays(ymd, i);
    if (isWorkingDay(d)) return d;
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
