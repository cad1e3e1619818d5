import { create } from 'zustand';
import type { CaseKind, PendingEvaluation } from '@core/api/revisit';
import { useAppStore } from '..';
import { revisitApi } from '../../services/api/revisit';

/**
 * The cases the worker / manager may still rate (待评价): the home badge counts them, and a
 * question's or consultation's page offers 评价 only when its case is among them — the first page,
 * the 20 most recently served (older ones are rated from 待评价, which pages on). A store of its
 * own (a few lines in the main package), apart from the subpackage's store.
 */
export interface PendingCasesState {
  /** The first page of revisit.pending (the badge counts it: "20+" when `more`). */
  items?: PendingEvaluation[];
  more?: boolean;
  load: () => Promise<void>;
}

export const usePendingCases = create<PendingCasesState>()((set) => ({
  items: undefined,
  more: undefined,
  load: async () => {
    try {
      const page = await revisitApi.pending({});
      set({ items: page.items, more: !!page.nextCursor });
    } catch {
      // A hint, not a page: without an answer there is no badge and no 评价 button.
      set({ items: undefined, more: undefined });
    }
  },
}));

/** Whether a case is waiting for the reader's rating (false until known). */
export const isPending = (items: PendingEvaluation[] | undefined, caseKind: CaseKind, caseId: string) => !!items?.some((p) => p.caseKind === caseKind && p.caseId === caseId);

useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) usePendingCases.setState({ items: undefined });
});
