/**
 * Dashboards: every figure is counted by the database (an indexed `$match` on the community and
 * the period, then `$group`), never by loading the documents. One request per panel and source:
 *   questions  1 aggregation grouped by Beijing day × category (asked, answered, answered on time)
 *   tickets    1 aggregation grouped by status × category × urgency × rung, plus the open ones'
 *              clock fields (projected) for "overdue": deadlines are counted in working days with
 *              the holiday calendar, which the database does not know, so the same rule as the
 *              ticket list (overdueChecks) decides, over open tickets only
 *   clinic     the settings, 1 aggregation of duties per profession, 1 of bookings per profession × status
 *   satisfaction 1 aggregation of `evaluations` (written by function revisit) per month
 *   ytd        1 aggregation per source grouped by enterprise (+ 1 count of visits)
 *
 * Definitions (documented for the screens):
 * - A question is answered on time when its first answer came by the due time then running
 *   (qa stores firstAnsweredAt and answeredOnTime at the first answer); the on-time share is
 *   answeredOnTime / asked.
 * - Clinic seats: each duty booked (one professional in one session) offers one consultation per
 *   slot, slots = (end − start) / slotMinutes of the community's clinic settings; utilisation =
 *   consultations booked (not cancelled) / seats; no-show rate = no-shows / (attended + no-shows).
 * - Satisfaction: an evaluation is satisfied when overall ≥ SATISFIED_SCORE (4).
 * - Year to date (the year of `to`, up to `to` or today): requests resolved = tickets submitted
 *   that year now resolved/evaluated/closed + questions solved + consultations attended;
 *   enterprises served = distinct enterprises behind the year's tickets, questions and attended
 *   consultations.
 * Filters: category (a ticket category; questions by the problem-list mapping, evaluations by
 * their case category; the clinic has professions, not categories, so it ignores it) and enterprise
 * (seats are not an enterprise's, so utilisation then counts the enterprise's bookings against all seats).
 */
import type { Dashboard, DashboardFilter, DistrictCommunityRow, DistrictOverview } from '../../../core/api/console';
import type { Profession } from '../../../core/api/roles';
import { Professions } from '../../../core/api/roles';
import { QaCategories, type QaCategory } from '../../../core/api/qa';
import { SATISFIED_SCORE } from '../../../core/api/revisit';
import type { TicketCategory, TicketRungView, TicketStatusView, TicketUrgencyView } from '../../../core/api/tickets';
import { overdueChecks } from '../../../core/rules/ticket-deadlines';
import type { Ticket } from '../../../core/rules/ticket-machine';
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import { arrangementTodo } from '../../../core/rules/holiday-calendar';
import type { WorkingCalendar } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { loadSettings } from '../clinic';
import { communitiesRepository, type CommunityDoc } from '../organisation';
import { periodOf, scopedCommunity, type Period } from './console-common';
import { questionCategoriesOf } from './problems.use-cases';

const BEIJING_MS = 8 * 3_600_000;
const GROUP_MAX = 10_000;
const OPEN_MAX = 100_000;
export const DONE_STATUSES = ['resolved', 'evaluated', 'closed'];
const TICKET_STATUSES: TicketStatusView[] = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'evaluated', 'closed', 'suspended', 'merged'];
const LIVE_STATUSES = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'suspended'];

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function agg() {
  return getDb().command.aggregate;
}

/** 'YYYY-MM-DD' of a date field on the Beijing calendar, inside an aggregation. */
function beijingDay(field: string) {
  const $ = agg();
  return $.dateToString({ date: $.add([field, BEIJING_MS]), format: '%Y-%m-%d' });
}

function range(p: { start: Date; end: Date }) {
  const _ = getDb().command;
  return _.gte(p.start).and(_.lt(p.end));
}

