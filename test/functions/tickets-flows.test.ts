/**
 * Enterprise demands end to end through the emulator, the real SDK and the real bundle: the whole
 * chain from 企业点单 to closure with its timeline; 退单 and re-dispatch; suspension; the month's
 * 会诊 agenda; privacy; 50 concurrent conflicting acts per version; automatic escalation when the
 * clock passes each rung's deadline (not a minute before), fired twice. The clock is pinned to
 * March 2027 and reset after.
 */
import { PACKAGE_CALENDAR } from '../../core/rules/holiday-calendar';
import type { Page } from '../../core/api/admin';
import type { AgendaView, TicketDetail, TicketSummary } from '../../core/api/tickets';
import { rungDeadline } from '../../core/rules/ticket-escalation';
import type { Ticket } from '../../core/rules/ticket-machine';
import { docOf, getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { HistoryDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type ClockChange, type TestEnv, code } from '../support/harness';

process.env.TICKETS_TEMPLATE_HANDOFF = 'TPL-TICKET-HANDOFF';
process.env.TICKETS_TEMPLATE_UPDATE = 'TPL-TICKET-UPDATE';
process.env.TICKETS_TEMPLATE_OVERDUE = 'TPL-TICKET-OVERDUE';

const MANAGER = 'demo-manager-wang';
const INSTRUCTOR = 'demo-instructor-huang';
const STAFF = 'demo-staff-zhang';
const UNIT = 'demo-unit-hr';
const PINNED = '2027-03-01T10:00:00+08:00';

describe('tickets flows', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    await setClock({ now: PINNED });
    // The demo people these flows notify consented more often than any flow sends: a notice sent twice would show.
    await env.grantConsent(INSTRUCTOR, 'ticketHandoff', 30);
    await env.grantConsent(UNIT, ['ticketHandoff', 'ticketOverdue'], 30);
    await env.grantConsent(MANAGER, 'ticketUpdate', 30);
  });
  afterAll(async () => {
    await setClock({ reset: true });
    await env.close();
  });

  const setClock = (body: ClockChange) => env.setClock(body);
  const sweep = () => env.fireTimer('tickets', 'sweep');
  const outbox = async (templateId: string) => (await env.outbox()).filter((m) => m.templateId === templateId);
  const write = <T>(as: string, action: string, data: unknown) => env.call<T>('tickets', action, data, { as, idempotencyKey: env.key() });
  const okWrite = <T>(as: string, action: string, data: unknown) => env.ok<T>('tickets', action, data, { as, idempotencyKey: env.key() });
  const get = (as: string, id: string) => env.ok<TicketDetail>('tickets', 'get', { id }, { as });
  const submit = (as: string, extra: Record<string, unknown> = {}) =>
    okWrite<TicketDetail>(as, 'submit', { title: '招聘旺季用工缺口 60 人', description: '三月订单增加，冲压车间缺普工 60 人，希望对接招聘会。', category: 'recruiting', ...extra });
  /** Acts with the version the ticket has now. */
  async function act(as: string, id: string, act: string, extra: Record<string, unknown> = {}): Promise<TicketDetail> {
    const t = await env.ok<TicketDetail>('tickets', 'get', { id }, { as: STAFF });
    return okWrite<TicketDetail>(as, 'act', { id, version: t.version, act, ...extra });
  }
  /** The ticket's own timeline, as stored (embedded in the ticket, oldest first). */
  const history = async (ticketId: string) => (docOf<{ history?: HistoryDoc[] }>(await getDb().collection(Collections.tickets).doc(ticketId).get())?.history ?? []) as HistoryDoc[];

  it('runs the whole chain: submit → accept → dispatch → sign → start → progress → resolve → evaluate → close', async () => {
    const t = await submit(MANAGER);
    expect(t).toMatchObject({ status: 'submitted', version: 1, rung: 0, category: 'recruiting', urgency: 'normal', enterpriseName: '嘉兴甬森汽车零部件有限公司' });
    expect(t.number).toMatch(/^XP-2027-\d{4}$/);
    expect(t.can).toEqual([]);
    expect((await outbox('TPL-TICKET-HANDOFF')).map((m) => m.touser)).toContain(INSTRUCTOR);

    const accepted = await okWrite<TicketDetail>(INSTRUCTOR, 'act', { id: t.id, version: 1, act: 'accept', note: '已核实，请社区派单' });
    expect(accepted).toMatchObject({ status: 'accepted', version: 2 });
    // Dispatch without units: the catalogue's lead for recruiting (市人力社保局).
    const dispatched = await okWrite<TicketDetail>(STAFF, 'act', { id: t.id, version: 2, act: 'dispatch' });
    expect(dispatched).toMatchObject({ status: 'dispatched', leadUnitId: 'unit-hrss', leadUnitName: '市人力社保局', leadUnitNameEn: 'Human Resources and Social Security Bureau' });
    expect(dispatched.nextDeadline?.kind).toBe('sign');
    expect((await outbox('TPL-TICKET-HANDOFF')).map((m) => m.touser)).toContain(UNIT);

    const unitView = await get(UNIT, t.id);
    expect(unitView.can).toEqual(expect.arrayContaining(['sign', 'return', 'suspend']));
    await okWrite(UNIT, 'act', { id: t.id, version: 3, act: 'sign' });
    await okWrite(UNIT, 'act', { id: t.id, version: 4, act: 'start' });
    expect(code(await write(UNIT, 'act', { id: t.id, version: 5, act: 'progress' }))).toBe('TICKET.NOTE_REQUIRED');
    await okWrite(UNIT, 'act', { id: t.id, version: 5, act: 'progress', note: '已安排 3 月 8 日专场招聘会' });
    const resolved = await okWrite<TicketDetail>(UNIT, 'act', { id: t.id, version: 6, act: 'resolve', note: '招聘会到场 120 人，企业录用 64 人' });
    expect(resolved.status).toBe('resolved');
    expect((await outbox('TPL-TICKET-UPDATE')).map((m) => m.touser)).toContain(MANAGER);

    expect((await get(MANAGER, t.id)).can).toEqual(expect.arrayContaining(['evaluate', 'reopen']));
    expect(code(await write(MANAGER, 'act', { id: t.id, version: 7, act: 'evaluate', rating: 6 }))).toBe('TICKET.RATING_INVALID');
    expect(code(await write(MANAGER, 'act', { id: t.id, version: 7, act: 'evaluate', rating: 5.5 }))).toBe('INPUT.INVALID');
    const evaluated = await okWrite<TicketDetail>(MANAGER, 'act', { id: t.id, version: 7, act: 'evaluate', rating: 5, comment: '响应很快' });
    expect(evaluated.evaluation).toMatchObject({ rating: 5, comment: '响应很快' });
    const closed = await okWrite<TicketDetail>(STAFF, 'act', { id: t.id, version: 8, act: 'close' });
    expect(closed).toMatchObject({ status: 'closed', version: 9, can: [] });

    const seen = await get(MANAGER, t.id);
    expect(seen.timeline.map((e) => [e.version, e.act, e.from, e.to])).toEqual([
      [1, 'submit', null, 'submitted'],
      [2, 'accept', 'submitted', 'accepted'],
      [3, 'dispatch', 'accepted', 'dispatched'],
      [4, 'sign', 'dispatched', 'signed'],
      [5, 'start', 'signed', 'in_progress'],
      [6, 'progress', 'in_progress', 'in_progress'],
      [7, 'resolve', 'in_progress', 'resolved'],
      [8, 'evaluate', 'resolved', 'evaluated'],
      [9, 'close', 'evaluated', 'closed'],
    ]);
    expect(seen.timeline.map((e) => e.actorName)).toEqual(['王海燕', '黄志强', '张敏', '吴科长', '吴科长', '吴科长', '吴科长', '王海燕', '张敏']);
    expect(seen.timeline[6].note).toBe('招聘会到场 120 人，企业录用 64 人');
  });

  it('a unit returns a ticket (退单) with a reason; staff dispatch it again and re-assign it (改派)', async () => {
    const manager = await env.makeUser('manager');
    const t = await submit(manager, { category: 'subsidy', title: '技改补贴未到账' });
    await act(STAFF, t.id, 'accept');
    const d = await act(STAFF, t.id, 'dispatch', { leadUnitId: 'unit-hrss', assistUnitIds: ['unit-tax', 'unit-hrss'] });
    expect(d.assistUnits).toEqual([{ id: 'unit-tax', name: '税务分局', nameEn: 'Tax Branch' }]);
    expect(code(await write(UNIT, 'act', { id: t.id, version: d.version, act: 'return' }))).toBe('TICKET.REASON_REQUIRED');
    const returned = await okWrite<TicketDetail>(UNIT, 'act', { id: t.id, version: d.version, act: 'return', reason: '技改补贴归经信局主管' });
    expect(returned).toMatchObject({ status: 'accepted', assistUnits: [] });
    expect(returned.leadUnitId).toBeUndefined();
    // No longer theirs: the unit cannot read it any more.
    expect(code(await env.call('tickets', 'get', { id: t.id }, { as: UNIT }))).toBe('TICKET.NOT_YOURS');

    await act(STAFF, t.id, 'dispatch', { leadUnitId: 'unit-econ' });
    expect(code(await write(STAFF, 'act', { id: t.id, version: (await get(STAFF, t.id)).version, act: 'redispatch', leadUnitId: 'unit-hrss' }))).toBe('TICKET.REASON_REQUIRED');
    const re = await act(STAFF, t.id, 'redispatch', { leadUnitId: 'unit-hrss', reason: '涉及稳岗补贴，改由人社局主办' });
    expect(re).toMatchObject({ status: 'dispatched', leadUnitId: 'unit-hrss' });
    const timeline = (await get(manager, t.id)).timeline;
    expect(timeline.map((e) => e.act)).toEqual(['submit', 'accept', 'dispatch', 'return', 'dispatch', 'redispatch']);
    expect(timeline[3]).toMatchObject({ note: '技改补贴归经信局主管', from: 'dispatched', to: 'accepted', actorRole: 'unit' });
  });

  it('suspends (the clock pauses) and the manager resumes it back to where it was', async () => {
    const manager = await env.makeUser('manager');
    const t = await submit(manager);
    await act(STAFF, t.id, 'accept');
    await act(STAFF, t.id, 'dispatch');
    await act(UNIT, t.id, 'sign');
    expect(code(await write(STAFF, 'act', { id: t.id, version: 4, act: 'suspend' }))).toBe('TICKET.REASON_REQUIRED');
    expect(code(await write(STAFF, 'act', { id: t.id, version: 4, act: 'suspend', reason: '   ' }))).toBe('TICKET.REASON_REQUIRED');
    expect(code(await write(STAFF, 'act', { id: t.id, version: 4, act: 'merge', targetId: '' }))).toBe('TICKET.MERGE_TARGET_INVALID');
    const s = await okWrite<TicketDetail>(STAFF, 'act', { id: t.id, version: 4, act: 'suspend', reason: '等待企业补充岗位清单' });
    expect(s).toMatchObject({ status: 'suspended', deadlines: { paused: true }, overdue: false });
    expect((await get(manager, t.id)).can).toEqual(['resume']);
    const r = await okWrite<TicketDetail>(manager, 'act', { id: t.id, version: 5, act: 'resume', note: '清单已上传' });
    expect(r).toMatchObject({ status: 'signed', version: 6, deadlines: { paused: false } });
  });

  it('a ticket made from the manager’s own Q&A question shows where it came from; someone else’s question is not found', async () => {
    const manager = await env.makeUser('manager');
    const q = await env.ok<{ id: string }>('qa', 'ask', { title: '稳岗补贴怎么申请', description: '去年没有裁员，今年能申请稳岗返还吗？', category: 'legal' }, { as: manager, idempotencyKey: env.key() });
    const t = await submit(manager, { sourceQuestionId: q.id, category: 'subsidy' });
    expect(t.source).toEqual({ kind: 'question', id: q.id });
    const question = (await getDb().collection(Collections.questions).doc(q.id).get()).data[0] as { ticketId?: string };
    expect(question.ticketId).toBe(t.id);
    const stranger = await env.makeUser('manager');
    expect(code(await write(stranger, 'submit', { title: '冒用', description: '别人的问题', category: 'other', sourceQuestionId: q.id }))).toBe('NOT_FOUND');
  });

  it('drafts the month’s agenda from escalated and twice-returned tickets; staff edit it and record a decision', async () => {
    const manager = await env.makeUser('manager');
    const escalated = await submit(manager, { title: '厂房扩建用地指标' , category: 'land' });
    await act(STAFF, escalated.id, 'escalate');
    const bounced = await submit(manager, { title: '社保补缴' });
    await act(STAFF, bounced.id, 'accept');
    for (let i = 0; i < 2; i++) {
      await act(STAFF, bounced.id, 'dispatch', { leadUnitId: 'unit-hrss' });
      await act(UNIT, bounced.id, 'return', { reason: `不属本单位职责 ${i + 1}` });
    }
    const plain = await submit(manager, { title: '普通诉求' });

    const draft = await env.ok<AgendaView>('tickets', 'agenda', { month: '2027-03' }, { as: STAFF });
    expect(draft.edited).toBe(false);
    expect(draft.items.map((i) => [i.ticket.id, i.reasons])).toEqual([
      [escalated.id, ['escalated']],
      [bounced.id, ['returned']],
    ]);

    // Staff's changes are kept as such (added, removed), not as a frozen copy of the draft: what
    // they added comes first, then the draft without what they removed.
    const edited = await okWrite<AgendaView>(STAFF, 'editAgenda', { month: '2027-03', add: [plain.id], remove: [bounced.id] });
    expect(edited.edited).toBe(true);
    expect(edited.items.map((i) => i.ticket.id)).toEqual([plain.id, escalated.id]);

    const before = (await get(STAFF, escalated.id)).version;
    const decided = await okWrite<AgendaView>(STAFF, 'recordDecision', { month: '2027-03', ticketId: escalated.id, owner: '自然资源和规划分局', deadline: '2027-03-31', note: '先行办理用地预审' });
    expect(decided.items[1].decision).toMatchObject({ owner: '自然资源和规划分局', deadline: '2027-03-31', note: '先行办理用地预审' });
    const after = await get(manager, escalated.id);
    expect(after.version).toBe(before + 1);
    expect(after.timeline[after.timeline.length - 1]).toMatchObject({ act: 'decision', version: before + 1, actorName: '张敏' });
    expect(code(await write(STAFF, 'recordDecision', { month: '2027-03', ticketId: bounced.id, owner: '人社局', deadline: '2027-03-31', note: '-' }))).toBe('NOT_FOUND');
    // Read again: staff's changes stand (the removed ticket, still returned twice, stays off).
    expect((await env.ok<AgendaView>('tickets', 'agenda', { month: '2027-03' }, { as: INSTRUCTOR })).items.map((i) => i.ticket.id)).toEqual([plain.id, escalated.id]);
  });

  it('keeps tickets private: other enterprises, other units, other communities, workers', async () => {
    const t = await submit(MANAGER, { title: '隐私测试' });
    const other = await env.makeUser('manager', { enterpriseId: 'ent-brenner' });
    expect(code(await env.call('tickets', 'get', { id: t.id }, { as: other }))).toBe('TICKET.NOT_YOURS');
    expect(code(await write(other, 'act', { id: t.id, version: 1, act: 'reopen', reason: 'x' }))).toBe('TICKET.NOT_YOURS');
    const theirs = await env.ok<Page<TicketSummary>>('tickets', 'list', {}, { as: other });
    expect(theirs.items.map((i) => i.id)).not.toContain(t.id);
    const mine = await env.ok<Page<TicketSummary>>('tickets', 'list', {}, { as: MANAGER });
    expect(mine.items.map((i) => i.id)).toContain(t.id);

    const taxUnit = await env.makeUser('unit', { unitId: 'unit-tax' });
    expect(code(await env.call('tickets', 'get', { id: t.id }, { as: taxUnit }))).toBe('TICKET.NOT_YOURS');
    expect((await env.ok<Page<TicketSummary>>('tickets', 'list', {}, { as: taxUnit })).items.map((i) => i.id)).not.toContain(t.id);

    const elsewhere = await env.makeUser('staff', { communityId: 'elsewhere' });
    expect(code(await env.call('tickets', 'get', { id: t.id }, { as: elsewhere }))).toBe('NOT_FOUND');
    const worker = await env.makeUser('worker');
    expect(code(await env.call('tickets', 'get', { id: t.id }, { as: worker }))).toBe('AUTH.FORBIDDEN');
    expect(code(await env.call('tickets', 'list', {}, { as: worker }))).toBe('AUTH.FORBIDDEN');
    expect(code(await env.call('tickets', 'list', {}, { as: await env.makeUser('volunteer') }))).toBe('AUTH.FORBIDDEN');
  });

  it('50 concurrent conflicting acts per version: exactly one wins each round, the history has no gaps', async () => {
    const t = await submit(MANAGER, { title: '并发测试' });
    const people = await Promise.all(Array.from({ length: 50 }, (_, i) => env.makeUser(i % 2 ? 'staff' : 'instructor')));
    const rounds = 3;
    for (let round = 0; round < rounds; round++) {
      const now = await get(STAFF, t.id);
      // Acts the ticket allows now, so whoever wins the race succeeds.
      const acts = (now.status === 'submitted' ? ['accept', 'escalate'] : ['supervise', 'escalate', 'suspend']).filter((a) => a !== 'escalate' || now.rung < 2);
      const results = await Promise.all(
        people.map((as, i) => {
          // Instructors may accept and supervise; escalate and suspend are staff's.
          const a = as.startsWith('t-instructor-') ? (now.status === 'submitted' ? 'accept' : 'supervise') : acts[i % acts.length];
          // Only suspension says why: each act takes only its own fields (core/contract/tickets.ts).
          return write(as, 'act', { id: t.id, version: now.version, act: a, ...(a === 'suspend' ? { reason: '并发测试' } : {}) });
        }),
      );
      const codes = results.map(code);
      expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
      expect(codes.filter((c) => c !== 'OK').every((c) => c === 'TICKET.VERSION_CONFLICT')).toBe(true);
      if ((await get(STAFF, t.id)).status === 'suspended') await act(STAFF, t.id, 'resume');
    }
    const final = await get(STAFF, t.id);
    const h = await history(t.id);
    expect(h.map((e) => e.version)).toEqual(Array.from({ length: final.version }, (_, i) => i + 1));
    expect(h.every((e) => e.ticketId === t.id)).toBe(true);
    expect(final.timeline).toHaveLength(final.version);
  });

  it('escalates automatically one rung past each deadline (not a minute before), once even when the timer fires twice', async () => {
    const t = await submit(MANAGER, { title: '供电线路改造迟迟未排期', category: 'utilities' });
    await act(STAFF, t.id, 'accept');
    await act(STAFF, t.id, 'dispatch', { leadUnitId: 'unit-hrss' });
    const due = new Date(t.deadlines.resolve!);
    const remindersOfT = async () => (await outbox('TPL-TICKET-OVERDUE')).filter((m) => m.touser === UNIT && m.page?.endsWith(`id=${t.id}`));

    await setClock({ now: new Date(due.getTime() - 60_000).toISOString() });
    await sweep();
    expect((await get(STAFF, t.id)).rung).toBe(0);

    const past = new Date(due.getTime() + 60_000);
    await setClock({ now: past.toISOString() });
    await sweep();
    await sweep();
    const one = await get(STAFF, t.id);
    expect(one).toMatchObject({ rung: 1, overdue: true, status: 'dispatched' });
    expect(one.timeline.filter((e) => e.act === 'escalate')).toEqual([expect.objectContaining({ actorRole: 'system', actorName: '系统' })]);
    // 督办: the overdue sign-for and resolution deadlines were flagged once each, to the unit.
    expect((await remindersOfT()).map((m) => m.data.thing3.value)).toEqual(['督办：签收已超时', '督办：办结已超时']);

    const rung1 = rungDeadline({ rung: 1, rungReachedAt: past, reopenedAt: null, suspensions: [] } as unknown as Ticket, PACKAGE_CALENDAR);
    await setClock({ now: new Date(rung1.getTime() - 60_000).toISOString() });
    await sweep();
    expect((await get(STAFF, t.id)).rung).toBe(1);
    await setClock({ now: new Date(rung1.getTime() + 60_000).toISOString() });
    await Promise.all([sweep(), sweep()]);
    const two = await get(STAFF, t.id);
    expect(two.rung).toBe(2);
    expect(two.timeline.filter((e) => e.act === 'escalate').map((e) => e.version)).toHaveLength(2);
    expect(await remindersOfT()).toHaveLength(2);
    await setClock({ reset: true });
  });
});
