import { Picker, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { ClinicSettings, CoverageGapView, GapReason, RotationResult, SessionView } from '@core/api/clinic';
import { Professions } from '@core/api/roles';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Btn, Card, Empty, ErrorNote, Loading, PageHead, Toggle } from '../../../components/ui';
import { useIntentKey } from '../../../components/use-intent-key';
import { useWrite } from '../../../components/use-write';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useClinicStore } from '../../../store/clinic';
import { beijingMonth, professionName, sessionDay, weekdayLabel } from '../../clinic-labels';
import { isRosterStaff } from '../../clinic-roles';
import { ClinicGate } from '../../components/clinic-gate';
import { MonthBar } from '../../components/month-bar';
import { SessionCard } from '../../components/session-card';
import { StationForm } from '../../components/station-form';
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
  const previewRotation = useClinicStore((s) => s.previewRotation);
  const [month, setMonth] = useState(beijingMonth());
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState<'preview' | 'save'>();
  const [error, setError] = useState<ApiError>();
  const [preview, setPreview] = useState<RotationResult & { month: string }>();
  const key = useIntentKey({ plan: month }, round);
  const previewKey = useIntentKey({ preview: month }, round);
  // Planning writes duties: staff and admins (instructors read the board).
  const canPlan = me.role === 'staff' || me.role === 'admin';

  useEffect(() => {
    void loadRoster(month);
  }, [loadRoster, month]);

  // 生成排班 first shows what it would do (and why each gap stays); 确认保存 writes it.
  const showPreview = async () => {
    setBusy('preview');
    setError(undefined);
    try {
      setPreview({ month, ...(await previewRotation(month, previewKey)) });
      setRound((r) => r + 1);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };
  const plan = async () => {
    setBusy('save');
    setError(undefined);
    try {
      await planRotation(month, key);
      setRound((r) => r + 1);
      setPreview(undefined);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
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
        {planned && planned.month === month && !preview ? (
          <View className="success-note" data-testid="clinic-planned">
            {t('clinic.roster.planned', { n: planned.assigned, gaps: planned.gaps.length })}
          </View>
        ) : null}
        {planned && planned.month === month && !preview && planned.gaps.length ? <GapList gaps={planned.gaps} cap={planned.cap} /> : null}
        <ErrorNote error={error} />
        {canPlan && !(preview && preview.month === month) ? (
          <View style={{ marginTop: '12px' }}>
            <Btn busy={busy === 'preview'} onClick={() => void showPreview()} testId="clinic-plan-rotation">
              {t('clinic.roster.plan')}
            </Btn>
          </View>
        ) : null}
      </Card>
      {canPlan && preview && preview.month === month ? (
        <Card title={t('clinic.roster.preview')} testId="clinic-plan-preview">
          <View className="card__text">{t('clinic.roster.previewSummary', { n: preview.assigned, gaps: preview.gaps.length })}</View>
          {preview.proposed?.length ? (
            <View className="clinic-proposed" data-testid="clinic-proposed">
              {preview.proposed.map((d) => (
                <View key={`${d.sessionId}-${d.profession}-${d.volunteerName}`} className="clinic-proposed__row" data-testid="clinic-proposed-duty">
                  {sessionDay(t, d)} · {professionName(t, d.profession)} · {d.volunteerName}
                </View>
              ))}
            </View>
          ) : null}
          {preview.gaps.length ? <GapList gaps={preview.gaps} cap={preview.cap} /> : null}
          <View className="btn-row">
            <Btn busy={busy === 'save'} disabled={!preview.assigned} onClick={() => void plan()} testId="clinic-plan-save">
              {t('clinic.roster.previewSave', { n: preview.assigned })}
            </Btn>
            <Btn kind="secondary" onClick={() => setPreview(undefined)} testId="clinic-plan-cancel">
              {t('clinic.roster.previewCancel')}
            </Btn>
          </View>
        </Card>
      ) : null}
      <Card title={t('clinic.index.calendar')} testId="clinic-roster-calendar">
        {!sessions && roster.status === 'loading' ? <Loading /> : null}
        <ErrorNote error={roster.error} onRetry={() => void loadRoster(month)} />
        {sessions && sessions.length === 0 ? <Empty text={t('clinic.empty.sessions')} /> : null}
        {sessions?.length ? <MonthGrid sessions={sessions} /> : null}
      </Card>
      {canPlan ? <SettingsForm /> : null}
      {canPlan ? <StationForm /> : null}
    </>
  );
}

/** Why a gap stays and what fixes it: approve a volunteer, raise the cap, or ask for a claim / close the day. */
function GapList({ gaps, cap }: { gaps: CoverageGapView[]; cap: number }) {
  const t = useClinicT();
  const fix: Record<GapReason, { text: string; action?: () => void; label?: string }> = {
    no_volunteer: { text: t('clinic.roster.reason.no_volunteer'), label: t('clinic.roster.fix.no_volunteer'), action: () => void Taro.navigateTo({ url: '/staff/pages/volunteers/index' }) },
    cap_reached: { text: t('clinic.roster.reason.cap_reached', { cap }), label: t('clinic.roster.fix.cap_reached'), action: () => void Taro.pageScrollTo({ selector: '#clinic-settings', duration: 200 }) },
    unavailable: { text: t('clinic.roster.reason.unavailable') },
  };
  return (
    <View className="clinic-gap-reasons" data-testid="clinic-gap-reasons">
      {gaps.map((g) => {
        const f = fix[g.reason ?? 'unavailable'];
        return (
          <View key={`${g.sessionId}-${g.profession}`} className="clinic-gap-reason" data-testid="clinic-gap-reason" data-reason={g.reason}>
            <View className="clinic-gap">{t('clinic.roster.gap', { date: g.date, weekday: weekdayLabel(t, g.weekday), n: g.missing, profession: professionName(t, g.profession) })}</View>
            <View className="muted">{f.text}</View>
            {f.action ? (
              <Btn kind="ghost" small onClick={f.action} testId={`clinic-gap-fix-${g.reason}`}>
                {f.label}
              </Btn>
            ) : null}
          </View>
        );
      })}
    </View>
  );
}

/** The month's sessions: a list on a phone, a calendar grid (one column per clinic weekday) at a desk. */
function MonthGrid({ sessions }: { sessions: SessionView[] }) {
  const t = useClinicT();
  const days = [...new Set(sessions.map((s) => s.weekday))].sort();
  return (
    <View className="clinic-grid" data-testid="clinic-month-grid" style={{ ['--clinic-cols' as string]: String(days.length) }}>
      {days.map((d) => (
        <View key={`h${d}`} className="clinic-grid__head" style={{ gridColumn: String(days.indexOf(d) + 1) }}>
          {weekdayLabel(t, d)}
        </View>
      ))}
      {sessions.map((s) => (
        <View key={s.id} className="clinic-grid__cell" style={{ gridColumn: String(days.indexOf(s.weekday) + 1) }}>
          <SessionCard session={s} showStaffing />
        </View>
      ))}
    </View>
  );
}

/** Dates as chips with a remove button, and a date picker to add one (no typed dates). */
function DateList({ label, dates, onChange, testId }: { label: string; dates: string[]; onChange: (dates: string[]) => void; testId: string }) {
  const t = useClinicT();
  return (
    <FieldFrame label={label}>
      <View className="chips" data-testid={testId} data-dates={dates.join(',')}>
        {dates.map((d) => (
          <View key={d} className="chip chip--on" role="button" onClick={() => onChange(dates.filter((x) => x !== d))} data-testid={`${testId}-${d}`}>
            {d} ✕
          </View>
        ))}
        <Picker mode="date" value={dates[dates.length - 1] ?? ''} onChange={(e) => onChange([...new Set([...dates, String(e.detail.value)])].sort())}>
          <View className="chip" role="button" data-testid={`${testId}-add`}>
            ＋ {t('clinic.roster.addDate')}
          </View>
        </Picker>
      </View>
    </FieldFrame>
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
  const { busy, error, run } = useWrite();
  const [saved, setSaved] = useState(false);
  const patch = draft ? fromDraft(draft) : undefined;
  const intent = patch;

  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  // New settings (loaded or saved): the form starts from them again.
  const [draftOf, setDraftOf] = useState<typeof settings.data>();
  if (draftOf !== settings.data) {
    setDraftOf(settings.data);
    if (settings.data) setDraft(toDraft(settings.data));
  }

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
    await run(intent, async (key) => {
      await saveSettings(fromDraft(draft), key);
      setSaved(true);
    });
  };

  return (
    <Card title={t('clinic.roster.settings')} testId="clinic-settings">
      <View id="clinic-settings" />
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
      <DateList label={t('clinic.roster.closuresPick')} dates={list(draft.closures)} onChange={(d) => set({ closures: d.join(', ') })} testId="clinic-settings-closures" />
      <DateList label={t('clinic.roster.extraDatesPick')} dates={list(draft.extraDates)} onChange={(d) => set({ extraDates: d.join(', ') })} testId="clinic-settings-extra" />
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
