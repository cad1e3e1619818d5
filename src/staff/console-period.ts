/** Reporting periods in Beijing days (YYYY-MM-DD), from a given instant: pure, tested with pinned dates. */
export type PeriodPreset = 'month' | 'last30' | 'year' | 'custom';
export const PeriodPresets: PeriodPreset[] = ['month', 'last30', 'year', 'custom'];

const DAY = 86_400_000;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Today in Beijing. */
export const beijingToday = (now = Date.now()) => ymd(now + 8 * 3_600_000);

export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now = Date.now()): { from: string; to: string } {
  const to = beijingToday(now);
  if (preset === 'month') return { from: `${to.slice(0, 7)}-01`, to };
  if (preset === 'year') return { from: `${to.slice(0, 4)}-01-01`, to };
  return { from: ymd(Date.parse(`${to}T00:00:00Z`) - 29 * DAY), to };
}

export const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && ymd(Date.parse(`${s}T00:00:00Z`)) === s;
