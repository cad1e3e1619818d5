import { i18n, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import en from './en';
import zhCN, { type AccountMessageKey } from './zh-CN';

export type { AccountMessageKey };

// The subpackage brings its own strings into the app's one i18n instance when it loads (not deep).
i18n.addResourceBundle('zh-CN', 'translation', zhCN, false, false);
i18n.addResourceBundle('en', 'translation', en, false, false);

export type AccountT = (key: AccountMessageKey | MessageKey, values?: Record<string, string | number>) => string;

/** The current language's translator for the account screen (its keys and the app's). */
export function useAccountT(): AccountT {
  const locale = useAppStore((s) => s.locale);
  return (key, values) => i18n.t(key, { lng: locale, ...values });
}
