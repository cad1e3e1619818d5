import { StaffRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Enterprise } from '@core/api/admin';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useAppStore } from '../../../store';
import { useConsoleStore, type VisitScope } from '../../../store/console';
import { EnterprisePicker } from '../../components/filters';
import { VisitRow } from '../../components/visit-row';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

type Tab = 'mine' | 'all' | 'enterprise';

/** 走访记录: my visits, everyone's, or one enterprise's; the way to record a new one. */
export default function VisitsPage() {
  const t = useConsoleT();
  const router = useRouter();
  const me = useAppStore((s) => s.me);
  const list = useConsoleStore((s) => s.visits);
  const load = useConsoleStore((s) => s.loadVisits);
  const loadMore = useConsoleStore((s) => s.loadMoreVisits);
  const [tab, setTab] = useState<Tab>('mine');
  const [enterprise, setEnterprise] = useState<Enterprise>();
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);
  const scope = (): VisitScope => (tab === 'mine' ? { mine: true } : tab === 'enterprise' && enterprise ? { enterpriseId: enterprise.id } : {});

  useEffect(() => {
    if (!allowed || (tab === 'enterprise' && !enterprise)) return;
    void load(scope());
  }, [allowed, tab, enterprise?.id, router.params.fresh]);

  return (
    <PageShell titleKey="title.visits" rootProps={{ 'data-testid': 'staff-visits' }}>
      <PageHead title={t('staffNav.visits')} subtitle={t('console.visits.subtitle')} />
      <StaffGate roles={StaffRoles}>
        <View style={{ marginBottom: '12px' }}>
          <Btn onClick={() => void Taro.navigateTo({ url: '/staff/pages/visit-new/index' })} testId="visit-new">
            {t('console.visits.new')}
          </Btn>
        </View>
        <Card>
          <Chips
            options={(['mine', 'all', 'enterprise'] as Tab[]).map((v) => ({ value: v, label: t(`console.visits.scope.${v}`) }))}
            value={tab}
            onChange={setTab}
            testIdPrefix="visits-scope"
          />
          {tab === 'enterprise' ? <EnterprisePicker value={enterprise} onChange={setEnterprise} label={t('console.filter.enterprise')} /> : null}
          {list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void load()} />
          {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('console.visits.empty')} /> : null}
          {list.status !== 'loading' && !(tab === 'enterprise' && !enterprise) ? list.items.map((v) => <VisitRow key={v.id} v={v} showEnterprise={tab !== 'enterprise'} />) : null}
          <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
        </Card>
      </StaffGate>
    </PageShell>
  );
}
