/**
 * Who may see and act on a 每日一问诊 question. Pure: plain records in, booleans out.
 * - the asker sees their own; a manager also sees their enterprise's;
 * - staff, instructors and admins respond to every category of their community;
 * - an approved volunteer responds to the categories of their profession (CategoryProfession);
 * - an anonymous asker's name is shown only to the asker and to staff/admin.
 */
import { CategoryProfession, type QaCategory, type QuestionStatus } from '../api/qa';
import { StaffRoles, type Profession, type Role } from '../api/roles';

export interface QaReader {
  openid: string;
  role: Role;
  communityId?: string;
  enterpriseId?: string;
  profession?: Profession;
  volunteerStatus?: 'pending' | 'approved' | 'rejected';
}

export interface QaSubject {
  communityId: string;
  askerOpenid: string;
  enterpriseId?: string;
  anonymous: boolean;
  category: QaCategory;
  status: QuestionStatus;
  claimedBy?: string;
  faqId?: string;
}

/** Roles that answer every category (the staff queue). */
export const STAFF_RESPONDERS: readonly Role[] = StaffRoles;
/** Roles that see anonymous askers' names and curate the FAQ. */
export const QA_CURATORS: readonly Role[] = ['staff', 'admin'];
/** Roles that ask. */
export const ASKERS: readonly Role[] = ['worker', 'manager'];

/** The profession a volunteer must have to answer `category`, if volunteers answer it at all. */
export function professionFor(category: QaCategory): Profession | undefined {
  return CategoryProfession[category];
}

/** A responder at all: staff-side, or an approved volunteer with a profession. */
export function isResponder(r: QaReader): boolean {
  return STAFF_RESPONDERS.includes(r.role) || (r.role === 'volunteer' && r.volunteerStatus === 'approved' && !!r.profession);
}

export function canRespondTo(r: QaReader, q: Pick<QaSubject, 'communityId' | 'category'>): boolean {
  if (!r.communityId || r.communityId !== q.communityId) return false;
  if (STAFF_RESPONDERS.includes(r.role)) return true;
  return isResponder(r) && professionFor(q.category) === r.profession;
}

export function isAsker(r: QaReader, q: Pick<QaSubject, 'askerOpenid'>): boolean {
  return r.openid === q.askerOpenid;
}

export function canSee(r: QaReader, q: QaSubject): boolean {
  if (r.communityId !== q.communityId) return false;
  if (isAsker(r, q)) return true;
  if (r.role === 'manager' && !!r.enterpriseId && r.enterpriseId === q.enterpriseId) return true;
  return canRespondTo(r, q);
}

export function showsAskerName(r: QaReader, q: Pick<QaSubject, 'anonymous' | 'askerOpenid'>): boolean {
  return !q.anonymous || isAsker(r, q) || QA_CURATORS.includes(r.role);
}

/** What the reader may do now: the app only shows these buttons. */
export function allowedActs(r: QaReader, q: QaSubject) {
  const responder = canRespondTo(r, q);
  const mine = q.claimedBy === r.openid;
  const asker = isAsker(r, q);
  return {
    claim: responder && q.status === 'open',
    answer: mine && q.status === 'claimed',
    requestInfo: mine && q.status === 'claimed',
    release: q.status === 'claimed' && (mine || (responder && QA_CURATORS.includes(r.role))),
    reply: asker && q.status !== 'solved',
    solve: asker && q.status !== 'solved',
    publishFaq: QA_CURATORS.includes(r.role) && r.communityId === q.communityId && !q.faqId && (q.status === 'answered' || q.status === 'solved'),
  };
}
