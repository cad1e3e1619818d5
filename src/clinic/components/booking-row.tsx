import { View } from '@tarojs/components';
import type { ConsultationView } from '@core/api/clinic';
import type { PropsWithChildren } from 'react';
import { Badge } from '../../components/ui';
import { caseEnterprise, formatDate } from '../../labels';
import { useAppStore } from '../../store';
import { clock, professionName, statusLabel, timeRange, weekdayLabel } from '../clinic-labels';
import { useClinicT } from '../i18n';

const STATUS_KIND = { confirmed: 'ok', attended: 'ok', cancelled: 'muted', no_show: 'bad' } as const;

/** One consultation: when (with the weekday), with whom (the volunteer in the seat), what about, its status and outcome; actions as children. */
export function BookingRow({ b, showBooker, children }: PropsWithChildren<{ b: ConsultationView; showBooker?: boolean }>) {
  const t = useClinicT();
  const locale = useAppStore((s) => s.locale);
  return (
    <View className="list-item clinic-booking" data-testid="clinic-booking" data-id={b.id} data-status={b.status}>
      <View className="list-item__title">
        {formatDate(b.startsAt)} {weekdayLabel(t, b.weekday)} {timeRange(t, b.startsAt, b.endsAt)} · {professionName(t, b.profession)}
        <Badge kind={STATUS_KIND[b.status]}>{statusLabel(t, b.status)}</Badge>
        {b.checkedInAt ? <Badge kind="ok">{t('clinic.checkedIn', { time: clock(b.checkedInAt) })}</Badge> : null}
      </View>
      {b.volunteerName && b.status !== 'cancelled' ? (
        <View className="clinic-with" data-testid="clinic-booking-volunteer">
          {t('clinic.mine.with', { name: b.volunteerName })}
        </View>
      ) : null}
      {showBooker && (b.bookerName || b.enterpriseName) ? <View className="list-item__meta">{[b.bookerName, caseEnterprise(locale, b)].filter(Boolean).join(' · ')}</View> : null}
      {b.description ? <View className="clinic-text">{b.description}</View> : null}
      {b.outcome ? (
        <View className="clinic-outcome" data-testid="clinic-outcome">
          <View className="muted">
            {t('clinic.outcome')}
            {b.outcome.byName ? ` · ${b.outcome.byName}` : ''} · {formatDate(b.outcome.recordedAt, true)}
          </View>
          {b.outcome.advice ? <View className="clinic-text">{b.outcome.advice}</View> : null}
          {b.outcome.followUpNeeded ? <Badge kind="warn">{t('clinic.outcome.followUp')}</Badge> : null}
        </View>
      ) : null}
      {children}
    </View>
  );
}
