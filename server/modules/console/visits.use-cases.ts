/**
 * The visit log (驻企服务员每日一问诊): staff record their visits to enterprises with the problems
 * raised; each problem becomes a ticket in one action (problemToTicket), submitted on the
 * enterprise's behalf and linked both ways; an enterprise's page shows its whole history.
 * Every read and write is scoped to the caller's community.
 */
import { randomBytes } from 'node:crypto';
import type { EnterpriseOverview, EnterpriseTimelineItem, VisitInput, VisitProblem, VisitView } from '../../../core/api/console';
import { ErrorCodes } from '../../../core/api/errors';
import type { Page } from '../../../core/api/admin';
import type { TicketUrgencyView } from '../../../core/api/tickets';
import { maskPhone } from '../../../core/rules/privacy';
import { addDays } from '../../../core/rules/working-days';
import type { DbLike } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { ownPhotos as ownUploads } from '../../platform/uploads';
import { consultationQueries } from '../clinic';
import { screenPhotos, visiblePhotos } from '../moderation';
import { questionQueries } from '../qa';
import { revisitQueries } from '../revisit';
import { createTicket, sourceTicketId, ticketQueries, ticketsRepository, type TicketDoc } from '../tickets';
import { OPEN } from '../../../core/rules/ticket-machine';
import { enterprisesRepository, type EnterpriseDoc } from '../organisation';
import { communityOf, cursorDate, isCalendarDate, iso, page, todayOf } from './console-common';
import { visitsRepository, type VisitDoc, type VisitProblemDoc } from './visits.repository';

async function enterpriseInCommunity(ctx: ActionContext, id: string): Promise<EnterpriseDoc> {
  const e = await enterprisesRepository.get(id);
  if (!e || e.communityId !== communityOf(ctx)) throw notFound('enterprise');
  return e;
}

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
  const live = (await ticketsRepository.byEnterprise(visit.enterpriseId, undefined, 100)).filter((t) => t.communityId === visit.communityId && LIVE.includes(t.status));
  return {
    ...view,
    problems: view.problems.map((p) => {
      const same = p.status === 'open' ? live.find((t) => t.category === p.category) : undefined;
      return same ? { ...p, similarTicket: { id: same._id, number: same.number, title: same.title } } : p;
    }),
  };
}

/** Statuses in which a demand is still being handled (or awaited): OPEN and suspended. */
const LIVE: readonly string[] = [...OPEN, 'suspended'];

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

// ---- an enterprise's whole history ----

const TIMELINE_PAGE = 30;
const HISTORY_MAX = 500;

/**
 * Counts and one timeline of an enterprise: visits, questions, consultations, tickets and the
 * evaluations of them, newest first, paged by time (`cursor` = the last item's time). Each source
 * is read by its enterprise index (the latest 500 of each).
 */
export async function enterpriseOverview(ctx: ActionContext, input: { enterpriseId: string; cursor?: string }): Promise<EnterpriseOverview> {
  const communityId = communityOf(ctx);
  const enterprise = await enterpriseInCommunity(ctx, input.enterpriseId);
  // Each kind of case is asked of the module that owns it.
  const [visits, questions, bookings, tickets, evaluations] = await Promise.all([
    visitsRepository.list({ communityId, enterpriseId: enterprise._id }, { limit: HISTORY_MAX }),
    questionQueries.ofEnterprise(communityId, enterprise._id, HISTORY_MAX),
    consultationQueries.ofEnterprise(communityId, enterprise._id, HISTORY_MAX).then((rows) => rows.filter((b) => b.status !== 'cancelled')),
    ticketQueries.ofEnterprise(communityId, enterprise._id, HISTORY_MAX),
    revisitQueries.evaluationsOfEnterprise(communityId, enterprise._id, HISTORY_MAX),
  ]);
  const items: EnterpriseTimelineItem[] = [
    ...visits.map((v) => ({ kind: 'visit' as const, id: v._id, at: iso(`${v.date}T12:00:00+08:00`), title: v.topics.join('、') || v.met, status: v.problems.some((p) => p.status === 'open') ? 'open' : 'done' })),
    ...questions.map((q) => ({ kind: 'question' as const, id: q._id, at: iso(q.createdAt), title: q.title, status: q.status })),
    ...bookings.map((b) => ({ kind: 'consultation' as const, id: b._id, at: iso(b.startsAt), title: b.description, status: b.status })),
    ...tickets.map((t) => ({ kind: 'ticket' as const, id: t._id, at: iso(t.submittedAt), title: `${t.number} ${t.title}`, status: t.status })),
    ...evaluations.map((e) => ({ kind: 'evaluation' as const, id: e._id, at: iso(e.at), title: e.caseTitle ?? e.caseKind, status: e.caseKind, score: e.overall })),
  ].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : 1));
  const before = cursorDate(input.cursor);
  const rest = before ? items.filter((i) => new Date(i.at).getTime() < before.getTime()) : items;
  const timeline = rest.slice(0, TIMELINE_PAGE);
  const reveal = ctx.caller.role === 'staff' || ctx.caller.role === 'admin';
  const overview: EnterpriseOverview = {
    enterprise: {
      id: enterprise._id,
      communityId: enterprise.communityId,
      name: enterprise.name,
      nameEn: enterprise.nameEn,
      creditCode: enterprise.creditCode,
      address: enterprise.address,
      contactName: enterprise.contactName,
      contactPhone: reveal ? enterprise.contactPhone : maskPhone(enterprise.contactPhone),
      workshops: enterprise.workshops,
      createdAt: iso(enterprise.createdAt),
    },
    counts: {
      visits: visits.length,
      questions: questions.length,
      consultations: bookings.length,
      tickets: tickets.length,
      openTickets: tickets.filter((t) => !['resolved', 'evaluated', 'closed', 'merged'].includes(t.status)).length,
      evaluations: evaluations.length,
    },
    timeline,
  };
  if (rest.length > TIMELINE_PAGE) overview.nextCursor = timeline[timeline.length - 1].at;
  return overview;
}
