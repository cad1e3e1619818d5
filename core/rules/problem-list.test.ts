import type { ProblemItem } from '../api/console';
import { QaCategories } from '../api/qa';
import { TicketCategories } from '../api/tickets';
import { groupProblems, problemCategoryOfQuestion, questionProblemStatus, ticketProblemStatus, visitProblemStatus } from './problem-list';

const item = (over: Partial<ProblemItem>): ProblemItem => ({
  source: 'visit',
  id: 'x',
  category: 'recruiting',
  theme: '用工',
  description: 'd',
  status: 'open',
  at: '2026-11-01T00:00:00.000Z',
  ...over,
});

describe('problem list rules', () => {
  it('maps every Q&A category to a ticket category', () => {
    for (const c of QaCategories) expect(TicketCategories).toContain(problemCategoryOfQuestion(c));
    expect(problemCategoryOfQuestion('legal')).toBe('legal');
    expect(problemCategoryOfQuestion('tax')).toBe('finance');
    expect(problemCategoryOfQuestion('accounting')).toBe('finance');
    expect(problemCategoryOfQuestion('hr')).toBe('recruiting');
    expect(problemCategoryOfQuestion('policy')).toBe('subsidy');
    expect(problemCategoryOfQuestion('safety_env')).toBe('environment');
    expect(problemCategoryOfQuestion('life')).toBe('other');
  });

  it('derives statuses', () => {
    expect(ticketProblemStatus('submitted')).toBe('ticketed');
    expect(ticketProblemStatus('suspended')).toBe('ticketed');
    for (const s of ['resolved', 'evaluated', 'closed', 'merged'] as const) expect(ticketProblemStatus(s)).toBe('resolved');
    expect(questionProblemStatus('open')).toBe('open');
    expect(questionProblemStatus('claimed', undefined, true)).toBe('ticketed');
    expect(questionProblemStatus('claimed', 'closed', true)).toBe('resolved');
    expect(questionProblemStatus('answered')).toBe('resolved');
    expect(visitProblemStatus('open')).toBe('open');
    expect(visitProblemStatus('ticketed', 'in_progress')).toBe('ticketed');
    expect(visitProblemStatus('ticketed', 'evaluated')).toBe('resolved');
    expect(visitProblemStatus('ticketed')).toBe('ticketed');
  });

  it('groups by category and theme with counts by status and distinct enterprises, sorted by count', () => {
    const groups = groupProblems([
      item({ id: 'a', enterpriseId: 'e1', status: 'open', at: '2026-11-01T00:00:00.000Z' }),
      item({ id: 'b', enterpriseId: 'e1', status: 'ticketed', at: '2026-11-03T00:00:00.000Z' }),
      item({ id: 'c', enterpriseId: 'e2', status: 'resolved', at: '2026-11-02T00:00:00.000Z' }),
      item({ id: 'd', source: 'question', category: 'finance', theme: 'tax', enterpriseId: 'e3' }),
      item({ id: 'e', source: 'question', category: 'finance', theme: 'accounting' }),
      item({ id: 'f', source: 'ticket', category: 'finance', theme: 'tax', enterpriseId: 'e3', status: 'resolved' }),
      item({ id: 'g', category: 'recruiting', theme: '招聘' }),
    ]);
    expect(groups.map((g) => [g.category, g.theme, g.count, g.open, g.ticketed, g.resolved, g.enterprises])).toEqual([
      ['recruiting', '用工', 3, 1, 1, 1, 2],
      ['finance', 'tax', 2, 1, 0, 1, 1],
      ['finance', 'accounting', 1, 1, 0, 0, 0],
      ['recruiting', '招聘', 1, 1, 0, 0, 0],
    ]);
    expect(groups[0].items.map((i) => i.id)).toEqual(['b', 'c', 'a']);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(7);
    expect(groupProblems([])).toEqual([]);
  });
});
