import { StaffRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ProblemItem } from '@core/api/console';
import type { TicketCategory } from '@core/api/tickets';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { ExportLink } from '../../components/export-link';
import { CategoryFilter, initialPeriod, PeriodFilter, type Period } from '../../components/filters';
import { categoryLabel, problemStatusKind, problemStatusLabel, qaCategoryLabel } from '../../console-labels';
import { useConsoleT, type ConsoleMessageKey, type ConsoleT } from '../../i18n';
import { byCategory, themeKind, type CategoryGroup } from '../../problem-groups';
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
function themeLabel(t: ConsoleT, g: CategoryGroup, theme: string): string {
  const k = themeKind(g.category, theme);
  if (k.kind === 'none') return t('console.problems.noTheme');
  if (k.kind === 'qa') return qaCategoryLabel(t, k.key);
  if (k.kind === 'ticket') return categoryLabel(t, k.key);
  return k.text;
}

function Group({ g, index }: { g: CategoryGroup; index: number }) {
  const t = useConsoleT();
  const locale = useAppStore((s) => s.locale);
  const [open, setOpen] = useState(false);
  return (
    <View className="list-item" data-testid={`problem-group-${index}`} data-category={g.category} data-themes={g.themes.map((x) => x.theme).join('|')} data-count={String(g.count)}>
      <View className="console-group__head" onClick={() => setOpen(!open)} data-testid={`problem-group-${index}-toggle`} role="button" aria-expanded={open ? 'true' : 'false'}>
        <View>
          <View className="list-item__title">{categoryLabel(t, g.category)}</View>
          <View className="list-item__meta" data-testid={`problem-group-${index}-themes`}>
            {t('console.problems.themes', { themes: g.themes.map((x) => `${themeLabel(t, g, x.theme)} ${x.count}`).join(' · ') })}
          </View>
          <View className="list-item__meta">{t('console.problems.counts', { open: g.open, ticketed: g.ticketed, resolved: g.resolved, enterprises: g.enterprises })}</View>
        </View>
        <View className="console-group__count">
          {g.count} {open ? '▴' : '▾'}
        </View>
      </View>
      {open
        ? g.items.map((i) => (
            <View key={`${i.source}-${i.id}`} className="console-problem console-row" onClick={() => void Taro.navigateTo({ url: itemUrl(i) })} data-testid="problem-item">
              <View className="console-row__top">
                <View>
                  <View className="console-kind">{t(`console.source.${i.source}` as ConsoleMessageKey)}</View>
                  {enterpriseName(locale, i.enterpriseName ? { name: i.enterpriseName, nameEn: i.enterpriseNameEn } : undefined) ?? ''}
                </View>
                <Badge kind={problemStatusKind(i.status)}>{problemStatusLabel(t, i.status)}</Badge>
              </View>
              <View style={{ marginTop: '6px' }}>{i.description}</View>
              <View className="list-item__meta">{formatDate(i.at)}</View>
            </View>
          ))
        : null}
    </View>
  );
}

/** 企业问题清单: problems from visits, questions and tickets, grouped by category and theme; exportable for the district. */
export default function ProblemsPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const problems = useConsoleStore((s) => s.problems);
  const load = useConsoleStore((s) => s.loadProblems);
  const makeExport = useConsoleStore((s) => s.makeExport);
  const lastExport = useConsoleStore((s) => s.lastExport);
  const [period, setPeriod] = useState<Period>(initialPeriod('month'));
  const [category, setCategory] = useState<TicketCategory>();
  const { busy: exporting, error: exportError, run } = useWrite();
  const [exported, setExported] = useState<string>();
  const allowed = !!me && (StaffRoles as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void load({ from: period.from, to: period.to, category });
  }, [allowed, period.from, period.to, category]);

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
        <Card title={list ? t('console.problems.total', { n: list.total }) : undefined} testId="problem-groups">
          {problems.status === 'loading' && !list ? <Loading /> : null}
          <ErrorNote error={problems.error} onRetry={() => void load({ from: period.from, to: period.to, category })} />
          {list && list.groups.length === 0 ? <Empty text={t('console.problems.empty')} /> : null}
          {list ? byCategory(list.groups).map((g, i) => <Group key={g.category} g={g} index={i} />) : null}
        </Card>
      </StaffGate>
    </PageShell>
  );
}
