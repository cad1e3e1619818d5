/** `tickets`: who may call each action and whether it writes (zod-free: the app reads `write` from it). */
import type { Policy } from './define';
import { CuratorRoles, StaffRoles } from '../api/roles';

const readers = ['manager', 'unit', 'staff', 'instructor', 'admin'] as const;
const curators = CuratorRoles;
const staffSide = StaffRoles;

export const ticketsPolicy = {
  submit: { roles: ['manager'], write: true },
  list: { roles: readers },
  get: { roles: readers },
  // The act keeps its key on the ticket it writes (one conditional write, no request record).
  act: { roles: readers, write: true, idempotency: 'in-document' },
  units: { roles: readers },
  catalogue: { roles: readers },
  setCatalogue: { roles: curators, write: true },
  agenda: { roles: staffSide },
  editAgenda: { roles: curators, write: true },
  recordDecision: { roles: curators, write: true },
} as const satisfies Policy;
