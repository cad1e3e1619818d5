import { View } from '@tarojs/components';
import { useT } from '../i18n';

/** What we keep and why: shown before anything about a person is stored. */
export function PrivacyPoints() {
  const t = useT();
  const points = ['privacy.point.identity', 'privacy.point.affiliation', 'privacy.point.profile', 'privacy.point.purpose', 'privacy.point.sharing', 'privacy.point.rights'] as const;
  return (
    <View className="privacy__list">
      {points.map((k) => (
        <View key={k} className="privacy__item">
          <View className="privacy__dot" />
          <View>{t(k)}</View>
        </View>
      ))}
    </View>
  );
}

/** "I have read and accept the privacy notice" for the forms. */
export function ConsentCheck({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const t = useT();
  return (
    <View className="consent" onClick={() => onChange(!on)} data-testid="privacy-consent" role="checkbox" aria-checked={on ? 'true' : 'false'}>
      <View className={`checkbox${on ? ' checkbox--on' : ''}`}>{on ? '✓' : ''}</View>
      <View>{t('privacy.consent')}</View>
    </View>
  );
}
