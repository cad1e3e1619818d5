/**
 * organisation — communities, enterprises, users and their roles, invites and entry (QR) codes, the
 * audit of role changes. Owns `communities`, `enterprises`, `users`, `invites`, `entry_codes`,
 * `audit_log`. Provides the kernel with who is calling (server/kernel/caller.ts).
 */
import { provideCallerSource } from '../../kernel/caller';
import { usersRepository } from './user.repository';

provideCallerSource((openid) => usersRepository.get(openid));

/** The `user` function's actions (me, entry, settings, joining, volunteering). */
export * as meUseCases from './user.use-cases';
/** The `admin` function's people actions (enterprises, invites, entry codes, users, roles, audit). */
export * as directoryUseCases from './admin.use-cases';
/** The `admin` function's master data (enterprise details, member units, professions, holiday corrections). */
export * as masterDataUseCases from './master-data.use-cases';
export { ENTRY_PAGE, toEnterprise } from './admin.use-cases';
export { auditRepository, type AuditDoc } from './audit.repository';
export { communitiesRepository, type CommunityDoc } from './community.repository';
export { enterprisesRepository, type EnterpriseDoc } from './enterprise.repository';
export { entryCodesRepository, type EntryCodeDoc } from './entry-code.repository';
export { peopleOf, pendingVolunteerCount, usersRepository, type UserDoc } from './user.repository';
export { unitsRepository, type MemberUnitDoc } from './unit.repository';
