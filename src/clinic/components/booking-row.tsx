import { View } from '@tarojs/components';
import type { ConsultationView } from '@core/api/clinic';
import type { PropsWithChildren } from 'react';
import { Badge } from '../../components/ui';
import { formatDate } from '../../labels';
import { clock, professionName, statusLabel, timeRange } from '../clinic-labels';
import { useClinicT } from '../i18n';

const STATUS_KIND = { confirmed: 'ok', attended: 'ok', cancelled: 'muted', no_show: 'bad' } as const;

/** One consultation: when, with whom, what about, its status and outcome; actions as children. */
export function BookingRow({ b, showBooker, children }: PropsWithChildren<{ b: ConsultationView; showBooker?: boolean }>) {
  const t = useClinicT();
  return (
    <View className="list-item clinic-booking" data-testid="clinic-booking" data-id={b.id} data-status={b.status}>
      <View className="list-item__title">
        {formatDate(b.startsAt)} {timeRange(t, b.startsAt, b.endsAt)} · {professionName(t, b.profession)}
        <Badge kind={STATUS_KIND[b.status]}>{statusLabel(t, b.status)}</Badge>
        {b.checkedInAt ? <Badge kind="ok">{t('clinic.checkedIn', { time: clock(b.checkedInAt) })}</Badge> : null}
      </View>
      {showBooker && (b.bookerName || b.enterpriseName) ? <View className="list-item__meta">{[b.bookerName, b.enterpriseName].filter(Boolean).join(' · ')}</View> : null}
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
