/** Every cloud function's definition, for the checks that must cover all of them (authorization matrix, fuzzer). */
import { adminFunction } from './admin.function';
import { clinicFunction } from './clinic.function';
import { qaFunction } from './qa.function';
import { revisitFunction } from './revisit.function';
import { ticketsFunction } from './tickets.function';
import { userFunction } from './user.function';

export const AllFunctions = { user: userFunction, admin: adminFunction, qa: qaFunction, clinic: clinicFunction, tickets: ticketsFunction, revisit: revisitFunction };
