import type { AuditEntry } from '@core/api/admin';
import { adminApi } from '../services/api/admin';
import { loadPage } from './paged';
import { emptyPaged, type Paged, type AdminSlice } from './types';

export interface AuditSlice {
  audit: Paged<AuditEntry>;
  loadAudit: () => Promise<void>;
  loadMoreAudit: () => Promise<void>;
}

export const createAuditSlice: AdminSlice<AuditSlice> = (set, get) => {
  const fetch = (cursor?: string) => adminApi.listAudit({ cursor });
  return {
    audit: emptyPaged(),
    loadAudit: () => loadPage(get, set, 'audit', fetch, false),
    loadMoreAudit: () => loadPage(get, set, 'audit', fetch, true),
  };
};
