import type { Page } from '@core/api/admin';
import { toApiError } from '../../services/api-error';
import type { Paged } from '../types';

/**
 * Loads the first page (replace) or the next one (append) of a paged list held under `key` of
 * any store. A stale answer (the list was reloaded meanwhile, e.g. another filter) is dropped.
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
