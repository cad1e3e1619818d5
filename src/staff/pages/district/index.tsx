import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { DistrictCommunityRow } from '@core/api/console';
import { PageShell } from '../../../components/page-shell';
import { Card, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { initialPeriod, PeriodFilter, type Period } from '../../components/filters';
import { Stat } from '../../components/stat';
import { percent } from '../../console-labels';
import { useConsoleT, type ConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

const DISTRICT = ['district'] as const;

/** One community's figures; the whole row opens its dashboard. */
function CommunityRow({ r, period, t, en }: { r: DistrictCommunityRow; period: Period; t: ConsoleT; en: boolean }) {
  const open = () => void Taro.navigateTo({ url: `/staff/pages/dashboard/index?communityId=${encodeURIComponent(r.communityId)}&from=${period.from}&to=${period.to}` });
  const cells: Array<[string, string | number, boolean?]> = [
    [t('district.col.questions'), r.questions],
    [t('district.col.onTime'), percent(r.onTimeRate)],
    [t('district.col.tickets'), r.tickets],
    [t('district.col.open'), r.open],
    [t('district.col.overdue'), r.overdue, r.overdue > 0],
    [t('district.col.escalated'), r.escalated, r.escalated > 0],
    [t('district.col.satisfaction'), r.evaluations ? percent(r.satisfactionRate) : '—'],
    [t('district.col.resolved'), r.requestsResolved],
    [t('district.col.served'), r.enterprisesServed],
    [t('district.col.holidays', { year: r.holidayArrangement.year }), t(r.holidayArrangement.missing ? 'district.holidays.missing' : 'district.holidays.ok'), r.holidayArrangement.missing],
  ];
  return (
    <View className="list-item district-row" hoverClass="btn--hover" onClick={open} data-testid={`district-row-${r.communityId}`} data-questions={r.questions} data-tickets={r.tickets} data-holidays={r.holidayArrangement.missing ? 'missing' : 'ok'}>
      <View className="console-row__top">
        <View className="list-item__title">{en && r.nameEn ? r.nameEn : r.name}</View>
        <View className="muted">{t('district.open')} ›</View>
      </View>
      <View className="district-cells">
        {cells.map(([k, v, warn]) => (
          <View key={k} className="district-cell">
            <View className={`district-cell__value${warn ? ' console-stat__value--warn' : ''}`}>{v}</View>
            <View className="district-cell__label">{k}</View>
          </View>
        ))}
      </View>
    </View>
  );
}

/** 区级总览: the district supervisor sees every community's service loop side by side. */
export default function DistrictPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const en = useAppStore((s) => s.locale) === 'en';
  const district = useConsoleStore((s) => s.district);
  const load = useConsoleStore((s) => s.loadDistrict);
  const [period, setPeriod] = useState<Period>(initialPeriod('year'));
  const allowed = me?.role === 'district';
  const { from, to } = period;

  useEffect(() => {
    if (allowed) void load({ from, to });
  }, [allowed, load, from, to]);

  const d = district.data;
  return (
    <PageShell titleKey="title.district" rootProps={{ 'data-testid': 'staff-district', 'data-console': 'wide' }}>
      <PageHead title={t('district.title')} subtitle={t('district.subtitle')} />
      <StaffGate roles={DISTRICT}>
        <Card>
          <PeriodFilter value={period} onChange={setPeriod} />
        </Card>
        {district.status === 'loading' && !d ? <Loading /> : null}
        <ErrorNote error={district.error} onRetry={() => void load(period)} />
        {d ? (
          <View data-testid="district-panels" data-status={district.status} data-communities={d.communities.length}>
            <Card title={t('district.totals', { n: d.communities.length })} testId="district-totals">
              <View className="console-stats">
                <Stat value={d.totals.requestsResolved} label={t('district.col.resolved')} testId="district-total-resolved" />
                <Stat value={d.totals.enterprisesServed} label={t('district.col.served')} />
                <Stat value={d.totals.questions} label={t('district.col.questions')} testId="district-total-questions" />
                <Stat value={percent(d.totals.onTimeRate)} label={t('district.col.onTime')} />
                <Stat value={d.totals.tickets} label={t('district.col.tickets')} testId="district-total-tickets" />
                <Stat value={d.totals.overdue} label={t('district.col.overdue')} warn={d.totals.overdue > 0} />
                <Stat value={d.totals.escalated} label={t('district.col.escalated')} />
                <Stat value={d.totals.evaluations ? percent(d.totals.satisfactionRate) : '—'} label={t('district.col.satisfaction')} />
                <Stat
                  value={d.totals.holidayArrangementMissing}
                  label={t('district.holidays.missingTotal', { year: d.communities[0]?.holidayArrangement.year ?? '' })}
                  warn={d.totals.holidayArrangementMissing > 0}
                  testId="district-total-holidays-missing"
                />
              </View>
            </Card>
            <Card title={t('district.communities')}>
              {d.communities.length === 0 ? <Empty text={t('district.none')} /> : null}
              {d.communities.map((r) => (
                <CommunityRow key={r.communityId} r={r} period={period} t={t} en={en} />
              ))}
            </Card>
          </View>
        ) : null}
      </StaffGate>
    </PageShell>
  );
}
