import type { ConsoleActions } from '@core/contract';
import type { Enterprise } from '@core/api/admin';
import type { Attachment } from '@core/api/qa';
import type { EnterpriseOverview, VisitView } from '@core/api/console';
import { adminApi } from '../../services/api/admin';
import { toApiError, type ApiError } from '../../services/api-error';
import { pagedLoader } from '../loaders';
import { uploadMyPhoto, type PhotoFile } from '../qa/qa-ask.slice';
import { emptyPaged, type LoadStatus, type Paged } from '../types';
import { idle, type Loaded, loader } from '../loaders';
import { type ConsoleSlice, type ConsoleState } from './console-types';

/** Whose visits the list shows: the caller's, everyone's, or one enterprise's. */
export type VisitScope = { mine: true } | { mine?: false; enterpriseId?: string };

/** An enterprise's page: its master data, counts and the history read so far (paged). */
export interface OverviewState {
  key?: string;
  data?: EnterpriseOverview;
  status: LoadStatus;
  loadingMore: boolean;
  error?: ApiError;
}

export interface ConsoleVisitsSlice {
  visitScope: VisitScope;
  visits: Paged<VisitView>;
  loadVisits: (scope?: VisitScope) => Promise<void>;
  loadMoreVisits: () => Promise<void>;
  /** The visit on screen (key: its id). */
  visit: Loaded<VisitView>;
  loadVisit: (id: string) => Promise<void>;
  /** A photo for a visit, uploaded straight to storage like question photos; answers its fileID. */
  uploadVisitPhoto: (photo: PhotoFile, idempotencyKey: string) => Promise<Attachment>;
  recordVisit: (input: ConsoleActions['recordVisit']['in'], idempotencyKey: string) => Promise<VisitView>;
  /** 转为诉求: the visit comes back with the problem's ticket; it replaces the one on screen and in the list. */
  problemToTicket: (input: ConsoleActions['problemToTicket']['in'], idempotencyKey: string) => Promise<VisitView>;
  /** The enterprise picker's own search (the staff enterprise list keeps its own keyword). */
  pickerEnterprises: Paged<Enterprise>;
  searchEnterprises: (keyword: string) => Promise<void>;
  overview: OverviewState;
  loadOverview: (enterpriseId: string) => Promise<void>;
  loadMoreOverview: () => Promise<void>;
}

export function visitsInput(scope: VisitScope, cursor?: string): ConsoleActions['listVisits']['in'] {
  const input: ConsoleActions['listVisits']['in'] = {};
  if (scope.mine) input.mine = true;
  else if (scope.enterpriseId) input.enterpriseId = scope.enterpriseId;
  if (cursor) input.cursor = cursor;
  return input;
}

export const createConsoleVisitsSlice: ConsoleSlice<ConsoleVisitsSlice> = (set, get) => {
  const paged = pagedLoader<ConsoleState>(get, set);
  const load = loader<ConsoleState>(get, set);
  const fetchVisits = (cursor?: string) => adminApi.listVisits(visitsInput(get().visitScope, cursor));
  let overviewToken: object | undefined;

  const adopt = (v: VisitView) => {
    set({ visit: { key: v.id, data: v, status: 'ready' } });
    const list = get().visits;
    if (list.items.some((x) => x.id === v.id)) set({ visits: { ...list, items: list.items.map((x) => (x.id === v.id ? v : x)) } });
  };

  const readOverview = async (enterpriseId: string, more: boolean) => {
    const current = get().overview;
    if (more && (current.key !== enterpriseId || !current.data?.nextCursor || current.loadingMore)) return;
    const token = {};
    overviewToken = token;
    const kept = current.key === enterpriseId ? current.data : undefined;
    set({ overview: more ? { ...current, loadingMore: true, error: undefined } : { key: enterpriseId, data: kept, status: 'loading', loadingMore: false } });
    try {
      const page = await adminApi.enterpriseOverview({ enterpriseId, ...(more && kept?.nextCursor ? { cursor: kept.nextCursor } : {}) });
      if (overviewToken !== token) return;
      // The counts come with the first page only: kept as the next pages are appended.
      const data = more && kept ? { ...page, counts: kept.counts, countsCapped: kept.countsCapped, timeline: [...kept.timeline, ...page.timeline] } : page;
      set({ overview: { key: enterpriseId, data, status: 'ready', loadingMore: false } });
    } catch (e) {
      if (overviewToken !== token) return;
      set({ overview: { ...get().overview, status: more ? get().overview.status : 'error', loadingMore: false, error: toApiError(e) } });
    }
  };

  return {
    visitScope: { mine: true },
    visits: emptyPaged<VisitView>(),
    loadVisits: (scope) => {
      if (scope) set({ visitScope: scope });
      return paged<VisitView>('visits', fetchVisits, false);
    },
    loadMoreVisits: () => paged<VisitView>('visits', fetchVisits, true),
    visit: idle<VisitView>(),
    loadVisit: (id) => load<VisitView>('visit', id, () => adminApi.getVisit({ id })),
    uploadVisitPhoto: async (photo, key) => ({ fileID: await uploadMyPhoto(photo, key), name: photo.name }),
    recordVisit: async (input, key) => {
      const v = await adminApi.recordVisit(input, key);
      set({ visit: { key: v.id, data: v, status: 'ready' } });
      const list = get().visits;
      const scope = get().visitScope;
      // The new visit belongs at the top of a list that shows the caller's or that enterprise's visits.
      if (list.status === 'ready' && (scope.mine || !scope.enterpriseId || scope.enterpriseId === v.enterpriseId)) {
        set({ visits: { ...list, items: [v, ...list.items.filter((x) => x.id !== v.id)] } });
      }
      return v;
    },
    problemToTicket: async (input, key) => {
      const v = await adminApi.problemToTicket(input, key);
      adopt(v);
      return v;
    },
    pickerEnterprises: emptyPaged<Enterprise>(),
    searchEnterprises: (keyword) => {
      const k = keyword.trim();
      return paged<Enterprise>('pickerEnterprises', (cursor) => adminApi.listEnterprises({ ...(k ? { keyword: k } : {}), ...(cursor ? { cursor } : {}) }), false);
    },
    overview: { status: 'idle', loadingMore: false },
    loadOverview: (enterpriseId) => readOverview(enterpriseId, false),
    loadMoreOverview: async () => {
      const key = get().overview.key;
      if (key) await readOverview(key, true);
    },
  };
};
