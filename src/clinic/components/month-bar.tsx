import { View } from '@tarojs/components';
import { Btn } from '../../components/ui';
import { addMonths, monthTitle } from '../clinic-labels';
import { useClinicT } from '../i18n';

/** ‹ 2026年11月 ›: the month a screen shows. */
export function MonthBar({ month, onChange }: { month: string; onChange: (month: string) => void }) {
  const t = useClinicT();
  return (
    <View className="clinic-month" data-testid="clinic-month" data-month={month}>
      <Btn kind="ghost" small onClick={() => onChange(addMonths(month, -1))} testId="clinic-month-prev">
        ‹ {t('clinic.month.prev')}
      </Btn>
      <View className="clinic-month__title">{monthTitle(t, month)}</View>
      <Btn kind="ghost" small onClick={() => onChange(addMonths(month, 1))} testId="clinic-month-next">
        {t('clinic.month.next')} ›
      </Btn>
    </View>
  );
}
