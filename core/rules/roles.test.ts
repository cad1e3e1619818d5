import { Roles, type Role } from '../api/roles';
import { canApplyAsVolunteer, canJoinAsManager, canSetRole } from './roles';

describe('role rules', () => {
  const admin = { role: 'admin' as Role, openid: 'a' };

  it('only an admin changes roles, never their own, never to or from guest or district, never to the same role', () => {
    for (const actorRole of Roles) {
      for (const from of Roles) {
        for (const to of Roles) {
          const allowed = canSetRole({ role: actorRole, openid: 'a' }, { role: from, openid: 'b' }, to);
          const expected = actorRole === 'admin' && from !== 'guest' && to !== 'guest' && from !== 'district' && to !== 'district' && from !== to;
          expect([actorRole, from, to, allowed]).toEqual([actorRole, from, to, expected]);
        }
      }
    }
    expect(canSetRole(admin, { role: 'admin', openid: 'a' }, 'staff')).toBe(false);
  });

  it('invites and volunteer applications come from guests and workers only', () => {
    expect(Roles.filter(canJoinAsManager)).toEqual(['guest', 'worker']);
    expect(Roles.filter(canApplyAsVolunteer)).toEqual(['guest', 'worker']);
  });
});
