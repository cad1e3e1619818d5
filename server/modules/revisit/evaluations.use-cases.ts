/**
 * Per-case evaluation (function `revisit`, and `tickets.act` 'evaluate', which comes here too):
 * only the person served rates a finished case, once (the evaluation's `_id` is
 * <caseKind>:<caseId>:<openid>, so a second insert fails whoever races). A poor rating has a
 * consequence written with it: a ticket is reopened through the tickets state machine (the
 * manager's 'evaluate' act with the rating, then 'reopen' quoting it, both in the timeline); a
 * question or consultation opens a follow-up task for staff. The evaluation is written first; if
 * its consequence cannot be written, it is removed again, so the caller can simply retry.
 * Evaluations are never updated: no action edits a rating.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import type { CaseKind, EvaluationView, FollowUpStatus, FollowUpView, RateRow, RatingDimension, SatisfactionFigures, Scores } from '../../../core/api/revisit';
import { RatingDimensions } from '../../../core/api/revisit';
import { StaffRoles } from '../../../core/api/roles';
import { beijingYearMonth, isDissatisfied, isSatisfied, mean, monthsOf, npsOf, npsSide, overallScore, poorDimensions, share } from '../../../core/rules/satisfaction';
import { checkVersion, transition, type TicketActor } from '../../../core/rules/ticket-machine';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { bookingsRepository, dutiesRepository, type BookingDoc } from '../clinic';
import { dutyIdOf } from '../clinic';
import { questionsRepository, type QuestionDoc } from '../qa';
import { performAct } from '../tickets';
import type { RequestMark } from '../../kernel/idempotency';
import { toTicket, ticketsRepository, unitsRepository, type TicketDoc } from '../tickets';
import { enterprisesRepository } from '../organisation';
import { consultationTitle, evaluationView, followUpView } from './revisit.mapper';
import { campaignIdOf, campaignsRepository, evaluationId, evaluationsRepository, followUpsRepository, type EvaluationDoc, type FollowUpDoc, type GroupRow } from './revisit.repository';
import { campaignView } from './revisit.mapper';
import * as rollups from '../figures';

export const PAGE_SIZE = 20;

const revisitError = (code: ErrorCode, message: string = code) => new DomainError(code, message);
const notServed = () => revisitError(ErrorCodes.REVISIT_NOT_SERVED, 'only the person served rates this case');
const notFinished = () => revisitError(ErrorCodes.REVISIT_NOT_FINISHED, 'this case is not finished yet');
const alreadyEvaluated = () => revisitError(ErrorCodes.REVISIT_ALREADY_EVALUATED, 'you have already rated this case');

export function communityOf(ctx: ActionContext): string {
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  return ctx.caller.communityId;
}

export const newFollowUpId = () => `fu-${randomBytes(10).toString('hex')}`;

/** The fields every evaluation carries, from the rating and when it was made. */
function ratingFields(scores: Scores, at: Date): Pick<EvaluationDoc, 'scores' | 'overall' | 'at' | 'year' | 'month' | 'satisfied' | 'promoter' | 'detractor'> {
  const overall = overallScore(scores);
  const side = npsSide(overall);
  // A dissatisfied rating (a dimension ≤ 2) is never counted as satisfied, whatever its mean.
  const satisfied = isSatisfied(overall) && !isDissatisfied(scores);
  return { scores, overall, at, ...beijingYearMonth(at), satisfied: satisfied ? 1 : 0, promoter: side === 'promoter' ? 1 : 0, detractor: side === 'detractor' ? 1 : 0 };
}

function withComment(doc: EvaluationDoc, comment: string | undefined): EvaluationDoc {
  const c = comment?.trim();
  return c ? { ...doc, comment: c } : doc;
}

const DimensionNames: Record<RatingDimension, string> = { speed: '办理速度', attitude: '服务态度', result: '办理结果' };

/** What the timeline and the follow-up say: "满意度评价 办理结果 2 星（综合 3 星）：comment" ("满意度评价 1 星" when every dimension has it). */
export function poorReason(scores: Scores, comment?: string): string {
  const overall = overallScore(scores);
  const same = RatingDimensions.every((d) => scores[d] === overall);
  const stars = same ? `${overall} 星` : `${poorDimensions(scores).map((d) => `${DimensionNames[d]} ${scores[d]} 星`).join('、')}（综合 ${overall} 星）`;
  return `满意度评价 ${stars}${comment?.trim() ? `：${comment.trim()}` : ''}`;
}

// ---- tickets -----------------------------------------------------------------------------------

