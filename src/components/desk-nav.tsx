import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState, type PropsWithChildren } from 'react';
import type { Role } from '@core/api/roles';
import { StaffRoles } from '@core/api/roles';
import { isH5 } from '../env';
import { useT, type MessageKey } from '../i18n';
import { windowInfo } from '../system-info';
import './desk-nav.css';

/** At this width and up staff work at a desk: a sidebar and a back button on every subpage. */
export const DESK_MIN_WIDTH = 1024;

type Link = [url: string, title: MessageKey];
const S = (p: string, title: MessageKey): Link => [`/staff/pages/${p}/index`, title];
/** The desk's destinations per role (the functions enforce the same rules as home's tiles). */
function deskLinks(role: Role): Link[] {
  const all: Link[] = [
    ['/tickets/pages/list/index', 'ticketsNav.desk'],
    ['/qa/pages/queue/index', 'qaNav.queue'],
    ['/clinic/pages/roster/index', 'clinicNav.roster'],
    ['/revisit/pages/campaigns/index', 'revisitNav.campaigns'],
    S('visits', 'staffNav.visits'),
    S('dashboard', 'staffNav.dashboard'),
    S('problems', 'staffNav.problems'),
    S('enterprises', 'staffNav.enterprises'),
    S('codes', 'staffNav.codes'),
    S('users', 'staffNav.users'),
  ];
  if (role === 'instructor') return all.filter(([u]) => !u.includes('/clinic/'));
  return [...all, S('exports', 'staffNav.exports'), S('master', 'staffNav.master'), S('volunteers', 'staffNav.volunteers'), S('review', 'staffNav.review'), S('audit', 'staffNav.audit')];
}

function windowWidth(): number {
  if (isH5() && typeof window !== 'undefined') return window.innerWidth;
  return windowInfo().windowWidth;
}

/** The window's width, following resizes (a browser window; PC WeChat with `resizable: true`). */
export function useWindowWidth(): number {
  const [w, setW] = useState(windowWidth);
  useEffect(() => {
    const on = () => setW(windowWidth());
    if (isH5() && typeof window !== 'undefined') {
      window.addEventListener('resize', on);
      return () => window.removeEventListener('resize', on);
    }
    Taro.onWindowResize?.(on);
    return () => Taro.offWindowResize?.(on);
  }, []);
  return w;
}

const TAB_PAGES = ['/pages/index/index', '/pages/me/index'];

function back(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: '/pages/index/index' });
}

/**
 * Staff at a desk (≥ 1024 px): a sidebar of their screens beside the page and a back button above
 * it. Phones, other roles and the tab pages (home, 我的) keep the page as it is.
 */
export function useDesk(role?: Role): { on: boolean; here: string } {
  const width = useWindowWidth();
  // This page's own route (a page lower in the stack re-renders too).
  const here = `/${(useRouter().path ?? '').split('?')[0].replace(/^\//, '')}`;
  return { on: !!role && StaffRoles.includes(role) && width >= DESK_MIN_WIDTH && !TAB_PAGES.includes(here), here };
}

export function DeskFrame({ role, desk, children }: PropsWithChildren<{ role?: Role; desk: { on: boolean; here: string } }>) {
  const t = useT();
  if (!role || !desk.on) return <>{children}</>;
  const { here } = desk;
  return (
    <View className="desk" data-testid="desk-frame">
      <View className="desk__nav" data-testid="desk-nav">
        <View className="desk__link" onClick={() => void Taro.reLaunch({ url: '/pages/index/index' })} data-testid="desk-home" role="link">
          {t('tab.home')}
        </View>
        {deskLinks(role).map(([url, title]) => (
          <View key={url} className={`desk__link${here === url ? ' desk__link--on' : ''}`} onClick={() => void Taro.redirectTo({ url })} data-testid={`desk-${url.split('/')[1]}-${url.split('/')[3]}`} role="link">
            {t(title)}
          </View>
        ))}
      </View>
      <View className="desk__main">
        <View className="btn btn--secondary btn--small desk__back" onClick={back} data-testid="desk-back" role="button">
          ‹ {t('desk.back')}
        </View>
        {children}
      </View>
    </View>
  );
}
