import type { StateCreator } from 'zustand';
import { toApiError, type ApiError } from '../../services/api-error';
import type { LoadStatus } from '../types';
import type { RevisitCampaignsSlice } from './revisit-campaigns.slice';
import type { RevisitFiguresSlice } from './revisit-figures.slice';
import type { RevisitFormsSlice } from './revisit-forms.slice';
import type { RevisitRateSlice } from './revisit-rate.slice';
import type { RevisitSurveySlice } from './revisit-survey.slice';

export type RevisitState = RevisitRateSlice & RevisitSurveySlice & RevisitCampaignsSlice & RevisitFormsSlice & RevisitFiguresSlice;
export type RevisitSlice<T> = StateCreator<RevisitState, [], [], T>;

/** One server answer held by the store, with the request's key (a case, a campaign id, a year…). */
export interface Loaded<T> {
  key?: string;
  data?: T;
  status: LoadStatus;
  error?: ApiError;
}

export const idle = <T>(): Loaded<T> => ({ status: 'idle' });
export const ready = <T>(key: string, data: T): Loaded<T> => ({ key, data, status: 'ready' });

/**
 * Loads one answer into a store key; an answer for a key no longer asked for is dropped. What is
 * on screen stays while a reload of the same key runs.
 */
export function loader<S>(get: () => S, set: (partial: Partial<S>) => void) {
  const tokens = new Map<keyof S, object>();
  return async <T>(field: keyof S, key: string, fetch: () => Promise<T>): Promise<void> => {
    const token = {};
    tokens.set(field, token);
    const current = get()[field] as unknown as Loaded<T>;
    const kept = current.key === key ? current.data : undefined;
    set({ [field]: { key, data: kept, status: 'loading' } } as unknown as Partial<S>);
    try {
      const data = await fetch();
      if (tokens.get(field) === token) set({ [field]: { key, data, status: 'ready' } } as unknown as Partial<S>);
    } catch (e) {
      if (tokens.get(field) === token) set({ [field]: { key, data: kept, status: 'error', error: toApiError(e) } } as unknown as Partial<S>);
    }
  };
}

/** The store key of one case's evaluation. */
export const caseKey = (caseKind: string, caseId: string) => `${caseKind}:${caseId}`;
