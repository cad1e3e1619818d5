import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ConsultationView, WaitlistView } from '@core/api/clinic';
import { Professions, type Profession } from '@core/api/roles';
import { FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Chips, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useWrite } from '../../../components/use-write';
import { formatDate } from '../../../labels';
import { useClinicStore } from '../../../store/clinic';
import { beijingMonth, professionName, timeRange, weekdayLabel } from '../../clinic-labels';
import { isBooker } from '../../clinic-roles';
import { ClinicGate } from '../../components/clinic-gate';
import { MonthBar } from '../../components/month-bar';
import { SessionCard } from '../../components/session-card';
import { SlotGrid } from '../../components/slot-grid';
import { StationCard } from '../../components/station-card';
import { TextArea } from '../../../components/text-area';
import { useClinicT } from '../../i18n';
import '../../clinic.css';
import { askConsentAt } from '../../../components/consent-text';
import { ConsentAt } from '../../../services/subscribe';
import { clinicContract } from '@core/contract/clinic';
import { checkForm } from '../../../forms/check';
import { useFieldMessage } from '../../../forms/i18n';

const isProfession = (p?: string): p is Profession => !!p && (Professions as readonly string[]).includes(p);

/**
 * 预约三师: a profession, a session with it on duty, a free slot, a short description. A full
 * session offers the waitlist. With `reschedule=<bookingId>` the same screen moves a booking.
 */
