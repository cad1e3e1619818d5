import type { AdminActions } from '@core/contract';
import type { Enterprise, Invite } from '@core/api/admin';
import { adminApi } from '../services/api/admin';
import { loadPage } from './paged';
import { emptyPaged, type Paged, type AdminSlice } from './types';

export interface EnterprisesSlice {
  enterprises: Paged<Enterprise>;
  enterpriseKeyword: string;
  /** The latest invite issued for each enterprise in this session, by enterprise id. */
  invites: Record<string, Invite>;
  loadEnterprises: (keyword?: string) => Promise<void>;
  loadMoreEnterprises: () => Promise<void>;
  createEnterprise: (input: AdminActions['createEnterprise']['in'], idempotencyKey: string) => Promise<Enterprise>;
  issueInvite: (input: AdminActions['issueInvite']['in'], idempotencyKey: string) => Promise<Invite>;
}

export const createEnterprisesSlice: AdminSlice<EnterprisesSlice> = (set, get) => {
  const fetch = (cursor?: string) => {
    const keyword = get().enterpriseKeyword.trim();
    return adminApi.listEnterprises({ cursor, ...(keyword ? { keyword } : {}) });
  };
  return {
    enterprises: emptyPaged(),
    enterpriseKeyword: '',
    invites: {},
    loadEnterprises: async (keyword) => {
      if (keyword !== undefined) set({ enterpriseKeyword: keyword });
      await loadPage(get, set, 'enterprises', fetch, false);
    },
    loadMoreEnterprises: () => loadPage(get, set, 'enterprises', fetch, true),
    createEnterprise: async (input, key) => {
      const created = await adminApi.createEnterprise(input, key);
      const list = get().enterprises;
      set({ enterprises: { ...list, items: [created, ...list.items.filter((e) => e.id !== created.id)] } });
      return created;
    },
    issueInvite: async (input, key) => {
      const invite = await adminApi.issueInvite(input, key);
      set({ invites: { ...get().invites, [input.enterpriseId]: invite } });
      return invite;
    },
  };
};
