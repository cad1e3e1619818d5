/**
 * The enterprise problem list (企业问题清单): the period's visit problems, Q&A questions and tickets
 * in one vocabulary (core/rules/problem-list.ts), grouped by category and theme.
 */
import type { ProblemItem, ProblemList } from '../../../core/api/console';
import { QaCategories, type QaCategory } from '../../../core/api/qa';
import type { TicketCategory, TicketStatusView } from '../../../core/api/tickets';
import {
  groupProblems,
  problemCategoryOfQuestion,
  questionProblemStatus,
  ticketProblemStatus,
  visitProblemStatus,
} from '../../../core/rules/problem-list';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import type { ActionContext } from '../../kernel/define-function';
import type { QuestionDoc } from '../qa/question.repository';
import type { TicketDoc } from '../tickets/tickets.repository';
import { iso, periodOf, scopedCommunity, type Period } from './console-common';
import type { VisitDoc } from './visits.repository';

const BATCH = 1000;
/** A problem list reads at most this many documents of each source (a year of a busy community is far below). */
export const PROBLEM_SOURCE_MAX = 50_000;

/**
 * Every page of a query, up to `max` documents: ordered by _id, each page starting after the
 * previous page's last _id (a key range, never `skip`: a skip reads and drops every row before
 * it, so page n of a skip walk costs n pages).
 */
export async function readAll<T>(collection: string, where: Record<string, unknown>, max = PROBLEM_SOURCE_MAX, fields?: Record<string, boolean>): Promise<T[]> {
  const _ = getDb().command;
  const out: T[] = [];
  let after: string | undefined;
  while (out.length < max) {
    let q = getDb().collection(collection).where(after === undefined ? where : _.and([where, { _id: _.gt(after) }]));
    if (fields) q = q.field({ ...fields, _id: true });
    const res = await q.orderBy('_id', 'asc').limit(Math.min(BATCH, max - out.length)).get();
    const rows = res.data as Array<T & { _id: string }>;
    out.push(...rows);
    if (rows.length < BATCH) break;
    after = rows[rows.length - 1]._id;
  }
  return out;
}

export function questionCategoriesOf(category: TicketCategory): QaCategory[] {
  return QaCategories.filter((c) => problemCategoryOfQuestion(c) === category);
}

export interface ProblemSources {
  visits: VisitDoc[];
  questions: QuestionDoc[];
  tickets: TicketDoc[];
  /** Status of tickets linked from visit problems and questions (some outside the period). */
  linked: Map<string, TicketStatusView>;
  names: Map<string, string>;
  /** English names where an enterprise has one (the list shows names in the reader's language). */
  namesEn: Map<string, string>;
}

