import { StaffRoles } from '@core/api/roles';
import { isAsker, type HomeEntries, type HomeEntry } from '../components/home-card';

type ClinicPage = 'index' | 'book' | 'mine' | 'duties' | 'roster';
const tile = (page: ClinicPage): HomeEntry => ({ testId: page === 'index' ? 'nav-clinic' : `nav-clinic-${page}`, url: `/clinic/pages/${page}/index`, title: `clinicNav.${page}` });

/** 三师坐诊 entries: everyone sees who is on duty; bookers book, volunteers their duties, staff the roster. */
export const clinicHomeEntries: HomeEntries = (me) => {
  const pages: ClinicPage[] = isAsker(me)
    ? ['index', 'book', 'mine']
    : me.role === 'volunteer' && me.volunteerStatus === 'approved'
      ? ['index', 'duties']
      : StaffRoles.includes(me.role)
        ? ['index', 'roster']
        : ['index'];
  return { title: 'home.clinic.title', testId: 'home-clinic', text: (t) => t('home.clinic.text'), entries: pages.map(tile) };
};
