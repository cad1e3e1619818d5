import type { QaActions } from '@core/contract';
import type { FaqEntry, FaqHit, QaCategory } from '@core/api/qa';
import { toApiError, type ApiError } from '../../services/api-error';
import { qaApi } from '../../services/api/qa';
import { emptyPaged, type LoadStatus, type Paged } from '../types';
import { pagedLoader } from '../loaders';
import type { QaSlice } from './qa-types';

export interface QaFaqSlice {
  faqs: Paged<FaqEntry>;
  faqCategory?: QaCategory;
  loadFaqs: (category?: QaCategory | null) => Promise<void>;
  loadMoreFaqs: () => Promise<void>;
  /** A keyword search (with the category filter); an empty query goes back to the list. */
  faqSearch: { q: string; items: FaqHit[]; status: LoadStatus; error?: ApiError };
  searchFaq: (q: string) => Promise<void>;
  faq?: FaqEntry;
  faqStatus: LoadStatus;
  faqError?: ApiError;
  loadFaq: (id: string) => Promise<void>;
  publishFaq: (input: QaActions['publishFaq']['in'], idempotencyKey: string) => Promise<FaqEntry>;
  updateFaq: (input: QaActions['updateFaq']['in'], idempotencyKey: string) => Promise<FaqEntry>;
  unpublishFaq: (id: string, idempotencyKey: string) => Promise<void>;
}

export const createQaFaqSlice: QaSlice<QaFaqSlice> = (set, get) => {
  const load = pagedLoader(get, set);
  const fetchFaqs = (cursor?: string) => {
    const category = get().faqCategory;
    return qaApi.listFaq({ ...(cursor ? { cursor } : {}), ...(category ? { category } : {}) });
  };
  let searchSeq = 0;
  let faqToken = 0;
  const upsert = (entry: FaqEntry) => {
    const faqs = get().faqs;
    const has = faqs.items.some((f) => f.id === entry.id);
    set({ faq: entry, faqStatus: 'ready', faqs: { ...faqs, items: has ? faqs.items.map((f) => (f.id === entry.id ? entry : f)) : [entry, ...faqs.items] } });
    // A question that became an FAQ entry shows its link.
    const q = get().question;
    if (q && entry.sourceQuestionId === q.id && q.faqId !== entry.id) set({ question: { ...q, faqId: entry.id, can: { ...q.can, publishFaq: false } } });
  };
  return {
    faqs: emptyPaged(),
    faqCategory: undefined,
    loadFaqs: async (category) => {
      if (category !== undefined) set({ faqCategory: category ?? undefined });
      await load('faqs', fetchFaqs, false);
      const q = get().faqSearch.q;
      if (q) await get().searchFaq(q);
    },
    loadMoreFaqs: () => load('faqs', fetchFaqs, true),
    faqSearch: { q: '', items: [], status: 'idle' },
    searchFaq: async (raw) => {
      const q = raw.trim();
      const mine = ++searchSeq;
      if (!q) {
        set({ faqSearch: { q: '', items: [], status: 'idle' } });
        return;
      }
      set({ faqSearch: { q, items: get().faqSearch.items, status: 'loading' } });
      const category = get().faqCategory;
      try {
        const items = await qaApi.searchFaq({ q, ...(category ? { category } : {}) });
        if (mine === searchSeq) set({ faqSearch: { q, items, status: 'ready' } });
      } catch (e) {
        if (mine === searchSeq) set({ faqSearch: { q, items: [], status: 'error', error: toApiError(e) } });
      }
    },
    faq: undefined,
    faqStatus: 'idle',
    faqError: undefined,
    loadFaq: async (id) => {
      const token = ++faqToken;
      set({ faqStatus: 'loading', faqError: undefined, ...(get().faq?.id !== id ? { faq: undefined } : {}) });
      try {
        const entry = await qaApi.getFaq({ id });
        if (token === faqToken) set({ faq: entry, faqStatus: 'ready' });
      } catch (e) {
        if (token === faqToken) set({ faqStatus: 'error', faqError: toApiError(e) });
      }
    },
    publishFaq: async (input, key) => {
      const entry = await qaApi.publishFaq(input, key);
      faqToken++;
      upsert(entry);
      return entry;
    },
    updateFaq: async (input, key) => {
      const entry = await qaApi.updateFaq(input, key);
      faqToken++;
      upsert(entry);
      return entry;
    },
    unpublishFaq: async (id, key) => {
      await qaApi.unpublishFaq({ id }, key);
      const { faqs, faqSearch, faq } = get();
      set({
        faqs: { ...faqs, items: faqs.items.filter((f) => f.id !== id) },
        faqSearch: { ...faqSearch, items: faqSearch.items.filter((f) => f.id !== id) },
        ...(faq?.id === id ? { faq: undefined, faqStatus: 'idle' as const } : {}),
      });
    },
  };
};
