import type { RevisitActions } from '@core/contract';
import type { Localized, SurveyQuestion, SurveyQuestionKind } from '@core/api/revisit';
import { formProblems } from '@core/rules/satisfaction';
import type { RevisitMessageKey } from './i18n';

/** The next free id with a prefix (q1, q2… / o1, o2…): ids stay stable across versions. */
export function nextId(items: { id: string }[], prefix = 'q'): string {
  const used = items.map((x) => Number(x.id.startsWith(prefix) ? x.id.slice(prefix.length) : NaN)).filter((n) => Number.isInteger(n));
  return `${prefix}${Math.max(0, ...used) + 1}`;
}

/** A blank question of a kind: choices start with two empty options, ratings count in satisfaction. */
export function newQuestion(id: string, kind: SurveyQuestionKind): SurveyQuestion {
  const q: SurveyQuestion = { id, kind, required: kind !== 'text', text: { zh: '', en: '' } };
  if (kind === 'single' || kind === 'multiple') q.options = [1, 2].map((n) => ({ id: `o${n}`, text: { zh: '', en: '' } }));
  if (kind === 'rating') q.scored = true;
  return q;
}

export function moveItem<T>(items: T[], i: number, by: number): T[] {
  const j = i + by;
  if (j < 0 || j >= items.length) return items;
  const next = [...items];
  [next[i], next[j]] = [next[j], next[i]];
  return next;
}

const clean = (l: Localized): Localized => (l.en?.trim() ? { zh: l.zh.trim(), en: l.en.trim() } : { zh: l.zh.trim() });

/** What the server is sent: trimmed wording, no empty English, options only where they belong. */
export function toSaveInput(id: string | undefined, title: Localized, questions: SurveyQuestion[]): RevisitActions['saveForm']['in'] {
  const qs = questions.map((q) => {
    const out: SurveyQuestion = { id: q.id, kind: q.kind, required: q.required, text: clean(q.text) };
    if (q.kind === 'single' || q.kind === 'multiple') out.options = (q.options ?? []).map((o) => ({ id: o.id, text: clean(o.text) }));
    if (q.kind === 'rating') out.scored = !!q.scored;
    return out;
  });
  return id ? { id, title: clean(title), questions: qs } : { title: clean(title), questions: qs };
}

/**
 * What REVISIT.FORM_INVALID would say, found before sending by the server's own rules
 * (core/rules/satisfaction formProblems), as the builder's messages: one per question at most.
 */
export function checkForm(title: Localized, questions: SurveyQuestion[]): Array<{ key: RevisitMessageKey | 'error.REVISIT.FORM_INVALID'; values?: Record<string, number> }> {
  const input = toSaveInput(undefined, title, questions);
  const found = new Map<string, { key: RevisitMessageKey | 'error.REVISIT.FORM_INVALID'; values?: Record<string, number> }>();
  for (const p of formProblems(input)) {
    const q = /^questions\.(\d+)\.(\w+)/.exec(p.path);
    if (p.path === 'title') found.set('title', { key: 'revisit.form.check.title' });
    else if (p.path === 'questions') found.set('questions', { key: 'revisit.form.check.questions' });
    else if (q && q[2] === 'text') found.set(`${q[1]}.text`, { key: 'revisit.form.check.text', values: { n: Number(q[1]) + 1 } });
    else if (q && q[2] === 'options') found.set(`${q[1]}.options`, { key: 'revisit.form.check.options', values: { n: Number(q[1]) + 1 } });
    else found.set('other', { key: 'error.REVISIT.FORM_INVALID' });
  }
  return [...found.values()];
}
