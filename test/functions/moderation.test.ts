/**
 * Content security through the emulator, the real SDK and the real bundles:
 * - a photo is checked asynchronously (security.mediaCheckAsync); until WeChat's verdict is pushed
 *   (event wxa_media_check to the admin function) only its uploader sees it; a rejected photo
 *   disappears for everyone (storage and the question) and the uploader finds an inbox item;
 * - a text WeChat answers `review` for is held: its author and staff see it, a volunteer does not,
 *   and staff release or reject it from their queue (once, even when two tap at once);
 * - a risky text is refused with CONTENT.REJECTED and nothing is written;
 * - a forged push (a trace_id the server never asked about) changes nothing.
 * The emulator's local rules: emulator/README.md (marker bytes in the photo, review words in the text).
 */
import type { Page } from '../../core/api/admin';
import type { HeldItem, HeldPage } from '../../core/api/moderation';
import type { InboxItem } from '../../core/api/notify';
import type { VisitView } from '../../core/api/console';
import type { QuestionDetail, QuestionSummary } from '../../core/api/qa';
import type { TicketDetail } from '../../core/api/tickets';
import { MEDIA_MARKER_RISKY } from '../../emulator/src/index';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, TINY_JPEG, type TestEnv, code } from '../support/harness';

process.env.QA_TEMPLATE_ANSWERED = 'TPL-QA-ANSWERED';

/** A JPEG whose comment segment (FF FE) carries `text`: still a valid JPEG, and the emulator's checker reads the marker. */
function jpegWithComment(text: string): Buffer {
  const body = Buffer.from(text, 'latin1');
  const len = Buffer.alloc(2);
  len.writeUInt16BE(body.length + 2);
  return Buffer.concat([TINY_JPEG.subarray(0, 2), Buffer.from([0xff, 0xfe]), len, body, TINY_JPEG.subarray(2)]);
}

