import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { TicketCategories, type TicketCategory, type TicketRungView, type TicketStatusView } from '@core/api/tickets';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, LoadMore, Loading, PageHead, Toggle } from '../../../components/ui';
import { useAppStore } from '../../../store';
import { useTicketsStore, type TicketFilters } from '../../../store/tickets';
import { TicketRow } from '../../components/ticket-row';
import { TicketsGate } from '../../components/tickets-gate';
import { useTicketsT } from '../../i18n';
import { canReadTickets, categoryLabel, isDesk, rungLabel, statusLabel, TicketRungs, TicketStatuses } from '../../tickets-labels';
import '../../tickets.css';

const ALL = 'all';

/** Demands per role: a manager's enterprise's, a unit's to-do, the community's desk with filters. */
export default function TicketsListPage() {
  const t = useTicketsT();
  const me = useAppStore((s) => s.me);
  const title = me?.role === 'manager' ? t('ticketsNav.mine') : me?.role === 'unit' ? t('ticketsNav.todo') : t('ticketsNav.desk');
  const subtitle = me?.role === 'manager' ? t('tickets.list.subtitle.manager') : me?.role === 'unit' ? t('tickets.list.subtitle.unit') : me ? t('tickets.list.subtitle.staff') : undefined;
  return (
    <PageShell titleKey="title.tickets" rootProps={{ 'data-testid': 'tickets-list', 'data-role': me?.role }}>
      <PageHead title={title} subtitle={subtitle} />
      <TicketsGate allowed={canReadTickets}>
        <TicketList />
      </TicketsGate>
    </PageShell>
  );
}

function Filters() {
  const t = useTicketsT();
  const filters = useTicketsStore((s) => s.filters);
  const load = useTicketsStore((s) => s.loadList);
  const change = (next: TicketFilters) => void load({ ...filters, ...next });
  // Folded by default: 30-odd chips would push the list off a phone's first screen.
  const [open, setOpen] = useState(false);
  const active = [filters.status, filters.rung, filters.category, filters.overdueOnly || undefined].filter((v) => v !== undefined).length;
  return (
    <Card className="tickets-filters" testId="ticket-filters">
      <View className="btn-row" style={{ marginBottom: open ? '12px' : '0' }}>
        <Btn small kind={active ? 'secondary' : 'ghost'} onClick={() => setOpen(!open)} testId="ticket-filter-toggle">
          {active ? t('tickets.filter.titleActive', { n: active }) : t('tickets.filter.title')}
        </Btn>
        {active ? (
          <Btn small kind="ghost" onClick={() => void load({})} testId="ticket-filter-clear">
            {t('tickets.filter.clear')}
          </Btn>
        ) : null}
      </View>
      {open ? (
        <>
          <Chips
            options={[{ value: ALL, label: t('tickets.filter.allStatus') }, ...TicketStatuses.map((s) => ({ value: s as string, label: statusLabel(t, s) }))]}
            value={filters.status ?? ALL}
            onChange={(v) => change({ status: v === ALL ? undefined : (v as TicketStatusView) })}
            testIdPrefix="ticket-filter-status"
          />
          <Chips
            options={[{ value: ALL, label: t('tickets.filter.allRungs') }, ...TicketRungs.map((r) => ({ value: String(r), label: rungLabel(t, r) }))]}
            value={filters.rung === undefined ? ALL : String(filters.rung)}
            onChange={(v) => change({ rung: v === ALL ? undefined : (Number(v) as TicketRungView) })}
            testIdPrefix="ticket-filter-rung"
          />
          <Chips
            options={[{ value: ALL, label: t('tickets.filter.allCategories') }, ...TicketCategories.map((c) => ({ value: c as string, label: categoryLabel(t, c) }))]}
            value={filters.category ?? ALL}
            onChange={(v) => change({ category: v === ALL ? undefined : (v as TicketCategory) })}
            testIdPrefix="ticket-filter-category"
          />
          <Toggle on={!!filters.overdueOnly} onChange={(on) => change({ overdueOnly: on })} label={t('tickets.filter.overdueOnly')} testId="ticket-filter-overdue" />
        </>
      ) : null}
    </Card>
  );
}

function TicketList() {
  const t = useTicketsT();
  const me = useAppStore((s) => s.me)!;
  const list = useTicketsStore((s) => s.list);
  const load = useTicketsStore((s) => s.loadList);
  const loadMore = useTicketsStore((s) => s.loadMoreList);

  // Managers and units have no filters: whatever a desk session left set must not narrow theirs.
  // A 待办 line on home opens the list filtered to what it counts (?status=…, ?overdue=1, ?escalated=1).
  const desk = isDesk(me);
  useEffect(() => {
    const p = Taro.getCurrentInstance().router?.params ?? {};
    const fromTodo: TicketFilters | undefined = p.status
      ? { status: p.status as TicketStatusView }
      : p.overdue === '1'
        ? { overdueOnly: true }
        : p.escalated === '1'
          ? { rung: 1 }
          : undefined;
    void load(fromTodo ?? (desk ? undefined : {}));
  }, [load, desk, me.openid]);
  // Back from a ticket: the list shows the current state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void load();
    shown.current = true;
  });

  return (
    <>
      {desk ? <Filters /> : null}
      <Card>
        {list.status === 'loading' || list.status === 'idle' ? <Loading /> : null}
        <ErrorNote error={list.error} onRetry={() => void load()} />
        {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('tickets.list.empty')} /> : null}
        {list.status !== 'loading' ? list.items.map((s) => <TicketRow key={s.id} ticket={s} />) : null}
        <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
      </Card>
      {me.role === 'manager' ? (
        <View style={{ marginTop: '12px' }}>
          <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: '/tickets/pages/submit/index' })} testId="tickets-list-submit">
            {t('tickets.list.submit')}
          </Btn>
        </View>
      ) : null}
    </>
  );
}
