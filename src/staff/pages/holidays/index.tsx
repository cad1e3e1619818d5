import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { HolidayKind, HolidayOverride } from '@core/api/console';
import { Field, FieldFrame } from '../../../components/field';
import { PageShell } from '../../../components/page-shell';
import { Badge, Btn, Card, Chips, Empty, ErrorNote, Loading, PageHead } from '../../../components/ui';
import { useIntentKeys } from '../../../components/use-intent-key';
import { toApiError, type ApiError } from '../../../services/api-error';
import { useAppStore } from '../../../store';
import { useConsoleStore } from '../../../store/console';
import { beijingToday, isDay } from '../../console-period';
import { useConsoleT } from '../../i18n';
import { StaffGate } from '../../staff-gate';
import '../../console.css';

const CURATORS = ['staff', 'admin'] as const;

/** 节假日: a year's corrections of the holiday calendar (a day off, a make-up working day), added or removed. */
export default function HolidaysPage() {
  const t = useConsoleT();
  const me = useAppStore((s) => s.me);
  const holidays = useConsoleStore((s) => s.holidays);
  const load = useConsoleStore((s) => s.loadHolidays);
  const setHoliday = useConsoleStore((s) => s.setHoliday);
  const { keyFor, done } = useIntentKeys();
  const thisYear = Number(beijingToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<HolidayKind>('holiday');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const allowed = !!me && (CURATORS as readonly string[]).includes(me.role);

  useEffect(() => {
    if (allowed) void load(year);
  }, [allowed, year]);

  const change = async (input: { date: string; kind: HolidayKind | 'none'; name?: string }) => {
    setBusy(input.date);
    setError(undefined);
    try {
      await setHoliday(input, keyFor(input));
      done(input);
      if (input.kind !== 'none') {
        setDate('');
        setName('');
        const y = Number(input.date.slice(0, 4));
        if (y !== year) setYear(y);
      }
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const list: HolidayOverride[] = holidays.key === String(year) ? (holidays.data ?? []) : [];
  const dateOk = isDay(date.trim());
  return (
    <PageShell titleKey="title.holidays" rootProps={{ 'data-testid': 'staff-holidays' }}>
      <PageHead title={t('console.master.holidays')} subtitle={t('console.holidays.hint')} />
      <StaffGate roles={CURATORS}>
        <View className="console-grid">
          <Card testId="holiday-form">
            <Field label={t('console.holidays.date')} value={date} onInput={setDate} required maxlength={10} placeholder="2027-02-05" error={date && !dateOk ? t('console.holidays.dateInvalid') : undefined} testId="holiday-date" />
            <FieldFrame label={t('console.holidays.kind')}>
              <Chips options={(['holiday', 'workday'] as HolidayKind[]).map((k) => ({ value: k, label: t(`console.holidays.kind.${k}`) }))} value={kind} onChange={setKind} testIdPrefix="holiday-kind" />
            </FieldFrame>
            <Field label={t('console.holidays.name')} value={name} onInput={setName} required maxlength={20} placeholder={t('console.holidays.namePlaceholder')} testId="holiday-name" />
            <ErrorNote error={error} />
            <Btn busy={busy === date.trim()} disabled={!dateOk || !name.trim()} onClick={() => void change({ date: date.trim(), kind, name: name.trim() })} testId="holiday-add">
              {t('console.holidays.add')}
            </Btn>
          </Card>
          <Card title={t('console.holidays.year', { year })} testId="holiday-list">
            <Chips options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: String(y) }))} value={String(year)} onChange={(y) => setYear(Number(y))} testIdPrefix="holiday-year" />
            {holidays.status === 'loading' && !list.length ? <Loading /> : null}
            {holidays.status === 'error' ? <ErrorNote error={holidays.error} onRetry={() => void load(year)} /> : null}
            {holidays.status === 'ready' && list.length === 0 ? <Empty text={t('console.holidays.empty')} /> : null}
            {list.map((h) => (
              <View key={h.date} className="list-item" data-testid={`holiday-${h.date}`} data-kind={h.kind}>
                <View className="console-row__top">
                  <View className="list-item__title">
                    {h.date} · {h.name}
                  </View>
                  <Badge kind={h.kind === 'holiday' ? 'ok' : 'warn'}>{t(`console.holidays.kind.${h.kind}`)}</Badge>
                </View>
                <View className="list-item__actions">
                  <Btn small kind="ghost" busy={busy === h.date} onClick={() => void change({ date: h.date, kind: 'none' })} testId={`holiday-remove-${h.date}`}>
                    {t('console.holidays.remove')}
                  </Btn>
                </View>
              </View>
            ))}
          </Card>
        </View>
      </StaffGate>
    </PageShell>
  );
}
