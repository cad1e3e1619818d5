import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { LocalizedText, QaCategory } from '@core/api/qa';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useIntentKey } from '../../../components/use-intent-key';
import { useQaT } from '../../i18n';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useQaStore } from '../../../store/qa';
import { CategoryChips } from '../../components/category-chips';
import { QaGate } from '../../components/qa-gate';
import { TextArea } from '../../../components/text-area';
import { isFaqEditor } from '../../qa-roles';
import '../../qa.css';

const text = (zh: string, en: string): LocalizedText => ({ zh: zh.trim(), ...(en.trim() ? { en: en.trim() } : {}) });

/** Staff publish a question's answer as an FAQ entry (?questionId=), or edit / unpublish one (?id=). */
export default function FaqEditPage() {
  const t = useQaT();
  const params = useRouter().params;
  const id = params.id ? decodeURIComponent(params.id) : undefined;
  const questionId = params.questionId ? decodeURIComponent(params.questionId) : undefined;
  const me = useAppStore((s) => s.me);
  const allowed = isFaqEditor(me);
  const faq = useQaStore((s) => s.faq);
  const faqStatus = useQaStore((s) => s.faqStatus);
  const faqError = useQaStore((s) => s.faqError);
  const question = useQaStore((s) => s.question);
  const questionError = useQaStore((s) => s.questionError);
  const loadFaq = useQaStore((s) => s.loadFaq);
  const loadQuestion = useQaStore((s) => s.loadQuestion);
  const publishFaq = useQaStore((s) => s.publishFaq);
  const updateFaq = useQaStore((s) => s.updateFaq);
  const unpublishFaq = useQaStore((s) => s.unpublishFaq);

  const [category, setCategory] = useState<QaCategory>();
  const [qZh, setQZh] = useState('');
  const [aZh, setAZh] = useState('');
  const [qEn, setQEn] = useState('');
  const [aEn, setAEn] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState<'save' | 'unpublish'>();
  const [error, setError] = useState<ApiError>();
  const [gone, setGone] = useState(false);
  const [filled, setFilled] = useState(false);

  useEffect(() => {
    if (!allowed) return;
    if (id) void loadFaq(id);
    else if (questionId) void loadQuestion(questionId);
  }, [allowed, loadFaq, loadQuestion, id, questionId]);

  // Fill the form once from what it edits: the entry, or the question and its latest answer.
  const source = id ? (faq?.id === id ? faq : undefined) : questionId ? (question?.id === questionId ? question : undefined) : undefined;
  if (!filled && source) {
    setFilled(true);
    setCategory(source.category);
    if ('answer' in source) {
      setQZh(source.question.zh);
      setAZh(source.answer.zh);
      setQEn(source.question.en ?? '');
      setAEn(source.answer.en ?? '');
    } else {
      setQZh(source.title);
      const answers = source.messages.filter((m) => m.kind === 'answer');
      setAZh(answers.length ? answers[answers.length - 1].text : '');
    }
  }

  const input = { category: category as QaCategory, question: text(qZh, qEn), answer: text(aZh, aEn) };
  const key = useIntentKey({ id, questionId, input });
  const unpublishKey = useIntentKey({ unpublish: id });
  const valid = { category: !!category, question: !!input.question.zh, answer: !!input.answer.zh };

  const save = async () => {
    setTried(true);
    if (!Object.values(valid).every(Boolean)) return;
    setBusy('save');
    setError(undefined);
    try {
      const entry = id ? await updateFaq({ id, ...input }, key) : await publishFaq({ ...(questionId ? { questionId } : {}), ...input }, key);
      await Taro.redirectTo({ url: `/qa/pages/faq-detail/index?id=${encodeURIComponent(entry.id)}` });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const unpublish = async () => {
    if (!id) return;
    // It leaves the lists, the search and its question at once: the danger button asks first.
    const ok = await Taro.showModal({ title: t('qa.faqEdit.unpublish.title'), content: t('qa.faqEdit.unpublish.confirm'), confirmText: t('qa.faqEdit.unpublish'), cancelText: t('qa.faqEdit.unpublish.keep') }).then(
      (r) => r.confirm,
      () => false,
    );
    if (!ok) return;
    setBusy('unpublish');
    setError(undefined);
    try {
      await unpublishFaq(id, unpublishKey);
      setGone(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const loading = allowed && !source && !gone && ((id && faqStatus !== 'error') || (questionId && !questionError));
  const loadError = id ? faqError : questionId ? questionError : undefined;
  return (
    <PageShell titleKey="title.qaFaqEdit" rootProps={{ 'data-testid': 'qa-faq-edit' }}>
      <PageHead title={t(id ? 'title.qaFaqEdit' : questionId ? 'qa.detail.publishFaq' : 'qa.faq.new')} subtitle={t('qa.faqEdit.subtitle')} />
      <QaGate allowed={isFaqEditor}>
        {gone ? (
          <View className="success-note" data-testid="qa-faq-unpublished">
            {t('qa.faqEdit.unpublished')}
          </View>
        ) : loading ? (
          <Loading />
        ) : !source && (id || questionId) ? (
          <ErrorNote error={loadError} />
        ) : (
          <>
            <Card>
              <FieldFrame label={t('qa.ask.category')} required error={tried && !valid.category ? t('form.choose') : undefined}>
                <CategoryChips value={category} onChange={setCategory} testId="qa-faq-edit-category" />
              </FieldFrame>
              <Field label={t('qa.faqEdit.questionZh')} value={qZh} onInput={setQZh} required maxlength={200} error={tried && !valid.question ? t('form.required') : undefined} testId="qa-faq-question-zh" />
              <FieldFrame label={t('qa.faqEdit.answerZh')} required error={tried && !valid.answer ? t('form.required') : undefined}>
                <TextArea value={aZh} onInput={setAZh} maxlength={4000} testId="qa-faq-answer-zh" look="medium" />
              </FieldFrame>
              <Field label={t('qa.faqEdit.questionEn')} value={qEn} onInput={setQEn} maxlength={200} hint={t('qa.faqEdit.enHint')} testId="qa-faq-question-en" />
              <FieldFrame label={t('qa.faqEdit.answerEn')} hint={t('qa.faqEdit.enHint')}>
                <TextArea value={aEn} onInput={setAEn} maxlength={4000} testId="qa-faq-answer-en" look="medium" />
              </FieldFrame>
            </Card>
            <ErrorNote error={error} />
            <View className="qa-actions">
              <Btn busy={busy === 'save'} disabled={!!busy} onClick={() => void save()} testId="qa-faq-save">
                {t(id ? 'qa.faqEdit.save' : 'qa.faqEdit.publish')}
              </Btn>
              {id ? (
                <Btn kind="danger" busy={busy === 'unpublish'} disabled={!!busy} onClick={() => void unpublish()} testId="qa-faq-unpublish">
                  {t('qa.faqEdit.unpublish')}
                </Btn>
              ) : null}
            </View>
          </>
        )}
      </QaGate>
    </PageShell>
  );
}
