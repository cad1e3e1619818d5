/**
 * The visit log (驻企服务员每日一问诊): staff record their visits to enterprises with the problems
 * raised; each problem becomes a ticket in one action (problemToTicket), submitted on the
 * enterprise's behalf and linked both ways; an enterprise's page shows its whole history.
 * Every read and write is scoped to the caller's community.
 */
import { randomBytes } from 'node:crypto';
import type { VisitInput, VisitProblem, VisitView } from '../../../core/api/console';
import { ErrorCodes } from '../../../core/api/errors';
import type { Page } from '../../../core/api/admin';
import type { TicketUrgencyView } from '../../../core/api/tickets';
import { addDays } from '../../../core/rules/working-days';
import type { DbLike } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { ownPhotos as ownUploads } from '../../platform/uploads';
import { screenPhotos, visiblePhotos } from '../moderation';
import { createTicket, sourceTicketId, ticketQueries, type TicketDoc } from '../tickets';
import { communityOf, cursorDate, enterpriseInCommunity, isCalendarDate, iso, page, todayOf } from './console-common';
import { visitsRepository, type VisitDoc, type VisitProblemDoc } from './visits.repository';

async function visitInCommunity(ctx: ActionContext, id: string, tx?: DbLike): Promise<VisitDoc> {
  const v = await visitsRepository.get(id, tx);
  if (!v || v.communityId !== communityOf(ctx)) throw notFound('visit');
  return v;
}

/** Photos the app uploaded straight to storage into the caller's own folder, as question photos. */
const ownPhotos = (ctx: ActionContext, fileIDs: string[] | undefined): Promise<string[]> => ownUploads(ctx.caller.openid, fileIDs, 'photos');

function problemView(p: VisitProblemDoc): VisitProblem {
  const v: VisitProblem = { id: p.id, category: p.category, description: p.description, status: p.status };
  if (p.theme) v.theme = p.theme;
  if (p.ticketId) v.ticketId = p.ticketId;
  if (p.ticketNumber) v.ticketNumber = p.ticketNumber;
  return v;
}

export function visitView(v: VisitDoc, urls: Map<string, string>): VisitView {
  const view: VisitView = {
    id: v._id,
    enterpriseId: v.enterpriseId,
    enterpriseName: v.enterpriseName,
    date: v.date,
    visitorOpenid: v.visitorOpenid,
    met: v.met,
    topics: v.topics,
    // Photos still being checked show to their uploader only; rejected ones to nobody (server/modules/moderation).
    photos: v.photos.filter((fileID) => urls.has(fileID)).map((fileID) => ({ fileID, url: urls.get(fileID), name: fileID.split('/').pop() })),
    problems: v.problems.map(problemView),
    createdAt: iso(v.createdAt),
  };
  if (v.visitorName) view.visitorName = v.visitorName;
  if (v.notes) view.notes = v.notes;
  return view;
}

async function viewsOf(ctx: ActionContext, rows: VisitDoc[]): Promise<VisitView[]> {
  const urls = await visiblePhotos(ctx.caller, [...new Set(rows.flatMap((r) => r.photos))]);
  return rows.map((r) => visitView(r, urls));
}

export async function recordVisit(ctx: ActionContext, input: VisitInput): Promise<VisitView> {
  const communityId = communityOf(ctx);
  const today = todayOf(ctx);
  // A visit happened: today at the latest, and not more than a year ago.
  if (!isCalendarDate(input.date) || input.date > today || input.date < addDays(today, -365)) {
    throw new DomainError(ErrorCodes.VISIT_DATE_INVALID, 'the visit date must be today or within the past year', { date: 'out of range' });
  }
  const enterprise = await enterpriseInCommunity(ctx, input.enterpriseId);
  const photos = await ownPhotos(ctx, input.photos);
  const problems = input.problems ?? [];
  await assertTextSafe([input.met, input.notes, ...input.topics, ...problems.flatMap((p) => [p.theme, p.description])], ctx.caller.openid, CheckScene.forum);
  const screening = await screenPhotos(ctx, photos, CheckScene.forum);
  const now = ctx.clock.now();
  const doc: VisitDoc = {
    _id: `vs-${randomBytes(10).toString('hex')}`,
    communityId,
    enterpriseId: enterprise._id,
    enterpriseName: enterprise.name,
    date: input.date,
    visitorOpenid: ctx.caller.openid,
    met: input.met,
    topics: input.topics,
    photos,
    problems: problems.map((p, i) => ({ id: `p${i + 1}`, category: p.category, description: p.description, status: 'open' as const, ...(p.theme ? { theme: p.theme } : {}) })),
    createdAt: now,
    updatedAt: now,
  };
  if (ctx.caller.user?.name) doc.visitorName = ctx.caller.user.name;
  if (input.notes) doc.notes = input.notes;
  await visitsRepository.insert(doc);
  await screening.attachTo({ kind: 'admin.visit', id: doc._id });
  return (await viewsOf(ctx, [doc]))[0];
}

