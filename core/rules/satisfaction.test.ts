import type { SurveyQuestion } from '../api/revisit';
import { answerProblems, beijingYearMonth, beijingYearRange, formProblems, isDissatisfied, isPoor, isSatisfied, npsOf, npsSide, overallScore, poorDimensions, responseScore, share } from './satisfaction';

describe('overall score: the rounded mean of speed, attitude and result', () => {
  it.each([
    [{ speed: 5, attitude: 5, result: 5 }, 5],
    [{ speed: 1, attitude: 1, result: 1 }, 1],
    [{ speed: 2, attitude: 2, result: 3 }, 2], // 2.33
    [{ speed: 2, attitude: 3, result: 3 }, 3], // 2.67
    [{ speed: 1, attitude: 2, result: 5 }, 3], // 2.67
    [{ speed: 4, attitude: 4, result: 5 }, 4], // 4.33
    [{ speed: 3, attitude: 4, result: 5 }, 4],
  ])('%j → %i', (scores, overall) => {
    expect(overallScore(scores)).toBe(overall);
  });

  it('refuses a star outside 1–5 or a fraction', () => {
    expect(() => overallScore({ speed: 0, attitude: 3, result: 3 })).toThrow(RangeError);
    expect(() => overallScore({ speed: 6, attitude: 3, result: 3 })).toThrow(RangeError);
    expect(() => overallScore({ speed: 2.5, attitude: 3, result: 3 })).toThrow(RangeError);
  });

  it('any dimension at 2 or below is dissatisfied, whatever the mean', () => {
    expect(isDissatisfied({ speed: 4, attitude: 3, result: 2 })).toBe(true);
    expect(isDissatisfied({ speed: 5, attitude: 5, result: 2 })).toBe(true);
    expect(isDissatisfied({ speed: 1, attitude: 5, result: 5 })).toBe(true);
    expect(isDissatisfied({ speed: 3, attitude: 3, result: 3 })).toBe(false);
    expect(isDissatisfied({ speed: 5 })).toBe(false);
    expect(isDissatisfied({ attitude: 2 })).toBe(true);
    expect(poorDimensions({ speed: 2, attitude: 4, result: 1 })).toEqual(['speed', 'result']);
  });

  it('2 and below is poor, 4 and above satisfied', () => {
    expect([1, 2, 3, 4, 5].map(isPoor)).toEqual([true, true, false, false, false]);
    expect([1, 2, 3, 4, 5].map(isSatisfied)).toEqual([false, false, false, true, true]);
  });
});

describe('net-promoter-style score', () => {
  it('is % of 5 minus % of 1–3', () => {
    expect([1, 2, 3, 4, 5].map(npsSide)).toEqual(['detractor', 'detractor', 'detractor', 'passive', 'promoter']);
    expect(npsOf({ total: 10, promoters: 6, detractors: 2 })).toBe(40);
    expect(npsOf({ total: 3, promoters: 0, detractors: 3 })).toBe(-100);
    expect(npsOf({ total: 3, promoters: 1, detractors: 0 })).toBe(33);
    expect(npsOf({ total: 0, promoters: 0, detractors: 0 })).toBe(0);
  });
  it('shares round to 4 places', () => {
    expect(share(2, 3)).toBe(0.6667);
    expect(share(0, 0)).toBe(0);
  });
});