async function questionsPanel(communityId: string, p: Period, f: DashboardFilter): Promise<Dashboard['questions']> {
  const $ = agg();
  const _ = getDb().command;
  const match: Record<string, unknown> = { communityId, createdAt: range(p) };
  if (f.category) match.category = _.in(questionCategoriesOf(f.category));
  if (f.enterpriseId) match.enterpriseId = f.enterpriseId;
  const res = await getDb()
    .collection(Collections.questions)
    .aggregate()
    .match(match)
    .group({
      _id: { day: beijingDay('$createdAt'), category: '$category' },
      asked: $.sum(1),
      answered: $.sum($.cond({ if: $.ifNull(['$firstAnsweredAt', false]), then: 1, else: 0 })),
      onTime: $.sum($.cond({ if: $.eq(['$answeredOnTime', true]), then: 1, else: 0 })),
    })
    .limit(GROUP_MAX)
    .end();
  const rows = (res.data ?? []) as Array<{ _id: { day: string; category: QaCategory }; asked: number; answered: number; onTime: number }>;
  const days = new Map<string, { asked: number; answeredOnTime: number }>();
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) days.set(d, { asked: 0, answeredOnTime: 0 });
  const byCategory = new Map<QaCategory, number>();
  let total = 0;
  let answered = 0;
  let onTime = 0;
  for (const r of rows) {
    total += r.asked;
    answered += r.answered;
    onTime += r.onTime;
    const day = days.get(r._id.day);
    if (day) {
      day.asked += r.asked;
      day.answeredOnTime += r.onTime;
    }
    byCategory.set(r._id.category, (byCategory.get(r._id.category) ?? 0) + r.asked);
  }
  return {
    total,
    answered,
    answeredOnTime: onTime,
    onTimeRate: ratio(onTime, total),
    perDay: [...days].map(([date, v]) => ({ date, ...v })),
    byCategory: QaCategories.filter((c) => byCategory.has(c)).map((category) => ({ category, count: byCategory.get(category)! })),
  };
}

async function ticketsPanel(communityId: string, p: Period, f: DashboardFilter, now: Date, cal: WorkingCalendar): Promise<Dashboard['tickets']> {
  const $ = agg();
  const _ = getDb().command;
  const match: Record<string, unknown> = { communityId, submittedAt: range(p) };
  if (f.category) match.category = f.category;
  if (f.enterpriseId) match.enterpriseId = f.enterpriseId;
  const [grouped, open] = await Promise.all([
    getDb()
      .collection(Collections.tickets)
      .aggregate()
      .match(match)
      .group({ _id: { status: '$status', category: '$category', urgency: '$urgency', rung: '$rung' }, n: $.sum(1) })
      .limit(GROUP_MAX)
      .end(),
    getDb()
      .collection(Collections.tickets)
      .aggregate()
      .match({ ...match, status: _.in(LIVE_STATUSES) })
      .project({
        status: 1, category: 1, urgency: 1, rung: 1, rungReachedAt: 1, submittedAt: 1, acceptedAt: 1, firstDispatchedAt: 1, dispatchedAt: 1,
        signedAt: 1, lastProgressAt: 1, resolvedAt: 1, reopenedAt: 1, suspensions: 1, communityId: 1, enterpriseId: 1, version: 1,
      })
      .limit(OPEN_MAX)
      .end(),
  ]);
  const rows = (grouped.data ?? []) as Array<{ _id: { status: TicketStatusView; category: TicketCategory; urgency: TicketUrgencyView; rung: TicketRungView }; n: number }>;
  const byStatus = new Map<TicketStatusView, number>();
  const byCategory = new Map<TicketCategory, number>();
  const byUrgency = new Map<TicketUrgencyView, number>();
  const rungs = [0, 0, 0];
  let total = 0;
  for (const r of rows) {
    total += r.n;
    byStatus.set(r._id.status, (byStatus.get(r._id.status) ?? 0) + r.n);
    byCategory.set(r._id.category, (byCategory.get(r._id.category) ?? 0) + r.n);
    byUrgency.set(r._id.urgency, (byUrgency.get(r._id.urgency) ?? 0) + r.n);
    rungs[r._id.rung] = (rungs[r._id.rung] ?? 0) + r.n;
  }
  const overdue = ((open.data ?? []) as Array<Record<string, unknown>>).filter((d) => overdueChecks({ ...d, id: String(d._id) } as unknown as Ticket, now, cal).length > 0).length;
  return {
    total,
    byStatus: TICKET_STATUSES.filter((s) => byStatus.has(s)).map((status) => ({ status, count: byStatus.get(status)! })),
    overdue,
    // A ticket at rung 2 passed rung 1 too: "reached" counts are cumulative.
    escalationsByRung: [
      { rung: 1 as TicketRungView, count: rungs[1] + rungs[2] },
      { rung: 2 as TicketRungView, count: rungs[2] },
    ],
    byCategory: [...byCategory].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([category, count]) => ({ category, count })),
    byUrgency: (['normal', 'urgent', 'critical'] as TicketUrgencyView[]).filter((u) => byUrgency.has(u)).map((urgency) => ({ urgency, count: byUrgency.get(urgency)! })),
  };
}

