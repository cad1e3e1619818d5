import type { Me } from '@core/api/user';
import { isAsker, type HomeEntries, type HomeEntry } from '../components/home-card';

const tile = (testId: string, page: string, title: HomeEntry['title']): HomeEntry => ({ testId, url: `/revisit/pages/${page}/index`, title });
const pending: HomeEntry = { ...tile('nav-revisit-pending', 'pending', 'revisitNav.pending'), pendingCount: true };
const survey = tile('nav-revisit-survey', 'surveys', 'revisitNav.survey');
const campaigns = tile('nav-revisit-campaigns', 'campaigns', 'revisitNav.campaigns');
const forms = tile('nav-revisit-forms', 'forms', 'revisitNav.forms');
const followUps = tile('nav-revisit-follow-ups', 'follow-ups', 'revisitNav.followUps');
const figures = tile('nav-revisit-figures', 'figures', 'revisitNav.figures');

const ENTRIES: Partial<Record<Me['role'], HomeEntry[]>> = {
  worker: [pending],
  manager: [pending, survey],
  instructor: [campaigns, followUps, figures],
  staff: [campaigns, forms, followUps, figures],
  admin: [campaigns, forms, followUps, figures],
};

/** 满意度评价 entries: the served rate their cases (with the count still to rate), managers answer the yearly revisit, staff run it. */
export const revisitHomeEntries: HomeEntries = (me) => {
  const entries = ENTRIES[me.role];
  return entries ? { title: 'home.revisit.title', testId: 'home-revisit', text: (t) => t(isAsker(me) ? 'home.revisit.text' : 'home.revisit.staffText'), entries } : undefined;
};
