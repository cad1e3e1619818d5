import { View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, type PropsWithChildren } from 'react';
import { devLoginEnabled, isH5 } from '../env';
import { useT, type MessageKey } from '../i18n';
import { getDevOpenid, newGuestOpenid, setDevOpenid } from '../services/identity';
import { useAppStore } from '../store';

export interface PageShellProps {
  /** The navigation bar title. */
  titleKey: MessageKey;
  /** Extra attributes on the page root, e.g. data-testid / data-role for browser tests. */
  rootProps?: Record<string, string | undefined>;
  /**
   * Needs to know who the caller is (loads `user.me` once). Off for the dev login and the QR
   * entry page, which settle identity themselves.
   */
  session?: boolean;
}

/** Tab pages' labels follow the language. */
export function syncTabBar(t: ReturnType<typeof useT>): void {
  const items: MessageKey[] = ['tab.home', 'tab.me'];
  items.forEach((key, index) => {
    Taro.setTabBarItem({ index, text: t(key) }).catch(() => undefined);
  });
}

/**
 * H5 has no WeChat identity: the dev login picks one, or (without dev login) the browser acts as
 * a brand-new visitor with a random openid it keeps.
 */
export function ensureH5Identity(): 'ok' | 'login' {
  if (!isH5() || getDevOpenid()) return 'ok';
  if (devLoginEnabled()) return 'login';
  setDevOpenid(newGuestOpenid());
  return 'ok';
}

/** What every page does: title in the current language, tab labels, the session; the root's classes. */
export function usePageFrame(titleKey: MessageKey, session: boolean): string {
  const t = useT();
  const locale = useAppStore((s) => s.locale);
  const largeText = useAppStore((s) => s.largeText);
  const meStatus = useAppStore((s) => s.meStatus);
  const loadMe = useAppStore((s) => s.loadMe);

  useEffect(() => {
    Taro.setNavigationBarTitle({ title: t(titleKey) }).catch(() => undefined);
    syncTabBar(t);
    if (isH5() && typeof document !== 'undefined') document.documentElement.lang = locale;
  }, [t, locale, titleKey]);

  useDidShow(() => {
    Taro.setNavigationBarTitle({ title: t(titleKey) }).catch(() => undefined);
    syncTabBar(t);
  });

  useEffect(() => {
    if (!session) return;
    if (ensureH5Identity() === 'login') {
      // Only builds with the dev login have this page (src/app.config.ts).
      void Taro.reLaunch({ url: '/pages/login/index' });
      return;
    }
    if (meStatus === 'idle') void loadMe();
  }, [session, meStatus, loadMe]);

  return `page${largeText ? ' page--large' : ''}`;
}

/**
 * The main package's pages' frame (home, 我的, QR entry, join, volunteer application): base font
 * (large-text mode), title, session. No desk sidebar: it never shows on the tab pages, and the
 * others are not staff's; the desk (src/components/desk-nav.tsx) stays out of the main package.
 * Subpackage pages use page-shell.tsx, the same frame with the desk.
 */
export function PageShell({ titleKey, rootProps, session = true, children }: PropsWithChildren<PageShellProps>) {
  const className = usePageFrame(titleKey, session);
  return (
    <View className={className} {...rootProps}>
      {children}
    </View>
  );
}
