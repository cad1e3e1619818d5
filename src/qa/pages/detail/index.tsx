import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { QaMessage, QuestionDetail } from '@core/api/qa';
import { askConsentAt } from '../../../components/consent-text';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { useQaT } from '../../i18n';
import { caseEnterprise, formatDate } from '../../../labels';
import { toApiError, type ApiError } from '../../../services/api-error';
import { ConsentAt } from '../../../services/subscribe';
import { useAppStore } from '../../../store';
import { PhotosPendingError, threadDraft, useQaStore, type QuestionAct } from '../../../store/qa';
import { isRateable, usePendingCases } from '../../../store/revisit/pending-count';
import { PhotoPicker, PhotoStrip } from '../../components/photo-picker';
import { TextArea } from '../../../components/text-area';
import { authorLabel, categoryLabel, holderLabel, kindLabel, statusKind, statusLabel } from '../../qa-labels';
import '../../qa.css';

const urlsOf = (atts: { url?: string }[]) => atts.map((a) => a.url).filter((u): u is string => !!u);

function Message({ m }: { m: QaMessage }) {
  const t = useQaT();
  return (
    <View className={`qa-message qa-message--${m.kind}${m.authorRole === 'asker' ? ' qa-message--mine' : ''}`} data-testid="qa-message" data-kind={m.kind}>
      <View className="qa-message__head">
        <Badge kind={m.kind === 'answer' ? 'ok' : m.kind === 'request_info' ? 'warn' : 'muted'}>{kindLabel(t, m.kind)}</Badge>
        <View>{m.authorName ? `${authorLabel(t, m.authorRole)} · ${m.authorName}` : authorLabel(t, m.authorRole)}</View>
        <View>{formatDate(m.createdAt, true)}</View>
        {m.held ? <Badge kind={m.held === 'held' ? 'warn' : 'bad'}>{t(`qa.held.${m.held}`)}</Badge> : null}
      </View>
      <View className="qa-text">{m.text}</View>
      <PhotoStrip urls={urlsOf(m.attachments)} />
    </View>
  );
}

