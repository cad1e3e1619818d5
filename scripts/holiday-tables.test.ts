/**
 * The checked-in holiday tables (core/rules/holiday-tables.ts) are exactly what chinese-days
 * answers: the functions read the tables instead of requiring the library at every cold start,
 * and this keeps the two from drifting (after a version bump: `npx tsx scripts/holiday-tables.ts --write`).
 */
import { readFileSync } from 'node:fs';
import { getDayDetail, getHolidaysInRange } from 'chinese-days';
import { holidayTables } from '../core/rules/holiday-tables';

const HOLIDAY_TABLES = holidayTables();
import { computeHolidayTables, holidayTablesSource, TABLES_FILE } from './holiday-tables';

describe('holiday tables computed from chinese-days', () => {
  it('the checked-in file is what the library answers today', () => {
    const fresh = computeHolidayTables();
    expect(HOLIDAY_TABLES).toEqual(fresh);
    expect(readFileSync(TABLES_FILE, 'utf8')).toBe(holidayTablesSource(fresh));
  });

  it('holds what the rules need: 2008–2099 lunar dates, the published years 2004–2026', () => {
    expect(Object.keys(HOLIDAY_TABLES.lunar)).toHaveLength(2099 - 2008 + 1);
    expect(HOLIDAY_TABLES.lunar[2026]).toEqual(['2026-02-17', '2026-06-19', '2026-09-25', '2026-04-05']);
    const years = Object.keys(HOLIDAY_TABLES.arrangements).map(Number);
    expect(Math.min(...years)).toBe(2004);
    expect(Math.max(...years)).toBe(2026);
    // Spot checks straight against the library: 2026's 春节 and a 调休 Saturday.
    expect(HOLIDAY_TABLES.arrangements[2026].off).toEqual(getHolidaysInRange('2026-01-01', '2026-12-31', false));
    const makeUp = HOLIDAY_TABLES.arrangements[2026].work[0];
    expect(getDayDetail(makeUp).work).toBe(true);
  });
});
