/**
 * The staff console end to end through the emulator (strict indexes), the real SDK and the real
 * bundles: the visit log and a problem becoming a ticket (once, under concurrency), a consultation
 * becoming a demand (once), an enterprise's whole history, the problem list, every dashboard figure
 * against the count computed here from the seeded documents, .xlsx exports read back with a real
 * reader, master data and the holiday calendar. The clock is pinned to March 2027.
 */
import readXlsxFile from 'read-excel-file/node';
import type { Enterprise, Page } from '../../core/api/admin';
import type { ConsultationView } from '../../core/api/clinic';
import type { EnterpriseOverview, ExportRecord, ExportResult, HolidayOverride, MemberUnitDetail, VisitView } from '../../core/api/console';
import type { QuestionDetail } from '../../core/api/qa';
import type { TicketDetail } from '../../core/api/tickets';
import { shanghaiDate } from '../../core/rules/working-days';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { BookingDoc } from '../../server/modules/clinic/clinic.repository';
import type { QuestionDoc } from '../../server/modules/qa/question.repository';
import { type TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type ClockChange, type TestEnv } from '../support/harness';
import { freshCreditCode } from './samples';

import { STAFF, ADMIN, INSTRUCTOR, MANAGER, WORKER, COMMUNITY, PINNED, FROM, TO, code, b, inPeriod, all, problemPages } from './console-fixtures';