export interface TicketEvaluationInput {
  ticketId: string;
  scores: Scores;
  comment?: string;
  /** The version the manager read (tickets.act): checked like any act. */
  version?: number;
  /** tickets.act's idempotency key, kept on the ticket by the act (a retry finds it there). */
  request?: RequestMark;
}

/**
 * The one path for rating a ticket. From `tickets.act` (`via: 'tickets'`) the machine's own
 * answers stand (version conflict, rating invalid, not resolved); from `revisit.evaluate` the
 * case answers (NOT_SERVED, NOT_FINISHED).
 */
export async function evaluateTicket(actor: TicketActor, raterName: string | undefined, input: TicketEvaluationInput, now: Date, via: 'revisit' | 'tickets'): Promise<{ evaluation: EvaluationDoc; ticket: TicketDoc }> {
  const t = await ticketsRepository.get(input.ticketId);
  if (!t || t.communityId !== actor.communityId) throw notFound('ticket');
  if (actor.role !== 'manager' || !actor.enterpriseId || actor.enterpriseId !== t.enterpriseId) throw notServed();
  const id = evaluationId('ticket', t._id, actor.id, t.reopenCount ?? 0);
  if (via === 'tickets') {
    if (input.version !== undefined && !checkVersion(input.version, t.version).ok) throw revisitError(ErrorCodes.TICKET_VERSION_CONFLICT, 'the ticket was changed by someone else: reload it');
    const dry = transition(toTicket(t), 'evaluate', actor, now, { rating: input.scores.speed, comment: input.comment });
    if (!dry.ok) throw revisitError(dry.code as ErrorCode);
  }
  if (await evaluationsRepository.get(id)) throw alreadyEvaluated();
  if (t.status !== 'resolved') throw notFinished();

  const [units, enterprises] = await Promise.all([unitsRepository.byCommunity(t.communityId), enterprisesRepository.namesByIds([t.enterpriseId])]);
  const unit = t.leadUnitId ? units.find((u) => u._id === t.leadUnitId) : undefined;
  const rating = ratingFields(input.scores, now);
  const poor = isDissatisfied(input.scores);
  let doc: EvaluationDoc = {
    _id: id,
    communityId: t.communityId,
    caseKind: 'ticket',
    caseId: t._id,
    caseTitle: t.title,
    raterOpenid: actor.id,
    raterRole: actor.role,
    ...rating,
    category: t.category,
    categoryKey: `ticket.${t.category}`,
    enterpriseId: t.enterpriseId,
  };
  if (raterName) doc.raterName = raterName;
  const entName = enterprises.get(t.enterpriseId);
  if (entName) doc.enterpriseName = entName;
  if (unit) Object.assign(doc, { unitId: unit._id, unitName: unit.name });
  if (poor) doc.consequence = { kind: 'reopened' };
  doc = withComment(doc, input.comment);

  if (!(await evaluationsRepository.insertOnce(doc))) throw alreadyEvaluated();
  let ticket: TicketDoc;
  try {
    ticket = await performAct(actor, raterName, { id: t._id, version: input.version ?? t.version, act: 'evaluate', rating: rating.overall, comment: doc.comment }, now, { before: t, request: input.request });
  } catch (e) {
    // The act refused (a concurrent change, the comment's content check): nothing stays written.
    await evaluationsRepository.remove(id);
    throw e;
  }
  // The day's satisfaction figures, once the evaluation stands (server/modules/figures).
  await rollups.evaluationChanged(undefined, doc, now);
  if (poor) ticket = await reopen(actor, raterName, ticket, poorReason(input.scores, doc.comment), now);
  return { evaluation: doc, ticket };
}

/** The manager's 'reopen' after a poor rating; a concurrent act (staff closing it) gets a few fresh tries. */
async function reopen(actor: TicketActor, name: string | undefined, after: TicketDoc, reason: string, now: Date): Promise<TicketDoc> {
  let current = after;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await performAct(actor, name, { id: current._id, version: current.version, act: 'reopen', reason }, now);
    } catch (e) {
      const code = (e as DomainError)?.code;
      if (code !== ErrorCodes.TICKET_VERSION_CONFLICT) break;
      const fresh = await ticketsRepository.get(current._id);
      if (!fresh || fresh.status !== 'evaluated') break;
      current = fresh;
    }
  }
  console.warn(JSON.stringify({ level: 'warn', what: 'revisit.reopen', ticketId: after._id, error: 'the ticket could not be reopened after a poor rating' }));
  return (await ticketsRepository.get(after._id)) ?? after;
}

// ---- questions and consultations -------------------------------------------------------------

