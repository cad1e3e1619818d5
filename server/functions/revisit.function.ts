import * as z from 'zod/mini';
import { CaseKinds, SurveyQuestionKinds } from '../../core/api/revisit';
import { action, defineFunction } from '../kernel/define-function';
import { cursor, docId, empty, intBetween, longText, shortText } from '../kernel/schemas';
import { campaignsUseCases as campaigns, evaluationsUseCases as evaluations } from '../modules/revisit';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

/** The people served: workers (questions, consultations) and managers (also their enterprise's tickets). */
const served = ['worker', 'manager'] as const;
/** The staff side reads the figures, evaluations, forms, campaigns and follow-ups. */
const staffSide = ['staff', 'instructor', 'admin'] as const;
/** Staff and admins act: forms, campaigns, reminders, recorded revisits, follow-ups. */
const curators = ['staff', 'admin'] as const;

const caseKind = z.enum(CaseKinds);
const star = intBetween(1, 5);
const scores = z.strictObject({ speed: star, attitude: star, result: star });
const localId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - or _ (1-32)'));
const localized = (max: number) => z.strictObject({ zh: z.string().check(z.trim(), z.maxLength(max)), en: z.optional(z.string().check(z.trim(), z.maxLength(max))) });
// Counts, option lists and empty wording are the form rules' to judge (REVISIT.FORM_INVALID); the schema only bounds sizes.
const question = z.strictObject({
  id: localId,
  kind: z.enum(SurveyQuestionKinds),
  required: z.boolean(),
  text: localized(300),
  options: z.optional(z.array(z.strictObject({ id: localId, text: localized(100) })).check(z.maxLength(50))),
  scored: z.optional(z.boolean()),
});
// Ranges and lengths are checked against the form version (REVISIT.ANSWER_INVALID); the schema only bounds sizes.
const answer = z.strictObject({
  questionId: localId,
  choices: z.optional(z.array(localId).check(z.maxLength(50))),
  rating: z.optional(intBetween(-1000, 1000)),
  text: z.optional(z.string().check(z.maxLength(5000))),
});
const answers = z.array(answer).check(z.maxLength(100));
const campaignId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}:\d{4}$/, 'a campaign id <community>:<year>'));
const comment = z.optional(z.string().check(z.trim(), z.maxLength(500)));
const instant = z.string().check(z.minLength(10), z.maxLength(40));

/** `revisit`: per-case evaluation, survey forms, the yearly revisit campaign (每年一回访), follow-ups and figures. */
export const revisitFunction = defineFunction({
  name: 'revisit',
  actions: {
    pending: action({ input: empty, roles: served, handler: evaluations.pending }),
    evaluate: action({
      input: z.strictObject({ caseKind, caseId: docId, scores, comment }),
      roles: served,
      write: true,
      handler: evaluations.evaluate,
    }),
    getEvaluation: action({ input: z.strictObject({ caseKind, caseId: docId }), roles: [...served, ...staffSide], handler: evaluations.getEvaluation }),
    listEvaluations: action({
      input: z.strictObject({ cursor, caseKind: z.optional(caseKind), maxOverall: z.optional(star) }),
      roles: staffSide,
      handler: evaluations.listEvaluations,
    }),
    listFollowUps: action({ input: z.strictObject({ cursor, status: z.optional(z.enum(['open', 'done'])) }), roles: staffSide, handler: evaluations.listFollowUps }),
    closeFollowUp: action({ input: z.strictObject({ id: docId, resolution: longText(500) }), roles: curators, write: true, handler: evaluations.closeFollowUp }),
    saveForm: action({
      input: z.strictObject({ id: z.optional(docId), title: localized(100), questions: z.array(question).check(z.maxLength(100)) }),
      roles: curators,
      write: true,
      handler: campaigns.saveForm,
    }),
    listForms: action({ input: empty, roles: staffSide, handler: campaigns.listForms }),
    getForm: action({ input: z.strictObject({ id: docId, version: z.optional(intBetween(1, 1_000_000)) }), roles: staffSide, handler: campaigns.getForm }),
    launchCampaign: action({ input: z.strictObject({ year: intBetween(1900, 2200), formId: docId }), roles: curators, write: true, handler: campaigns.launchCampaign }),
    listCampaigns: action({ input: empty, roles: staffSide, handler: campaigns.listCampaigns }),
    getCampaign: action({ input: z.strictObject({ id: campaignId }), roles: staffSide, handler: campaigns.getCampaign }),
    campaignTargets: action({
      input: z.strictObject({ id: campaignId, status: z.optional(z.enum(['pending', 'answered'])), cursor }),
      roles: staffSide,
      handler: campaigns.campaignTargets,
    }),
    remind: action({
      input: z.strictObject({ id: campaignId, enterpriseIds: z.optional(z.array(docId).check(z.minLength(1), z.maxLength(200))) }),
      roles: curators,
      write: true,
      handler: campaigns.remind,
    }),
    closeCampaign: action({ input: z.strictObject({ id: campaignId }), roles: curators, write: true, handler: campaigns.closeCampaign }),
    mySurveys: action({ input: empty, roles: ['manager'], handler: campaigns.mySurveys }),
    answerSurvey: action({ input: z.strictObject({ campaignId, answers }), roles: ['manager'], write: true, handler: campaigns.answerSurvey }),
    recordRevisit: action({
      input: z.strictObject({ campaignId, enterpriseId: docId, via: z.enum(['phone', 'onsite']), contactName: shortText(40), at: instant, answers }),
      roles: curators,
      write: true,
      handler: campaigns.recordRevisit,
    }),
    responses: action({ input: z.strictObject({ id: campaignId, cursor }), roles: staffSide, handler: campaigns.responses }),
    figures: action({ input: z.strictObject({ year: intBetween(2000, 2200) }), roles: staffSide, handler: evaluations.figures }),
  },
});
