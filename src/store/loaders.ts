import type { Page } from '@core/api/admin';
import { toApiError, type ApiError } from '../services/api-error';
import type { LoadStatus, Paged } from './types';

/**
 * The stores' loaders, shared by every feature store: one server answer under a key
 * (`loader`), and a list read a page at a time (`pagedLoader`). Both drop a stale answer (the
 * screen asked for something else meanwhile) and keep what is on screen while a reload runs.
 */

/** One server answer held by a store, with the request's key (a ticket id, a month, a case…). */
export interface Loaded<T> {
  key?: string;
  data?: T;
  status: LoadStatus;
  error?: ApiError;
}

export const idle = <T>(): Loaded<T> => ({ status: 'idle' });
export const ready = <T>(key: string, data: T): Loaded<T> => ({ key, data, status: 'ready' });

/**
 * Loads one answer into a store field; an answer for a key no longer asked for is dropped. What
 * is on screen stays while a reload of the same key runs. One loader per store, so its
 * staleness tokens persist.
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

/**
 * A loader of paged lists held under keys of a store: loads the first page (replace) or the
 * next one (append). A stale answer (the list was reloaded meanwhile, e.g. a new search or
 * another filter) is dropped. One loader per store, so its staleness tokens persist.
 */
export function pagedLoader<S>(get: () => S, set: (partial: Partial<S>) => void) {
  const tokens = new Map<keyof S, object>();
  return async <T>(key: keyof S, fetchPage: (cursor?: string) => Promise<Page<T>>, more: boolean): Promise<void> => {
    const read = () => get()[key] as unknown as Paged<T>;
    const write = (v: Paged<T>) => set({ [key]: v } as unknown as Partial<S>);
    const current = read();
    if (more && (!current.nextCursor || current.loadingMore || current.status === 'loading')) return;
    const token = {};
    tokens.set(key, token);
    write(more ? { ...current, loadingMore: true, error: undefined } : { ...current, status: 'loading', loadingMore: false, error: undefined });
    try {
      const page = await fetchPage(more ? current.nextCursor : undefined);
      if (tokens.get(key) !== token) return;
      write({ items: more ? [...read().items, ...page.items] : page.items, nextCursor: page.nextCursor, status: 'ready', loadingMore: false, error: undefined });
    } catch (e) {
      if (tokens.get(key) !== token) return;
      const base = read();
      write({ ...base, status: more ? base.status : 'error', loadingMore: false, error: toApiError(e) });
    }
  };
}
