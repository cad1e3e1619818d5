/**
 * The staff's corrections of the holiday calendar (`holiday_overrides`, _id = YYYY-MM-DD), loaded
 * into core/rules/working-days.ts so every deadline rule sees them. One read per function
 * instance at most once a minute (by the clock the call runs on), so a correction entered by staff
 * reaches every function within a minute; the admin function reloads at once after a write.
 */
import { calendarOverrides, setCalendarOverrides, shanghaiDate } from '../../core/rules/working-days';
import { getDb } from '../db/client';
import { Collections } from '../db/schema';
import { uncounted } from '../kernel/call-metrics';

export interface HolidayDoc {
  /** YYYY-MM-DD */
  _id: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
  /** The community whose staff entered it (the calendar itself is national: one for every deadline). */
  communityId: string;
  updatedAt: Date;
  updatedBy: string;
}

const REFRESH_MS = 60_000;
let loadedAt: number | undefined;

/** The corrections of the years around `now` (last year to next year). */
export async function readHolidayOverrides(years: number[]): Promise<HolidayDoc[]> {
  const _ = getDb().command;
  const res = await getDb().collection(Collections.holidays).where({ year: _.in(years) }).limit(1000).get();
  return res.data as HolidayDoc[];
}

/** Reloads the corrections when the last load is older than a minute (or `force`). Never throws: the library calendar stays. */
export async function refreshHolidayCalendar(now: Date, force = false): Promise<void> {
  const t = now.getTime();
  if (!force && loadedAt !== undefined && t - loadedAt < REFRESH_MS && t >= loadedAt) return;
  try {
    const year = Number(shanghaiDate(now).slice(0, 4));
    // Instance housekeeping (≤ 1 read a minute), not the cost of the call that happens to trigger it.
    const docs = await uncounted(() => readHolidayOverrides([year - 1, year, year + 1]));
    setCalendarOverrides(docs.map((d) => [d._id, d.kind === 'workday'] as const));
    loadedAt = t;
  } catch (e) {
    // A missing collection (a fresh environment) or a transient error: keep what we had, try again in a minute.
    loadedAt = t;
    console.error(JSON.stringify({ level: 'warn', msg: 'holiday calendar refresh failed', error: String((e as Error)?.message ?? e), kept: calendarOverrides().size }));
  }
}
