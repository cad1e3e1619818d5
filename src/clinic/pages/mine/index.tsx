import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { ConsultationView } from '@core/api/clinic';
import type { PendingEvaluation } from '@core/api/revisit';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Empty, ErrorNote, LoadMore, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { formatDate } from '../../../labels';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useClinicStore } from '../../../store/clinic';
import { isPending, usePendingCases } from '../../../store/revisit/pending-count';
import { isoWeekdayOf, professionName, sessionDay } from '../../clinic-labels';
import { BookingRow } from '../../components/booking-row';
import { StationCard } from '../../components/station-card';
import { ConsultationTicket } from './consultation-ticket';
import { useClinicT } from '../../i18n';
import '../../clinic.css';

/** A yes/no question before a write that cannot be undone; the buttons in the user's language. */
const confirm = (content: string, confirmText: string, cancelText: string) =>
  Taro.showModal({ content, confirmText, cancelText }).then(
    (r) => r.confirm,
    () => false,
  );

/**
 * 评价 (the satisfaction feature's rate page) for an attended consultation: as the server says
 * when it says (`can.evaluate`); otherwise while the consultation is among the reader's cases to
 * rate (revisit.pending, one call for the whole list).
 */
const rateable = (b: ConsultationView, pending: PendingEvaluation[] | undefined) =>
  b.can.evaluate !== undefined ? b.can.evaluate : b.status === 'attended' && isPending(pending, 'consultation', b.id);
const rateUrl = (b: ConsultationView) => `/revisit/pages/rate/index?caseKind=consultation&caseId=${encodeURIComponent(b.id)}`;

/** 我的预约: the caller's consultations (cancel, reschedule, outcome) and waitlist places. */
export default function ClinicMinePage() {
  const t = useClinicT();
  const me = useAppStore((s) => s.me);
  const list = useClinicStore((s) => s.mine);
  const waitlist = useClinicStore((s) => s.mineWaitlist);
  const load = useClinicStore((s) => s.loadMine);
  const loadMore = useClinicStore((s) => s.loadMoreMine);
  const cancelBooking = useClinicStore((s) => s.cancelBooking);
  const leaveWaitlist = useClinicStore((s) => s.leaveWaitlist);
  const keys = useIntentKeys();
  const pendingCases = usePendingCases((s) => s.items);
  const loadPendingCases = usePendingCases((s) => s.load);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();

  const openid = me?.openid;
  useEffect(() => {
    if (openid) void load();
    if (openid) void loadPendingCases();
  }, [openid, load, loadPendingCases]);
  // Back from booking or rescheduling: the list shows the current state.
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && useAppStore.getState().me) void load();
    if (shown.current && useAppStore.getState().me) void loadPendingCases();
    shown.current = true;
  });

  // Where to go for the consultations still ahead (every consultation of a community is at its station).
  const station = list.items.find((b) => b.status === 'confirmed' && b.station)?.station;

  const act = async (signature: unknown, id: string, run: (key: string) => Promise<unknown>) => {
    setBusy(id);
    setError(undefined);
    try {
      await run(keys.keyFor(signature));
      keys.done(signature);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const cancel = async (b: ConsultationView) => {
    if (!(await confirm(t('clinic.mine.cancelConfirm'), t('common.confirm'), t('clinic.keep')))) return;
    await act(['cancel', b.id], b.id, (k) => cancelBooking(b.id, k));
  };
  const reschedule = (b: ConsultationView) =>
    void Taro.navigateTo({ url: `/clinic/pages/book/index?reschedule=${encodeURIComponent(b.id)}&sessionId=${encodeURIComponent(b.sessionId)}&profession=${b.profession}` });

  return (
    <PageShell titleKey="title.clinicMine" rootProps={{ 'data-testid': 'clinic-mine' }}>
      <PageHead title={t('clinicNav.mine')} subtitle={t('clinic.mine.subtitle')} />
      <ErrorNote error={error} />
      {waitlist.length ? (
        <Card title={t('clinic.mine.waitlist')} testId="clinic-waitlist">
          {waitlist.map((w) => (
            <View key={w.id} className="list-item" data-testid="clinic-waitlist-entry" data-id={w.id}>
              <View className="list-item__row">
                <View>
                  <View className="list-item__title">
                    {sessionDay(t, { date: w.sessionId.slice(0, 10), weekday: isoWeekdayOf(w.sessionId.slice(0, 10)) })} · {professionName(t, w.profession)}
                    <Badge kind="warn">{t('clinic.mine.position', { position: w.position })}</Badge>
                  </View>
                  <View className="list-item__meta">{formatDate(w.createdAt, true)}</View>
                </View>
                <Btn small kind="ghost" busy={busy === w.id} onClick={() => void act(['leave', w.id], w.id, (k) => leaveWaitlist(w.id, k))} testId="clinic-waitlist-leave">
                  {t('clinic.mine.leave')}
                </Btn>
              </View>
            </View>
          ))}
        </Card>
      ) : null}
      {station ? (
        <Card title={t('clinic.book.where')} testId="clinic-mine-station">
          <StationCard station={station} />
        </Card>
      ) : null}
      <Card>
        {list.status === 'loading' || (!me && list.status === 'idle') ? <Loading /> : null}
        <ErrorNote error={list.error} onRetry={() => void load()} />
        {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('clinic.mine.empty')} /> : null}
        {list.status !== 'loading'
          ? list.items.map((b) => (
              <BookingRow key={b.id} b={b}>
                <ConsultationTicket b={b} />
                {b.can.cancel || b.can.reschedule ? (
                  <View className="btn-row">
                    {b.can.reschedule ? (
                      <Btn small kind="secondary" onClick={() => reschedule(b)} testId="clinic-booking-reschedule">
                        {t('clinic.mine.reschedule')}
                      </Btn>
                    ) : null}
                    {b.can.cancel ? (
                      <Btn small kind="danger" busy={busy === b.id} onClick={() => void cancel(b)} testId="clinic-booking-cancel">
                        {t('clinic.mine.cancel')}
                      </Btn>
                    ) : null}
                  </View>
                ) : null}
                {rateable(b, pendingCases) ? (
                  <View className="btn-row">
                    <Btn small kind="secondary" onClick={() => void Taro.navigateTo({ url: rateUrl(b) })} testId="clinic-booking-rate">
                      {t('revisitNav.rate')}
                    </Btn>
                  </View>
                ) : null}
              </BookingRow>
            ))
          : null}
        <LoadMore hasMore={!!list.nextCursor && list.status === 'ready'} loading={list.loadingMore} onMore={() => void loadMore()} />
      </Card>
      <Btn kind="secondary" onClick={() => void Taro.navigateTo({ url: '/clinic/pages/book/index' })} testId="clinic-mine-book">
        {t('clinic.mine.book')}
      </Btn>
    </PageShell>
  );
}
