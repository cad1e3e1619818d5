import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useClinicStore, type DutySession } from '../../../store/clinic';
import { beijingMonth, handoverLabel, professionName } from '../../clinic-labels';
import { isClinicVolunteer } from '../../clinic-roles';
import { BookingRow } from '../../components/booking-row';
import { ClinicGate } from '../../components/clinic-gate';
import { MonthBar } from '../../components/month-bar';
import { SessionCard } from '../../components/session-card';
import { useClinicT } from '../../i18n';
import '../../clinic.css';
import { askConsentAt } from '../../../components/consent-text';
import { ConsentAt } from '../../../services/subscribe';

/** 我的坐诊: open seats of the volunteer's profession to claim, their duties with bookings, handovers. */
export default function ClinicDutiesPage() {
  const t = useClinicT();
  return (
    <PageShell titleKey="title.clinicDuties" rootProps={{ 'data-testid': 'clinic-duties' }}>
      <PageHead title={t('clinicNav.duties')} subtitle={t('clinic.duties.subtitle')} />
      <ClinicGate allowed={isClinicVolunteer} reason={t('clinic.duties.notVolunteer')}>
        <Duties />
      </ClinicGate>
    </PageShell>
  );
}

function Duties() {
  const t = useClinicT();
  const me = useAppStore((s) => s.me)!;
  const open = useClinicStore((s) => s.openDuties);
  const mine = useClinicStore((s) => s.myDuties);
  const handovers = useClinicStore((s) => s.handovers);
  const loadDuties = useClinicStore((s) => s.loadDuties);
  const bookDuty = useClinicStore((s) => s.bookDuty);
  const cancelDuty = useClinicStore((s) => s.cancelDuty);
  const answerHandover = useClinicStore((s) => s.answerHandover);
  const [month, setMonth] = useState(beijingMonth());
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const keys = useIntentKeys();

  useEffect(() => {
    void loadDuties(month);
  }, [loadDuties, month]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void loadDuties(month);
    shown.current = true;
  });

  const act = async (signature: unknown, id: string, run: (key: string) => Promise<unknown>) => {
    setBusy(id);
    setError(undefined);
    try {
      await run(keys.keyFor(signature));
      keys.done(signature);
      return true;
    } catch (e) {
      setError(toApiError(e));
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const profession = me.profession;
  const incoming = (handovers.data ?? []).filter((h) => h.toOpenid === me.openid);
  const openList = open.key === month ? open.data : undefined;
  const mineList = mine.key === month ? mine.data : undefined;

  return (
    <>
      <MonthBar month={month} onChange={setMonth} />
      <ErrorNote error={error} />
      {incoming.length ? (
        <Card title={t('clinic.duties.incoming')} className="card--notice" testId="clinic-handovers">
          {incoming.map((h) => (
            <View key={h.id} className="list-item" data-testid="clinic-handover" data-id={h.id} data-status={h.status}>
              <View className="list-item__title">
                {h.date} · {professionName(t, h.profession)}
                <Badge kind={h.status === 'offered' ? 'warn' : 'muted'}>{handoverLabel(t, h.status)}</Badge>
              </View>
              {h.fromName ? <View className="list-item__meta">{t('clinic.duties.from', { name: h.fromName })}</View> : null}
              {h.status === 'offered' ? (
                <View className="btn-row" style={{ marginTop: '12px' }}>
                  <Btn small busy={busy === h.id} onClick={() => void act(['accept', h.id], h.id, (k) => answerHandover(h.id, true, k))} testId="clinic-handover-accept">
                    {t('clinic.duties.accept')}
                  </Btn>
                  <Btn small kind="ghost" busy={busy === h.id} onClick={() => void act(['decline', h.id], h.id, (k) => answerHandover(h.id, false, k))} testId="clinic-handover-decline">
                    {t('clinic.duties.decline')}
                  </Btn>
                </View>
              ) : null}
            </View>
          ))}
        </Card>
      ) : null}

      <Card title={t('clinic.duties.mine')} testId="clinic-my-duties">
        {!mineList && mine.status === 'loading' ? <Loading /> : null}
        <ErrorNote error={mine.error} onRetry={() => void loadDuties(month)} />
        {mineList && mineList.length === 0 ? <Empty text={t('clinic.duties.mineEmpty')} /> : null}
        {mineList?.map((s) => (
          <MyDuty
            key={s.id}
            s={s}
            busy={busy === s.id}
            onCancel={async () => {
              const ok = await act(['cancelDuty', s.id], s.id, (k) => cancelDuty(s.id, k));
              // Refused (booked meanwhile): the list shows the duty as it is now, handover first.
              if (!ok) void loadDuties(month);
              return ok;
            }}
          />
        ))}
      </Card>

      <Card title={t('clinic.duties.open')} testId="clinic-open-duties">
        {!openList && open.status === 'loading' ? <Loading /> : null}
        <ErrorNote error={open.error} onRetry={() => void loadDuties(month)} />
        {openList && openList.length === 0 ? <Empty text={t('clinic.duties.openEmpty', { profession: profession ? professionName(t, profession) : '' })} /> : null}
        {openList?.map((s) => (
          <SessionCard key={s.id} session={s} profession={profession} showStaffing>
            <View className="clinic-session__actions">
              {/* The hook sits on a box exactly the button's size, so a tap on it is a tap on the button. */}
              <View style={{ display: 'inline-flex' }} data-testid="clinic-duty-book" data-session={s.id}>
                <Btn small busy={busy === s.id} onClick={() => void askConsentAt(ConsentAt.claimDuty).then(() => act(['bookDuty', s.id], s.id, (k) => bookDuty(s.id, k)))}>
                  {t('clinic.duties.claim')}
                </Btn>
              </View>
            </View>
          </SessionCard>
        ))}
      </Card>
    </>
  );
}

function MyDuty({ s, busy, onCancel }: { s: DutySession; busy: boolean; onCancel: () => Promise<boolean> }) {
  const t = useClinicT();
  const me = useAppStore((st) => st.me)!;
  const offerHandover = useClinicStore((st) => st.offerHandover);
  const colleagues = useClinicStore((st) => st.colleagues);
  const loadColleagues = useClinicStore((st) => st.loadColleagues);
  const [handing, setHanding] = useState(false);
  const [to, setTo] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError>();
  const keys = useIntentKeys();
  const duty = s.duties.find((d) => d.volunteerOpenid === me.openid);
  const active = s.bookings.filter((b) => b.status !== 'cancelled');
  // Booked: cancelling would leave people with nobody, so the way out is a handover (the server refuses a cancel too).
  const locked = s.cancellable === false;

  const send = async () => {
    const target = to.trim();
    if (!target) return;
    const sig = ['handover', s.id, target];
    setSending(true);
    setError(undefined);
    try {
      await offerHandover(s.id, target, keys.keyFor(sig));
      keys.done(sig);
      setHanding(false);
      setTo('');
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <SessionCard session={s} profession={me.profession}>
      <View className="clinic-session__meta">
        <Badge kind={active.length ? 'ok' : 'muted'}>{active.length ? t('clinic.duties.bookings', { n: active.length }) : t('clinic.duties.noBookings')}</Badge>
        {duty ? <Badge kind="muted">{t(`clinic.source.${duty.source}`)}</Badge> : null}
        {duty?.handoverTo ? <Badge kind="warn">{t('clinic.duties.handoverPending')}</Badge> : null}
      </View>
      {active.map((b) => (
        <BookingRow key={b.id} b={b} showBooker />
      ))}
      {locked && !duty?.handoverTo ? (
        <View className="muted clinic-duty-locked" data-testid="clinic-duty-locked">
          {t('clinic.duties.handoverFirst')}
        </View>
      ) : null}
      <View className="clinic-session__actions">
        <Btn small onClick={() => void Taro.navigateTo({ url: `/clinic/pages/session/index?sessionId=${encodeURIComponent(s.id)}` })} testId="clinic-duty-session">
          {t('clinic.duties.openSession')}
        </Btn>
        {!duty?.handoverTo ? (
          <Btn
            small
            kind={locked ? 'primary' : 'secondary'}
            onClick={() => {
              // Whom to hand it to: picked from the colleagues of this profession, by name.
              if (!handing && colleagues.status !== 'ready') void loadColleagues();
              setHanding(!handing);
            }}
            testId="clinic-duty-handover"
          >
            {t('clinic.duties.handover')}
          </Btn>
        ) : null}
        {!locked ? (
          <Btn
            small
            kind="ghost"
            busy={busy}
            onClick={() =>
              void Taro.showModal({ content: t('clinic.duties.cancelConfirm'), confirmText: t('common.confirm'), cancelText: t('clinic.keep') }).then(
                (r) => (r.confirm ? onCancel() : undefined),
                () => undefined,
              )
            }
            testId="clinic-duty-cancel"
          >
            {t('clinic.duties.cancel')}
          </Btn>
        ) : null}
      </View>
      {handing ? (
        <View style={{ marginTop: '12px' }}>
          <FieldFrame label={t('clinic.duties.handoverTo')} hint={t('clinic.duties.handoverHint')}>
            {colleagues.status === 'loading' && !colleagues.data ? <Loading /> : null}
            <ErrorNote error={colleagues.error} onRetry={() => void loadColleagues()} />
            {colleagues.data && colleagues.data.length === 0 ? (
              <View className="muted" data-testid="clinic-handover-nobody">
                {t('clinic.duties.noColleagues', { profession: me.profession ? professionName(t, me.profession) : '' })}
              </View>
            ) : null}
            {colleagues.data?.length ? (
              <Chips
                options={colleagues.data.map((c) => ({ value: c.openid, label: [c.name ?? c.openid, c.organisation].filter(Boolean).join(' · ') }))}
                value={to || undefined}
                onChange={setTo}
                testIdPrefix="clinic-handover-to"
              />
            ) : null}
          </FieldFrame>
          <Btn small busy={sending} disabled={!to.trim()} onClick={() => void send()} testId="clinic-handover-send">
            {t('clinic.duties.handoverSend')}
          </Btn>
        </View>
      ) : null}
      <ErrorNote error={error} />
    </SessionCard>
  );
}
