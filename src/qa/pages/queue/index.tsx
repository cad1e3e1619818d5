import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { QuestionStatuses, type QuestionStatus } from '@core/api/qa';
import { PageShell } from '../../../components/page-shell';
import { Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead, Toggle } from '../../../components/ui';
import { useQaT } from '../../i18n';
import { useAppStore } from '../../../store';
import { useQaStore } from '../../../store/qa';
import { CategoryChips } from '../../components/category-chips';
import { QaGate } from '../../components/qa-gate';
import { QuestionRow } from '../../components/question-row';
import { statusLabel } from '../../qa-labels';
import { isResponder } from '../../qa-roles';
import '../../qa.css';

/** 问诊队列 / 待答问题: questions waiting for a responder (the server decides which ones each sees). */
export default function QueuePage() {
  const t = useQaT();
  const me = useAppStore((s) => s.me);
  const list = useQaStore((s) => s.queue);
  const filter = useQaStore((s) => s.queueFilter);
  const load = useQaStore((s) => s.loadQueue);
  const loadMore = useQaStore((s) => s.loadMoreQueue);
  const allowed = isResponder(me);
  const volunteer = me?.role === 'volunteer';

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load, me?.openid]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && isResponder(useAppStore.getState().me)) void load();
    shown.current = true;
  });

  // Without a status the queue holds what still needs a responder (open, claimed, awaiting details).
  const statusOptions = [{ value: 'all' as const, label: t('qa.queue.pending') }, ...QuestionStatuses.map((s) => ({ value: s, label: statusLabel(t, s) }))];
  return (
    <PageShell titleKey={volunteer ? 'qaNav.queue.volunteer' : 'title.qaQueue'} rootProps={{ 'data-testid': 'qa-queue' }}>
      <PageHead title={t(volunteer ? 'qaNav.queue.volunteer' : 'qaNav.queue')} subtitle={t(volunteer ? 'qa.queue.subtitle.volunteer' : 'qa.queue.subtitle')} />
      <QaGate allowed={isResponder}>
        <Card className="qa-filters">
          <View className="field__label">{t('qa.filter.status')}</View>
          <Chips<QuestionStatus | 'all'> options={statusOptions} value={filter.status ?? 'all'} onChange={(v) => void load({ ...filter, status: v === 'all' ? undefined : v })} testIdPrefix="qa-status" />
          {!volunteer ? <View className="field__label">{t('qa.ask.category')}</View> : null}
          {!volunteer ? <CategoryChips all value={filter.category} onChange={(c) => void load({ ...filter, category: c })} testId="qa-filter-category" /> : null}
          <Toggle on={!!filter.overdueOnly} onChange={(on) => void load({ ...filter, overdueOnly: on || undefined })} label={t('qa.queue.overdueOnly')} testId="qa-overdue-only" />
        </Card>
        <Card>
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void load()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('qa.queue.empty')} /> : null}
          {list.status !== 'loading' ? list.items.map((q) => <QuestionRow key={q.id} q={q} showAsker />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
      </QaGate>
    </PageShell>
  );
}
