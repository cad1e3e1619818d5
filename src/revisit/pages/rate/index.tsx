import { View } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorCodes } from '@core/api/errors';
import { CaseKinds, RatingDimensions, type CaseKind, type EvaluationView, type RatingDimension, type Scores } from '@core/api/revisit';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { toApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { caseKey } from '../../../store/revisit/revisit-types';
import { RevisitGate } from '../../components/revisit-gate';
import { Stars } from '../../components/stars';
import { TextArea } from '../../../components/text-area';
import { useRevisitT } from '../../i18n';
import { caseKindLabel, isServed } from '../../revisit-labels';
import { isDissatisfied, poorDimensions } from '@core/rules/satisfaction';
import '../../revisit.css';

interface Target {
  caseKind: CaseKind;
  caseId: string;
  title?: string;
}

/** 服务评价: 1–5 stars for speed, attitude and result and a comment, once per case; then what happens next. */
export default function RevisitRatePage() {
  const t = useRevisitT();
  const [target, setTarget] = useState<Target | null>();
  useLoad((q) => {
    const kind = q?.caseKind as CaseKind;
    const id = q?.caseId ? decodeURIComponent(q.caseId) : '';
    setTarget(CaseKinds.includes(kind) && id ? { caseKind: kind, caseId: id, title: q?.title ? decodeURIComponent(q.title) : undefined } : null);
  });
  const evaluation = useRevisitStore((s) => s.evaluation);
  const e = target && evaluation.key === caseKey(target.caseKind, target.caseId) ? evaluation.data : undefined;
  return (
    <PageShell titleKey="title.revisitRate" rootProps={{ 'data-testid': 'revisit-rate', 'data-state': e ? 'done' : e === null ? 'form' : 'loading' }}>
      <PageHead title={t('title.revisitRate')} subtitle={t('revisit.rate.subtitle')} />
      <RevisitGate allowed={isServed}>{target ? <Rate target={target} /> : target === null ? <ErrorNote error={toApiError(new Error('no case'))} /> : <Loading />}</RevisitGate>
    </PageShell>
  );
}

function Rate({ target }: { target: Target }) {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me)!;
  const evaluation = useRevisitStore((s) => s.evaluation);
  const pending = useRevisitStore((s) => s.pending);
  const load = useRevisitStore((s) => s.loadEvaluation);
  const loadPending = useRevisitStore((s) => s.loadPending);
  useEffect(() => {
    void load(target.caseKind, target.caseId);
    // The case's title, when the link did not carry it (a consultation), is in 待评价.
    if (!target.title && useRevisitStore.getState().pending.status === 'idle') void loadPending();
  }, [load, loadPending, target.caseKind, target.caseId, target.title, me.openid]);

  const [justRated, setJustRated] = useState(false);
  const e = evaluation.key === caseKey(target.caseKind, target.caseId) ? evaluation.data : undefined;
  const title = e?.caseTitle ?? pending.items.find((p) => p.caseKind === target.caseKind && p.caseId === target.caseId)?.title ?? target.title;
  return (
    <>
      <Card testId="revisit-rate-case">
        <View className="revisit-row__top">
          <View className="list-item__title">{title ?? ''}</View>
          <Badge kind="muted">{caseKindLabel(t, target.caseKind)}</Badge>
        </View>
      </Card>
      {e ? (
        <Result e={e} justRated={justRated} />
      ) : e === null ? (
        <RateForm target={target} onRated={() => setJustRated(true)} />
      ) : evaluation.status === 'error' ? (
        <ErrorNote error={evaluation.error} onRetry={() => void load(target.caseKind, target.caseId)} />
      ) : (
        <Loading />
      )}
    </>
  );
}

