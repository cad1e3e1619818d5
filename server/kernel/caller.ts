import type { Role } from '../../core/api/roles';
// A type only (erased at build): the caller's record is the organisation module's user document.
import type { UserDoc } from '../modules/organisation';

/** Who is calling, as the server decides it: the openid from the platform and our user record. */
export interface Caller {
  openid: string;
  role: Role;
  /** Absent for a guest (first contact, no record yet). */
  user?: UserDoc;
  communityId?: string;
}

/** Reads a person's record by openid: the organisation module (owner of `users`) provides it when it loads. */
export type CallerSource = (openid: string) => Promise<UserDoc | undefined>;

let source: CallerSource | undefined;

/** Called once by server/modules/organisation/index.ts: the kernel never imports a feature module. */
export function provideCallerSource(read: CallerSource): void {
  source = read;
}

export async function loadCaller(openid: string): Promise<Caller> {
  if (!source) throw new Error('no caller source: the function file must import server/modules/organisation');
  const user = await source(openid);
  if (!user) return { openid, role: 'guest' };
  return { openid, role: user.role, user, communityId: user.communityId };
}
