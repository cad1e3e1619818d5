/** `revisit`: each action's input schema and output type; roles and writes in ./revisit.policy. */
import * as z from 'zod/mini';
import { CaseKinds, SurveyQuestionKinds } from '../api/revisit';
import { cursor, docId, empty, intBetween, longText, shortText, once } from './schemas';
import type { CampaignTargetView, CampaignView, EvaluationView, FollowUpView, MySurveyView, Page, PendingEvaluation, SatisfactionFigures, SurveyForm, SurveyResponseView } from '../api';
import { defineContract, out } from './define';
import { revisitPolicy } from './revisit.policy';

const caseKind = once(() => z.enum(CaseKinds));
const star = once(() => intBetween(1, 5));
const scores = once(() => z.strictObject({ speed: star(), attitude: star(), result: star() }));
const localId = once(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - or _ (1-32)')));
const localized = (max: number) => z.strictObject({ zh: z.string().check(z.trim(), z.maxLength(max)), en: z.optional(z.string().check(z.trim(), z.maxLength(max))) });
// Counts, option lists and empty wording are the form rules' to judge (REVISIT.FORM_INVALID); the schema only bounds sizes.
const question = once(() => z.strictObject({
  id: localId(),
  kind: z.enum(SurveyQuestionKinds),
  required: z.boolean(),
  text: localized(300),
  options: z.optional(z.array(z.strictObject({ id: localId(), text: localized(100) })).check(z.maxLength(50))),
  scored: z.optional(z.boolean()),
}));
// Ranges and lengths are checked against the form version (REVISIT.ANSWER_INVALID); the schema only bounds sizes.
const answer = once(() => z.strictObject({
  questionId: localId(),
  choices: z.optional(z.array(localId()).check(z.maxLength(50))),
  rating: z.optional(intBetween(-1000, 1000)),
  text: z.optional(z.string().check(z.maxLength(5000))),
}));
const answers = once(() => z.array(answer()).check(z.maxLength(100)));
const campaignId = once(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}:\d{4}$/, 'a campaign id <community>:<year>')));
const comment = once(() => z.optional(z.string().check(z.trim(), z.maxLength(500))));
const instant = once(() => z.string().check(z.minLength(10), z.maxLength(40)));

export const revisitContract = defineContract('revisit', revisitPolicy, {
  /** Worker / manager: cases they were served in and have not rated yet, newest first, a page at a time. */
  pending: { input: () => z.strictObject({ cursor: cursor() }), out: out<Page<PendingEvaluation>>() },
  /** The person served rates a finished case once; a poor rating reopens the ticket or opens a follow-up. */
  evaluate: { input: () => z.strictObject({ caseKind: caseKind(), caseId: docId(), scores: scores(), comment: comment() }), out: out<EvaluationView>() },
  /** The evaluation of a case (the person served and the staff side), or null. */
  getEvaluation: { input: () => z.strictObject({ caseKind: caseKind(), caseId: docId() }), out: out<EvaluationView | null>() },
  /** Staff side: evaluations, newest first. */
  listEvaluations: { input: () => z.strictObject({ cursor: cursor(), caseKind: z.optional(caseKind()), maxOverall: z.optional(star()) }), out: out<Page<EvaluationView>>() },
  listFollowUps: { input: () => z.strictObject({ cursor: cursor(), status: z.optional(z.enum(['open', 'done'])) }), out: out<Page<FollowUpView>>() },
  closeFollowUp: { input: () => z.strictObject({ id: docId(), resolution: longText(500) }), out: out<FollowUpView>() },
  /** Staff: create a form or save a new version of one. */
  saveForm: { input: () => z.strictObject({ id: z.optional(docId()), title: localized(100), questions: z.array(question()).check(z.maxLength(100)) }), out: out<SurveyForm>() },
  listForms: { input: () => empty(), out: out<SurveyForm[]>() },
  getForm: { input: () => z.strictObject({ id: docId(), version: z.optional(intBetween(1, 1_000_000)) }), out: out<SurveyForm>() },
  /** Staff: one campaign per community and year; targets every enterprise served that year. */
  launchCampaign: { input: () => z.strictObject({ year: intBetween(1900, 2200), formId: docId() }), out: out<CampaignView>() },
  listCampaigns: { input: () => empty(), out: out<CampaignView[]>() },
  getCampaign: { input: () => z.strictObject({ id: campaignId() }), out: out<CampaignView>() },
  campaignTargets: { input: () => z.strictObject({ id: campaignId(), status: z.optional(z.enum(['pending', 'answered'])), cursor: cursor() }), out: out<Page<CampaignTargetView>>() },
  /** Staff: remind non-responders (all, or the ones listed); a target is reminded at most once a day. */
  remind: { input: () => z.strictObject({ id: campaignId(), enterpriseIds: z.optional(z.array(docId()).check(z.minLength(1), z.maxLength(200))) }), out: out<{ sent: number; skipped: number }>() },
  closeCampaign: { input: () => z.strictObject({ id: campaignId() }), out: out<CampaignView>() },
  /** Manager: open campaigns for their enterprise, with the form. */
  mySurveys: { input: () => empty(), out: out<MySurveyView[]>() },
  /** Manager: answer once for the enterprise. */
  answerSurvey: { input: () => z.strictObject({ campaignId: campaignId(), answers: answers() }), out: out<SurveyResponseView>() },
  /** Staff: record a phone or on-site revisit on an enterprise's behalf. */
  recordRevisit: { input: () => z.strictObject({ campaignId: campaignId(), enterpriseId: docId(), via: z.enum(['phone', 'onsite']), contactName: shortText(40), at: instant(), answers: answers() }), out: out<SurveyResponseView>() },
  /** Staff: a campaign's answers (for the export and the detail screen). */
  responses: { input: () => z.strictObject({ id: campaignId(), cursor: cursor() }), out: out<Page<SurveyResponseView>>() },
  /** Staff side: the satisfaction figures of a year, with last year to compare. */
  figures: { input: () => z.strictObject({ year: intBetween(2000, 2200) }), out: out<SatisfactionFigures>() },
});

export type RevisitContract = typeof revisitContract;

