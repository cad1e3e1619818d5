import { View } from '@tarojs/components';
import { QaCategories, type QaCategory } from '@core/api/qa';
import { Chips } from '../../components/ui';
import { useQaT } from '../i18n';
import { categoryLabel } from '../qa-labels';

/** The nine categories as chips; with `all`, an "All" chip first (a filter). */
export function CategoryChips({ value, onChange, all, testId }: { value?: QaCategory; onChange: (c?: QaCategory) => void; all?: boolean; testId?: string }) {
  const t = useQaT();
  const options = [...(all ? [{ value: 'all' as const, label: t('qa.all') }] : []), ...QaCategories.map((c) => ({ value: c, label: categoryLabel(t, c) }))];
  return (
    <View data-testid={testId}>
      <Chips<QaCategory | 'all'> options={options} value={value ?? (all ? 'all' : undefined)} onChange={(v) => onChange(v === 'all' ? undefined : v)} testIdPrefix={testId ?? 'qa-category'} />
    </View>
  );
}
