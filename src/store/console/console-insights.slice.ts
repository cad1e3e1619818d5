import type { ConsoleActions } from '@core/contract';
import type { Dashboard, DashboardFilter, DistrictOverview, ExportRecord, ExportResult, ProblemList } from '@core/api/console';
import { adminApi } from '../../services/api/admin';
import { toApiError } from '../../services/api-error';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { idle, type Loaded, loader } from '../loaders';
import { type ConsoleSlice, type ConsoleState } from './console-types';

export type ProblemFilter = Omit<ConsoleActions['problemList']['in'], 'cursor'>;

/** 问题清单: the pages read so far of one filter (key), their items appended; the summary is the first page's. */
export type ProblemsState = Loaded<ProblemList> & { loadingMore: boolean };
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
  /** 问题清单 (key: the filter): a page at a time. */
  problems: ProblemsState;
  loadProblems: (filter: ProblemFilter) => Promise<void>;
  /** The next page of the list on screen (nothing when there is none or one is on its way). */
  loadMoreProblems: () => Promise<void>;
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
  // The problem list: a newer read (another filter, a reload) drops the answer of an older one.
  let problemsToken: object | undefined;
  const readProblems = async (input: ProblemFilter, more: boolean) => {
    const key = JSON.stringify(input);
    const current = get().problems;
    if (more && (current.key !== key || !current.data?.nextCursor || current.loadingMore || current.status !== 'ready')) return;
    const token = {};
    problemsToken = token;
    const kept = current.key === key ? current.data : undefined;
    set({ problems: more ? { ...current, loadingMore: true, error: undefined } : { key, data: kept, status: 'loading', loadingMore: false } });
    try {
      const page = await adminApi.problemList({ ...input, ...(more && kept?.nextCursor ? { cursor: kept.nextCursor } : {}) });
      if (problemsToken !== token) return;
      const data = more && kept ? { ...page, summary: kept.summary, items: [...kept.items, ...page.items] } : page;
      set({ problems: { key, data, status: 'ready', loadingMore: false } });
    } catch (e) {
      if (problemsToken !== token) return;
      const base = get().problems;
      set({ problems: { ...base, status: more ? base.status : 'error', loadingMore: false, error: toApiError(e) } });
    }
  };
  return {
    problems: { status: 'idle', loadingMore: false },
    loadProblems: (filter) => {
      const input: ProblemFilter = { from: filter.from, to: filter.to, ...(filter.category ? { category: filter.category } : {}) };
      return readProblems(input, false);
    },
    loadMoreProblems: async () => {
      const key = get().problems.key;
      if (key) await readProblems(JSON.parse(key) as ProblemFilter, true);
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