async function clinicPanel(communityId: string, p: Period, f: DashboardFilter): Promise<Dashboard['clinic']> {
  const $ = agg();
  const _ = getDb().command;
  const settings = await loadSettings(communityId);
  const slots = Math.max(0, Math.floor((minutes(settings.end) - minutes(settings.start)) / settings.slotMinutes));
  const bookingMatch: Record<string, unknown> = { communityId, sessionDate: _.gte(p.from).and(_.lte(p.to)), status: _.neq('cancelled') };
  if (f.enterpriseId) bookingMatch.enterpriseId = f.enterpriseId;
  const [duties, bookings] = await Promise.all([
    getDb().collection(Collections.clinicDuties).aggregate().match({ communityId, date: _.gte(p.from).and(_.lte(p.to)) }).group({ _id: '$profession', n: $.sum(1) }).limit(GROUP_MAX).end(),
    getDb().collection(Collections.clinicBookings).aggregate().match(bookingMatch).group({ _id: { profession: '$profession', status: '$status' }, n: $.sum(1) }).limit(GROUP_MAX).end(),
  ]);
  const rows = new Map<Profession, { seats: number; booked: number; attended: number; noShow: number }>();
  const row = (prof: Profession) => {
    let r = rows.get(prof);
    if (!r) rows.set(prof, (r = { seats: 0, booked: 0, attended: 0, noShow: 0 }));
    return r;
  };
  for (const d of (duties.data ?? []) as Array<{ _id: Profession; n: number }>) row(d._id).seats += d.n * slots;
  for (const b of (bookings.data ?? []) as Array<{ _id: { profession: Profession; status: string }; n: number }>) {
    const r = row(b._id.profession);
    r.booked += b.n;
    if (b._id.status === 'attended') r.attended += b.n;
    if (b._id.status === 'no_show') r.noShow += b.n;
  }
  const byProfession = Professions.filter((x) => rows.has(x)).map((profession) => ({ profession, ...rows.get(profession)! }));
  const sum = (k: 'seats' | 'booked' | 'attended' | 'noShow') => byProfession.reduce((n, r) => n + r[k], 0);
  return { byProfession, utilisation: ratio(sum('booked'), sum('seats')), noShowRate: ratio(sum('noShow'), sum('attended') + sum('noShow')) };
}

