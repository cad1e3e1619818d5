import { StaffRoles } from '@core/api/roles';
import { isAsker, type HomeEntries, type HomeEntry } from '../components/home-card';
import { meRoleLabel } from '../labels';

const tile = (page: 'ask' | 'mine' | 'faq' | 'queue', title: HomeEntry['title']): HomeEntry => ({ testId: `nav-qa-${page}`, url: `/qa/pages/${page}/index`, title });

/** 每日一问诊 entries: askers ask and follow their questions, responders work the queue, everyone reads the FAQ. */
export const qaHomeEntries: HomeEntries = (me) => {
  const responderVolunteer = me.role === 'volunteer' && me.volunteerStatus === 'approved';
  const staff = StaffRoles.includes(me.role);
  const faq = tile('faq', me.role === 'staff' || me.role === 'admin' ? 'qaNav.faqManage' : 'qaNav.faq');
  return {
    title: 'home.qa.title',
    testId: 'home-qa',
    text: (t) => (responderVolunteer ? t('home.qa.volunteerText', { profession: meRoleLabel(t, me) }) : staff ? t('home.qa.staffText') : t('home.qa.text')),
    entries: isAsker(me) ? [tile('ask', 'qaNav.ask'), tile('mine', 'qaNav.mine'), faq] : responderVolunteer || staff ? [tile('queue', responderVolunteer ? 'qaNav.queue.volunteer' : 'qaNav.queue'), faq] : [faq],
  };
};
