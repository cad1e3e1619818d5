import type { AdminActions } from '@core/contract';
import type { UserRow } from '@core/api/admin';
import type { Role } from '@core/api/roles';
import { adminApi } from '../services/api/admin';
import { loadPage } from './paged';
import { emptyPaged, type Paged, type AdminSlice } from './types';

export interface UsersSlice {
  users: Paged<UserRow>;
  /** undefined: every role. */
  usersRole?: Role;
  loadUsers: (role?: Role | null) => Promise<void>;
  loadMoreUsers: () => Promise<void>;
  setUserRole: (input: AdminActions['setRole']['in'], idempotencyKey: string) => Promise<UserRow>;
}

export const createUsersSlice: AdminSlice<UsersSlice> = (set, get) => {
  const fetch = (cursor?: string) => {
    const role = get().usersRole;
    return adminApi.listUsers({ cursor, ...(role ? { role } : {}) });
  };
  return {
    users: emptyPaged(),
    usersRole: undefined,
    loadUsers: async (role) => {
      if (role !== undefined) set({ usersRole: role ?? undefined });
      await loadPage(get, set, 'users', fetch, false);
    },
    loadMoreUsers: () => loadPage(get, set, 'users', fetch, true),
    setUserRole: async (input, key) => {
      const row = await adminApi.setRole(input, key);
      const { users, usersRole } = get();
      // A user who no longer has the filtered role leaves the filtered list.
      const items = usersRole && row.role !== usersRole ? users.items.filter((u) => u.openid !== row.openid) : users.items.map((u) => (u.openid === row.openid ? row : u));
      set({ users: { ...users, items } });
      return row;
    },
  };
};
