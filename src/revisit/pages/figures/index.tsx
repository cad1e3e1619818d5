import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { QaCategories } from '@core/api/qa';
import { CaseKinds, POOR_SCORE, SATISFIED_SCORE, type CaseKind, type RateRow, type SatisfactionFigures } from '@core/api/revisit';
import { Professions } from '@core/api/roles';
import { TicketCategories } from '@core/api/tickets';
import type { MessageKey } from '../../../i18n';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useRevisitStore } from '../../../store/revisit';
import { CampaignStats } from '../../components/campaign-stats';
import { RevisitGate } from '../../components/revisit-gate';
import { Stars } from '../../components/stars';
import { useRevisitT, type RevisitT } from '../../i18n';
import { beijingYear, caseKindLabel, isStaffSide, pct, score } from '../../revisit-labels';
import '../../revisit.css';

/** 满意度: a year's satisfaction as big numbers against last year, then tables with bars. */
export default function RevisitFiguresPage() {
  const t = useRevisitT();
  return (
    <PageShell titleKey="title.revisitFigures" rootProps={{ 'data-testid': 'revisit-figures' }}>
      <PageHead title={t('title.revisitFigures')} subtitle={t('revisit.figures.subtitle')} />
      <RevisitGate allowed={isStaffSide}>
        <Figures />
      </RevisitGate>
    </PageShell>
  );
}

function Figures() {
  const t = useRevisitT();
  const me = useAppStore((s) => s.me)!;
  const figures = useRevisitStore((s) => s.figures);
  const load = useRevisitStore((s) => s.loadFigures);
  const [year, setYear] = useState(beijingYear());
  useEffect(() => {
    void load(year);
  }, [load, year, me.openid]);
  const f = figures.key === String(year) ? figures.data : undefined;
  return (
    <View data-testid="revisit-figures-year" data-year={year}>
      <View className="btn-row" style={{ marginBottom: '16px', alignItems: 'center' }}>
        <Btn small kind="ghost" onClick={() => setYear((y) => y - 1)} testId="revisit-figures-prev">
          {`‹ ${t('revisit.figures.prevYear')}`}
        </Btn>
        <View className="page__title" style={{ textAlign: 'center', flex: 1 }}>
          {year}
        </View>
        <Btn small kind="ghost" disabled={year >= beijingYear()} onClick={() => setYear((y) => y + 1)} testId="revisit-figures-next">
          {`${t('revisit.figures.nextYear')} ›`}
        </Btn>
      </View>
      {f ? <Body f={f} t={t} /> : figures.status === 'error' ? <ErrorNote error={figures.error} onRetry={() => void load(year)} /> : <Loading />}
    </View>
  );
}

function Body({ f, t }: { f: SatisfactionFigures; t: RevisitT }) {
  const ly = f.lastYear;
  // No ratings: a dash, not a 0% that reads as "nobody satisfied".
  const none = f.evaluations === 0;
  const lyNone = ly.evaluations === 0;
  const stats: Array<[string, string, string, string]> = [
    ['evaluations', t('revisit.figures.evaluations'), String(f.evaluations), String(ly.evaluations)],
    ['satisfaction', t('revisit.fig.satisfaction'), none ? '—' : pct(f.satisfactionRate), lyNone ? '—' : pct(ly.satisfactionRate)],
    ['average', t('revisit.fig.average'), none ? '—' : score(f.averageScore), lyNone ? '—' : score(ly.averageScore)],
    ['nps', t('revisit.figures.nps'), none ? '—' : String(Math.round(f.nps)), lyNone ? '—' : String(Math.round(ly.nps))],
  ];
  return (
    <>
      <Card testId="revisit-figures-stats">
        <View className="revisit-stats">
          {stats.map(([k, label, value, last]) => (
            <View key={k} className="revisit-stat" data-testid={`revisit-figure-${k}`} data-value={value}>
              <View className="revisit-stat__value">{value}</View>
              <View className="revisit-stat__label">{label}</View>
              <View className="revisit-stat__sub">{t('revisit.figures.lastYear', { value: last })}</View>
            </View>
          ))}
        </View>
      </Card>
      <Card title={t('revisit.figures.campaign', { year: f.year })} testId="revisit-figures-campaign">
        {f.campaign ? (
          <View className="revisit-row" onClick={() => void Taro.navigateTo({ url: `/revisit/pages/campaign/index?id=${encodeURIComponent(f.campaign!.id)}` })}>
            <CampaignStats c={f.campaign} />
          </View>
        ) : (
          <View className="muted">{t('revisit.figures.noCampaign')}</View>
        )}
      </Card>
      <View className="revisit-grid">
        <Card title={t('revisit.figures.byMonth')} testId="revisit-figures-by-month">
          <RateTable t={t} first={t('revisit.figures.col.month')} rows={f.byMonth.map((m) => ({ key: m.month, label: m.month, count: m.count, rate: m.rate }))} />
        </Card>
        <Card title={t('revisit.figures.byCaseKind')} testId="revisit-figures-by-kind">
          <RateTable t={t} rows={f.byCaseKind.map((r) => ({ ...r, label: caseKindLabel(t, r.key as 'ticket') }))} />
        </Card>
        <Card title={t('revisit.figures.byCategory')} testId="revisit-figures-by-category">
          <RateTable t={t} rows={f.byCategory.map((r) => ({ ...r, label: categoryName(t, r) }))} />
        </Card>
        <Card title={t('revisit.figures.byUnit')} testId="revisit-figures-by-unit">
          <RateTable t={t} rows={f.byUnit} />
        </Card>
        <Card title={t('revisit.figures.byVolunteer')} testId="revisit-figures-by-volunteer">
          <RateTable t={t} rows={f.byVolunteer} />
        </Card>
      </View>
      <Ratings t={t} />
    </>
  );
}

