import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { ErrorCodes } from '@core/api/errors';
import type { TicketDetail, TimelineEntry } from '@core/api/tickets';
import type { Role } from '@core/api/roles';
import { OPEN } from '@core/rules/ticket-machine';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { caseEnterprise, formatDate, roleLabel } from '../../../labels';
import { toApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useTicketsStore, type ActInput } from '../../../store/tickets';
import { ActForm, type FormAct } from '../../components/act-form';
import { TicketsGate } from '../../components/tickets-gate';
import { useTicketsT, type TicketsT } from '../../i18n';
import { actLabel, beijingMonth, canReadTickets, categoryLabel, isCurator, leadUnitLabel, rungLabel, statusKind, statusLabel, unitName, urgencyLabel } from '../../tickets-labels';
import '../../tickets.css';

/** 诉求详情: the demand, its deadlines and units, the timeline the enterprise sees, and the reader's acts. */
export default function TicketsDetailPage() {
  const t = useTicketsT();
  const [id, setId] = useState<string>();
  const detail = useTicketsStore((s) => s.detail);
  useLoad((q) => setId(q?.id ? decodeURIComponent(q.id) : ''));
  const d = detail.key === id ? detail.data : undefined;
  return (
    <PageShell titleKey="title.ticketsDetail" rootProps={{ 'data-testid': 'tickets-detail', 'data-status': d?.status, 'data-version': d ? String(d.version) : undefined, 'data-rung': d ? String(d.rung) : undefined }}>
      <PageHead title={d ? d.title : t('title.ticketsDetail')} subtitle={d?.number} />
      <TicketsGate allowed={canReadTickets}>{id ? <Detail id={id} /> : id === '' ? <ErrorNote error={toApiError(new Error('no id'))} /> : <Loading />}</TicketsGate>
    </PageShell>
  );
}

/** A demand still being worked on (or paused) can be put before the monthly meeting. */
const OPEN_OR_SUSPENDED: readonly string[] = [...OPEN, 'suspended'];

/** The chain's next step, in order: the first of these the reader may do is the primary action. */
const NEXT_STEP: FormAct[] = ['accept', 'dispatch', 'sign', 'start', 'resolve', 'progress', 'resume', 'close'];
const OFF_COURSE: FormAct[] = ['return', 'close', 'merge'];

function Kv({ k, children, testId }: { k: string; children: React.ReactNode; testId?: string }) {
  return (
    <View className="tickets-kv" data-testid={testId}>
      <View className="tickets-kv__k">{k}</View>
      <View className="tickets-kv__v">{children}</View>
    </View>
  );
}

