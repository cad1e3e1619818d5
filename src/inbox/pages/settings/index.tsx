import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import type { NotificationSetting } from '@core/api/notify';
import { consentText } from '../../../components/consent-text';
import { PageShell } from '../../../components/page-shell';
import { Card, ErrorNote, Loading, Toggle } from '../../../components/ui';
import type { MessageKey } from '../../../i18n';
import { useInboxT } from '../../i18n';
import { isWeapp } from '../../../env';
import { toApiError, type ApiError } from '../../../services/api-error';
import { askConsent, preloadNotificationSettings, setNotificationSettingsCache } from '../../../services/subscribe';
import { userApi } from '../../../services/api/user';

/**
 * 我的 → 通知: which notifications are on. Turning one back on forgets the rejection and asks at
 * once (this is a tap); a choice kept in WeChat ("always keep") is changed in the mini-program's
 * settings page, which this opens.
 */
export default function NotificationSettingsPage() {
  const t = useInboxT();
  const [settings, setSettings] = useState<NotificationSetting[] | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  useEffect(() => {
    void preloadNotificationSettings().then((s) => (s ? setSettings(s) : setError(toApiError(new Error('no settings')))));
  }, []);

  const change = async (s: NotificationSetting, on: boolean) => {
    try {
      if (on && s.keep && isWeapp()) void Taro.openSetting({ withSubscriptions: true } as Parameters<typeof Taro.openSetting>[0]);
      let next = await userApi.setNotification({ template: s.template, on });
      setNotificationSettingsCache(next);
      if (on) {
        await askConsent([s.template], consentText(t));
        next = (await preloadNotificationSettings()) ?? next;
      }
      setSettings(next);
    } catch (e) {
      setError(toApiError(e));
    }
  };

  return (
    <PageShell titleKey="notify.settings.title" rootProps={{ 'data-testid': 'notify-settings' }}>
      <Card>
        <View className="card__text">{t('notify.settings.text')}</View>
        <ErrorNote error={error} />
        {!settings && !error ? <Loading /> : null}
        {(settings ?? []).map((s) => (
          <Toggle
            key={s.template}
            on={s.on}
            onChange={(on) => void change(s, on)}
            label={t(`notify.${s.template}` as MessageKey)}
            hint={!s.templateId ? t('notify.unconfigured') : s.answer === 'accept' ? t(s.longTerm ? 'notify.longTerm' : 'notify.accepted') : s.answer ? t('notify.off') : t('notify.notAsked')}
            testId={`notify-${s.template}`}
          />
        ))}
      </Card>
    </PageShell>
  );
}
