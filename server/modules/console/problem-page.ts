/**
 * admin.problemList: a page of the period's problems (visit problems, questions, tickets not opened
 * from either), newest first, and on the first page the period's summary per category from the
 * daily figures. Reads bounded by the page: each source is read along its (community, time, _id)
 * index, a page and one more after the cursor, and the three are merged; the ticket statuses and
 * enterprise names are read for the page's items only. The whole period's list is the export
 * (exports.use-cases.ts, loadProblemSources): an export job, not a list.
 *
 * Order: newest first; at one instant visits, then questions, then tickets; within a source by
 * document id, descending (the index's order); a visit's problems in their own order. The cursor
 * names the last item shown: `<at>|<source>|<document id>|<problem index>`.
 */
import { ErrorCodes } from '../../../core/api/errors';
import type { ProblemItem, ProblemList, ProblemSource } from '../../../core/api/console';
import type { TicketCategory } from '../../../core/api/tickets';
import { problemSummaryOf } from '../../../core/rules/problem-list';
import { shanghaiDate } from '../../../core/rules/working-days';
import type { InstantAfter } from '../../db/reads';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError } from '../../kernel/errors';
import * as figures from '../figures';
import { enterprisesRepository } from '../organisation';
import { questionQueries, type QuestionDoc } from '../qa';
import { ticketQueries, type TicketDoc } from '../tickets';
import type { TicketStatusView } from '../../../core/api/tickets';
import { iso, PAGE_SIZE, periodOf, scopedCommunity, type Period } from './console-common';
import { problemItems, questionCategoriesOf, QUESTION_FIELDS, TICKET_FIELDS } from './problems.use-cases';
import { visitsRepository, type VisitDoc } from './visits.repository';

const RANK: Record<ProblemSource, number> = { visit: 0, question: 1, ticket: 2 };
/** Tickets opened from these are listed at their source. */
const LISTED_AT_SOURCE = ['visit', 'question'] as const;

/** Where an item stands in the list's order. */
interface Place {
  at: string;
  source: ProblemSource;
  doc: string;
  /** A visit problem's index in its visit (0 for the others). */
  sub: number;
}

interface Entry extends Place {
  row: VisitDoc | QuestionDoc | TicketDoc;
}

/** Negative when `a` comes first. */
function compare(a: Place, b: Place): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.source !== b.source) return RANK[a.source] - RANK[b.source];
  if (a.doc !== b.doc) return a.doc > b.doc ? -1 : 1;
  return a.sub - b.sub;
}

const cursorOf = (p: Place) => `${p.at}|${p.source}|${p.doc}|${p.sub}`;

function parseCursor(cursor: string | undefined, p: Period): Place | undefined {
  if (!cursor) return undefined;
  const [at, source, doc, sub] = cursor.split('|');
  const t = new Date(at ?? '');
  const ok = !Number.isNaN(t.getTime()) && t.toISOString() === at && t >= p.start && t < p.end && Object.hasOwn(RANK, source ?? '') && !!doc && /^\d+$/.test(sub ?? '');
  if (!ok) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return { at, source: source as ProblemSource, doc, sub: Number(sub) };
}

/** The instant a source's rows continue from, for a cursor in the list's order (`at` in the source's own field). */
function afterFor(source: ProblemSource, c: Place | undefined, fieldAt: (iso: string) => unknown, instantOf: (iso: string) => string): InstantAfter | undefined {
  if (!c) return undefined;
  const mine = instantOf(c.at);
  const at = fieldAt(c.at);
  // This source's rows at the cursor's instant (in its own field) all came before it, or all come after it.
  if (mine !== c.at) return { at, rest: mine > c.at ? 'none' : 'all' };
  if (c.source === source) return { at, rest: { id: c.doc, inclusive: source === 'visit' } };
  return { at, rest: RANK[source] > RANK[c.source] ? 'all' : 'none' };
}

const visitAt = (date: string) => iso(`${date}T12:00:00+08:00`);

/** A source's first `need` entries after the cursor (fewer when it has no more). */
async function firstEntries<R>(rows: Promise<R[]>, entriesOf: (row: R) => Entry[], c: Place | undefined, need: number): Promise<Entry[]> {
  return (await rows)
    .flatMap(entriesOf)
    .filter((e) => !c || compare(c, e) < 0)
    .sort(compare)
    .slice(0, need);
}

