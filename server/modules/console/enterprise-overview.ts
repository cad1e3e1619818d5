/**
 * An enterprise's page (admin.enterpriseOverview): its master data, counts of its cases and one
 * timeline of them — visits, questions, consultations, tickets and the evaluations of them — newest
 * first, paged by position: the cursor names the last item shown, `<at>|<kind>|<id>`.
 *
 * Order: newest first; at one instant visits, then questions, consultations, tickets, evaluations;
 * within a kind by document id, descending (its index's order). So items sharing an instant across
 * a page edge are neither skipped nor repeated: each source continues at the cursor's instant (the
 * rest of it after the cursor's place) and then before it.
 *
 * Reads bounded by the page, not the enterprise's history: each source is read along its
 * (enterprise, time, _id) index, newest first, a page and one more after the cursor, and the five
 * pages are merged. The counts, on the first page only, stop at TIMELINE_PAGE (`countsCapped` names
 * those that reached it: the screen shows "30+"): a count is the first page's own rows of a source,
 * and the open demands a page and one more of their ids. Exact counts of any size would need
 * counters per enterprise kept by every act (an extra write per act), which the service does not keep.
 */
import type { EnterpriseOverview, EnterpriseTimelineItem } from '../../../core/api/console';
import { ErrorCodes } from '../../../core/api/errors';
import { maskPhone } from '../../../core/rules/privacy';
import { shanghaiDate } from '../../../core/rules/working-days';
import type { InstantAfter } from '../../db/reads';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError } from '../../kernel/errors';
import { consultationQueries } from '../clinic';
import { questionQueries } from '../qa';
import { revisitQueries } from '../revisit';
import { ticketQueries } from '../tickets';
import { communityOf, enterpriseInCommunity, iso } from './console-common';
import { visitsRepository } from './visits.repository';

export const TIMELINE_PAGE = 30;

/** The kinds this page lists (a survey answer is not one of its sources). */
type Kind = Exclude<EnterpriseTimelineItem['kind'], 'survey'>;
type Item = EnterpriseTimelineItem & { kind: Kind };
type Counted = keyof NonNullable<EnterpriseOverview['counts']>;

const RANK: Record<Kind, number> = { visit: 0, question: 1, consultation: 2, ticket: 3, evaluation: 4 };

/** Where an item stands in the timeline's order. */
interface Place {
  at: string;
  kind: Kind;
  id: string;
}

/** Negative when `a` comes first. */
function compare(a: Place, b: Place): number {
  if (a.at !== b.at) return a.at > b.at ? -1 : 1;
  if (a.kind !== b.kind) return RANK[a.kind] - RANK[b.kind];
  if (a.id !== b.id) return a.id > b.id ? -1 : 1;
  return 0;
}

const cursorOf = (p: Place) => `${p.at}|${p.kind}|${p.id}`;

function parseCursor(cursor: string | undefined): Place | undefined {
  if (!cursor) return undefined;
  const [at, kind, id, ...extra] = cursor.split('|');
  const t = new Date(at ?? '');
  const ok = !Number.isNaN(t.getTime()) && t.toISOString() === at && Object.hasOwn(RANK, kind ?? '') && !!id && extra.length === 0;
  if (!ok) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return { at, kind: kind as Kind, id };
}

/** A visit is shown at noon (Beijing) of its date. */
const visitAt = (date: string) => iso(`${date}T12:00:00+08:00`);

/**
 * Where a source continues after the cursor: at the cursor's instant in the source's own field
 * (`fieldAt`), with the rest of that instant (the source's items there after the cursor's place,
 * all of them or none), then before it. `instantOf` is the item time the source's field value at
 * the cursor's instant stands for (a visit's date: its noon).
 */
function afterFor(kind: Kind, c: Place | undefined, fieldAt: (iso: string) => unknown, instantOf: (iso: string) => string): InstantAfter | undefined {
  if (!c) return undefined;
  const mine = instantOf(c.at);
  const at = fieldAt(c.at);
  // This source's items at that field value all come before the cursor (newer), or all after it.
  if (mine !== c.at) return { at, rest: mine > c.at ? 'none' : 'all' };
  if (c.kind === kind) return { at, rest: { id: c.id } };
  return { at, rest: RANK[kind] > RANK[c.kind] ? 'all' : 'none' };
}

/** One source of the timeline: its first `limit` items after the cursor. */
type Source = (limit: number, c: Place | undefined) => Promise<Item[]>;

