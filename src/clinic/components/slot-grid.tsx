import { View } from '@tarojs/components';
import type { SlotView } from '@core/api/clinic';
import { clock } from '../clinic-labels';
import { useClinicT } from '../i18n';

/** A session's consultation slots; full ones cannot be picked. */
export function SlotGrid({ slots, value, onChange }: { slots: SlotView[]; value?: number; onChange: (index: number) => void }) {
  const t = useClinicT();
  return (
    <View className="clinic-slots">
      {slots.map((s) => {
        const off = s.free <= 0 && !s.mine;
        const cls = ['clinic-slot', value === s.index ? 'clinic-slot--on' : '', off ? 'clinic-slot--full' : '', s.mine ? 'clinic-slot--mine' : ''].filter(Boolean).join(' ');
        return (
          <View
            key={s.index}
            className={cls}
            data-testid="clinic-slot"
            data-index={String(s.index)}
            data-free={String(s.free)}
            data-selected={value === s.index ? 'true' : 'false'}
            role="radio"
            aria-checked={value === s.index ? 'true' : 'false'}
            aria-disabled={off ? 'true' : undefined}
            onClick={() => {
              if (!off) onChange(s.index);
            }}
          >
            <View className="clinic-slot__time">{clock(s.startsAt)}</View>
            <View className="clinic-slot__free">{s.mine ? t('clinic.book.slotMine') : s.free > 0 ? t('clinic.book.slotFree', { n: s.free }) : t('clinic.book.slotFull')}</View>
          </View>
        );
      })}
    </View>
  );
}
