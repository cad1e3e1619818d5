import type { ProblemGroup, ProblemItem } from '@core/api/console';
import { QaCategories, type QaCategory } from '@core/api/qa';
import { TicketCategories, type TicketCategory } from '@core/api/tickets';

/** One category of the problem list: its themes (with counts) and its items, newest first. */
export interface CategoryGroup {
  category: TicketCategory;
  count: number;
  open: number;
  ticketed: number;
  resolved: number;
  enterprises: number;
  themes: { theme: string; count: number }[];
  items: ProblemItem[];
}

/**
 * The server groups by category + theme; a reader expects one group per category (a ticket's theme
 * is its category key, a question's its Q&A category, so 招聘用工 came in two groups). Themes stay
 * as counts inside the group. Distinct enterprises are counted again across the merged groups.
 */
export function byCategory(groups: readonly ProblemGroup[]): CategoryGroup[] {
  const out = new Map<TicketCategory, CategoryGroup & { ents: Set<string> }>();
  for (const g of groups) {
    let c = out.get(g.category);
    if (!c) {
      c = { category: g.category, count: 0, open: 0, ticketed: 0, resolved: 0, enterprises: 0, themes: [], items: [], ents: new Set() };
      out.set(g.category, c);
    }
    c.count += g.count;
    c.open += g.open;
    c.ticketed += g.ticketed;
    c.resolved += g.resolved;
    c.themes.push({ theme: g.theme, count: g.count });
    for (const i of g.items) {
      c.items.push(i);
      if (i.enterpriseId) c.ents.add(i.enterpriseId);
    }
  }
  return [...out.values()]
    .map(({ ents, ...c }) => ({
      ...c,
      enterprises: ents.size,
      themes: [...c.themes].sort((a, b) => b.count - a.count || (a.theme < b.theme ? -1 : 1)),
      items: [...c.items].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)),
    }))
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
}

export type ThemeKind = { kind: 'none' } | { kind: 'ticket'; key: TicketCategory } | { kind: 'qa'; key: QaCategory } | { kind: 'text'; text: string };

/** What a theme is: the category's own key (no theme), another category key, a Q&A category key, or words staff wrote. */
export function themeKind(category: TicketCategory, theme: string): ThemeKind {
  if (!theme || theme === category) return { kind: 'none' };
  if ((QaCategories as readonly string[]).includes(theme)) return { kind: 'qa', key: theme as QaCategory };
  if ((TicketCategories as readonly string[]).includes(theme)) return { kind: 'ticket', key: theme as TicketCategory };
  return { kind: 'text', text: theme };
}
