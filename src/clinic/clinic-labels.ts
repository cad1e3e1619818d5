import type { ClinicSessionKind, ConsultationStatusView, HandoverView } from '@core/api/clinic';
import type { Profession } from '@core/api/roles';
import { formatDate } from '../labels';
import type { ClinicMessageKey, ClinicT } from './i18n';

export const weekdayLabel = (t: ClinicT, isoWeekday: number) => t(`clinic.weekday.${isoWeekday}` as ClinicMessageKey);
export const kindLabel = (t: ClinicT, k: ClinicSessionKind) => t(`clinic.kind.${k}` as ClinicMessageKey);
export const statusLabel = (t: ClinicT, s: ConsultationStatusView) => t(`clinic.status.${s}` as ClinicMessageKey);
export const handoverLabel = (t: ClinicT, s: HandoverView['status']) => t(`clinic.handover.${s}` as ClinicMessageKey);
export const professionName = (t: ClinicT, p: Profession) => t(`profession.${p}` as ClinicMessageKey);

/** 'HH:mm' in Beijing time. */
export const clock = (iso: string) => formatDate(iso, true).slice(11);
export const timeRange = (t: ClinicT, startsAt: string, endsAt: string) => t('clinic.time', { start: clock(startsAt), end: clock(endsAt) });

/** The session's date with its weekday: 2026-11-25 周三. */
export const sessionDay = (t: ClinicT, s: { date: string; weekday: number }) => `${s.date} ${weekdayLabel(t, s.weekday)}`;

/** 'YYYY-MM' of an instant in Beijing time. */
export function beijingMonth(now = Date.now()): string {
  return formatDate(new Date(now).toISOString()).slice(0, 7);
}

export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const n = y * 12 + (m - 1) + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export function monthTitle(t: ClinicT, month: string): string {
  const [year, m] = month.split('-');
  return t('clinic.month.title', { year, month: String(Number(m)) });
}

/** ISO weekday (Mon = 1) of 'YYYY-MM-DD' (not from core/rules/clinic-calendar: it brings the holiday calendar). */
export function isoWeekdayOf(ymd: string): number {
  const d = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}