async function satisfactionPanel(communityId: string, p: Period, f: DashboardFilter): Promise<Dashboard['satisfaction']> {
  const $ = agg();
  const _ = getDb().command;
  const years = [];
  for (let y = Number(p.from.slice(0, 4)); y <= Number(p.to.slice(0, 4)); y++) years.push(y);
  const match: Record<string, unknown> = { communityId, year: _.in(years), at: range(p) };
  if (f.enterpriseId) match.enterpriseId = f.enterpriseId;
  if (f.category) match.categoryKey = _.in([`ticket.${f.category}`, ...questionCategoriesOf(f.category).map((c) => `question.${c}`)]);
  const res = await getDb()
    .collection(Collections.evaluations)
    .aggregate()
    .match(match)
    .group({ _id: '$month', count: $.sum(1), satisfied: $.sum($.cond({ if: $.gte(['$overall', SATISFIED_SCORE]), then: 1, else: 0 })) })
    .limit(GROUP_MAX)
    .end();
  const rows = ((res.data ?? []) as Array<{ _id: string; count: number; satisfied: number }>).sort((a, b) => (a._id < b._id ? -1 : 1));
  const count = rows.reduce((n, r) => n + r.count, 0);
  const satisfied = rows.reduce((n, r) => n + r.satisfied, 0);
  return { byMonth: rows.map((r) => ({ month: String(r._id), count: r.count, rate: ratio(r.satisfied, r.count) })), rate: ratio(satisfied, count), count };
}

async function ytdPanel(communityId: string, to: string, now: Date): Promise<Dashboard['ytd']> {
  const $ = agg();
  const _ = getDb().command;
  const year = Number(to.slice(0, 4));
  const today = shanghaiDate(now);
  const last = to < today ? to : today < `${year}-01-01` ? `${year}-01-01` : today;
  const p = periodOf(`${year}-01-01`, last);
  const done = (statuses: string[]) => $.sum($.cond({ if: $.in(['$status', statuses]), then: 1, else: 0 }));
  const byEnterprise = async (collection: string, match: Record<string, unknown>, doneStatuses: string[]) =>
    ((await getDb().collection(collection).aggregate().match(match).group({ _id: '$enterpriseId', n: $.sum(1), done: done(doneStatuses) }).limit(GROUP_MAX).end()).data ?? []) as Array<{
      _id: string | null;
      n: number;
      done: number;
    }>;
  const [tickets, questions, consultations, visits] = await Promise.all([
    byEnterprise(Collections.tickets, { communityId, submittedAt: range(p) }, DONE_STATUSES),
    byEnterprise(Collections.questions, { communityId, createdAt: range(p) }, ['solved']),
    byEnterprise(Collections.clinicBookings, { communityId, sessionDate: _.gte(p.from).and(_.lte(p.to)), status: _.neq('cancelled') }, ['attended']),
    getDb().collection(Collections.visits).where({ communityId, date: _.gte(p.from).and(_.lte(p.to)) }).count(),
  ]);
  const served = new Set<string>();
  for (const r of [...tickets, ...questions]) if (r._id) served.add(r._id);
  for (const r of consultations) if (r._id && r.done > 0) served.add(r._id);
  const sum = (rows: Array<{ n: number; done: number }>, k: 'n' | 'done') => rows.reduce((n, r) => n + r[k], 0);
  return {
    year,
    requestsResolved: sum(tickets, 'done') + sum(questions, 'done') + sum(consultations, 'done'),
    enterprisesServed: served.size,
    visits: visits.total ?? 0,
    questions: sum(questions, 'n'),
    consultations: sum(consultations, 'n'),
    tickets: sum(tickets, 'n'),
  };
}

/** One community's dashboard (its staff, or the district role naming it). */
export async function dashboardOf(communityId: string, input: DashboardFilter, now: Date, cal: WorkingCalendar): Promise<Dashboard> {
  const p = periodOf(input.from, input.to);
  const [questions, tickets, clinic, satisfaction, ytd] = await Promise.all([
    questionsPanel(communityId, p, input),
    ticketsPanel(communityId, p, input, now, cal),
    clinicPanel(communityId, p, input),
    satisfactionPanel(communityId, p, input),
    ytdPanel(communityId, p.to, now),
  ]);
  const filter: DashboardFilter = { from: p.from, to: p.to };
  if (input.communityId) filter.communityId = communityId;
  if (input.category) filter.category = input.category;
  if (input.enterpriseId) filter.enterpriseId = input.enterpriseId;
  return { filter, questions, tickets, clinic, satisfaction, ytd };
}

