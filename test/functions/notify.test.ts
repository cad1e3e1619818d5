/**
 * Reaching people, end to end through the emulator with consent enforced: one inbox item per
 * event × recipient whatever is retried, the subscribe message only where the person consented
 * (and WeChat's refusal recorded as refused, never as sent), the inbox's own rules, and every
 * role's 待办 counts against the cases the test made.
 */
import type { Page } from '../../core/api/admin';
import type { InboxItem, NotificationSetting, Todos } from '../../core/api/notify';
import type { QuestionDetail } from '../../core/api/qa';
import type { TicketDetail } from '../../core/api/tickets';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, type TestEnv, code } from '../support/harness';

process.env.QA_TEMPLATE_ANSWERED = 'TPL-QA-ANSWERED';
process.env.QA_TEMPLATE_INFO_REQUESTED = 'TPL-QA-INFO';
process.env.QA_TEMPLATE_OVERDUE = 'TPL-QA-OVERDUE';
process.env.TICKETS_TEMPLATE_HANDOFF = 'TPL-TK-HANDOFF';

describe('notify: inbox, consent and to-dos', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  /** What the phone's dialog does: the emulator's consent ledger, then the app tells the server. */
  async function answerDialog(openid: string, answers: Record<string, 'accept' | 'reject'>, ids: Record<string, string>): Promise<void> {
    const res = await fetch(`${env.emulator.url}/__emulator/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid, answers: Object.fromEntries(Object.entries(answers).map(([name, a]) => [ids[name], a])) }),
    });
    expect(res.status).toBe(200);
    await env.ok<NotificationSetting[]>('user', 'consent', { answers }, { as: openid, idempotencyKey: env.key() });
  }
  const ids = { qaAnswered: 'TPL-QA-ANSWERED', qaInfoRequested: 'TPL-QA-INFO', qaOverdue: 'TPL-QA-OVERDUE' };
  const ask = (as: string, title = '劳动合同到期不续签有补偿吗') =>
    env.ok<QuestionDetail>('qa', 'ask', { title, description: '合同下月到期，公司说不续签，我能拿到经济补偿吗？', category: 'legal' }, { as, idempotencyKey: env.key() });
  const inboxOf = (as: string) => env.ok<Page<InboxItem> & { unread: number }>('user', 'inbox', {}, { as });
  const allOutbox = async () => {
    const res = await fetch(`${env.emulator.url}/__emulator/outbox?status=all`);
    return ((await res.json()) as { messages: Array<{ touser: string; templateId: string; errcode?: number }> }).messages;
  };

  async function answered(asker: string, responder: string, key = env.key()): Promise<QuestionDetail> {
    const q = await ask(asker);
    await env.ok('qa', 'claim', { id: q.id }, { as: responder, idempotencyKey: env.key() });
    return env.ok<QuestionDetail>('qa', 'answer', { id: q.id, text: '可以，按工作年限计算经济补偿。' }, { as: responder, idempotencyKey: key });
  }

  it('accepted "answered": exactly one message and one inbox item; rejected: the item only; never asked: refused (43101), recorded as refused', async () => {
    const lawyer = await env.makeUser('volunteer', { name: '陈律师', profession: 'lawyer', volunteerStatus: 'approved' });
    const accepted = await env.makeUser('worker');
    const rejected = await env.makeUser('worker');
    const silent = await env.makeUser('worker');
    await answerDialog(accepted, { qaAnswered: 'accept' }, ids);
    await answerDialog(rejected, { qaAnswered: 'reject' }, ids);
    for (const w of [accepted, rejected, silent]) await answered(w, lawyer);

    const box = await allOutbox();
    const answeredTo = (w: string) => box.filter((m) => m.touser === w && m.templateId === 'TPL-QA-ANSWERED');
    expect(answeredTo(accepted).filter((m) => !m.errcode)).toHaveLength(1);
    expect(answeredTo(rejected)).toHaveLength(0); // turned off: not even tried
    expect(answeredTo(silent).every((m) => m.errcode === 43101)).toBe(true);
    expect(answeredTo(silent).filter((m) => !m.errcode)).toHaveLength(0);

    const items = async (w: string) => (await inboxOf(w)).items.filter((i) => i.kind === 'qa.answered');
    expect(await items(accepted)).toEqual([expect.objectContaining({ push: 'sent', read: false })]);
    expect(await items(rejected)).toEqual([expect.objectContaining({ push: 'off' })]);
    expect(await items(silent)).toEqual([expect.objectContaining({ push: 'refused', errcode: 43101 })]);
    // The invitation to rate arrives with the answer, once.
    expect((await inboxOf(accepted)).items.filter((i) => i.kind === 'revisit.evaluate')).toHaveLength(1);
  });

  it('an act retried with its key and a timer fired twice write one item per event × recipient', async () => {
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', volunteerStatus: 'approved' });
    const worker = await env.makeUser('worker');
    const key = env.key();
    const q = await answered(worker, lawyer, key);
    const again = await env.call('qa', 'answer', { id: q.id, text: '可以，按工作年限计算经济补偿。' }, { as: lawyer, idempotencyKey: key });
    expect(again.ok).toBe(true);
    expect((await inboxOf(worker)).items.filter((i) => i.kind === 'qa.answered')).toHaveLength(1);

    // Overdue: a question past its deadline, the timer fired twice → one item per staff member.
    const late = await ask(worker, '加班费怎么算');
    await env.setClock({ now: new Date(Date.now() + 5 * 86_400_000).toISOString() });
    await env.fireTimer('qa', 'overdue');
    await env.fireTimer('qa', 'overdue');
    const staffItems = (await inboxOf('demo-staff-zhang')).items.filter((i) => i.kind === 'qa.overdue' && i.page.endsWith(late.id));
    expect(staffItems).toHaveLength(1);
    await env.setClock({ reset: true });
  });

  it('an item whose message was never tried (the process ended after the commit) is tried once by the timer, its outcome recorded', async () => {
    const worker = await env.makeUser('worker');
    await answerDialog(worker, { qaAnswered: 'accept' }, ids);
    const at = new Date(Date.now() - 10 * 60_000);
    const _id = `n_${'a'.repeat(24)}${Date.now().toString(16).padStart(16, '0')}`;
    await getDb().collection(Collections.inbox).add({ _id, openid: worker, event: `test:${_id}`, kind: 'qa.answered', subject: '测试', page: 'qa/pages/detail/index?id=x', template: 'qaAnswered', data: { thing1: '测试', thing2: '社区', time3: '2026-12-05 10:00' }, read: false, createdAt: at, sortKey: `${at.toISOString()}#${_id}`, push: 'pending' });
    await env.fireTimer('qa', 'overdue');
    await env.fireTimer('qa', 'overdue');
    expect((await inboxOf(worker)).items.find((i) => i.id === _id)).toMatchObject({ push: 'sent' });
    expect((await allOutbox()).filter((m) => m.touser === worker && !m.errcode)).toHaveLength(1);
  });

  it('the overdue alert fires again for a restarted deadline, once per deadline', async () => {
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', volunteerStatus: 'approved' });
    const worker = await env.makeUser('worker');
    const q = await ask(worker, '工伤认定要多久');
    const t0 = Date.now();
    await env.setClock({ now: new Date(t0 + 5 * 86_400_000).toISOString() });
    await env.fireTimer('qa', 'overdue');
    await env.ok('qa', 'claim', { id: q.id }, { as: lawyer, idempotencyKey: env.key() });
    await env.ok('qa', 'requestInfo', { id: q.id, text: '请提供事故发生时间。' }, { as: lawyer, idempotencyKey: env.key() });
    await env.ok('qa', 'reply', { id: q.id, text: '上周三下午。' }, { as: worker, idempotencyKey: env.key() });
    await env.setClock({ now: new Date(t0 + 12 * 86_400_000).toISOString() });
    await env.fireTimer('qa', 'overdue');
    await env.fireTimer('qa', 'overdue');
    const forQ = (await inboxOf('demo-staff-zhang')).items.filter((i) => i.kind === 'qa.overdue' && i.page.endsWith(q.id));
    expect(forQ).toHaveLength(2);
    await env.setClock({ reset: true });
  });

  it('bad input: an unknown template, another person\'s item → a clear error, nothing changed', async () => {
    const a = await env.makeUser('worker');
    const b = await env.makeUser('worker');
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', volunteerStatus: 'approved' });
    await answered(a, lawyer);
    const before = await env.counts();
    expect(code(await env.call('user', 'consent', { answers: { qaAnswered: 'accept', noSuchTemplate: 'accept' } }, { as: a, idempotencyKey: env.key() }))).toBe('NOTIFY.UNKNOWN_TEMPLATE');
    expect(code(await env.call('user', 'consent', { answers: { qaAnswered: 'maybe' } }, { as: a, idempotencyKey: env.key() }))).toBe('INPUT.INVALID');
    const item = (await inboxOf(a)).items[0];
    expect(code(await env.call('user', 'markRead', { id: item.id }, { as: b, idempotencyKey: env.key() }))).toBe('NOTIFY.NOT_YOURS');
    expect(code(await env.call('user', 'markRead', { id: 'n_' + '0'.repeat(40) }, { as: b, idempotencyKey: env.key() }))).toBe('NOTIFY.NOT_YOURS');
    expect(await env.counts()).toEqual(before);
    expect((await inboxOf(a)).items.find((i) => i.id === item.id)?.read).toBe(false);
    expect(await env.ok<NotificationSetting[]>('user', 'notificationSettings', {}, { as: a })).toContainEqual(expect.objectContaining({ template: 'qaAnswered', on: true }));
    expect((await getDb().collection(Collections.notifyConsents).where({ openid: a }).count()).total).toBe(0);

    // Mine: read, then all read; the unread count follows.
    const unread = (await inboxOf(a)).unread;
    expect((await env.ok<{ unread: number }>('user', 'markRead', { id: item.id }, { as: a, idempotencyKey: env.key() })).unread).toBe(unread - 1);
    expect((await env.ok<{ unread: number }>('user', 'markAllRead', {}, { as: a, idempotencyKey: env.key() })).unread).toBe(0);
  });

  it('turning a rejected notification back on: the next tap may ask again', async () => {
    const w = await env.makeUser('worker');
    let s = await env.ok<NotificationSetting[]>('user', 'consent', { answers: { qaAnswered: 'reject' }, keep: true }, { as: w, idempotencyKey: env.key() });
    expect(s.find((x) => x.template === 'qaAnswered')).toMatchObject({ on: false, keep: true, answer: 'reject' });
    s = await env.ok<NotificationSetting[]>('user', 'setNotification', { template: 'qaAnswered', on: true }, { as: w, idempotencyKey: env.key() });
    expect(s.find((x) => x.template === 'qaAnswered')).toMatchObject({ on: true });
    expect(s.find((x) => x.template === 'qaAnswered')?.keep).toBeUndefined();
  });

  it('待办 for every role equal the cases the test made', async () => {
    const todo = async (as: string) => Object.fromEntries((await env.ok<Todos>('user', 'todos', {}, { as })).items.map((i) => [i.key, i.count]));
    // Worker: one question awaiting details.
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', volunteerStatus: 'approved' });
    const worker = await env.makeUser('worker');
    const q = await ask(worker, '社保断缴怎么办');
    const volunteerBefore = (await todo(lawyer)).questionsWaiting ?? 0;
    await env.ok('qa', 'claim', { id: q.id }, { as: lawyer, idempotencyKey: env.key() });
    expect((await todo(lawyer)).questionsWaiting ?? 0).toBe(volunteerBefore - 1);
    await env.ok('qa', 'requestInfo', { id: q.id, text: '请说明断缴月份。' }, { as: lawyer, idempotencyKey: env.key() });
    expect(await todo(worker)).toMatchObject({ infoRequested: 1 });

    // A demand: the instructor's 待传单, then staff's 待派单, then the unit's 待签收.
    const manager = await env.makeUser('manager', { enterpriseId: 'ent-xpmould' });
    const instructor = 'demo-instructor-huang'; // the enterprise's assigned 党建指导员
    const staffBefore = (await todo('demo-staff-zhang')).toDispatch ?? 0;
    const passOnBefore = (await todo(instructor)).toPassOn ?? 0;
    const t = await env.ok<TicketDetail>('tickets', 'submit', { title: '厂房消防验收', description: '新厂房需要消防验收指导。', category: 'environment' }, { as: manager, idempotencyKey: env.key() });
    expect((await todo(instructor)).toPassOn).toBe(passOnBefore + 1);
    expect((await inboxOf(instructor)).items.some((i) => i.kind === 'ticket.submitted' && i.page.endsWith(t.id))).toBe(true);
    const accepted = await env.ok<TicketDetail>('tickets', 'act', { id: t.id, version: t.version, act: 'accept', note: '已核实' }, { as: instructor, idempotencyKey: env.key() });
    expect((await todo('demo-staff-zhang')).toDispatch).toBe(staffBefore + 1);
    expect((await todo(instructor)).toPassOn ?? 0).toBe(passOnBefore);
    const unitBefore = (await todo('demo-unit-hr')).toSign ?? 0;
    await env.ok('tickets', 'act', { id: t.id, version: accepted.version, act: 'dispatch', leadUnitId: 'unit-hrss', note: '请办理' }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
    expect((await todo('demo-unit-hr')).toSign).toBe(unitBefore + 1);
    expect((await todo('demo-staff-zhang')).toDispatch ?? 0).toBe(staffBefore);
    // The unit handler's inbox has the dispatch; the manager's has the step it waits for.
    expect((await inboxOf('demo-unit-hr')).items.some((i) => i.kind === 'ticket.dispatched' && i.page.endsWith(t.id))).toBe(true);
    expect((await inboxOf(manager)).items.some((i) => i.kind === 'ticket.dispatched')).toBe(true);
  });
});
