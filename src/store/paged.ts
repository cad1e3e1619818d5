import type { Page } from '@core/api/admin';
import { pagedLoader } from './loaders';
import type { AdminState, Paged } from './types';

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
