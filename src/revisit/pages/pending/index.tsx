import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect } from 'react';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { RevisitGate } from '../../components/revisit-gate';
import { useRevisitT } from '../../i18n';
import { caseKindLabel, isServed, rateUrl } from '../../revisit-labels';
import '../../revisit.css';

/** 待评价: the finished cases the worker / manager was served in and has not rated yet, 20 at a time (加载更多). */
export default function RevisitPendingPage() {
  const t = useRevisitT();
  return (
    <PageShell titleKey="title.revisitPending" rootProps={{ 'data-testid': 'revisit-pending' }}>
      <PageHead title={t('revisitNav.pending')} subtitle={t('revisit.pending.subtitle')} />
      <RevisitGate allowed={isServed}>
        <PendingList />
      </RevisitGate>
    </PageShell>
  );
}

function PendingList() {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me)!;
  const pending = useRevisitStore((s) => s.pending);
  const load = useRevisitStore((s) => s.loadPending);
  const loadMore = useRevisitStore((s) => s.loadMorePending);
  useEffect(() => {
    void load();
  }, [load, me.openid]);
  // Back from rating: the rated case has left the list.
  // A show with the list already on screen is a return (this part mounts after the page's first show).
  useDidShow(() => {
    if (useRevisitStore.getState().pending.status === 'ready') void load();
  });

  // The first load (nothing on screen yet): its spinner or its error; a reload keeps the list.
  if (pending.status === 'idle' || (pending.status === 'loading' && pending.items.length === 0)) return <Loading />;
  if (pending.status === 'error' && pending.items.length === 0) return <ErrorNote error={pending.error} onRetry={() => void load()} />;
  const items = pending.items;
  return (
    <Card>
      {items.length === 0 && !pending.nextCursor ? <Empty text={t('revisit.pending.empty')} /> : null}
      {items.map((p) => (
        <View key={`${p.caseKind}:${p.caseId}`} className="list-item" data-testid="revisit-pending-row" data-kind={p.caseKind} data-id={p.caseId}>
          <View className="revisit-row__top">
            <View className="list-item__title">{p.title}</View>
            <Badge kind="muted">{caseKindLabel(t, p.caseKind)}</Badge>
          </View>
          <View className="list-item__meta">
            {[t('revisit.pending.servedAt', { at: formatDate(p.servedAt) }), p.handlerName ? t('revisit.pending.handler', { name: p.handlerName }) : ''].filter(Boolean).join(' · ')}
          </View>
          <View className="list-item__actions">
            <Btn small onClick={() => void Taro.navigateTo({ url: rateUrl(p.caseKind, p.caseId) })} testId="revisit-pending-rate">
              {t('revisit.pending.rate')}
            </Btn>
          </View>
        </View>
      ))}
      <ErrorNote error={pending.error} onRetry={() => void (pending.status === 'error' ? load() : loadMore())} />
      <LoadMore hasMore={!!pending.nextCursor && pending.status === 'ready'} loading={pending.loadingMore} onMore={() => void loadMore()} />
    </Card>
  );
}
