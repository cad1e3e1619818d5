/**
 * Dashboards from the figures (rollups, server/modules/figures): the counters of the period's days,
 * one document per community and day, never the raw history. A view reads:
 *   figures    1 read of the days from the period's start (or the year's, for year to date) to its end
 *              (overdue too: open tickets flagged overdue, a counter of their submission day moved by
 *              the acts and by the sweep when it flips the flag, as the ticket list's "overdue only")
 *   clinic     the settings, 1 aggregation of the period's duties per profession (seats)
 *   ytd        1 count of the year's visits
 * The enterprise filter reads that enterprise's own cases of the period (a narrow indexed query)
 * through the same recount the reconciliation uses, and sums them the same way.
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
import { TicketStatuses, type TicketCategory, type TicketRungView, type TicketUrgencyView } from '../../../core/api/tickets';
import { addInto, type Figures } from '../../../core/rules/figures';
import { OPEN } from '../../../core/rules/ticket-machine';
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import { arrangementTodo } from '../../../core/rules/holiday-calendar';
import type { WorkingCalendar } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { loadSettings } from '../clinic';
import { communitiesRepository, type CommunityDoc } from '../organisation';
import * as figures from '../figures';
import { periodOf, scopedCommunity, type Period } from './console-common';
import { questionCategoriesOf } from './problems.use-cases';

const GROUP_MAX = 10_000;
export const DONE_STATUSES = ['resolved', 'evaluated', 'closed'];

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : 0);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));


/** Days' figures: the stored counters, or a recount of the enterprise's cases. */
type Days = Map<string, Figures>;

function sumOf(days: Days, from: string, to: string): Figures {
  const out: Figures = {};
  for (const [day, f] of days) if (day >= from && day <= to) addInto(out, f);
  return out;
}

/** Each figure of `f` split into its path segments. */
function* entries(f: Figures, kind: string): Generator<[string[], number]> {
  for (const [k, v] of Object.entries(f)) {
    const parts = k.split('.');
    if (parts[0] === kind) yield [parts.slice(1), v];
  }
}

function questionsPanel(days: Days, p: Period, f: DashboardFilter): Dashboard['questions'] {
  const only = f.category ? new Set<string>(questionCategoriesOf(f.category)) : undefined;
  const keep = (c: string) => !only || only.has(c);
  const perDay: Dashboard['questions']['perDay'] = [];
  const byCategory = new Map<string, number>();
  let total = 0;
  let answered = 0;
  let onTime = 0;
  for (let d = p.from; d <= p.to; d = addDays(d, 1)) {
    const day = { date: d, asked: 0, answeredOnTime: 0 };
    for (const [[cat, what], n] of entries(days.get(d) ?? {}, 'q')) {
      if (!keep(cat)) continue;
      if (what === 'asked') {
        day.asked += n;
        total += n;
        byCategory.set(cat, (byCategory.get(cat) ?? 0) + n);
      } else if (what === 'answered') answered += n;
      else if (what === 'onTime') {
        day.answeredOnTime += n;
        onTime += n;
      }
    }
    perDay.push(day);
  }
  return {
    total,
    answered,
    answeredOnTime: onTime,
    onTimeRate: ratio(onTime, total),
    perDay,
    byCategory: QaCategories.filter((c) => (byCategory.get(c) ?? 0) > 0).map((category: QaCategory) => ({ category, count: byCategory.get(category)! })),
  };
}