describe('content security', () => {
  let env: TestEnv;
  let staff: string;
  beforeAll(async () => {
    env = await startTestEnv();
    staff = await env.makeUser('staff', { name: '审核员' });
  });
  afterAll(async () => {
    await env.close();
  });

  const ask = (as: string, data: Record<string, unknown>) =>
    env.call<QuestionDetail>('qa', 'ask', { title: '车间照片', description: '车间地面有积水，附照片。', category: 'legal', ...data }, { as, idempotencyKey: env.key() });
  const get = (as: string, id: string) => env.call<QuestionDetail>('qa', 'get', { id }, { as });
  const flush = async () => {
    const res = await fetch(`${env.emulator.url}/__emulator/media-checks/flush`, { method: 'POST' });
    expect(res.status).toBe(200);
    return ((await res.json()) as { delivered: { traceId: string; suggest: string; outcome?: string }[] }).delivered;
  };
  const pending = async () => ((await (await fetch(`${env.emulator.url}/__emulator/media-checks`)).json()) as { pending: { traceId: string }[] }).pending;
  /** What a client could send the admin function: a wxa_media_check-shaped event (WeChat's push has the same shape). */
  const pushMediaCheck = async (traceId: string, suggest: string, as = '') => {
    const res = await fetch(`${env.emulator.url}/functions/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': as },
      body: JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, version: 2, result: { suggest, label: 100 } }),
    });
    return ((await res.json()) as { result: { ok: boolean; data?: { applied: boolean } } }).result;
  };
  const lawyer = () => env.makeUser('volunteer', { name: '李律师', profession: 'lawyer', volunteerStatus: 'approved' });
  const inbox = (as: string) => env.ok<Page<InboxItem>>('user', 'inbox', {}, { as });

  it('a photo WeChat rejects: only its uploader sees it before the verdict; after it, it is gone for everyone and the uploader is told', async () => {
    await flush();
    const worker = await env.makeUser('worker', { name: '王小明' });
    const volunteer = await lawyer();
    const up = await env.upload(worker, { body: jpegWithComment(`${MEDIA_MARKER_RISKY} test photo`) });
    expect(up.status).toBe(200);
    const fileID = up.fileID!;

    const asked = await ask(worker, { attachments: [fileID] });
    expect(code(asked)).toBe('OK');
    const id = asked.ok ? asked.data.id : '';
    // Before the verdict: the uploader sees the photo, nobody else does.
    expect((await env.ok<QuestionDetail>('qa', 'get', { id }, { as: worker })).attachments.map((a) => a.fileID)).toEqual([fileID]);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id }, { as: staff })).attachments).toEqual([]);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id }, { as: volunteer })).attachments).toEqual([]);
    expect(await pending()).toHaveLength(1);

    // WeChat's push arrives (the emulator delivers it to the admin function, as 消息推送 is configured).
    const delivered = await flush();
    expect(delivered).toEqual([expect.objectContaining({ suggest: 'risky' })]);
    expect(delivered[0].outcome).toContain('"ok":true');

    for (const reader of [worker, staff, volunteer]) expect((await env.ok<QuestionDetail>('qa', 'get', { id }, { as: reader })).attachments).toEqual([]);
    // Off the question's document and out of storage.
    const doc = (await getDb().collection(Collections.questions).doc(id).get()).data[0] as { attachments: string[] };
    expect(doc.attachments).toEqual([]);
    expect(await env.emulator.storage.getFile(fileID)).toBeUndefined();
    // The uploader is told, in their 消息, with a link to the question.
    const items = (await inbox(worker)).items.filter((i) => i.kind === 'content.photo_removed');
    expect(items).toHaveLength(1);
    expect(items[0].page).toBe(`qa/pages/detail/index?id=${id}`);

    // The same push again (WeChat retries) changes nothing and tells nobody twice.
    const again = await pushMediaCheck(delivered[0].traceId, 'risky');
    expect(again).toMatchObject({ ok: true, data: { applied: false } });
    expect((await inbox(worker)).items.filter((i) => i.kind === 'content.photo_removed')).toHaveLength(1);
  });

  it('a photo WeChat passes becomes visible to the others once the verdict arrives', async () => {
    await flush();
    const worker = await env.makeUser('worker');
    const volunteer = await lawyer();
    const fileID = await env.uploadPhoto(worker);
    const asked = await env.ok<QuestionDetail>('qa', 'ask', { title: '照片', description: '工伤认定需要哪些材料？', category: 'legal', attachments: [fileID] }, { as: worker, idempotencyKey: env.key() });
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: asked.id }, { as: volunteer })).attachments).toEqual([]);
    expect(await flush()).toEqual([expect.objectContaining({ suggest: 'pass' })]);
    const seen = await env.ok<QuestionDetail>('qa', 'get', { id: asked.id }, { as: volunteer });
    expect(seen.attachments).toEqual([expect.objectContaining({ fileID, url: expect.stringMatching(/^http/) })]);
    expect((await inbox(worker)).items.filter((i) => i.kind === 'content.photo_removed')).toEqual([]);
  });

  it('a photo in an answer is checked too: rejected, it comes off the message', async () => {
    await flush();
    const worker = await env.makeUser('worker');
    const volunteer = await lawyer();
    const q = await env.ok<QuestionDetail>('qa', 'ask', { title: '加班费', description: '周末加班没有加班费怎么办？', category: 'legal' }, { as: worker, idempotencyKey: env.key() });
    await env.ok('qa', 'claim', { id: q.id }, { as: volunteer, idempotencyKey: env.key() });
    const bad = (await env.upload(volunteer, { body: jpegWithComment(MEDIA_MARKER_RISKY) })).fileID!;
    const answered = await env.ok<QuestionDetail>('qa', 'answer', { id: q.id, text: '可以向劳动监察大队投诉。', attachments: [bad] }, { as: volunteer, idempotencyKey: env.key() });
    expect(answered.messages[0].attachments.map((a) => a.fileID)).toEqual([bad]);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: worker })).messages[0].attachments).toEqual([]);
    await flush();
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: volunteer })).messages[0].attachments).toEqual([]);
    expect((await inbox(volunteer)).items.filter((i) => i.kind === 'content.photo_removed')).toHaveLength(1);
  });

  it('a demand’s photo and a visit’s photo are checked the same way: hidden from others until the verdict, gone after a rejection', async () => {
    await flush();
    const manager = 'demo-manager-wang';
    const otherStaff = await env.makeUser('staff');
    const bad = (await env.upload(manager, { body: jpegWithComment(MEDIA_MARKER_RISKY) })).fileID!;
    const t = await env.ok<TicketDetail>('tickets', 'submit', { title: '厂房漏水', description: '厂房屋顶漏水，附照片。', category: 'other', attachments: [bad] }, { as: manager, idempotencyKey: env.key() });
    expect(t.attachments.map((a) => a.fileID)).toEqual([bad]);
    expect((await env.ok<TicketDetail>('tickets', 'get', { id: t.id }, { as: staff })).attachments).toEqual([]);

    const visitPhoto = (await env.upload(staff, { body: jpegWithComment(MEDIA_MARKER_RISKY) })).fileID!;
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const v = await env.ok<VisitView>('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: today, met: '陈总', topics: ['用工'], photos: [visitPhoto] }, { as: staff, idempotencyKey: env.key() });
    expect(v.photos.map((p) => p.fileID)).toEqual([visitPhoto]);
    expect((await env.ok<VisitView>('admin', 'getVisit', { id: v.id }, { as: otherStaff })).photos).toEqual([]);

    expect((await flush()).map((d) => d.suggest)).toEqual(['risky', 'risky']);
    expect((await env.ok<TicketDetail>('tickets', 'get', { id: t.id }, { as: manager })).attachments).toEqual([]);
    expect((await getDb().collection(Collections.tickets).doc(t.id).get()).data[0].attachments).toEqual([]);
    expect((await env.ok<VisitView>('admin', 'getVisit', { id: v.id }, { as: staff })).photos).toEqual([]);
    expect((await getDb().collection(Collections.visits).doc(v.id).get()).data[0].photos).toEqual([]);
    expect(await env.emulator.storage.getFile(bad)).toBeUndefined();
    expect((await inbox(manager)).items.filter((i) => i.kind === 'content.photo_removed').map((i) => i.page)).toEqual([`tickets/pages/detail/index?id=${t.id}`]);
    expect((await inbox(staff)).items.filter((i) => i.kind === 'content.photo_removed').map((i) => i.page)).toEqual([`staff/pages/visit/index?id=${v.id}`]);
  });

  it('a forged push (a trace_id the server never asked about) changes nothing', async () => {
    await flush();
    const worker = await env.makeUser('worker');
    const fileID = await env.uploadPhoto(worker);
    const q = await env.ok<QuestionDetail>('qa', 'ask', { title: '照片', description: '请看照片', category: 'legal', attachments: [fileID] }, { as: worker, idempotencyKey: env.key() });
    // Anyone can call a function with any event: a "pass" for a made-up trace_id.
    expect(await pushMediaCheck('made-up-trace', 'pass', worker)).toMatchObject({ ok: true, data: { applied: false } });
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: staff })).attachments).toEqual([]);
    // A push that is not an object WeChat sends is refused as input.
    const bad = await fetch(`${env.emulator.url}/functions/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ MsgType: 'event', Event: 'wxa_media_check' }) });
    expect(((await bad.json()) as { result: { ok: boolean; error: { code: string } } }).result.error.code).toBe('INPUT.INVALID');
    await flush();
  });

  it('a text WeChat sends to review is held: its author and staff see it, a volunteer does not; staff release it', async () => {
    const worker = await env.makeUser('worker', { name: '赵工' });
    const volunteer = await lawyer();
    // 内部消息 is one of the emulator's review words (emulator/src/wx/content-words.ts).
    const asked = await env.ok<QuestionDetail>('qa', 'ask', { title: '听说有内部消息', description: '厂里要裁员，补偿怎么算？', category: 'legal' }, { as: worker, idempotencyKey: env.key() });
    expect(asked.held).toBe('held');
    expect(code(await get(volunteer, asked.id))).toBe('QA.NOT_YOURS');
    expect((await env.ok<Page<QuestionSummary>>('qa', 'queue', {}, { as: volunteer })).items.map((q) => q.id)).not.toContain(asked.id);
    expect(code(await env.call('qa', 'claim', { id: asked.id }, { as: volunteer, idempotencyKey: env.key() }))).toBe('QA.NOT_YOURS');
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: asked.id }, { as: staff })).held).toBe('held');

    const queue = await env.ok<HeldPage>('admin', 'heldQueue', {}, { as: staff });
    const item = queue.items.find((i) => i.page.endsWith(asked.id));
    expect(item).toMatchObject({ kind: 'qa.question', status: 'held', subject: '听说有内部消息', authorName: '赵工' });
    // Only staff and admins work the queue.
    expect(code(await env.call('admin', 'heldQueue', {}, { as: volunteer }))).toBe('AUTH.FORBIDDEN');

    // Two staff release at once: one does, the other is told it was decided.
    const other = await env.makeUser('staff');
    const both = await Promise.all([staff, other].map((as) => env.call<HeldItem>('admin', 'releaseHeld', { id: item!.id }, { as, idempotencyKey: env.key() })));
    expect(both.map(code).sort()).toEqual(['CONTENT.ALREADY_DECIDED', 'OK']);

    const seen = await env.ok<QuestionDetail>('qa', 'get', { id: asked.id }, { as: volunteer });
    expect(seen.held).toBeUndefined();
    expect((await env.ok<Page<QuestionSummary>>('qa', 'queue', {}, { as: volunteer })).items.map((q) => q.id)).toContain(asked.id);
    expect((await env.ok<HeldPage>('admin', 'heldQueue', {}, { as: staff })).items.map((i) => i.id)).not.toContain(item!.id);
    expect((await env.ok<HeldPage>('admin', 'heldQueue', { status: 'released' }, { as: staff })).items.map((i) => i.id)).toContain(item!.id);
  });

  it('a held answer reaches the asker only when staff release it (and they are told then)', async () => {
    const worker = await env.makeUser('worker');
    const q = await env.ok<QuestionDetail>('qa', 'ask', { title: '社保断缴', description: '换工作社保断了一个月有影响吗？', category: 'legal' }, { as: worker, idempotencyKey: env.key() });
    await env.ok('qa', 'claim', { id: q.id }, { as: staff, idempotencyKey: env.key() });
    const answered = await env.ok<QuestionDetail>('qa', 'answer', { id: q.id, text: '有投资回报更高的补缴办法，详询。' }, { as: staff, idempotencyKey: env.key() });
    expect(answered.messages).toEqual([expect.objectContaining({ kind: 'answer', held: 'held' })]);
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: worker })).messages).toEqual([]);
    expect((await inbox(worker)).items.filter((i) => i.kind === 'qa.answered')).toEqual([]);

    const item = (await env.ok<HeldPage>('admin', 'heldQueue', {}, { as: staff })).items.find((i) => i.kind === 'qa.message' && i.page.endsWith(q.id))!;
    expect(item.text).toContain('投资回报');
    await env.ok('admin', 'releaseHeld', { id: item.id }, { as: staff, idempotencyKey: env.key() });
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: q.id }, { as: worker })).messages).toEqual([expect.objectContaining({ kind: 'answer' })]);
    expect((await inbox(worker)).items.filter((i) => i.kind === 'qa.answered')).toHaveLength(1);
  });

  it('a rejected held text stays with its author only, who is told', async () => {
    const worker = await env.makeUser('worker');
    const asked = await env.ok<QuestionDetail>('qa', 'ask', { title: '内部消息', description: 'EMULATOR-TEXT:REVIEW', category: 'legal' }, { as: worker, idempotencyKey: env.key() });
    const item = (await env.ok<HeldPage>('admin', 'heldQueue', {}, { as: staff })).items.find((i) => i.page.endsWith(asked.id))!;
    const rejected = await env.ok<HeldItem>('admin', 'rejectHeld', { id: item.id }, { as: staff, idempotencyKey: env.key() });
    expect(rejected).toMatchObject({ status: 'rejected', decidedByName: '审核员' });
    expect((await env.ok<QuestionDetail>('qa', 'get', { id: asked.id }, { as: worker })).held).toBe('rejected');
    expect(code(await get(staff, asked.id))).toBe('QA.NOT_YOURS');
    expect((await inbox(worker)).items.filter((i) => i.kind === 'content.text_rejected')).toHaveLength(1);
    expect(code(await env.call('admin', 'releaseHeld', { id: item.id }, { as: staff, idempotencyKey: env.key() }))).toBe('CONTENT.ALREADY_DECIDED');
    expect(code(await env.call('admin', 'releaseHeld', { id: 'no-such-item' }, { as: staff, idempotencyKey: env.key() }))).toBe('NOT_FOUND');
  });

  it('a profile name is checked as profile text (scene 1): a risky one is refused and the name stays', async () => {
    const worker = await env.makeUser('worker', { name: '王小明' });
    expect(code(await env.call('user', 'updateSettings', { name: '傻逼' }, { as: worker, idempotencyKey: env.key() }))).toBe('CONTENT.REJECTED');
    expect((await env.ok<{ name?: string }>('user', 'me', {}, { as: worker })).name).toBe('王小明');
    expect((await env.ok<{ name?: string }>('user', 'updateSettings', { name: '王晓明' }, { as: worker, idempotencyKey: env.key() })).name).toBe('王晓明');
  });

  it('a risky text is refused with CONTENT.REJECTED and nothing is written', async () => {
    const worker = await env.makeUser('worker');
    const before = await env.counts();
    expect(code(await ask(worker, { title: '办假证', description: '哪里可以办假证？' }))).toBe('CONTENT.REJECTED');
    expect(await env.counts()).toEqual(before);
  });
});
