import type { Me } from '@core/api/user';
import type { MemberUnit, TicketActView, TicketCategory, TicketRungView, TicketStatusView, TicketSummary, TicketUrgencyView } from '@core/api/tickets';
import { formatDate } from '../labels';
import type { TicketsT } from './i18n';

export const statusLabel = (t: TicketsT, s: TicketStatusView) => t(`tickets.status.${s}`);
export const actLabel = (t: TicketsT, a: TicketActView) => t(`tickets.act.${a}`);
export const rungLabel = (t: TicketsT, r: TicketRungView) => t(`tickets.rung.${r}`);
export const categoryLabel = (t: TicketsT, c: TicketCategory) => t(`tickets.category.${c}`);
export const urgencyLabel = (t: TicketsT, u: TicketUrgencyView) => t(`tickets.urgency.${u}`);

// The enumerations live once, in core (the contract's schemas use the same lists).
export { TicketStatuses, TicketUrgencies } from '@core/api/tickets';
export const TicketRungs: TicketRungView[] = [0, 1, 2];

/** The status chip's colour: done is green, waiting on someone amber, parked grey. */
export function statusKind(s: TicketStatusView): 'ok' | 'warn' | 'muted' | undefined {
  if (s === 'resolved' || s === 'evaluated' || s === 'closed') return 'ok';
  if (s === 'suspended' || s === 'merged') return 'muted';
  if (s === 'submitted' || s === 'accepted' || s === 'dispatched') return 'warn';
  return undefined;
}

/** "签收期限 2026-11-25": the deadline that matters now. */
export const nextDeadlineText = (t: TicketsT, s: TicketSummary) =>
  s.nextDeadline ? t('tickets.deadline.next', { kind: t(`tickets.deadline.${s.nextDeadline.kind}`), date: formatDate(s.nextDeadline.due, true) }) : '';

export const unitName = (locale: string, u: MemberUnit) => (locale === 'en' && u.nameEn ? u.nameEn : u.name);
/** A ticket's lead unit in the reader's language. */
export const leadUnitLabel = (locale: string, s: { leadUnitName?: string; leadUnitNameEn?: string }) => (locale === 'en' && s.leadUnitNameEn ? s.leadUnitNameEn : s.leadUnitName);

/** Community side: instructors pass on, staff dispatch and run the desk. */
export const isDesk = (me: Me) => me.role === 'staff' || me.role === 'instructor' || me.role === 'admin';
export const isCurator = (me: Me) => me.role === 'staff' || me.role === 'admin';
export const canReadTickets = (me: Me) => isDesk(me) || me.role === 'manager' || me.role === 'unit';

/** This month in Beijing, YYYY-MM. */
export function beijingMonth(now = Date.now()): string {
  const d = new Date(now + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
