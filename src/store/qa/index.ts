import { create } from 'zustand';
import { useAppStore } from '..';
import { createQaAskSlice } from './qa-ask.slice';
import { createQaFaqSlice } from './qa-faq.slice';
import { createQaQuestionsSlice } from './qa-questions.slice';
import type { QaState } from './qa-types';

export type { QaState } from './qa-types';
export { MAX_PHOTOS, PhotosPendingError, SIMILAR_DEBOUNCE_MS, SIMILAR_MIN_CHARS, type Photo, type PhotoFile } from './qa-ask.slice';
export { threadDraft, type QueueFilter, type QuestionAct } from './qa-questions.slice';

/**
 * The Q&A store (每日一问诊): its slices combined once. It is its own store, imported only by the
 * `qa/` subpackage's pages, so none of it weighs on the mini-program's main package.
 */
export const useQaStore = create<QaState>()((...a) => ({
  ...createQaAskSlice(...a),
  ...createQaQuestionsSlice(...a),
  ...createQaFaqSlice(...a),
}));

export function resetQaStore(): void {
  useQaStore.setState(useQaStore.getInitialState(), true);
}

// What one person saw is not for the next one (the dev login switches person).
useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) resetQaStore();
});