export async function problemList(ctx: ActionContext, input: { from: string; to: string; category?: TicketCategory; communityId?: string; cursor?: string }): Promise<ProblemList> {
  const p = periodOf(input.from, input.to);
  const communityId = await scopedCommunity(ctx, input.communityId);
  const c = parseCursor(input.cursor, p);
  const category = input.category;
  const need = PAGE_SIZE + 1;
  // One row more than needed: a visit the cursor stands in may give nothing more.
  const limit = need + 1;
  const sameInstant = (at: string) => at;
  const [visits, questions, tickets, days] = await Promise.all([
    firstEntries(
      visitsRepository.newestOnDates(communityId, p.from, p.to, { category, limit, after: afterFor('visit', c, (at) => shanghaiDate(new Date(at)), (at) => visitAt(shanghaiDate(new Date(at)))) }),
      (v: VisitDoc) =>
        v.problems.flatMap((pr, sub) => (category && pr.category !== category ? [] : [{ at: visitAt(v.date), source: 'visit' as const, doc: v._id, sub, row: v }])),
      c,
      need,
    ),
    firstEntries(
      questionQueries.newestBetween(communityId, p.start, p.end, { categories: category ? questionCategoriesOf(category) : undefined, limit, after: afterFor('question', c, (at) => new Date(at), sameInstant), fields: QUESTION_FIELDS }),
      (q: QuestionDoc) => [{ at: iso(q.createdAt), source: 'question' as const, doc: q._id, sub: 0, row: q }],
      c,
      need,
    ),
    firstEntries(
      ticketQueries.newestBetween(communityId, p.start, p.end, { category, notFrom: LISTED_AT_SOURCE, limit, after: afterFor('ticket', c, (at) => new Date(at), sameInstant), fields: TICKET_FIELDS }),
      (t: TicketDoc) => [{ at: iso(t.submittedAt), source: 'ticket' as const, doc: t._id, sub: 0, row: t }],
      c,
      need,
    ),
    c ? undefined : figures.storedDays(communityId, p.from, p.to),
  ]);
  const merged = [...visits, ...questions, ...tickets].sort(compare);
  const page = merged.slice(0, PAGE_SIZE);
  const list: ProblemList = { from: p.from, to: p.to, items: await itemsOf(page, category) };
  if (merged.length > PAGE_SIZE) list.nextCursor = cursorOf(page[page.length - 1]);
  if (days) list.summary = problemSummaryOf(days.map((d) => d.figures), category);
  return list;
}

/** The page's items: the statuses of the tickets they link and their enterprises' names, read for them only. */
async function itemsOf(page: Entry[], category?: TicketCategory): Promise<ProblemItem[]> {
  const rows = <T>(source: ProblemSource) => [...new Map(page.filter((e) => e.source === source).map((e) => [e.doc, e.row as T])).values()];
  const visits = rows<VisitDoc>('visit');
  const questions = rows<QuestionDoc & { ticketId?: string }>('question');
  const tickets = rows<TicketDoc>('ticket');
  const linked = await ticketQueries.statusesOf([...visits.flatMap((v) => v.problems.map((pr) => pr.ticketId)), ...questions.map((q) => q.ticketId)].filter((id): id is string => !!id));
  for (const t of tickets) linked.set(t._id, t.status as TicketStatusView);
  const names = new Map<string, string>();
  const namesEn = new Map<string, string>();
  const entIds = [...new Set([...tickets.map((t) => t.enterpriseId), ...questions.map((q) => q.enterpriseId), ...visits.map((v) => v.enterpriseId)].filter((x): x is string => !!x))];
  for (const e of (await enterprisesRepository.byIds(entIds)).values()) {
    names.set(e._id, e.name);
    if (e.nameEn) namesEn.set(e._id, e.nameEn);
  }
  for (const v of visits) names.set(v.enterpriseId, v.enterpriseName);
  const byKey = new Map(problemItems({ visits, questions, tickets, linked, names, namesEn }, category).map((i) => [`${i.source}|${i.id}`, i]));
  return page.flatMap((e) => {
    const id = e.source === 'visit' ? `${e.doc}:${(e.row as VisitDoc).problems[e.sub].id}` : e.doc;
    const item = byKey.get(`${e.source}|${id}`);
    return item ? [item] : [];
  });
}
