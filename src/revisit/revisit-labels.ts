import type { Me } from '@core/api/user';
import type { CaseKind } from '@core/api/revisit';
import type { RevisitT } from './i18n';

/** The people served: they rate their own cases (managers also answer the yearly survey). */
export const isServed = (me: Me) => me.role === 'worker' || me.role === 'manager';
/** The community side reads campaigns, follow-ups and figures; instructors only read. */
export const isStaffSide = (me: Me) => me.role === 'staff' || me.role === 'admin' || me.role === 'instructor';
/** Who launches, reminds, records, edits forms and closes follow-ups. */
export const canRun = (me: Me) => me.role === 'staff' || me.role === 'admin';

export const caseKindLabel = (t: RevisitT, k: CaseKind) => t(`revisit.caseKind.${k}`);

/** A share 0–1 as a whole percentage ("87%"); a dash when unknown. */
export const pct = (rate: number | undefined) => (rate === undefined || Number.isNaN(rate) ? '—' : `${Math.round(rate * 100)}%`);
/** A mean score with one decimal ("4.3"). */
export const score = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(1));

/** Where a case is read: the detail page of its feature. */
export function caseUrl(kind: CaseKind, id: string): string {
  const q = encodeURIComponent(id);
  if (kind === 'ticket') return `/tickets/pages/detail/index?id=${q}`;
  if (kind === 'question') return `/qa/pages/detail/index?id=${q}`;
  return '/clinic/pages/mine/index';
}

/** The rate page of a case. */
export const rateUrl = (kind: CaseKind, id: string) => `/revisit/pages/rate/index?caseKind=${kind}&caseId=${encodeURIComponent(id)}`;

/** This year in Beijing. */
export function beijingYear(now = Date.now()): number {
  return new Date(now + 8 * 3_600_000).getUTCFullYear();
}
