import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Professions, type Profession } from '@core/api/roles';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useAppStore } from '../../../store';
import { useClinicStore } from '../../../store/clinic';
import { useNow } from '../../../components/use-now';
import { beijingMonth, professionName } from '../../clinic-labels';
import { isBooker, isClinicVolunteer, isRosterStaff } from '../../clinic-roles';
import { MonthBar } from '../../components/month-bar';
import { SessionCard } from '../../components/session-card';
import { StationCard } from '../../components/station-card';
import { useClinicT } from '../../i18n';
import '../../clinic.css';

const go = (url: string) => void Taro.navigateTo({ url });

/** 三师坐诊: who is on duty this week, the month's calendar, and each role's way in. */
export default function ClinicIndexPage() {
  const t = useClinicT();
  const me = useAppStore((s) => s.me);
  const week = useClinicStore((s) => s.onDuty);
  const calendar = useClinicStore((s) => s.calendar);
  const loadOnDuty = useClinicStore((s) => s.loadOnDuty);
  const loadCalendar = useClinicStore((s) => s.loadCalendar);
  const settings = useClinicStore((s) => s.settings);
  const loadSettings = useClinicStore((s) => s.loadSettings);
  const [month, setMonth] = useState(beijingMonth());
  const [profession, setProfession] = useState<Profession | 'all'>('all');
  const booker = isBooker(me ?? undefined);
  const now = useNow();

  const openid = me?.openid;
  useEffect(() => {
    if (openid) void loadOnDuty();
    if (openid) void loadSettings();
  }, [openid, loadOnDuty, loadSettings]);
  useEffect(() => {
    if (openid) void loadCalendar(month, profession === 'all' ? undefined : profession);
  }, [openid, loadCalendar, month, profession]);

  const bookUrl = (sessionId: string) => `/clinic/pages/book/index?sessionId=${encodeURIComponent(sessionId)}${profession !== 'all' ? `&profession=${profession}` : ''}`;
  const options = [{ value: 'all' as const, label: t('clinic.allProfessions') }, ...Professions.map((p) => ({ value: p, label: professionName(t, p) }))];

  return (
    <PageShell titleKey="title.clinic" rootProps={{ 'data-testid': 'clinic-index' }}>
      <PageHead title={t('title.clinic')} subtitle={t('clinic.index.subtitle')} />
      {me ? (
        <View className="btn-row" style={{ marginBottom: '24px' }}>
          {booker ? (
            <>
              <Btn small onClick={() => go('/clinic/pages/book/index')} testId="clinic-go-book">
                {t('clinicNav.book')}
              </Btn>
              <Btn small kind="secondary" onClick={() => go('/clinic/pages/mine/index')} testId="clinic-go-mine">
                {t('clinicNav.mine')}
              </Btn>
            </>
          ) : null}
          {isClinicVolunteer(me) ? (
            <Btn small onClick={() => go('/clinic/pages/duties/index')} testId="clinic-go-duties">
              {t('clinicNav.duties')}
            </Btn>
          ) : null}
          {isRosterStaff(me) ? (
            <Btn small onClick={() => go('/clinic/pages/roster/index')} testId="clinic-go-roster">
              {t('clinicNav.roster')}
            </Btn>
          ) : null}
        </View>
      ) : null}

      <Card title={t('clinic.index.week')} testId="clinic-week">
        {week.status === 'loading' && !week.data ? <Loading /> : null}
        <ErrorNote error={week.error} onRetry={() => void loadOnDuty()} />
        {week.data && week.data.length === 0 ? <Empty text={t('clinic.index.weekEmpty')} /> : null}
        {week.data?.map((s) => <SessionCard key={s.id} session={s} />)}
      </Card>

      {settings.data?.station ? (
        <Card title={t('clinic.station.title')} testId="clinic-index-station">
          <StationCard station={settings.data.station} />
        </Card>
      ) : null}

      <Card title={t('clinic.index.calendar')} testId="clinic-calendar">
        <MonthBar month={month} onChange={setMonth} />
        <View style={{ marginBottom: '8px' }}>
          <Chips options={options} value={profession} onChange={setProfession} testIdPrefix="clinic-profession" />
        </View>
        {calendar.status === 'loading' && !calendar.data ? <Loading /> : null}
        <ErrorNote error={calendar.error} onRetry={() => void loadCalendar(month, profession === 'all' ? undefined : profession)} />
        {calendar.data && calendar.data.length === 0 ? <Empty text={t('clinic.empty.sessions')} /> : null}
        {calendar.data?.some((s) => s.statutoryOnly) ? (
          <View className="clinic-calendar-note" data-testid="clinic-calendar-statutory-only">
            {t('clinic.calendar.statutoryOnly', { year: month.slice(0, 4) })}
          </View>
        ) : null}
        {calendar.data?.map((s) => (
          <SessionCard key={s.id} session={s} showFree profession={profession === 'all' ? undefined : profession}>
            {booker && !s.closed && Date.parse(s.startsAt) > now && Object.values(s.freeSlots).some((n) => (n ?? 0) > 0) ? (
              <View className="clinic-session__actions">
                <Btn small kind="secondary" onClick={() => go(bookUrl(s.id))} testId="clinic-session-book">
                  {t('clinic.index.book')}
                </Btn>
              </View>
            ) : null}
          </SessionCard>
        ))}
      </Card>
    </PageShell>
  );
}
