import { View } from '@tarojs/components';
import { useT } from '../i18n';
import { Card } from './ui';

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

/** The privacy card of a form that creates a person's record: the notice, the consent box, and its error once the form was tried. */
export function PrivacyConsentCard({ accepted, onChange, tried }: { accepted: boolean; onChange: (on: boolean) => void; tried: boolean }) {
  const t = useT();
  return (
    <Card title={t('privacy.title')}>
      <View className="card__text">{t('privacy.intro')}</View>
      <PrivacyPoints />
      <View style={{ marginTop: '16px' }}>
        <ConsentCheck on={accepted} onChange={onChange} />
      </View>
      {tried && !accepted ? <View className="field__error">{t('privacy.mustAccept')}</View> : null}
    </Card>
  );
}
