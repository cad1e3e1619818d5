import { Input, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import type { Enterprise } from '@core/api/admin';
import { TicketCategories, type TicketCategory } from '@core/api/tickets';
import { Field, FieldFrame } from '../../components/field';
import { Btn, Chips, Empty, Loading } from '../../components/ui';
import { enterpriseName } from '../../labels';
import { useAppStore } from '../../store';
import { useConsoleStore } from '../../store/console';
import { categoryLabel } from '../console-labels';
import { isDay, PeriodPresets, presetRange, type PeriodPreset } from '../console-period';
import { useConsoleT, type ConsoleMessageKey } from '../i18n';

export interface Period {
  preset: PeriodPreset;
  from: string;
  to: string;
}

export const initialPeriod = (preset: Exclude<PeriodPreset, 'custom'> = 'month'): Period => ({ preset, ...presetRange(preset) });

/** Presets (this month, last 30 days, this year) or two dates; answers a valid period only. */
export function PeriodFilter({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const t = useConsoleT();
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  // Another period from outside (a preset chosen, a valid range answered): the fields show it.
  const [shown, setShown] = useState({ from: value.from, to: value.to });
  if (shown.from !== value.from || shown.to !== value.to) {
    setShown({ from: value.from, to: value.to });
    setFrom(value.from);
    setTo(value.to);
  }
  const bad = (s: string) => (isDay(s) ? undefined : t('console.holidays.dateInvalid'));
  const order = isDay(from) && isDay(to) && from > to;
  return (
    <FieldFrame label={t('console.period')}>
      <View data-testid="period" data-from={value.from} data-to={value.to}>
        <Chips
          options={PeriodPresets.map((p) => ({ value: p, label: t(`console.period.${p}` as ConsoleMessageKey) }))}
          value={value.preset}
          onChange={(p) => onChange(p === 'custom' ? { ...value, preset: 'custom' } : { preset: p, ...presetRange(p) })}
          testIdPrefix="period"
        />
        {value.preset === 'custom' ? (
          <View className="console-dates">
            <Field label={t('console.period.from')} value={from} onInput={setFrom} maxlength={10} error={from ? bad(from) : undefined} testId="period-from" />
            <Field label={t('console.period.to')} value={to} onInput={setTo} maxlength={10} error={to ? bad(to) : undefined} testId="period-to" />
            <View style={{ marginBottom: '24px' }}>
              <Btn small kind="secondary" disabled={!isDay(from) || !isDay(to) || order} onClick={() => onChange({ preset: 'custom', from, to })} testId="period-apply">
                {t('console.filter.apply')}
              </Btn>
            </View>
          </View>
        ) : (
          <View className="muted">{t('console.period.range', { from: value.from, to: value.to })}</View>
        )}
      </View>
    </FieldFrame>
  );
}

/** One ticket category, or all. */
export function CategoryFilter({ value, onChange }: { value?: TicketCategory; onChange: (c?: TicketCategory) => void }) {
  const t = useConsoleT();
  const options = [{ value: 'all', label: t('console.filter.allCategories') }, ...TicketCategories.map((c) => ({ value: c as string, label: categoryLabel(t, c) }))];
  return (
    <FieldFrame label={t('console.filter.category')}>
      <Chips options={options} value={value ?? 'all'} onChange={(v) => onChange(v === 'all' ? undefined : (v as TicketCategory))} testIdPrefix="category" />
    </FieldFrame>
  );
}

/** Finds an enterprise by name (the staff list's search) and answers the one chosen. */
export function EnterprisePicker({ value, onChange, allowAll, label }: { value?: Enterprise; onChange: (e?: Enterprise) => void; allowAll?: boolean; label: string }) {
  const t = useConsoleT();
  const locale = useAppStore((s) => s.locale);
  const list = useConsoleStore((s) => s.pickerEnterprises);
  const search = useConsoleStore((s) => s.searchEnterprises);
  const [open, setOpen] = useState(!value && !allowAll);
  const [query, setQuery] = useState('');

  // Opened: the first page of enterprises, unless the picker has them already.
  useEffect(() => {
    if (open && useConsoleStore.getState().pickerEnterprises.status === 'idle') void search('');
  }, [open, search]);

  if (!open) {
    return (
      <FieldFrame label={label}>
        <View className="btn-row" style={{ alignItems: 'center' }} data-testid="enterprise-picked" data-id={value?.id ?? ''}>
          <View style={{ flex: '1' }}>{value ? enterpriseName(locale, value) : t('console.filter.allEnterprises')}</View>
          {value && allowAll ? (
            <Btn small kind="ghost" onClick={() => onChange(undefined)} testId="enterprise-clear">
              {t('console.filter.allEnterprises')}
            </Btn>
          ) : null}
          <Btn small kind="secondary" onClick={() => setOpen(true)} testId="enterprise-change">
            {value ? t('console.visits.change') : t('console.visits.pickEnterprise')}
          </Btn>
        </View>
      </FieldFrame>
    );
  }
  return (
    <FieldFrame label={label}>
      <View className="btn-row" style={{ alignItems: 'center', flexWrap: 'nowrap' }}>
        <Input
          className="field__input"
          style={{ flex: '1' }}
          value={query}
          placeholder={t('console.visits.searchEnterprise')}
          confirmType="search"
          onInput={(e) => setQuery(e.detail.value)}
          onConfirm={() => void search(query)}
          data-testid="enterprise-query"
        />
        <Btn small kind="secondary" onClick={() => void search(query)} testId="enterprise-query-go">
          {t('common.search')}
        </Btn>
      </View>
      <View className="console-picker">
        {list.status === 'loading' ? <Loading /> : null}
        {list.status === 'ready' && list.items.length === 0 ? <Empty text={t('console.visits.noEnterprise')} /> : null}
        {list.status === 'ready'
          ? list.items.map((e) => (
              <View
                key={e.id}
                className="list-item console-row"
                onClick={() => {
                  onChange(e);
                  setOpen(false);
                }}
                data-testid={`pick-enterprise-${e.id}`}
              >
                <View className="list-item__title">{enterpriseName(locale, e)}</View>
                <View className="list-item__meta">{e.creditCode}</View>
              </View>
            ))
          : null}
      </View>
    </FieldFrame>
  );
}
