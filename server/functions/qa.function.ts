import * as z from 'zod/mini';
import { QaCategories, QuestionStatuses } from '../../core/api/qa';
import { Roles } from '../../core/api/roles';
import { action, defineFunction } from '../kernel/define-function';
import { cursor, docId, intBetween, longText, shortText } from '../kernel/schemas';
// The Q&A module (importing it also registers what content security does to questions and messages).
import { faqUseCases as faq, qaUseCases as uc } from '../modules/qa';
import { redeliverPending } from '../modules/notify';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

const anyone = Roles;
const askers = ['worker', 'manager'] as const;
const responders = ['volunteer', 'staff', 'instructor', 'admin'] as const;
const curators = ['staff', 'admin'] as const;
const members = ['worker', 'manager', 'volunteer', 'staff', 'instructor', 'admin'] as const;

const category = z.enum(QaCategories);
const status = z.enum(QuestionStatuses);
// Photos travel as fileIDs of files the app uploaded straight to storage (core/rules/uploads.ts), never as bytes.
const fileIds = z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9)));
const message = longText(2000);
const localized = (max: number) => z.strictObject({ zh: longText(max), en: z.optional(longText(max)) });
const byId = z.strictObject({ id: docId });

/** `qa`: 每日一问诊 — questions, their threads, the responders' queue and the FAQ knowledge base. */
export const qaFunction = defineFunction({
  name: 'qa',
  actions: {
    similar: action({ input: z.strictObject({ text: z.string().check(z.maxLength(500)), limit: z.optional(intBetween(1, 10)) }), roles: anyone, handler: faq.similar }),
    ask: action({
      input: z.strictObject({
        title: shortText(60),
        description: longText(2000),
        category,
        anonymous: z.optional(z.boolean()),
        enterpriseId: z.optional(docId),
        attachments: fileIds,
      }),
      roles: askers,
      write: true,
      handler: uc.ask,
    }),
    mine: action({ input: z.strictObject({ cursor, status: z.optional(status) }), roles: askers, handler: uc.mine }),
    queue: action({
      input: z.strictObject({ cursor, status: z.optional(status), category: z.optional(category), overdueOnly: z.optional(z.boolean()) }),
      roles: responders,
      handler: uc.queue,
    }),
    get: action({ input: byId, roles: members, handler: uc.get }),
    claim: action({ input: byId, roles: responders, write: true, handler: uc.claim }),
    release: action({ input: byId, roles: responders, write: true, handler: uc.release }),
    answer: action({ input: z.strictObject({ id: docId, text: message, attachments: fileIds }), roles: responders, write: true, handler: uc.answer }),
    requestInfo: action({ input: z.strictObject({ id: docId, text: message }), roles: responders, write: true, handler: uc.requestInfo }),
    reply: action({ input: z.strictObject({ id: docId, text: message, attachments: fileIds }), roles: askers, write: true, handler: uc.reply }),
    solve: action({ input: byId, roles: askers, write: true, handler: uc.solve }),
    searchFaq: action({
      input: z.strictObject({ q: z.string().check(z.maxLength(200)), category: z.optional(category), limit: z.optional(intBetween(1, 20)) }),
      roles: anyone,
      handler: faq.searchFaq,
    }),
    listFaq: action({ input: z.strictObject({ category: z.optional(category), cursor }), roles: anyone, handler: faq.listFaq }),
    getFaq: action({ input: byId, roles: anyone, handler: faq.getFaq }),
    publishFaq: action({
      input: z.strictObject({ questionId: z.optional(docId), category, question: localized(200), answer: localized(4000) }),
      roles: curators,
      write: true,
      handler: faq.publishFaq,
    }),
    updateFaq: action({
      input: z
        .strictObject({ id: docId, category: z.optional(category), question: z.optional(localized(200)), answer: z.optional(localized(4000)) })
        .check(z.refine((v) => Object.keys(v).length > 1, 'nothing to change')),
      roles: curators,
      write: true,
      handler: faq.updateFaq,
    }),
    unpublishFaq: action({ input: byId, roles: curators, write: true, handler: faq.unpublishFaq }),
  },
  timers: {
    // Every 15 minutes: overdue questions, then any inbox item whose WeChat message was never tried.
    overdue: async (ctx) => ({ ...(await uc.flagOverdue(ctx)), redelivered: await redeliverPending(ctx.clock.now()) }),
  },
});
