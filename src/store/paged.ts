import type { Page } from '@core/api/admin';
import { toApiError } from '../services/api-error';
import type { AppState, Paged } from './types';

/** The store keys that hold a paged list. */
export type PagedKey = Exclude<{ [K in keyof AppState]-?: AppState[K] extends Paged<unknown> ? K : never }[keyof AppState], undefined>;
type ItemOf<K extends PagedKey> = AppState[K & keyof AppState] extends Paged<infer T> ? T : never;

const tokens = new Map<string, object>();

/**
 * Loads the first page (replace) or the next one (append) of the paged list held under `key`.
 * A stale answer (the list was reloaded meanwhile, e.g. a new search) is dropped.
 */
export async function loadPage<K extends PagedKey>(
  get: () => AppState,
  set: (partial: Partial<AppState>) => void,
  key: K,
  fetchPage: (cursor?: string) => Promise<Page<ItemOf<K>>>,
  more: boolean,
): Promise<void> {
  const read = () => get()[key] as unknown as Paged<ItemOf<K>>;
  const write = (v: Paged<ItemOf<K>>) => set({ [key as string]: v } as Partial<AppState>);
  const current = read();
  if (more && (!current.nextCursor || current.loadingMore || current.status === 'loading')) return;
  const token = {};
  tokens.set(key, token);
  write(more ? { ...current, loadingMore: true, error: undefined } : { ...current, status: 'loading', loadingMore: false, error: undefined });
  try {
    const page = await fetchPage(more ? current.nextCursor : undefined);
    if (tokens.get(key) !== token) return;
    const items = more ? [...read().items, ...page.items] : page.items;
    write({ items, nextCursor: page.nextCursor, status: 'ready', loadingMore: false, error: undefined });
  } catch (e) {
    if (tokens.get(key) !== token) return;
    const base = read();
    write({ ...base, status: more ? base.status : 'error', loadingMore: false, error: toApiError(e) });
  }
}