function ticketsPanel(days: Days, p: Period, f: DashboardFilter): Dashboard['tickets'] {
  const byStatus = new Map<string, number>();
  const byCategory = new Map<string, number>();
  const byUrgency = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  let total = 0;
  let r1 = 0;
  let r2 = 0;
  // Open tickets of the period flagged overdue now (the flag the acts and the sweep keep, counted on the submission day).
  let overdue = 0;
  for (const [[cat, what, value], n] of entries(sumOf(days, p.from, p.to), 't')) {
    if (f.category && cat !== f.category) continue;
    if (what === 's') {
      total += n;
      add(byStatus, value, n);
      add(byCategory, cat, n);
    } else if (what === 'u') add(byUrgency, value, n);
    else if (what === 'r1') r1 += n;
    else if (what === 'r2') r2 += n;
    else if (what === 'o') overdue += n;
  }
  return {
    total,
    byStatus: TicketStatuses.filter((s) => (byStatus.get(s) ?? 0) > 0).map((status) => ({ status, count: byStatus.get(status)! })),
    overdue,
    // A ticket at rung 2 passed rung 1 too: "reached" counts are cumulative.
    escalationsByRung: [
      { rung: 1 as TicketRungView, count: r1 },
      { rung: 2 as TicketRungView, count: r2 },
    ],
    byCategory: [...byCategory]
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([category, count]) => ({ category: category as TicketCategory, count })),
    byUrgency: (['normal', 'urgent', 'critical'] as TicketUrgencyView[]).filter((u) => (byUrgency.get(u) ?? 0) > 0).map((urgency) => ({ urgency, count: byUrgency.get(urgency)! })),
  };
}

async function clinicPanel(communityId: string, days: Days, p: Period): Promise<Dashboard['clinic']> {
  const $ = getDb().command.aggregate;
  const _ = getDb().command;
  const settings = await loadSettings(communityId);
  const slots = Math.max(0, Math.floor((minutes(settings.end) - minutes(settings.start)) / settings.slotMinutes));
  const duties = await getDb().collection(Collections.clinicDuties).aggregate().match({ communityId, date: _.gte(p.from).and(_.lte(p.to)) }).group({ _id: '$profession', n: $.sum(1) }).limit(GROUP_MAX).end();
  const rows = new Map<Profession, { seats: number; booked: number; attended: number; noShow: number }>();
  const row = (prof: Profession) => {
    let r = rows.get(prof);
    if (!r) rows.set(prof, (r = { seats: 0, booked: 0, attended: 0, noShow: 0 }));
    return r;
  };
  for (const d of (duties.data ?? []) as Array<{ _id: Profession; n: number }>) row(d._id).seats += d.n * slots;
  for (const [[prof, what], n] of entries(sumOf(days, p.from, p.to), 'c')) {
    if (what !== 'booked' && what !== 'attended' && what !== 'noShow') continue;
    if (n) row(prof as Profession)[what] += n;
  }
  const byProfession = Professions.filter((x) => rows.has(x)).map((profession) => ({ profession, ...rows.get(profession)! }));
  const sum = (k: 'seats' | 'booked' | 'attended' | 'noShow') => byProfession.reduce((n, r) => n + r[k], 0);
  return { byProfession, utilisation: ratio(sum('booked'), sum('seats')), noShowRate: ratio(sum('noShow'), sum('attended') + sum('noShow')) };
}

