/**
 * Survey forms and the yearly revisit campaign (每年一回访):
 * - every save of a form writes version N+1 (survey_form_versions, _id <formId>:<N+1>) and the
 *   current version, in one transaction; answers keep the version they answered.
 * - a campaign is one per community and year (_id <communityId>:<year>, inserted once); its
 *   targets are every enterprise served that Beijing year, computed by aggregation over the
 *   tickets, questions and consultations of the year, one target document per enterprise.
 * - an answer (the manager's, or staff recording a phone or on-site revisit) is one transaction:
 *   the response under _id <campaignId>:<enterpriseId>, the target marked answered, the
 *   campaign's counters moved on, and a follow-up task when the score is poor. Concurrent answers
 *   take turns on the campaign document; a second answer for an enterprise is refused.
 * - a reminder claims the target's day with a conditional update before it is sent.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import type { CampaignTargetView, CampaignView, Localized, MySurveyView, RevisitVia, SurveyAnswer, SurveyForm, SurveyQuestion, SurveyResponseView } from '../../../core/api/revisit';
import { answerProblems, beijingYearMonth, beijingYearRange, formProblems, isPoor, isSatisfied, monthsOf, responseScore, type Problem } from '../../../core/rules/satisfaction';
import { shanghaiDate } from '../../../core/rules/working-days';
import { isDuplicateKey } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { enterprisesRepository } from '../organisation';
import { communityOf, newFollowUpId } from './evaluations.use-cases';
import { campaignView, formView, responseView, targetView } from './revisit.mapper';
import { managersOf, remindSurvey } from './revisit-notifications';
import {
  campaignIdOf,
  campaignsRepository,
  formsRepository,
  formVersionId,
  responsesRepository,
  servedRepository,
  targetIdOf,
  targetsRepository,
  type CampaignDoc,
  type FollowUpDoc,
  type FormVersionDoc,
  type ResponseDoc,
  type TargetDoc,
} from './revisit.repository';
import { Collections } from '../../db/schema';

const TARGET_PAGE = 50;
const FIRST_YEAR = 2000;
const revisitError = (code: ErrorCode, message: string = code, fields?: Record<string, string>) => new DomainError(code, message, fields);
const fieldsOf = (problems: Problem[]) => Object.fromEntries(problems.slice(0, 10).map((p) => [p.path, p.problem]));

// ---- forms -------------------------------------------------------------------------------------

function textsOf(title: Localized, questions: SurveyQuestion[]): string[] {
  return [title.zh, title.en, ...questions.flatMap((q) => [q.text.zh, q.text.en, ...(q.options ?? []).flatMap((o) => [o.text.zh, o.text.en])])].filter((t): t is string => !!t);
}

export async function saveForm(ctx: ActionContext, input: { id?: string; title: Localized; questions: SurveyQuestion[] }): Promise<SurveyForm> {
  const communityId = communityOf(ctx);
  const problems = formProblems(input);
  if (problems.length) throw revisitError(ErrorCodes.REVISIT_FORM_INVALID, problems.map((p) => `${p.path}: ${p.problem}`).join('; '), fieldsOf(problems));
  await assertTextSafe(textsOf(input.title, input.questions), ctx.caller.openid, CheckScene.forum);
  const now = ctx.clock.now();
  const id = input.id ?? `sf-${randomBytes(10).toString('hex')}`;
  const questions = input.questions.map((q) => {
    const out: SurveyQuestion = { id: q.id, kind: q.kind, required: q.required, text: q.text };
    if (q.kind === 'single' || q.kind === 'multiple') out.options = q.options;
    if (q.kind === 'rating' && q.scored) out.scored = true;
    return out;
  });
  const saved = await inTransaction(async (tx) => {
    const current = input.id ? await formsRepository.get(input.id, tx) : undefined;
    if (input.id && (!current || current.communityId !== communityId)) throw notFound('form');
    const version = (current?.version ?? 0) + 1;
    const doc: FormVersionDoc = { _id: formVersionId(id, version), formId: id, communityId, title: input.title, version, questions, updatedAt: now, updatedBy: ctx.caller.openid };
    if (ctx.caller.user?.name) doc.updatedByName = ctx.caller.user.name;
    await formsRepository.addVersion(doc, tx);
    const { _id: _v, formId: _f, ...rest } = doc;
    await formsRepository.put({ _id: id, ...rest }, tx);
    return doc;
  });
  return formView(saved, id);
}

export async function listForms(ctx: ActionContext): Promise<SurveyForm[]> {
  return (await formsRepository.byCommunity(communityOf(ctx))).map((f) => formView(f, f._id));
}

/** A form of the caller's community: its current version, or the one asked for. */
async function formOf(communityId: string, id: string, version?: number): Promise<SurveyForm> {
  const current = await formsRepository.get(id);
  if (!current || current.communityId !== communityId) throw notFound('form');
  if (version === undefined || version === current.version) return formView(current, id);
  const v = await formsRepository.version(id, version);
  if (!v) throw notFound('form version');
  return formView(v, id);
}