async function evaluateWithFollowUp(ctx: ActionContext, base: Omit<EvaluationDoc, keyof ReturnType<typeof ratingFields> | 'consequence'>, scores: Scores, comment: string | undefined): Promise<EvaluationDoc> {
  if (await evaluationsRepository.get(base._id)) throw alreadyEvaluated();
  if (comment) await assertTextSafe([comment], ctx.caller.openid, CheckScene.comment);
  const now = ctx.clock.now();
  const rating = ratingFields(scores, now);
  let doc: EvaluationDoc = withComment({ ...base, ...rating }, comment);
  const followUpId = isDissatisfied(scores) ? newFollowUpId() : undefined;
  if (followUpId) doc = { ...doc, consequence: { kind: 'follow_up', followUpId } };
  if (!(await evaluationsRepository.insertOnce(doc))) throw alreadyEvaluated();
  if (followUpId) {
    const task: FollowUpDoc = {
      _id: followUpId,
      communityId: doc.communityId,
      source: { kind: 'evaluation', id: doc._id },
      caseKind: doc.caseKind,
      caseId: doc.caseId,
      reason: `${doc.caseTitle} · ${poorReason(scores, doc.comment)}`,
      score: rating.overall,
      status: 'open',
      createdAt: now,
    };
    if (doc.enterpriseId) task.enterpriseId = doc.enterpriseId;
    if (doc.enterpriseName) task.enterpriseName = doc.enterpriseName;
    try {
      await followUpsRepository.insert(task);
    } catch (e) {
      await evaluationsRepository.remove(doc._id);
      throw e;
    }
  }
  // The day's satisfaction figures, once the evaluation stands (server/modules/figures).
  await rollups.evaluationChanged(undefined, doc, now);
  return doc;
}

const QUESTION_FINISHED = ['answered', 'solved'];

async function evaluateQuestion(ctx: ActionContext, caseId: string, scores: Scores, comment?: string): Promise<EvaluationDoc> {
  const q = await questionsRepository.get(caseId);
  if (!q || q.communityId !== communityOf(ctx)) throw notFound('question');
  if (q.askerOpenid !== ctx.caller.openid) throw notServed();
  const id = evaluationId('question', q._id, ctx.caller.openid);
  if (await evaluationsRepository.get(id)) throw alreadyEvaluated();
  if (!QUESTION_FINISHED.includes(q.status)) throw notFinished();
  return evaluateWithFollowUp(ctx, { ...caseBase(ctx, id, 'question', q._id, q.title), category: q.category, categoryKey: `question.${q.category}`, ...enterpriseOf(q), ...volunteerOfQuestion(q) }, scores, comment);
}

async function evaluateConsultation(ctx: ActionContext, caseId: string, scores: Scores, comment?: string): Promise<EvaluationDoc> {
  const b = await bookingsRepository.get(caseId);
  if (!b || b.communityId !== communityOf(ctx)) throw notFound('consultation');
  if (b.bookerId !== ctx.caller.openid) throw notServed();
  const id = evaluationId('consultation', b._id, ctx.caller.openid);
  if (await evaluationsRepository.get(id)) throw alreadyEvaluated();
  if (b.status !== 'attended' || !b.outcome) throw notFinished();
  const volunteer = await volunteerOfConsultation(b);
  return evaluateWithFollowUp(ctx, { ...caseBase(ctx, id, 'consultation', b._id, consultationTitle(b)), category: b.profession, categoryKey: `consultation.${b.profession}`, ...enterpriseOf(b), ...volunteer }, scores, comment);
}

function caseBase(ctx: ActionContext, id: string, caseKind: CaseKind, caseId: string, caseTitle: string) {
  const base = { _id: id, communityId: communityOf(ctx), caseKind, caseId, caseTitle, raterOpenid: ctx.caller.openid, raterRole: ctx.caller.role as string } as Pick<EvaluationDoc, '_id' | 'communityId' | 'caseKind' | 'caseId' | 'caseTitle' | 'raterOpenid' | 'raterRole' | 'raterName'>;
  if (ctx.caller.user?.name) base.raterName = ctx.caller.user.name;
  return base;
}

function enterpriseOf(x: { enterpriseId?: string; enterpriseName?: string }): Partial<EvaluationDoc> {
  const out: Partial<EvaluationDoc> = {};
  if (x.enterpriseId) out.enterpriseId = x.enterpriseId;
  if (x.enterpriseName) out.enterpriseName = x.enterpriseName;
  return out;
}

function volunteerOfQuestion(q: QuestionDoc): Partial<EvaluationDoc> {
  const out: Partial<EvaluationDoc> = {};
  if (q.claimedBy) out.volunteerOpenid = q.claimedBy;
  if (q.claimedByName) out.volunteerName = q.claimedByName;
  return out;
}

