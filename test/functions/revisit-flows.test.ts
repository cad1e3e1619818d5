/**
 * Satisfaction end to end through the emulator, the real SDK and the real bundles: per-case
 * evaluation of tickets (a poor rating reopens through the tickets machine, both acts in the
 * timeline; tickets.act 'evaluate' is the same path), questions and consultations (a poor rating
 * opens a follow-up); one rating per case and person, also under 10 concurrent calls; the
 * invitations; survey forms with versions; the yearly campaign's targets (exactly the
 * enterprises served in the Beijing year), its response rate under concurrent answers, double
 * submissions, reminders once a day on the emulator's clock, recorded revisits; the figures
 * against counts computed from the evaluations themselves.
 */
import type { Page } from '../../core/api/admin';
import type { CampaignTargetView, CampaignView, EvaluationView, FollowUpView, MySurveyView, PendingEvaluation, SatisfactionFigures, SurveyForm, SurveyResponseView } from '../../core/api/revisit';
import type { TicketDetail } from '../../core/api/tickets';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { EvaluationDoc } from '../../server/modules/revisit/revisit.repository';
import { DEMO_FORM_ID, DEMO_FORM_QUESTIONS } from '../../server/modules/revisit/revisit-demo';
import { startTestEnv, type ClockChange, type TestEnv, code } from '../support/harness';

process.env.REVISIT_TEMPLATE_EVALUATE = 'TPL-REVISIT-EVALUATE';
process.env.REVISIT_TEMPLATE_REMINDER = 'TPL-REVISIT-REMINDER';

const STAFF = 'demo-staff-zhang';
const UNIT = 'demo-unit-hr';
const PINNED = '2026-06-15T10:00:00+08:00';
const TOWN = 'rv-town';
const OTHER_TOWN = 'rv-other';