/** 评价记录: the ratings themselves, newest first, all or only the poor ones (read-only: nobody edits a rating). */
function Ratings({ t }: { t: RevisitT }) {
  const list = useRevisitStore((s) => s.evaluations);
  const filter = useRevisitStore((s) => s.evaluationFilter);
  const load = useRevisitStore((s) => s.loadEvaluations);
  const loadMore = useRevisitStore((s) => s.loadMoreEvaluations);
  // Opened with the filter it had when last shown.
  useEffect(() => {
    void load(useRevisitStore.getState().evaluationFilter);
  }, [load]);
  const value = filter.maxOverall ? 'poor' : 'all';
  return (
    <Card title={t('revisit.evaluations.title')} testId="revisit-evaluations">
      <View style={{ marginBottom: '12px' }}>
        <Chips<'all' | 'poor'>
          options={(['all', 'poor'] as const).map((v) => ({ value: v, label: t(`revisit.evaluations.${v}`) }))}
          value={value}
          onChange={(v) => void load(v === 'poor' ? { maxOverall: POOR_SCORE } : {})}
          testIdPrefix="revisit-evaluations-filter"
        />
      </View>
      {list.status === 'loading' ? <Loading /> : null}
      <ErrorNote error={list.error} onRetry={() => void load(filter)} />
      {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('revisit.evaluations.empty')} /> : null}
      {list.status !== 'loading'
        ? list.items.map((e) => (
            <View key={e.id} className="list-item" data-testid="revisit-evaluation" data-overall={e.overall}>
              <View className="revisit-row__top">
                <View className="list-item__title">{e.caseTitle}</View>
                <Badge kind="muted">{caseKindLabel(t, e.caseKind)}</Badge>
              </View>
              <View className="revisit-actions">
                <Stars value={e.overall} />
                {e.consequence ? <Badge kind="bad">{t(e.consequence.kind === 'reopened' ? 'revisit.evaluations.reopened' : 'revisit.evaluations.followUp')}</Badge> : null}
              </View>
              {e.comment ? <View className="revisit-text">{e.comment}</View> : null}
              <View className="list-item__meta">
                {[e.raterName && e.enterpriseName ? t('revisit.evaluations.by', { name: e.raterName, enterprise: e.enterpriseName }) : e.raterName ?? e.enterpriseName ?? '', formatDate(e.at, true)].filter(Boolean).join(' · ')}
              </View>
            </View>
          ))
        : null}
      <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
    </Card>
  );
}

/**
 * A category row's name: its key is `<caseKind>.<category>` (ticket.permit, question.tax,
 * consultation.lawyer), shown as the kind and the category in words ("企业诉求 · 审批许可").
 */
function categoryName(t: RevisitT, r: RateRow): string {
  const [kind, cat] = r.key.split('.');
  const k = CaseKinds.includes(kind as CaseKind) ? caseKindLabel(t, kind as CaseKind) : '';
  const known =
    kind === 'ticket' && (TicketCategories as readonly string[]).includes(cat)
      ? t(`revisit.category.${cat}` as 'revisit.category.other')
      : kind === 'question' && (QaCategories as readonly string[]).includes(cat)
        ? t(`revisit.qaCategory.${cat}` as 'revisit.qaCategory.other')
        : kind === 'consultation' && (Professions as readonly string[]).includes(cat)
          ? t(`profession.${cat}` as MessageKey)
          : undefined;
  return known && k ? `${k} · ${known}` : r.label ?? r.key;
}

/** Name, a bar of the satisfied share, count, share, average: a table anyone can read. */
function RateTable({ t, rows, first }: { t: RevisitT; rows: Array<{ key: string; label?: string; count: number; rate: number; average?: number }>; first?: string }) {
  if (!rows.length) return <View className="muted">{t('revisit.figures.empty')}</View>;
  const withAverage = rows.some((r) => r.average !== undefined);
  return (
    <View className="revisit-table">
      <View className="revisit-table__row revisit-table__head">
        <View className="revisit-table__name">{first ?? t('revisit.figures.col.name')}</View>
        <View className="revisit-table__bar" style={{ background: 'transparent' }} />
        <View className="revisit-table__num">{t('revisit.figures.col.count')}</View>
        <View className="revisit-table__num">{t('revisit.figures.col.rate')}</View>
        {withAverage ? <View className="revisit-table__num">{t('revisit.figures.col.average')}</View> : null}
      </View>
      {rows.map((r) => (
        <View key={r.key} className="revisit-table__row" data-testid="revisit-rate-row" data-key={r.key}>
          <View className="revisit-table__name">{r.label ?? r.key}</View>
          <View className="revisit-table__bar">
            <View className={`revisit-table__fill${r.average !== undefined && r.average < SATISFIED_SCORE && r.rate < 0.6 ? ' revisit-table__fill--low' : ''}`} style={{ width: `${Math.max(0, Math.min(100, Math.round(r.rate * 100)))}%` }} />
          </View>
          <View className="revisit-table__num">{r.count}</View>
          <View className="revisit-table__num">{r.count ? pct(r.rate) : '—'}</View>
          {withAverage ? <View className="revisit-table__num">{r.count ? score(r.average) : '—'}</View> : null}
        </View>
      ))}
    </View>
  );
}
