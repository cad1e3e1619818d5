/**
 * Satisfaction rules (function `revisit`), pure: the overall score of a rating, whether it is
 * poor or satisfied, the net-promoter-style score, a survey form's validity, an answer set's
 * validity against the form version it answers, and a response's score. Time is an argument.
 */
import { POOR_SCORE, RatingDimensions, SATISFIED_SCORE, SurveyQuestionKinds, type RatingDimension, type Scores, type SurveyAnswer, type SurveyQuestion } from '../api/revisit';

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

export const MAX_QUESTIONS = 40;
export const MIN_OPTIONS = 2;
export const MAX_OPTIONS = 10;
export const MAX_ANSWER_TEXT = 1000;

const isStar = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 5;

/** The rounded mean of the dimensions (half rounds up: 2.5 → 3), 1–5. */
export function overallScore(scores: Scores): number {
  const values = RatingDimensions.map((d) => scores[d]);
  if (!values.every(isStar)) throw new RangeError('every dimension is an integer 1–5');
  return Math.round(values.reduce((a, b) => a + b, 0) / values.length);
}

export const isPoor = (overall: number) => overall <= POOR_SCORE;

/**
 * Dissatisfied: any dimension at POOR_SCORE or below, whatever the others. An average hid it
 * (办理结果 2★ with two 4★ is 3★ overall), and a bad result must never vanish into a mean: the
 * ticket reopens or staff get a follow-up. Dimensions not rated yet do not count (the rate page
 * asks while the form is being filled).
 */
export function isDissatisfied(scores: Partial<Scores>): boolean {
  return RatingDimensions.some((d) => typeof scores[d] === 'number' && (scores[d] as number) <= POOR_SCORE);
}

/** The dimensions rated POOR_SCORE or below, in the form's order. */
export function poorDimensions(scores: Partial<Scores>): RatingDimension[] {
  return RatingDimensions.filter((d) => typeof scores[d] === 'number' && (scores[d] as number) <= POOR_SCORE);
}
export const isSatisfied = (overall: number) => overall >= SATISFIED_SCORE;

/** Net-promoter-style score of overall ratings: % of 5 minus % of 1–3, rounded, −100…100 (0 when none). */
export function npsOf(counts: { total: number; promoters: number; detractors: number }): number {
  if (counts.total <= 0) return 0;
  return Math.round(((counts.promoters - counts.detractors) * 100) / counts.total);
}

/** Which side of the score an overall rating counts on. */
export function npsSide(overall: number): 'promoter' | 'passive' | 'detractor' {
  if (overall >= 5) return 'promoter';
  if (overall <= 3) return 'detractor';
  return 'passive';
}

/** Share (0–1) rounded to 4 places; 0 of 0 is 0. */
export function share(part: number, total: number): number {
  return total > 0 ? Math.round((part / total) * 10_000) / 10_000 : 0;
}

/** Mean rounded to 2 places; 0 when nothing. */
export function mean(sum: number, count: number): number {
  return count > 0 ? Math.round((sum / count) * 100) / 100 : 0;
}

/** The Asia/Shanghai calendar year and 'YYYY-MM' month of an instant. */
export function beijingYearMonth(at: Date): { year: number; month: string } {
  const ymd = new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return { year: Number(ymd.slice(0, 4)), month: ymd.slice(0, 7) };
}

/** [start, end) of a Beijing calendar year as instants. */
export function beijingYearRange(year: number): { from: Date; to: Date } {
  const y = (n: number) => String(n).padStart(4, '0');
  return { from: new Date(`${y(year)}-01-01T00:00:00+08:00`), to: new Date(`${y(year + 1)}-01-01T00:00:00+08:00`) };
}

/** The twelve 'YYYY-MM' months of a year. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
}

// ---- survey forms ----

export interface Problem {
  /** Where: `questions.3.options` or `title`. */
  path: string;
  problem: string;
}

const filled = (s: unknown): s is string => typeof s === 'string' && s.trim().length > 0;