export async function getForm(ctx: ActionContext, input: { id: string; version?: number }): Promise<SurveyForm> {
  return formOf(communityOf(ctx), input.id, input.version);
}

// ---- campaigns ---------------------------------------------------------------------------------

async function campaignOf(ctx: ActionContext, id: string): Promise<CampaignDoc> {
  const c = await campaignsRepository.get(id);
  if (!c || c.communityId !== communityOf(ctx)) throw notFound('campaign');
  return c;
}

/** Enterprise → what it was served with in the Beijing year, by three indexed aggregations. */
export async function servedIn(communityId: string, year: number): Promise<Map<string, TargetDoc['served']>> {
  const { from, to } = beijingYearRange(year);
  const [tickets, questions, consultations] = await Promise.all([
    servedRepository.tickets(communityId, from, to),
    servedRepository.questions(communityId, from, to),
    servedRepository.consultations(monthsOf(year).map((m) => `${communityId}:${m}`)),
  ]);
  const out = new Map<string, TargetDoc['served']>();
  const at = (id: string) => {
    let s = out.get(id);
    if (!s) out.set(id, (s = { tickets: 0, questions: 0, consultations: 0 }));
    return s;
  };
  for (const [id, n] of tickets) at(id).tickets = n;
  for (const [id, n] of questions) at(id).questions = n;
  for (const [id, n] of consultations) at(id).consultations = n;
  return out;
}

export async function launchCampaign(ctx: ActionContext, input: { year: number; formId: string }): Promise<CampaignView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const thisYear = beijingYearMonth(now).year;
  if (input.year < FIRST_YEAR || input.year > thisYear) throw revisitError(ErrorCodes.INPUT_INVALID, `a year from ${FIRST_YEAR} to ${thisYear}`, { year: 'not a year that can be revisited' });
  const form = await formOf(communityId, input.formId);
  const id = campaignIdOf(communityId, input.year);
  const exists = () => revisitError(ErrorCodes.REVISIT_CAMPAIGN_EXISTS, `the ${input.year} campaign was launched already`);
  if (await campaignsRepository.get(id)) throw exists();

  const served = await servedIn(communityId, input.year);
  const names = await enterprisesRepository.namesByIds([...served.keys()]);
  const targets: TargetDoc[] = [...served.entries()]
    .filter(([enterpriseId]) => names.has(enterpriseId))
    .map(([enterpriseId, s]) => ({
      _id: targetIdOf(id, enterpriseId),
      campaignId: id,
      communityId,
      year: input.year,
      enterpriseId,
      enterpriseName: names.get(enterpriseId) as string,
      served: s,
      status: 'pending' as const,
      reminders: 0,
    }));
  const campaign: CampaignDoc = {
    _id: id,
    communityId,
    year: input.year,
    formId: form.id,
    formVersion: form.version,
    title: form.title,
    status: 'open',
    launchedAt: now,
    launchedBy: ctx.caller.openid,
    targets: targets.length,
    responded: 0,
    scoreSum: 0,
    scored: 0,
    satisfied: 0,
  };
  if (!(await campaignsRepository.insertOnce(campaign))) throw exists();
  try {
    for (let i = 0; i < targets.length; i += 20) await Promise.all(targets.slice(i, i + 20).map((t) => targetsRepository.insert(t)));
  } catch (e) {
    await targetsRepository.removeOfCampaign(id).catch(() => undefined);
    await campaignsRepository.remove(id).catch(() => undefined);
    throw e;
  }
  return campaignView(campaign);
}

export async function listCampaigns(ctx: ActionContext): Promise<CampaignView[]> {
  return (await campaignsRepository.byCommunity(communityOf(ctx))).map(campaignView);
}

export async function getCampaign(ctx: ActionContext, input: { id: string }): Promise<CampaignView> {
  return campaignView(await campaignOf(ctx, input.id));
}

export async function campaignTargets(ctx: ActionContext, input: { id: string; status?: 'pending' | 'answered'; cursor?: string }): Promise<Page<CampaignTargetView>> {
  const c = await campaignOf(ctx, input.id);
  const rows = await targetsRepository.page(c._id, { status: input.status, after: input.cursor }, TARGET_PAGE + 1);
  const page = rows.slice(0, TARGET_PAGE);
  return { items: page.map(targetView), nextCursor: rows.length > TARGET_PAGE ? page[page.length - 1].enterpriseId : undefined };
}