export async function dashboard(ctx: ActionContext, input: DashboardFilter): Promise<Dashboard> {
  const communityId = await scopedCommunity(ctx, input.communityId);
  return dashboardOf(communityId, input, ctx.clock.now(), ctx.calendars.for(communityId));
}

const OPEN_STATUSES: readonly TicketStatusView[] = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'];
/** Communities computed at once by the district overview (each dashboard is a handful of aggregations). */
const DISTRICT_CONCURRENCY = 4;

function rowOf(c: CommunityDoc, d: Pick<Dashboard, 'questions' | 'tickets' | 'satisfaction' | 'ytd'>, arrangement: DistrictCommunityRow['holidayArrangement']): DistrictCommunityRow {
  const row: DistrictCommunityRow = {
    communityId: c._id,
    name: c.name,
    questions: d.questions.total,
    onTimeRate: d.questions.onTimeRate,
    tickets: d.tickets.total,
    open: d.tickets.byStatus.filter((s) => OPEN_STATUSES.includes(s.status)).reduce((n, s) => n + s.count, 0),
    overdue: d.tickets.overdue,
    escalated: d.tickets.escalationsByRung.find((r) => r.rung === 1)?.count ?? 0,
    satisfactionRate: d.satisfaction.rate,
    evaluations: d.satisfaction.count,
    requestsResolved: d.ytd.requestsResolved,
    enterprisesServed: d.ytd.enterprisesServed,
    holidayArrangement: arrangement,
  };
  if (c.nameEn) row.nameEn = c.nameEn;
  return row;
}

/**
 * The district overview: every community's dashboard, reduced to one row each, and the district's
 * totals (rates weighted by what they are rates of). Communities are read a few at a time.
 */
export async function districtOverview(ctx: ActionContext, input: { from: string; to: string }): Promise<DistrictOverview> {
  const p = periodOf(input.from, input.to);
  const now = ctx.clock.now();
  const communities = (await communitiesRepository.all()).sort((a, b) => a._id.localeCompare(b._id));
  const rows: DistrictCommunityRow[] = [];
  const onTime: number[] = [];
  for (let i = 0; i < communities.length; i += DISTRICT_CONCURRENCY) {
    const chunk = communities.slice(i, i + DISTRICT_CONCURRENCY);
    // The panels a row needs (not the clinic's): the same functions as the dashboard's.
    const boards = await Promise.all(
      chunk.map(async (c) => {
        const f: DashboardFilter = { from: p.from, to: p.to };
        const [questions, tickets, satisfaction, ytd] = await Promise.all([questionsPanel(c._id, p, f), ticketsPanel(c._id, p, f, now, ctx.calendars.for(c._id)), satisfactionPanel(c._id, p, f), ytdPanel(c._id, p.to, now)]);
        return { questions, tickets, satisfaction, ytd };
      }),
    );
    boards.forEach((d, k) => {
      rows.push(rowOf(chunk[k], d, arrangementTodo(ctx.calendars.for(chunk[k]._id), now)));
      onTime.push(d.questions.answeredOnTime);
    });
  }
  const sum = (f: (r: DistrictCommunityRow) => number) => rows.reduce((n, r) => n + f(r), 0);
  const questions = sum((r) => r.questions);
  const evaluations = sum((r) => r.evaluations);
  const satisfied = sum((r) => r.satisfactionRate * r.evaluations);
  return {
    from: p.from,
    to: p.to,
    communities: rows,
    totals: {
      questions,
      onTimeRate: questions ? onTime.reduce((n, x) => n + x, 0) / questions : 0,
      tickets: sum((r) => r.tickets),
      open: sum((r) => r.open),
      overdue: sum((r) => r.overdue),
      escalated: sum((r) => r.escalated),
      satisfactionRate: evaluations ? satisfied / evaluations : 0,
      evaluations,
      requestsResolved: sum((r) => r.requestsResolved),
      enterprisesServed: sum((r) => r.enterprisesServed),
      holidayArrangementMissing: rows.filter((r) => r.holidayArrangement.missing).length,
    },
  };
}
