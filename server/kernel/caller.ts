import type { Role } from '../../core/api/roles';
import { usersRepository, type UserDoc } from '../modules/organisation/user.repository';

/** Who is calling, as the server decides it: the openid from the platform and our user record. */
export interface Caller {
  openid: string;
  role: Role;
  /** Absent for a guest (first contact, no record yet). */
  user?: UserDoc;
  communityId?: string;
}

export async function loadCaller(openid: string): Promise<Caller> {
  const user = await usersRepository.get(openid);
  if (!user) return { openid, role: 'guest' };
  return { openid, role: user.role, user, communityId: user.communityId };
}
