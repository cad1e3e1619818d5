import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { ClinicSettings } from '@core/api/clinic';
import { Professions } from '@core/api/roles';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Empty, ErrorNote, Loading, PageHead, Toggle } from '../../../components/ui';
import { useIntentKey } from '../../../components/use-intent-key';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useClinicStore } from '../../../store/clinic';
import { beijingMonth, professionName, weekdayLabel } from '../../clinic-labels';
import { isRosterStaff } from '../../clinic-roles';
import { ClinicGate } from '../../components/clinic-gate';
import { MonthBar } from '../../components/month-bar';
import { SessionCard } from '../../components/session-card';
import { useClinicT } from '../../i18n';
import '../../clinic.css';

/** 排班看板: staffing per session and profession, coverage gaps, fair rotation, clinic settings. */
export default function ClinicRosterPage() {
  const t = useClinicT();
  return (
    <PageShell titleKey="title.clinicRoster" rootProps={{ 'data-testid': 'clinic-roster' }}>
      <PageHead title={t('clinicNav.roster')} subtitle={t('clinic.roster.subtitle')} />
      <ClinicGate allowed={isRosterStaff}>
        <Roster />
      </ClinicGate>
    </PageShell>
  );
}

function Roster() {
  const t = useClinicT();
  const me = useAppStore((s) => s.me)!;
  const roster = useClinicStore((s) => s.roster);
  const coverage = useClinicStore((s) => s.coverage);
  const planned = useClinicStore((s) => s.planned);
  const loadRoster = useClinicStore((s) => s.loadRoster);
  const planRotation = useClinicStore((s) => s.planRotation);
  const [month, setMonth] = useState(beijingMonth());
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const key = useIntentKey({ plan: month }, round);
  // Planning writes duties: staff and admins (instructors read the board).
  const canPlan = me.role === 'staff' || me.role === 'admin';

  useEffect(() => {
    void loadRoster(month);
  }, [month]);

  const plan = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await planRotation(month, key);
      setRound((r) => r + 1);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const sessions = roster.key === month ? roster.data : undefined;
  const gaps = coverage.key === month ? coverage.data : undefined;
  return (
    <>
      <MonthBar month={month} onChange={setMonth} />
      <Card title={t('clinic.roster.gaps')} testId="clinic-gaps">
        {!gaps && coverage.status === 'loading' ? <Loading /> : null}
        <ErrorNote error={coverage.error} onRetry={() => void loadRoster(month)} />
        {gaps && gaps.length === 0 ? <Empty text={t('clinic.roster.noGaps')} /> : null}
        {gaps?.map((g) => (
          <View key={`${g.sessionId}-${g.profession}`} className="clinic-gap" data-testid="clinic-gap" data-session={g.sessionId} data-profession={g.profession}>
            {t('clinic.roster.gap', { date: g.date, weekday: weekdayLabel(t, g.weekday), n: g.missing, profession: professionName(t, g.profession) })}
          </View>
        ))}
        {planned && planned.month === month ? (
          <View className="success-note" data-testid="clinic-planned">
            {t('clinic.roster.planned', { n: planned.assigned, gaps: planned.gaps.length })}
          </View>
        ) : null}
        <ErrorNote error={error} />
        {canPlan ? (
          <View style={{ marginTop: '12px' }}>
            <Btn busy={busy} onClick={() => void plan()} testId="clinic-plan-rotation">
              {t('clinic.roster.plan')}
            </Btn>
          </View>
        ) : null}
      </Card>
      <Card title={t('clinic.index.calendar')} testId="clinic-roster-calendar">
        {!sessions && roster.status === 'loading' ? <Loading /> : null}
        <ErrorNote error={roster.error} onRetry={() => void loadRoster(month)} />
        {sessions && sessions.length === 0 ? <Empty text={t('clinic.empty.sessions')} /> : null}
        {sessions?.map((s) => <SessionCard key={s.id} session={s} showStaffing />)}
      </Card>
      {canPlan ? <SettingsForm /> : null}
    </>
  );
}

