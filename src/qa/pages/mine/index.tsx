import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef } from 'react';
import { QuestionStatuses, type QuestionStatus } from '@core/api/qa';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useQaT } from '../../i18n';
import { useAppStore } from '../../../store';
import { useQaStore } from '../../../store/qa';
import { QuestionRow } from '../../components/question-row';
import { statusLabel } from '../../qa-labels';
import '../../qa.css';

/** 我的问题: the caller's questions, newest first, filtered by status. */
export default function MinePage() {
  const t = useQaT();
  const me = useAppStore((s) => s.me);
  const list = useQaStore((s) => s.mine);
  const status = useQaStore((s) => s.mineStatus);
  const load = useQaStore((s) => s.loadMine);
  const loadMore = useQaStore((s) => s.loadMoreMine);

  const openid = me?.openid;
  useEffect(() => {
    if (openid) void load();
  }, [openid, load]);
  // Back from a question (answered meanwhile, solved): the list shows the current state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && useAppStore.getState().me) void load();
    shown.current = true;
  });

  const options = [{ value: 'all' as const, label: t('qa.all') }, ...QuestionStatuses.map((s) => ({ value: s, label: statusLabel(t, s, true) }))];
  return (
    <PageShell titleKey="title.qaMine" rootProps={{ 'data-testid': 'qa-mine' }}>
      <PageHead title={t('qaNav.mine')} subtitle={t('qa.mine.subtitle')} />
      <View className="qa-filters">
        <Chips<QuestionStatus | 'all'> options={options} value={status ?? 'all'} onChange={(v) => void load(v === 'all' ? null : v)} testIdPrefix="qa-status" />
      </View>
      <Card>
        {list.status === 'loading' || (!me && list.status === 'idle') ? <Loading /> : null}
        <ErrorNote error={list.error} onRetry={() => void load()} />
        {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('qa.mine.empty')} /> : null}
        {list.status !== 'loading' ? list.items.map((q) => <QuestionRow key={q.id} q={q} />) : null}
        <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
      </Card>
      <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: '/qa/pages/ask/index' })} testId="qa-mine-ask">
        {t('qaNav.ask')}
      </Btn>
    </PageShell>
  );
}
