/**
 * 每日一问诊 end to end through the emulator, the real SDK and the real bundle: ask, claim,
 * answer, follow up, solve; claim races; the deadline pausing for details; the overdue timer;
 * privacy; content security; the FAQ and its Chinese search.
 */
import type { Page } from '../../core/api/admin';
import type { FaqEntry, FaqHit, QuestionDetail, QuestionSummary } from '../../core/api/qa';
import { DEMO_COMMUNITY_ID } from '../../scripts/seed';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, type ClockChange, type OutboxMessage, type TestEnv } from '../support/harness';

process.env.QA_TEMPLATE_ANSWERED = 'TPL-QA-ANSWERED';
process.env.QA_TEMPLATE_INFO_REQUESTED = 'TPL-QA-INFO';
process.env.QA_TEMPLATE_OVERDUE = 'TPL-QA-OVERDUE';

const errorCode = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);

describe('qa flows', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(async () => {
    await setClock({ reset: true });
    await env.close();
  });

  const setClock = (body: ClockChange) => env.setClock(body);
  async function fireOverdue(): Promise<{ flagged: number; notified: number }> {
    const body = await env.fireTimer<{ result: unknown }>('qa', 'overdue');
    return JSON.stringify(body.result).includes('"flagged"') ? findCounts(body.result) : { flagged: -1, notified: -1 };
  }
  function findCounts(x: unknown): { flagged: number; notified: number } {
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.flagged === 'number') return o as { flagged: number; notified: number };
      for (const v of Object.values(o)) {
        const hit = findCounts(v);
        if (hit.flagged >= 0) return hit;
      }
    }
    return { flagged: -1, notified: -1 };
  }
  const outbox = async (filter: (m: OutboxMessage) => boolean) => (await env.outbox()).filter(filter);
  const askAs = (as: string, data: Record<string, unknown>) =>
    env.ok<QuestionDetail>('qa', 'ask', { title: '劳动合同到期不续签有补偿吗', description: '合同下月到期，公司说不续签，我能拿到经济补偿吗？', category: 'legal', ...data }, { as, idempotencyKey: env.key() });
  const lawyer = () => env.makeUser('volunteer', { name: '李律师', profession: 'lawyer', volunteerStatus: 'approved' });

  it('ask → claim → answer (asker notified) → follow-up → solved, with a photo', async () => {
    const worker = await env.makeUser('worker', { name: '王小明' });
    const responder = await lawyer();
    // The asker tapped 允许 in the subscribe dialog: one answer notice may reach them.
    await env.grantConsent(worker, 'qaAnswered');
    // The app uploads the photo straight to storage (its own folder); the function gets the fileID.
    const photo = { fileID: await env.uploadPhoto(worker) };
    expect(photo.fileID).toContain(`/uploads/${worker}/`);

    const asked = await askAs(worker, { attachments: [photo.fileID] });
    expect(asked).toMatchObject({ status: 'open', category: 'legal', askerName: '王小明', enterpriseName: '嘉兴甬森汽车零部件有限公司', overdue: false, messageCount: 0 });
    expect(asked.dueAt).toBeDefined();
    expect(asked.attachments[0].url).toMatch(/^http/);
    expect(asked.can).toMatchObject({ reply: true, solve: true, claim: false });

    const queue = await env.ok<Page<QuestionSummary>>('qa', 'queue', {}, { as: responder });
    expect(queue.items.map((q) => q.id)).toContain(asked.id);

    const claimed = await env.ok<QuestionDetail>('qa', 'claim', { id: asked.id }, { as: responder, idempotencyKey: env.key() });
    expect(claimed).toMatchObject({ status: 'claimed', claimedByName: '李律师', can: { answer: true, requestInfo: true } });

    const answered = await env.ok<QuestionDetail>('qa', 'answer', { id: asked.id, text: '依据劳动合同法第四十六条，用人单位不续签的，应支付经济补偿。' }, { as: responder, idempotencyKey: env.key() });
    expect(answered).toMatchObject({ status: 'answered', messageCount: 1 });
    expect(answered.dueAt).toBeUndefined();
    expect(answered.messages[0]).toMatchObject({ kind: 'answer', authorRole: 'responder', authorName: '李律师' });
    const sent = await outbox((m) => m.touser === worker && m.templateId === 'TPL-QA-ANSWERED');
    expect(sent).toHaveLength(1);
    expect(sent[0].page).toBe(`qa/pages/detail/index?id=${asked.id}`);
    expect(sent[0].data.thing1.value.length).toBeLessThanOrEqual(20);

    const followed = await env.ok<QuestionDetail>('qa', 'reply', { id: asked.id, text: '补偿按几个月工资算？' }, { as: worker, idempotencyKey: env.key() });
    expect(followed).toMatchObject({ status: 'claimed', messageCount: 2 });
    expect(followed.messages[1]).toMatchObject({ kind: 'follow_up', authorRole: 'asker' });
    expect(followed.dueAt).toBeDefined();

    const solved = await env.ok<QuestionDetail>('qa', 'solve', { id: asked.id }, { as: worker, idempotencyKey: env.key() });
    expect(solved.status).toBe('solved');
    expect(solved.can).toMatchObject({ reply: false, solve: false });
    expect(errorCode(await env.call('qa', 'solve', { id: asked.id }, { as: worker, idempotencyKey: env.key() }))).toBe('QA.WRONG_STATUS');

    const mine = await env.ok<Page<QuestionSummary>>('qa', 'mine', {}, { as: worker });
    expect(mine.items[0]).toMatchObject({ id: asked.id, status: 'solved', messageCount: 2 });
  });

  it('checks every transition', async () => {
    const worker = await env.makeUser('worker');
    const other = await env.makeUser('worker');
    const a = await lawyer();
    const b = await lawyer();
    const q = await askAs(worker, {});
    expect(errorCode(await env.call('qa', 'answer', { id: q.id, text: '先答' }, { as: a, idempotencyKey: env.key() }))).toBe('QA.NOT_CLAIMED_BY_YOU');
    await env.ok('qa', 'claim', { id: q.id }, { as: a, idempotencyKey: env.key() });
    expect(errorCode(await env.call('qa', 'claim', { id: q.id }, { as: b, idempotencyKey: env.key() }))).toBe('QA.ALREADY_CLAIMED');
    expect(errorCode(await env.call('qa', 'answer', { id: q.id, text: '抢答' }, { as: b, idempotencyKey: env.key() }))).toBe('QA.NOT_CLAIMED_BY_YOU');
    expect(errorCode(await env.call('qa', 'release', { id: q.id }, { as: b, idempotencyKey: env.key() }))).toBe('QA.NOT_CLAIMED_BY_YOU');
    expect(errorCode(await env.call('qa', 'reply', { id: q.id, text: '我也想问' }, { as: other, idempotencyKey: env.key() }))).toBe('QA.NOT_YOURS');
    const released = await env.ok<QuestionDetail>('qa', 'release', { id: q.id }, { as: a, idempotencyKey: env.key() });
    expect(released.status).toBe('open');
    expect(released.claimedByName).toBeUndefined();
    // Nobody holds it now: releasing again is refused as not yours (ownership is checked before status).
    expect(errorCode(await env.call('qa', 'release', { id: q.id }, { as: a, idempotencyKey: env.key() }))).toBe('QA.NOT_CLAIMED_BY_YOU');
    expect(errorCode(await env.call('qa', 'requestInfo', { id: q.id, text: '补充' }, { as: a, idempotencyKey: env.key() }))).toBe('QA.NOT_CLAIMED_BY_YOU');
    expect((await env.ok<QuestionDetail>('qa', 'claim', { id: q.id }, { as: b, idempotencyKey: env.key() })).status).toBe('claimed');
  });

  it('20 concurrent claims by 20 responders: exactly one wins', async () => {
    const worker = await env.makeUser('worker');
    const q = await askAs(worker, { category: 'hr', title: '加班费怎么计算' });
    const responders = await Promise.all(Array.from({ length: 20 }, (_, i) => env.makeUser(i % 2 ? 'staff' : 'instructor')));
    const results = await Promise.all(responders.map((as) => env.call<QuestionDetail>('qa', 'claim', { id: q.id }, { as, idempotencyKey: env.key() })));
    const codes = results.map(errorCode);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(1);
    expect(codes.filter((c) => c === 'QA.ALREADY_CLAIMED')).toHaveLength(19);
    const winner = responders[codes.indexOf('OK')];
    const detail = await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: winner });
    expect(detail).toMatchObject({ status: 'claimed', can: { answer: true } });
  });

  it('a volunteer accountant cannot claim a legal question', async () => {
    const worker = await env.makeUser('worker');
    const accountant = await env.makeUser('volunteer', { profession: 'accountant', volunteerStatus: 'approved' });
    const q = await askAs(worker, {});
    expect(errorCode(await env.call('qa', 'claim', { id: q.id }, { as: accountant, idempotencyKey: env.key() }))).toBe('QA.NOT_YOUR_CATEGORY');
    const queue = await env.ok<Page<QuestionSummary>>('qa', 'queue', {}, { as: accountant });
    expect(queue.items.map((x) => x.id)).not.toContain(q.id);
    const pending = await env.makeUser('volunteer', { volunteerStatus: 'pending' });
    expect(errorCode(await env.call('qa', 'queue', {}, { as: pending }))).toBe('AUTH.FORBIDDEN');
  });

  it('awaiting_info pauses the deadline; the reply restarts it (Spring Festival 2026, 调休 Saturday)', async () => {
    const worker = await env.makeUser('worker');
    const staff = await env.makeUser('staff');
    await env.grantConsent(worker, 'qaInfoRequested');
    await setClock({ now: '2026-02-13T10:00:00+08:00' });
    const q = await askAs(worker, { category: 'policy', title: '稳岗补贴怎么申请' });
    expect(q.dueAt).toBe(new Date('2026-02-14T18:00:00+08:00').toISOString());
    await env.ok('qa', 'claim', { id: q.id }, { as: staff, idempotencyKey: env.key() });
    const asked = await env.ok<QuestionDetail>('qa', 'requestInfo', { id: q.id, text: '请问贵公司参保人数是多少？' }, { as: staff, idempotencyKey: env.key() });
    expect(asked.status).toBe('awaiting_info');
    expect(asked.dueAt).toBeUndefined();
    expect(await outbox((m) => m.touser === worker && m.templateId === 'TPL-QA-INFO')).toHaveLength(1);

    // The asker replies on the 调休 Saturday: the next working day is after the whole holiday.
    await setClock({ now: '2026-02-14T09:00:00+08:00' });
    const replied = await env.ok<QuestionDetail>('qa', 'reply', { id: q.id, text: '参保 120 人' }, { as: worker, idempotencyKey: env.key() });
    expect(replied).toMatchObject({ status: 'claimed', overdue: false });
    expect(replied.messages.map((m) => m.kind)).toEqual(['request_info', 'info']);
    expect(replied.dueAt).toBe(new Date('2026-02-24T18:00:00+08:00').toISOString());
    await setClock({ reset: true });
  });

  it('without the asker’s consent the answer notice is refused by WeChat (43101), kept as refused, and the answer stands', async () => {
    const worker = await env.makeUser('worker');
    const responder = await lawyer();
    const q = await askAs(worker, { title: '年休假没休完能折算工资吗' });
    await env.ok('qa', 'claim', { id: q.id }, { as: responder, idempotencyKey: env.key() });
    const answered = await env.ok<QuestionDetail>('qa', 'answer', { id: q.id, text: '未休年休假应按日工资的 300% 支付报酬。' }, { as: responder, idempotencyKey: env.key() });
    expect(answered.status).toBe('answered');
    expect(await outbox((m) => m.touser === worker)).toEqual([]);
    const refused = (await env.outbox({ status: 'refused' })).filter((m) => m.touser === worker && m.templateId === 'TPL-QA-ANSWERED');
    expect(refused).toEqual([expect.objectContaining({ status: 'refused', errcode: 43101, page: `qa/pages/detail/index?id=${q.id}` })]);
  });

  it('the overdue trigger flags once and notifies staff once, even fired twice', async () => {
    const worker = await env.makeUser('worker');
    const staff = await env.makeUser('staff');
    // Every staff member of the community consented to the overdue notice (twice: the trigger fires twice).
    const staffIds = (await getDb().collection(Collections.users).where({ communityId: DEMO_COMMUNITY_ID, role: 'staff' }).limit(1000).get()).data.map((u: { _id: string }) => u._id);
    for (const s of staffIds) await env.grantConsent(s, 'qaOverdue', 2);
    await setClock({ now: '2026-02-27T17:00:00+08:00' });
    const q = await askAs(worker, { category: 'safety_env', title: '危废暂存间要备案吗' });
    expect(q.dueAt).toBe(new Date('2026-02-28T18:00:00+08:00').toISOString());
    await setClock({ now: '2026-02-28T17:59:00+08:00' });
    await fireOverdue();
    expect(await outbox((m) => m.templateId === 'TPL-QA-OVERDUE' && m.page?.endsWith(q.id) === true)).toHaveLength(0);

    await setClock({ now: '2026-02-28T18:30:00+08:00' });
    const first = await fireOverdue();
    expect(first.flagged).toBeGreaterThanOrEqual(1);
    const sent = await outbox((m) => m.templateId === 'TPL-QA-OVERDUE' && m.page?.endsWith(q.id) === true);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.map((m) => m.touser)).toContain(staff);
    expect(new Set(sent.map((m) => m.touser)).size).toBe(sent.length);
    expect(sent.map((m) => m.touser).sort()).toEqual([...staffIds].sort());

    await fireOverdue();
    expect(await outbox((m) => m.templateId === 'TPL-QA-OVERDUE' && m.page?.endsWith(q.id) === true)).toHaveLength(sent.length);

    const queue = await env.ok<Page<QuestionSummary>>('qa', 'queue', { overdueOnly: true }, { as: staff });
    expect(queue.items.find((x) => x.id === q.id)).toMatchObject({ overdue: true, dueAt: new Date('2026-02-28T18:00:00+08:00').toISOString() });
    const mine = await env.ok<Page<QuestionSummary>>('qa', 'mine', {}, { as: worker });
    expect(mine.items[0]).toMatchObject({ id: q.id, overdue: true });
    await setClock({ reset: true });
  });

  it('privacy: another worker cannot read it; an anonymous asker is hidden from a volunteer, not from staff; no phone numbers', async () => {
    const worker = await env.makeUser('worker', { name: '匿名者', phone: '13811112222' });
    const colleague = await env.makeUser('worker');
    const manager = await env.makeUser('manager');
    const otherManager = await env.makeUser('manager', { enterpriseId: 'ent-brenner' });
    const volunteer = await lawyer();
    const staff = await env.makeUser('staff');
    const q = await askAs(worker, { anonymous: true });
    expect(q.askerName).toBe('匿名者');

    expect(['NOT_FOUND', 'QA.NOT_YOURS']).toContain(errorCode(await env.call('qa', 'get', { id: q.id }, { as: colleague })));
    expect(errorCode(await env.call('qa', 'get', { id: q.id }, { as: otherManager }))).toBe('QA.NOT_YOURS');
    expect((await env.ok<Page<QuestionSummary>>('qa', 'mine', {}, { as: colleague })).items).toEqual([]);

    const seenByVolunteer = await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: volunteer });
    expect(seenByVolunteer.askerName).toBeUndefined();
    const seenByManager = await env.ok<Page<QuestionSummary>>('qa', 'mine', {}, { as: manager });
    expect(seenByManager.items.find((x) => x.id === q.id)?.askerName).toBeUndefined();
    const seenByStaff = await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: staff });
    expect(seenByStaff.askerName).toBe('匿名者');

    await env.ok('qa', 'claim', { id: q.id }, { as: volunteer, idempotencyKey: env.key() });
    await env.ok('qa', 'requestInfo', { id: q.id, text: '合同是固定期限吗？' }, { as: volunteer, idempotencyKey: env.key() });
    const thread = await env.ok<QuestionDetail>('qa', 'reply', { id: q.id, text: '是三年固定期限' }, { as: worker, idempotencyKey: env.key() });
    expect(thread.messages[1].authorName).toBe('匿名者');
    const threadForVolunteer = await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: volunteer });
    expect(threadForVolunteer.messages[1]).toMatchObject({ authorRole: 'asker' });
    expect(threadForVolunteer.messages[1].authorName).toBeUndefined();
    expect(JSON.stringify([seenByVolunteer, seenByStaff, threadForVolunteer])).not.toMatch(/1[3-9]\d{9}|\d{3}\*{4}\d{4}/);

    expect(errorCode(await env.call('qa', 'ask', { title: '代问', description: '替别的企业问', category: 'hr', enterpriseId: 'ent-brenner' }, { as: worker, idempotencyKey: env.key() }))).toBe('INPUT.INVALID');
  });

  it('rejects unsafe text and stores nothing', async () => {
    const worker = await env.makeUser('worker');
    const staff = await env.makeUser('staff');
    const before = await env.counts();
    const res = await env.call('qa', 'ask', { title: '哪里能办假证', description: '急需', category: 'other' }, { as: worker, idempotencyKey: env.key() });
    expect(errorCode(res)).toBe('CONTENT.REJECTED');
    const faq = await env.call('qa', 'publishFaq', { category: 'other', question: { zh: '正常问题' }, answer: { zh: '可以找人代开发票' } }, { as: staff, idempotencyKey: env.key() });
    expect(errorCode(faq)).toBe('CONTENT.REJECTED');
    expect(await env.counts()).toEqual(before);

    const q = await askAs(worker, {});
    const mid = await env.counts();
    const lawyerId = await lawyer();
    await env.ok('qa', 'claim', { id: q.id }, { as: lawyerId, idempotencyKey: env.key() });
    const afterClaim = await env.counts();
    expect(errorCode(await env.call('qa', 'answer', { id: q.id, text: 'fuck off' }, { as: lawyerId, idempotencyKey: env.key() }))).toBe('CONTENT.REJECTED');
    expect(await env.counts()).toEqual(afterClaim);
    expect(mid.questions).toBe(before.questions + 1);
  });

  it('takes photos as fileIDs of the asker’s own uploads only; no bytes travel in a call', async () => {
    const worker = await env.makeUser('worker');
    const other = await env.makeUser('worker');
    const theirs = await env.uploadPhoto(other);
    const mine = await env.uploadPhoto(worker);
    const ask = (attachments: string[]) => env.call('qa', 'ask', { title: '借图', description: '用别人的图可以吗', category: 'other', attachments }, { as: worker, idempotencyKey: env.key() });
    const before = await env.counts();
    expect(errorCode(await ask([theirs]))).toBe('FILE.NOT_YOURS');
    expect(errorCode(await ask([mine, theirs]))).toBe('FILE.NOT_YOURS');
    expect(errorCode(await ask([mine.replace(/[^/]+\.jpg$/, 'ffffffffffffffffffffffffffffffff.jpg')]))).toBe('FILE.NOT_YOURS'); // never uploaded
    expect(errorCode(await ask([`cloud://x.y/uploads/${worker}/../${other}/a.jpg`]))).toBe('FILE.NOT_YOURS');
    expect(await env.counts()).toEqual(before);
    expect((await env.ok<QuestionDetail>('qa', 'ask', { title: '自己的图', description: '用自己上传的图', category: 'other', attachments: [mine] }, { as: worker, idempotencyKey: env.key() })).attachments).toHaveLength(1);
    // The base64 action is gone: photos never travel inside a function call (100 KB request limit).
    expect(errorCode(await env.call('qa', 'uploadAttachment', { fileName: 'a.png', contentType: 'image/png', dataBase64: 'AAAA' }, { as: worker, idempotencyKey: env.key() }))).toBe('ACTION.UNKNOWN');
  });

  it('FAQ: staff publish (from a question or fresh), everyone lists and searches in Chinese, staff update and unpublish', async () => {
    const staff = await env.makeUser('staff');
    const guest = await env.makeUser('guest');
    const worker = await env.makeUser('worker');
    const publish = (question: string, answer: string, category = 'hr', extra: Record<string, unknown> = {}) =>
      env.ok<FaqEntry>('qa', 'publishFaq', { category, question: { zh: question }, answer: { zh: answer }, ...extra }, { as: staff, idempotencyKey: env.key() });
    const injury = await publish('工伤认定需要哪些材料？', '职工发生事故伤害后，单位应在30日内提出工伤认定申请，需要劳动合同、医疗诊断证明。', 'legal');
    await publish('社保缴费基数怎么调整？', '每年7月按上年度职工平均工资调整社保缴费基数。');
    await publish('员工离职手续怎么办？', '离职时结清工资并出具离职证明，如有工伤待遇一并结算。');
    await publish('How do foreign employees get a work permit?', '外籍员工工作许可在线办理。', 'policy');

    const hits = await env.ok<FaqHit[]>('qa', 'searchFaq', { q: '工伤认定要准备什么材料' }, { as: guest });
    expect(hits[0].id).toBe(injury.id);
    expect(hits[0].score).toBeGreaterThan(hits[1]?.score ?? 0);
    expect((await env.ok<FaqHit[]>('qa', 'searchFaq', { q: 'Work Permit' }, { as: worker }))[0].question.zh).toMatch(/work permit/);
    expect((await env.ok<FaqHit[]>('qa', 'similar', { text: '我受伤了，怎么做工伤认定' }, { as: worker }))[0].id).toBe(injury.id);
    expect(await env.ok<FaqHit[]>('qa', 'searchFaq', { q: '量子' }, { as: worker })).toEqual([]);

    const list = await env.ok<Page<FaqEntry>>('qa', 'listFaq', {}, { as: guest });
    expect(list.items.map((e) => e.id)).toContain(injury.id);
    expect((await env.ok<Page<FaqEntry>>('qa', 'listFaq', { category: 'legal' }, { as: worker })).items.every((e) => e.category === 'legal')).toBe(true);
    expect((await env.ok<FaqEntry>('qa', 'getFaq', { id: injury.id }, { as: guest })).question.zh).toBe('工伤认定需要哪些材料？');

    // Long texts are checked 2,500 characters at a time (msgSecCheck's limit), a bad word anywhere is found.
    const long = '按照规定办理。'.repeat(570);
    await publish('长答案示例', long);
    expect(errorCode(await env.call('qa', 'publishFaq', { category: 'hr', question: { zh: '长答案' }, answer: { zh: `${long}办假证`, en: 'x'.repeat(3000) } }, { as: staff, idempotencyKey: env.key() }))).toBe('CONTENT.REJECTED');

    const updated = await env.ok<FaqEntry>('qa', 'updateFaq', { id: injury.id, answer: { zh: '30日内申请工伤认定，材料：劳动合同、诊断证明、事故经过。', en: 'Apply within 30 days.' } }, { as: staff, idempotencyKey: env.key() });
    expect(updated.answer.en).toBe('Apply within 30 days.');
    expect((await env.ok<FaqHit[]>('qa', 'searchFaq', { q: '事故经过' }, { as: worker }))[0].id).toBe(injury.id);

    // From an answered question: the question points at its entry, and cannot be published twice.
    const responder = await env.makeUser('volunteer', { profession: 'tax_advisor', volunteerStatus: 'approved' });
    const q = await askAs(worker, { category: 'tax', title: '小规模纳税人季度免税额度' });
    await env.ok('qa', 'claim', { id: q.id }, { as: responder, idempotencyKey: env.key() });
    // The volunteer answers; only staff/admin curate the FAQ.
    expect((await env.ok<QuestionDetail>('qa', 'answer', { id: q.id, text: '月销售额10万元以下免征增值税。' }, { as: responder, idempotencyKey: env.key() })).can.publishFaq).toBe(false);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: staff })).can.publishFaq).toBe(true);
    const fromQ = await publish('小规模纳税人免税额度是多少？', '月销售额10万元以下免征增值税。', 'tax', { questionId: q.id });
    expect(fromQ.sourceQuestionId).toBe(q.id);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: worker })).faqId).toBe(fromQ.id);
    expect(errorCode(await env.call('qa', 'publishFaq', { questionId: q.id, category: 'tax', question: { zh: '再发一次' }, answer: { zh: '重复' } }, { as: staff, idempotencyKey: env.key() }))).toBe('QA.WRONG_STATUS');

    await env.ok('qa', 'unpublishFaq', { id: fromQ.id }, { as: staff, idempotencyKey: env.key() });
    expect(errorCode(await env.call('qa', 'getFaq', { id: fromQ.id }, { as: worker }))).toBe('NOT_FOUND');
    expect((await env.ok<FaqHit[]>('qa', 'searchFaq', { q: '免税额度' }, { as: worker })).map((h) => h.id)).not.toContain(fromQ.id);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: worker })).faqId).toBeUndefined();
  });

  it('an idempotent retry of ask answers the first question and writes once', async () => {
    const worker = await env.makeUser('worker');
    const key = env.key();
    const data = { title: '食堂补贴', description: '夜班有食堂补贴吗', category: 'life' };
    const first = await env.ok<QuestionDetail>('qa', 'ask', data, { as: worker, idempotencyKey: key });
    const before = await env.counts();
    const again = await env.ok<QuestionDetail>('qa', 'ask', data, { as: worker, idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(await env.counts()).toEqual(before);
  });
});
