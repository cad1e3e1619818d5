import type { QaCategory } from '../api/qa';
import { allowedActs, canRespondTo, canSee, isResponder, showsAskerName, type QaReader, type QaSubject } from './qa-access';

const q = (over: Partial<QaSubject> = {}): QaSubject => ({
  communityId: 'c1',
  askerOpenid: 'asker',
  enterpriseId: 'e1',
  anonymous: false,
  category: 'legal',
  status: 'open',
  ...over,
});
const reader = (over: Partial<QaReader>): QaReader => ({ openid: 'someone', role: 'worker', communityId: 'c1', ...over });

describe('qa access', () => {
  it('routes professional categories to approved volunteers of that profession only', () => {
    const lawyer = reader({ role: 'volunteer', profession: 'lawyer', volunteerStatus: 'approved' });
    const accountant = reader({ role: 'volunteer', profession: 'accountant', volunteerStatus: 'approved' });
    const pending = reader({ role: 'volunteer', profession: 'lawyer', volunteerStatus: 'pending' });
    const cases: [QaCategory, QaReader, boolean][] = [
      ['legal', lawyer, true],
      ['legal', accountant, false],
      ['accounting', accountant, true],
      ['tax', accountant, false],
      ['hr', lawyer, false],
      ['legal', pending, false],
      ['hr', reader({ role: 'staff' }), true],
      ['life', reader({ role: 'instructor' }), true],
      ['legal', reader({ role: 'admin', communityId: 'c2' }), false],
      ['legal', reader({ role: 'unit' }), false],
      ['legal', reader({ role: 'manager' }), false],
    ];
    for (const [category, r, expected] of cases) expect([category, r.role, r.profession, canRespondTo(r, q({ category }))]).toEqual([category, r.role, r.profession, expected]);
    expect(isResponder(pending)).toBe(false);
  });

  it('lets the asker, their enterprise manager and responders see a question, nobody else', () => {
    expect(canSee(reader({ openid: 'asker' }), q())).toBe(true);
    expect(canSee(reader({ role: 'worker', enterpriseId: 'e1' }), q())).toBe(false);
    expect(canSee(reader({ role: 'manager', enterpriseId: 'e1' }), q())).toBe(true);
    expect(canSee(reader({ role: 'manager', enterpriseId: 'e2' }), q())).toBe(false);
    expect(canSee(reader({ role: 'staff', communityId: 'c2' }), q())).toBe(false);
    expect(canSee(reader({ role: 'volunteer', profession: 'lawyer', volunteerStatus: 'approved' }), q())).toBe(true);
    expect(canSee(reader({ role: 'volunteer', profession: 'finance', volunteerStatus: 'approved' }), q())).toBe(false);
  });

  it('hides an anonymous asker from all but the asker and staff/admin', () => {
    const anon = q({ anonymous: true });
    expect(showsAskerName(reader({ openid: 'asker' }), anon)).toBe(true);
    expect(showsAskerName(reader({ role: 'staff' }), anon)).toBe(true);
    expect(showsAskerName(reader({ role: 'admin' }), anon)).toBe(true);
    expect(showsAskerName(reader({ role: 'instructor' }), anon)).toBe(false);
    expect(showsAskerName(reader({ role: 'volunteer', profession: 'lawyer', volunteerStatus: 'approved' }), anon)).toBe(false);
    expect(showsAskerName(reader({ role: 'manager', enterpriseId: 'e1' }), anon)).toBe(false);
    expect(showsAskerName(reader({ role: 'manager' }), q())).toBe(true);
  });

  it('offers the acts the state machine allows to this reader', () => {
    const staff = reader({ role: 'staff', openid: 's' });
    expect(allowedActs(staff, q())).toMatchObject({ claim: true, answer: false, release: false, publishFaq: false });
    expect(allowedActs(staff, q({ status: 'claimed', claimedBy: 's' }))).toMatchObject({ claim: false, answer: true, requestInfo: true, release: true });
    expect(allowedActs(staff, q({ status: 'claimed', claimedBy: 'other' }))).toMatchObject({ answer: false, release: true });
    expect(allowedActs(staff, q({ status: 'answered' }))).toMatchObject({ publishFaq: true });
    expect(allowedActs(staff, q({ status: 'answered', faqId: 'f' }))).toMatchObject({ publishFaq: false });
    expect(allowedActs(reader({ openid: 'asker' }), q({ status: 'answered' }))).toMatchObject({ reply: true, solve: true, claim: false });
    expect(allowedActs(reader({ openid: 'asker' }), q({ status: 'solved' }))).toMatchObject({ reply: false, solve: false });
  });
});