describe('Beijing year and month', () => {
  it('reads the calendar in UTC+8 whatever the process TZ', () => {
    expect(beijingYearMonth(new Date('2025-12-31T16:30:00Z'))).toEqual({ year: 2026, month: '2026-01' });
    expect(beijingYearMonth(new Date('2025-12-31T15:59:59Z'))).toEqual({ year: 2025, month: '2025-12' });
    const r = beijingYearRange(2026);
    expect(r.from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(r.to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
  });
});

const opts = (...ids: string[]) => ids.map((id) => ({ id, text: { zh: `选项${id}`, en: `Option ${id}` } }));
const FORM: SurveyQuestion[] = [
  { id: 'q1', kind: 'rating', required: true, scored: true, text: { zh: '总体满意度' } },
  { id: 'q2', kind: 'rating', required: false, scored: true, text: { zh: '办理速度' } },
  { id: 'q3', kind: 'multiple', required: true, text: { zh: '使用过的服务' }, options: opts('a', 'b', 'c') },
  { id: 'q4', kind: 'single', required: true, text: { zh: '是否推荐' }, options: opts('yes', 'no') },
  { id: 'q5', kind: 'text', required: false, text: { zh: '建议' } },
  { id: 'q6', kind: 'rating', required: false, text: { zh: '不计分的评分' } },
];

describe('form validity', () => {
  it('accepts a well-formed form', () => {
    expect(formProblems({ title: { zh: '年度回访' }, questions: FORM })).toEqual([]);
  });
  it('names each problem', () => {
    const paths = (questions: SurveyQuestion[], title = { zh: '年度回访' }) => formProblems({ title, questions }).map((p) => p.path);
    expect(paths([])).toEqual(['questions']);
    expect(paths(Array.from({ length: 41 }, (_, i) => ({ id: `q${i}`, kind: 'text' as const, required: false, text: { zh: '问' } })))).toEqual(['questions']);
    expect(paths([FORM[0], { ...FORM[1], id: 'q1' }])).toEqual(['questions.1.id']);
    expect(paths([{ ...FORM[3], options: opts('yes') }])).toEqual(['questions.0.options']);
    expect(paths([{ ...FORM[3], options: opts(...'abcdefghijk'.split('')) }])).toEqual(['questions.0.options']);
    expect(paths([{ ...FORM[3], options: opts('a', 'a') }])).toEqual(['questions.0.options.1.id']);
    expect(paths([{ ...FORM[4], scored: true }])).toEqual(['questions.0.scored']);
    expect(paths([{ ...FORM[4], text: { zh: ' ', en: 'Suggestions' } }])).toEqual(['questions.0.text']);
    expect(paths([FORM[0]], { zh: '' })).toEqual(['title']);
  });
});

describe('answers against their form version', () => {
  const good = [
    { questionId: 'q1', rating: 4 },
    { questionId: 'q3', choices: ['a', 'c'] },
    { questionId: 'q4', choices: ['yes'] },
  ];
  it('accepts the required ones alone, and the optional ones too', () => {
    expect(answerProblems(FORM, good)).toEqual([]);
    expect(answerProblems(FORM, [...good, { questionId: 'q2', rating: 1 }, { questionId: 'q5', text: '很好' }])).toEqual([]);
  });
  it.each([
    ['a required question missing', good.slice(1), 'questions.q1'],
    ['a rating of 6', [{ questionId: 'q1', rating: 6 }, ...good.slice(1)], 'answers.0'],
    ['two choices on a single', [...good.slice(0, 2), { questionId: 'q4', choices: ['yes', 'no'] }], 'answers.2'],
    ['no choice on a multiple', [good[0], { questionId: 'q3', choices: [] }, good[2]], 'answers.1'],
    ['an unknown option', [good[0], { questionId: 'q3', choices: ['z'] }, good[2]], 'answers.1'],
    ['an unknown question', [...good, { questionId: 'q9', text: 'x' }], 'answers.3'],
    ['a question twice', [...good, { questionId: 'q1', rating: 3 }], 'answers.3'],
    ['a text of 1001 characters', [...good, { questionId: 'q5', text: '好'.repeat(1001) }], 'answers.3'],
    ['a rating with a text', [{ questionId: 'q1', rating: 4, text: 'x' }, ...good.slice(1)], 'answers.0'],
  ])('refuses %s', (_what, answers, path) => {
    expect(answerProblems(FORM, answers).map((p) => p.path)).toContain(path);
  });
  it('a text of exactly 1000 characters is fine', () => {
    expect(answerProblems(FORM, [...good, { questionId: 'q5', text: '好'.repeat(1000) }])).toEqual([]);
  });
});

describe('response score: the mean of the scored ratings', () => {
  it('ignores unscored ratings and unanswered ones', () => {
    expect(responseScore(FORM, [{ questionId: 'q1', rating: 2 }, { questionId: 'q2', rating: 1 }, { questionId: 'q6', rating: 5 }])).toBe(1.5);
    expect(responseScore(FORM, [{ questionId: 'q1', rating: 4 }])).toBe(4);
    expect(responseScore(FORM, [{ questionId: 'q6', rating: 4 }])).toBeUndefined();
  });
});
