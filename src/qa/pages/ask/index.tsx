import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { QaCategory } from '@core/api/qa';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, ErrorNote, PageHead, Toggle } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useQaT } from '../../i18n';
import { useAppStore } from '../../../store';
import { MAX_PHOTOS, PhotosPendingError, useQaStore } from '../../../store/qa';
import { CategoryChips } from '../../components/category-chips';
import { PhotoPicker } from '../../components/photo-picker';
import { TextArea } from '../../../components/text-area';
import { categoryLabel, faqText } from '../../qa-labels';
import '../../qa.css';
import { askConsentAt } from '../../../components/consent-text';
import { ConsentAt } from '../../../services/subscribe';
import { qaContract } from '@core/contract/qa';
import { checkForm } from '../../../forms/check';
import { useFieldMessage } from '../../../forms/i18n';

const MIN_TITLE = 4;

/** 我要提问: the form, with FAQ entries like the text being typed shown before submitting. */
export default function AskPage() {
  const t = useQaT();
  const locale = useAppStore((s) => s.locale);
  const similar = useQaStore((s) => s.similar);
  const typeSimilar = useQaStore((s) => s.typeSimilar);
  const photos = useQaStore((s) => s.drafts.ask) ?? [];
  const ask = useQaStore((s) => s.ask);
  const clearDraft = useQaStore((s) => s.clearDraft);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<QaCategory>();
  const [anonymous, setAnonymous] = useState(false);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useWrite();
  const [pending, setPending] = useState(false);

  const input = { title: title.trim(), description: description.trim(), category: category as QaCategory, anonymous };
  // The server's own schema (core/contract/qa.ts), plus the form's own stricter title length.
  const check = checkForm(qaContract.actions.ask.input, input);
  const problems = check.ok ? {} : check.fields;
  const message = useFieldMessage();
  const valid = { title: input.title.length >= MIN_TITLE && !problems.title, description: !problems.description, category: !problems.category };

  // A fresh form: no suggestions or photos left from an earlier visit.
  useEffect(() => {
    typeSimilar('');
    clearDraft('ask');
  }, []);

  const onTitle = (v: string) => {
    setTitle(v);
    typeSimilar(`${v} ${description}`);
  };
  const onDescription = (v: string) => {
    setDescription(v);
    typeSimilar(`${title} ${v}`);
  };

  const submit = async () => {
    setTried(true);
    setPending(false);
    if (!check.ok || !Object.values(valid).every(Boolean)) return;
    await askConsentAt(ConsentAt.ask);
    await run(
      { input, photos: photos.map((p) => p.fileID ?? p.localId) },
      async (key) => {
        const q = await ask(input, key);
        await Taro.redirectTo({ url: `/qa/pages/detail/index?id=${encodeURIComponent(q.id)}` });
      },
      // Photos still uploading: a note of its own, not an error.
      (_err, thrown) => thrown instanceof PhotosPendingError && (setPending(true), true),
    );
  };

  return (
    <PageShell titleKey="title.qaAsk" rootProps={{ 'data-testid': 'qa-ask' }}>
      <PageHead title={t('qaNav.ask')} subtitle={t('qa.ask.subtitle')} />
      <Card>
        <Field
          label={t('qa.ask.title')}
          value={title}
          onInput={onTitle}
          placeholder={t('qa.ask.title.placeholder')}
          required
          maxlength={60}
          error={tried && !valid.title ? (input.title.length < MIN_TITLE ? t('qa.ask.tooShort', { n: MIN_TITLE }) : message(problems.title)) : undefined}
          testId="qa-title"
        />
        <FieldFrame label={t('qa.ask.description')} required error={tried ? message(problems.description) : undefined}>
          <TextArea value={description} onInput={onDescription} placeholder={t('qa.ask.description.placeholder')} testId="qa-description" maxlength={2000} look="medium" />
        </FieldFrame>
        {similar.items.length ? (
          <Card className="qa-similar" title={t('qa.ask.similar')} testId="qa-similar">
            <View className="muted">{t('qa.ask.similar.hint')}</View>
            {similar.items.map((f) => (
              <View
                key={f.id}
                className="qa-similar__item"
                hoverClass="btn--hover"
                data-testid="qa-similar-item"
                data-id={f.id}
                onClick={() => void Taro.navigateTo({ url: `/qa/pages/faq-detail/index?id=${encodeURIComponent(f.id)}` })}
              >
                <View className="list-item__title">{faqText(locale, f.question)}</View>
                <View className="list-item__meta">
                  {categoryLabel(t, f.category)} · {faqText(locale, f.answer).slice(0, 60)}
                  {faqText(locale, f.answer).length > 60 ? '…' : ''}
                </View>
              </View>
            ))}
          </Card>
        ) : null}
        <FieldFrame label={t('qa.ask.category')} required error={tried ? message(problems.category, { choice: true }) : undefined}>
          <CategoryChips value={category} onChange={setCategory} testId="qa-category" />
        </FieldFrame>
        <FieldFrame label={t('qa.photos')} hint={t('qa.photo.hint', { n: MAX_PHOTOS })}>
          <PhotoPicker draft="ask" />
        </FieldFrame>
        <Toggle on={anonymous} onChange={setAnonymous} label={t('qa.ask.anonymous')} hint={t('qa.ask.anonymous.hint')} testId="qa-anonymous" />
      </Card>
      {pending ? <View className="error-note">{t('qa.ask.photoPending')}</View> : null}
      <ErrorNote error={error} />
      <Btn busy={busy} onClick={() => void submit()} testId="qa-submit">
        {t('qa.ask.submit')}
      </Btn>
    </PageShell>
  );
}
