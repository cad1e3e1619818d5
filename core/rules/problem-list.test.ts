import type { Figures } from './figures';
import { QaCategories } from '../api/qa';
import { TicketCategories } from '../api/tickets';
import { problemCategoryOfQuestion, problemSummaryOf, questionProblemStatus, ticketProblemStatus, visitProblemStatus } from './problem-list';

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

  it('sums the daily figures into the summary per category: questions by their mapped category, demands by status', () => {
    const days: Figures[] = [
      { 'q.tax.asked': 2, 'q.tax.answered': 1, 'q.accounting.asked': 1, 'q.hr.asked': 3, 'q.hr.onTime': 2, 't.finance.s.resolved': 1, 't.finance.u.normal': 1, 'c.lawyer.booked': 4, 'e.ent-1': 2 },
      { 'q.hr.answered': 2, 't.recruiting.s.submitted': 2, 't.recruiting.s.closed': 1, 't.recruiting.r1': 1, 's.ticket.recruiting.n': 1 },
    ];
    expect(problemSummaryOf(days)).toEqual([
      { category: 'recruiting', questions: 3, answered: 2, demands: 3, done: 1 },
      { category: 'finance', questions: 3, answered: 1, demands: 1, done: 1 },
    ]);
    expect(problemSummaryOf(days, 'recruiting')).toEqual([{ category: 'recruiting', questions: 3, answered: 2, demands: 3, done: 1 }]);
    expect(problemSummaryOf([])).toEqual([]);
  });
});
