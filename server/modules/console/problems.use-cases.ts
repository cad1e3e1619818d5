/**
 * The enterprise problem list (企业问题清单): the period's visit problems, Q&A questions and tickets
 * in one vocabulary (core/rules/problem-list.ts). `loadProblemSources` reads a whole period: the
 * export's job (exports.use-cases.ts); the list itself is paged (problem-page.ts).
 */
import type { ProblemItem } from '../../../core/api/console';
import { QaCategories, type QaCategory } from '../../../core/api/qa';
import type { TicketCategory, TicketStatusView } from '../../../core/api/tickets';
import {
  problemCategoryOfQuestion,
  questionProblemStatus,
  ticketProblemStatus,
  visitProblemStatus,
} from '../../../core/rules/problem-list';
import { enterprisesRepository } from '../organisation';
import { questionQueries, type QuestionDoc } from '../qa';
import { ticketQueries, type TicketDoc } from '../tickets';
import { iso, type Period } from './console-common';
import { visitsRepository, type VisitDoc } from './visits.repository';
/** A problem list reads at most this many documents of each source (a year of a busy community is far below). */
export const PROBLEM_SOURCE_MAX = 50_000;


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

/** What the list shows of a question and a ticket (a period's worth are read: not their descriptions, photos, clocks). */
export const QUESTION_FIELDS = { category: true, title: true, status: true, createdAt: true, enterpriseId: true, enterpriseName: true, ticketId: true };
export const TICKET_FIELDS = { source: true, enterpriseId: true, category: true, number: true, title: true, status: true, submittedAt: true };

export async function loadProblemSources(communityId: string, p: Period, category?: TicketCategory): Promise<ProblemSources> {
  // Each source is asked of the module that owns it (qa, tickets) or read from the console's own visits.
  const [visitsAll, questions, tickets] = await Promise.all([
    visitsRepository.onDates(communityId, p.from, p.to).all(PROBLEM_SOURCE_MAX),
    questionQueries.askedBetween(communityId, p.start, p.end, category ? questionCategoriesOf(category) : undefined).all(PROBLEM_SOURCE_MAX, QUESTION_FIELDS) as Promise<Array<QuestionDoc & { ticketId?: string }>>,
    ticketQueries.submittedBetween(communityId, p.start, p.end, category).all(PROBLEM_SOURCE_MAX, TICKET_FIELDS),
  ]);
  const visits = category ? visitsAll.filter((v) => v.problems.some((pr) => pr.category === category)) : visitsAll;
  const known = new Map(tickets.map((t) => [t._id, t.status as TicketStatusView]));
  const wanted = [
    ...visits.flatMap((v) => v.problems.map((pr) => pr.ticketId)),
    ...questions.map((q) => (q as { ticketId?: string }).ticketId),
  ].filter((id): id is string => !!id && !known.has(id));
  for (const [id, status] of await ticketQueries.statusesOf(wanted)) known.set(id, status);
  const entIds = [...new Set([...tickets.map((t) => t.enterpriseId), ...questions.map((q) => q.enterpriseId), ...visits.map((v) => v.enterpriseId)].filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  const namesEn = new Map<string, string>();
  for (const e of (await enterprisesRepository.byIds(entIds)).values()) {
    names.set(e._id, e.name);
    if (e.nameEn) namesEn.set(e._id, e.nameEn);
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
