import { StaffRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { Enterprise } from '@core/api/admin';
import type { Dashboard } from '@core/api/console';
import type { TicketCategory } from '@core/api/tickets';
import { PageShell } from '../../../components/page-shell';
import { Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { professionLabel } from '../../../labels';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { Chart } from '../../components/chart';
import { Stat } from '../../components/stat';
import { CategoryFilter, EnterprisePicker, initialPeriod, PeriodFilter, type Period } from '../../components/filters';
import { percent, ticketStatusLabel } from '../../console-labels';
import { countAxis, pct, questionSeries } from '../../dashboard-series';
import { useConsoleT, type ConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

/** The community's staff, and the district supervisor looking at one community (from the district overview). */
const READERS = [...StaffRoles, 'district'] as const;

function YearToDate({ d, t }: { d: Dashboard; t: ConsoleT }) {
  const y = d.ytd;
  return (
    <Card title={t('console.ytd.title', { year: y.year })} className="console-wide" testId="dash-ytd">
      <View className="console-stats">
        <Stat value={y.requestsResolved} label={t('console.ytd.requestsResolved')} testId="ytd-requestsResolved" />
        <Stat value={y.enterprisesServed} label={t('console.ytd.enterprisesServed')} testId="ytd-enterprisesServed" />
        <Stat value={y.tickets} label={t('console.ytd.tickets')} testId="ytd-tickets" />
        <Stat value={y.questions} label={t('console.ytd.questions')} testId="ytd-questions" />
        <Stat value={y.consultations} label={t('console.ytd.consultations')} testId="ytd-consultations" />
        <Stat value={y.visits} label={t('console.ytd.visits')} testId="ytd-visits" />
      </View>
    </Card>
  );
}

function Panels({ d }: { d: Dashboard }) {
  const t = useConsoleT();
  const q = questionSeries(d.questions.perDay);
  const statuses = d.tickets.byStatus.filter((s) => s.count > 0);
  const rung = (r: number) => d.tickets.escalationsByRung.find((e) => e.rung === r)?.count ?? 0;
  const clinic = d.clinic.byProfession;
  const months = d.satisfaction.byMonth;
  const qAxis = countAxis(q.asked);
  const tAxis = countAxis(statuses.map((s) => s.count));
  const cAxis = countAxis(clinic.map((c) => c.seats));
  const yCounts = (a: { max: number; splitNumber: number }) => ({ gridType: 'dash', dashLength: 4, splitNumber: a.splitNumber, data: [{ min: 0, max: a.max, fontSize: 11 }] });
  return (
    <View className="console-grid console-grid--3">
      <YearToDate d={d} t={t} />
      <Card title={t(q.byMonth ? 'console.chart.questionsByMonth' : 'console.chart.questions')} testId="dash-questions" className="console-wide2">
        <View className="console-figure" data-testid="dash-questions-figure" data-total={String(d.questions.total)} data-ontime={String(d.questions.answeredOnTime)}>
          {t('console.chart.onTimeRate', { rate: percent(d.questions.onTimeRate), onTime: d.questions.answeredOnTime, total: d.questions.total })}
        </View>
        <Chart
          id="chart-questions"
          type="column"
          label={t(q.byMonth ? 'console.chart.questionsByMonth' : 'console.chart.questions')}
          categories={q.categories}
          series={[
            { name: t('console.chart.asked'), data: q.asked },
            { name: t('console.chart.onTime'), data: q.onTime },
          ]}
          options={{
            dataLabel: q.categories.length <= 7,
            yAxis: yCounts(qAxis),
            extra: { column: { type: 'group', width: q.categories.length > 20 ? 6 : 14, seriesGap: 1 } },
          }}
        />
      </Card>
      <Card title={t('console.chart.tickets')} testId="dash-tickets">
        <View className="console-figure" data-testid="dash-tickets-figure" data-total={String(d.tickets.total)}>
          {t('console.chart.ticketsTotal', { n: d.tickets.total })}
        </View>
        {statuses.length ? (
          <Chart
            id="chart-tickets"
            type="bar"
            label={t('console.chart.tickets')}
            categories={statuses.map((s) => ticketStatusLabel(t, s.status))}
            series={[{ name: t('console.chart.ticketsTotal', { n: d.tickets.total }), data: statuses.map((s) => s.count) }]}
            height={Math.max(160, statuses.length * 34 + 40)}
            options={{ legend: { show: false }, xAxis: { boundaryGap: 'justify', disableGrid: false, gridType: 'dash', fontSize: 11, min: 0, max: tAxis.max, splitNumber: tAxis.splitNumber }, yAxis: {}, extra: { bar: { width: 18 } } }}
          />
        ) : (
          <View className="muted">{t('console.chart.noData')}</View>
        )}
      </Card>
      <Card title={`${t('console.chart.overdue')} · ${t('console.chart.escalations')}`} testId="dash-escalations">
        <View className="console-stats">
          <Stat value={d.tickets.overdue} label={t('console.chart.overdue')} warn={d.tickets.overdue > 0} testId="dash-overdue" />
          <Stat value={rung(1)} label={t('console.rung.1')} testId="dash-rung-1" />
          <Stat value={rung(2)} label={t('console.rung.2')} testId="dash-rung-2" />
        </View>
      </Card>
      <Card title={t('console.chart.clinic')} testId="dash-clinic">
        <View className="console-figure" data-testid="dash-clinic-figure">
          {t('console.chart.utilisation', { rate: percent(d.clinic.utilisation) })} · {t('console.chart.noShowRate', { rate: percent(d.clinic.noShowRate) })}
        </View>
        {clinic.length ? (
          <Chart
            id="chart-clinic"
            type="column"
            label={t('console.chart.clinic')}
            categories={clinic.map((c) => professionLabel(t, c.profession))}
            series={[
              { name: t('console.chart.seats'), data: clinic.map((c) => c.seats) },
              { name: t('console.chart.booked'), data: clinic.map((c) => c.booked) },
              { name: t('console.chart.attended'), data: clinic.map((c) => c.attended) },
              { name: t('console.chart.noShow'), data: clinic.map((c) => c.noShow) },
            ]}
            options={{ yAxis: yCounts(cAxis), extra: { column: { type: 'group', width: 10, seriesGap: 1 } } }}
          />
        ) : (
          <View className="muted">{t('console.chart.noData')}</View>
        )}
      </Card>
      <Card title={t('console.chart.satisfaction')} testId="dash-satisfaction">
        <View className="console-figure" data-testid="dash-satisfaction-figure" data-count={String(d.satisfaction.count)}>
          {t('console.chart.satisfactionTotal', { rate: percent(d.satisfaction.rate), n: d.satisfaction.count })}
        </View>
        {months.length ? (
          <Chart
            id="chart-satisfaction"
            type="line"
            label={t('console.chart.satisfaction')}
            categories={months.map((m) => m.month)}
            series={[{ name: `${t('console.chart.satisfactionRate')} (%)`, data: months.map((m) => pct(m.rate)) }]}
            options={{ yAxis: { gridType: 'dash', dashLength: 4, splitNumber: 5, data: [{ min: 0, max: 100, fontSize: 11, unit: '%' }] }, extra: { line: { type: 'straight', width: 2 } } }}
          />
        ) : (
          <View className="muted">{t('console.chart.noData')}</View>
        )}
      </Card>
    </View>
  );
}

/** 数据看板: the service loop at a glance, filtered by period, category and enterprise. */
export default function DashboardPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const dashboard = useConsoleStore((s) => s.dashboard);
  const load = useConsoleStore((s) => s.loadDashboard);
  const params = useRouter().params;
  const district = me?.role === 'district';
  // The district overview opens a community's dashboard with its period.
  const communityId = district ? params.communityId : undefined;
  const communityName = useConsoleStore((s) => s.district.data?.communities.find((c) => c.communityId === communityId));
  const locale = useAppStore((s) => s.locale);
  const [period, setPeriod] = useState<Period>(() =>
    params.from && params.to && /^\d{4}-\d{2}-\d{2}$/.test(params.from) && /^\d{4}-\d{2}-\d{2}$/.test(params.to) ? { preset: 'custom', from: params.from, to: params.to } : initialPeriod('month'),
  );
  const [category, setCategory] = useState<TicketCategory>();
  const [enterprise, setEnterprise] = useState<Enterprise>();
  const allowed = (!!me && (StaffRoles as readonly string[]).includes(me.role)) || (district && !!communityId);
  const filter = { from: period.from, to: period.to, category, enterpriseId: enterprise?.id, communityId };

  useEffect(() => {
    if (allowed) void load(filter);
  }, [allowed, period.from, period.to, category, enterprise?.id, communityId]);

  return (
    <PageShell titleKey="title.dashboard" rootProps={{ 'data-testid': 'staff-dashboard', 'data-console': 'wide' }}>
      <PageHead
        title={t('staffNav.dashboard')}
        subtitle={communityName ? (locale === 'en' && communityName.nameEn ? communityName.nameEn : communityName.name) : t('console.dashboard.subtitle')}
      />
      <StaffGate roles={READERS}>
        <Card testId="dash-filters">
          <View className="console-filters">
            <PeriodFilter value={period} onChange={setPeriod} />
            {/* Enterprises are a community's own records: the district looks at figures only. */}
            {district ? null : <EnterprisePicker value={enterprise} onChange={setEnterprise} allowAll label={t('console.filter.enterprise')} />}
          </View>
          <CategoryFilter value={category} onChange={setCategory} />
        </Card>
        {dashboard.status === 'loading' && !dashboard.data ? <Loading /> : null}
        <ErrorNote error={dashboard.error} onRetry={() => void load(filter)} />
        {dashboard.data ? (
          <View data-testid="dash-panels" data-filter={dashboard.key} data-status={dashboard.status}>
            <Panels d={dashboard.data} />
          </View>
        ) : null}
      </StaffGate>
    </PageShell>
  );
}
