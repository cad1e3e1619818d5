import { qaContract } from '../../core/contract/qa';
import { defineFunction } from '../kernel/define-function';
// The Q&A module (importing it also registers what content security does to questions and messages).
import { faqUseCases as faq, qaUseCases as uc } from '../modules/qa';
import { redeliverPending } from '../modules/notify';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

/** `qa`: the contract's actions (core/contract/qa.ts) and their handlers. */
export const qaFunction = defineFunction(qaContract, {
  handlers: {
    similar: faq.similar,
    ask: uc.ask,
    mine: uc.mine,
    queue: uc.queue,
    get: uc.get,
    claim: uc.claim,
    release: uc.release,
    answer: uc.answer,
    requestInfo: uc.requestInfo,
    reply: uc.reply,
    solve: uc.solve,
    searchFaq: faq.searchFaq,
    listFaq: faq.listFaq,
    getFaq: faq.getFaq,
    publishFaq: faq.publishFaq,
    updateFaq: faq.updateFaq,
    unpublishFaq: faq.unpublishFaq,
  },
  timers: {
    // Every 15 minutes: overdue questions, then any inbox item whose WeChat message was never tried.
    overdue: async (ctx) => ({ ...(await uc.flagOverdue(ctx)), redelivered: await redeliverPending(ctx.clock.now()) }),
  },
});