export async function loadProblemSources(communityId: string, p: Period, category?: TicketCategory): Promise<ProblemSources> {
  const _ = getDb().command;
  const when = (field: string) => ({ [field]: _.gte(p.start).and(_.lt(p.end)) });
  const qWhere: Record<string, unknown> = { communityId, ...when('createdAt') };
  if (category) qWhere.category = _.in(questionCategoriesOf(category));
  const tWhere: Record<string, unknown> = { communityId, ...when('submittedAt') };
  if (category) tWhere.category = category;
  const [visitsAll, questions, tickets] = await Promise.all([
    readAll<VisitDoc>(Collections.visits, { communityId, date: _.gte(p.from).and(_.lte(p.to)) }),
    readAll<QuestionDoc & { ticketId?: string }>(Collections.questions, qWhere),
    readAll<TicketDoc>(Collections.tickets, tWhere),
  ]);
  const visits = category ? visitsAll.filter((v) => v.problems.some((pr) => pr.category === category)) : visitsAll;
  const known = new Map(tickets.map((t) => [t._id, t.status as TicketStatusView]));
  const wanted = [
    ...visits.flatMap((v) => v.problems.map((pr) => pr.ticketId)),
    ...questions.map((q) => (q as { ticketId?: string }).ticketId),
  ].filter((id): id is string => !!id && !known.has(id));
  for (let i = 0; i < wanted.length; i += BATCH) {
    const res = await getDb().collection(Collections.tickets).where({ _id: _.in(wanted.slice(i, i + BATCH)) }).field({ status: true }).limit(BATCH).get();
    for (const t of res.data as Array<{ _id: string; status: TicketStatusView }>) known.set(t._id, t.status);
  }
  const entIds = [...new Set([...tickets.map((t) => t.enterpriseId), ...questions.map((q) => q.enterpriseId), ...visits.map((v) => v.enterpriseId)].filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  const namesEn = new Map<string, string>();
  for (let i = 0; i < entIds.length; i += BATCH) {
    const res = await getDb().collection(Collections.enterprises).where({ _id: _.in(entIds.slice(i, i + BATCH)) }).field({ name: true, nameEn: true }).limit(BATCH).get();
    for (const e of res.data as Array<{ _id: string; name: string; nameEn?: string }>) {
      names.set(e._id, e.name);
      if (e.nameEn) namesEn.set(e._id, e.nameEn);
    }
  }
  for (const v of visits) names.set(v.enterpriseId, v.enterpriseName);
  return { visits, questions, tickets, linked: known, names, namesEn };
}

/** The items of the list: a ticket opened from a visit problem or a question is counted at its source. */
export function problemItems(s: ProblemSources, category?: TicketCategory): ProblemItem[] {
  const items: ProblemItem[] = [];
  for (const v of s.visits) {
    for (const pr of v.problems) {
      if (category && pr.category !== category) continue;
      items.push({
        source: 'visit',
        id: `${v._id}:${pr.id}`,
        enterpriseId: v.enterpriseId,
        enterpriseName: v.enterpriseName,
        ...(s.namesEn.has(v.enterpriseId) ? { enterpriseNameEn: s.namesEn.get(v.enterpriseId) } : {}),
        category: pr.category,
        theme: pr.theme || pr.category,
        description: pr.description,
        status: visitProblemStatus(pr.status, pr.ticketId ? s.linked.get(pr.ticketId) : undefined),
        at: new Date(`${v.date}T12:00:00+08:00`).toISOString(),
      });
    }
  }
  for (const q of s.questions) {
    const ticketId = (q as { ticketId?: string }).ticketId;
    const item: ProblemItem = {
      source: 'question',
      id: q._id,
      category: problemCategoryOfQuestion(q.category),
      theme: q.category,
      description: q.title,
      status: questionProblemStatus(q.status, ticketId ? s.linked.get(ticketId) : undefined, !!ticketId),
      at: iso(q.createdAt),
    };
    if (q.enterpriseId) {
      item.enterpriseId = q.enterpriseId;
      const name = s.names.get(q.enterpriseId) ?? q.enterpriseName;
      if (name) item.enterpriseName = name;
      const nameEn = s.namesEn.get(q.enterpriseId);
      if (nameEn) item.enterpriseNameEn = nameEn;
    }
    items.push(item);
  }
  for (const t of s.tickets) {
    if (t.source && (t.source.kind === 'visit' || t.source.kind === 'question')) continue;
    const item: ProblemItem = {
      source: 'ticket',
      id: t._id,
      enterpriseId: t.enterpriseId,
      category: t.category as TicketCategory,
      theme: t.category,
      description: `${t.number} ${t.title}`,
      status: ticketProblemStatus(t.status as TicketStatusView),
      at: iso(t.submittedAt),
    };
    const name = s.names.get(t.enterpriseId);
    if (name) item.enterpriseName = name;
    const nameEn = s.namesEn.get(t.enterpriseId);
    if (nameEn) item.enterpriseNameEn = nameEn;
    items.push(item);
  }
  return items;
}

export async function problemList(ctx: ActionContext, input: { from: string; to: string; category?: TicketCategory; communityId?: string }): Promise<ProblemList> {
  const p = periodOf(input.from, input.to);
  const items = problemItems(await loadProblemSources(await scopedCommunity(ctx, input.communityId), p, input.category), input.category);
  return { from: p.from, to: p.to, total: items.length, groups: groupProblems(items) };
}
