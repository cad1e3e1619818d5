/** `qa`: who may call each action and whether it writes (zod-free: the app reads `write` from it). */
import type { Policy } from './define';
import { CuratorRoles, Roles, ServedRoles } from '../api/roles';

const anyone = Roles;
const askers = ServedRoles;
const responders = ['volunteer', 'staff', 'instructor', 'admin'] as const;
const curators = CuratorRoles;
const members = ['worker', 'manager', 'volunteer', 'staff', 'instructor', 'admin'] as const;

export const qaPolicy = {
  similar: { roles: anyone },
  ask: { roles: askers, write: true },
  mine: { roles: askers },
  queue: { roles: responders },
  get: { roles: members },
  claim: { roles: responders, write: true },
  release: { roles: responders, write: true },
  answer: { roles: responders, write: true },
  requestInfo: { roles: responders, write: true },
  reply: { roles: askers, write: true },
  solve: { roles: askers, write: true },
  searchFaq: { roles: anyone },
  listFaq: { roles: anyone },
  getFaq: { roles: anyone },
  publishFaq: { roles: curators, write: true },
  updateFaq: { roles: curators, write: true },
  unpublishFaq: { roles: curators, write: true },
} as const satisfies Policy;
