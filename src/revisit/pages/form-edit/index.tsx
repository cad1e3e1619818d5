import { Input, View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { SurveyQuestionKinds, type Localized, type SurveyForm, type SurveyQuestion, type SurveyQuestionKind } from '@core/api/revisit';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, ErrorNote, Loading, PageHead, Toggle } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useRevisitStore } from '../../../store/revisit';
import { RevisitGate } from '../../components/revisit-gate';
import { useLocalized, useRevisitT, type RevisitT } from '../../i18n';
import { canRun } from '../../revisit-labels';
import { checkForm, moveItem, newQuestion, nextId, toSaveInput } from '../../form-builder';
import '../../revisit.css';

/** 编辑问卷: the form builder — questions of four kinds, required, zh + en wording, options; saving makes a new version. */
export default function RevisitFormEditPage() {
  const t = useRevisitT();
  const [id, setId] = useState<string | null>();
  useLoad((q) => setId(q?.id ? decodeURIComponent(q.id) : null));
  return (
    <PageShell titleKey="title.revisitFormEdit" rootProps={{ 'data-testid': 'revisit-form-edit' }}>
      <PageHead title={t(id ? 'title.revisitFormEdit' : 'revisit.forms.new')} subtitle={t('revisit.forms.subtitle')} />
      <RevisitGate allowed={canRun}>{id === undefined ? <Loading /> : id ? <Existing id={id} /> : <Builder />}</RevisitGate>
    </PageShell>
  );
}

function Existing({ id }: { id: string }) {
  const form = useRevisitStore((s) => s.form);
  const load = useRevisitStore((s) => s.loadForm);
  useEffect(() => {
    void load(id);
  }, [load, id]);
  const f = form.key === id ? form.data : undefined;
  // The builder starts from the form as first loaded; a save shows the new version without resetting it.
  const [start, setStart] = useState<SurveyForm>();
  if (f && !start) setStart(f);
  if (!start) return form.status === 'error' ? <ErrorNote error={form.error} onRetry={() => void load(id)} /> : <Loading />;
  return <Builder start={start} />;
}

function Builder({ start }: { start?: SurveyForm }) {
  const t = useRevisitT();
  const text = useLocalized();
  const save = useRevisitStore((s) => s.saveForm);
  const [title, setTitle] = useState<Localized>(start?.title ?? { zh: '', en: '' });
  const [questions, setQuestions] = useState<SurveyQuestion[]>(start?.questions ?? [newQuestion('q1', 'rating')]);
  const [saved, setSaved] = useState<SurveyForm | undefined>(start);
  const [problems, setProblems] = useState<string[]>([]);
  const { busy, error, run } = useWrite();
  const [justSaved, setJustSaved] = useState(false);
  const input = toSaveInput(saved?.id, title, questions);

  const update = (i: number, q: SurveyQuestion) => {
    setQuestions((qs) => qs.map((x, j) => (j === i ? q : x)));
    setJustSaved(false);
  };
  const submit = async () => {
    const found = checkForm(title, questions);
    setProblems(found.map((p) => t(p.key, p.values)));
    if (found.length) return;
    await run(input, async (key) => {
      const f = await save(input, key);
      setSaved(f);
      setJustSaved(true);
    });
  };

  return (
    <View className="revisit-narrow" data-testid="revisit-builder" data-version={saved ? String(saved.version) : ''}>
      <Card>
        <View className="revisit-row__top" style={{ marginBottom: '8px' }}>
          <Badge kind={saved ? 'ok' : 'muted'}>{saved ? t('revisit.form.version', { version: saved.version }) : t('revisit.forms.new')}</Badge>
          <View className="muted">{t('revisit.form.newVersion', { version: (saved?.version ?? 0) + 1 })}</View>
        </View>
        <View>
          <FieldFrame label={t('revisit.form.titleZh')} required>
            <Input className="field__input" value={title.zh} maxlength={100} onInput={(e) => setTitle((x) => ({ ...x, zh: e.detail.value }))} data-testid="revisit-builder-title-zh" />
          </FieldFrame>
          <FieldFrame label={t('revisit.form.titleEn')}>
            <Input className="field__input" value={title.en ?? ''} maxlength={100} onInput={(e) => setTitle((x) => ({ ...x, en: e.detail.value }))} data-testid="revisit-builder-title-en" />
          </FieldFrame>
        </View>
      </Card>
      {questions.map((q, i) => (
        <QuestionEditor
          key={q.id}
          t={t}
          n={i + 1}
          q={q}
          first={i === 0}
          last={i === questions.length - 1}
          onChange={(x) => update(i, x)}
          onMove={(by) => setQuestions((qs) => moveItem(qs, i, by))}
          onRemove={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}
        />
      ))}
      <View className="revisit-actions" style={{ marginBottom: '24px' }}>
        {SurveyQuestionKinds.map((k) => (
          <Btn key={k} small kind="secondary" onClick={() => setQuestions((qs) => [...qs, newQuestion(nextId(qs), k)])} testId={`revisit-builder-add-${k}`}>
            {`+ ${t(`revisit.form.kind.${k}`)}`}
          </Btn>
        ))}
      </View>
      {problems.length ? (
        <View className="error-note" data-testid="revisit-builder-problems">
          {problems.map((p) => (
            <View key={p}>{p}</View>
          ))}
        </View>
      ) : null}
      <ErrorNote error={error} />
      {justSaved && saved ? (
        <View className="success-note" data-testid="revisit-builder-saved">
          {t('revisit.form.saved', { version: saved.version })} {text(saved.title)}
        </View>
      ) : null}
      <Btn busy={busy} onClick={() => void submit()} testId="revisit-builder-save">
        {t('revisit.form.save')}
      </Btn>
    </View>
  );
}

