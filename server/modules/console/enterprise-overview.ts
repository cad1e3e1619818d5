/**
 * An enterprise's page (admin.enterpriseOverview): its master data, counts of its cases and one
 * timeline of them — visits, questions, consultations, tickets and the evaluations of them — newest
 * first, paged by time (`cursor` = the last item's time; the next page is what lies strictly before).
 *
 * Reads bounded by the page, not the enterprise's history: each source is read along its
 * (enterprise, time) index, newest first, a page and one more before the cursor, and the five pages
 * are merged. The counts, on the first page only, stop at COUNT_CAP (`countsCapped` names those
 * that reached it: the screen shows "99+"): a count reads at most that many of a source, the same
 * rows as the first page of the timeline. Exact counts of any size would need counters per
 * enterprise kept by every act (an extra write per act), which the service does not keep.
 */
import type { EnterpriseOverview, EnterpriseTimelineItem } from '../../../core/api/console';
import { maskPhone } from '../../../core/rules/privacy';
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { consultationQueries } from '../clinic';
import { questionQueries } from '../qa';
import { revisitQueries } from '../revisit';
import { ticketQueries } from '../tickets';
import { communityOf, cursorDate, enterpriseInCommunity, iso } from './console-common';
import { visitsRepository } from './visits.repository';

export const TIMELINE_PAGE = 30;
/** A count shows at most this (then "99+"): it reads at most one more than this of a source. */
export const COUNT_CAP = 99;

type Counted = keyof NonNullable<EnterpriseOverview['counts']>;

/** A visit is shown at noon (Beijing) of its date. */
const visitAt = (date: string) => iso(`${date}T12:00:00+08:00`);

/** The last visit date whose noon lies strictly before `before`. */
function lastVisitDateBefore(before: Date): string {
  const day = shanghaiDate(before);
  return new Date(visitAt(day)).getTime() < before.getTime() ? day : addDays(day, -1);
}

/** One source of the timeline: its newest items (before `before` when given), up to `limit`. */
type Source = (limit: number, before?: Date) => Promise<EnterpriseTimelineItem[]>;

function sourcesOf(communityId: string, enterpriseId: string): Record<'visits' | 'questions' | 'consultations' | 'tickets' | 'evaluations', Source> {
  return {
    visits: async (limit, before) =>
      (await visitsRepository.ofEnterprise(communityId, enterpriseId, limit, before && lastVisitDateBefore(before), { topics: true, met: true, problems: true })).map((v) => ({
        kind: 'visit' as const,
        id: v._id,
        at: visitAt(v.date),
        title: v.topics.join('、') || v.met,
        status: v.problems.some((p) => p.status === 'open') ? 'open' : 'done',
      })),
    questions: async (limit, before) =>
      (await questionQueries.ofEnterprise(communityId, enterpriseId, limit, before, { title: true, status: true })).map((q) => ({ kind: 'question' as const, id: q._id, at: iso(q.createdAt), title: q.title, status: q.status })),
    consultations: async (limit, before) =>
      (await consultationQueries.ofEnterprise(communityId, enterpriseId, limit, { before, live: true, fields: { description: true, status: true } })).map((b) => ({
        kind: 'consultation' as const,
        id: b._id,
        at: iso(b.startsAt),
        title: b.description,
        status: b.status,
      })),
    tickets: async (limit, before) =>
      (await ticketQueries.ofEnterprise(communityId, enterpriseId, limit, before, { number: true, title: true, status: true })).map((t) => ({
        kind: 'ticket' as const,
        id: t._id,
        at: iso(t.submittedAt),
        title: `${t.number} ${t.title}`,
        status: t.status,
      })),
    evaluations: async (limit, before) =>
      (await revisitQueries.evaluationsOfEnterprise(communityId, enterpriseId, limit, before, { caseTitle: true, caseKind: true, overall: true })).map((e) => ({
        kind: 'evaluation' as const,
        id: e._id,
        at: iso(e.at),
        title: e.caseTitle ?? e.caseKind,
        status: e.caseKind,
        score: e.overall,
      })),
  };
}

const newestFirst = (a: EnterpriseTimelineItem, b: EnterpriseTimelineItem) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? -1 : 1);

export async function enterpriseOverview(ctx: ActionContext, input: { enterpriseId: string; cursor?: string }): Promise<EnterpriseOverview> {
  const communityId = communityOf(ctx);
  const enterprise = await enterpriseInCommunity(ctx, input.enterpriseId);
  const before = cursorDate(input.cursor);
  const sources = sourcesOf(communityId, enterprise._id);
  const kinds = Object.keys(sources) as Array<keyof typeof sources>;
  // The first page reads each source's newest COUNT_CAP + 1: its counts and its timeline from the
  // same rows. A later page reads a page and one more of each before the cursor (no counts).
  const [rows, open] = await Promise.all([
    Promise.all(kinds.map((k) => sources[k](before ? TIMELINE_PAGE + 1 : COUNT_CAP + 1, before))),
    before ? undefined : ticketQueries.liveOfEnterprise(communityId, enterprise._id, COUNT_CAP + 1, { status: true }),
  ]);
  const capped: Counted[] = [];
  const countOf = (k: Counted, n: number) => {
    if (n > COUNT_CAP) capped.push(k);
    return Math.min(n, COUNT_CAP);
  };
  const of = (k: keyof typeof sources) => rows[kinds.indexOf(k)];
  const counts: EnterpriseOverview['counts'] = open && {
    visits: countOf('visits', of('visits').length),
    questions: countOf('questions', of('questions').length),
    consultations: countOf('consultations', of('consultations').length),
    tickets: countOf('tickets', of('tickets').length),
    openTickets: countOf('openTickets', open.length),
    evaluations: countOf('evaluations', of('evaluations').length),
  };
  const rest = rows.flat().sort(newestFirst);
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
  // Every source gave at least a page (or all it has), so the merged page is the true newest.
  if (rest.length > TIMELINE_PAGE) overview.nextCursor = timeline[timeline.length - 1].at;
  return overview;
}