describe('staff console flows', () => {
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
  const write = <T>(as: string, fn: string, action: string, data: unknown) => env.call<T>(fn, action, data, { as, idempotencyKey: env.key() });
  const okWrite = <T>(as: string, fn: string, action: string, data: unknown) => env.ok<T>(fn, action, data, { as, idempotencyKey: env.key() });
  const admin = <T>(action: string, data: unknown, as = STAFF) => env.ok<T>('admin', action, data, { as });

  const VISIT = {
    enterpriseId: 'ent-yongsen',
    date: '2027-03-08',
    met: '王海燕（企业联络员）',
    topics: ['用工', '融资'],
    notes: '订单增长',
    problems: [
      { category: 'recruiting', theme: '用工', description: '冲压车间缺普工 30 人，希望对接招聘会' },
      { category: 'finance', theme: '融资', description: '技改贷款贴息怎么申请' },
    ],
  };

  describe('visit log', () => {
    it('records a visit with photos and problems; lists and reads it', async () => {
      const photo = await env.uploadPhoto(STAFF);
      const v = await okWrite<VisitView>(STAFF, 'admin', 'recordVisit', { ...VISIT, photos: [photo] });
      expect(v).toMatchObject({ enterpriseId: 'ent-yongsen', enterpriseName: '嘉兴甬森汽车零部件有限公司', date: '2027-03-08', visitorOpenid: STAFF, visitorName: '张敏', topics: ['用工', '融资'] });
      expect(v.problems.map((p) => [p.id, p.category, p.theme, p.status])).toEqual([
        ['p1', 'recruiting', '用工', 'open'],
        ['p2', 'finance', '融资', 'open'],
      ]);
      expect(v.photos).toHaveLength(1);
      expect(v.photos[0].url).toMatch(/^https?:\/\//);
      expect(await admin<VisitView>('getVisit', { id: v.id }, INSTRUCTOR)).toMatchObject({ id: v.id, met: VISIT.met });
      const mine = await admin<Page<VisitView>>('listVisits', { mine: true });
      expect(mine.items.map((x) => x.id)).toContain(v.id);
      const ofOther = await admin<Page<VisitView>>('listVisits', { enterpriseId: 'ent-xpmould' });
      expect(ofOther.items.every((x) => x.enterpriseId === 'ent-xpmould')).toBe(true);
    });

    it('refuses a visit in the future or more than a year ago, another community’s enterprise, someone else’s photos, and non-staff', async () => {
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, date: '2027-03-11' }))).toBe('VISIT.DATE_INVALID');
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, date: '2026-03-09' }))).toBe('VISIT.DATE_INVALID');
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, date: '2027-02-30' }))).toBe('VISIT.DATE_INVALID');
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, date: '2026-03-10', problems: [] }))).toBe('OK');
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, date: '2027-03-10', problems: [] }))).toBe('OK');
      await getDb().collection(Collections.enterprises).add({ _id: 'ent-elsewhere', communityId: 'other', name: '外社区企业', creditCode: freshCreditCode(), workshops: [], createdAt: new Date(), createdBy: 'x' });
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, enterpriseId: 'ent-elsewhere' }))).toBe('NOT_FOUND');
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, photos: ['cloud://env.bucket/qa/xingping/someone-else/a.png'] }))).toBe('FILE.NOT_YOURS');
      expect(code(await write(STAFF, 'admin', 'recordVisit', { ...VISIT, photos: [await env.uploadPhoto(INSTRUCTOR)] }))).toBe('FILE.NOT_YOURS');
      expect(code(await write(MANAGER, 'admin', 'recordVisit', VISIT))).toBe('AUTH.FORBIDDEN');
    });

    it('turns a problem into a ticket on the enterprise’s behalf, once, however many staff press at once', async () => {
      const v = await okWrite<VisitView>(STAFF, 'admin', 'recordVisit', VISIT);
      const staff2 = await env.makeUser('staff');
      const before = (await all<TicketDoc>(Collections.tickets)).length;
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => write<VisitView>(i % 2 ? staff2 : STAFF, 'admin', 'problemToTicket', { visitId: v.id, problemId: 'p1', urgency: 'urgent' })),
      );
      expect(results.map(code).filter((c) => c === 'OK')).toHaveLength(1);
      expect(results.map(code).filter((c) => c !== 'OK').every((c) => c === 'VISIT.PROBLEM_TICKETED')).toBe(true);
      const tickets = await all<TicketDoc>(Collections.tickets);
      expect(tickets.length).toBe(before + 1);
      const won = results.find((r) => r.ok)!;
      const problem = (won.ok ? won.data : undefined)!.problems[0];
      expect(problem).toMatchObject({ status: 'ticketed' });
      expect(problem.ticketNumber).toMatch(/^XP-2027-\d{4}$/);
      expect((await admin<VisitView>('getVisit', { id: v.id })).problems.map((p) => p.status)).toEqual(['ticketed', 'open']);

      const t = await env.ok<TicketDetail>('tickets', 'get', { id: problem.ticketId }, { as: MANAGER });
      expect(t).toMatchObject({ status: 'submitted', category: 'recruiting', urgency: 'urgent', enterpriseName: '嘉兴甬森汽车零部件有限公司', source: { kind: 'visit', id: v.id }, number: problem.ticketNumber });
      expect(t.title).toBe(VISIT.problems[0].description);
      expect(t.timeline.map((e) => [e.act, e.actorRole, e.actorName])).toEqual([['submit', 'staff', expect.any(String)]]);
      // The normal chain continues from `submitted`.
      const accepted = await okWrite<TicketDetail>(INSTRUCTOR, 'tickets', 'act', { id: t.id, version: 1, act: 'accept' });
      expect(accepted.status).toBe('accepted');
      // Again later: refused, nothing written.
      expect(code(await write(STAFF, 'admin', 'problemToTicket', { visitId: v.id, problemId: 'p1' }))).toBe('VISIT.PROBLEM_TICKETED');
      expect(code(await write(STAFF, 'admin', 'problemToTicket', { visitId: v.id, problemId: 'p9' }))).toBe('NOT_FOUND');
      expect((await all<TicketDoc>(Collections.tickets)).length).toBe(before + 1);
      // Managers cannot submit through the staff path; staff cannot call tickets.submit.
      expect(code(await write(MANAGER, 'admin', 'problemToTicket', { visitId: v.id, problemId: 'p2' }))).toBe('AUTH.FORBIDDEN');
      expect(code(await write(STAFF, 'tickets', 'submit', { title: 'x', description: 'y', category: 'other' }))).toBe('AUTH.FORBIDDEN');
    });
    it('an open problem whose enterprise has a live demand of its kind says so; staff and the unit see the enterprise contact, the enterprise does not (issue 15 #12)', async () => {
      const first = await okWrite<VisitView>(STAFF, 'admin', 'recordVisit', { ...VISIT, problems: [VISIT.problems[0]] });
      const made = await okWrite<VisitView>(STAFF, 'admin', 'problemToTicket', { visitId: first.id, problemId: 'p1' });
      const ticketId = made.problems[0].ticketId!;
      const again = await okWrite<VisitView>(STAFF, 'admin', 'recordVisit', { ...VISIT, problems: [VISIT.problems[0]] });
      const read = await admin<VisitView>('getVisit', { id: again.id });
      expect(read.problems[0]).toMatchObject({ status: 'open', similarTicket: { number: made.problems[0].ticketNumber } });
      expect(read.problems[0].similarTicket!.id).toBeDefined();
      // The ticketed problem itself carries its ticket, not a warning.
      expect((await admin<VisitView>('getVisit', { id: first.id })).problems[0].similarTicket).toBeUndefined();
      const asStaff = await env.ok<TicketDetail>('tickets', 'get', { id: ticketId }, { as: STAFF });
      expect(asStaff.enterpriseContact).toEqual({ name: '王海燕', phone: '13857301234' });
      expect((await env.ok<TicketDetail>('tickets', 'get', { id: ticketId }, { as: MANAGER })).enterpriseContact).toBeUndefined();
    });
  });

  describe('consultation → demand (#4)', () => {
    let serial = 0;
    async function booking(status: BookingDoc['status'], over: Partial<BookingDoc> = {}): Promise<string> {
      serial += 1;
      const id = `bk-console-${serial}`;
      const startsAt = b('2027-03-05', '09:00');
      const doc: BookingDoc = {
        _id: id,
        communityId: COMMUNITY,
        sessionId: '2027-03-05-am',
        sessionKey: `${COMMUNITY}:2027-03-05-am`,
        sessionDate: '2027-03-05',
        monthKey: `${COMMUNITY}:2027-03`,
        profession: 'lawyer',
        slotIndex: serial,
        seat: 0,
        startsAt,
        endsAt: new Date(startsAt.getTime() + 1_800_000),
        status,
        seatKey: `seat-console-${serial}`,
        bookerSlotKey: `slot-console-${serial}`,
        bookerProfessionKey: `prof-console-${serial}`,
        bookerId: WORKER,
        bookerName: '李小红',
        enterpriseId: 'ent-yongsen',
        enterpriseName: '嘉兴甬森汽车零部件有限公司',
        description: '劳动合同纠纷：员工拒签续约',
        attachments: [],
        via: 'direct',
        createdAt: startsAt,
        updatedAt: startsAt,
        ...over,
      };
      await getDb().collection(Collections.clinicBookings).add(doc);
      return id;
    }
    const demand = (id: string) => ({ title: '劳动纠纷需要协调', description: '律师建议由社区协调人社部门调解。', category: 'legal', sourceConsultationId: id });

    it('the manager opens one demand from an attended consultation of their enterprise; the booking shows it', async () => {
      const own = await booking('attended', { bookerId: MANAGER, bookerName: '王海燕' });
      const mine = await env.ok<{ items: ConsultationView[] }>('clinic', 'myBookings', {}, { as: MANAGER });
      expect(mine.items.find((x) => x.id === own)?.can.toTicket).toBe(true);
      const t = await okWrite<TicketDetail>(MANAGER, 'tickets', 'submit', demand(own));
      expect(t).toMatchObject({ status: 'submitted', source: { kind: 'consultation', id: own } });
      const after = await env.ok<{ items: ConsultationView[] }>('clinic', 'myBookings', {}, { as: MANAGER });
      expect(after.items.find((x) => x.id === own)).toMatchObject({ ticketId: t.id, can: { toTicket: false } });

      // Booked by a worker of the same enterprise: the manager may; 8 at once make one ticket.
      const workers = await booking('attended');
      const results = await Promise.all(Array.from({ length: 8 }, () => write<TicketDetail>(MANAGER, 'tickets', 'submit', demand(workers))));
      expect(results.map(code).filter((c) => c === 'OK')).toHaveLength(1);
      expect(results.map(code).filter((c) => c !== 'OK').every((c) => c === 'TICKET.SOURCE_INVALID')).toBe(true);
      const linked = (await all<TicketDoc>(Collections.tickets)).filter((x) => x.source?.kind === 'consultation' && x.source.id === workers);
      expect(linked).toHaveLength(1);
      const bookingDoc = (await getDb().collection(Collections.clinicBookings).doc(workers).get()).data[0] as BookingDoc;
      expect(bookingDoc.ticketId).toBe(linked[0]._id);
    });

    it('refuses a consultation not attended, of another enterprise, or both sources at once', async () => {
      expect(code(await write(MANAGER, 'tickets', 'submit', demand(await booking('confirmed'))))).toBe('TICKET.SOURCE_INVALID');
      expect(code(await write(MANAGER, 'tickets', 'submit', demand(await booking('no_show'))))).toBe('TICKET.SOURCE_INVALID');
      expect(code(await write(MANAGER, 'tickets', 'submit', demand(await booking('attended', { enterpriseId: 'ent-xpmould', bookerId: 'demo-worker-zhao' }))))).toBe('NOT_FOUND');
      expect(code(await write(MANAGER, 'tickets', 'submit', demand('no-such-booking')))).toBe('NOT_FOUND');
    });
  });

  describe('enterprise overview', () => {
    it('shows counts and one timeline of visits, questions, consultations, tickets and evaluations', async () => {
      await okWrite(WORKER, 'qa', 'ask', { title: '加班费怎么算', description: '周末加班。', category: 'hr' });
      await getDb().collection(Collections.evaluations).add({ _id: 'ticket:tk-x:demo-manager-wang', communityId: COMMUNITY, caseKind: 'ticket', caseId: 'tk-x', caseTitle: '评价的诉求', overall: 5, at: b('2027-03-09'), year: 2027, month: '2027-03', enterpriseId: 'ent-yongsen', categoryKey: 'ticket.other' });
      const o = await admin<EnterpriseOverview>('enterpriseOverview', { enterpriseId: 'ent-yongsen' }, INSTRUCTOR);
      expect(o.enterprise).toMatchObject({ id: 'ent-yongsen', name: '嘉兴甬森汽车零部件有限公司', contactPhone: '138****1234' });
      const visits = await all<{ _id: string }>(Collections.visits, { enterpriseId: 'ent-yongsen' });
      const tickets = await all<TicketDoc>(Collections.tickets, { enterpriseId: 'ent-yongsen' });
      const questions = await all<QuestionDoc>(Collections.questions, { enterpriseId: 'ent-yongsen' });
      const evaluations = await all<{ enterpriseId?: string }>(Collections.evaluations);
      // Each count stops at a page (30, then "30+").
      const upTo = (n: number) => Math.min(n, 30);
      const mine = { visits: visits.length, tickets: tickets.length, questions: questions.length, evaluations: evaluations.filter((e) => e.enterpriseId === 'ent-yongsen').length };
      expect(o.counts).toMatchObject(Object.fromEntries(Object.entries(mine).map(([k, n]) => [k, upTo(n)])));
      for (const [k, n] of Object.entries(mine)) expect(o.countsCapped?.includes(k as keyof typeof mine) ?? false).toBe(n > 30);
      const kinds = new Set(o.timeline.map((i) => i.kind));
      for (const k of ['visit', 'question', 'ticket', 'evaluation', 'consultation']) expect(kinds).toContain(k);
      const ats = o.timeline.map((i) => i.at);
      expect([...ats].sort().reverse()).toEqual(ats);
      if (o.nextCursor) {
        const next = await admin<EnterpriseOverview>('enterpriseOverview', { enterpriseId: 'ent-yongsen', cursor: o.nextCursor });
        // The next page goes on from the last item shown: nothing newer, nothing shown twice.
        const last = o.timeline[o.timeline.length - 1];
        expect(next.timeline.every((i) => i.at <= last.at)).toBe(true);
        const shown = new Set(o.timeline.map((i) => `${i.kind}:${i.id}`));
        expect(next.timeline.filter((i) => shown.has(`${i.kind}:${i.id}`))).toEqual([]);
      }
      expect(code(await env.call('admin', 'enterpriseOverview', { enterpriseId: 'ent-elsewhere' }, { as: STAFF }))).toBe('NOT_FOUND');
    });
  });

  describe('exports', () => {
    async function download(url: string): Promise<Buffer> {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    }

    it('makes a real .xlsx of the period’s visits (phones masked for staff), stored, audited and listed', async () => {
      const r = await okWrite<ExportResult>(STAFF, 'admin', 'exportData', { kind: 'visits', from: FROM, to: TO });
      const visits = (await all<{ _id: string; date: string; enterpriseName: string; met: string }>(Collections.visits)).filter((v) => v.date >= FROM && v.date <= TO);
      // Named as the export screen names it, with the day it was made; the stored object carries the name.
      expect(r).toMatchObject({ kind: 'visits', rows: visits.length, fileName: expect.stringMatching(/^走访记录-\d{4}-\d{2}-\d{2}\.xlsx$/) });
      expect(r.fileID).toContain(`exports/${COMMUNITY}/${r.id}/${r.fileName}`);
      expect(decodeURIComponent(new URL(r.url).pathname).endsWith(`/${r.fileName}`)).toBe(true);
      const [sheet] = await readXlsxFile(await download(r.url));
      expect(sheet.sheet).toBe('驻企走访');
      const [headers, ...rows] = sheet.data as unknown[][];
      expect(headers.slice(0, 6)).toEqual(['走访日期', '企业', '联系电话', '走访人', '接待人', '走访话题']);
      expect(rows).toHaveLength(visits.length);
      expect(rows.map((x) => x[0]).sort()).toEqual(visits.map((v) => v.date).sort());
      const yongsen = rows.find((x) => x[1] === '嘉兴甬森汽车零部件有限公司')!;
      expect(yongsen[2]).toBe('138****1234');
      expect(String(yongsen[7])).toContain('冲压车间缺普工 30 人');

      const record = (await getDb().collection(Collections.exports).doc(r.id).get()).data[0] as { byOpenid: string; rows: number; unmasked: boolean; communityId: string };
      expect(record).toMatchObject({ byOpenid: STAFF, rows: visits.length, unmasked: false, communityId: COMMUNITY });
      const audit = await all<{ action: string; actorOpenid: string; note: string }>(Collections.audit);
      expect(audit.some((a) => a.action === 'export' && a.actorOpenid === STAFF && a.note.includes(r.id))).toBe(true);
      const listed = await admin<Page<ExportRecord>>('listExports', {});
      expect(listed.items[0]).toMatchObject({ id: r.id, kind: 'visits', rows: visits.length, unmasked: false, byName: '张敏' });
    });

    it('tickets, questions, consultations, problems and survey answers: one row per record; unmasked phones only for an admin', async () => {
      // This year's campaign (function revisit's collections) with one answer.
      await getDb().collection(Collections.campaigns).add({ _id: `${COMMUNITY}:2027`, communityId: COMMUNITY, year: 2027, formId: 'sf-x', formVersion: 1, title: { zh: '2027 年度回访' }, status: 'open', launchedAt: b(FROM), launchedBy: STAFF, targets: 1, responded: 1, scoreSum: 4, scored: 1, satisfied: 1 });
      await getDb().collection(Collections.surveyResponses).add({
        _id: `${COMMUNITY}:2027:ent-yongsen`, campaignId: `${COMMUNITY}:2027`, communityId: COMMUNITY, enterpriseId: 'ent-yongsen', enterpriseName: '嘉兴甬森汽车零部件有限公司', formId: 'sf-x', formVersion: 1,
        answers: [{ questionId: 'q1', rating: 4 }, { questionId: 'q2', text: '希望多办招聘会' }], via: 'phone', at: b('2027-03-01'), recordedAt: b('2027-03-01'), by: STAFF, byName: '张敏', contactName: '王海燕', score: 4,
      });
      const t = await okWrite<ExportResult>(ADMIN, 'admin', 'exportData', { kind: 'tickets', from: FROM, to: TO, unmasked: true });
      const ts = (await all<TicketDoc>(Collections.tickets)).filter((x) => inPeriod(x.submittedAt));
      const [sheet] = await readXlsxFile(await download(t.url));
      const [headers, ...rows] = sheet.data as unknown[][];
      expect(headers[0]).toBe('编号');
      expect(rows.map((x) => x[0]).sort()).toEqual(ts.map((x) => x.number).sort());
      const row = rows.find((x) => x[2] === '嘉兴甬森汽车零部件有限公司')!;
      expect(String(row[4])).toBe('13857301234');
      expect(String(row[9])).toMatch(/^2027-0[23]-\d{2} \d{2}:\d{2}$/); // Beijing time
      expect(code(await write(STAFF, 'admin', 'exportData', { kind: 'tickets', from: FROM, to: TO, unmasked: true }))).toBe('AUTH.FORBIDDEN');

      for (const [kind, expected] of [
        ['questions', (await all<QuestionDoc>(Collections.questions)).filter((q) => inPeriod(q.createdAt)).length],
        ['consultations', (await all<BookingDoc>(Collections.clinicBookings)).filter((x) => x.sessionDate >= FROM && x.sessionDate <= TO).length],
        ['problems', (await problemPages(env, { from: FROM, to: TO })).items.length],
        ['survey_answers', 1],
      ] as const) {
        const r = await okWrite<ExportResult>(STAFF, 'admin', 'exportData', { kind, from: FROM, to: TO });
        const [s] = await readXlsxFile(await download(r.url));
        expect([kind, r.rows, (s.data as unknown[][]).length - 1]).toEqual([kind, expected, expected]);
        expect((s.data as unknown[][])[0].length).toBeGreaterThan(3);
        if (kind === 'survey_answers') {
          const [h, row] = s.data as unknown[][];
          expect(h).toEqual(['企业', '联系电话', '方式', '答卷时间', '得分', '代填人', '受访人', 'q1', 'q2']);
          expect(row).toEqual(['嘉兴甬森汽车零部件有限公司', '138****1234', '电话回访', '2027-03-01 10:00', 4, '张敏', '王海燕', '4', '希望多办招聘会']);
        }
      }
    });

    it('refuses callers who are not staff, and a period too long', async () => {
      for (const who of [INSTRUCTOR, MANAGER, WORKER, 'demo-lawyer-chen', 'demo-unit-hr']) {
        expect(code(await write(who, 'admin', 'exportData', { kind: 'tickets', from: FROM, to: TO }))).toBe('AUTH.FORBIDDEN');
      }
      expect(code(await write(STAFF, 'admin', 'exportData', { kind: 'tickets', from: '2025-01-01', to: TO }))).toBe('PERIOD.INVALID');
    });

    it('refuses more than 50,000 rows (counted before anything is read), writing no file and no record', async () => {
      const day = '2026-06-01';
      for (let start = 0; start < 50_001; start += 1000) {
        const docs = Array.from({ length: Math.min(1000, 50_001 - start) }, (_, k) => ({
          _id: `vs-bulk-${start + k}`, communityId: COMMUNITY, enterpriseId: 'ent-bulk', enterpriseName: '批量', date: day, visitorOpenid: 'bulk', met: '-', topics: ['-'], photos: [], problems: [], createdAt: b(day), updatedAt: b(day),
        }));
        await getDb().collection(Collections.visits).add(docs);
      }
      const before = await env.counts();
      expect(code(await write(STAFF, 'admin', 'exportData', { kind: 'visits', from: day, to: day }))).toBe('EXPORT.TOO_LARGE');
      const after = await env.counts();
      expect([after.exports, after.audit_log]).toEqual([before.exports, before.audit_log]);
    }, 120_000);
  });

  describe('master data', () => {
    it('updates an enterprise with a validated, unique credit code', async () => {
      const e = await okWrite<Enterprise>(STAFF, 'admin', 'updateEnterprise', { id: 'ent-xpmould', address: '兴平一路 8 号', contactPhone: '13900001111' });
      expect(e).toMatchObject({ address: '兴平一路 8 号', contactPhone: '13900001111', name: '兴平精密模具有限公司' });
      expect(code(await write(STAFF, 'admin', 'updateEnterprise', { id: 'ent-xpmould', creditCode: '91330482MA2C8XP02X' }))).toBe('ENTERPRISE.CREDIT_CODE_INVALID');
      const yongsen = (await getDb().collection(Collections.enterprises).doc('ent-yongsen').get()).data[0] as { creditCode: string };
      expect(code(await write(STAFF, 'admin', 'updateEnterprise', { id: 'ent-xpmould', creditCode: yongsen.creditCode }))).toBe('ENTERPRISE.DUPLICATE');
      const fresh = freshCreditCode();
      expect((await okWrite<Enterprise>(STAFF, 'admin', 'updateEnterprise', { id: 'ent-xpmould', creditCode: fresh })).creditCode).toBe(fresh);
      expect(code(await write(STAFF, 'admin', 'updateEnterprise', { id: 'ent-elsewhere', name: 'x' }))).toBe('NOT_FOUND');
    });

    it('saves member units, unique by name within the community (also when two staff add one at once)', async () => {
      const results = await Promise.all(Array.from({ length: 5 }, () => write<MemberUnitDetail>(STAFF, 'admin', 'saveUnit', { name: '市市场监管局', contactName: '钱科长', contactPhone: '13700002222' })));
      expect(results.map(code).filter((c) => c === 'OK')).toHaveLength(1);
      expect(results.map(code).filter((c) => c !== 'OK').every((c) => c === 'UNIT.DUPLICATE')).toBe(true);
      const units = await admin<MemberUnitDetail[]>('listUnits', {}, INSTRUCTOR);
      const made = units.find((u) => u.name === '市市场监管局')!;
      expect(made).toMatchObject({ active: true, contactPhone: '137****2222' });
      const renamed = await okWrite<MemberUnitDetail>(STAFF, 'admin', 'saveUnit', { id: made.id, name: '平湖市市场监管局', active: false });
      expect(renamed).toMatchObject({ id: made.id, name: '平湖市市场监管局', active: false });
      const existing = units.find((u) => u.id === 'unit-hrss')!;
      expect(code(await write(STAFF, 'admin', 'saveUnit', { id: made.id, name: existing.name }))).toBe('UNIT.DUPLICATE');
      // A retired unit takes no new dispatch, nor a place in the catalogue.
      const submitted = await okWrite<TicketDetail>(MANAGER, 'tickets', 'submit', { title: '食品经营许可变更', description: '新增冷链品类。', category: 'permit' });
      const t = await okWrite<TicketDetail>(STAFF, 'tickets', 'act', { id: submitted.id, version: submitted.version, act: 'accept' });
      expect(code(await write(STAFF, 'tickets', 'act', { id: t.id, version: t.version, act: 'dispatch', leadUnitId: made.id }))).toBe('INPUT.INVALID');
      expect(code(await write(STAFF, 'tickets', 'setCatalogue', { category: 'permit', leadUnitId: made.id, assistUnitIds: [] }))).toBe('INPUT.INVALID');
      expect(code(await write(STAFF, 'tickets', 'act', { id: t.id, version: t.version, act: 'dispatch', leadUnitId: 'unit-hrss' }))).toBe('OK');
    });

    it('changes an approved volunteer’s profession, audited; refuses anyone else', async () => {
      const r = await okWrite<{ profession: string }>(STAFF, 'admin', 'setProfession', { openid: 'demo-tax-zhou', profession: 'accountant' });
      expect(r.profession).toBe('accountant');
      const u = (await getDb().collection(Collections.users).doc('demo-tax-zhou').get()).data[0] as { profession: string };
      expect(u.profession).toBe('accountant');
      expect(code(await write(STAFF, 'admin', 'setProfession', { openid: 'demo-applicant-xu', profession: 'lawyer' }))).toBe('INPUT.INVALID');
      expect(code(await write(STAFF, 'admin', 'setProfession', { openid: WORKER, profession: 'lawyer' }))).toBe('INPUT.INVALID');
      const audit = await all<{ action: string; targetOpenid?: string; to?: string }>(Collections.audit);
      expect(audit.some((a) => a.action === 'set-profession' && a.targetOpenid === 'demo-tax-zhou' && a.to === 'accountant')).toBe(true);
    });

    it('staff enter Spring Festival 2027 (unknown to the library) and deadlines skip it in every function', async () => {
      await setClock({ now: '2027-02-05T10:00:00+08:00' }); // Friday
      const before = await okWrite<QuestionDetail>(WORKER, 'qa', 'ask', { title: '春节前的工资发放', description: '节前发工资有规定吗？', category: 'hr' });
      // The statutory rule alone already gives 除夕 Fri 5 to 初三 Mon 8 February off.
      expect(before.dueAt).toBe(b('2027-02-09', '18:00').toISOString());
      for (const d of ['2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']) await okWrite<HolidayOverride[]>(STAFF, 'admin', 'setHoliday', { date: d, kind: 'holiday', name: '春节' });
      let list = await okWrite<HolidayOverride[]>(ADMIN, 'admin', 'setHoliday', { date: '2027-02-20', kind: 'workday', name: '春节调休' });
      expect(list.map((h) => [h.date, h.kind])).toEqual([
        ['2027-02-08', 'holiday'], ['2027-02-09', 'holiday'], ['2027-02-10', 'holiday'], ['2027-02-11', 'holiday'], ['2027-02-12', 'holiday'], ['2027-02-20', 'workday'],
      ]);
      expect(await admin<HolidayOverride[]>('listHolidays', { year: 2027 }, INSTRUCTOR)).toEqual(list);
      // Each function instance reloads the calendar within a minute.
      await setClock({ advanceMs: 61_000 });
      const after = await okWrite<QuestionDetail>(WORKER, 'qa', 'ask', { title: '春节后复工', description: '复工前要做哪些准备？', category: 'hr' });
      expect(after.dueAt).toBe(b('2027-02-15', '18:00').toISOString());
      // A ticket's deadlines too (tickets function): a submission on Friday Feb 5 signs/resolves after the holiday.
      const t = await okWrite<TicketDetail>(MANAGER, 'tickets', 'submit', { title: '节后用工', description: '节后复工缺人。', category: 'recruiting' });
      expect(shanghaiDate(new Date(t.deadlines.resolve!)) >= '2027-02-15').toBe(true);
      // Removing a correction.
      list = await okWrite<HolidayOverride[]>(STAFF, 'admin', 'setHoliday', { date: '2027-02-20', kind: 'none' });
      expect(list.map((h) => h.date)).not.toContain('2027-02-20');
      expect(code(await write(INSTRUCTOR, 'admin', 'setHoliday', { date: '2027-02-21', kind: 'holiday' }))).toBe('AUTH.FORBIDDEN');
      await setClock({ now: PINNED });
    });
  });
});
