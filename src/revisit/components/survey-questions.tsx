import { View } from '@tarojs/components';
import type { SurveyForm, SurveyQuestion } from '@core/api/revisit';
import { FieldFrame } from '../../components/field';
import { useLocalized, useRevisitT } from '../i18n';
import type { AnswerProblem, Drafts } from '../survey-answers';
import { Stars } from './stars';
import { TextArea } from '../../components/text-area';

/**
 * A survey's questions in the reader's language (English when the form has it, else Chinese):
 * single / multiple choice as chips, ratings as stars, free text. Read-only without onChange
 * (an answered survey).
 */
export function SurveyQuestions({ form, drafts, problems = {}, onChange }: { form: SurveyForm; drafts: Drafts; problems?: Record<string, AnswerProblem>; onChange?: (id: string, d: Drafts[string]) => void }) {
  const t = useRevisitT();
  return (
    <View data-testid="survey-questions">
      {form.questions.map((q, i) => (
        <Question key={q.id} n={i + 1} q={q} draft={drafts[q.id] ?? {}} problem={problems[q.id]} onChange={onChange ? (d) => onChange(q.id, d) : undefined} t={t} />
      ))}
    </View>
  );
}

function Question({ n, q, draft, problem, onChange, t }: { n: number; q: SurveyQuestion; draft: Drafts[string]; problem?: AnswerProblem; onChange?: (d: Drafts[string]) => void; t: ReturnType<typeof useRevisitT> }) {
  const text = useLocalized();
  const readOnly = !onChange;
  const choices = draft.choices ?? [];
  const toggle = (id: string) => {
    if (!onChange) return;
    if (q.kind === 'single') onChange({ choices: [id] });
    else onChange({ choices: choices.includes(id) ? choices.filter((c) => c !== id) : [...choices, id] });
  };
  const empty = readOnly && !choices.length && draft.rating === undefined && !draft.text;
  return (
    <View className="revisit-question" data-testid={`survey-q-${q.id}`} data-kind={q.kind} data-problem={problem ?? ''}>
      <FieldFrame label={`${n}. ${text(q.text)}`} required={q.required} hint={q.kind === 'multiple' && !readOnly ? t('revisit.survey.multipleHint') : undefined} error={problem ? t(`revisit.survey.problem.${problem}`) : undefined}>
        {empty ? <View className="muted">{t('revisit.survey.noAnswer')}</View> : null}
        {(q.kind === 'single' || q.kind === 'multiple') && !empty ? (
          <View className="chips revisit-options">
            {(q.options ?? [])
              .filter((o) => !readOnly || choices.includes(o.id))
              .map((o) => (
                <View
                  key={o.id}
                  className={`chip revisit-option${choices.includes(o.id) ? ' chip--on' : ''}`}
                  onClick={() => toggle(o.id)}
                  data-testid={`survey-q-${q.id}-${o.id}`}
                  data-selected={choices.includes(o.id) ? 'true' : 'false'}
                  role={q.kind === 'single' ? 'radio' : 'checkbox'}
                  aria-checked={choices.includes(o.id) ? 'true' : 'false'}
                >
                  {text(o.text)}
                </View>
              ))}
          </View>
        ) : null}
        {q.kind === 'rating' && !empty ? <Stars value={draft.rating} onChange={onChange ? (r) => onChange({ rating: r }) : undefined} testId={`survey-q-${q.id}-stars`} /> : null}
        {q.kind === 'text' && !empty ? (
          readOnly ? (
            <View className="revisit-text">{draft.text}</View>
          ) : (
            <TextArea value={draft.text ?? ''} onInput={(v) => onChange!({ text: v })} placeholder={t('revisit.survey.textPlaceholder')} testId={`survey-q-${q.id}-text`} />
          )
        ) : null}
      </FieldFrame>
    </View>
  );
}
