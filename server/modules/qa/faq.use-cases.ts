/**
 * The knowledge base: staff publish good answers (from a question or fresh, zh and en), update
 * and unpublish them; everyone (guests included) lists, reads and searches. Search is served by
 * the index on each entry's terms (Chinese bigrams + latin words) and ranked in
 * core/rules/search-terms.ts: no regexp scan of the collection.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import type { FaqEntry, FaqHit, LocalizedText, QaCategory } from '../../../core/api/qa';
import { ErrorCodes } from '../../../core/api/errors';
import { entryTerms, queryTerms, rank } from '../../../core/rules/search-terms';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { faqRepository, type FaqDoc, type FaqScope } from './faq.repository';
import { toFaqEntry } from './qa.mapper';
import { questionsRepository } from './question.repository';

const PAGE_SIZE = 20;
/** Entries ranked per search: every entry holding a query term, up to this many. */
export const MAX_CANDIDATES = 500;
const DEFAULT_HITS = 10;
const DEFAULT_SIMILAR = 5;

/** Guests read every community's public entries; members read their community's. */
const scopeOf = (ctx: ActionContext, category?: QaCategory): FaqScope => ({ communityId: ctx.caller.communityId, category });

function communityOf(ctx: ActionContext): string {
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  return ctx.caller.communityId;
}

/** The search terms of an entry (both languages). */
export const termsOf = (question: LocalizedText, answer: LocalizedText) => entryTerms(`${question.zh} ${question.en ?? ''}`, `${answer.zh} ${answer.en ?? ''}`);

const textsOf = (...texts: (LocalizedText | undefined)[]) => texts.flatMap((t) => (t ? [t.zh, t.en] : []));

async function search(ctx: ActionContext, text: string, category: QaCategory | undefined, limit: number): Promise<FaqHit[]> {
  const terms = queryTerms(text);
  if (terms.length === 0) return [];
  const candidates = await faqRepository.candidates(scopeOf(ctx, category), terms, MAX_CANDIDATES);
  const ranked = rank(terms, candidates.map((c) => ({ id: c._id, titleTerms: c.titleTerms, terms: c.terms })), candidates.length, limit);
  const docs = new Map((await faqRepository.byIds(ranked.map((r) => r.id))).map((d) => [d._id, d]));
  return ranked.flatMap((r) => {
    const d = docs.get(r.id);
    return d ? [{ ...toFaqEntry(d), score: r.score }] : [];
  });
}

export function searchFaq(ctx: ActionContext, input: { q: string; category?: QaCategory; limit?: number }): Promise<FaqHit[]> {
  return search(ctx, input.q, input.category, input.limit ?? DEFAULT_HITS);
}

/** Deflection: entries that look like the question being typed. */
export function similar(ctx: ActionContext, input: { text: string; limit?: number }): Promise<FaqHit[]> {
  return search(ctx, input.text, undefined, input.limit ?? DEFAULT_SIMILAR);
}

export async function listFaq(ctx: ActionContext, input: { category?: QaCategory; cursor?: string }): Promise<Page<FaqEntry>> {
  const before = input.cursor ? new Date(input.cursor) : undefined;
  if (before && Number.isNaN(before.getTime())) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  const rows = await faqRepository.list(scopeOf(ctx, input.category), { before, limit: PAGE_SIZE + 1 });
  const items = rows.slice(0, PAGE_SIZE);
  return { items: items.map(toFaqEntry), nextCursor: rows.length > PAGE_SIZE ? new Date(items[items.length - 1].publishedAt).toISOString() : undefined };
}

async function readable(ctx: ActionContext, id: string): Promise<FaqDoc> {
  const f = await faqRepository.get(id);
  if (!f || !f.published || (ctx.caller.communityId && f.communityId !== ctx.caller.communityId)) throw notFound('FAQ entry');
  return f;
}

export async function getFaq(ctx: ActionContext, input: { id: string }): Promise<FaqEntry> {
  return toFaqEntry(await readable(ctx, input.id));
}

export async function publishFaq(
  ctx: ActionContext,
  input: { questionId?: string; category: QaCategory; question: LocalizedText; answer: LocalizedText },
): Promise<FaqEntry> {
  const communityId = communityOf(ctx);
  if (input.questionId) {
    const q = await questionsRepository.get(input.questionId);
    if (!q || q.communityId !== communityId) throw notFound('question');
    if (q.faqId) throw new DomainError(ErrorCodes.QA_WRONG_STATUS, 'this question is already in the FAQ');
    if (q.status !== 'answered' && q.status !== 'solved') throw new DomainError(ErrorCodes.QA_WRONG_STATUS, 'publish a question once it has an answer');
  }
  await assertTextSafe(textsOf(input.question, input.answer), ctx.caller.openid, CheckScene.forum);
  const now = ctx.clock.now();
  const doc: FaqDoc = {
    _id: randomUUID().replace(/-/g, ''),
    communityId,
    category: input.category,
    question: input.question,
    answer: input.answer,
    sourceQuestionId: input.questionId,
    published: true,
    ...termsOf(input.question, input.answer),
    publishedAt: now,
    updatedAt: now,
    createdBy: ctx.caller.openid,
  };
  await faqRepository.insert(doc);
  if (input.questionId) await questionsRepository.update(input.questionId, { faqId: doc._id, updatedAt: now });
  return toFaqEntry(doc);
}

export async function updateFaq(
  ctx: ActionContext,
  input: { id: string; category?: QaCategory; question?: LocalizedText; answer?: LocalizedText },
): Promise<FaqEntry> {
  const communityId = communityOf(ctx);
  const f = await faqRepository.get(input.id);
  if (!f || !f.published || f.communityId !== communityId) throw notFound('FAQ entry');
  await assertTextSafe(textsOf(input.question, input.answer), ctx.caller.openid, CheckScene.forum);
  const question = input.question ?? f.question;
  const answer = input.answer ?? f.answer;
  const patch: Partial<FaqDoc> = { category: input.category ?? f.category, question, answer, ...termsOf(question, answer), updatedAt: ctx.clock.now() };
  await faqRepository.update(f._id, patch);
  return toFaqEntry({ ...f, ...patch });
}

/** Unpublished entries leave lists and search (their terms are cleared) but stay on record. */
export async function unpublishFaq(ctx: ActionContext, input: { id: string }): Promise<{ id: string }> {
  const communityId = communityOf(ctx);
  const f = await faqRepository.get(input.id);
  if (!f || !f.published || f.communityId !== communityId) throw notFound('FAQ entry');
  const now = ctx.clock.now();
  await faqRepository.update(f._id, { published: false, terms: [], titleTerms: [], updatedAt: now });
  if (f.sourceQuestionId) await questionsRepository.update(f.sourceQuestionId, { faqId: undefined, updatedAt: now });
  return { id: f._id };
}
