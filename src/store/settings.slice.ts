import Taro from '@tarojs/taro';
import type { Locale, Me } from '@core/api/user';
import { newIdempotencyKey } from '../services/idempotency';
import { toApiError, type ApiError } from '../services/api-error';
import { userService } from '../services/user.service';
import type { Slice } from './types';

const LOCALE_KEY = 'settings-locale';
const LARGE_TEXT_KEY = 'settings-large-text';

export interface SettingsSlice {
  locale: Locale;
  largeText: boolean;
  /** The last failed attempt to save a setting on the server (kept locally all the same). */
  settingsError?: ApiError;
  /** Reads the settings this device remembers. */
  hydrateSettings: () => void;
  /** A signed-in user's saved settings win over this device's (a guest has none). */
  adoptServerSettings: (me: Me) => void;
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
    const me = get().me;
    if (!me || me.role === 'guest') return;
    try {
      const updated = await userService.updateSettings(data, newIdempotencyKey());
      set({ me: updated, settingsError: undefined });
    } catch (e) {
      set({ settingsError: toApiError(e) });
    }
  };
  return {
    locale: 'zh-CN',
    largeText: false,
    settingsError: undefined,
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
    adoptServerSettings: (me) => {
      if (me.role === 'guest') return;
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
      const me = await userService.updateSettings({ name }, key);
      set({ me });
      return me;
    },
  };
};
