import type { SurveyForm } from '@core/api/revisit';
import { checkForm, moveItem, newQuestion, nextId, toSaveInput } from './form-builder';
import { checkAnswers, draftsOf } from './survey-answers';

const form: SurveyForm = {
  id: 'f1',
  title: { zh: '年度回访', en: 'Yearly revisit' },
  version: 1,
  updatedAt: '2026-11-01T00:00:00Z',
  questions: [
    { id: 'q1', kind: 'rating', required: true, scored: true, text: { zh: '总体满意度' } },
    { id: 'q2', kind: 'single', required: true, text: { zh: '最满意的服务' }, options: [{ id: 'o1', text: { zh: '企业诉求' } }, { id: 'o2', text: { zh: '三师坐诊' } }] },
    { id: 'q3', kind: 'multiple', required: false, text: { zh: '希望增加' }, options: [{ id: 'o1', text: { zh: '政策宣讲' } }, { id: 'o2', text: { zh: '招聘会' } }] },
    { id: 'q4', kind: 'text', required: false, text: { zh: '建议' } },
  ],
};

describe('survey answers, checked as the server checks them', () => {
  it('nothing answered: each required question says so; optional ones do not', () => {
    expect(checkAnswers(form, {}).problems).toEqual({ q1: 'required', q2: 'required' });
  });

  it('a complete set: the answers in the form’s order, blanks left out, text trimmed', () => {
    const r = checkAnswers(form, { q4: { text: '  多办招聘会 ' }, q2: { choices: ['o2'] }, q1: { rating: 4 }, q3: { choices: [] } });
    expect(r.problems).toEqual({});
    expect(r.answers).toEqual([
      { questionId: 'q1', rating: 4 },
      { questionId: 'q2', choices: ['o2'] },
      { questionId: 'q4', text: '多办招聘会' },
    ]);
  });

  it('what the server would refuse is marked on its question: an unknown option, two for single choice, a rating out of range, text too long', () => {
    const r = checkAnswers(form, { q1: { rating: 6 }, q2: { choices: ['o1', 'o2'] }, q3: { choices: ['o9'] }, q4: { text: '长'.repeat(1001) } });
    expect(r.problems).toEqual({ q1: 'invalid', q2: 'invalid', q3: 'invalid', q4: 'invalid' });
  });

  it('answers given back become drafts to show read-only', () => {
    expect(draftsOf([{ questionId: 'q1', rating: 5 }])).toEqual({ q1: { choices: undefined, rating: 5, text: undefined } });
  });
});

describe('the form builder', () => {
  it('new ids follow the highest one, so ids stay stable across versions', () => {
    expect(nextId([{ id: 'q1' }, { id: 'q7' }])).toBe('q8');
    expect(nextId([], 'o')).toBe('o1');
  });

  it('moves a question up or down and not past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('sends trimmed wording, no blank English, options only on choices, scored only on ratings', () => {
    const q = { ...newQuestion('q1', 'single'), text: { zh: ' 满意吗 ', en: ' ' } };
    q.options = [
      { id: 'o1', text: { zh: '是', en: 'Yes' } },
      { id: 'o2', text: { zh: '否', en: '' } },
    ];
    expect(toSaveInput('f1', { zh: '问卷', en: '' }, [q, { ...newQuestion('q2', 'rating'), text: { zh: '打分' } }])).toEqual({
      id: 'f1',
      title: { zh: '问卷' },
      questions: [
        { id: 'q1', kind: 'single', required: true, text: { zh: '满意吗' }, options: [{ id: 'o1', text: { zh: '是', en: 'Yes' } }, { id: 'o2', text: { zh: '否' } }] },
        { id: 'q2', kind: 'rating', required: true, scored: true, text: { zh: '打分' } },
      ],
    });
  });

  it('says what the server would refuse, by question number', () => {
    expect(checkForm({ zh: '' }, [])).toEqual([{ key: 'revisit.form.check.title' }, { key: 'revisit.form.check.questions' }]);
    const blank = newQuestion('q1', 'single');
    expect(checkForm({ zh: '问卷' }, [{ ...newQuestion('q2', 'text'), text: { zh: '建议' } }, blank])).toEqual([
      { key: 'revisit.form.check.text', values: { n: 2 } },
      { key: 'revisit.form.check.options', values: { n: 2 } },
    ]);
  });
});
