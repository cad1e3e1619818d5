/** What a problem's theme is, for the problem list to name it in the reader's words. */
import { QaCategories, type QaCategory } from '@core/api/qa';
import { TicketCategories, type TicketCategory } from '@core/api/tickets';

export type ThemeKind = { kind: 'none' } | { kind: 'ticket'; key: TicketCategory } | { kind: 'qa'; key: QaCategory } | { kind: 'text'; text: string };

/** What a theme is: the category's own key (no theme), another category key, a Q&A category key, or words staff wrote. */
export function themeKind(category: TicketCategory, theme: string): ThemeKind {
  if (!theme || theme === category) return { kind: 'none' };
  if ((QaCategories as readonly string[]).includes(theme)) return { kind: 'qa', key: theme as QaCategory };
  if ((TicketCategories as readonly string[]).includes(theme)) return { kind: 'ticket', key: theme as TicketCategory };
  return { kind: 'text', text: theme };
}
