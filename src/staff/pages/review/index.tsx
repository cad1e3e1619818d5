import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { HeldItem, HeldStatus } from '@core/api/moderation';
import { HeldStatuses } from '@core/api/moderation';
import { MODERATORS } from '@core/rules/moderation';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { useT } from '../../../i18n';
import { formatDate } from '../../../labels';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { useConsoleT, type ConsoleMessageKey } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

/** One held text: what WeChat asked a person to look at, the case it belongs to, and the two decisions. */
function Held({ item }: { item: HeldItem }) {
  const ct = useConsoleT();
  const decide = useConsoleStore((s) => s.decideHeld);
  const { keyFor, done } = useIntentKeys();
  const [busy, setBusy] = useState<'release' | 'reject'>();
  const [error, setError] = useState<ApiError>();

  const act = async (decision: 'release' | 'reject') => {
    // A rejected text stays with its author only, for good: ask first.
    if (decision === 'reject') {
      const ok = await Taro.showModal({ content: ct('console.review.rejectConfirm'), confirmText: ct('console.review.reject'), cancelText: ct('console.review.keep') }).then(
        (r) => r.confirm,
        () => false,
      );
      if (!ok) return;
    }
    const sig = { id: item.id, decision };
    setBusy(decision);
    setError(undefined);
    try {
      await decide(item.id, decision, keyFor(sig));
      done(sig);
      void Taro.showToast({ title: ct(decision === 'release' ? 'console.review.released' : 'console.review.rejected'), icon: 'none' });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <View className="list-item review-item" data-testid={`held-${item.id}`}>
      <View className="list-item__title">
        <Badge kind={item.status === 'held' ? 'warn' : item.status === 'rejected' ? 'bad' : 'ok'}>{ct(`console.review.kind.${item.kind}` as ConsoleMessageKey)}</Badge>
        <Text className="review-item__subject">{item.subject}</Text>
      </View>
      <View className="review-item__text" data-testid="held-text">
        {item.text}
      </View>
      <View className="list-item__meta">
        {ct('console.review.by', { name: item.authorName || ct('console.review.anonymous'), at: formatDate(item.createdAt, true) })}
      </View>
      {item.status !== 'held' && item.decidedAt ? (
        <View className="list-item__meta">
          {ct(item.status === 'released' ? 'console.review.releasedBy' : 'console.review.rejectedBy', { name: item.decidedByName ?? '', at: formatDate(item.decidedAt, true) })}
        </View>
      ) : null}
      <ErrorNote error={error} />
      <View className="list-item__actions btn-row">
        {item.status === 'held' ? (
          <>
            <Btn small busy={busy === 'release'} disabled={!!busy} onClick={() => void act('release')} testId={`release-${item.id}`}>
              {ct('console.review.release')}
            </Btn>
            <Btn small kind="danger" busy={busy === 'reject'} disabled={!!busy} onClick={() => void act('reject')} testId={`reject-${item.id}`}>
              {ct('console.review.reject')}
            </Btn>
          </>
        ) : null}
        <Btn small kind="ghost" onClick={() => void Taro.navigateTo({ url: `/${item.page}` })} testId={`open-${item.id}`}>
          {ct('console.review.open')}
        </Btn>
      </View>
    </View>
  );
}

/** 内容审核: texts WeChat's content check sent to review wait here for staff to release or reject. */
export default function ReviewPage() {
  const t = useT();
  const ct = useConsoleT();
  const me = useAppStore((s) => s.me);
  const status = useConsoleStore((s) => s.heldStatus);
  const list = useConsoleStore((s) => s.held);
  const load = useConsoleStore((s) => s.loadHeld);
  const loadMore = useConsoleStore((s) => s.loadMoreHeld);
  const allowed = !!me && MODERATORS.includes(me.role);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed, load]);

  const options = HeldStatuses.map((s) => ({ value: s, label: ct(`console.review.status.${s}` as ConsoleMessageKey) }));
  return (
    <PageShell titleKey="title.review" rootProps={{ 'data-testid': 'staff-review' }}>
      <PageHead title={t('staffNav.review')} subtitle={t('staffNav.review.text')} />
      <StaffGate roles={MODERATORS}>
        <Card>
          <View className="muted review-hint">{ct('console.review.hint')}</View>
          <Chips options={options} value={status} onChange={(s: HeldStatus) => void load(s)} testIdPrefix="review-status" />
        </Card>
        <Card testId="review-list">
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void load()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={ct(`console.review.empty.${status}` as ConsoleMessageKey)} /> : null}
          {list.status !== 'loading' ? list.items.map((i) => <Held key={i.id} item={i} />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
      </StaffGate>
    </PageShell>
  );
}