function Detail({ id }: { id: string }) {
  const t = useTicketsT();
  const me = useAppStore((s) => s.me)!;
  const detail = useTicketsStore((s) => s.detail);
  const load = useTicketsStore((s) => s.loadDetail);
  const act = useTicketsStore((s) => s.act);
  const editAgenda = useTicketsStore((s) => s.editAgenda);
  const agendaWrite = useWrite();
  const [onAgenda, setOnAgenda] = useState<string>();
  const [open, setOpen] = useState<FormAct>();
  const actWrite = useWrite();
  const { busy } = actWrite;
  const agendaBusy = agendaWrite.busy;
  // One note under the actions for either write, as before: the latest failure.
  const error = actWrite.error ?? agendaWrite.error;
  const clearError = () => {
    actWrite.setError(undefined);
    agendaWrite.setError(undefined);
  };
  const [done, setDone] = useState<string>();

  useEffect(() => {
    void load(id);
  }, [load, id, me.openid]);
  // Back from the rate page: the ticket shows its new status (evaluated, or reopened by a poor rating).
  // (This part mounts after the page's first show, so any show with the ticket on screen is a return.)
  useDidShow(() => {
    const shown = useTicketsStore.getState().detail;
    if (shown.key === id && shown.status === 'ready') void load(id);
  });

  const d = detail.key === id ? detail.data : undefined;
  if (!d) return detail.status === 'error' ? <ErrorNote error={detail.error} onRetry={() => void load(id)} /> : <Loading />;

  const send = async (input: ActInput) => {
    // The same intent (act, input, version read) keeps its key when tapped again after a lost answer.
    const signature = { ...input, id: d.id, version: d.version };
    agendaWrite.setError(undefined);
    setDone(undefined);
    await actWrite.run(
      signature,
      async (key) => {
        await act(input, key);
        setOpen(undefined);
        setDone(actLabel(t, input.act));
      },
      // The store reloads the ticket: the form's act may no longer be open to the reader.
      (err) => void (err.code === ErrorCodes.TICKET_VERSION_CONFLICT && setOpen(undefined)),
    );
  };

  // 每月一会诊: staff put an unfinished demand on this month's agenda from its own page (WeChat shows no page address to copy an id from).
  const canAgenda = isCurator(me) && OPEN_OR_SUSPENDED.includes(d.status);
  const addToAgenda = async () => {
    const month = beijingMonth();
    const signature = ['agenda-add', month, d.id];
    actWrite.setError(undefined);
    await agendaWrite.run(signature, async (key) => {
      await editAgenda({ month, add: [d.id] }, key);
      setOnAgenda(month);
    });
  };

  // 评价 is the satisfaction feature's rate page (speed, attitude, result), one path with revisit.evaluate.
  const acts = d.can.filter((a): a is FormAct => a !== 'submit' && a !== 'decision' && a !== 'evaluate');
  const canRate = d.can.includes('evaluate');
  // The next step of the chain is the one primary button; the rest are secondary, the ones that
  // take the demand off its course (退单, 关闭, 并单) are ghosts.
  const next = canRate ? undefined : NEXT_STEP.find((a) => acts.includes(a));
  const kindOf = (a: FormAct) => (open === a || next === a ? 'primary' : OFF_COURSE.includes(a) ? 'ghost' : 'secondary');

  return (
    <>
      <TicketCard d={d} />
      <Card title={t('tickets.detail.actions')} testId="ticket-actions">
        <ErrorNote error={error} />
        {error?.code === ErrorCodes.TICKET_VERSION_CONFLICT ? <View className="muted">{t('tickets.detail.conflictReloaded')}</View> : null}
        {done ? (
          <View className="muted" data-testid="ticket-act-done">
            {t('tickets.detail.done', { act: done })}
          </View>
        ) : null}
        {acts.length === 0 && !canRate ? <View className="muted">{t('tickets.detail.noActions')}</View> : null}
        <View className="tickets-actions">
          {canRate ? (
            <Btn
              small
              onClick={() => void Taro.navigateTo({ url: `/revisit/pages/rate/index?caseKind=ticket&caseId=${encodeURIComponent(d.id)}&title=${encodeURIComponent(d.title)}` })}
              testId="ticket-rate"
            >
              {t('revisitNav.rate')}
            </Btn>
          ) : null}
          {acts.map((a) => (
            <Btn
              key={a}
              small
              kind={kindOf(a)}
              onClick={() => {
                setOpen(open === a ? undefined : a);
                clearError();
              }}
              testId={`ticket-act-${a}`}
            >
              {actLabel(t, a)}
            </Btn>
          ))}
        </View>
        {open ? <ActForm key={`${open}-${d.version}`} act={open} ticket={d} busy={busy} onSubmit={(input) => void send(input)} onCancel={() => setOpen(undefined)} /> : null}
        {canAgenda ? (
          <View className="tickets-agenda-add" data-testid="ticket-agenda">
            {onAgenda ? (
              <View className="muted" data-testid="ticket-agenda-done">
                {t('tickets.detail.onAgenda', { month: onAgenda })}
              </View>
            ) : null}
            <View className="btn-row">
              {onAgenda ? (
                <Btn small kind="ghost" onClick={() => void Taro.navigateTo({ url: `/tickets/pages/agenda/index?month=${onAgenda}` })} testId="ticket-agenda-open">
                  {t('tickets.detail.openAgenda')}
                </Btn>
              ) : (
                <Btn small kind="ghost" busy={agendaBusy} onClick={() => void addToAgenda()} testId="ticket-agenda-add">
                  {t('tickets.detail.toAgenda')}
                </Btn>
              )}
            </View>
          </View>
        ) : null}
      </Card>
      <Timeline t={t} entries={d.timeline} />
    </>
  );
}