/** The responder's or the asker's text box with photos, and the buttons `can` allows. */
function Actions({ q }: { q: QuestionDetail }) {
  const t = useQaT();
  const act = useQaStore((s) => s.act);
  const { keyFor, done } = useIntentKeys();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<QuestionAct['kind']>();
  const [error, setError] = useState<ApiError>();
  const [pending, setPending] = useState(false);
  const photos = useQaStore((s) => s.drafts[threadDraft(q.id)]) ?? [];
  const { can } = q;
  const writes = can.answer || can.reply;
  // Before any answer "solved" means the asker takes the question back: a secondary 撤回 that asks first.
  const answered = q.messages.some((m) => m.kind === 'answer');

  const run = async (a: QuestionAct) => {
    if ((a.kind === 'answer' || a.kind === 'reply' || a.kind === 'requestInfo') && !a.text.trim()) return;
    // The same intent (same action, text and photos) keeps its key when tapped again after a failure.
    const signature = { id: q.id, a, photos: a.kind === 'answer' || a.kind === 'reply' ? photos.map((p) => p.fileID ?? p.localId) : [] };
    setBusy(a.kind);
    setError(undefined);
    setPending(false);
    try {
      await act(q.id, a, keyFor(signature));
      done(signature);
      if ('text' in a) setText('');
    } catch (e) {
      if (e instanceof PhotosPendingError) setPending(true);
      else setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  if (!Object.values(can).some(Boolean)) return null;
  return (
    <Card title={can.answer ? t('qa.detail.answer') : can.reply ? t('qa.detail.reply') : undefined} testId="qa-actions">
      {writes ? (
        <>
          <TextArea value={text} onInput={setText} placeholder={t(can.answer ? 'qa.detail.answer.placeholder' : 'qa.detail.reply.placeholder')} testId={can.answer ? 'qa-answer-text' : 'qa-reply-text'} maxlength={2000} look="medium" />
          <PhotoPicker draft={threadDraft(q.id)} />
          <View style={{ height: '12px' }} />
        </>
      ) : null}
      {pending ? <View className="error-note">{t('qa.ask.photoPending')}</View> : null}
      <ErrorNote error={error} />
      <View className="qa-actions">
        {can.claim ? (
          <Btn busy={busy === 'claim'} disabled={!!busy} onClick={() => void askConsentAt(ConsentAt.claimQuestion).then(() => run({ kind: 'claim' }))} testId="qa-claim">
            {t('qa.detail.claim')}
          </Btn>
        ) : null}
        {can.answer ? (
          <Btn busy={busy === 'answer'} disabled={!!busy || !text.trim()} onClick={() => void run({ kind: 'answer', text })} testId="qa-answer-submit">
            {t('qa.detail.answer.submit')}
          </Btn>
        ) : null}
        {can.requestInfo ? (
          <Btn kind="secondary" busy={busy === 'requestInfo'} disabled={!!busy || !text.trim()} onClick={() => void run({ kind: 'requestInfo', text })} testId="qa-request-info">
            {t('qa.detail.requestInfo')}
          </Btn>
        ) : null}
        {can.reply ? (
          <Btn kind={can.solve && answered ? 'secondary' : 'primary'} busy={busy === 'reply'} disabled={!!busy || !text.trim()} onClick={() => void run({ kind: 'reply', text })} testId="qa-reply-submit">
            {t('qa.detail.reply.submit')}
          </Btn>
        ) : null}
        {can.solve && answered ? (
          <Btn busy={busy === 'solve'} disabled={!!busy} onClick={() => void run({ kind: 'solve' })} testId="qa-solve">
            {t('qa.detail.solve')}
          </Btn>
        ) : null}
        {can.solve && !answered ? (
          <Btn
            kind="ghost"
            busy={busy === 'solve'}
            disabled={!!busy}
            onClick={() =>
              void Taro.showModal({ title: t('qa.detail.withdraw.title'), content: t('qa.detail.withdraw.confirm'), confirmText: t('qa.detail.withdraw.go'), cancelText: t('qa.detail.withdraw.keep') }).then(
                (r) => (r.confirm ? run({ kind: 'solve' }) : undefined),
                () => undefined,
              )
            }
            testId="qa-withdraw"
          >
            {t('qa.detail.withdraw')}
          </Btn>
        ) : null}
        {can.publishFaq ? (
          <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: `/qa/pages/faq-edit/index?questionId=${encodeURIComponent(q.id)}` })} testId="qa-publish-faq">
            {t('qa.detail.publishFaq')}
          </Btn>
        ) : null}
        {can.release ? (
          <Btn kind="ghost" busy={busy === 'release'} disabled={!!busy} onClick={() => void run({ kind: 'release' })} testId="qa-release">
            {t('qa.detail.release')}
          </Btn>
        ) : null}
      </View>
    </Card>
  );
}

