import type { Dashboard } from '@core/api/console';

/** Per-day question counts for a chart: days while a period is short, months beyond 45 days (a year of bars is unreadable). */
export function questionSeries(perDay: Dashboard['questions']['perDay']): { byMonth: boolean; categories: string[]; asked: number[]; onTime: number[] } {
  const byMonth = perDay.length > 45;
  const buckets = new Map<string, { asked: number; onTime: number }>();
  for (const d of perDay) {
    const k = byMonth ? d.date.slice(0, 7) : d.date.slice(5);
    const b = buckets.get(k) ?? { asked: 0, onTime: 0 };
    b.asked += d.asked;
    b.onTime += d.answeredOnTime;
    buckets.set(k, b);
  }
  const categories = [...buckets.keys()];
  return { byMonth, categories, asked: categories.map((k) => buckets.get(k)!.asked), onTime: categories.map((k) => buckets.get(k)!.onTime) };
}

/** A share as a percentage with one decimal, for charts (0.875 → 87.5). */
export const pct = (rate: number) => Math.round(rate * 1000) / 10;

/**
 * An axis for counts: whole-number steps (1, 2, 5, 10, 20, 50…) and at most five of them, so no
 * axis reads "4.80 questions".
 */
export function countAxis(values: number[]): { max: number; splitNumber: number } {
  const top = Math.max(1, ...values);
  let step = 1;
  for (let k = 0; Math.ceil(top / step) > 5; k++) step = [1, 2, 5][(k + 1) % 3] * 10 ** Math.floor((k + 1) / 3);
  const splitNumber = Math.max(1, Math.ceil(top / step));
  return { max: splitNumber * step, splitNumber };
}