describe('revisit flows', () => {
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
  const outbox = async (templateId: string, touser?: string) => (await env.outbox()).filter((m) => m.templateId === templateId && (!touser || m.touser === touser));
  const write = <T>(as: string, action: string, data: unknown, fn = 'revisit') => env.call<T>(fn, action, data, { as, idempotencyKey: env.key() });
  const okWrite = <T>(as: string, action: string, data: unknown, fn = 'revisit') => env.ok<T>(fn, action, data, { as, idempotencyKey: env.key() });
  const read = <T>(as: string, action: string, data: unknown = {}) => env.ok<T>('revisit', action, data, { as });
  const stars = (n: number) => ({ speed: n, attitude: n, result: n });
  const evaluationsOf = async (caseId: string) => (await getDb().collection(Collections.evaluations).where({ caseId }).limit(100).get()).data as EvaluationDoc[];

  // ---- tickets -------------------------------------------------------------------------------

  /** A ticket of `manager`'s enterprise taken to 'resolved' by 市人力社保局. */
  async function resolvedTicket(manager: string): Promise<string> {
    const t = await okWrite<TicketDetail>(manager, 'submit', { title: '招聘旺季用工缺口', description: '冲压车间缺普工 60 人，希望对接招聘会。', category: 'recruiting' }, 'tickets');
    const steps: Array<[string, string, Record<string, unknown>]> = [
      [STAFF, 'accept', {}],
      [STAFF, 'dispatch', { leadUnitId: 'unit-hrss' }],
      [UNIT, 'sign', {}],
      [UNIT, 'start', {}],
      [UNIT, 'resolve', { note: '招聘会到场 120 人，录用 64 人' }],
    ];
    let version = t.version;
    for (const [as, act, extra] of steps) version = (await okWrite<TicketDetail>(as, 'act', { id: t.id, version, act, ...extra }, 'tickets')).version;
    return t.id;
  }
  const ticket = (id: string) => env.ok<TicketDetail>('tickets', 'get', { id }, { as: STAFF });

  it('the manager rates a resolved ticket 2 stars: the ticket is reopened, the rating in its timeline; the invitation went out once', async () => {
    const manager = await env.makeUser('manager');
    await env.grantConsent(manager, 'evaluationInvite', 3);
    const id = await resolvedTicket(manager);
    expect((await outbox('TPL-REVISIT-EVALUATE', manager)).map((m) => m.page)).toEqual([`revisit/pages/rate/index?caseKind=ticket&caseId=${id}`]);
    // (The seeded demo ticket of the same enterprise awaits its rating too.)
    expect((await read<Page<PendingEvaluation>>(manager, 'pending')).items.map((p) => [p.caseKind, p.caseId, p.handlerName])).toContainEqual(['ticket', id, '市人力社保局']);

    const ev = await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: { speed: 2, attitude: 3, result: 1 }, comment: '招来的人不合适' });
    expect(ev).toMatchObject({ caseKind: 'ticket', caseId: id, overall: 2, consequence: { kind: 'reopened' }, comment: '招来的人不合适' });
    const t = await ticket(id);
    expect(t.status).toBe('in_progress');
    expect(t.timeline.slice(-2).map((e) => [e.act, e.from, e.to, e.actorRole])).toEqual([
      ['evaluate', 'resolved', 'evaluated', 'manager'],
      ['reopen', 'evaluated', 'in_progress', 'manager'],
    ]);
    expect(t.timeline[t.timeline.length - 1].note).toBe('满意度评价 办理速度 2 星、办理结果 1 星（综合 2 星）：招来的人不合适');
    expect((await read<Page<PendingEvaluation>>(manager, 'pending')).items.map((p) => p.caseId)).not.toContain(id);

    // While it is being handled again the manager still sees the rating that reopened it.
    expect(await read<EvaluationView>(manager, 'getEvaluation', { caseKind: 'ticket', caseId: id })).toMatchObject({ overall: 2 });
    // Resolved again: a new round, invited and rated anew (once); the first rating stays as it was.
    await okWrite(UNIT, 'act', { id, version: t.version, act: 'resolve', note: '重新推荐 20 人' }, 'tickets');
    expect(await outbox('TPL-REVISIT-EVALUATE', manager)).toHaveLength(2);
    expect(await read<EvaluationView | null>(manager, 'getEvaluation', { caseKind: 'ticket', caseId: id })).toBeNull();
    expect((await read<Page<PendingEvaluation>>(manager, 'pending')).items.map((p) => p.caseId)).toContain(id);
    const again = await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(5) });
    expect(again).toMatchObject({ overall: 5 });
    expect((await ticket(id)).status).toBe('evaluated');
    expect(code(await write(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(5) }))).toBe('REVISIT.ALREADY_EVALUATED');
    expect((await evaluationsOf(id)).map((e) => e.overall).sort()).toEqual([2, 5]);
    // Staff see the latest with the rater's name; nobody can change one (no action does).
    expect(await read<EvaluationView>(STAFF, 'getEvaluation', { caseKind: 'ticket', caseId: id })).toMatchObject({ overall: 5, raterName: '测试manager', enterpriseName: '嘉兴甬森汽车零部件有限公司' });
  });

  it('one dimension at 2 is dissatisfied whatever the mean: 4/3/2 (3 overall) reopens the ticket and never counts as satisfied (issue 15 #4)', async () => {
    const manager = await env.makeUser('manager');
    const id = await resolvedTicket(manager);
    const ev = await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: { speed: 4, attitude: 3, result: 2 }, comment: '结果不理想' });
    expect(ev).toMatchObject({ overall: 3, consequence: { kind: 'reopened' } });
    const t = await ticket(id);
    expect(t.status).toBe('in_progress');
    expect(t.timeline[t.timeline.length - 1]).toMatchObject({ act: 'reopen', note: '满意度评价 办理结果 2 星（综合 3 星）：结果不理想' });
    // 5/5/2 averages 4, a "satisfied" mean: still dissatisfied, never in the satisfaction rate.
    const other = await resolvedTicket(manager);
    const high = await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: other, scores: { speed: 5, attitude: 5, result: 2 } });
    expect(high).toMatchObject({ overall: 4, consequence: { kind: 'reopened' } });
    expect((await evaluationsOf(other))[0]).toMatchObject({ overall: 4, satisfied: 0 });
    expect((await ticket(other)).status).toBe('in_progress');
    // 3/3/3 is not dissatisfied: evaluated, no reopening.
    const fair = await resolvedTicket(manager);
    expect((await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: fair, scores: stars(3) })).consequence).toBeUndefined();
    expect((await ticket(fair)).status).toBe('evaluated');
  });

  it('5 stars through revisit.evaluate: evaluated, not reopened; tickets.act evaluate takes the same path (a low one reopens)', async () => {
    const manager = await env.makeUser('manager');
    const a = await resolvedTicket(manager);
    const ev = await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: a, scores: { speed: 5, attitude: 5, result: 4 } });
    expect(ev.overall).toBe(5);
    expect(ev.consequence).toBeUndefined();
    expect((await ticket(a)).status).toBe('evaluated');
    expect((await ticket(a)).evaluation).toMatchObject({ rating: 5 });

    const b = await resolvedTicket(manager);
    const version = (await ticket(b)).version;
    const good = await okWrite<TicketDetail>(manager, 'act', { id: b, version, act: 'evaluate', rating: 4, comment: '不错' }, 'tickets');
    expect(good.status).toBe('evaluated');
    expect((await evaluationsOf(b)).map((e) => [e.scores, e.overall, e.comment])).toEqual([[stars(4), 4, '不错']]);
    expect(code(await write(manager, 'evaluate', { caseKind: 'ticket', caseId: b, scores: stars(1) }))).toBe('REVISIT.ALREADY_EVALUATED');

    const c = await resolvedTicket(manager);
    const low = await okWrite<TicketDetail>(manager, 'act', { id: c, version: (await ticket(c)).version, act: 'evaluate', rating: 1, comment: '没解决' }, 'tickets');
    expect(low.status).toBe('in_progress');
    expect(low.timeline[low.timeline.length - 1]).toMatchObject({ act: 'reopen', note: '满意度评价 1 星：没解决' });
    expect((await evaluationsOf(c))[0]).toMatchObject({ overall: 1, consequence: { kind: 'reopened' }, unitId: 'unit-hrss', unitName: '市人力社保局', categoryKey: 'ticket.recruiting' });
  });

  it('only the manager of the ticket’s enterprise rates, only once it is resolved; 10 concurrent ratings make one', async () => {
    const manager = await env.makeUser('manager');
    const id = await resolvedTicket(manager);
    const stranger = await env.makeUser('manager', { enterpriseId: 'ent-xpmould' });
    const worker = await env.makeUser('worker');
    expect(code(await write(stranger, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(5) }))).toBe('REVISIT.NOT_SERVED');
    expect(code(await write(worker, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(5) }))).toBe('REVISIT.NOT_SERVED');
    expect(code(await env.call('revisit', 'getEvaluation', { caseKind: 'ticket', caseId: id }, { as: stranger }))).toBe('NOT_FOUND');
    expect(await read(manager, 'getEvaluation', { caseKind: 'ticket', caseId: id })).toBeNull();
    const open = await okWrite<TicketDetail>(manager, 'submit', { title: '未办结', description: '还在办', category: 'permit' }, 'tickets');
    expect(code(await write(manager, 'evaluate', { caseKind: 'ticket', caseId: open.id, scores: stars(5) }))).toBe('REVISIT.NOT_FINISHED');
    expect(code(await write(manager, 'evaluate', { caseKind: 'ticket', caseId: 'tk-nope', scores: stars(5) }))).toBe('NOT_FOUND');

    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => write(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(i % 2 ? 1 : 5) })));
    const codes = results.map(code);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c !== 'OK').every((c) => c === 'REVISIT.ALREADY_EVALUATED')).toBe(true);
    expect(await evaluationsOf(id)).toHaveLength(1);
    expect((await ticket(id)).timeline.filter((e) => e.act === 'evaluate')).toHaveLength(1);
  });

  it('a rating whose ticket act fails (its comment refused) leaves nothing written; a clean one then succeeds', async () => {
    const manager = await env.makeUser('manager');
    const id = await resolvedTicket(manager);
    const before = await env.counts();
    expect(code(await write(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(2), comment: '有人在群里办假证' }))).toBe('CONTENT.REJECTED');
    expect(await env.counts()).toEqual(before);
    expect((await ticket(id)).status).toBe('resolved');
    expect((await okWrite<EvaluationView>(manager, 'evaluate', { caseKind: 'ticket', caseId: id, scores: stars(4) })).overall).toBe(4);
  });

  // ---- questions and consultations -------------------------------------------------------------

  it('a poor rating of an answered question opens a follow-up that staff close once', async () => {
    const worker = await env.makeUser('worker');
    const staff = await env.makeUser('staff');
    await env.grantConsent(worker, 'evaluationInvite', 2);
    const q = await okWrite<{ id: string }>(worker, 'ask', { title: '试用期被辞退有补偿吗', description: '试用期第二个月被通知不用来了。', category: 'legal' }, 'qa');
    expect(code(await write(worker, 'evaluate', { caseKind: 'question', caseId: q.id, scores: stars(1) }))).toBe('REVISIT.NOT_FINISHED');
    await okWrite(staff, 'claim', { id: q.id }, 'qa');
    await okWrite(staff, 'answer', { id: q.id, text: '试用期解除需说明不符合录用条件，否则可主张赔偿。' }, 'qa');
    expect(await outbox('TPL-REVISIT-EVALUATE', worker)).toHaveLength(1);
    expect(code(await write(await env.makeUser('worker'), 'evaluate', { caseKind: 'question', caseId: q.id, scores: stars(1) }))).toBe('REVISIT.NOT_SERVED');

    const ev = await okWrite<EvaluationView>(worker, 'evaluate', { caseKind: 'question', caseId: q.id, scores: { speed: 3, attitude: 2, result: 1 }, comment: '没说清楚' });
    expect(ev).toMatchObject({ overall: 2, consequence: { kind: 'follow_up' } });
    const followUpId = ev.consequence!.followUpId!;
    const open = await read<Page<FollowUpView>>(STAFF, 'listFollowUps', { status: 'open' });
    expect(open.items.find((f) => f.id === followUpId)).toMatchObject({ source: { kind: 'evaluation', id: ev.id }, caseKind: 'question', caseId: q.id, score: 2, status: 'open', reason: '试用期被辞退有补偿吗 · 满意度评价 服务态度 2 星、办理结果 1 星（综合 2 星）：没说清楚' });
    expect((await evaluationsOf(q.id))[0]).toMatchObject({ volunteerOpenid: staff, categoryKey: 'question.legal' });

    const done = await okWrite<FollowUpView>(STAFF, 'closeFollowUp', { id: followUpId, resolution: '已电话回访并补充解答' });
    expect(done).toMatchObject({ status: 'done', resolution: '已电话回访并补充解答', doneByName: '张敏' });
    expect(code(await write(STAFF, 'closeFollowUp', { id: followUpId, resolution: '再关一次' }))).toBe('REVISIT.FOLLOW_UP_DONE');
    expect(code(await write(worker, 'evaluate', { caseKind: 'question', caseId: q.id, scores: stars(5) }))).toBe('REVISIT.ALREADY_EVALUATED');
  });

  it('an answered question rated 5/5/2 opens a follow-up naming the low dimension (any dimension ≤ 2 is dissatisfied)', async () => {
    const worker = await env.makeUser('worker');
    const staff = await env.makeUser('staff');
    const q = await okWrite<{ id: string }>(worker, 'ask', { title: '加班费怎么算', description: '周末加班只给调休，可以吗？', category: 'legal' }, 'qa');
    await okWrite(staff, 'claim', { id: q.id }, 'qa');
    await okWrite(staff, 'answer', { id: q.id, text: '休息日加班可安排补休，不能补休的支付两倍工资。' }, 'qa');
    const ev = await okWrite<EvaluationView>(worker, 'evaluate', { caseKind: 'question', caseId: q.id, scores: { speed: 5, attitude: 5, result: 2 } });
    expect(ev).toMatchObject({ overall: 4, consequence: { kind: 'follow_up' } });
    const open = await read<Page<FollowUpView>>(STAFF, 'listFollowUps', { status: 'open' });
    expect(open.items.find((f) => f.id === ev.consequence!.followUpId)).toMatchObject({ caseId: q.id, reason: '加班费怎么算 · 满意度评价 办理结果 2 星（综合 4 星）' });
  });

  it('a consultation is rated by its booker once its outcome is recorded; a poor rating opens a follow-up', async () => {
    const worker = await env.makeUser('worker');
    const now = new Date(PINNED);
    const id = `bk-rv-${Date.now()}`;
    await getDb().collection(Collections.clinicBookings).add({
      _id: id, communityId: 'xingping', sessionId: '2026-06-15-am', sessionKey: 'xingping:2026-06-15-am', sessionDate: '2026-06-15', monthKey: 'xingping:2026-06',
      profession: 'accountant', slotIndex: 0, seat: 0, startsAt: now, endsAt: new Date(now.getTime() + 1_800_000), status: 'confirmed',
      seatKey: `${id}-s`, bookerSlotKey: `${id}-b`, bookerProfessionKey: `${id}-p`, bookerId: worker, description: '账务咨询', attachments: [], via: 'direct', createdAt: now, updatedAt: now,
    });
    expect(code(await write(worker, 'evaluate', { caseKind: 'consultation', caseId: id, scores: stars(2) }))).toBe('REVISIT.NOT_FINISHED');
    await env.grantConsent(worker, 'evaluationInvite', 2);
    await okWrite(STAFF, 'recordOutcome', { id, attended: true, advice: '建议规范记账凭证' }, 'clinic');
    expect(await outbox('TPL-REVISIT-EVALUATE', worker)).toHaveLength(1);
    expect((await read<Page<PendingEvaluation>>(worker, 'pending')).items.map((p) => p.caseId)).toContain(id);
    const ev = await okWrite<EvaluationView>(worker, 'evaluate', { caseKind: 'consultation', caseId: id, scores: stars(2) });
    expect(ev.consequence?.kind).toBe('follow_up');
    expect((await evaluationsOf(id))[0]).toMatchObject({ categoryKey: 'consultation.accountant', volunteerName: '张敏' });
    expect((await read<Page<PendingEvaluation>>(worker, 'pending')).items.map((p) => p.caseId)).not.toContain(id);
  });

  // ---- forms -------------------------------------------------------------------------------------

  it('forms are validated and versioned: every save makes version N+1, the old version stays readable', async () => {
    const bad = await write(STAFF, 'saveForm', { title: { zh: '问卷' }, questions: [{ id: 'q1', kind: 'single', required: true, text: { zh: '选一个' }, options: [{ id: 'a', text: { zh: '甲' } }] }] });
    expect(code(bad)).toBe('REVISIT.FORM_INVALID');
    expect(code(await write(STAFF, 'saveForm', { title: { zh: '问卷' }, questions: [] }))).toBe('REVISIT.FORM_INVALID');
    const v1 = await okWrite<SurveyForm>(STAFF, 'saveForm', { title: { zh: '回访问卷', en: 'Revisit survey' }, questions: DEMO_FORM_QUESTIONS });
    expect(v1.version).toBe(1);
    const v2 = await okWrite<SurveyForm>(STAFF, 'saveForm', { id: v1.id, title: { zh: '回访问卷（二版）' }, questions: DEMO_FORM_QUESTIONS.slice(0, 2) });
    expect(v2).toMatchObject({ id: v1.id, version: 2 });
    expect((await read<SurveyForm>(STAFF, 'getForm', { id: v1.id, version: 1 })).questions).toHaveLength(5);
    expect((await read<SurveyForm>(STAFF, 'getForm', { id: v1.id })).questions).toHaveLength(2);
    expect((await read<SurveyForm[]>(STAFF, 'listForms')).map((f) => f.id)).toEqual(expect.arrayContaining([v1.id, DEMO_FORM_ID]));
    expect(code(await env.call('revisit', 'getForm', { id: v1.id }, { as: await env.makeUser('staff', { communityId: OTHER_TOWN }) }))).toBe('NOT_FOUND');
  });

  // ---- the yearly campaign -------------------------------------------------------------------------

  describe('the yearly campaign', () => {
    const ents = ['e1', 'e2', 'e3', 'eb', 'e4', 'e5', 'e6'].map((e) => `rv-${e}`);
    const [E1, E2, E3, EB, E4, E5, E6] = ents;
    const E7 = 'rv-e7';
    let staff: string;
    let formId: string;
    let campaignId: string;
    const managers: Record<string, string[]> = {};

    beforeAll(async () => {
      const db = getDb();
      const at = (s: string) => new Date(s);
      await Promise.all([
        ...ents.map((e) => db.collection(Collections.enterprises).add({ _id: e, communityId: TOWN, name: `企业${e}`, creditCode: `cc-${e}`, workshops: [], createdAt: at(PINNED), createdBy: 'test' })),
        db.collection(Collections.enterprises).add({ _id: E7, communityId: OTHER_TOWN, name: '外社区企业', creditCode: 'cc-rv-e7', workshops: [], createdAt: at(PINNED), createdBy: 'test' }),
      ]);
      const tk = (id: string, communityId: string, enterpriseId: string, submittedAt: string) => db.collection(Collections.tickets).add({ _id: id, number: `RV-${id}`, communityId, enterpriseId, submittedAt: at(submittedAt), status: 'closed', category: 'permit' });
      const qn = (id: string, enterpriseId: string | undefined, createdAt: string) => db.collection(Collections.questions).add({ _id: id, communityId: TOWN, askerOpenid: `asker-${id}`, ...(enterpriseId ? { enterpriseId } : {}), createdAt: at(createdAt), status: 'solved', dueAt: null, overdueNotified: true });
      const bk = (id: string, enterpriseId: string, month: string, status: string) => db.collection(Collections.clinicBookings).add({ _id: id, communityId: TOWN, monthKey: `${TOWN}:${month}`, enterpriseId, status, bookerId: `booker-${id}`, seatKey: `${id}-s`, bookerSlotKey: `${id}-b`, bookerProfessionKey: `${id}-p`, startsAt: at(`${month}-10T09:00:00+08:00`) });
      await Promise.all([
        tk('rv-t1', TOWN, E1, '2025-03-01T10:00:00+08:00'),
        tk('rv-t1b', TOWN, E1, '2025-09-01T10:00:00+08:00'),
        qn('rv-q2', E2, '2025-07-01T10:00:00+08:00'),
        qn('rv-q-noent', undefined, '2025-07-01T10:00:00+08:00'),
        bk('rv-b3', E3, '2025-11', 'attended'),
        // 1 January 00:10 in Beijing is still 31 December in UTC: it counts for 2025.
        tk('rv-tb', TOWN, EB, '2025-01-01T00:10:00+08:00'),
        // 31 December 23:30 in Beijing the year before: 2024, not 2025.
        tk('rv-t4', TOWN, E4, '2024-12-31T23:30:00+08:00'),
        bk('rv-b6', E6, '2025-05', 'cancelled'),
        tk('rv-t7', OTHER_TOWN, E7, '2025-05-01T10:00:00+08:00'),
      ]);
      staff = await env.makeUser('staff', { communityId: TOWN });
      for (const e of [E1, E1, E2, E3, EB, E5]) (managers[e] ??= []).push(await env.makeUser('manager', { communityId: TOWN, enterpriseId: e }));
      formId = (await okWrite<SurveyForm>(staff, 'saveForm', { title: { zh: '年度回访', en: 'Annual revisit' }, questions: DEMO_FORM_QUESTIONS })).id;
    });

    const answers = (q1: number, q2: number, choice = 'yes') => [
      { questionId: 'q1', rating: q1 },
      { questionId: 'q2', rating: q2 },
      { questionId: 'q3', choices: ['qa', 'tickets'] },
      { questionId: 'q4', choices: [choice] },
    ];

    it('targets exactly the enterprises of the community served in the Beijing year, with what they were served', async () => {
      expect(code(await write(staff, 'launchCampaign', { year: 2027, formId }))).toBe('INPUT.INVALID');
      const launches = await Promise.all(Array.from({ length: 5 }, () => write<CampaignView>(staff, 'launchCampaign', { year: 2025, formId })));
      expect(launches.map(code).sort()).toEqual(['OK', 'REVISIT.CAMPAIGN_EXISTS', 'REVISIT.CAMPAIGN_EXISTS', 'REVISIT.CAMPAIGN_EXISTS', 'REVISIT.CAMPAIGN_EXISTS']);
      const c = launches.find((r) => r.ok)!.ok ? (launches.find((r) => r.ok) as { data: CampaignView }).data : undefined;
      expect(c).toMatchObject({ id: `${TOWN}:2025`, year: 2025, formId, formVersion: 1, status: 'open', targets: 4, responded: 0, responseRate: 0 });
      campaignId = c!.id;
      const targets = await read<Page<CampaignTargetView>>(staff, 'campaignTargets', { id: campaignId });
      expect(targets.items.map((t) => [t.enterpriseId, t.served, t.status])).toEqual([
        [E1, { tickets: 2, questions: 0, consultations: 0 }, 'pending'],
        [E2, { tickets: 0, questions: 1, consultations: 0 }, 'pending'],
        [E3, { tickets: 0, questions: 0, consultations: 1 }, 'pending'],
        [EB, { tickets: 1, questions: 0, consultations: 0 }, 'pending'],
      ]);
      expect(code(await write(staff, 'launchCampaign', { year: 2025, formId }))).toBe('REVISIT.CAMPAIGN_EXISTS');
      expect((await read<CampaignView[]>(staff, 'listCampaigns')).map((x) => x.id)).toEqual([campaignId]);
      // Staff of another community do not see it.
      expect(code(await env.call('revisit', 'getCampaign', { id: campaignId }, { as: STAFF }))).toBe('NOT_FOUND');
    });

    it('answers keep the form version the campaign launched with, after a new save', async () => {
      await okWrite(staff, 'saveForm', { id: formId, title: { zh: '年度回访（新版）' }, questions: [{ id: 'q1', kind: 'rating', required: true, scored: true, text: { zh: '满意度' } }, { id: 'q9', kind: 'text', required: true, text: { zh: '新问题' } }] });
      const mine = await read<MySurveyView[]>(managers[E3][0], 'mySurveys');
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ campaignId, year: 2025, answered: false, form: { id: formId, version: 1 } });
      expect(mine[0].form.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4', 'q5']);
      // Answered against version 2's questions: refused (q3 and q4 of version 1 are required; q9 is not in it).
      expect(code(await write(managers[E3][0], 'answerSurvey', { campaignId, answers: [{ questionId: 'q1', rating: 5 }, { questionId: 'q9', text: '好' }] }))).toBe('REVISIT.ANSWER_INVALID');
      expect(code(await write(managers[E3][0], 'answerSurvey', { campaignId, answers: answers(6, 5) }))).toBe('REVISIT.ANSWER_INVALID');
      expect(code(await write(managers[E3][0], 'answerSurvey', { campaignId, answers: [...answers(5, 5).slice(0, 3), { questionId: 'q4', choices: ['yes', 'no'] }] }))).toBe('REVISIT.ANSWER_INVALID');
      expect(code(await write(managers[E5][0], 'answerSurvey', { campaignId, answers: answers(5, 5) }))).toBe('REVISIT.NOT_TARGET');
      expect(await read(managers[E5][0], 'mySurveys')).toEqual([]);
    });

    it('counts the response rate right under concurrent answers, and refuses a second answer for an enterprise', async () => {
      const calls = [
        write<SurveyResponseView>(managers[E1][0], 'answerSurvey', { campaignId, answers: answers(5, 4) }),
        write<SurveyResponseView>(managers[E1][1], 'answerSurvey', { campaignId, answers: answers(4, 4) }),
        write<SurveyResponseView>(managers[E2][0], 'answerSurvey', { campaignId, answers: answers(1, 2, 'no') }),
        write<SurveyResponseView>(managers[E3][0], 'answerSurvey', { campaignId, answers: [...answers(4, 5), { questionId: 'q5', text: 'Keep it up' }] }),
      ];
      const res = await Promise.all(calls);
      expect(res.slice(0, 2).map(code).sort()).toEqual(['OK', 'REVISIT.ALREADY_ANSWERED']);
      expect(res.slice(2).map(code)).toEqual(['OK', 'OK']);
      expect((res[3] as { data: SurveyResponseView }).data).toMatchObject({ formVersion: 1, via: 'self', score: 4.5, enterpriseId: E3 });
      expect(code(await write(managers[E1][1], 'answerSurvey', { campaignId, answers: answers(3, 3) }))).toBe('REVISIT.ALREADY_ANSWERED');

      const c = await read<CampaignView>(staff, 'getCampaign', { id: campaignId });
      expect(c).toMatchObject({ targets: 4, responded: 3, responseRate: 0.75 });
      const e1Score = (res.find((r, i) => i < 2 && r.ok) as { data: SurveyResponseView }).data.score!;
      expect(c.averageScore).toBeCloseTo((e1Score + 1.5 + 4.5) / 3, 2);
      expect(c.satisfactionRate).toBeCloseTo(2 / 3, 3);
      const responses = await read<Page<SurveyResponseView>>(staff, 'responses', { id: campaignId });
      expect(responses.items.map((r) => r.enterpriseId)).toEqual([E1, E2, E3]);
      expect((await read<MySurveyView[]>(managers[E1][1], 'mySurveys'))[0]).toMatchObject({ answered: true });

      // E2's 1.5 is poor: a follow-up task from the survey.
      const e2 = (await read<Page<CampaignTargetView>>(staff, 'campaignTargets', { id: campaignId, status: 'answered' })).items.find((t) => t.enterpriseId === E2)!;
      expect(e2).toMatchObject({ status: 'answered', via: 'self', score: 1.5 });
      const followUps = await read<Page<FollowUpView>>(staff, 'listFollowUps', { status: 'open' });
      expect(followUps.items.find((f) => f.id === e2.followUpId)).toMatchObject({ source: { kind: 'survey', id: `${campaignId}:${E2}` }, enterpriseId: E2, score: 1.5 });
    });

    it('reminds each pending target once per Beijing day, and staff record a phone revisit on an enterprise’s behalf', async () => {
      const remind = () => okWrite<{ sent: number; skipped: number }>(staff, 'remind', { id: campaignId });
      for (const m of Object.values(managers).flat()) await env.grantConsent(m, 'revisitReminder', 3);
      expect(await remind()).toEqual({ sent: 1, skipped: 0 });
      expect(await outbox('TPL-REVISIT-REMINDER', managers[EB][0])).toHaveLength(1);
      expect(await remind()).toEqual({ sent: 0, skipped: 1 });
      expect(await okWrite(staff, 'remind', { id: campaignId, enterpriseIds: [E1, EB, E5] })).toEqual({ sent: 0, skipped: 3 });
      await setClock({ now: '2026-06-16T08:00:00+08:00' });
      expect(await remind()).toEqual({ sent: 1, skipped: 0 });
      expect(await outbox('TPL-REVISIT-REMINDER', managers[EB][0])).toHaveLength(2);
      const target = (await read<Page<CampaignTargetView>>(staff, 'campaignTargets', { id: campaignId, status: 'pending' })).items;
      expect(target).toEqual([expect.objectContaining({ enterpriseId: EB, reminders: 2 })]);
      expect(target[0].lastRemindedAt?.slice(0, 16)).toBe('2026-06-16T00:00');

      const record = (at: string, enterpriseId = EB) => write<SurveyResponseView>(staff, 'recordRevisit', { campaignId, enterpriseId, via: 'phone', contactName: '李经理', at, answers: answers(4, 4) });
      expect(code(await record('2026-06-17T09:00:00+08:00'))).toBe('INPUT.INVALID');
      expect(code(await record('2026-06-15T15:00:00+08:00', E5))).toBe('REVISIT.NOT_TARGET');
      const r = await record('2026-06-15T15:00:00+08:00');
      expect(r.ok && r.data).toMatchObject({ via: 'phone', at: new Date('2026-06-15T15:00:00+08:00').toISOString(), formVersion: 1, score: 4 });
      expect(code(await record('2026-06-15T16:00:00+08:00'))).toBe('REVISIT.ALREADY_ANSWERED');
      const eb = (await read<Page<CampaignTargetView>>(staff, 'campaignTargets', { id: campaignId })).items.find((t) => t.enterpriseId === EB);
      expect(eb).toMatchObject({ status: 'answered', via: 'phone', contactName: '李经理', recordedByName: '测试staff' });
      expect(await read<CampaignView>(staff, 'getCampaign', { id: campaignId })).toMatchObject({ responded: 4, responseRate: 1 });
      expect(await remind()).toEqual({ sent: 0, skipped: 0 });
      await setClock({ now: PINNED });
    });

    it('a closed campaign takes no more answers', async () => {
      const c = await okWrite<CampaignView>(staff, 'launchCampaign', { year: 2024, formId });
      expect(c.targets).toBe(1);
      await okWrite(staff, 'closeCampaign', { id: c.id });
      expect(code(await write(staff, 'closeCampaign', { id: c.id }))).toBe('REVISIT.CAMPAIGN_CLOSED');
      const m4 = await env.makeUser('manager', { communityId: TOWN, enterpriseId: E4 });
      expect(code(await write(m4, 'answerSurvey', { campaignId: c.id, answers: answers(5, 5) }))).toBe('REVISIT.CAMPAIGN_CLOSED');
      expect(await read(m4, 'mySurveys')).toEqual([]);
    });
  });

  // ---- figures --------------------------------------------------------------------------------

  it('figures equal the counts computed straight from the evaluations, with last year beside them', async () => {
    const db = getDb();
    const more: Array<[string, number, string]> = [
      ['2025-03-10T10:00:00+08:00', 5, 'ticket'],
      ['2025-04-10T10:00:00+08:00', 3, 'question'],
      ['2026-01-01T00:30:00+08:00', 4, 'question'],
      ['2026-02-10T10:00:00+08:00', 1, 'ticket'],
    ];
    await Promise.all(
      more.map(([at, overall, caseKind], i) =>
        db.collection(Collections.evaluations).add({
          _id: `${caseKind}:fig-${i}:someone`, communityId: 'xingping', caseKind, caseId: `fig-${i}`, caseTitle: 'fig', raterOpenid: 'someone', raterRole: 'manager',
          scores: { speed: overall, attitude: overall, result: overall }, overall, at: new Date(at), year: Number(at.slice(0, 4)), month: at.slice(0, 7),
          category: 'permit', categoryKey: `${caseKind}.permit`, unitId: 'unit-econ', unitName: '经信局',
          satisfied: overall >= 4 ? 1 : 0, promoter: overall === 5 ? 1 : 0, detractor: overall <= 3 ? 1 : 0,
        }),
      ),
    );
    const all = (await db.collection(Collections.evaluations).where({ communityId: 'xingping' }).limit(1000).get()).data as EvaluationDoc[];
    for (const year of [2026, 2025]) {
      const rows = all.filter((e) => e.year === year);
      const last = all.filter((e) => e.year === year - 1);
      const f = await read<SatisfactionFigures>('demo-instructor-huang', 'figures', { year });
      const pct = (n: number, d: number) => (d ? Math.round((n / d) * 10_000) / 10_000 : 0);
      const nps = (xs: EvaluationDoc[]) => (xs.length ? Math.round(((xs.filter((e) => e.overall === 5).length - xs.filter((e) => e.overall <= 3).length) * 100) / xs.length) : 0);
      expect(rows.length).toBeGreaterThan(0);
      expect(f.evaluations).toBe(rows.length);
      // Satisfied: 4★ or more overall and no item at 2★ or below (5/5/2 averages 4 and is dissatisfied).
      expect(f.satisfactionRate).toBe(pct(rows.filter((e) => e.overall >= 4 && Object.values(e.scores).every((n) => n > 2)).length, rows.length));
      expect(f.averageScore).toBeCloseTo(rows.reduce((s, e) => s + e.overall, 0) / rows.length, 2);
      expect(f.nps).toBe(nps(rows));
      expect(f.lastYear).toMatchObject({ evaluations: last.length, nps: nps(last) });
      expect(f.byMonth).toHaveLength(12);
      for (const m of f.byMonth) expect(m.count).toBe(rows.filter((e) => e.month === m.month).length);
      for (const k of ['ticket', 'question', 'consultation']) {
        const n = rows.filter((e) => e.caseKind === k).length;
        expect(f.byCaseKind.find((r) => r.key === k)?.count ?? 0).toBe(n);
      }
      for (const r of f.byCategory) expect(r.count).toBe(rows.filter((e) => e.categoryKey === r.key).length);
      expect(f.byCategory.reduce((s, r) => s + r.count, 0)).toBe(rows.length);
      for (const r of f.byUnit) expect(r).toMatchObject({ count: rows.filter((e) => e.unitId === r.key).length, label: rows.find((e) => e.unitId === r.key)?.unitName });
      for (const r of f.byVolunteer) expect(r.count).toBe(rows.filter((e) => e.volunteerOpenid === r.key).length);
      expect(f.byVolunteer.reduce((s, r) => s + r.count, 0)).toBe(rows.filter((e) => e.volunteerOpenid).length);
    }
    const listed = await read<Page<EvaluationView>>(STAFF, 'listEvaluations', { maxOverall: 2 });
    expect(listed.items.length).toBeGreaterThan(0);
    expect(listed.items.every((e) => e.overall <= 2)).toBe(true);
    expect(listed.items.map((e) => e.at)).toEqual([...listed.items.map((e) => e.at)].sort().reverse());
  });
});
