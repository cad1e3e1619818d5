import type { SurveyAnswer, SurveyForm, SurveyQuestion } from '@core/api/revisit';
import { answerProblems } from '@core/rules/satisfaction';

export type AnswerProblem = 'required' | 'invalid';

/** What the page holds while the survey is being filled: one draft per question id. */
export type Drafts = Record<string, { choices?: string[]; rating?: number; text?: string }>;

function answerOf(q: SurveyQuestion, d: Drafts[string] | undefined): SurveyAnswer | undefined {
  if (!d) return undefined;
  if (q.kind === 'single' || q.kind === 'multiple') return d.choices?.length ? { questionId: q.id, choices: [...d.choices] } : undefined;
  if (q.kind === 'rating') return d.rating !== undefined ? { questionId: q.id, rating: d.rating } : undefined;
  return d.text?.trim() ? { questionId: q.id, text: d.text.trim() } : undefined;
}

/**
 * The survey's answers, checked by the very rules the server applies (core/rules/satisfaction:
 * REVISIT.ANSWER_INVALID), with each problem on its question: unanswered required questions are
 * 'required', anything else the server would refuse is 'invalid'. Unanswered optional questions
 * are left out; the answers come in the form's order.
 */
export function checkAnswers(form: SurveyForm, drafts: Drafts): { answers: SurveyAnswer[]; problems: Record<string, AnswerProblem> } {
  const answers = form.questions.map((q) => answerOf(q, drafts[q.id])).filter((a): a is SurveyAnswer => !!a);
  const problems: Record<string, AnswerProblem> = {};
  for (const p of answerProblems(form.questions, answers)) {
    const required = /^questions\.(.+)$/.exec(p.path);
    if (required) problems[required[1]] = 'required';
    const at = /^answers\.(\d+)$/.exec(p.path);
    if (at) problems[answers[Number(at[1])].questionId] = 'invalid';
  }
  return { answers, problems };
}

/** Answers given back (an answered survey) as drafts, to show them read-only. */
export function draftsOf(answers: SurveyAnswer[] | undefined): Drafts {
  const drafts: Drafts = {};
  for (const a of answers ?? []) drafts[a.questionId] = { choices: a.choices, rating: a.rating, text: a.text };
  return drafts;
}