/** Who sat the consultation: the volunteer on duty in its seat, else whoever recorded the outcome. */
async function volunteerOfConsultation(b: BookingDoc): Promise<Partial<EvaluationDoc>> {
  const duty = await dutiesRepository.get(dutyIdOf(b.communityId, b.sessionId, b.profession, b.seat)).catch(() => undefined);
  const openid = duty?.volunteerOpenid ?? b.outcome?.byOpenid;
  const name = duty?.volunteerName ?? b.outcome?.byName;
  const out: Partial<EvaluationDoc> = {};
  if (openid) out.volunteerOpenid = openid;
  if (name) out.volunteerName = name;
  return out;
}

// ---- actions -----------------------------------------------------------------------------------

function actorOf(ctx: ActionContext): TicketActor {
  const u = ctx.caller.user;
  return { id: ctx.caller.openid, role: ctx.caller.role, unitId: u?.unitId, enterpriseId: u?.enterpriseId, communityId: ctx.caller.communityId };
}

export async function evaluate(ctx: ActionContext, input: { caseKind: CaseKind; caseId: string; scores: Scores; comment?: string }): Promise<EvaluationView> {
  communityOf(ctx);
  let doc: EvaluationDoc;
  if (input.caseKind === 'ticket') {
    doc = (await evaluateTicket(actorOf(ctx), ctx.caller.user?.name, { ticketId: input.caseId, scores: input.scores, comment: input.comment }, ctx.clock.now(), 'revisit')).evaluation;
  } else if (input.caseKind === 'question') {
    doc = await evaluateQuestion(ctx, input.caseId, input.scores, input.comment);
  } else {
    doc = await evaluateConsultation(ctx, input.caseId, input.scores, input.comment);
  }
  return evaluationView(doc, false);
}

// revisit.pending, a page at a time: pending.use-cases.ts.
export { pending, PENDING_DAYS } from './pending.use-cases';

/** The person served sees their own rating (of the ticket's current round); the staff side the case's latest. Others: NOT_FOUND. */
export async function getEvaluation(ctx: ActionContext, input: { caseKind: CaseKind; caseId: string }): Promise<EvaluationView | null> {
  const communityId = communityOf(ctx);
  const staffSide = StaffRoles.includes(ctx.caller.role);
  if (staffSide) {
    const found = (await evaluationsRepository.ofCase(input.caseKind, input.caseId)).filter((e) => e.communityId === communityId);
    // The latest (a reopened ticket is rated again after its next resolution).
    found.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
    return found[0] ? evaluationView(found[0], true) : null;
  }
  // A ticket is rated once per round (resolved, reopened, resolved again): the reader's latest.
  const ticket = input.caseKind === 'ticket' ? await ticketsRepository.get(input.caseId) : undefined;
  const round = ticket?.reopenCount ?? 0;
  let own = await evaluationsRepository.get(evaluationId(input.caseKind, input.caseId, ctx.caller.openid, round));
  // Reopened and not resolved again yet: the reader still sees the rating that reopened it.
  if (!own && ticket && round > 0 && ticket.status !== 'resolved') own = await evaluationsRepository.get(evaluationId(input.caseKind, input.caseId, ctx.caller.openid, round - 1));
  if (own && own.communityId === communityId) return evaluationView(own, false);
  if (!(await servedIn(ctx, input.caseKind, input.caseId, ticket))) throw notFound(input.caseKind);
  return null;
}

/** Was the caller served in this case (so "not rated yet" is theirs to know)? */
async function servedIn(ctx: ActionContext, caseKind: CaseKind, caseId: string, ticket?: TicketDoc): Promise<boolean> {
  const communityId = ctx.caller.communityId;
  if (caseKind === 'ticket') {
    // The ticket the caller already read, or read here.
    const t = ticket ?? (await ticketsRepository.get(caseId));
    return !!t && t.communityId === communityId && ctx.caller.role === 'manager' && !!ctx.caller.user?.enterpriseId && ctx.caller.user.enterpriseId === t.enterpriseId;
  }
  if (caseKind === 'question') {
    const q = await questionsRepository.get(caseId);
    return !!q && q.communityId === communityId && q.askerOpenid === ctx.caller.openid;
  }
  const b = await bookingsRepository.get(caseId);
  return !!b && b.communityId === communityId && b.bookerId === ctx.caller.openid;
}

function cursorDate(cursor?: string): Date | undefined {
  if (!cursor) return undefined;
  const d = new Date(cursor);
  if (Number.isNaN(d.getTime())) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return d;
}

