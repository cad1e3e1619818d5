import type { UserRow } from '@core/api/admin';
import { adminApi } from '../services/api/admin';
import { loadPage } from './paged';
import { emptyPaged, type Paged, type AdminSlice } from './types';

export interface VolunteersSlice {
  /** Applications waiting for review. */
  pendingVolunteers: Paged<UserRow>;
  loadPendingVolunteers: () => Promise<void>;
  loadMorePendingVolunteers: () => Promise<void>;
  /** Approves or rejects; the application leaves the pending list. */
  reviewVolunteer: (input: { openid: string; approve: boolean; note?: string }, idempotencyKey: string) => Promise<UserRow>;
}

export const createVolunteersSlice: AdminSlice<VolunteersSlice> = (set, get) => {
  const fetch = (cursor?: string) => adminApi.listUsers({ role: 'volunteer', volunteerStatus: 'pending', cursor });
  return {
    pendingVolunteers: emptyPaged(),
    loadPendingVolunteers: () => loadPage(get, set, 'pendingVolunteers', fetch, false),
    loadMorePendingVolunteers: () => loadPage(get, set, 'pendingVolunteers', fetch, true),
    reviewVolunteer: async (input, key) => {
      const row = await adminApi.reviewVolunteer(input, key);
      const list = get().pendingVolunteers;
      set({ pendingVolunteers: { ...list, items: list.items.filter((u) => u.openid !== input.openid) } });
      return row;
    },
  };
};
