import type { Me } from '@core/api/user';
import type { HomeEntries, HomeEntry } from '../components/home-card';

const LIST = '/tickets/pages/list/index';
// The demand list is a desk for everyone but the manager who ordered: ask for its notifications first.
const list = (title: HomeEntry['title'], deskConsent: boolean): HomeEntry => ({ testId: 'nav-tickets', url: LIST, title, ...(deskConsent ? { deskConsent } : {}) });
const submit: HomeEntry = { testId: 'nav-tickets-submit', url: '/tickets/pages/submit/index', title: 'ticketsNav.submit' };
const agenda: HomeEntry = { testId: 'nav-tickets-agenda', url: '/tickets/pages/agenda/index', title: 'ticketsNav.agenda' };
const catalogue: HomeEntry = { testId: 'nav-tickets-catalogue', url: '/tickets/pages/catalogue/index', title: 'ticketsNav.catalogue' };

const ENTRIES: Partial<Record<Me['role'], HomeEntry[]>> = {
  manager: [submit, list('ticketsNav.mine', false)],
  unit: [list('ticketsNav.todo', true)],
  instructor: [list('ticketsNav.desk', true), agenda],
  staff: [list('ticketsNav.desk', true), agenda, catalogue],
  admin: [list('ticketsNav.desk', true), agenda, catalogue],
};

/** 企业诉求 entries: managers order, units take, the community passes on, dispatches and meets monthly. */
export const ticketsHomeEntries: HomeEntries = (me) => {
  const entries = ENTRIES[me.role];
  return entries ? { title: 'home.tickets.title', testId: 'home-tickets', text: (t) => t('home.tickets.text'), entries } : undefined;
};
