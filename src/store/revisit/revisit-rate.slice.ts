import type { RevisitActions } from '@core/contract';
import type { CaseKind, EvaluationView, PendingEvaluation } from '@core/api/revisit';
import { revisitApi } from '../../services/api/revisit';
import { usePendingCases } from './pending-count';
import { idle, type Loaded, loader, pagedLoader, ready } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { caseKey, type RevisitSlice, type RevisitState } from './revisit-types';

/** 待评价 and 评价: the cases the caller was served in, and one case's evaluation. */
export interface RevisitRateSlice {
  /** 待评价, newest first, a page at a time (revisit.pending's cursor). */
  pending: Paged<PendingEvaluation>;
  loadPending: () => Promise<void>;
  loadMorePending: () => Promise<void>;
  /** The evaluation of the case on screen (key: `<caseKind>:<caseId>`); null when not rated yet. */
  evaluation: Loaded<EvaluationView | null>;
  loadEvaluation: (caseKind: CaseKind, caseId: string) => Promise<void>;
  /** Rates a case once: the answer becomes the case's evaluation and the case leaves 待评价. */
  evaluate: (input: RevisitActions['evaluate']['in'], idempotencyKey: string) => Promise<EvaluationView>;
}

export const createRevisitRateSlice: RevisitSlice<RevisitRateSlice> = (set, get) => {
  const load = loader<RevisitState>(get, set);
  const paged = pagedLoader<RevisitState>(get, set);
  const fetchPending = (cursor?: string) => revisitApi.pending(cursor ? { cursor } : {});
  return {
    pending: emptyPaged<PendingEvaluation>(),
    loadPending: () => paged<PendingEvaluation>('pending', fetchPending, false),
    loadMorePending: () => paged<PendingEvaluation>('pending', fetchPending, true),
    evaluation: idle<EvaluationView | null>(),
    loadEvaluation: (caseKind, caseId) => load<EvaluationView | null>('evaluation', caseKey(caseKind, caseId), () => revisitApi.getEvaluation({ caseKind, caseId })),
    evaluate: async (input, idempotencyKey) => {
      const e = await revisitApi.evaluate(input, idempotencyKey);
      set({ evaluation: ready(caseKey(e.caseKind, e.caseId), e) });
      const rated = (p: PendingEvaluation) => p.caseKind === e.caseKind && p.caseId === e.caseId;
      const pending = get().pending;
      set({ pending: { ...pending, items: pending.items.filter((p) => !rated(p)) } });
      // The home badge and the case's own 评价 button follow at once.
      const { items: cases, older } = usePendingCases.getState();
      usePendingCases.setState({ items: cases?.filter((p) => !rated(p)), older: { ...older, [`${e.caseKind}:${e.caseId}`]: false } });
      return e;
    },
  };
};