function RateForm({ target, onRated }: { target: Target; onRated: () => void }) {
  const t = useRevisitT();
  const evaluate = useRevisitStore((s) => s.evaluate);
  const load = useRevisitStore((s) => s.loadEvaluation);
  const [scores, setScores] = useState<Partial<Scores>>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useWrite();
  const complete = RatingDimensions.every((d) => scores[d]);
  const input = { caseKind: target.caseKind, caseId: target.caseId, scores: scores as Scores, ...(comment.trim() ? { comment: comment.trim() } : {}) };

  const submit = async () => {
    if (!complete) {
      setMissing(true);
      return;
    }
    await run(
      input,
      async (key) => {
        await evaluate(input, key);
        onRated();
      },
      // Rated meanwhile (another tap, another device): show the rating that stands.
      (err) => void (err.code === ErrorCodes.REVISIT_ALREADY_EVALUATED && load(target.caseKind, target.caseId)),
    );
  };

  const set = (d: RatingDimension, n: number) => {
    setScores((s) => ({ ...s, [d]: n }));
    setMissing(false);
  };

  return (
    <Card testId="revisit-rate-form">
      {RatingDimensions.map((d) => (
        <View key={d} className="revisit-dim" data-testid={`revisit-dim-${d}`}>
          <FieldFrame label={t(`revisit.dim.${d}`)} required error={missing && !scores[d] ? t('revisit.rate.missing') : undefined}>
            <Stars value={scores[d]} onChange={(n) => set(d, n)} testId={`revisit-rate-${d}`} />
          </FieldFrame>
        </View>
      ))}
      <FieldFrame label={t('revisit.rate.comment')}>
        <TextArea value={comment} onInput={setComment} placeholder={t('revisit.rate.commentPlaceholder')} maxlength={500} testId="revisit-rate-comment" />
      </FieldFrame>
      <PoorRatingNote caseKind={target.caseKind} scores={scores} />
      <ErrorNote error={error} />
      <View style={{ marginTop: '16px' }}>
        <Btn busy={busy} onClick={() => void submit()} testId="revisit-rate-submit">
          {t('revisit.rate.submit')}
        </Btn>
      </View>
    </Card>
  );
}

/**
 * What a low star does, said before submitting: the rule while nothing is low, then which items
 * are low and what will follow (the server's rule, isDissatisfied: any dimension ≤ 2).
 */
function PoorRatingNote({ caseKind, scores }: { caseKind: CaseKind; scores: Partial<Scores> }) {
  const t = useRevisitT();
  const side = caseKind === 'ticket' ? 'ticket' : 'other';
  const low = poorDimensions(scores);
  if (!isDissatisfied(scores)) {
    return (
      <View className="muted revisit-rate-rule" data-testid="revisit-rate-rule">
        {t(`revisit.rate.rule.${side}`)}
      </View>
    );
  }
  return (
    <View className="revisit-consequence" data-testid="revisit-rate-will" data-kind={side === 'ticket' ? 'reopened' : 'follow_up'}>
      {t(`revisit.rate.will.${side}`, { dims: low.map((d) => t(`revisit.dim.${d}`)).join(t('revisit.rate.dimSep')) })}
    </View>
  );
}

/** The rating as it stands: thanks right after rating, "already rated" when opened again. */
function Result({ e, justRated }: { e: EvaluationView; justRated: boolean }) {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me);
  const back = () =>
    void Taro.navigateBack().catch(() => Taro.reLaunch({ url: '/pages/index/index' }));
  return (
    <Card testId="revisit-rate-result" className={e.consequence ? 'card--notice' : undefined}>
      <View className="card__title" data-testid="revisit-rate-thanks">
        {t(justRated ? 'revisit.rate.thanks' : 'revisit.rate.already')}
      </View>
      {e.consequence ? (
        <View className="revisit-consequence" style={{ marginTop: 0, marginBottom: '16px' }} data-testid="revisit-rate-consequence" data-kind={e.consequence.kind}>
          {t(e.consequence.kind === 'reopened' ? 'revisit.rate.reopened' : 'revisit.rate.followUp')}
        </View>
      ) : null}
      <View className="revisit-dim" data-testid="revisit-rate-overall" data-overall={e.overall}>
        <View className="revisit-dim__label">{t('revisit.rate.overall')}</View>
        <Stars value={e.overall} />
      </View>
      {RatingDimensions.map((d) => (
        <View key={d} className="revisit-dim">
          <View className="revisit-dim__label">{t(`revisit.dim.${d}`)}</View>
          <Stars value={e.scores[d]} />
        </View>
      ))}
      {e.comment ? <View className="revisit-text" style={{ marginTop: '12px' }}>{e.comment}</View> : null}
      <View className="list-item__meta">{formatDate(e.at, true)}</View>
      <View className="btn-row" style={{ marginTop: '20px' }}>
        <Btn kind="secondary" onClick={back} testId="revisit-rate-back">
          {t('revisit.rate.back')}
        </Btn>
        {me && isServed(me) ? (
          <Btn kind="ghost" onClick={() => void Taro.redirectTo({ url: '/revisit/pages/pending/index' })} testId="revisit-rate-to-pending">
            {t('revisit.rate.toPending')}
          </Btn>
        ) : null}
      </View>
    </Card>
  );
}
