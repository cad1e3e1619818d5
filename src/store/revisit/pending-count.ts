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
  /**
   * Cases older than the first page, looked up one by one (`kind:id` → still to rate): a page
   * offering 评价 asks for its own case when the first page does not hold it but there is more.
   */
  older: Record<string, boolean>;
  load: () => Promise<void>;
  /** Looks up whether `caseId` still waits for the reader's rating when the first page does not say (revisit.getEvaluation: null = not rated yet). */
  checkOlder: (caseKind: CaseKind, caseId: string) => Promise<void>;
}

export const usePendingCases = create<PendingCasesState>()((set) => ({
  items: undefined,
  more: undefined,
  older: {},
  checkOlder: async (caseKind, caseId) => {
    const { items, more } = usePendingCases.getState();
    if (!items || !more || isPending(items, caseKind, caseId)) return;
    try {
      const rated = await revisitApi.getEvaluation({ caseKind, caseId });
      usePendingCases.setState((s) => ({ older: { ...s.older, [`${caseKind}:${caseId}`]: rated === null } }));
    } catch {
      // Not known: no button (the case can still be rated from 待评价).
    }
  },
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

/** Whether a case is waiting for the reader's rating, by the first page (false until known). */
export const isPending = (items: PendingEvaluation[] | undefined, caseKind: CaseKind, caseId: string) => !!items?.some((p) => p.caseKind === caseKind && p.caseId === caseId);

/** Whether a case waits for the reader's rating: in the first page, or an older one looked up (checkOlder). */
export const isRateable = (s: Pick<PendingCasesState, 'items' | 'older'>, caseKind: CaseKind, caseId: string) => isPending(s.items, caseKind, caseId) || !!s.older[`${caseKind}:${caseId}`];

useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) usePendingCases.setState({ items: undefined, more: undefined, older: {} });
});
