/**
 * Samples for every `revisit` action: a valid input for an allowed caller. Cases the caller rates
 * are questions the caller asked (answered by a fresh staff member). A campaign is one per
 * community and year, so launches take a fresh year each, and the other actions get a campaign
 * written directly under a year of their own (with the caller's enterprise as a target where the
 * action needs one).
 */
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { DEMO_FORM_ID, DEMO_FORM_QUESTIONS } from '../../server/modules/revisit/revisit-demo';
import { targetIdOf, type CampaignDoc, type TargetDoc } from '../../server/modules/revisit/revisit.repository';
import type { TestEnv } from '../support/harness';
import type { Sample } from './samples';

const QUESTION = { title: '年假没休完能折算工资吗', description: '今年还有 3 天年假没休，公司说作废。', category: 'hr' };
const ANSWERS = [
  { questionId: 'q1', rating: 5 },
  { questionId: 'q2', rating: 4 },
  { questionId: 'q3', choices: ['qa'] },
  { questionId: 'q4', choices: ['yes'] },
];

/** A question asked by `asker` (or a fresh worker when `asker` may not ask) and answered by a fresh staff member. */
async function answeredQuestion(env: TestEnv, asker?: string): Promise<string> {
  let id: string | undefined;
  if (asker) {
    const mine = await env.call<{ id: string }>('qa', 'ask', QUESTION, { as: asker, idempotencyKey: env.key() });
    if (mine.ok) id = mine.data.id;
  }
  id ??= (await env.ok<{ id: string }>('qa', 'ask', QUESTION, { as: await env.makeUser('worker'), idempotencyKey: env.key() })).id;
  const staff = await env.makeUser('staff');
  await env.ok('qa', 'claim', { id }, { as: staff, idempotencyKey: env.key() });
  await env.ok('qa', 'answer', { id, text: '单位安排未休的年休假，应按日工资的 300% 支付。' }, { as: staff, idempotencyKey: env.key() });
  return id;
}

/** An open follow-up: a fresh worker rates an answered question 1 star. */
async function openFollowUp(env: TestEnv): Promise<string> {
  const worker = await env.makeUser('worker');
  const caseId = await answeredQuestion(env, worker);
  const ev = await env.ok<{ consequence: { followUpId: string } }>('revisit', 'evaluate', { caseKind: 'question', caseId, scores: { speed: 1, attitude: 1, result: 1 } }, { as: worker, idempotencyKey: env.key() });
  return ev.consequence.followUpId;
}

/** Years launched through the API (2000 up to this year: one call each). */
let launchYear = 1999;
/** Campaigns written directly, one per call, under years nobody launches (one per community and year). */
let storedYear = 1000;

/** An open campaign of the demo community with the demo form, written as a launch writes it (no target yet). */
async function campaign(_env: TestEnv): Promise<string> {
  storedYear += 1;
  const id = `xingping:${storedYear}`;
  const doc: CampaignDoc = {
    _id: id,
    communityId: 'xingping',
    year: storedYear,
    formId: DEMO_FORM_ID,
    formVersion: 1,
    title: { zh: '年度企业满意度回访问卷', en: 'Annual enterprise satisfaction survey' },
    status: 'open',
    launchedAt: new Date(),
    launchedBy: 'demo-staff-zhang',
    targets: 0,
    responded: 0,
    scoreSum: 0,
    scored: 0,
    satisfied: 0,
  };
  await getDb().collection(Collections.campaigns).add(doc);
  return id;
}

/** A fresh campaign that targets `enterpriseId` (the target written as a launch would write it). */
async function campaignFor(env: TestEnv, enterpriseId: string): Promise<string> {
  const id = await campaign(env);
  const target: TargetDoc = {
    _id: targetIdOf(id, enterpriseId),
    campaignId: id,
    communityId: 'xingping',
    year: storedYear,
    enterpriseId,
    enterpriseName: enterpriseId,
    served: { tickets: 1, questions: 0, consultations: 0 },
    status: 'pending',
    reminders: 0,
  };
  await getDb().collection(Collections.campaignTargets).add(target);
  await getDb().collection(Collections.campaigns).doc(id).update({ targets: 1 });
  return id;
}

async function enterpriseOf(caller?: string): Promise<string> {
  if (!caller) return 'ent-yongsen';
  const res = await getDb().collection(Collections.users).doc(caller).get();
  const user = (Array.isArray(res.data) ? res.data[0] : res.data) as { enterpriseId?: string } | undefined;
  return user?.enterpriseId ?? 'ent-yongsen';
}

const rated = (caseId: string) => ({ caseKind: 'question', caseId });

export const RevisitSamples: Record<string, Sample> = {
  pending: async () => ({}),
  evaluate: async (env, caller) => ({ ...rated(await answeredQuestion(env, caller)), scores: { speed: 5, attitude: 4, result: 5 }, comment: '解答及时' }),
  getEvaluation: async (env, caller) => rated(await answeredQuestion(env, caller)),
  listEvaluations: async () => ({ caseKind: 'question' }),
  listFollowUps: async () => ({ status: 'open' }),
  closeFollowUp: async (env) => ({ id: await openFollowUp(env), resolution: '已电话回访，补充解答' }),
  saveForm: async () => ({ title: { zh: '回访问卷', en: 'Revisit survey' }, questions: DEMO_FORM_QUESTIONS }),
  listForms: async () => ({}),
  getForm: async () => ({ id: DEMO_FORM_ID, version: 1 }),
  launchCampaign: async () => {
    launchYear += 1;
    return { year: launchYear, formId: DEMO_FORM_ID };
  },
  listCampaigns: async () => ({}),
  getCampaign: async (env) => ({ id: await campaign(env) }),
  campaignTargets: async (env) => ({ id: await campaign(env), status: 'pending' }),
  remind: async (env) => ({ id: await campaignFor(env, 'ent-yongsen') }),
  closeCampaign: async (env) => ({ id: await campaign(env) }),
  mySurveys: async () => ({}),
  answerSurvey: async (env, caller) => ({ campaignId: await campaignFor(env, await enterpriseOf(caller)), answers: ANSWERS }),
  recordRevisit: async (env) => ({
    campaignId: await campaignFor(env, 'ent-yongsen'),
    enterpriseId: 'ent-yongsen',
    via: 'phone',
    contactName: '王海燕',
    at: new Date(Date.now() - 3_600_000).toISOString(),
    answers: ANSWERS,
  }),
  responses: async (env) => ({ id: await campaign(env) }),
  figures: async () => ({ year: 2026 }),
};