export default function ClinicBookPage() {
  const t = useClinicT();
  const { params } = useRouter();
  const rescheduleId = params.reschedule;
  const [profession, setProfession] = useState<Profession>(isProfession(params.profession) ? params.profession : 'lawyer');
  const [sessionId, setSessionId] = useState<string | undefined>(params.sessionId ? decodeURIComponent(params.sessionId) : undefined);
  const [month, setMonth] = useState(sessionId && /^\d{4}-\d{2}/.test(sessionId) ? sessionId.slice(0, 7) : beijingMonth());
  const [slotIndex, setSlotIndex] = useState<number>();
  const [description, setDescription] = useState('');
  const [tried, setTried] = useState(false);
  const { busy, error, run, setError } = useWrite();
  const [done, setDone] = useState<{ booking?: ConsultationView; waitlist?: WaitlistView }>({});

  const calendar = useClinicStore((s) => s.calendar);
  const slots = useClinicStore((s) => s.slots);
  const offer = useClinicStore((s) => s.waitlistOffer);
  const loadCalendar = useClinicStore((s) => s.loadCalendar);
  const loadSlots = useClinicStore((s) => s.loadSlots);
  const book = useClinicStore((s) => s.book);
  const reschedule = useClinicStore((s) => s.reschedule);
  const joinWaitlist = useClinicStore((s) => s.joinWaitlist);
  const dismissOffer = useClinicStore((s) => s.dismissWaitlistOffer);

  const input = { sessionId: sessionId ?? '', profession, slotIndex: slotIndex ?? -1, description: description.trim() };
  const intent = rescheduleId ? { rescheduleId, ...input, description: '' } : input;
  const waitIntent = { w: input.sessionId, profession, description: input.description };
  // The server's own schemas (core/contract/clinic.ts), checked before sending.
  const bookCheck = checkForm(clinicContract.actions.book.input, input);
  const waitCheck = checkForm(clinicContract.actions.joinWaitlist.input, { sessionId: input.sessionId, profession, description: input.description });
  const problems = bookCheck.ok ? {} : bookCheck.fields;
  const message = useFieldMessage();

  useEffect(() => {
    dismissOffer();
  }, []);
  useEffect(() => {
    void loadCalendar(month, profession);
  }, [month, profession]);
  useEffect(() => {
    setSlotIndex(undefined);
    if (sessionId) void loadSlots(sessionId, profession);
  }, [sessionId, profession]);

  const sessions = (calendar.key === `${month}|${profession}` ? calendar.data ?? [] : []).filter((s) => !s.closed && s.freeSlots[profession] !== undefined && Date.parse(s.endsAt) > Date.now());
  const slotList = slots.key === `${sessionId}|${profession}` ? slots.data : undefined;
  const allFull = !!slotList && slotList.length > 0 && slotList.every((s) => s.free <= 0 && !s.mine);
  const showWaitlist = !rescheduleId && !!sessionId && ((offer && offer.sessionId === sessionId && offer.profession === profession) || allFull);

  const submit = async () => {
    setTried(true);
    if (!sessionId || slotIndex === undefined) return;
    if (!rescheduleId && !bookCheck.ok) {
      // A field without its own message here: the answer the server would give, shown the same way.
      if (!problems.description) setError(bookCheck.error);
      return;
    }
    await askConsentAt(ConsentAt.book);
    await run(intent, async (key) => {
      const booking = rescheduleId ? await reschedule({ id: rescheduleId, sessionId, slotIndex }, key) : await book(input, key);
      setDone({ booking });
    });
  };

  const join = async () => {
    if (!sessionId) return;
    setTried(true);
    if (!waitCheck.ok) return;
    await run(waitIntent, async (key) => {
      const waitlist = await joinWaitlist({ sessionId, profession, description: input.description }, key);
      setDone({ waitlist });
    });
  };

  // Back to 我的预约 when we came from it (a reschedule, or "book" from the list), else open it here.
  const toMine = () => {
    const pages = Taro.getCurrentPages();
    const previous = pages.length > 1 ? pages[pages.length - 2]?.route ?? '' : '';
    if (previous.includes('clinic/pages/mine/index')) void Taro.navigateBack();
    else void Taro.redirectTo({ url: '/clinic/pages/mine/index' });
  };

  if (done.booking || done.waitlist) {
    const b = done.booking;
    return (
      <PageShell titleKey="title.clinicBook" rootProps={{ 'data-testid': 'clinic-book', 'data-phase': b ? 'booked' : 'waitlisted' }}>
        <View className="success-note" data-testid="clinic-book-done" data-id={b?.id ?? done.waitlist?.id}>
          {b
            ? t(rescheduleId ? 'clinic.book.rescheduled' : 'clinic.book.booked', { date: `${formatDate(b.startsAt)} ${weekdayLabel(t, b.weekday)}`, time: timeRange(t, b.startsAt, b.endsAt) })
            : t('clinic.book.waitlisted', { position: done.waitlist!.position })}
        </View>
        {b?.station ? (
          <Card title={t('clinic.book.where')} testId="clinic-book-station">
            {b.volunteerName ? <View className="clinic-with">{t('clinic.mine.with', { name: b.volunteerName })}</View> : null}
            <StationCard station={b.station} />
          </Card>
        ) : null}
        <Btn onClick={toMine} testId="clinic-book-to-mine">
          {t('clinic.book.toMine')}
        </Btn>
      </PageShell>
    );
  }

  return (
    <PageShell titleKey="title.clinicBook" rootProps={{ 'data-testid': 'clinic-book', 'data-phase': showWaitlist ? 'waitlist' : 'form' }}>
      <PageHead title={rescheduleId ? t('clinic.book.rescheduleTitle') : t('clinicNav.book')} subtitle={rescheduleId ? undefined : t('clinic.book.subtitle')} />
      <ClinicGate allowed={isBooker}>
        <Card>
          <FieldFrame label={t('clinic.book.profession')} required>
            <Chips
              // A move keeps the profession (the server refuses another): only that one is shown, not chips that do nothing.
              options={Professions.filter((p) => !rescheduleId || p === profession).map((p) => ({ value: p, label: professionName(t, p) }))}
              value={profession}
              onChange={(p) => {
                if (rescheduleId) return;
                setProfession(p);
                setSessionId(undefined);
              }}
              testIdPrefix="clinic-book-profession"
            />
          </FieldFrame>
          <FieldFrame label={t('clinic.book.session')} required error={tried && !sessionId ? t('clinic.book.noSession') : undefined}>
            <MonthBar month={month} onChange={setMonth} />
            {calendar.status === 'loading' && !sessions.length ? <Loading /> : null}
            <ErrorNote error={calendar.error} onRetry={() => void loadCalendar(month, profession)} />
            {calendar.status === 'ready' && sessions.length === 0 ? <Empty text={t('clinic.book.noSessions')} /> : null}
            {sessions.map((s) => (
              <SessionCard key={s.id} session={s} profession={profession} showFree selected={s.id === sessionId} onClick={() => setSessionId(s.id)} />
            ))}
          </FieldFrame>
        </Card>
        {sessionId ? (
          <Card>
            <FieldFrame label={t('clinic.book.slots')} required error={tried && slotIndex === undefined && !showWaitlist ? t('clinic.book.chooseSlot') : undefined}>
              {slots.status === 'loading' && !slotList ? <Loading /> : null}
              <ErrorNote error={slots.error} onRetry={() => void loadSlots(sessionId, profession)} />
              {slotList ? <SlotGrid slots={slotList} value={slotIndex} onChange={setSlotIndex} /> : null}
            </FieldFrame>
            {!rescheduleId ? (
              <FieldFrame label={t('clinic.book.description')} required error={tried ? message(problems.description) : undefined}>
                <TextArea value={description} onInput={setDescription} placeholder={t('clinic.book.description.placeholder')} testId="clinic-description" maxlength={500} look="short" />
              </FieldFrame>
            ) : null}
          </Card>
        ) : null}
        {showWaitlist ? (
          <Card className="card--notice" testId="clinic-waitlist-offer">
            <View className="card__text">{t('clinic.book.full', { profession: professionName(t, profession) })}</View>
            <View className="muted" style={{ margin: '8px 0 16px' }}>
              {t('clinic.book.waitlistHint')}
            </View>
            <Btn busy={busy} onClick={() => void join()} testId="clinic-waitlist-join">
              {t('clinic.book.waitlistJoin')}
            </Btn>
          </Card>
        ) : null}
        <ErrorNote error={error} />
        {!allFull ? (
          <Btn busy={busy} onClick={() => void submit()} testId="clinic-book-submit">
            {rescheduleId ? t('clinic.book.rescheduleSubmit') : t('clinic.book.submit')}
          </Btn>
        ) : null}
      </ClinicGate>
    </PageShell>
  );
}
