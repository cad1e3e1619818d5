import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import type { ConsultationView } from '@core/api/clinic';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, ErrorNote, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useAppStore } from '../../../store';
import { useClinicStore } from '../../../store/clinic';
import { isBooker } from '../../clinic-roles';
import { BookingRow } from '../../components/booking-row';
import { ClinicGate } from '../../components/clinic-gate';
import { useClinicT } from '../../i18n';
import '../../clinic.css';

/** 到站签到: the station's QR code lands here; the booker checks in for today's consultations. */
export default function ClinicCheckinPage() {
  const t = useClinicT();
  const { params } = useRouter();
  const scene = decodeURIComponent(params.scene ?? '').trim();
  const checkIn = useClinicStore((s) => s.checkIn);
  const [today, setToday] = useState<ConsultationView[]>();
  const { busy, error, run } = useWrite();
  const intent = { scene };
  const me = useAppStore((s) => s.me);

  const submit = async () => {
    await run(intent, async (key) => {
      setToday(await checkIn(scene, key));
    });
  };

  return (
    <PageShell titleKey="title.clinicCheckin" rootProps={{ 'data-testid': 'clinic-checkin', 'data-phase': today ? 'done' : 'ready' }}>
      <PageHead title={t('title.clinicCheckin')} subtitle={t('clinic.checkin.subtitle')} />
      <ClinicGate allowed={isBooker} reason={t('clinic.checkin.notBooker')}>
        {!scene ? (
          <Card>
            <View className="card__text">{t('clinic.checkin.noScene')}</View>
          </Card>
        ) : today ? (
          <>
            <View className="success-note" data-testid="clinic-checkin-done">
              {t('clinic.checkin.done')}
            </View>
            <Card>
              {today.map((b) => (
                <BookingRow key={b.id} b={b} />
              ))}
            </Card>
            <Btn kind="secondary" onClick={() => void Taro.redirectTo({ url: '/clinic/pages/mine/index' })} testId="clinic-checkin-mine">
              {t('clinic.book.toMine')}
            </Btn>
          </>
        ) : (
          <>
            <ErrorNote error={error} />
            <Btn busy={busy} onClick={() => void submit()} testId="clinic-checkin-submit">
              {t('clinic.checkin.submit')}
            </Btn>
          </>
        )}
      </ClinicGate>
      {/* Not a booker (a first-time visitor at the station): show who sits in clinic instead of a dead end. */}
      {me && !isBooker(me) ? (
        <Btn kind="secondary" onClick={() => void Taro.redirectTo({ url: '/clinic/pages/index/index' })} testId="clinic-checkin-roster">
          {t('clinic.checkin.seeRoster')}
        </Btn>
      ) : null}
    </PageShell>
  );
}