export async function remind(ctx: ActionContext, input: { id: string; enterpriseIds?: string[] }): Promise<{ sent: number; skipped: number }> {
  const c = await campaignOf(ctx, input.id);
  if (c.status !== 'open') throw revisitError(ErrorCodes.REVISIT_CAMPAIGN_CLOSED, 'this campaign is closed');
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  let ids: string[];
  if (input.enterpriseIds) {
    ids = [...new Set(input.enterpriseIds)].map((e) => targetIdOf(c._id, e));
  } else {
    ids = [];
    for (let after: string | undefined; ; ) {
      const rows = await targetsRepository.page(c._id, { status: 'pending', after }, 200);
      ids.push(...rows.map((t) => t._id));
      if (rows.length < 200) break;
      after = rows[rows.length - 1].enterpriseId;
    }
  }
  let sent = 0;
  let skipped = 0;
  for (const id of ids) {
    const target = await targetsRepository.get(id);
    if (!target || target.status !== 'pending' || !(await targetsRepository.claimReminder(id, day, now))) {
      skipped += 1;
      continue;
    }
    sent += 1;
    await remindSurvey(await managersOf(target.enterpriseId), c._id, c.year, now, target.enterpriseId);
  }
  return { sent, skipped };
}

export async function closeCampaign(ctx: ActionContext, input: { id: string }): Promise<CampaignView> {
  const c = await campaignOf(ctx, input.id);
  const now = ctx.clock.now();
  if (!(await campaignsRepository.closeIfOpen(c._id, now))) throw revisitError(ErrorCodes.REVISIT_CAMPAIGN_CLOSED, 'this campaign is closed already');
  return campaignView({ ...c, status: 'closed', closedAt: now });
}

// ---- answers -----------------------------------------------------------------------------------

export async function mySurveys(ctx: ActionContext): Promise<MySurveyView[]> {
  const communityId = communityOf(ctx);
  const enterpriseId = ctx.caller.user?.enterpriseId;
  if (!enterpriseId) return [];
  const open = await campaignsRepository.byCommunity(communityId, 'open');
  const out: MySurveyView[] = [];
  for (const c of open) {
    if (!(await targetsRepository.get(targetIdOf(c._id, enterpriseId)))) continue;
    const [form, response] = await Promise.all([formOf(communityId, c.formId, c.formVersion), responsesRepository.get(targetIdOf(c._id, enterpriseId))]);
    const view: MySurveyView = { campaignId: c._id, year: c.year, form, answered: !!response };
    if (response) Object.assign(view, { answeredAt: new Date(response.at).toISOString(), answers: response.answers });
    out.push(view);
  }
  return out;
}

interface Answering {
  campaign: CampaignDoc;
  enterpriseId: string;
  answers: SurveyAnswer[];
  via: RevisitVia;
  at: Date;
  contactName?: string;
}

/** The target, the form version it answers, the answers checked against that version. */
async function checked(ctx: ActionContext, a: Answering): Promise<{ target: TargetDoc; questions: SurveyQuestion[] }> {
  if (a.campaign.status !== 'open') throw revisitError(ErrorCodes.REVISIT_CAMPAIGN_CLOSED, 'this campaign is closed');
  const target = await targetsRepository.get(targetIdOf(a.campaign._id, a.enterpriseId));
  if (!target) throw revisitError(ErrorCodes.REVISIT_NOT_TARGET, 'this enterprise is not revisited in this campaign');
  if (target.status !== 'pending') throw revisitError(ErrorCodes.REVISIT_ALREADY_ANSWERED, 'this enterprise has answered already');
  const form = await formOf(a.campaign.communityId, a.campaign.formId, a.campaign.formVersion);
  const problems = answerProblems(form.questions, a.answers);
  if (problems.length) throw revisitError(ErrorCodes.REVISIT_ANSWER_INVALID, problems.map((p) => `${p.path}: ${p.problem}`).join('; '), fieldsOf(problems));
  const texts = [a.contactName, ...a.answers.map((x) => x.text)].filter((t): t is string => !!t);
  if (texts.length) await assertTextSafe(texts, ctx.caller.openid, CheckScene.forum);
  return { target, questions: form.questions };
}

/** Stores only what each question's kind takes (validation already refused anything else). */
function tidy(answers: SurveyAnswer[]): SurveyAnswer[] {
  return answers.map((a) => {
    const out: SurveyAnswer = { questionId: a.questionId };
    if (a.choices !== undefined) out.choices = a.choices;
    if (a.rating !== undefined) out.rating = a.rating;
    if (a.text !== undefined) out.text = a.text.trim();
    return out;
  });
}

