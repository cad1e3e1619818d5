import { View } from '@tarojs/components';
import { useEffect } from 'react';
import type { AuditEntry } from '@core/api/admin';
import { CuratorRoles, Roles, type Role } from '@core/api/roles';
import { PageShell } from '../../../components/page-shell';
import { Badge, Card, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { i18n, useT, type MessageKey, type TFunction } from '../../../i18n';
import { formatDate, roleLabel } from '../../../labels';
import { useAppStore } from '../../../store';
import { useAdminStore } from '../../../store/admin';
import { StaffGate } from '../../staff-gate';


const isRole = (v: string | undefined): v is Role => !!v && (Roles as readonly string[]).includes(v);

function actionLabel(t: TFunction, locale: string, action: string): string {
  const key = `audit.action.${action}`;
  return i18n.exists(key, { lng: locale }) ? t(key as MessageKey) : action;
}

function Entry({ a }: { a: AuditEntry }) {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const change = a.from || a.to ? `${isRole(a.from) ? roleLabel(t, a.from) : a.from ?? '—'} → ${isRole(a.to) ? roleLabel(t, a.to) : a.to ?? '—'}` : undefined;
  return (
    <View className="list-item" data-testid="audit-entry" data-action={a.action}>
      <View className="list-item__row">
        <View className="list-item__title">
          {actionLabel(t, locale, a.action)}
          {change ? <Badge kind="muted">{change}</Badge> : null}
        </View>
        <View className="muted">{formatDate(a.at, true)}</View>
      </View>
      <View className="list-item__meta">{t('audit.actor', { who: a.actorName ? `${a.actorName} (${a.actorOpenid})` : a.actorOpenid })}</View>
      {a.targetOpenid ? <View className="list-item__meta">{t('audit.target', { who: a.targetOpenid })}</View> : null}
      {a.note ? <View className="list-item__meta">{t('audit.note', { note: a.note })}</View> : null}
    </View>
  );
}

export default function AuditPage() {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const list = useAdminStore((s) => s.audit);
  const load = useAdminStore((s) => s.loadAudit);
  const loadMore = useAdminStore((s) => s.loadMoreAudit);
  const allowed = !!me && (CuratorRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void load();
  }, [allowed]);

  return (
    <PageShell titleKey="title.audit" rootProps={{ 'data-testid': 'staff-audit' }}>
      <PageHead title={t('staffNav.audit')} subtitle={t('staffNav.audit.text')} />
      <StaffGate roles={CuratorRoles}>
        <Card>
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void load()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('audit.empty')} /> : null}
          {list.status !== 'loading' ? list.items.map((a) => <Entry key={a.id} a={a} />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
      </StaffGate>
    </PageShell>
  );
}
