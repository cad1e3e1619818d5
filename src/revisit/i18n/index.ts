import type { Localized } from '@core/api/revisit';
import { i18n, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import en from './en';
import zhCN, { type RevisitMessageKey } from './zh-CN';

export type { RevisitMessageKey };

// The subpackage brings its own strings into the app's one i18n instance when it loads (not deep:
// a deep merge would write into the app's dictionary objects).
i18n.addResourceBundle('zh-CN', 'translation', zhCN, false, false);
i18n.addResourceBundle('en', 'translation', en, false, false);

export type RevisitT = (key: RevisitMessageKey | MessageKey, values?: Record<string, string | number>) => string;

/** The current language's translator for the satisfaction screens (their keys and the app's). */
export function useRevisitT(): RevisitT {
  const locale = useAppStore((s) => s.locale);
  return (key, values) => i18n.t(key, { lng: locale, ...values });
}

/** A form's text in the reader's language: English when there is some, else the Chinese. */
export function localized(locale: string, text: Localized | undefined): string {
  if (!text) return '';
  return locale === 'en' && text.en?.trim() ? text.en : text.zh;
}

/** The reader's localizer. */
export function useLocalized(): (text: Localized | undefined) => string {
  const locale = useAppStore((s) => s.locale);
  return (text) => localized(locale, text);
}
