/**
 * Every dashboard figure of the staff console against the count computed here from seeded
 * documents (tickets of every status, category, urgency and rung; questions answered on time and
 * late; duties, bookings, evaluations; some outside the period or of another community), through
 * the emulator, the real SDK and the real bundles. The clock is pinned to March 2027. (Split from
 * console-flows.test.ts, which keeps the visit log, demands, exports and master data.)
 */
import { PACKAGE_CALENDAR } from '../../core/rules/holiday-calendar';
import type { Dashboard, VisitView } from '../../core/api/console';
import { SATISFIED_SCORE } from '../../core/api/revisit';
import { problemCategoryOfQuestion } from '../../core/rules/problem-list';
import { overdueChecks } from '../../core/rules/ticket-deadlines';
import { addDays, shanghaiDate } from '../../core/rules/working-days';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import * as figures from '../../server/modules/figures';
import type { BookingDoc, DutyDoc } from '../../server/modules/clinic/clinic.repository';
import type { QuestionDoc } from '../../server/modules/qa/question.repository';
import { toTicket, type TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type ClockChange, type TestEnv } from '../support/harness';

import { STAFF, MANAGER, COMMUNITY, PINNED, FROM, TO, code, b, inPeriod, all, problemPages } from './console-fixtures';

describe('staff console figures', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    await setClock({ now: PINNED });
  });
  afterAll(async () => {
    await setClock({ reset: true });
    await env.close();
  });

  const setClock = (body: ClockChange) => env.setClock(body);
  const admin = <T>(action: string, data: unknown, as = STAFF) => env.ok<T>('admin', action, data, { as });


  describe('figures from seeded data', () => {
    const now0 = () => new Date();
    beforeAll(async () => {
      // Seed directly: tickets of every status, category, urgency and rung; questions answered on time and late; duties, bookings, evaluations;
      // some outside the period and some of another community (none of which may count).
      const statuses = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'evaluated', 'closed', 'suspended'] as const;
      const cats = ['permit', 'subsidy', 'recruiting', 'utilities', 'legal'] as const;
      const urg = ['normal', 'urgent', 'critical'] as const;
      const tickets: TicketDoc[] = [];
      for (let i = 0; i < 90; i++) {
        const day = i % 5 === 4 ? '2027-01-20' : addDays(FROM, i % 38);
        const submittedAt = b(day, '09:30');
        const status = statuses[i % statuses.length];
        tickets.push({
          _id: `tk-seed-${i}`,
          number: `SEED-${i}`,
          communityId: i % 11 === 10 ? 'other' : COMMUNITY,
          enterpriseId: i % 3 === 0 ? 'ent-xpmould' : 'ent-yongsen',
          status,
          version: 1,
          category: cats[i % cats.length],
          urgency: urg[i % urg.length],
          instructorId: null,
          rung: (i % 7 === 0 ? 2 : i % 4 === 0 ? 1 : 0) as 0 | 1 | 2,
          rungReachedAt: submittedAt,
          submittedAt,
          acceptedAt: status === 'submitted' ? null : submittedAt,
          dispatchedAt: ['dispatched', 'signed', 'in_progress'].includes(status) ? submittedAt : null,
          firstDispatchedAt: ['dispatched', 'signed', 'in_progress'].includes(status) ? submittedAt : null,
          signedAt: ['signed', 'in_progress'].includes(status) ? submittedAt : null,
          resolvedAt: ['resolved', 'evaluated', 'closed'].includes(status) ? submittedAt : null,
          suspensions: status === 'suspended' ? [{ start: submittedAt, end: null }] : [],
          suspendedFrom: status === 'suspended' ? 'in_progress' : null,
          title: `种子诉求 ${i}`,
          description: 'seed',
          attachments: [],
          submittedBy: 'seed',
          source: null,
          updatedAt: submittedAt,
        } as unknown as TicketDoc);
      }
      // The `overdue` flag as the sweep leaves it (a passed deadline): the dashboard counts the flag.
      for (const t of tickets) t.overdue = overdueChecks(toTicket(t), now0(), PACKAGE_CALENDAR).length > 0;
      await getDb().collection(Collections.tickets).add(tickets);
      const qcats = ['legal', 'tax', 'hr', 'policy', 'life'] as const;
      const questions: QuestionDoc[] = [];
      for (let i = 0; i < 60; i++) {
        const createdAt = b(i % 6 === 5 ? '2027-01-25' : addDays(FROM, (i * 3) % 38), '11:00');
        const answered = i % 3 !== 0;
        questions.push({
          _id: `q-seed-${i}`,
          communityId: i % 13 === 12 ? 'other' : COMMUNITY,
          askerOpenid: 'seed',
          enterpriseId: i % 2 ? 'ent-brenner' : 'ent-yongsen',
          anonymous: false,
          title: `种子问题 ${i}`,
          description: 'seed',
          category: qcats[i % qcats.length],
          attachments: [],
          status: answered ? (i % 4 === 0 ? 'solved' : 'answered') : 'open',
          dueAt: answered ? null : b(addDays(shanghaiDate(createdAt), 1), '18:00'),
          overdueNotified: false,
          messageCount: answered ? 1 : 0,
          createdAt,
          updatedAt: createdAt,
          ...(answered ? { firstAnsweredAt: createdAt, answeredOnTime: i % 5 !== 0 } : {}),
        });
      }
      await getDb().collection(Collections.questions).add(questions);
      const profs = ['lawyer', 'accountant', 'tax_advisor'] as const;
      const duties = Array.from({ length: 12 }, (_, i) => ({
        _id: `duty:seed:${i}`,
        communityId: i === 11 ? 'other' : COMMUNITY,
        sessionId: `${addDays(FROM, i * 2)}-am`,
        sessionKey: `seed:${i}`,
        date: i === 10 ? '2027-01-10' : addDays(FROM, i * 2),
        month: '2027-02',
        monthKey: `seed:2027-02`,
        profession: profs[i % 3],
        seat: 0,
        volunteerOpenid: `v-${i}`,
        source: 'booked',
        startsAt: b(addDays(FROM, i * 2), '09:00'),
        personKey: `seed-person-${i}`,
        capKey: `seed-cap-${i}`,
        createdAt: b(FROM),
        updatedAt: b(FROM),
      })) as unknown as DutyDoc[];
      await getDb().collection(Collections.clinicDuties).add(duties);
      const bstat = ['confirmed', 'attended', 'no_show', 'cancelled', 'attended'] as const;
      const bookings = Array.from({ length: 25 }, (_, i) => ({
        _id: `bk-seed-${i}`,
        communityId: i === 24 ? 'other' : COMMUNITY,
        sessionDate: i === 23 ? '2027-01-11' : addDays(FROM, (i * 2) % 30),
        sessionKey: `seed-bk:${i}`,
        monthKey: 'seed',
        profession: profs[i % 3],
        status: bstat[i % bstat.length],
        seatKey: `seed-seat-${i}`,
        bookerSlotKey: `seed-slot-${i}`,
        bookerProfessionKey: `seed-prof-${i}`,
        bookerId: 'seed',
        enterpriseId: i % 2 ? 'ent-xpmould' : 'ent-yongsen',
        startsAt: b(addDays(FROM, (i * 2) % 30), '09:00'),
        description: 'seed',
        attachments: [],
      }));
      await getDb().collection(Collections.clinicBookings).add(bookings);
      const evaluations = Array.from({ length: 30 }, (_, i) => {
        const at = b(i % 10 === 9 ? '2027-01-15' : addDays(FROM, (i * 5) % 38), '15:00');
        return {
          _id: `ticket:seed-${i}:x`,
          communityId: i === 29 ? 'other' : COMMUNITY,
          caseKind: i % 2 ? 'ticket' : 'question',
          caseId: `seed-${i}`,
          overall: (i % 5) + 1,
          at,
          year: 2027,
          month: shanghaiDate(at).slice(0, 7),
          categoryKey: i % 2 ? 'ticket.permit' : 'question.legal',
          enterpriseId: 'ent-yongsen',
        };
      });
      await getDb().collection(Collections.evaluations).add(evaluations);
      // Written straight to the database, behind the acts: their figures come from the recount that
      // migrates existing data (docs/figures.md).
      await figures.rebuild(COMMUNITY, '2026-01-01', '2027-12-31', new Date(PINNED));
    });

    it('every dashboard figure equals the count computed from the documents', async () => {
      const d = await admin<Dashboard>('dashboard', { from: FROM, to: TO });
      const now = now0();
      // questions
      const qs = (await all<QuestionDoc>(Collections.questions)).filter((q) => inPeriod(q.createdAt));
      expect(d.questions.total).toBe(qs.length);
      expect(d.questions.answered).toBe(qs.filter((q) => q.firstAnsweredAt).length);
      expect(d.questions.answeredOnTime).toBe(qs.filter((q) => q.answeredOnTime === true).length);
      expect(d.questions.onTimeRate).toBeCloseTo(qs.filter((q) => q.answeredOnTime === true).length / qs.length, 3);
      expect(d.questions.perDay).toHaveLength(38);
      for (const day of d.questions.perDay) {
        const of = qs.filter((q) => shanghaiDate(new Date(q.createdAt)) === day.date);
        expect([day.date, day.asked, day.answeredOnTime]).toEqual([day.date, of.length, of.filter((q) => q.answeredOnTime === true).length]);
      }
      for (const c of d.questions.byCategory) expect(c.count).toBe(qs.filter((q) => q.category === c.category).length);
      expect(d.questions.byCategory.reduce((n, c) => n + c.count, 0)).toBe(qs.length);
      // tickets
      const ts = (await all<TicketDoc>(Collections.tickets)).filter((t) => inPeriod(t.submittedAt));
      expect(d.tickets.total).toBe(ts.length);
      for (const s of d.tickets.byStatus) expect(s.count).toBe(ts.filter((t) => t.status === s.status).length);
      expect(d.tickets.byStatus.reduce((n, s) => n + s.count, 0)).toBe(ts.length);
      for (const c of d.tickets.byCategory) expect(c.count).toBe(ts.filter((t) => t.category === c.category).length);
      for (const u of d.tickets.byUrgency) expect(u.count).toBe(ts.filter((t) => t.urgency === u.urgency).length);
      expect(d.tickets.escalationsByRung).toEqual([
        { rung: 1, count: ts.filter((t) => t.rung >= 1).length },
        { rung: 2, count: ts.filter((t) => t.rung >= 2).length },
      ]);
      const overdue = ts.filter((t) => overdueChecks(toTicket(t), now, PACKAGE_CALENDAR).length > 0).length;
      expect(overdue).toBeGreaterThan(0);
      expect(d.tickets.overdue).toBe(overdue);
      // clinic
      const settings = await env.ok<{ start: string; end: string; slotMinutes: number }>('clinic', 'settings', {}, { as: STAFF });
      const slots = (Number(settings.end.slice(0, 2)) * 60 + Number(settings.end.slice(3)) - Number(settings.start.slice(0, 2)) * 60 - Number(settings.start.slice(3))) / settings.slotMinutes;
      const duties = (await all<DutyDoc>(Collections.clinicDuties)).filter((x) => x.date >= FROM && x.date <= TO);
      const bks = (await all<BookingDoc>(Collections.clinicBookings)).filter((x) => x.sessionDate >= FROM && x.sessionDate <= TO && x.status !== 'cancelled');
      for (const p of d.clinic.byProfession) {
        expect(p).toEqual({
          profession: p.profession,
          seats: duties.filter((x) => x.profession === p.profession).length * slots,
          booked: bks.filter((x) => x.profession === p.profession).length,
          attended: bks.filter((x) => x.profession === p.profession && x.status === 'attended').length,
          noShow: bks.filter((x) => x.profession === p.profession && x.status === 'no_show').length,
        });
      }
      expect(d.clinic.byProfession.reduce((n, p) => n + p.booked, 0)).toBe(bks.length);
      const att = bks.filter((x) => x.status === 'attended').length;
      const ns = bks.filter((x) => x.status === 'no_show').length;
      expect(d.clinic.noShowRate).toBeCloseTo(ns / (att + ns), 3);
      expect(d.clinic.utilisation).toBeCloseTo(bks.length / (duties.length * slots), 3);
      // satisfaction
      const evs = (await all<{ at: Date; month: string; overall: number }>(Collections.evaluations)).filter((e) => inPeriod(e.at));
      expect(d.satisfaction.count).toBe(evs.length);
      expect(d.satisfaction.rate).toBeCloseTo(evs.filter((e) => e.overall >= SATISFIED_SCORE).length / evs.length, 3);
      expect(d.satisfaction.byMonth.map((m) => m.month)).toEqual(['2027-02', '2027-03']);
      for (const m of d.satisfaction.byMonth) {
        const of = evs.filter((e) => e.month === m.month);
        expect(m.count).toBe(of.length);
        expect(m.rate).toBeCloseTo(of.filter((e) => e.overall >= SATISFIED_SCORE).length / of.length, 3);
      }
      // year to date: 2027-01-01 to today
      const ytd = (d0: Date | string) => inPeriod(d0, '2027-01-01', TO);
      const yt = (await all<TicketDoc>(Collections.tickets)).filter((t) => ytd(t.submittedAt));
      const yq = (await all<QuestionDoc>(Collections.questions)).filter((q) => ytd(q.createdAt));
      const yb = (await all<BookingDoc>(Collections.clinicBookings)).filter((x) => x.sessionDate >= '2027-01-01' && x.sessionDate <= TO && x.status !== 'cancelled');
      const yv = (await all<{ date: string }>(Collections.visits)).filter((v) => v.date >= '2027-01-01' && v.date <= TO);
      const resolved = yt.filter((t) => ['resolved', 'evaluated', 'closed'].includes(t.status)).length + yq.filter((q) => q.status === 'solved').length + yb.filter((x) => x.status === 'attended').length;
      const served = new Set([...yt.map((t) => t.enterpriseId), ...yq.map((q) => q.enterpriseId), ...yb.filter((x) => x.status === 'attended').map((x) => x.enterpriseId)].filter(Boolean));
      expect(d.ytd).toEqual({ year: 2027, requestsResolved: resolved, enterprisesServed: served.size, visits: yv.length, questions: yq.length, consultations: yb.length, tickets: yt.length });
    });

    it('filters by category and enterprise; refuses a period over 366 days or reversed', async () => {
      const d = await admin<Dashboard>('dashboard', { from: FROM, to: TO, category: 'legal', enterpriseId: 'ent-yongsen' });
      const ts = (await all<TicketDoc>(Collections.tickets)).filter((t) => inPeriod(t.submittedAt) && t.category === 'legal' && t.enterpriseId === 'ent-yongsen');
      expect(d.tickets.total).toBe(ts.length);
      const qs = (await all<QuestionDoc>(Collections.questions)).filter((q) => inPeriod(q.createdAt) && problemCategoryOfQuestion(q.category) === 'legal' && q.enterpriseId === 'ent-yongsen');
      expect(d.questions.total).toBe(qs.length);
      expect(d.filter).toEqual({ from: FROM, to: TO, category: 'legal', enterpriseId: 'ent-yongsen' });
      expect(code(await env.call('admin', 'dashboard', { from: '2026-01-01', to: '2027-01-02' }, { as: STAFF }))).toBe('PERIOD.INVALID');
      expect(code(await env.call('admin', 'dashboard', { from: TO, to: FROM }, { as: STAFF }))).toBe('PERIOD.INVALID');
      expect(code(await env.call('admin', 'dashboard', { from: FROM, to: TO }, { as: MANAGER }))).toBe('AUTH.FORBIDDEN');
    });

    it('the problem list pages the period’s visit problems, questions and tickets newest first (a ticket from a visit counted once), its summary from the daily figures', async () => {
      // A visit whose recruiting problem became a demand (counted once, at the visit).
      const key = () => ({ as: STAFF, idempotencyKey: env.key() });
      const v = await env.ok<VisitView>('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: '2027-03-08', met: '王海燕（企业联络员）', topics: ['用工'], notes: '节后订单增长', problems: [{ category: 'recruiting', theme: '用工', description: '冲压车间缺普工 30 人，希望对接招聘会' }] }, key());
      await env.ok<VisitView>('admin', 'problemToTicket', { visitId: v.id, problemId: 'p1' }, key());
      const { items, summary, pages } = await problemPages(env, { from: FROM, to: TO });
      const visits = (await all<{ _id: string; date: string; problems: Array<{ id: string }> }>(Collections.visits)).filter((v) => v.date >= FROM && v.date <= TO);
      const qs = (await all<QuestionDoc>(Collections.questions)).filter((q) => inPeriod(q.createdAt));
      const allTickets = (await all<TicketDoc>(Collections.tickets)).filter((t) => inPeriod(t.submittedAt));
      const ts = allTickets.filter((t) => !(t.source && ['visit', 'question'].includes(t.source.kind)));
      const expected = [...visits.flatMap((v) => v.problems.map((p) => `visit|${v._id}:${p.id}`)), ...qs.map((q) => `question|${q._id}`), ...ts.map((t) => `ticket|${t._id}`)].sort();
      expect(pages).toBeGreaterThan(2);
      expect(items.map((i) => `${i.source}|${i.id}`).sort()).toEqual(expected);
      const ats = items.map((i) => i.at);
      expect([...ats].sort().reverse()).toEqual(ats);
      expect(items.some((i) => i.source === 'visit' && i.status === 'ticketed' && i.category === 'recruiting' && i.theme === '用工')).toBe(true);
      expect(items.filter((i) => i.category === 'finance' && i.theme === 'tax')).toHaveLength(qs.filter((q) => q.category === 'tax').length);
      // The summary: the figures the acts keep, equal to the raw period's questions and demands (of every source).
      const cats = [...new Set([...qs.map((q) => problemCategoryOfQuestion(q.category)), ...allTickets.map((t) => t.category)])];
      const done = ['resolved', 'evaluated', 'closed', 'merged'];
      expect([...summary].sort((a, b) => (a.category < b.category ? -1 : 1))).toEqual(
        cats.sort().map((category) => {
          const q = qs.filter((x) => problemCategoryOfQuestion(x.category) === category);
          const t = allTickets.filter((x) => x.category === category);
          return { category, questions: q.length, answered: q.filter((x) => !!x.firstAnsweredAt).length, demands: t.length, done: t.filter((x) => done.includes(x.status)).length };
        }),
      );
      const sizes = summary.map((r) => r.questions + r.demands);
      expect([...sizes].sort((x, y) => y - x)).toEqual(sizes);
      const legal = await problemPages(env, { from: FROM, to: TO, category: 'legal' });
      expect(legal.items.map((i) => `${i.source}|${i.id}`).sort()).toEqual(items.filter((i) => i.category === 'legal').map((i) => `${i.source}|${i.id}`).sort());
      expect(legal.summary.map((r) => r.category)).toEqual(['legal']);
      expect(code(await env.call('admin', 'problemList', { from: FROM, to: TO, cursor: 'not-a-cursor' }, { as: STAFF }))).toBe('INPUT.INVALID');
    });
  });
});
