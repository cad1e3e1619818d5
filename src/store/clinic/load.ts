import { toApiError } from '../../services/api-error';
import type { Loaded } from './clinic-types';

/**
 * Loads one answer into a store key; an answer for a key no longer asked for (the month or the
 * session changed meanwhile) is dropped. The data on screen stays while a reload runs.
 */
export function loader<S>(get: () => S, set: (partial: Partial<S>) => void) {
  const tokens = new Map<keyof S, object>();
  return async <T>(field: keyof S, key: string, fetch: () => Promise<T>): Promise<void> => {
    const token = {};
    tokens.set(field, token);
    const current = get()[field] as unknown as Loaded<T>;
    set({ [field]: { key, data: current.key === key ? current.data : undefined, status: 'loading' } } as unknown as Partial<S>);
    try {
      const data = await fetch();
      if (tokens.get(field) === token) set({ [field]: { key, data, status: 'ready' } } as unknown as Partial<S>);
    } catch (e) {
      if (tokens.get(field) === token) set({ [field]: { key, data: current.key === key ? current.data : undefined, status: 'error', error: toApiError(e) } } as unknown as Partial<S>);
    }
  };
}
