import type { Page } from '@core/api/admin';
import { toApiError } from '../services/api-error';
import type { AdminState, Paged } from './types';

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

/** The admin store's keys that hold a paged list. */
export type PagedKey = Exclude<{ [K in keyof AdminState]-?: AdminState[K] extends Paged<unknown> ? K : never }[keyof AdminState], undefined>;
type ItemOf<K extends PagedKey> = AdminState[K & keyof AdminState] extends Paged<infer T> ? T : never;

let adminLoader: ReturnType<typeof pagedLoader<AdminState>> | undefined;

/** `pagedLoader` for the admin store's paged lists (src/store/admin.ts), typed by key. */
export function loadPage<K extends PagedKey>(
  get: () => AdminState,
  set: (partial: Partial<AdminState>) => void,
  key: K,
  fetchPage: (cursor?: string) => Promise<Page<ItemOf<K>>>,
  more: boolean,
): Promise<void> {
  adminLoader ??= pagedLoader<AdminState>(get, set);
  return adminLoader<ItemOf<K>>(key, fetchPage, more);
}
