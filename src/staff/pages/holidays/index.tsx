import { CuratorRoles } from '@core/api/roles';
import { View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { HolidayKind, HolidayOverride, NoticePreview } from '@core/api/console';
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
import { TextArea } from '../../../components/text-area';
import '../../console.css';


/**
 * 节假日: the year's calendar as the deadlines see it (statutory days, the arrangement, 调休), whether
 * the arrangement is known, the import of the State Council's notice (paste, preview, confirm),
 * and the per-day corrections (a day off, a make-up working day), added or removed.
 */
/** '2027-02-05' → '2月5日' / 'Feb 5' is for the reader's eye only: the ISO date stays unambiguous. */
const short = (d: string) => d.slice(5);

/** Consecutive days as ranges: 02-05–02-12. */
function spans(days: string[]): string {
  const out: string[] = [];
  let start = days[0];
  let prev = days[0];
  const next = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  for (const d of [...days.slice(1), '']) {
    if (d && d === next(prev)) {
      prev = d;
      continue;
    }
    out.push(start === prev ? short(start) : `${short(start)}–${short(prev)}`);
    start = d;
    prev = d;
  }
  return out.join('、');
}

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
  const allowed = !!me && (CuratorRoles as readonly string[]).includes(me.role);
  const yearView = useConsoleStore((s) => s.holidayYear);
  const loadYear = useConsoleStore((s) => s.loadHolidayYear);
  const previewNotice = useConsoleStore((s) => s.previewHolidayNotice);
  const importNotice = useConsoleStore((s) => s.importHolidayNotice);
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<NoticePreview>();
  const [noticeBusy, setNoticeBusy] = useState<'preview' | 'import'>();
  const [noticeError, setNoticeError] = useState<ApiError>();
  const [imported, setImported] = useState<number>();

  useEffect(() => {
    if (allowed) {
      void load(year);
      void loadYear(year);
    }
  }, [allowed, year]);

  const readNotice = async () => {
    setNoticeBusy('preview');
    setNoticeError(undefined);
    setImported(undefined);
    try {
      setPreview(await previewNotice(text));
    } catch (e) {
      setNoticeError(toApiError(e));
    } finally {
      setNoticeBusy(undefined);
    }
  };

  const confirmNotice = async () => {
    const intent = { import: text };
    setNoticeBusy('import');
    setNoticeError(undefined);
    try {
      const y = await importNotice(text, keyFor(intent));
      done(intent);
      setImported(y.year);
      setPreview(undefined);
      setText('');
      if (y.year !== year) setYear(y.year);
    } catch (e) {
      setNoticeError(toApiError(e));
    } finally {
      setNoticeBusy(undefined);
    }
  };

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
  const yv = yearView.key === String(year) ? yearView.data : undefined;
  const todo = yearView.data?.todo;
  const dateOk = isDay(date.trim());
  return (
    <PageShell titleKey="title.holidays" rootProps={{ 'data-testid': 'staff-holidays' }}>
      <PageHead title={t('console.master.holidays')} subtitle={t('console.holidays.hint')} />
      <StaffGate roles={CuratorRoles}>
        {todo?.missing ? (
          <View className="console-alert" data-testid="holiday-todo" data-year={todo.year}>
            {t('console.holidays.todo', { year: todo.year })}
          </View>
        ) : null}
        <View className="console-grid">
          <Card title={t('console.holidays.import.title')} testId="holiday-import">
            <View className="muted">{t('console.holidays.import.hint')}</View>
            <TextArea value={text} onInput={(v) => { setText(v); setPreview(undefined); }} maxlength={20000} placeholder={t('console.holidays.import.placeholder')} testId="holiday-notice-text" look="console" />
            <ErrorNote error={noticeError} />
            {imported ? (
              <View className="console-ok" data-testid="holiday-imported">
                {t('console.holidays.import.done', { year: imported })}
              </View>
            ) : null}
            <Btn kind="ghost" busy={noticeBusy === 'preview'} disabled={!text.trim()} onClick={() => void readNotice()} testId="holiday-preview">
              {t('console.holidays.import.preview')}
            </Btn>
            {preview ? (
              <View className="holiday-preview" data-testid="holiday-preview-result" data-can-import={String(preview.canImport)}>
                {preview.year ? <View className="list-item__title">{t('console.holidays.import.previewYear', { year: preview.year })}</View> : null}
                {preview.problems.map((p, i) => (
                  <View key={i} className="holiday-problem" data-testid={`holiday-problem-${p.code}`}>
                    {t(`console.holidays.problem.${p.code}`, { date: p.date ?? '', name: p.name ?? '', year: preview.year ?? '' })}
                  </View>
                ))}
                {preview.items.map((item) => (
                  <View key={item.name} className="list-item" data-testid="holiday-preview-item">
                    <View className="list-item__title">{item.name}</View>
                    <View className="holiday-days">
                      {item.off.length ? <Badge kind="ok">{t('console.holidays.import.off', { days: spans(item.off) })}</Badge> : null}
                      {item.work.length ? <Badge kind="warn">{t('console.holidays.import.work', { days: item.work.map(short).join('、') })}</Badge> : null}
                    </View>
                  </View>
                ))}
                <Btn busy={noticeBusy === 'import'} disabled={!preview.canImport} onClick={() => void confirmNotice()} testId="holiday-confirm">
                  {t('console.holidays.import.confirm')}
                </Btn>
              </View>
            ) : null}
          </Card>
          <Card title={t('console.holidays.calendar', { year })} testId="holiday-year-days">
            <Chips options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: String(y), label: String(y) }))} value={String(year)} onChange={(y) => setYear(Number(y))} testIdPrefix="holiday-days-year" />
            {yearView.status === 'error' ? <ErrorNote error={yearView.error} onRetry={() => void loadYear(year)} /> : null}
            {yv ? (
              <View className={yv.coverage === 'statutory_only' ? 'console-alert' : 'muted'} data-testid="holiday-coverage" data-coverage={yv.coverage}>
                {t(`console.holidays.coverage.${yv.coverage}`, { year })}
              </View>
            ) : yearView.status === 'loading' ? <Loading /> : null}
            {(yv?.days ?? []).map((d) => (
              <View key={d.date} className="holiday-day" data-testid={`holiday-day-${d.date}`} data-kind={d.kind}>
                <View>
                  {d.date} {d.name ?? ''}
                </View>
                <Badge kind={d.working ? 'warn' : d.kind === 'statutory' ? 'bad' : 'ok'}>{t(`console.holidays.day.${d.kind}`)}</Badge>
              </View>
            ))}
          </Card>
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
