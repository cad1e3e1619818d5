import { StaffRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ProblemItem, ProblemSummary } from '@core/api/console';
import type { TicketCategory } from '@core/api/tickets';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { ExportLink } from '../../components/export-link';
import { CategoryFilter, initialPeriod, PeriodFilter, type Period } from '../../components/filters';
import { categoryLabel, problemStatusKind, problemStatusLabel, qaCategoryLabel } from '../../console-labels';
import { useConsoleT, type ConsoleMessageKey, type ConsoleT } from '../../i18n';
import { themeKind } from '../../problem-groups';
import { enterpriseName } from '../../../labels';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

/** Where an item can be read: a visit problem on its visit, a question or a ticket on its page. */
function itemUrl(i: ProblemItem): string {
  if (i.source === 'visit') return `/staff/pages/visit/index?id=${encodeURIComponent(i.id.split(':')[0])}`;
  if (i.source === 'question') return `/qa/pages/detail/index?id=${encodeURIComponent(i.id)}`;
  return `/tickets/pages/detail/index?id=${encodeURIComponent(i.id)}`;
}

/** A theme in the reader's words: a category key becomes its label; what staff wrote stays as written. */
function themeLabel(t: ConsoleT, category: TicketCategory, theme: string): string | undefined {
  const k = themeKind(category, theme);
  if (k.kind === 'none') return undefined;
  if (k.kind === 'qa') return qaCategoryLabel(t, k.key);
  if (k.kind === 'ticket') return categoryLabel(t, k.key);
  return k.text;
}

/** The period per category, from the daily figures (questions and demands). */
function Summary({ rows }: { rows: ProblemSummary[] }) {
  const t = useConsoleT();
  return (
    <Card title={t('console.problems.summary')} testId="problem-summary">
      {rows.map((r) => (
        <View key={r.category} className="list-item" data-testid={`problem-summary-${r.category}`} data-questions={String(r.questions)} data-demands={String(r.demands)}>
          <View className="list-item__title">{categoryLabel(t, r.category)}</View>
          <View className="list-item__meta">{t('console.problems.summaryRow', { questions: r.questions, answered: r.answered, demands: r.demands, done: r.done })}</View>
        </View>
      ))}
      <View className="muted" style={{ marginTop: '8px' }}>
        {t('console.problems.summaryNote')}
      </View>
    </Card>
  );
}

function Item({ i }: { i: ProblemItem }) {
  const t = useConsoleT();
  const locale = useAppStore((s) => s.locale);
  const theme = themeLabel(t, i.category, i.theme);
  return (
    <View className="console-problem console-row" onClick={() => void Taro.navigateTo({ url: itemUrl(i) })} data-testid="problem-item" data-category={i.category} data-source={i.source} data-status={i.status}>
      <View className="console-row__top">
        <View>
          <View className="console-kind">
            {t(`console.source.${i.source}` as ConsoleMessageKey)} · {categoryLabel(t, i.category)}
            {theme ? ` · ${theme}` : ''}
          </View>
          {enterpriseName(locale, i.enterpriseName ? { name: i.enterpriseName, nameEn: i.enterpriseNameEn } : undefined) ?? ''}
        </View>
        <Badge kind={problemStatusKind(i.status)}>{problemStatusLabel(t, i.status)}</Badge>
      </View>
      <View style={{ marginTop: '6px' }}>{i.description}</View>
      <View className="list-item__meta">{formatDate(i.at)}</View>
    </View>
  );
}

/** 企业问题清单: the period's problems from visits, questions and tickets, newest first a page at a time, with the figures per category; the whole list is the export. */
export default function ProblemsPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const problems = useConsoleStore((s) => s.problems);
  const load = useConsoleStore((s) => s.loadProblems);
  const loadMore = useConsoleStore((s) => s.loadMoreProblems);
  const makeExport = useConsoleStore((s) => s.makeExport);
  const lastExport = useConsoleStore((s) => s.lastExport);
  const [period, setPeriod] = useState<Period>(initialPeriod('month'));
  const [category, setCategory] = useState<TicketCategory>();
  const { busy: exporting, error: exportError, run } = useWrite();
  const [exported, setExported] = useState<string>();
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void load({ from: period.from, to: period.to, category });
  }, [allowed, load, period.from, period.to, category]);

  const doExport = async () => {
    const input = { kind: 'problems' as const, from: period.from, to: period.to };
    await run(input, async (key) => {
      const r = await makeExport(input, key);
      setExported(r.id);
    });
  };

  const list = problems.data;
  return (
    <PageShell titleKey="title.problems" rootProps={{ 'data-testid': 'staff-problems' }}>
      <PageHead title={t('staffNav.problems')} subtitle={t('console.problems.subtitle')} />
      <StaffGate roles={StaffRoles}>
        <Card>
          <PeriodFilter value={period} onChange={setPeriod} />
          <CategoryFilter value={category} onChange={setCategory} />
          <View className="btn-row">
            <Btn kind="secondary" small busy={exporting} onClick={() => void doExport()} testId="problems-export">
              {t('console.problems.export')}
            </Btn>
          </View>
          <ErrorNote error={exportError} />
          {lastExport && lastExport.id === exported ? <ExportLink result={lastExport} /> : null}
        </Card>
        {list?.summary?.length ? <Summary rows={list.summary} /> : null}
        <Card title={t('console.problems.list')} testId="problem-list">
          {problems.status === 'loading' && !list ? <Loading /> : null}
          <ErrorNote error={problems.error} onRetry={() => void load({ from: period.from, to: period.to, category })} />
          {list && list.items.length === 0 ? <Empty text={t('console.problems.empty')} /> : null}
          {list ? list.items.map((i) => <Item key={`${i.source}-${i.id}`} i={i} />) : null}
          <LoadMore hasMore={!!list?.nextCursor && problems.status === 'ready'} loading={problems.loadingMore} onMore={() => void loadMore()} />
          {list && list.items.length > 0 ? (
            <View className="muted" data-testid="problem-shown">
              {t('console.problems.shown', { n: list.items.length })}
              {list.nextCursor ? '+' : ''}
            </View>
          ) : null}
        </Card>
      </StaffGate>
    </PageShell>
  );
}