const sameInstant = (at: string) => at;
const instant = (at: string) => new Date(at);

function sourcesOf(communityId: string, enterpriseId: string): Record<'visits' | 'questions' | 'consultations' | 'tickets' | 'evaluations', Source> {
  return {
    visits: async (limit, c) =>
      (await visitsRepository.ofEnterprise(communityId, enterpriseId, limit, afterFor('visit', c, (at) => shanghaiDate(new Date(at)), (at) => visitAt(shanghaiDate(new Date(at)))), { topics: true, met: true, problems: true })).map((v) => ({
        kind: 'visit' as const,
        id: v._id,
        at: visitAt(v.date),
        title: v.topics.join('、') || v.met,
        status: v.problems.some((p) => p.status === 'open') ? 'open' : 'done',
      })),
    questions: async (limit, c) =>
      (await questionQueries.ofEnterprise(communityId, enterpriseId, limit, afterFor('question', c, instant, sameInstant), { title: true, status: true })).map((q) => ({ kind: 'question' as const, id: q._id, at: iso(q.createdAt), title: q.title, status: q.status })),
    consultations: async (limit, c) =>
      (await consultationQueries.ofEnterprise(communityId, enterpriseId, limit, { after: afterFor('consultation', c, instant, sameInstant), live: true, fields: { description: true, status: true } })).map((b) => ({
        kind: 'consultation' as const,
        id: b._id,
        at: iso(b.startsAt),
        title: b.description,
        status: b.status,
      })),
    tickets: async (limit, c) =>
      (await ticketQueries.ofEnterprise(communityId, enterpriseId, limit, afterFor('ticket', c, instant, sameInstant), { number: true, title: true, status: true })).map((t) => ({
        kind: 'ticket' as const,
        id: t._id,
        at: iso(t.submittedAt),
        title: `${t.number} ${t.title}`,
        status: t.status,
      })),
    evaluations: async (limit, c) =>
      (await revisitQueries.evaluationsOfEnterprise(communityId, enterpriseId, limit, afterFor('evaluation', c, instant, sameInstant), { caseTitle: true, caseKind: true, overall: true })).map((e) => ({
        kind: 'evaluation' as const,
        id: e._id,
        at: iso(e.at),
        title: e.caseTitle ?? e.caseKind,
        status: e.caseKind,
        score: e.overall,
      })),
  };
}

export async function enterpriseOverview(ctx: ActionContext, input: { enterpriseId: string; cursor?: string }): Promise<EnterpriseOverview> {
  const communityId = communityOf(ctx);
  const enterprise = await enterpriseInCommunity(ctx, input.enterpriseId);
  const c = parseCursor(input.cursor);
  const sources = sourcesOf(communityId, enterprise._id);
  const kinds = Object.keys(sources) as Array<keyof typeof sources>;
  // Each source's first page and one more after the cursor (on the first page its count too: a
  // page and one more says "30" or "30+"), and on the first page a page and one more of the open demands' ids.
  const need = TIMELINE_PAGE + 1;
  const [rows, open] = await Promise.all([
    Promise.all(kinds.map(async (k) => (await sources[k](need, c)).filter((e) => !c || compare(c, e) < 0))),
    c ? undefined : ticketQueries.liveCountOfEnterprise(communityId, enterprise._id, TIMELINE_PAGE),
  ]);
  const capped: Counted[] = [];
  const countOf = (k: Counted, n: number, more = n > TIMELINE_PAGE) => {
    if (more) capped.push(k);
    return Math.min(n, TIMELINE_PAGE);
  };
  const of = (k: keyof typeof sources) => rows[kinds.indexOf(k)];
  const counts: EnterpriseOverview['counts'] = open && {
    visits: countOf('visits', of('visits').length),
    questions: countOf('questions', of('questions').length),
    consultations: countOf('consultations', of('consultations').length),
    tickets: countOf('tickets', of('tickets').length),
    openTickets: countOf('openTickets', open.count, open.more),
    evaluations: countOf('evaluations', of('evaluations').length),
  };
  const rest = rows.flat().sort(compare);
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
    timeline,
  };
  if (counts) overview.counts = counts;
  if (capped.length) overview.countsCapped = capped;
  // Every source gave a page and one more after the cursor (or all it has), so the merged page is the true next one.
  if (rest.length > TIMELINE_PAGE) overview.nextCursor = cursorOf(timeline[timeline.length - 1]);
  return overview;
}
