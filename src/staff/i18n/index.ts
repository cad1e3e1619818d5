import { i18n, type MessageKey } from '../../i18n';
import { useAppStore } from '../../store';
import en from './en';
import zhCN, { type ConsoleMessageKey } from './zh-CN';

export type { ConsoleMessageKey };

// The console pages bring their own strings into the app's one i18n instance when they load.
i18n.addResourceBundle('zh-CN', 'translation', zhCN, false, false);
i18n.addResourceBundle('en', 'translation', en, false, false);

export type ConsoleT = (key: ConsoleMessageKey | MessageKey, values?: Record<string, string | number>) => string;

/** The current language's translator for the console screens (their keys and the app's). */
export function useConsoleT(): ConsoleT {
  const locale = useAppStore((s) => s.locale);
  return (key, values) => i18n.t(key, { lng: locale, ...values });
}
