import type { Role } from '../api/roles';

/**
 * Who may change whose role to what. A community's admin appoints staff, instructors,
 * member-unit handlers and other admins; nobody changes their own role (a lone admin can't lock
 * everyone out); 'guest' is not a role anyone is given (it means "no record yet"); and the
 * district role (区级督导, above the communities) is neither given nor taken by a community's admin:
 * the district appoints it when it sets up the environment (scripts/seed.ts shows the record).
 */
export function canSetRole(actor: { role: Role; openid: string }, target: { role: Role; openid: string }, to: Role): boolean {
  if (actor.role !== 'admin') return false;
  if (actor.openid === target.openid) return false;
  if (to === 'guest' || target.role === 'guest') return false;
  if (to === 'district' || target.role === 'district') return false;
  return to !== target.role;
}

/** A volunteer application may come from someone with no record yet or an ordinary worker. */
export function canApplyAsVolunteer(role: Role): boolean {
  return role === 'guest' || role === 'worker';
}

/** An invite turns a guest or a worker into an enterprise manager. */
export function canJoinAsManager(role: Role): boolean {
  return role === 'guest' || role === 'worker';
}
