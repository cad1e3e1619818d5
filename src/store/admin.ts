import { create } from 'zustand';
import { createAuditSlice } from './audit.slice';
import { createCodesSlice } from './codes.slice';
import { createEnterprisesSlice } from './enterprises.slice';
import { useAppStore } from '.';
import type { AdminState } from './types';
import { createUsersSlice } from './users.slice';
import { createVolunteersSlice } from './volunteers.slice';

/**
 * Staff's admin store (enterprises and invites, entry codes, volunteer review, users and roles,
 * audit): its slices combined once, imported only by the `staff/` subpackage's pages, so none of
 * it is in the main package (main-package budget, scripts/size-report.ts).
 */
export const useAdminStore = create<AdminState>()((...a) => ({
  ...createEnterprisesSlice(...a),
  ...createCodesSlice(...a),
  ...createVolunteersSlice(...a),
  ...createUsersSlice(...a),
  ...createAuditSlice(...a),
}));

export function resetAdminStore(): void {
  useAdminStore.setState(useAdminStore.getInitialState(), true);
}

// What one person saw is not for the next one (the dev login switches person).
useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) resetAdminStore();
});