const list = (s: string) =>
  s
    .split(/[,，\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

type Draft = Omit<ClinicSettings, 'slotMinutes' | 'cutoffHours' | 'monthlyDutyCap' | 'seatsPerProfession' | 'closures' | 'extraDates'> & {
  slotMinutes: string;
  cutoffHours: string;
  monthlyDutyCap: string;
  seats: Record<string, string>;
  closures: string;
  extraDates: string;
};

const toDraft = (s: ClinicSettings): Draft => ({
  ...s,
  slotMinutes: String(s.slotMinutes),
  cutoffHours: String(s.cutoffHours),
  monthlyDutyCap: String(s.monthlyDutyCap),
  seats: Object.fromEntries(Professions.map((p) => [p, String(s.seatsPerProfession[p] ?? 0)])),
  closures: s.closures.join(', '),
  extraDates: s.extraDates.join(', '),
});

const fromDraft = (d: Draft): ClinicSettings => ({
  weekdays: [...d.weekdays].sort(),
  start: d.start.trim(),
  end: d.end.trim(),
  slotMinutes: Number(d.slotMinutes),
  seatsPerProfession: Object.fromEntries(Professions.map((p) => [p, Number(d.seats[p] || 0)])),
  closures: list(d.closures),
  extraDates: list(d.extraDates),
  includeMakeUpDays: d.includeMakeUpDays,
  cutoffHours: Number(d.cutoffHours),
  monthlyDutyCap: Number(d.monthlyDutyCap),
});

function SettingsForm() {
  const t = useClinicT();
  const settings = useClinicStore((s) => s.settings);
  const loadSettings = useClinicStore((s) => s.loadSettings);
  const saveSettings = useClinicStore((s) => s.saveSettings);
  const [draft, setDraft] = useState<Draft>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [round, setRound] = useState(0);
  const patch = draft ? fromDraft(draft) : undefined;
  const key = useIntentKey(patch, round);

  useEffect(() => {
    void loadSettings();
  }, []);
  useEffect(() => {
    if (settings.data) setDraft(toDraft(settings.data));
  }, [settings.data]);

  if (!draft) {
    return (
      <Card title={t('clinic.roster.settings')}>
        {settings.status === 'error' ? <ErrorNote error={settings.error} onRetry={() => void loadSettings()} /> : <Loading />}
      </Card>
    );
  }
  const set = (p: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...p });
  };
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await saveSettings(fromDraft(draft), key);
      setRound((r) => r + 1);
      setSaved(true);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('clinic.roster.settings')} testId="clinic-settings">
      <FieldFrame label={t('clinic.roster.weekdays')}>
        <View className="chips">
          {[1, 2, 3, 4, 5, 6, 7].map((d) => {
            const on = draft.weekdays.includes(d);
            return (
              <View
                key={d}
                className={`chip${on ? ' chip--on' : ''}`}
                role="checkbox"
                aria-checked={on ? 'true' : 'false'}
                data-testid={`clinic-weekday-${d}`}
                onClick={() => set({ weekdays: on ? draft.weekdays.filter((x) => x !== d) : [...draft.weekdays, d] })}
              >
                {weekdayLabel(t, d)}
              </View>
            );
          })}
        </View>
      </FieldFrame>
      <View className="clinic-form-row">
        <Field label={t('clinic.roster.start')} value={draft.start} onInput={(v) => set({ start: v })} maxlength={5} testId="clinic-settings-start" />
        <Field label={t('clinic.roster.end')} value={draft.end} onInput={(v) => set({ end: v })} maxlength={5} testId="clinic-settings-end" />
        <Field label={t('clinic.roster.slotMinutes')} type="number" value={draft.slotMinutes} onInput={(v) => set({ slotMinutes: v })} maxlength={3} testId="clinic-settings-slot" />
      </View>
      <View className="clinic-form-row">
        {Professions.map((p) => (
          <Field
            key={p}
            label={t('clinic.roster.seats', { profession: professionName(t, p) })}
            type="number"
            value={draft.seats[p] ?? '0'}
            onInput={(v) => set({ seats: { ...draft.seats, [p]: v } })}
            maxlength={2}
            testId={`clinic-settings-seats-${p}`}
          />
        ))}
      </View>
      <Field label={t('clinic.roster.closures')} value={draft.closures} onInput={(v) => set({ closures: v })} maxlength={400} testId="clinic-settings-closures" />
      <Field label={t('clinic.roster.extraDates')} value={draft.extraDates} onInput={(v) => set({ extraDates: v })} maxlength={400} testId="clinic-settings-extra" />
      <Toggle on={draft.includeMakeUpDays} onChange={(v) => set({ includeMakeUpDays: v })} label={t('clinic.roster.makeUp')} testId="clinic-settings-makeup" />
      <View className="clinic-form-row">
        <Field label={t('clinic.roster.cutoff')} type="number" value={draft.cutoffHours} onInput={(v) => set({ cutoffHours: v })} maxlength={3} testId="clinic-settings-cutoff" />
        <Field label={t('clinic.roster.cap')} type="number" value={draft.monthlyDutyCap} onInput={(v) => set({ monthlyDutyCap: v })} maxlength={2} testId="clinic-settings-cap" />
      </View>
      {saved ? <View className="success-note">{t('clinic.roster.saved')}</View> : null}
      <ErrorNote error={error} />
      <Btn busy={busy} onClick={() => void save()} testId="clinic-settings-save">
        {t('clinic.roster.save')}
      </Btn>
    </Card>
  );
}