function QuestionEditor({ t, n, q, first, last, onChange, onMove, onRemove }: { t: RevisitT; n: number; q: SurveyQuestion; first: boolean; last: boolean; onChange: (q: SurveyQuestion) => void; onMove: (by: number) => void; onRemove: () => void }) {
  const choice = q.kind === 'single' || q.kind === 'multiple';
  const options = q.options ?? [];
  const setKind = (kind: SurveyQuestionKind) => {
    const next = newQuestion(q.id, kind);
    onChange({ ...next, text: q.text, required: q.required, options: kind === 'single' || kind === 'multiple' ? (options.length ? options : next.options) : undefined });
  };
  const setOption = (i: number, text: Localized) => onChange({ ...q, options: options.map((o, j) => (j === i ? { ...o, text } : o)) });
  return (
    <Card testId={`revisit-builder-q-${n}`}>
      <View className="revisit-builder-q__head">
        <View>
          {t('revisit.form.question', { n })}
          <Badge kind="muted">{t(`revisit.form.kind.${q.kind}`)}</Badge>
        </View>
        <View className="revisit-actions">
          {!first ? (
            <Btn small kind="ghost" onClick={() => onMove(-1)} testId={`revisit-builder-q-${n}-up`}>
              {t('revisit.form.up')}
            </Btn>
          ) : null}
          {!last ? (
            <Btn small kind="ghost" onClick={() => onMove(1)} testId={`revisit-builder-q-${n}-down`}>
              {t('revisit.form.down')}
            </Btn>
          ) : null}
          <Btn small kind="danger" onClick={onRemove} testId={`revisit-builder-q-${n}-remove`}>
            {t('revisit.form.remove')}
          </Btn>
        </View>
      </View>
      <View style={{ marginBottom: '16px' }}>
        <Chips<SurveyQuestionKind> options={SurveyQuestionKinds.map((k) => ({ value: k, label: t(`revisit.form.kind.${k}`), testId: `revisit-builder-q-${n}-kind-${k}` }))} value={q.kind} onChange={setKind} />
      </View>
      <View>
        <FieldFrame label={t('revisit.form.textZh')} required>
          <Input className="field__input" value={q.text.zh} maxlength={300} onInput={(e) => onChange({ ...q, text: { ...q.text, zh: e.detail.value } })} data-testid={`revisit-builder-q-${n}-zh`} />
        </FieldFrame>
        <FieldFrame label={t('revisit.form.textEn')}>
          <Input className="field__input" value={q.text.en ?? ''} maxlength={300} onInput={(e) => onChange({ ...q, text: { ...q.text, en: e.detail.value } })} data-testid={`revisit-builder-q-${n}-en`} />
        </FieldFrame>
      </View>
      {choice
        ? options.map((o, i) => (
            <View key={o.id} className="revisit-option-edit">
              <View className="revisit-option-edit__texts">
                <Input className="field__input" value={o.text.zh} maxlength={100} placeholder={t('revisit.form.optionZh', { n: i + 1 })} onInput={(e) => setOption(i, { ...o.text, zh: e.detail.value })} data-testid={`revisit-builder-q-${n}-o-${i + 1}-zh`} />
                <Input className="field__input" value={o.text.en ?? ''} maxlength={100} placeholder={t('revisit.form.optionEn', { n: i + 1 })} onInput={(e) => setOption(i, { ...o.text, en: e.detail.value })} data-testid={`revisit-builder-q-${n}-o-${i + 1}-en`} />
              </View>
              {options.length > 2 ? (
                <Btn small kind="ghost" onClick={() => onChange({ ...q, options: options.filter((_, j) => j !== i) })} testId={`revisit-builder-q-${n}-o-${i + 1}-remove`}>
                  {t('revisit.form.remove')}
                </Btn>
              ) : null}
            </View>
          ))
        : null}
      {choice && options.length < 10 ? (
        <Btn small kind="ghost" onClick={() => onChange({ ...q, options: [...options, { id: nextId(options, 'o'), text: { zh: '', en: '' } }] })} testId={`revisit-builder-q-${n}-add-option`}>
          {`+ ${t('revisit.form.addOption')}`}
        </Btn>
      ) : null}
      <View className="revisit-checkbox-row">
        <Toggle on={q.required} onChange={(on) => onChange({ ...q, required: on })} label={t('revisit.form.required')} testId={`revisit-builder-q-${n}-required`} />
        {q.kind === 'rating' ? <Toggle on={!!q.scored} onChange={(on) => onChange({ ...q, scored: on })} label={t('revisit.form.scored')} testId={`revisit-builder-q-${n}-scored`} /> : null}
      </View>
    </Card>
  );
}
