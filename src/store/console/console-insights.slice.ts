import type { ConsoleActions } from '@core/contract';
import type { Dashboard, DashboardFilter, DistrictOverview, ExportRecord, ExportResult, ProblemList } from '@core/api/console';
import { adminApi } from '../../services/api/admin';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { idle, type Loaded, loader } from '../loaders';
import { type ConsoleSlice, type ConsoleState } from './console-types';

export type ProblemFilter = ConsoleActions['problemList']['in'];
export type ExportInput = ConsoleActions['exportData']['in'];

/** Only the filters that say something go to the server (no empty category or enterprise). */
export function dashboardInput(f: DashboardFilter): DashboardFilter {
  return {
    from: f.from,
    to: f.to,
    ...(f.category ? { category: f.category } : {}),
    ...(f.enterpriseId ? { enterpriseId: f.enterpriseId } : {}),
    // The district supervisor names the community it looks at.
    ...(f.communityId ? { communityId: f.communityId } : {}),
  };
}

export interface ConsoleInsightsSlice {
  /** 问题清单 (key: the filter). */
  problems: Loaded<ProblemList>;
  loadProblems: (filter: ProblemFilter) => Promise<void>;
  /** 数据看板 (key: the filter). */
  dashboard: Loaded<Dashboard>;
  loadDashboard: (filter: DashboardFilter) => Promise<void>;
  /** 区级总览: every community side by side (district role; key: the period). */
  district: Loaded<DistrictOverview>;
  loadDistrict: (period: { from: string; to: string }) => Promise<void>;
  /** The export just made, with its temporary link. */
  lastExport?: ExportResult;
  makeExport: (input: ExportInput, idempotencyKey: string) => Promise<ExportResult>;
  exports: Paged<ExportRecord>;
  loadExports: () => Promise<void>;
  loadMoreExports: () => Promise<void>;
}

export const createConsoleInsightsSlice: ConsoleSlice<ConsoleInsightsSlice> = (set, get) => {
  const load = loader<ConsoleState>(get, set);
  const paged = pagedLoader<ConsoleState>(get, set);
  const fetchExports = (cursor?: string) => adminApi.listExports(cursor ? { cursor } : {});
  return {
    problems: idle<ProblemList>(),
    loadProblems: (filter) => {
      const input: ProblemFilter = { from: filter.from, to: filter.to, ...(filter.category ? { category: filter.category } : {}) };
      return load<ProblemList>('problems', JSON.stringify(input), () => adminApi.problemList(input));
    },
    dashboard: idle<Dashboard>(),
    loadDashboard: (filter) => {
      const input = dashboardInput(filter);
      return load<Dashboard>('dashboard', JSON.stringify(input), () => adminApi.dashboard(input));
    },
    district: idle<DistrictOverview>(),
    loadDistrict: (period) => {
      const input = { from: period.from, to: period.to };
      return load<DistrictOverview>('district', JSON.stringify(input), () => adminApi.districtOverview(input));
    },
    lastExport: undefined,
    makeExport: async (input, key) => {
      const r = await adminApi.exportData(input, key);
      set({ lastExport: r });
      const list = get().exports;
      // The history shows the new export first (the server's own record comes with the next reload).
      const me = { id: r.id, kind: r.kind, fileName: r.fileName, rows: r.rows, createdAt: r.createdAt, unmasked: !!input.unmasked };
      if (list.status === 'ready' && !list.items.some((x) => x.id === r.id)) set({ exports: { ...list, items: [me, ...list.items] } });
      return r;
    },
    exports: emptyPaged<ExportRecord>(),
    loadExports: () => paged<ExportRecord>('exports', fetchExports, false),
    loadMoreExports: () => paged<ExportRecord>('exports', fetchExports, true),
  };
};