/** One question: what was asked, the thread in order, the deadline, and what the reader may do. */
export default function DetailPage() {
  const t = useQaT();
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const question = useQaStore((s) => s.question);
  const status = useQaStore((s) => s.questionStatus);
  const error = useQaStore((s) => s.questionError);
  const load = useQaStore((s) => s.loadQuestion);
  const q = question?.id === id ? question : undefined;
  const toRate = usePendingCases((s) => isRateable(s, 'question', id));
  const loadPendingCases = usePendingCases((s) => s.load);
  const checkOlder = usePendingCases((s) => s.checkOlder);

  const openid = me?.openid;
  useEffect(() => {
    if (openid && id) void load(id);
  }, [openid, load, id]);
  // Answered or solved, the asker may rate it: 评价 shows while it waits for their rating.
  const answered = !!q && q.messages.some((m) => m.kind === 'answer');
  const ratable = !!q && answered && (q.status === 'answered' || q.status === 'solved') && (me?.role === 'worker' || me?.role === 'manager');
  useEffect(() => {
    // The first page of 待评价, then this question by itself if it is older than that page.
    if (ratable) void loadPendingCases().then(() => checkOlder('question', id));
  }, [ratable, loadPendingCases, checkOlder, id, q?.status, openid]);

  // Workers and managers only ever read their own questions: they get the asker's words.
  const asker = me?.role === 'worker' || me?.role === 'manager';
  const who = q ? (q.anonymous && !q.askerName ? t('qa.anonymous') : [q.askerName, caseEnterprise(locale, q)].filter(Boolean).join(' · ')) : '';
  return (
    <PageShell titleKey="title.qaDetail" rootProps={{ 'data-testid': 'qa-detail', 'data-status': q?.status, 'data-id': q?.id }}>
      {!q ? (
        status === 'error' ? <ErrorNote error={error} onRetry={() => void load(id)} /> : <Loading />
      ) : (
        <>
          <PageHead title={q.title} />
          <Card>
            <View className="qa-row__badges">
              <Badge kind={statusKind(q.status)}>{statusLabel(t, q.status, asker)}</Badge>
              <Badge kind="muted">{categoryLabel(t, q.category)}</Badge>
              {q.anonymous ? <Badge kind="muted">{t('qa.anonymous')}</Badge> : null}
              {q.overdue ? <Badge kind="bad">{t('qa.overdue')}</Badge> : null}
              {q.held ? <Badge kind={q.held === 'held' ? 'warn' : 'bad'}>{t(`qa.held.${q.held}`)}</Badge> : null}
            </View>
            {q.held ? (
              <View className="list-item__meta" data-testid="qa-held-note">
                {t(`qa.held.${q.held}.note`)}
              </View>
            ) : null}
            <View className="list-item__meta">
              {t('qa.askedAt', { at: formatDate(q.createdAt, true) })}
              {who ? ` · ${who}` : ''}
            </View>
            {q.dueAt ? (
              <View className={`list-item__meta${q.overdue ? ' qa-due--overdue' : ''}`} data-testid="qa-due">
                {t('qa.dueAt', { at: formatDate(q.dueAt, true) })}
              </View>
            ) : null}
            {q.calendarMissingYears?.length ? (
              <View className="list-item__meta qa-calendar-note" data-testid="qa-calendar-note">
                {t('qa.calendarMissing', { years: q.calendarMissingYears.join('、') })}
              </View>
            ) : null}
            {q.claimedByName ? <View className="list-item__meta">{holderLabel(t, q.claimedByName, asker)}</View> : null}
            <View className="section-title" style={{ margin: '16px 0 8px' }}>
              {t('qa.detail.description')}
            </View>
            <View className="qa-text" data-testid="qa-description-text">
              {q.description}
            </View>
            <PhotoStrip urls={urlsOf(q.attachments)} />
            {q.faqId ? (
              <View className="list-item__actions">
                <Btn kind="ghost" small onClick={() => void Taro.navigateTo({ url: `/qa/pages/faq-detail/index?id=${encodeURIComponent(q.faqId!)}` })} testId="qa-faq-link">
                  {t('qa.detail.faqLink')}
                </Btn>
              </View>
            ) : null}
          </Card>
          <Card title={t('qa.detail.thread')} testId="qa-thread">
            {q.messages.length ? [...q.messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((m) => <Message key={m.id} m={m} />) : <View className="muted">{t(q.can.reply || q.can.solve ? 'qa.detail.noMessages' : 'qa.detail.noMessagesYet')}</View>}
            {q.status === 'solved' ? (
              <View className="success-note" style={{ marginTop: '16px', marginBottom: 0 }} data-testid="qa-solved-note" data-withdrawn={answered ? 'false' : 'true'}>
                {t(answered ? 'qa.detail.solvedNote' : 'qa.detail.withdrawnNote')}
              </View>
            ) : null}
          </Card>
          {status === 'error' ? <ErrorNote error={error} onRetry={() => void load(id)} /> : null}
          {toRate ? (
            // 评价: the satisfaction feature's rate page, while the question is among the asker's cases to rate.
            <View style={{ marginBottom: '24px' }}>
              <Btn
                kind="secondary"
                onClick={() => void Taro.navigateTo({ url: `/revisit/pages/rate/index?caseKind=question&caseId=${encodeURIComponent(q.id)}&title=${encodeURIComponent(q.title)}` })}
                testId="qa-rate"
              >
                {t('revisitNav.rate')}
              </Btn>
            </View>
          ) : null}
          <Actions key={q.id} q={q} />
        </>
      )}
    </PageShell>
  );
}
