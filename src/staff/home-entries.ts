import type { Me } from '@core/api/user';
import type { HomeEntries, HomeEntry } from '../components/home-card';

type StaffPage = 'enterprises' | 'codes' | 'volunteers' | 'users' | 'audit' | 'visits' | 'problems' | 'dashboard' | 'exports' | 'master' | 'review';
const tile = (page: StaffPage): HomeEntry => ({ testId: `nav-${page}`, url: `/staff/pages/${page}/index`, title: `staffNav.${page}`, text: `staffNav.${page}.text`, deskConsent: true });

const CURATOR: StaffPage[] = ['visits', 'dashboard', 'problems', 'exports', 'enterprises', 'master', 'codes', 'volunteers', 'review', 'users', 'audit'];
/** Staff screens each role may open (the admin function enforces the same rules). */
const PAGES: Partial<Record<Me['role'], StaffPage[]>> = {
  staff: CURATOR,
  admin: CURATOR,
  instructor: ['visits', 'dashboard', 'problems', 'enterprises', 'codes', 'users'],
};

/** The staff desk (工作台): its screens as tiles, each asking for the desk's notifications first. */
export const staffHomeEntries: HomeEntries = (me) => ({ title: 'home.workbench', entries: (PAGES[me.role] ?? []).map(tile) });

/** 区级总览: the district supervisor's one entry. */
export const districtHomeEntries: HomeEntries = () => ({
  title: 'home.district.title',
  testId: 'home-district',
  text: (t) => t('home.district.text'),
  entries: [{ testId: 'nav-district', url: '/staff/pages/district/index', title: 'home.district.open' }],
});
