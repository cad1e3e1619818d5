/** `qa`: each action's input schema and output type; roles and writes in ./qa.policy. */
import * as z from 'zod/mini';
import { QaCategories, QuestionStatuses } from '../api/qa';
import { cursor, docId, intBetween, longText, shortText, once } from './schemas';
import type { FaqEntry, FaqHit, Page, QuestionDetail, QuestionSummary } from '../api';
import { defineContract, out } from './define';
import { qaPolicy } from './qa.policy';

const category = once(() => z.enum(QaCategories));
const status = once(() => z.enum(QuestionStatuses));
// Photos travel as fileIDs of files the app uploaded straight to storage (core/rules/uploads.ts), never as bytes.
const fileIds = once(() => z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9))));
const message = once(() => longText(2000));
const localized = (max: number) => z.strictObject({ zh: longText(max), en: z.optional(longText(max)) });
const byId = once(() => z.strictObject({ id: docId() }));

export const qaContract = defineContract('qa', qaPolicy, {
  /** FAQ entries that look like the text being typed (deflection before asking). */
  similar: { input: () => z.strictObject({ text: z.string().check(z.maxLength(500)), limit: z.optional(intBetween(1, 10)) }), out: out<FaqHit[]>() },
  ask: { input: () => z.strictObject({
      title: shortText(60),
      description: longText(2000),
      category: category(),
      anonymous: z.optional(z.boolean()),
      enterpriseId: z.optional(docId()),
      attachments: fileIds(),
    }), out: out<QuestionDetail>() },
  /** The caller's own questions (a manager: also their enterprise's). */
  mine: { input: () => z.strictObject({ cursor: cursor(), status: z.optional(status()) }), out: out<Page<QuestionSummary>>() },
  /** Responders' queue: staff see every category, a volunteer their profession's. */
  queue: { input: () => z.strictObject({ cursor: cursor(), status: z.optional(status()), category: z.optional(category()), overdueOnly: z.optional(z.boolean()) }), out: out<Page<QuestionSummary>>() },
  get: { input: () => byId(), out: out<QuestionDetail>() },
  claim: { input: () => byId(), out: out<QuestionDetail>() },
  release: { input: () => byId(), out: out<QuestionDetail>() },
  answer: { input: () => z.strictObject({ id: docId(), text: message(), attachments: fileIds() }), out: out<QuestionDetail>() },
  requestInfo: { input: () => z.strictObject({ id: docId(), text: message() }), out: out<QuestionDetail>() },
  /** The asker adds details or follows up in the thread. */
  reply: { input: () => z.strictObject({ id: docId(), text: message(), attachments: fileIds() }), out: out<QuestionDetail>() },
  solve: { input: () => byId(), out: out<QuestionDetail>() },
  searchFaq: { input: () => z.strictObject({ q: z.string().check(z.maxLength(200)), category: z.optional(category()), limit: z.optional(intBetween(1, 20)) }), out: out<FaqHit[]>() },
  listFaq: { input: () => z.strictObject({ category: z.optional(category()), cursor: cursor() }), out: out<Page<FaqEntry>>() },
  getFaq: { input: () => byId(), out: out<FaqEntry>() },
  publishFaq: { input: () => z.strictObject({ questionId: z.optional(docId()), category: category(), question: localized(200), answer: localized(4000) }), out: out<FaqEntry>() },
  updateFaq: { input: () => z
      .strictObject({ id: docId(), category: z.optional(category()), question: z.optional(localized(200)), answer: z.optional(localized(4000)) })
      .check(z.refine((v) => Object.keys(v).length > 1, 'nothing to change')), out: out<FaqEntry>() },
  unpublishFaq: { input: () => byId(), out: out<{ id: string }>() },
});

export type QaContract = typeof qaContract;

