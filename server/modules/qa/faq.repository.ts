import type { LocalizedText, QaCategory } from '../../../core/api/qa';
import { docOf, getDb } from '../../db/client';
import { Collections } from '../../db/schema';

/** A knowledge base entry with its search terms (see core/rules/search-terms.ts). */
export interface FaqDoc {
  _id: string;
  communityId: string;
  category: QaCategory;
  question: LocalizedText;
  answer: LocalizedText;
  sourceQuestionId?: string;
  published: boolean;
  /** Terms of the question text (a hit here weighs more). */
  titleTerms: string[];
  /** Terms of question and answer; indexed, so search never scans. Empty once unpublished. */
  terms: string[];
  publishedAt: Date;
  updatedAt: Date;
  createdBy: string;
}

export interface FaqScope {
  /** Absent for a guest: every community's public entries. */
  communityId?: string;
  category?: QaCategory;
}

const col = () => getDb().collection(Collections.faq);

function scoped(scope: FaqScope): Record<string, unknown> {
  const where: Record<string, unknown> = { published: true };
  if (scope.communityId) where.communityId = scope.communityId;
  if (scope.category) where.category = scope.category;
  return where;
}

export const faqRepository = {
  async get(id: string): Promise<FaqDoc | undefined> {
    return docOf<FaqDoc>(await col().doc(id).get());
  },

  async insert(doc: FaqDoc): Promise<void> {
    await col().add(doc);
  },

  async update(id: string, patch: Partial<Omit<FaqDoc, '_id'>>): Promise<void> {
    await col().doc(id).update(patch);
  },

  /** Published entries holding any of `terms` (index on terms), with only what ranking needs. */
  async candidates(scope: FaqScope, terms: string[], limit: number): Promise<{ _id: string; titleTerms: string[]; terms: string[] }[]> {
    const _ = getDb().command;
    const res = await col()
      .where({ ...scoped(scope), terms: _.in(terms) })
      .field({ titleTerms: true, terms: true })
      .limit(limit)
      .get();
    return res.data as { _id: string; titleTerms: string[]; terms: string[] }[];
  },

  async byIds(ids: string[]): Promise<FaqDoc[]> {
    if (ids.length === 0) return [];
    const _ = getDb().command;
    const res = await col().where({ _id: _.in(ids) }).field({ terms: false, titleTerms: false }).limit(ids.length).get();
    return res.data as FaqDoc[];
  },

  async list(scope: FaqScope, page: { before?: Date; limit: number }): Promise<FaqDoc[]> {
    const _ = getDb().command;
    const where = scoped(scope);
    if (page.before) where.publishedAt = _.lt(page.before);
    const res = await col().where(where).orderBy('publishedAt', 'desc').field({ terms: false, titleTerms: false }).limit(page.limit).get();
    return res.data as FaqDoc[];
  },
};
