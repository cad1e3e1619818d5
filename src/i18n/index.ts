import i18next from 'i18next';
import { useMemo } from 'react';
import type { Locale } from '@core/api/user';
import { useAppStore } from '../store';
import en from './en';
import zhCN, { type MessageKey } from './zh-CN';

export type { MessageKey };

export const resources = { 'zh-CN': zhCN, en } as const;

/**
 * Flat keys ('error.INPUT.INVALID' is one key, not a path), so error codes with dots map 1:1.
 * zh-CN is the default and the fallback.
 */
export const i18n = i18next.createInstance();
void i18n.init({
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  initAsync: false,
  showSupportNotice: false,
} as Parameters<typeof i18n.init>[0]);

export type TFunction = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  return i18n.t(key, { lng: locale, ...values });
}

/** Translates a server error code (`error.<CODE>`), or the generic message for a code we don't know. */
export function errorMessage(locale: Locale, code: string): string {
  const key = `error.${code}`;
  return i18n.exists(key, { lng: locale }) ? i18n.t(key, { lng: locale }) : translate(locale, 'error.fallback');
}

/** A form field named in an INPUT.INVALID answer (`phone`, `workshops.2`), as the form labels it. */
export function fieldLabel(locale: Locale, path: string): string {
  // The field's own label (field.station.phone), else its object's (field.station).
  for (const key of [`field.${path}`, `field.${path.split('.')[0]}`]) if (i18n.exists(key, { lng: locale })) return i18n.t(key, { lng: locale });
  return path;
}

/** The current language's translator; components re-render when the language changes. */
export function useT(): TFunction {
  const locale = useAppStore((s) => s.locale);
  // One function per language, so effects can depend on it.
  return useMemo<TFunction>(() => (key, values) => translate(locale, key, values), [locale]);
}
