/** `clinic`: who may call each action and whether it writes (zod-free: the app reads `write` from it). */
import type { Policy } from './define';
import { CuratorRoles, Roles, ServedRoles, StaffRoles } from '../api/roles';

const anyone = Roles;
const volunteers = ['volunteer'] as const;
const bookers = ServedRoles;
const curators = CuratorRoles;
const staffSide = StaffRoles;

export const clinicPolicy = {
  settings: { roles: anyone },
  updateSettings: { roles: curators, write: true },
  calendar: { roles: anyone },
  onDuty: { roles: anyone },
  openDuties: { roles: volunteers },
  myDuties: { roles: volunteers },
  bookDuty: { roles: volunteers, write: true },
  cancelDuty: { roles: volunteers, write: true },
  offerHandover: { roles: volunteers, write: true },
  acceptHandover: { roles: volunteers, write: true },
  declineHandover: { roles: volunteers, write: true },
  myHandovers: { roles: volunteers },
  colleagues: { roles: volunteers },
  planRotation: { roles: curators, write: true },
  coverage: { roles: staffSide },
  slots: { roles: anyone },
  // The idempotency key is kept on the booking (server/modules/clinic): a retry answers from it.
  book: { roles: bookers, write: true, idempotency: 'in-document' },
  joinWaitlist: { roles: bookers, write: true },
  leaveWaitlist: { roles: bookers, write: true },
  cancelBooking: { roles: bookers, write: true, idempotency: 'in-document' },
  reschedule: { roles: bookers, write: true },
  myBookings: { roles: bookers },
  checkIn: { roles: bookers, write: true },
  recordOutcome: { roles: ['volunteer', 'staff', 'admin'], write: true },
  sessionBookings: { roles: ['volunteer', 'staff', 'instructor', 'admin'] },
} as const satisfies Policy;
