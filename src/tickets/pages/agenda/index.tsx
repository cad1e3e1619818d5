import { View } from '@tarojs/components';
import { useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { AgendaItemView } from '@core/api/tickets';
import { Field } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useTicketsStore } from '../../../store/tickets';
import { TextArea } from '../../../components/text-area';
import { TicketRow } from '../../components/ticket-row';
import { TicketsGate } from '../../components/tickets-gate';
import { useTicketsT } from '../../i18n';
import { beijingMonth, isCurator, isDesk, shiftMonth } from '../../tickets-labels';
import '../../tickets.css';

/** 每月一会诊: the month's agenda (drafted from escalated, overdue and returned demands), edits and decisions. */
export default function TicketsAgendaPage() {
  const t = useTicketsT();
  const [month, setMonth] = useState<string>();
  useLoad((q) => setMonth(q?.month && /^\d{4}-\d{2}$/.test(q.month) ? q.month : beijingMonth()));
  return (
    <PageShell titleKey="title.ticketsAgenda" rootProps={{ 'data-testid': 'tickets-agenda', 'data-month': month }}>
      <PageHead title={t('ticketsNav.agenda')} subtitle={t('tickets.agenda.subtitle')} />
      <TicketsGate allowed={isDesk}>{month ? <Agenda month={month} setMonth={setMonth} /> : <Loading />}</TicketsGate>
    </PageShell>
  );
}

function Agenda({ month, setMonth }: { month: string; setMonth: (m: string) => void }) {
  const t = useTicketsT();
  const me = useAppStore((s) => s.me)!;
  const agenda = useTicketsStore((s) => s.agenda);
  const load = useTicketsStore((s) => s.loadAgenda);
  const loadMore = useTicketsStore((s) => s.loadMoreAgenda);
  const edit = useTicketsStore((s) => s.editAgenda);
  const keys = useIntentKeys();
  const [add, setAdd] = useState('');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const curator = isCurator(me);

  useEffect(() => {
    void load(month);
  }, [load, month, me.openid]);

  const run = async (signature: unknown, id: string, write: (key: string) => Promise<void>) => {
    setBusy(id);
    setError(undefined);
    try {
      await write(keys.keyFor(signature));
      keys.done(signature);
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const a = agenda.key === month ? agenda.data : undefined;
  const [y, m] = month.split('-');
  return (
    <>
      <View className="btn-row" style={{ alignItems: 'center', marginBottom: '16px' }}>
        <Btn small kind="ghost" onClick={() => setMonth(shiftMonth(month, -1))} testId="agenda-prev">
          ‹
        </Btn>
        <View style={{ flex: 1, textAlign: 'center', fontWeight: 600 }} data-testid="agenda-month">
          {`${y}-${m}`}
        </View>
        <Btn small kind="ghost" onClick={() => setMonth(shiftMonth(month, 1))} testId="agenda-next">
          ›
        </Btn>
      </View>
      <ErrorNote error={error} />
      <Card title={a ? <>{a.edited ? <Badge>{t('tickets.agenda.edited')}</Badge> : <Badge kind="muted">{t('tickets.agenda.draft')}</Badge>}</> : undefined}>
        {!a && agenda.status !== 'error' ? <Loading /> : null}
        <ErrorNote error={agenda.error} onRetry={() => void (a && agenda.status === 'ready' ? loadMore() : load(month))} />
        {a && a.items.length === 0 ? <Empty text={t('tickets.agenda.empty')} /> : null}
        {a?.items.map((item) => (
          <AgendaItem
            key={item.ticket.id}
            month={month}
            item={item}
            curator={curator}
            busy={busy}
            onRemove={() => void run(['remove', month, item.ticket.id], item.ticket.id, (k) => edit({ month, remove: [item.ticket.id] }, k))}
            run={run}
          />
        ))}
        {/* The draft is read a page at a time, in agenda order. */}
        <LoadMore hasMore={!!a?.nextCursor && agenda.status === 'ready'} loading={agenda.loadingMore} onMore={() => void loadMore()} />
      </Card>
      {curator ? (
        <Card title={t('tickets.agenda.add')}>
          <Field label={t('tickets.agenda.addPlaceholder')} value={add} onInput={setAdd} maxlength={64} testId="agenda-add-id" />
          <Btn
            kind="secondary"
            busy={busy === 'add'}
            disabled={!add.trim()}
            onClick={() => void run(['add', month, add.trim()], 'add', (k) => edit({ month, add: [add.trim()] }, k)).then((ok) => ok && setAdd(''))}
            testId="agenda-add"
          >
            {t('tickets.agenda.add')}
          </Btn>
        </Card>
      ) : null}
    </>
  );
}

function AgendaItem({
  month,
  item,
  curator,
  busy,
  onRemove,
  run,
}: {
  month: string;
  item: AgendaItemView;
  curator: boolean;
  busy?: string;
  onRemove: () => void;
  run: (signature: unknown, id: string, write: (key: string) => Promise<void>) => Promise<boolean>;
}) {
  const t = useTicketsT();
  const record = useTicketsStore((s) => s.recordDecision);
  const [open, setOpen] = useState(false);
  const [owner, setOwner] = useState(item.decision?.owner ?? '');
  const [deadline, setDeadline] = useState(item.decision?.deadline ?? '');
  const [note, setNote] = useState(item.decision?.note ?? '');
  const id = item.ticket.id;
  const input = { month, ticketId: id, owner: owner.trim(), deadline: deadline.trim(), note: note.trim() };
  return (
    <View data-testid="agenda-item" data-id={id}>
      <TicketRow ticket={item.ticket} />
      <View className="btn-row" style={{ flexWrap: 'wrap', gap: '8px', margin: '8px 0' }}>
        {item.added ? <Badge kind="muted">{t('tickets.agenda.addedByStaff')}</Badge> : null}
        {item.reasons.map((r) => (
          <Badge key={r} kind={r === 'overdue' ? 'bad' : 'warn'}>
            {t(`tickets.reason.${r}`)}
          </Badge>
        ))}
      </View>
      {item.decision ? (
        <View className="tickets-timeline__note" data-testid="agenda-decision">
          {t('tickets.agenda.decision', { owner: item.decision.owner, deadline: item.decision.deadline })}
          {item.decision.note ? `\n${item.decision.note}` : ''}
        </View>
      ) : null}
      {curator ? (
        <View className="btn-row" style={{ margin: '8px 0 16px' }}>
          <Btn small kind="secondary" onClick={() => setOpen(!open)} testId="agenda-decide">
            {t('tickets.agenda.decide')}
          </Btn>
          <Btn small kind="ghost" busy={busy === id} onClick={onRemove} testId="agenda-remove">
            {t('tickets.agenda.remove')}
          </Btn>
        </View>
      ) : null}
      {open ? (
        <View className="tickets-form" data-testid="agenda-decision-form">
          <Field label={t('tickets.agenda.owner')} value={owner} onInput={setOwner} maxlength={40} required testId="agenda-owner" />
          <Field label={t('tickets.agenda.deadline')} value={deadline} onInput={setDeadline} maxlength={10} required placeholder="2026-12-31" testId="agenda-deadline" />
          <TextArea value={note} onInput={setNote} placeholder={t('tickets.agenda.note')} testId="agenda-note" />
          <View style={{ marginTop: '12px' }}>
            <Btn busy={busy === `decide-${id}`} onClick={() => void run(['decide', input], `decide-${id}`, (k) => record(input, k)).then((ok) => ok && setOpen(false))} testId="agenda-save">
              {t('tickets.agenda.save')}
            </Btn>
          </View>
        </View>
      ) : null}
    </View>
  );
}
