import { create } from 'zustand';
import { useAppStore } from '..';
import { revisitService } from '../../services/revisit.service';

/**
 * The home screen's 待评价 badge: how many finished cases the worker / manager may still rate.
 * A store of its own (a few lines in the main package), apart from the subpackage's store.
 */
export interface PendingCountState {
  count?: number;
  load: () => Promise<void>;
}

export const usePendingCount = create<PendingCountState>()((set) => ({
  count: undefined,
  load: async () => {
    try {
      set({ count: (await revisitService.pending()).length });
    } catch {
      // A badge is a hint: without an answer there is just no number.
      set({ count: undefined });
    }
  },
}));

useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) usePendingCount.setState({ count: undefined });
});
