/**
 * The data behind the holiday calendar: the staff's per-day corrections (`holiday_overrides`,
 * _id = YYYY-MM-DD, national) and the years' arrangements each community imported from the State
 * Council's notice (`holiday_arrangements`, _id = <communityId>:<year>). The kernel loads them
 * into a `CalendarBook` (one read of each at most once a minute per function instance, by the
 * clock the call runs on) and hands every action and timer its calendar as an argument
 * (`ctx.calendar`, `ctx.calendars.for(communityId)`): the rules never read module state.
 */
import { buildHolidayCalendar, type HolidayCalendar, type YearArrangement } from '../../core/rules/holiday-calendar';
import { shanghaiDate } from '../../core/rules/working-days';
import { docOf, getDb } from '../db/client';
import { Collections } from '../db/schema';
import { uncounted } from '../kernel/call-metrics';

export interface HolidayDoc {
  /** YYYY-MM-DD */
  _id: string;
  year: number;
  kind: 'holiday' | 'workday';
  name: string;
  /** The community whose staff entered it (corrections are national: one for every deadline). */
  communityId: string;
  updatedAt: Date;
  updatedBy: string;
}

export interface ArrangementDoc {
  /** <communityId>:<year> */
  _id: string;
  communityId: string;
  year: number;
  off: string[];
  work: string[];
  names: Record<string, string>;
  /** The notice's items as read ('春节': its days), for the record. */
  items: { name: string; off: string[]; work: string[] }[];
  importedAt: Date;
  importedBy: string;
}

export const arrangementId = (communityId: string, year: number) => `${communityId}:${year}`;

/** Every community's calendar, from one snapshot of the corrections and arrangements. */
export interface CalendarBook {
  /** The calendar of a community's deadlines and sessions (no community: the statutory rule, the package and the corrections). */
  for(communityId: string | null | undefined): HolidayCalendar;
  /** The communities that imported `year`'s arrangement. */
  importedBy(year: number): string[];
}

export function bookOf(corrections: readonly HolidayDoc[], arrangements: readonly ArrangementDoc[]): CalendarBook {
  const pairs = corrections.map((d) => [d._id, d.kind === 'workday'] as const);
  const byCommunity = new Map<string, YearArrangement[]>();
  for (const a of arrangements) byCommunity.set(a.communityId, [...(byCommunity.get(a.communityId) ?? []), { year: a.year, off: a.off, work: a.work, names: a.names }]);
  const cache = new Map<string, HolidayCalendar>();
  return {
    for(communityId) {
      const key = communityId ?? '';
      let cal = cache.get(key);
      if (!cal) {
        cal = buildHolidayCalendar({ corrections: pairs, imported: byCommunity.get(key) ?? [] });
        cache.set(key, cal);
      }
      return cal;
    },
    importedBy: (year) => arrangements.filter((a) => a.year === year).map((a) => a.communityId),
  };
}

/** The corrections of `years`. */
export async function readHolidayOverrides(years: number[]): Promise<HolidayDoc[]> {
  const _ = getDb().command;
  const res = await getDb().collection(Collections.holidays).where({ year: _.in(years) }).limit(1000).get();
  return res.data as HolidayDoc[];
}

/** Every community's imported arrangements of `years`. */
export async function readArrangements(years: number[]): Promise<ArrangementDoc[]> {
  const _ = getDb().command;
  const res = await getDb().collection(Collections.holidayArrangements).where({ year: _.in(years) }).limit(1000).get();
  return res.data as ArrangementDoc[];
}

// The calendar's data has one owner, this file: the console and the organisation's master data
// change it only through these commands (server/db/schema.ts's owner map).

/** The staff correction of one day, if any. */
export async function holidayOverrideOn(date: string): Promise<HolidayDoc | undefined> {
  return docOf<HolidayDoc>(await getDb().collection(Collections.holidays).doc(date).get());
}

/** Sets the correction of `date` (`undefined`: removes it). */
export async function putHolidayOverride(date: string, doc: Omit<HolidayDoc, '_id'> | undefined): Promise<void> {
  const col = getDb().collection(Collections.holidays);
  if (doc) await col.doc(date).set(doc);
  else await col.doc(date).remove();
}

/** A community's imported arrangement of `year`, if any. */
export async function arrangementOf(communityId: string, year: number): Promise<ArrangementDoc | undefined> {
  return docOf<ArrangementDoc>(await getDb().collection(Collections.holidayArrangements).doc(arrangementId(communityId, year)).get());
}

/** Records an imported arrangement; a second one of the same community and year fails with the store's duplicate-key error. */
export async function insertArrangement(doc: ArrangementDoc): Promise<void> {
  await getDb().collection(Collections.holidayArrangements).add(doc);
}

const REFRESH_MS = 60_000;
let loadedAt: number | undefined;
let corrections: HolidayDoc[] = [];
let arrangements: ArrangementDoc[] = [];
let current: CalendarBook = bookOf([], []);

/** A read that keeps what we had on failure (a missing collection in a fresh environment, a transient error). */
async function orKeep<T>(what: string, read: () => Promise<T>, kept: T): Promise<T> {
  try {
    return await read();
  } catch (e) {
    console.error(JSON.stringify({ level: 'warn', msg: `holiday calendar: reading ${what} failed`, error: String((e as Error)?.message ?? e) }));
    return kept;
  }
}

/**
 * The calendar book for a call at `now`: reloaded when the last load is older than a minute (or
 * `force`), else the one loaded. Never throws: on a failed read the last data stays (at first,
 * the statutory rule and the package), and the next try waits a minute.
 */
export async function calendarBook(now: Date, force = false): Promise<CalendarBook> {
  const t = now.getTime();
  if (!force && loadedAt !== undefined && t - loadedAt < REFRESH_MS && t >= loadedAt) return current;
  const year = Number(shanghaiDate(now).slice(0, 4));
  const years = [year - 1, year, year + 1, year + 2];
  // Instance housekeeping (≤ 2 reads a minute), not the cost of the call that happens to trigger it.
  [corrections, arrangements] = await uncounted(() =>
    Promise.all([orKeep('corrections', () => readHolidayOverrides(years), corrections), orKeep('arrangements', () => readArrangements(years), arrangements)]),
  );
  current = bookOf(corrections, arrangements);
  loadedAt = t;
  return current;
}