function satisfactionPanel(days: Days, p: Period, f: DashboardFilter): Dashboard['satisfaction'] {
  const qcats = f.category ? new Set<string>(questionCategoriesOf(f.category)) : undefined;
  const keep = (kind: string, cat: string) => !f.category || (kind === 'ticket' && cat === f.category) || (kind === 'question' && qcats!.has(cat));
  const months = new Map<string, { count: number; satisfied: number }>();
  for (const [day, figs] of days) {
    if (day < p.from || day > p.to) continue;
    for (const [[kind, cat, what], n] of entries(figs, 's')) {
      if (!keep(kind, cat)) continue;
      const m = months.get(day.slice(0, 7)) ?? { count: 0, satisfied: 0 };
      if (what === 'n') m.count += n;
      if (what === 'ok') m.satisfied += n;
      months.set(day.slice(0, 7), m);
    }
  }
  const rows = [...months].filter(([, r]) => r.count > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const count = rows.reduce((n, [, r]) => n + r.count, 0);
  const satisfied = rows.reduce((n, [, r]) => n + r.satisfied, 0);
  return { byMonth: rows.map(([month, r]) => ({ month, count: r.count, rate: ratio(r.satisfied, r.count) })), rate: ratio(satisfied, count), count };
}

/** The year-to-date span of a period ending `to`: from 1 January of its year to `to` or today, whichever is first. */
function ytdSpan(to: string, now: Date): { year: number; from: string; to: string } {
  const year = Number(to.slice(0, 4));
  const today = shanghaiDate(now);
  const last = to < today ? to : today < `${year}-01-01` ? `${year}-01-01` : today;
  return { year, from: `${year}-01-01`, to: last };
}

async function ytdPanel(communityId: string, stored: Days, to: string, now: Date, withVisits: boolean): Promise<Dashboard['ytd']> {
  const _ = getDb().command;
  const span = ytdSpan(to, now);
  const f = sumOf(stored, span.from, span.to);
  let tickets = 0;
  let questions = 0;
  let consultations = 0;
  let resolved = 0;
  const served = new Set<string>();
  for (const [k, n] of Object.entries(f)) {
    const [kind, a, b, c] = k.split('.');
    if (kind === 't' && b === 's') {
      tickets += n;
      if (DONE_STATUSES.includes(c)) resolved += n;
    } else if (kind === 'q' && b === 'asked') questions += n;
    else if (kind === 'q' && b === 'solved') resolved += n;
    else if (kind === 'c' && b === 'booked') consultations += n;
    else if (kind === 'c' && b === 'attended') resolved += n;
    else if (kind === 'e' && n > 0) served.add(a);
  }
  const visits = withVisits ? ((await getDb().collection(Collections.visits).where({ communityId, date: _.gte(span.from).and(_.lte(span.to)) }).count()).total ?? 0) : 0;
  return { year: span.year, requestsResolved: resolved, enterprisesServed: served.size, visits, questions, consultations, tickets };
}

/** The stored figures a view of period `p` needs: its days and its year's (one read). */
async function storedFor(communityId: string, p: Period, now: Date): Promise<Days> {
  const span = ytdSpan(p.to, now);
  const from = span.from < p.from ? span.from : p.from;
  return new Map((await figures.storedDays(communityId, from, p.to)).map((d) => [d.day, d.figures]));
}

/** One community's dashboard (its staff, or the district role naming it). */
/** (`_cal`: the community's calendar, kept for the callers; the overdue figure is now a counter the acts and the sweep keep.) */
export async function dashboardOf(communityId: string, input: DashboardFilter, now: Date, _cal?: WorkingCalendar): Promise<Dashboard> {
  const p = periodOf(input.from, input.to);
  const [stored, narrowed] = await Promise.all([
    storedFor(communityId, p, now),
    input.enterpriseId ? figures.recount(communityId, p.from, p.to, { enterpriseId: input.enterpriseId }) : undefined,
  ]);
  // The period's panels: the stored counters, or the enterprise's own cases recounted; year to date ignores the filter.
  const days = narrowed ?? stored;
  const [clinic, ytd] = await Promise.all([clinicPanel(communityId, days, p), ytdPanel(communityId, stored, p.to, now, true)]);
  const questions = questionsPanel(days, p, input);
  const tickets = ticketsPanel(days, p, input);
  const satisfaction = satisfactionPanel(days, p, input);
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

/** Communities computed at once by the district overview (each is one read of figures and one of open tickets). */
const DISTRICT_CONCURRENCY = 4;

function rowOf(c: CommunityDoc, d: Pick<Dashboard, 'questions' | 'tickets' | 'satisfaction' | 'ytd'>, arrangement: DistrictCommunityRow['holidayArrangement']): DistrictCommunityRow {
  const row: DistrictCommunityRow = {
    communityId: c._id,
    name: c.name,
    questions: d.questions.total,
    onTimeRate: d.questions.onTimeRate,
    tickets: d.tickets.total,
    open: d.tickets.byStatus.filter((s) => OPEN.includes(s.status)).reduce((n, s) => n + s.count, 0),
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
        const days = await storedFor(c._id, p, now);
        return { questions: questionsPanel(days, p, f), tickets: ticketsPanel(days, p, f), satisfaction: satisfactionPanel(days, p, f), ytd: await ytdPanel(c._id, days, p.to, now, false) };
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
