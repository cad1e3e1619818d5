import type { ProblemGroup, ProblemItem } from '@core/api/console';
import { byCategory, themeKind } from './problem-groups';

const item = (id: string, enterpriseId: string, at: string): ProblemItem => ({ source: 'ticket', id, enterpriseId, category: 'recruiting', theme: 'recruiting', description: id, status: 'open', at });
const group = (theme: string, items: ProblemItem[], counts: Partial<ProblemGroup> = {}): ProblemGroup => ({ category: 'recruiting', theme, count: items.length, open: items.length, ticketed: 0, resolved: 0, enterprises: 0, items, ...counts });

describe('problem list by category', () => {
  it('one category is one group: themes become counts inside, enterprises counted once, items newest first', () => {
    const groups = byCategory([
      group('recruiting', [item('t1', 'e1', '2026-12-01T00:00:00Z')]),
      group('hr', [item('q1', 'e1', '2026-12-03T00:00:00Z'), item('q2', 'e2', '2026-12-02T00:00:00Z')]),
      { ...group('legal', [item('t9', 'e3', '2026-12-01T00:00:00Z')]), category: 'legal' },
    ]);
    expect(groups.map((g) => [g.category, g.count, g.enterprises])).toEqual([
      ['recruiting', 3, 2],
      ['legal', 1, 1],
    ]);
    expect(groups[0].themes).toEqual([
      { theme: 'hr', count: 2 },
      { theme: 'recruiting', count: 1 },
    ]);
    expect(groups[0].items.map((i) => i.id)).toEqual(['q1', 'q2', 't1']);
  });

  it('names what a theme is: none, a Q&A category, a ticket category, or words', () => {
    expect(themeKind('recruiting', 'recruiting')).toEqual({ kind: 'none' });
    expect(themeKind('recruiting', '')).toEqual({ kind: 'none' });
    expect(themeKind('recruiting', 'hr')).toEqual({ kind: 'qa', key: 'hr' });
    expect(themeKind('finance', 'tax')).toEqual({ kind: 'qa', key: 'tax' });
    expect(themeKind('other', 'permit')).toEqual({ kind: 'ticket', key: 'permit' });
    expect(themeKind('recruiting', '用工')).toEqual({ kind: 'text', text: '用工' });
  });
});
