import type { EntryKind } from '@core/api/admin';
import type { Profession, Role } from '@core/api/roles';
import type { Me } from '@core/api/user';
import type { MessageKey, TFunction } from './i18n';

export const roleLabel = (t: TFunction, role: Role) => t(`role.${role}` as MessageKey);
export const professionLabel = (t: TFunction, p: Profession) => t(`profession.${p}` as MessageKey);
export const volunteerStatusLabel = (t: TFunction, s: 'pending' | 'approved' | 'rejected') => t(`volunteerStatus.${s}` as MessageKey);
export const entryKindLabel = (t: TFunction, k: EntryKind) => t(`entryKind.${k}` as MessageKey);

/** A volunteer is shown by profession (律师…) once known; everyone else by role. */
export function meRoleLabel(t: TFunction, me: Pick<Me, 'role' | 'profession'>): string {
  if (me.role === 'volunteer' && me.profession) return professionLabel(t, me.profession);
  return roleLabel(t, me.role);
}

/** Enterprise names in the user's language when the enterprise has an English name. */
export function enterpriseName(locale: string, e: { name: string; nameEn?: string } | undefined): string | undefined {
  if (!e) return undefined;
  return locale === 'en' && e.nameEn ? e.nameEn : e.name;
}

/** A case's enterprise (its `enterpriseName` / `enterpriseNameEn`) in the reader's language. */
export function caseEnterprise(locale: string, c: { enterpriseName?: string; enterpriseNameEn?: string }): string | undefined {
  return c.enterpriseName ? enterpriseName(locale, { name: c.enterpriseName, nameEn: c.enterpriseNameEn }) : undefined;
}

/** Dates as people in China write them (2026-11-23 09:30), in the device's time zone. */
/**
 * A date (and time) as the community keeps it: Beijing time (UTC+8, no daylight saving), whatever
 * the phone's own time zone: a due time is "18:00" for a foreign manager's phone too.
 */
export function formatDate(iso: string | undefined, withTime = false): string {
  if (!iso) return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + BEIJING_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return withTime ? `${date} ${time}` : date;
}

const BEIJING_OFFSET_MS = 8 * 3_600_000;
