import type { RevisitActions } from '@core/contract';
import type { FollowUpStatus, FollowUpView, SurveyForm } from '@core/api/revisit';
import { revisitApi } from '../../services/api/revisit';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { idle, type Loaded, loader, ready } from '../loaders';
import { type RevisitSlice, type RevisitState } from './revisit-types';

/** 问卷 (forms and their versions) and 跟进任务 (follow-ups from poor ratings and low scores). */
/** The store key of a form (a version of it when given). */
export const formKey = (id: string, version?: number) => (version ? `${id}@v${version}` : id);

export interface RevisitFormsSlice {
  forms: Loaded<SurveyForm[]>;
  loadForms: () => Promise<void>;
  /** A form (key: its id for the latest version, `<id>@v<version>` for an earlier one). */
  form: Loaded<SurveyForm>;
  loadForm: (id: string, version?: number) => Promise<void>;
  /** Saves a new form or a new version of one: it is on screen and in the list with its version. */
  saveForm: (input: RevisitActions['saveForm']['in'], idempotencyKey: string) => Promise<SurveyForm>;
  followUpStatus?: FollowUpStatus;
  followUps: Paged<FollowUpView>;
  loadFollowUps: (status?: FollowUpStatus) => Promise<void>;
  loadMoreFollowUps: () => Promise<void>;
  /** Closes a follow-up with its resolution; the row shows it done (or leaves a list of open ones). */
  closeFollowUp: (id: string, resolution: string, idempotencyKey: string) => Promise<FollowUpView>;
}

export const createRevisitFormsSlice: RevisitSlice<RevisitFormsSlice> = (set, get) => {
  const load = loader<RevisitState>(get, set);
  const paged = pagedLoader<RevisitState>(get, set);
  const fetchFollowUps = (cursor?: string) => {
    const input: RevisitActions['listFollowUps']['in'] = {};
    const status = get().followUpStatus;
    if (status) input.status = status;
    if (cursor) input.cursor = cursor;
    return revisitApi.listFollowUps(input);
  };
  return {
    forms: idle<SurveyForm[]>(),
    loadForms: () => load<SurveyForm[]>('forms', 'all', () => revisitApi.listForms()),
    form: idle<SurveyForm>(),
    loadForm: (id, version) => load<SurveyForm>('form', formKey(id, version), () => revisitApi.getForm(version ? { id, version } : { id })),
    saveForm: async (input, idempotencyKey) => {
      const f = await revisitApi.saveForm(input, idempotencyKey);
      set({ form: ready(f.id, f) });
      const list = get().forms;
      if (list.data) {
        const data = list.data.some((x) => x.id === f.id) ? list.data.map((x) => (x.id === f.id ? f : x)) : [f, ...list.data];
        set({ forms: { ...list, data } });
      }
      return f;
    },
    followUpStatus: 'open',
    followUps: emptyPaged<FollowUpView>(),
    loadFollowUps: (status) => {
      set({ followUpStatus: status });
      return paged<FollowUpView>('followUps', fetchFollowUps, false);
    },
    loadMoreFollowUps: () => paged<FollowUpView>('followUps', fetchFollowUps, true),
    closeFollowUp: async (id, resolution, idempotencyKey) => {
      const f = await revisitApi.closeFollowUp({ id, resolution }, idempotencyKey);
      const list = get().followUps;
      const items = get().followUpStatus === 'open' ? list.items.filter((x) => x.id !== id) : list.items.map((x) => (x.id === id ? f : x));
      set({ followUps: { ...list, items } });
      return f;
    },
  };
};
