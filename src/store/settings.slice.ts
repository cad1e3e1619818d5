import Taro from '@tarojs/taro';
import type { Locale, Me } from '@core/api/user';
import { newIdempotencyKey } from '../services/idempotency';
import { toApiError, type ApiError } from '../services/api-error';
import { userApi } from '../services/api/user';
import type { Slice } from './types';

const LOCALE_KEY = 'settings-locale';
const LARGE_TEXT_KEY = 'settings-large-text';

export interface SettingsSlice {
  locale: Locale;
  largeText: boolean;
  /** The last failed attempt to save a setting on the server (kept locally all the same). */
  settingsError?: ApiError;
  /** Bumped by every local change; the server's copy is adopted only when nothing changed since it was read. */
  settingsVersion: number;
  /** The local version the server has confirmed (or had nothing to confirm). */
  settingsSavedVersion: number;
  /** Reads the settings this device remembers. */
  hydrateSettings: () => void;
  /**
   * A signed-in user's saved settings win over this device's (a guest has none), unless the user
   * changed a setting after `readAtVersion` (when the `me` was requested) or a change is unsaved:
   * a slow, older answer must not flip back what the user just chose.
   */
  adoptServerSettings: (me: Me, readAtVersion?: number) => void;
  setLocale: (locale: Locale) => Promise<void>;
  setLargeText: (on: boolean) => Promise<void>;
  /** Saves the display name (signed-in users only). */
  saveName: (name: string, idempotencyKey: string) => Promise<Me>;
}

function remember(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable: the setting still applies for this session.
  }
}

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => {
  /** Saves settings on the server when the caller has a record; locally it is already applied. */
  const saveRemote = async (data: { locale?: Locale; largeText?: boolean }) => {
    const version = get().settingsVersion + 1;
    set({ settingsVersion: version });
    const confirmed = () => set({ settingsSavedVersion: Math.max(get().settingsSavedVersion, version) });
    const me = get().me;
    if (!me || me.role === 'guest') return confirmed();
    try {
      const updated = await userApi.updateSettings(data, newIdempotencyKey());
      set({ me: updated, settingsError: undefined });
      confirmed();
    } catch (e) {
      set({ settingsError: toApiError(e) });
    }
  };
  return {
    locale: 'zh-CN',
    largeText: false,
    settingsError: undefined,
    settingsVersion: 0,
    settingsSavedVersion: 0,
    hydrateSettings: () => {
      let locale: unknown;
      let largeText: unknown;
      try {
        locale = Taro.getStorageSync(LOCALE_KEY);
        largeText = Taro.getStorageSync(LARGE_TEXT_KEY);
      } catch {
        return;
      }
      set({ locale: locale === 'en' ? 'en' : 'zh-CN', largeText: largeText === true });
    },
    adoptServerSettings: (me, readAtVersion) => {
      if (me.role === 'guest') return;
      const { settingsVersion, settingsSavedVersion } = get();
      if (settingsSavedVersion !== settingsVersion) return;
      if (readAtVersion !== undefined && readAtVersion !== settingsVersion) return;
      set({ locale: me.locale, largeText: me.largeText });
      remember(LOCALE_KEY, me.locale);
      remember(LARGE_TEXT_KEY, me.largeText);
    },
    setLocale: async (locale) => {
      set({ locale });
      remember(LOCALE_KEY, locale);
      await saveRemote({ locale });
    },
    setLargeText: async (on) => {
      set({ largeText: on });
      remember(LARGE_TEXT_KEY, on);
      await saveRemote({ largeText: on });
    },
    saveName: async (name, key) => {
      const me = await userApi.updateSettings({ name }, key);
      set({ me });
      return me;
    },
  };
};
