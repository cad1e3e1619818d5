import { View } from '@tarojs/components';
import { useRevisitT } from '../i18n';

/**
 * 1–5 stars with big touch targets (each star a button of its own), the chosen one's word beside
 * them (很满意…). Read-only when there is no onChange.
 */
export function Stars({ value, onChange, testId }: { value?: number; onChange?: (n: number) => void; testId?: string }) {
  const t = useRevisitT();
  return (
    <View className={`revisit-stars${onChange ? '' : ' revisit-stars--ro'}`} data-testid={testId} data-value={value ?? 0} role={onChange ? 'radiogroup' : undefined}>
      <View className="revisit-stars__row">
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`revisit-star${value && n <= value ? ' revisit-star--on' : ''}${onChange ? '' : ' revisit-star--ro'}`}
            onClick={onChange ? () => onChange(n) : undefined}
            data-testid={testId ? `${testId}-${n}` : undefined}
            role={onChange ? 'radio' : undefined}
            aria-checked={onChange ? (n === value ? 'true' : 'false') : undefined}
            aria-label={t('revisit.stars', { n })}
          >
            ★
          </View>
        ))}
      </View>
      <View className="revisit-stars__word">{value ? t(`revisit.star.${value}` as 'revisit.star.1') : ''}</View>
    </View>
  );
}
