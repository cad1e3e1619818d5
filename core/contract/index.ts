/**
 * The API contract, one per cloud function: the input schemas, output types, roles and writes.
 * The app imports its types only (`import type`), never this module's values: the schemas would
 * bring zod into the main package (forms import the one schema they validate with, from the
 * function's own file, inside their subpackage).
 */
import type { ActionsOf } from './define';
import type { AdminContract } from './admin';
import type { ClinicContract } from './clinic';
import type { QaContract } from './qa';
import type { RevisitContract } from './revisit';
import type { TicketsContract } from './tickets';
import type { UserContract } from './user';

export * from './define';
export { adminContract, type AdminContract } from './admin';
export { clinicContract, type ClinicContract } from './clinic';
export { qaContract, type QaContract } from './qa';
export { revisitContract, type RevisitContract } from './revisit';
export { ticketsContract, type TicketsContract } from './tickets';
export { userContract, type UserContract } from './user';

/** Every function's contract by name. */
export interface Contracts {
  user: UserContract;
  admin: AdminContract;
  qa: QaContract;
  clinic: ClinicContract;
  tickets: TicketsContract;
  revisit: RevisitContract;
}
export type FunctionName = keyof Contracts;

/** `{ in, out }` per action of each function, as the app's stores name them. */
export type UserActions = ActionsOf<UserContract>;
/** The inbox, notification settings and to-dos are actions of `user`. */
export type NotifyActions = UserActions;
export type AdminActions = ActionsOf<AdminContract>;
/** The staff console's actions are actions of `admin`. */
export type ConsoleActions = AdminActions;
export type QaActions = ActionsOf<QaContract>;
export type ClinicActions = ActionsOf<ClinicContract>;
export type TicketActions = ActionsOf<TicketsContract>;
export type RevisitActions = ActionsOf<RevisitContract>;
