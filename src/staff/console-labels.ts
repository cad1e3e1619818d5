import type { EnterpriseTimelineItem, ExportKind, ProblemStatus } from '@core/api/console';
import type { QaCategory } from '@core/api/qa';
import type { TicketCategory, TicketStatusView } from '@core/api/tickets';
import type { ConsoleMessageKey, ConsoleT } from './i18n';

export const categoryLabel = (t: ConsoleT, c: TicketCategory) => t(`console.category.${c}` as ConsoleMessageKey);
export const qaCategoryLabel = (t: ConsoleT, c: QaCategory) => t(`console.qaCategory.${c}` as ConsoleMessageKey);
export const ticketStatusLabel = (t: ConsoleT, s: TicketStatusView) => t(`console.ticketStatus.${s}` as ConsoleMessageKey);
export const problemStatusLabel = (t: ConsoleT, s: ProblemStatus) => t(`console.problemStatus.${s}` as ConsoleMessageKey);
export const exportKindLabel = (t: ConsoleT, k: ExportKind) => t(`console.exports.kind.${k}` as ConsoleMessageKey);
export const problemStatusKind = (s: ProblemStatus): 'ok' | 'warn' | undefined => (s === 'resolved' ? 'ok' : s === 'open' ? 'warn' : undefined);

/** A timeline item's status in its own vocabulary; an unknown one shows as it came. */
export function timelineStatusLabel(t: ConsoleT, item: EnterpriseTimelineItem): string | undefined {
  if (!item.status) return undefined;
  const ns = item.kind === 'ticket' ? 'ticketStatus' : item.kind === 'question' ? 'questionStatus' : item.kind === 'consultation' ? 'consultationStatus' : undefined;
  if (!ns) return undefined;
  const key = `console.${ns}.${item.status}`;
  const text = t(key as ConsoleMessageKey);
  return text === key ? item.status : text;
}

/** The page that shows a timeline item, where one exists. */
export function timelineUrl(item: EnterpriseTimelineItem): string | undefined {
  const id = encodeURIComponent(item.id);
  switch (item.kind) {
    case 'visit':
      return `/staff/pages/visit/index?id=${id}`;
    case 'question':
      return `/qa/pages/detail/index?id=${id}`;
    case 'ticket':
      return `/tickets/pages/detail/index?id=${id}`;
    default:
      return undefined;
  }
}

export const ticketUrl = (id: string) => `/tickets/pages/detail/index?id=${encodeURIComponent(id)}`;

export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
