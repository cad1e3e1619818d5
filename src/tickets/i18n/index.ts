import { i18n, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import en from './en';
import zhCN, { type TicketsMessageKey } from './zh-CN';

export type { TicketsMessageKey };

// The subpackage brings its own strings into the app's one i18n instance when it loads (not deep:
// a deep merge would write into the app's dictionary objects).
i18n.addResourceBundle('zh-CN', 'translation', zhCN, false, false);
i18n.addResourceBundle('en', 'translation', en, false, false);

export type TicketsT = (key: TicketsMessageKey | MessageKey, values?: Record<string, string | number>) => string;

/** The current language's translator for the tickets screens (their keys and the app's). */
export function useTicketsT(): TicketsT {
  const locale = useAppStore((s) => s.locale);
  return (key, values) => i18n.t(key, { lng: locale, ...values });
}
