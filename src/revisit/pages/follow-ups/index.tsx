import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { FollowUpStatus, FollowUpView } from '@core/api/revisit';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { RevisitGate } from '../../components/revisit-gate';
import { TextArea } from '../../../components/text-area';
import { useRevisitT } from '../../i18n';
import { canRun, caseKindLabel, caseUrl, isStaffSide } from '../../revisit-labels';
import '../../revisit.css';

/** 跟进任务: the follow-ups opened by poor ratings and low revisit scores; staff close them with a resolution. */
export default function RevisitFollowUpsPage() {
  const t = useRevisitT();
  return (
    <PageShell titleKey="title.revisitFollowUps" rootProps={{ 'data-testid': 'revisit-follow-ups' }}>
      <PageHead title={t('title.revisitFollowUps')} subtitle={t('revisit.followUps.subtitle')} />
      <RevisitGate allowed={isStaffSide}>
        <FollowUps />
      </RevisitGate>
    </PageShell>
  );
}

function FollowUps() {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me)!;
  const list = useRevisitStore((s) => s.followUps);
  const status = useRevisitStore((s) => s.followUpStatus);
  const load = useRevisitStore((s) => s.loadFollowUps);
  const loadMore = useRevisitStore((s) => s.loadMoreFollowUps);
  const [closing, setClosing] = useState<string>();
  // Each user's list opens with the status filter it had then.
  useEffect(() => {
    void load(useRevisitStore.getState().followUpStatus);
  }, [load, me.openid]);
  return (
    <View className="revisit-narrow">
      <View style={{ marginBottom: '20px' }}>
        <Chips<FollowUpStatus> options={(['open', 'done'] as const).map((s) => ({ value: s, label: t(`revisit.followUps.status.${s}`) }))} value={status} onChange={(s) => void load(s)} testIdPrefix="revisit-follow-ups-filter" />
      </View>
      <Card>
        {list.status === 'loading' ? <Loading /> : null}
        <ErrorNote error={list.error} onRetry={() => void load(status)} />
        {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('revisit.followUps.empty')} /> : null}
        {list.status !== 'loading'
          ? list.items.map((f) => <Row key={f.id} f={f} canClose={canRun(me)} open={closing === f.id} onOpen={(on) => setClosing(on ? f.id : undefined)} />)
          : null}
        <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
      </Card>
    </View>
  );
}

function Row({ f, canClose, open, onOpen }: { f: FollowUpView; canClose: boolean; open: boolean; onOpen: (on: boolean) => void }) {
  const t = useRevisitT();
  const close = useRevisitStore((s) => s.closeFollowUp);
  const [resolution, setResolution] = useState('');
  const [missing, setMissing] = useState(false);
  const { busy, error, run } = useWrite();
  const submit = async () => {
    const text = resolution.trim();
    setMissing(!text);
    if (!text) return;
    const signature = { id: f.id, text };
    await run(signature, async (key) => {
      await close(f.id, text, key);
      onOpen(false);
    });
  };
  return (
    <View className="list-item" data-testid="revisit-follow-up" data-id={f.id} data-status={f.status}>
      <View className="revisit-row__top">
        <View className="list-item__title">{f.enterpriseName ?? (f.caseKind ? caseKindLabel(t, f.caseKind) : '')}</View>
        <Badge kind={f.status === 'open' ? 'bad' : 'ok'}>{t(`revisit.followUps.status.${f.status}`)}</Badge>
      </View>
      <View className="list-item__meta">
        {[t(`revisit.followUps.source.${f.source.kind}`), f.caseKind ? caseKindLabel(t, f.caseKind) : '', t('revisit.followUps.score', { score: f.score }), formatDate(f.createdAt, true)].filter(Boolean).join(' · ')}
      </View>
      <View className="revisit-text" style={{ margin: '8px 0' }}>
        {f.reason}
      </View>
      {f.status === 'done' ? (
        <View className="list-item__meta" data-testid="revisit-follow-up-resolution">
          {t('revisit.followUps.doneBy', { name: f.doneByName ?? '', at: formatDate(f.doneAt, true) })}
          <View className="revisit-text">{f.resolution}</View>
        </View>
      ) : null}
      <View className="list-item__actions revisit-actions">
        {f.caseKind && f.caseId && f.caseKind !== 'consultation' ? (
          <Btn small kind="ghost" onClick={() => void Taro.navigateTo({ url: caseUrl(f.caseKind!, f.caseId!) })} testId="revisit-follow-up-case">
            {t('revisit.followUps.openCase')}
          </Btn>
        ) : null}
        {canClose && f.status === 'open' && !open ? (
          <Btn small kind="secondary" onClick={() => onOpen(true)} testId="revisit-follow-up-close">
            {t('revisit.followUps.close')}
          </Btn>
        ) : null}
      </View>
      {open ? (
        <View data-testid="revisit-follow-up-form">
          <FieldFrame label={t('revisit.followUps.resolution')} required error={missing ? t('revisit.followUps.resolutionMissing') : undefined}>
            <TextArea value={resolution} onInput={setResolution} placeholder={t('revisit.followUps.resolutionPlaceholder')} maxlength={500} testId="revisit-follow-up-text" />
          </FieldFrame>
          <ErrorNote error={error} />
          <View className="btn-row">
            <Btn kind="ghost" onClick={() => onOpen(false)}>
              {t('revisit.record.cancel')}
            </Btn>
            <Btn busy={busy} onClick={() => void submit()} testId="revisit-follow-up-confirm">
              {t('revisit.followUps.confirm')}
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  );
}
