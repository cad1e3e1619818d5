import type { NoticeTemplate } from '@core/api/notify';
import { translate, type MessageKey, type TFunction } from '../i18n';
import { useAppStore } from '../store';
import { askConsent, type ConsentWords } from '../services/subscribe';

/** The consent dialog's words (H5's stand-in for WeChat's own dialog): which notifications, in the reader's language. */
export function consentText(t: TFunction): ConsentWords {
  return { title: t('consent.title'), allow: t('consent.allow'), deny: t('consent.deny'), body: (names) => t('consent.body', { what: names.map((n) => t(`notify.${n}` as MessageKey)).join('、') }) };
}

/** For subpackage pages: asks at a tap in the app's current language. */
export function askConsentAt(wanted: readonly NoticeTemplate[]): Promise<void> {
  const locale = useAppStore.getState().locale;
  return askConsent(wanted, consentText((key, values) => translate(locale, key, values)));
}
