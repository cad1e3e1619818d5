/**
 * 待办 for every role, counted on the server: each line is a backlog counted up to a page ("20+"
 * beyond, TODO_CAP), an indexed count of something small by nature (this week's duties), a counter
 * kept by the acts (figures of now), or a capped read of open cases, so a call reads a bounded
 * number of documents whatever the community's history or backlog.
 * Lines with nothing to do are left out; home shows the rest first, each opening its list.
 */
import type { TodoItem, TodoKey, Todos } from '../../../core/api/notify';
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { coverageGapsAhead } from '../clinic';
import * as figures from '../figures';
import { pending } from '../revisit';
import { openTicketFigures } from '../tickets';
import { inboxRepository } from '../notify';
import { addCapped } from '../../db/reads';
import { TODO_CAP, todosRepository as r } from './todos.repository';

/** Where each line opens (the list, filtered to what the line counts). */
export const TodoPages: Record<TodoKey, string> = {
  infoRequested: 'qa/pages/mine/index?status=awaiting_info',
  toEvaluate: 'revisit/pages/pending/index',
  nextBooking: 'clinic/pages/mine/index',
  questionsWaiting: 'qa/pages/queue/index?status=open',
  dutiesThisWeek: 'clinic/pages/duties/index',
  handoversOffered: 'clinic/pages/duties/index',
  toPassOn: 'tickets/pages/list/index?status=submitted',
  toDispatch: 'tickets/pages/list/index?status=accepted',
  overdue: 'tickets/pages/list/index?overdue=1',
  escalated: 'tickets/pages/list/index?escalated=1',
  coverageGaps: 'clinic/pages/roster/index',
  volunteerApplications: 'staff/pages/volunteers/index',
  followUps: 'revisit/pages/follow-ups/index',
  toSign: 'tickets/pages/list/index?status=dispatched',
  deadlinesNear: 'tickets/pages/list/index?overdue=soon',
  // The holiday calendar's "arrangement missing" status (another change) counts here once it lands.
  arrangementMissing: 'staff/pages/holidays/index',
};

/** Monday to Sunday (Beijing) of the week `today` falls in. */
function weekOf(today: string): { from: string; to: string } {
  const dow = new Date(`${today}T00:00:00+08:00`).getUTCDay(); // 0 Sunday
  const from = addDays(today, -((dow + 6) % 7));
  return { from, to: addDays(from, 6) };
}

/** Hook for staff to-dos computed elsewhere (e.g. the holiday calendar's missing arrangement): answers extra lines. */
export type StaffTodoSource = (communityId: string, now: Date) => Promise<Partial<Record<TodoKey, number>>>;
const staffSources: StaffTodoSource[] = [];
export function addStaffTodoSource(source: StaffTodoSource): void {
  staffSources.push(source);
}

/** A line's count; `more` when it counts a first page only and there are more (待评价: "20+"). */
type Count = number | { count: number; more: boolean };

async function countsFor(ctx: ActionContext, now: Date): Promise<Partial<Record<TodoKey, Count>>> {
  const me = ctx.caller.openid;
  const user = ctx.caller.user;
  const communityId = ctx.caller.communityId;
  switch (ctx.caller.role) {
    case 'worker':
    case 'manager': {
      const enterpriseId = ctx.caller.role === 'manager' ? user?.enterpriseId : undefined;
      const [info, suspended, toEvaluate, nextBooking] = await Promise.all([
        r.questionsAwaitingInfo(me),
        enterpriseId ? r.ticketsSuspended(enterpriseId) : { count: 0, more: false },
        // 待评价: the first page of revisit.pending (its read only), and whether there are more.
        communityId ? pending(ctx).then((p) => ({ count: p.items.length, more: !!p.nextCursor && p.items.length > 0 })) : 0,
        r.upcomingBookings(me, now),
      ]);
      return { infoRequested: addCapped(TODO_CAP, info, suspended), toEvaluate, nextBooking };
    }
    case 'volunteer': {
      if (!communityId || user?.volunteerStatus !== 'approved') return {};
      const week = weekOf(shanghaiDate(now));
      const [questionsWaiting, dutiesThisWeek, handoversOffered] = await Promise.all([
        r.questionsOpen(communityId, user.profession),
        r.dutiesBetween(me, week.from, week.to),
        r.handoversOffered(me),
      ]);
      return { questionsWaiting, dutiesThisWeek, handoversOffered };
    }
    case 'instructor': {
      if (!communityId) return {};
      // Their enterprises' demands, and those of enterprises with no instructor assigned (any instructor passes those on).
      const [mine, unassigned] = await Promise.all([r.ticketsWithStatus(communityId, 'submitted', { instructorId: me }), r.ticketsWithStatus(communityId, 'submitted', { instructorId: null })]);
      return { toPassOn: addCapped(TODO_CAP, mine, unassigned) };
    }
    case 'staff':
    case 'admin': {
      if (!communityId) return {};
      const [toDispatch, open, coverageGaps, volunteerApplications, followUps, ...extra] = await Promise.all([
        r.ticketsWithStatus(communityId, 'accepted'),
        // Overdue (the flag the acts and the sweep keep, which the list it opens filters by) and
        // escalated: the community's figures of now, one read however many tickets are open.
        figures.ticketsNow(communityId),
        coverageGapsAhead(communityId, now, ctx.calendar),
        r.pendingVolunteers(communityId),
        r.openFollowUps(communityId),
        ...staffSources.map((s) => s(communityId, now)),
      ]);
      return { toDispatch, overdue: open.overdue, escalated: open.escalated, coverageGaps, volunteerApplications, followUps, ...Object.assign({}, ...extra) };
    }
    case 'unit': {
      if (!user?.unitId) return {};
      const [toSign, open] = await Promise.all([r.unitTicketsWithStatus(user.unitId, 'dispatched'), openTicketFigures({ unitId: user.unitId }, now, ctx.calendars, TODO_CAP)]);
      return { toSign, overdue: open.overdue, deadlinesNear: open.deadlinesNear };
    }
    default:
      return {};
  }
}

export async function todos(ctx: ActionContext): Promise<Todos> {
  const now = ctx.clock.now();
  const [counts, unread] = await Promise.all([countsFor(ctx, now), ctx.caller.role === 'guest' ? 0 : inboxRepository.unread(ctx.caller.openid)]);
  const items: TodoItem[] = [];
  for (const [key, c] of Object.entries(counts) as Array<[TodoKey, Count]>) {
    const { count, more } = typeof c === 'number' ? { count: c, more: false } : c;
    if (count > 0) items.push(more ? { key, count, more, page: TodoPages[key] } : { key, count, page: TodoPages[key] });
  }
  return { items, unread };
}