/** Everything wrong with a form (empty = valid): 1–40 questions with unique ids, choices with 2–10 unique options, zh text everywhere, `scored` only on ratings. */
export function formProblems(form: { title: { zh: string; en?: string }; questions: SurveyQuestion[] }): Problem[] {
  const out: Problem[] = [];
  if (!filled(form.title?.zh)) out.push({ path: 'title', problem: 'a Chinese title is required' });
  const qs = form.questions ?? [];
  if (qs.length < 1 || qs.length > MAX_QUESTIONS) out.push({ path: 'questions', problem: `1–${MAX_QUESTIONS} questions` });
  const seen = new Set<string>();
  qs.forEach((q, i) => {
    const at = `questions.${i}`;
    if (!filled(q.id)) out.push({ path: `${at}.id`, problem: 'an id is required' });
    else if (seen.has(q.id)) out.push({ path: `${at}.id`, problem: `duplicate question id ${q.id}` });
    else seen.add(q.id);
    if (!(SurveyQuestionKinds as readonly string[]).includes(q.kind)) out.push({ path: `${at}.kind`, problem: 'unknown kind' });
    if (!filled(q.text?.zh)) out.push({ path: `${at}.text`, problem: 'the Chinese wording is required' });
    if (q.scored !== undefined && q.kind !== 'rating') out.push({ path: `${at}.scored`, problem: 'only a rating question counts in the score' });
    if (q.kind === 'single' || q.kind === 'multiple') {
      const opts = q.options ?? [];
      if (opts.length < MIN_OPTIONS || opts.length > MAX_OPTIONS) out.push({ path: `${at}.options`, problem: `${MIN_OPTIONS}–${MAX_OPTIONS} options` });
      const ids = new Set<string>();
      opts.forEach((o, j) => {
        if (!filled(o.id) || ids.has(o.id)) out.push({ path: `${at}.options.${j}.id`, problem: 'option ids are required and unique' });
        else ids.add(o.id);
        if (!filled(o.text?.zh)) out.push({ path: `${at}.options.${j}.text`, problem: 'the Chinese wording is required' });
      });
    } else if (q.options !== undefined && q.options.length > 0) {
      out.push({ path: `${at}.options`, problem: 'only single and multiple choice questions have options' });
    }
  });
  return out;
}

/**
 * Everything wrong with an answer set against the questions of the version it answers (empty =
 * valid): every required question answered, each question at most once, no unknown question,
 * choices are option ids (single: exactly one; multiple: one or more, no repeats), a rating is
 * 1–5, a text at most 1000 characters, and each answer carries only its kind's field.
 */
export function answerProblems(questions: SurveyQuestion[], answers: SurveyAnswer[]): Problem[] {
  const out: Problem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const answered = new Set<string>();
  answers.forEach((a, i) => {
    const at = `answers.${i}`;
    const q = byId.get(a.questionId);
    if (!q) return out.push({ path: at, problem: `no question ${a.questionId} in this form` });
    if (answered.has(q.id)) return out.push({ path: at, problem: `question ${q.id} answered twice` });
    answered.add(q.id);
    const stray = (['choices', 'rating', 'text'] as const).filter((k) => a[k] !== undefined && k !== fieldOf(q.kind));
    if (stray.length) out.push({ path: at, problem: `a ${q.kind} answer has no ${stray.join(', ')}` });
    switch (q.kind) {
      case 'single':
      case 'multiple': {
        const choices = a.choices ?? [];
        const ids = new Set((q.options ?? []).map((o) => o.id));
        if (q.kind === 'single' && choices.length !== 1) out.push({ path: at, problem: 'choose exactly one option' });
        if (q.kind === 'multiple' && choices.length < 1) out.push({ path: at, problem: 'choose at least one option' });
        if (new Set(choices).size !== choices.length) out.push({ path: at, problem: 'an option chosen twice' });
        if (choices.some((c) => !ids.has(c))) out.push({ path: at, problem: 'not an option of this question' });
        break;
      }
      case 'rating':
        if (!isStar(a.rating)) out.push({ path: at, problem: 'a rating is 1–5' });
        break;
      case 'text':
        if (typeof a.text !== 'string' || a.text.trim().length === 0) out.push({ path: at, problem: 'the text is empty' });
        else if ([...a.text].length > MAX_ANSWER_TEXT) out.push({ path: at, problem: `at most ${MAX_ANSWER_TEXT} characters` });
        break;
    }
  });
  for (const q of questions) if (q.required && !answered.has(q.id)) out.push({ path: `questions.${q.id}`, problem: 'this question is required' });
  return out;
}

function fieldOf(kind: SurveyQuestion['kind']): 'choices' | 'rating' | 'text' {
  return kind === 'rating' ? 'rating' : kind === 'text' ? 'text' : 'choices';
}

/** The mean of the scored rating answers, rounded to 2 places; undefined when the form scores nothing or none was answered. */
export function responseScore(questions: SurveyQuestion[], answers: SurveyAnswer[]): number | undefined {
  const scored = new Set(questions.filter((q) => q.kind === 'rating' && q.scored).map((q) => q.id));
  const ratings = answers.filter((a) => scored.has(a.questionId) && isStar(a.rating)).map((a) => a.rating as number);
  if (ratings.length === 0) return undefined;
  return mean(ratings.reduce((a, b) => a + b, 0), ratings.length);
}