async function respond(ctx: ActionContext, a: Answering): Promise<SurveyResponseView> {
  const { target, questions } = await checked(ctx, a);
  const now = ctx.clock.now();
  const answers = tidy(a.answers);
  const score = responseScore(questions, answers);
  const followUpId = score !== undefined && isPoor(score) ? newFollowUpId() : undefined;
  const doc: ResponseDoc = {
    _id: target._id,
    campaignId: a.campaign._id,
    communityId: a.campaign.communityId,
    enterpriseId: a.enterpriseId,
    enterpriseName: target.enterpriseName,
    formId: a.campaign.formId,
    formVersion: a.campaign.formVersion,
    answers,
    via: a.via,
    at: a.at,
    recordedAt: now,
    by: ctx.caller.openid,
  };
  if (ctx.caller.user?.name) doc.byName = ctx.caller.user.name;
  if (a.contactName) doc.contactName = a.contactName;
  if (score !== undefined) doc.score = score;
  if (followUpId) doc.followUpId = followUpId;
  const alreadyAnswered = () => revisitError(ErrorCodes.REVISIT_ALREADY_ANSWERED, 'this enterprise has answered already');
  try {
    await inTransaction(async (tx) => {
      const t = await targetsRepository.get(target._id, tx);
      if (!t || t.status !== 'pending') throw alreadyAnswered();
      const c = await campaignsRepository.get(a.campaign._id, tx);
      if (!c || c.status !== 'open') throw revisitError(ErrorCodes.REVISIT_CAMPAIGN_CLOSED, 'this campaign is closed');
      await responsesRepository.add(doc, tx);
      const tPatch: Record<string, unknown> = { status: 'answered', answeredAt: a.at, via: a.via };
      if (a.via !== 'self') {
        tPatch.recordedBy = ctx.caller.openid;
        if (ctx.caller.user?.name) tPatch.recordedByName = ctx.caller.user.name;
        if (a.contactName) tPatch.contactName = a.contactName;
      }
      if (score !== undefined) tPatch.score = score;
      if (followUpId) tPatch.followUpId = followUpId;
      await targetsRepository.update(t._id, tPatch, tx);
      const cPatch: Record<string, unknown> = { responded: c.responded + 1 };
      if (score !== undefined) Object.assign(cPatch, { scoreSum: c.scoreSum + score, scored: c.scored + 1, satisfied: c.satisfied + (isSatisfied(score) ? 1 : 0) });
      await campaignsRepository.update(c._id, cPatch, tx);
      if (followUpId) {
        const task: FollowUpDoc = {
          _id: followUpId,
          communityId: c.communityId,
          source: { kind: 'survey', id: doc._id },
          enterpriseId: a.enterpriseId,
          enterpriseName: target.enterpriseName,
          reason: `${c.year} 年度回访 ${score} 分${answers.find((x) => x.text)?.text ? `：${answers.find((x) => x.text)?.text}` : ''}`,
          score: score as number,
          status: 'open',
          createdAt: now,
        };
        await tx.collection(Collections.followUps).add(task);
      }
    });
  } catch (e) {
    if (!(e instanceof DomainError) && isDuplicateKey(e)) throw alreadyAnswered();
    throw e;
  }
  return responseView(doc);
}

export async function answerSurvey(ctx: ActionContext, input: { campaignId: string; answers: SurveyAnswer[] }): Promise<SurveyResponseView> {
  const campaign = await campaignOf(ctx, input.campaignId);
  const enterpriseId = ctx.caller.user?.enterpriseId;
  if (!enterpriseId) throw revisitError(ErrorCodes.REVISIT_NOT_TARGET, 'you do not speak for an enterprise');
  return respond(ctx, { campaign, enterpriseId, answers: input.answers, via: 'self', at: ctx.clock.now() });
}

export async function recordRevisit(
  ctx: ActionContext,
  input: { campaignId: string; enterpriseId: string; via: 'phone' | 'onsite'; contactName: string; at: string; answers: SurveyAnswer[] },
): Promise<SurveyResponseView> {
  const campaign = await campaignOf(ctx, input.campaignId);
  const at = new Date(input.at);
  if (Number.isNaN(at.getTime())) throw revisitError(ErrorCodes.INPUT_INVALID, 'when the revisit took place', { at: 'not a time' });
  if (at.getTime() > ctx.clock.now().getTime()) throw revisitError(ErrorCodes.INPUT_INVALID, 'a revisit cannot be recorded before it happened', { at: 'in the future' });
  return respond(ctx, { campaign, enterpriseId: input.enterpriseId, answers: input.answers, via: input.via, at, contactName: input.contactName });
}

export async function responses(ctx: ActionContext, input: { id: string; cursor?: string }): Promise<Page<SurveyResponseView>> {
  const c = await campaignOf(ctx, input.id);
  const rows = await responsesRepository.page(c._id, input.cursor, TARGET_PAGE + 1);
  const page = rows.slice(0, TARGET_PAGE);
  return { items: page.map(responseView), nextCursor: rows.length > TARGET_PAGE ? page[page.length - 1].enterpriseId : undefined };
}