export async function listVisits(ctx: ActionContext, input: { cursor?: string; enterpriseId?: string; mine?: boolean }): Promise<Page<VisitView>> {
  const communityId = communityOf(ctx);
  const where: { communityId: string; enterpriseId?: string; visitorOpenid?: string } = { communityId };
  if (input.enterpriseId) where.enterpriseId = input.enterpriseId;
  if (input.mine) where.visitorOpenid = ctx.caller.openid;
  const rows = await visitsRepository.list(where, { before: cursorDate(input.cursor), limit: 21 });
  const views = await viewsOf(ctx, rows.slice(0, 20));
  const byId = new Map(views.map((v) => [v.id, v]));
  return page(rows, (r) => byId.get(r._id)!, (r) => iso(r.createdAt));
}

export async function getVisit(ctx: ActionContext, input: { id: string }): Promise<VisitView> {
  const visit = await visitInCommunity(ctx, input.id);
  const view = (await viewsOf(ctx, [visit]))[0];
  if (!view.problems.some((p) => p.status === 'open')) return view;
  // A demand of the same category still being handled for this enterprise: the open problem may
  // well be it (the enterprise ordered it, an earlier visit raised it). The screen warns first.
  // Per category of an open problem, the enterprise's newest live demand of it (one read each, of
  // that category's live demands only: not its other categories', not its history).
  const categories = [...new Set(view.problems.filter((p) => p.status === 'open').map((p) => p.category))];
  const newest = await Promise.all(categories.map((c) => ticketQueries.newestLiveOfCategory(visit.communityId, visit.enterpriseId, c, { number: true, title: true })));
  const byCategory = new Map(categories.map((c, i) => [c, newest[i]]));
  return {
    ...view,
    problems: view.problems.map((p) => {
      const same = p.status === 'open' ? byCategory.get(p.category) : undefined;
      return same ? { ...p, similarTicket: { id: same._id, number: same.number, title: same.title } } : p;
    }),
  };
}

/**
 * One action: the problem becomes a ticket submitted on the enterprise's behalf by the staff
 * member (source: the visit), and the problem records it, in one transaction. The ticket's id is
 * derived from visit + problem, so two staff pressing at once make one ticket; the other answers
 * VISIT.PROBLEM_TICKETED.
 */
export async function problemToTicket(ctx: ActionContext, input: { visitId: string; problemId: string; title?: string; urgency?: TicketUrgencyView }): Promise<VisitView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const visit = await visitInCommunity(ctx, input.visitId);
  const problem = visit.problems.find((p) => p.id === input.problemId);
  if (!problem) throw notFound('problem');
  const ticketed = () => new DomainError(ErrorCodes.VISIT_PROBLEM_TICKETED, 'this problem already became a ticket');
  if (problem.status !== 'open') throw ticketed();
  if (input.title) await assertTextSafe([input.title], ctx.caller.openid, CheckScene.forum);
  const title = input.title ?? (problem.description.length > 30 ? `${problem.description.slice(0, 29)}…` : problem.description);
  const theme = problem.theme ? `【${problem.theme}】` : '';
  await createTicket(
    {
      communityId,
      enterpriseId: visit.enterpriseId,
      title,
      description: `${theme}${problem.description}\n（${visit.date} 走访记录，接待人：${visit.met}）`,
      category: problem.category,
      urgency: input.urgency ?? 'normal',
      attachments: visit.photos.slice(0, 9),
      source: { kind: 'visit', id: visit._id },
      submitter: { openid: ctx.caller.openid, role: ctx.caller.role, name: ctx.caller.user?.name },
      id: sourceTicketId('visit', `${visit._id}:${problem.id}`),
      duplicate: ErrorCodes.VISIT_PROBLEM_TICKETED,
      alsoInTx: async (tx, t: TicketDoc) => {
        const current = await visitInCommunity(ctx, visit._id, tx);
        const problems = current.problems.map((p) => {
          if (p.id !== problem.id) return p;
          if (p.status !== 'open') throw ticketed();
          return { ...p, status: 'ticketed' as const, ticketId: t._id, ticketNumber: t.number };
        });
        await visitsRepository.setProblems(visit._id, problems, now, tx);
      },
    },
    now,
  );
  return getVisit(ctx, { id: visit._id });
}

// An enterprise's whole history: its own file (reads bounded by the page).
export { enterpriseOverview } from './enterprise-overview';
