import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { InboxItem } from '@core/api/notify';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, LoadMore, Loading } from '../../../components/ui';
import { useInboxT, type InboxMessageKey } from '../../i18n';
import type { ApiError } from '../../../services/api-error';
import { toApiError } from '../../../services/api-error';
import { userApi } from '../../../services/api/user';
import { useAppStore } from '../../../store';
import { useTodos } from '../../../store/notify-count';

/** 消息: newest first, unread marked; a tap marks it read and opens its case; "mark all read". Paged by the server's cursor. */
export default function InboxPage() {
  const t = useInboxT();
  const me = useAppStore((s) => s.me);
  const locale = useAppStore((s) => s.locale);
  const setUnread = useTodos((s) => s.setUnread);
  const [items, setItems] = useState<InboxItem[] | undefined>();
  const [cursor, setCursor] = useState<string | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const [more, setMore] = useState(false);

  const load = async () => {
    try {
      const page = await userApi.inbox({});
      setItems(page.items);
      setCursor(page.nextCursor);
      setUnread(page.unread);
      setError(undefined);
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const loadMore = async () => {
    if (!cursor) return;
    setMore(true);
    try {
      const page = await userApi.inbox({ cursor });
      setItems([...(items ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setMore(false);
    }
  };
  useEffect(() => {
    if (me) void load();
  }, [me?.openid]);
  useDidShow(() => {
    if (items) void load();
  });

  const open = async (i: InboxItem) => {
    if (!i.read) {
      setItems((items ?? []).map((x) => (x.id === i.id ? { ...x, read: true } : x)));
      try {
        setUnread((await userApi.markRead({ id: i.id })).unread);
      } catch {
        // Read or not, the case opens.
      }
    }
    void Taro.navigateTo({ url: `/${i.page}` });
  };
  const allRead = async () => {
    try {
      setUnread((await userApi.markAllRead()).unread);
      setItems((items ?? []).map((x) => ({ ...x, read: true })));
    } catch (e) {
      setError(toApiError(e));
    }
  };
  const when = (iso: string) => new Date(iso).toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

  return (
    <PageShell titleKey="inbox.title" rootProps={{ 'data-testid': 'inbox' }}>
      <View className="inbox__bar">
        <Btn kind="ghost" testId="inbox-settings" onClick={() => void Taro.navigateTo({ url: '/inbox/pages/settings/index' })}>
          {t('notify.settings.title')}
        </Btn>
        <Btn kind="secondary" testId="inbox-all-read" disabled={!items?.some((i) => !i.read)} onClick={() => void allRead()}>
          {t('inbox.allRead')}
        </Btn>
      </View>
      <Card>
        <ErrorNote error={error} onRetry={() => void load()} />
        {!items && !error ? <Loading /> : null}
        {items && items.length === 0 ? <Empty text={t('inbox.empty')} /> : null}
        {(items ?? []).map((i) => (
          <View key={i.id} className={`inbox-item${i.read ? '' : ' inbox-item--unread'}`} hoverClass="btn--hover" data-testid="inbox-item" data-kind={i.kind} data-read={String(i.read)} onClick={() => void open(i)}>
            <View className="inbox-item__head">
              {!i.read ? <View className="inbox-item__dot" /> : null}
              <View className="inbox-item__kind">{t(`inbox.kind.${i.kind}` as InboxMessageKey)}</View>
              {i.push === 'sent' ? <Badge kind="muted">{t('inbox.pushed')}</Badge> : null}
            </View>
            <View className="inbox-item__subject">{i.subject}</View>
            <View className="inbox-item__time">{when(i.createdAt)}</View>
          </View>
        ))}
        <LoadMore hasMore={!!cursor} loading={more} onMore={() => void loadMore()} />
      </Card>
    </PageShell>
  );
}
