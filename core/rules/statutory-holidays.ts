/**
 * The statutory public holidays of a year, from the rule itself (《全国年节及纪念日放假办法》), not
 * from a year's published arrangement: these days are off in every year, published or not.
 * Lunar dates and the 清明 solar term come from `chinese-days` (its lunar tables and solar-term
 * formula), through the tables computed from it at build time (holiday-tables.ts, checked
 * against the library by scripts/holiday-tables.test.ts); server-side like the rest of the calendar.
 *
 * The rule by year:
 * - from 2025 (amended 2024-11): 元旦 1 day; 春节 4 days, 除夕 to 初三; 清明 1 day on the solar
 *   term; 劳动节 2 days, 1–2 May; 端午 1; 中秋 1; 国庆 3 days, 1–3 October;
 * - 2014–2024 (amended 2013): 春节 3 days, 初一 to 初三; 劳动节 1 day (1 May); the rest the same;
 * - 2008–2013 (amended 2007): 春节 除夕 to 初二; 劳动节 1 day.
 * Earlier years are not computed (the package's own data covers them).
 * A statutory day that falls on a weekend is made up on a working day (补假), but which one only
 * the year's notice says: that is why a year without its arrangement is flagged, not guessed.
 */
import { holidayTables } from './holiday-tables';
import { addDays } from './working-days';

export type StatutoryHolidayName = '元旦' | '春节' | '清明节' | '劳动节' | '端午节' | '中秋节' | '国庆节';

export interface StatutoryDay {
  date: string;
  name: StatutoryHolidayName;
}

export const FIRST_STATUTORY_YEAR = 2008;
export const LAST_STATUTORY_YEAR = 2099;

const cache = new Map<number, readonly StatutoryDay[]>();


/** Every statutory day off of `year`, in date order (a date may carry two names, e.g. 中秋 on 1 October: listed once each). */
export function statutoryHolidays(year: number): readonly StatutoryDay[] {
  const hit = cache.get(year);
  if (hit) return hit;
  if (!Number.isInteger(year) || year < FIRST_STATUTORY_YEAR || year > LAST_STATUTORY_YEAR) {
    throw new RangeError(`statutory holidays are computed for ${FIRST_STATUTORY_YEAR}–${LAST_STATUTORY_YEAR}, not ${year}`);
  }
  const days: StatutoryDay[] = [];
  const add = (name: StatutoryHolidayName, ...dates: string[]) => dates.forEach((date) => days.push({ date, name }));
  // The solar dates of 正月初一, 五月初五, 八月十五 of lunar year `year`, and of the 清明 solar term.
  const [chuyi, duanwu, zhongqiu, qingming] = holidayTables().lunar[year];
  add('元旦', `${year}-01-01`);
  if (year >= 2025) add('春节', addDays(chuyi, -1), chuyi, addDays(chuyi, 1), addDays(chuyi, 2));
  else if (year >= 2014) add('春节', chuyi, addDays(chuyi, 1), addDays(chuyi, 2));
  else add('春节', addDays(chuyi, -1), chuyi, addDays(chuyi, 1));
  add('清明节', qingming);
  add('劳动节', `${year}-05-01`);
  if (year >= 2025) add('劳动节', `${year}-05-02`);
  add('端午节', duanwu);
  add('中秋节', zhongqiu);
  add('国庆节', `${year}-10-01`, `${year}-10-02`, `${year}-10-03`);
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const frozen = Object.freeze(days);
  cache.set(year, frozen);
  return frozen;
}

const byDate = new Map<number, ReadonlyMap<string, StatutoryHolidayName[]>>();
const NONE: StatutoryHolidayName[] = [];

/** The statutory holiday names of `ymd` (empty: not a statutory day). */
export function statutoryNamesOf(ymd: string): StatutoryHolidayName[] {
  const year = Number(ymd.slice(0, 4));
  if (!(year >= FIRST_STATUTORY_YEAR && year <= LAST_STATUTORY_YEAR)) return NONE;
  let m = byDate.get(year);
  if (!m) {
    const built = new Map<string, StatutoryHolidayName[]>();
    for (const d of statutoryHolidays(year)) built.set(d.date, [...(built.get(d.date) ?? []), d.name]);
    byDate.set(year, built);
    m = built;
  }
  return m.get(ymd) ?? NONE;
}