function TicketCard({ d }: { d: TicketDetail }) {
  const t = useTicketsT();
  const locale = useAppStore((s) => s.locale);
  return (
    <Card testId="ticket-summary">
      <View className="btn-row" style={{ flexWrap: 'wrap', gap: '8px' }}>
        <Badge kind={statusKind(d.status)}>{statusLabel(t, d.status)}</Badge>
        <Badge>{rungLabel(t, d.rung)}</Badge>
        <Badge kind={d.urgency === 'normal' ? 'muted' : 'warn'}>{urgencyLabel(t, d.urgency)}</Badge>
        {d.overdue ? <Badge kind="bad">{t('tickets.overdue')}</Badge> : null}
      </View>
      <Kv k={t('tickets.submit.category')}>{categoryLabel(t, d.category)}</Kv>
      {d.enterpriseName ? <Kv k={t('tickets.detail.enterprise')}>{caseEnterprise(locale, d)}</Kv> : null}
      {d.enterpriseContact?.phone ? (
        <Kv k={t('tickets.detail.contact')} testId="ticket-contact">
          <View className="tickets-contact">
            {d.enterpriseContact.name ? <Text>{d.enterpriseContact.name} </Text> : null}
            <Text className="tickets-contact__phone" onClick={() => void Taro.makePhoneCall({ phoneNumber: d.enterpriseContact!.phone! }).catch(() => undefined)}>
              {d.enterpriseContact.phone}
            </Text>
          </View>
        </Kv>
      ) : null}
      <Kv k={t('tickets.detail.submittedAt')}>{formatDate(d.submittedAt, true)}</Kv>
      {d.source ? <Kv k="">{t(`tickets.source.${d.source.kind}`)}</Kv> : null}
      <View className="tickets-text" style={{ margin: '12px 0' }} data-testid="ticket-description-text">
        {d.description}
      </View>
      {d.leadUnitName ? (
        <Kv k={t('tickets.detail.leadUnit')} testId="ticket-lead-unit">
          {leadUnitLabel(locale, d)}
        </Kv>
      ) : null}
      {d.assistUnits.length ? <Kv k={t('tickets.detail.assistUnits')}>{d.assistUnits.map((u) => unitName(locale, u)).join(locale === 'en' ? ', ' : '、')}</Kv> : null}
      {d.deadlines.sign || d.deadlines.progress || d.deadlines.resolve ? (
        <View data-testid="ticket-deadlines" data-paused={d.deadlines.paused ? 'true' : 'false'}>
          {(['sign', 'progress', 'resolve'] as const).map((k) =>
            d.deadlines[k] ? (
              <Kv key={k} k={t(`tickets.deadline.${k}`)}>
                <View className={d.overdue && d.nextDeadline?.kind === k ? 'tickets-overdue' : undefined}>{formatDate(d.deadlines[k], true)}</View>
              </Kv>
            ) : null,
          )}
          {d.deadlines.paused ? <View className="muted">{t('tickets.deadline.paused')}</View> : null}
          {d.calendarMissingYears?.length ? (
            <View className="muted" data-testid="ticket-calendar-note">
              {t('tickets.deadline.calendarMissing', { years: d.calendarMissingYears.join('、') })}
            </View>
          ) : null}
        </View>
      ) : null}
      {d.mergedInto ? <Kv k="">{t('tickets.detail.mergedInto', { target: d.mergedInto })}</Kv> : null}
      {d.evaluation ? (
        <Kv k={t('tickets.detail.evaluation')} testId="ticket-evaluation">
          {'★'.repeat(d.evaluation.rating)}
          {'☆'.repeat(5 - d.evaluation.rating)} {t('tickets.detail.stars', { n: d.evaluation.rating })}
          {d.evaluation.comment ? <View className="tickets-text">{d.evaluation.comment}</View> : null}
        </Kv>
      ) : null}
    </Card>
  );
}

function Timeline({ t, entries }: { t: TicketsT; entries: TimelineEntry[] }) {
  return (
    <Card title={t('tickets.detail.timeline')} testId="ticket-timeline">
      {entries.map((e) => (
        <View key={`${e.version}-${e.act}-${e.at}`} className="tickets-timeline__entry" data-testid="ticket-timeline-entry" data-act={e.act}>
          <View className="tickets-timeline__dot" />
          <View className="tickets-timeline__act">
            {actLabel(t, e.act)}
            {e.from && e.from !== e.to ? <Text>{'  '}</Text> : null}
            {e.from && e.from !== e.to ? <Badge kind="muted">{t('tickets.timeline.fromTo', { from: statusLabel(t, e.from), to: statusLabel(t, e.to) })}</Badge> : !e.from ? <Badge kind="muted">{statusLabel(t, e.to)}</Badge> : null}
          </View>
          <View className="list-item__meta">
            {formatDate(e.at, true)} · {roleName(t, e.actorRole)}
            {e.actorName ? ` ${e.actorName}` : ''}
          </View>
          {e.note ? <View className="tickets-timeline__note">{e.note}</View> : null}
        </View>
      ))}
    </Card>
  );
}

/** The actor's role in words; the timer ('system') escalates on its own. */
function roleName(t: TicketsT, role: string): string {
  const known: Role[] = ['guest', 'worker', 'manager', 'volunteer', 'staff', 'instructor', 'unit', 'admin'];
  return known.includes(role as Role) ? roleLabel(t, role as Role) : role;
}
