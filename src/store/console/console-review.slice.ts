import type { HeldItem, HeldStatus } from '@core/api/moderation';
import { adminApi } from '../../services/api/admin';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import type { ConsoleSlice, ConsoleState } from './console-types';

/** The review queue: texts WeChat's content check sent to review, held for staff. */
export interface ConsoleReviewSlice {
  heldStatus: HeldStatus;
  held: Paged<HeldItem>;
  loadHeld: (status?: HeldStatus) => Promise<void>;
  loadMoreHeld: () => Promise<void>;
  /** Releases or rejects one held text; it leaves the list (also when someone else decided it first). */
  decideHeld: (id: string, decision: 'release' | 'reject', idempotencyKey: string) => Promise<HeldItem>;
}

export const createConsoleReviewSlice: ConsoleSlice<ConsoleReviewSlice> = (set, get) => {
  const paged = pagedLoader<ConsoleState>(get, set);
  const fetchHeld = (cursor?: string) => adminApi.heldQueue({ status: get().heldStatus, ...(cursor ? { cursor } : {}) });
  const drop = (id: string) => {
    const h = get().held;
    set({ held: { ...h, items: h.items.filter((i) => i.id !== id) } });
  };
  return {
    heldStatus: 'held',
    held: emptyPaged<HeldItem>(),
    loadHeld: (status) => {
      if (status && status !== get().heldStatus) set({ heldStatus: status, held: emptyPaged<HeldItem>() });
      return paged<HeldItem>('held', fetchHeld, false);
    },
    loadMoreHeld: () => paged<HeldItem>('held', fetchHeld, true),
    decideHeld: async (id, decision, key) => {
      try {
        const item = decision === 'release' ? await adminApi.releaseHeld({ id }, key) : await adminApi.rejectHeld({ id }, key);
        drop(id);
        return item;
      } catch (e) {
        // Decided by someone else meanwhile: it is no longer held, whatever they chose.
        if ((e as { code?: string }).code === 'CONTENT.ALREADY_DECIDED') drop(id);
        throw e;
      }
    },
  };
};
