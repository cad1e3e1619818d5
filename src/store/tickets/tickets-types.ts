import type { StateCreator } from 'zustand';
import { toApiError, type ApiError } from '../../services/api-error';
import type { LoadStatus } from '../types';
import type { TicketsDeskSlice } from './tickets-desk.slice';
import type { TicketsDetailSlice } from './tickets-detail.slice';
import type { TicketsListSlice } from './tickets-list.slice';

export type TicketsState = TicketsListSlice & TicketsDetailSlice & TicketsDeskSlice;
export type TicketsSlice<T> = StateCreator<TicketsState, [], [], T>;

/** One server answer held by the store, with the request's key (a ticket id, a month…). */
export interface Loaded<T> {
  key?: string;
  data?: T;
  status: LoadStatus;
  error?: ApiError;
}

export const idle = <T>(): Loaded<T> => ({ status: 'idle' });

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
