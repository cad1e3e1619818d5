import type { QaCategory, QuestionDetail, QuestionStatus, QuestionSummary } from '@core/api/qa';
import { toApiError, type ApiError } from '../../services/api-error';
import { qaApi } from '../../services/api/qa';
import { emptyPaged, type LoadStatus, type Paged } from '../types';
import { pagedLoader } from '../loaders';
import type { QaSlice } from './qa-types';

export interface QueueFilter {
  status?: QuestionStatus;
  category?: QaCategory;
  overdueOnly?: boolean;
}

/** What a responder or the asker does to a question (each answers the question as it is now). */
export type QuestionAct =
  | { kind: 'claim' | 'release' | 'solve' }
  | { kind: 'answer' | 'reply'; text: string }
  | { kind: 'requestInfo'; text: string };

/** The draft holding the photos of an answer or reply to a question. */
export const threadDraft = (questionId: string) => `thread:${questionId}`;

export interface QaQuestionsSlice {
  mine: Paged<QuestionSummary>;
  mineStatus?: QuestionStatus;
  loadMine: (status?: QuestionStatus | null) => Promise<void>;
  loadMoreMine: () => Promise<void>;
  queue: Paged<QuestionSummary>;
  queueFilter: QueueFilter;
  loadQueue: (filter?: QueueFilter) => Promise<void>;
  loadMoreQueue: () => Promise<void>;
  /** The question open on the detail page. */
  question?: QuestionDetail;
  questionStatus: LoadStatus;
  questionError?: ApiError;
  loadQuestion: (id: string) => Promise<void>;
  /** Shows a question the server just answered with, and updates it in the lists. */
  adoptQuestion: (q: QuestionDetail) => void;
  act: (id: string, act: QuestionAct, idempotencyKey: string) => Promise<QuestionDetail>;
}

const summaryOf = ({ description: _d, attachments: _a, messages: _m, can: _c, ...summary }: QuestionDetail): QuestionSummary => summary;

export const createQaQuestionsSlice: QaSlice<QaQuestionsSlice> = (set, get) => {
  const load = pagedLoader(get, set);
  const fetchMine = (cursor?: string) => {
    const status = get().mineStatus;
    return qaApi.mine({ ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) });
  };
  const fetchQueue = (cursor?: string) => {
    const { status, category, overdueOnly } = get().queueFilter;
    return qaApi.queue({ ...(cursor ? { cursor } : {}), ...(status ? { status } : {}), ...(category ? { category } : {}), ...(overdueOnly ? { overdueOnly } : {}) });
  };
  let questionToken = 0;
  return {
    mine: emptyPaged(),
    mineStatus: undefined,
    loadMine: async (status) => {
      if (status !== undefined) set({ mineStatus: status ?? undefined });
      await load('mine', fetchMine, false);
    },
    loadMoreMine: () => load('mine', fetchMine, true),
    queue: emptyPaged(),
    queueFilter: {},
    loadQueue: async (filter) => {
      if (filter) set({ queueFilter: filter });
      await load('queue', fetchQueue, false);
    },
    loadMoreQueue: () => load('queue', fetchQueue, true),

    question: undefined,
    questionStatus: 'idle',
    questionError: undefined,
    loadQuestion: async (id) => {
      const token = ++questionToken;
      const shown = get().question;
      // Keep showing the same question while it refreshes; another one starts from a blank page.
      set({ questionStatus: 'loading', questionError: undefined, ...(shown && shown.id !== id ? { question: undefined } : {}) });
      try {
        const q = await qaApi.get({ id });
        if (token !== questionToken) return;
        get().adoptQuestion(q);
      } catch (e) {
        if (token !== questionToken) return;
        set({ questionStatus: 'error', questionError: toApiError(e) });
      }
    },
    adoptQuestion: (q) => {
      const summary = summaryOf(q);
      const patch = (list: Paged<QuestionSummary>) => (list.items.some((i) => i.id === q.id) ? { ...list, items: list.items.map((i) => (i.id === q.id ? summary : i)) } : list);
      questionToken++;
      set({ question: q, questionStatus: 'ready', questionError: undefined, mine: patch(get().mine), queue: patch(get().queue) });
    },
    act: async (id, act, key) => {
      let q: QuestionDetail;
      switch (act.kind) {
        case 'claim':
        case 'release':
        case 'solve':
          q = await qaApi[act.kind]({ id }, key);
          break;
        case 'requestInfo':
          q = await qaApi.requestInfo({ id, text: act.text }, key);
          break;
        case 'answer':
        case 'reply': {
          const draft = threadDraft(id);
          const attachments = get().draftFileIds(draft);
          q = await qaApi[act.kind]({ id, text: act.text, ...(attachments.length ? { attachments } : {}) }, key);
          get().clearDraft(draft);
          break;
        }
      }
      get().adoptQuestion(q);
      return q;
    },
  };
};
