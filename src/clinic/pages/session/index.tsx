import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ConsultationView } from '@core/api/clinic';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, Loading, PageHead, Toggle } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { useAppStore } from '../../../store';
import { useClinicStore } from '../../../store/clinic';
import { clock, isoWeekdayOf, sessionDay } from '../../clinic-labels';
import { formatDate } from '../../../labels';
import { isClinicVolunteer, isRosterStaff } from '../../clinic-roles';
import { BookingRow } from '../../components/booking-row';
import { ClinicGate } from '../../components/clinic-gate';
import { TextArea } from '../../../components/text-area';
import { useClinicT } from '../../i18n';
import '../../clinic.css';

/** 本场咨询: the volunteer on duty (or staff) sees a session's consultations and records each outcome. */
export default function ClinicSessionPage() {
  const t = useClinicT();
  const { params } = useRouter();
  const sessionId = decodeURIComponent(params.sessionId ?? '');
  const me = useAppStore((s) => s.me);
  const list = useClinicStore((s) => s.sessionBookings);
  const load = useClinicStore((s) => s.loadSessionBookings);

  const openid = me?.openid;
  useEffect(() => {
    if (openid && sessionId) void load(sessionId);
  }, [openid, load, sessionId]);

  const date = sessionId.slice(0, 10);
  const items = list.key === sessionId ? list.data : undefined;
  return (
    <PageShell titleKey="title.clinicSession" rootProps={{ 'data-testid': 'clinic-session', 'data-session': sessionId }}>
      <PageHead title={/^\d{4}-\d{2}-\d{2}$/.test(date) ? `${t('title.clinicSession')} · ${sessionDay(t, { date, weekday: isoWeekdayOf(date) })}` : t('title.clinicSession')} subtitle={t('clinic.session.subtitle')} />
      <ClinicGate allowed={(m) => isClinicVolunteer(m) || isRosterStaff(m)}>
        <Card>
          {!items && list.status === 'loading' ? <Loading /> : null}
          <ErrorNote error={list.error} onRetry={() => void load(sessionId)} />
          {items && items.length === 0 ? <Empty text={t('clinic.session.empty')} /> : null}
          {items?.map((b) => (
            <BookingRow key={b.id} b={b} showBooker>
              {b.can.recordOutcome ? (
                <OutcomeForm b={b} />
              ) : b.status === 'confirmed' ? (
                // Not started yet: no 已到场 / 未到场 before the slot (CLINIC.OUTCOME_TOO_EARLY), only when it opens.
                <View className="muted clinic-outcome-later" data-testid="clinic-outcome-later">
                  {t('clinic.session.outcomeFrom', { date: formatDate(b.startsAt), time: clock(b.startsAt) })}
                </View>
              ) : null}
            </BookingRow>
          ))}
        </Card>
      </ClinicGate>
    </PageShell>
  );
}

function OutcomeForm({ b }: { b: ConsultationView }) {
  const t = useClinicT();
  const record = useClinicStore((s) => s.recordOutcome);
  const [attended, setAttended] = useState<'yes' | 'no'>('yes');
  const [advice, setAdvice] = useState(b.outcome?.advice ?? '');
  const [followUp, setFollowUp] = useState(b.outcome?.followUpNeeded ?? false);
  const [tried, setTried] = useState(false);
  const { busy, error, run } = useWrite();
  const input = attended === 'yes' ? { id: b.id, attended: true, advice: advice.trim(), followUpNeeded: followUp } : { id: b.id, attended: false };

  const submit = async () => {
    setTried(true);
    if (attended === 'yes' && !advice.trim()) return;
    await run(input, async (key) => {
      await record(input, key);
    });
  };

  return (
    <View className="clinic-outcome-form" data-testid="clinic-outcome-form" style={{ marginTop: '16px' }}>
      <Chips<'yes' | 'no'>
        options={[
          { value: 'yes', label: t('clinic.session.attended'), testId: 'clinic-outcome-attended' },
          { value: 'no', label: t('clinic.session.noShow'), testId: 'clinic-outcome-noshow' },
        ]}
        value={attended}
        onChange={setAttended}
      />
      {attended === 'yes' ? (
        <>
          <FieldFrame label={t('clinic.session.advice')} required error={tried && !advice.trim() ? t('form.required') : undefined}>
            <TextArea value={advice} onInput={setAdvice} placeholder={t('clinic.session.advice.placeholder')} maxlength={1000} testId="clinic-outcome-advice" look="short" />
          </FieldFrame>
          <Toggle on={followUp} onChange={setFollowUp} label={t('clinic.session.followUp')} testId="clinic-outcome-followup" />
        </>
      ) : null}
      <ErrorNote error={error} />
      <Btn small busy={busy} onClick={() => void submit()} testId="clinic-outcome-submit">
        {t('clinic.session.record')}
      </Btn>
    </View>
  );
}
