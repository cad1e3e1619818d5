import type { AdminActions } from '@core/contract';
import type { EntryCode } from '@core/api/admin';
import { adminApi } from '../services/api/admin';
import { loadPage } from './paged';
import { emptyPaged, type Paged, type AdminSlice } from './types';

export interface CodesSlice {
  codes: Paged<EntryCode>;
  loadCodes: () => Promise<void>;
  loadMoreCodes: () => Promise<void>;
  createCode: (input: AdminActions['createEntryCode']['in'], idempotencyKey: string) => Promise<EntryCode>;
}

export const createCodesSlice: AdminSlice<CodesSlice> = (set, get) => {
  const fetch = (cursor?: string) => adminApi.listEntryCodes({ cursor });
  return {
    codes: emptyPaged(),
    loadCodes: () => loadPage(get, set, 'codes', fetch, false),
    loadMoreCodes: () => loadPage(get, set, 'codes', fetch, true),
    createCode: async (input, key) => {
      const code = await adminApi.createEntryCode(input, key);
      const list = get().codes;
      set({ codes: { ...list, items: [code, ...list.items.filter((c) => c.scene !== code.scene)] } });
      return code;
    },
  };
};