export async function listEvaluations(ctx: ActionContext, input: { cursor?: string; caseKind?: CaseKind; maxOverall?: number }): Promise<Page<EvaluationView>> {
  const rows = await evaluationsRepository.page(communityOf(ctx), { before: cursorDate(input.cursor), caseKind: input.caseKind, maxOverall: input.maxOverall }, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  return { items: page.map((e) => evaluationView(e, true)), nextCursor: rows.length > PAGE_SIZE ? new Date(page[page.length - 1].at).toISOString() : undefined };
}

export async function listFollowUps(ctx: ActionContext, input: { cursor?: string; status?: FollowUpStatus }): Promise<Page<FollowUpView>> {
  const rows = await followUpsRepository.page(communityOf(ctx), { status: input.status, before: cursorDate(input.cursor) }, PAGE_SIZE + 1);
  const page = rows.slice(0, PAGE_SIZE);
  return { items: page.map(followUpView), nextCursor: rows.length > PAGE_SIZE ? new Date(page[page.length - 1].createdAt).toISOString() : undefined };
}

export async function closeFollowUp(ctx: ActionContext, input: { id: string; resolution: string }): Promise<FollowUpView> {
  const communityId = communityOf(ctx);
  const f = await followUpsRepository.get(input.id);
  if (!f || f.communityId !== communityId) throw notFound('follow-up');
  if (f.status === 'done') throw revisitError(ErrorCodes.REVISIT_FOLLOW_UP_DONE, 'this follow-up is already done');
  await assertTextSafe([input.resolution], ctx.caller.openid, CheckScene.comment);
  const patch = { resolution: input.resolution, doneAt: ctx.clock.now(), doneBy: ctx.caller.openid, doneByName: ctx.caller.user?.name };
  if (!patch.doneByName) delete patch.doneByName;
  if (!(await followUpsRepository.closeIfOpen(f._id, patch))) throw revisitError(ErrorCodes.REVISIT_FOLLOW_UP_DONE, 'this follow-up is already done');
  return followUpView({ ...f, ...patch, status: 'done' });
}

// ---- figures -----------------------------------------------------------------------------------

function rowOf(g: GroupRow, key: string, label?: string): RateRow {
  const r: RateRow = { key, count: g.count, rate: share(g.satisfied, g.count), average: mean(g.sum, g.count) };
  if (label) r.label = label;
  return r;
}

const byCount = (a: RateRow, b: RateRow) => b.count - a.count || (a.key < b.key ? -1 : 1);

export async function figures(ctx: ActionContext, input: { year: number }): Promise<SatisfactionFigures> {
  const communityId = communityOf(ctx);
  const y = input.year;
  const [total, months, kinds, categories, units, volunteers, last, campaign] = await Promise.all([
    evaluationsRepository.groupBy(communityId, y, null),
    evaluationsRepository.groupBy(communityId, y, 'month'),
    evaluationsRepository.groupBy(communityId, y, 'caseKind'),
    evaluationsRepository.groupBy(communityId, y, 'categoryKey'),
    evaluationsRepository.groupBy(communityId, y, 'unitId'),
    evaluationsRepository.groupBy(communityId, y, 'volunteerOpenid'),
    evaluationsRepository.groupBy(communityId, y - 1, null),
    campaignsRepository.get(campaignIdOf(communityId, y)),
  ]);
  const sumUp = (g?: GroupRow) => ({
    evaluations: g?.count ?? 0,
    satisfactionRate: g ? share(g.satisfied, g.count) : 0,
    averageScore: g ? mean(g.sum, g.count) : 0,
    nps: g ? npsOf({ total: g.count, promoters: g.promoters, detractors: g.detractors }) : 0,
  });
  const monthRows = new Map(months.map((m) => [m._id as string, m]));
  const out: SatisfactionFigures = {
    year: y,
    ...sumUp(total[0]),
    byMonth: monthsOf(y).map((month) => {
      const m = monthRows.get(month);
      return { month, count: m?.count ?? 0, rate: m ? share(m.satisfied, m.count) : 0 };
    }),
    byCaseKind: kinds.filter((g) => g._id).map((g) => rowOf(g, g._id as string)).sort(byCount),
    byCategory: categories.filter((g) => g._id).map((g) => rowOf(g, g._id as string)).sort(byCount),
    byUnit: units.filter((g) => g._id).map((g) => rowOf(g, g._id as string, g.label)).sort(byCount),
    byVolunteer: volunteers.filter((g) => g._id).map((g) => rowOf(g, g._id as string, g.label)).sort(byCount),
    lastYear: sumUp(last[0]),
  };
  if (campaign && campaign.communityId === communityId) out.campaign = campaignView(campaign);
  return out;
}
