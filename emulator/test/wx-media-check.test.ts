/**
 * security.mediaCheckAsync and its message push, as the emulator plays them: the call answers a
 * trace_id at once; the verdict (event wxa_media_check) is pushed to the function the 消息推送
 * settings name when the checks are flushed (or, with triggers on, a few seconds later). The
 * local verdict rule: marker bytes in the file (EMULATOR-MEDIA:RISKY / :REVIEW), else pass.
 * Also msgSecCheck v2's `review` (the local review words).
 */
import { MEDIA_MARKER_REVIEW, MEDIA_MARKER_RISKY } from '../src/index';
import { startEmulatorHarness, type EmulatorHarness } from './helpers/emulator-harness';

let h: EmulatorHarness;

beforeAll(async () => {
  h = await startEmulatorHarness({ messagePush: [{ msgType: 'event', event: 'wxa_media_check', functionName: 'pushsink' }] });
});

afterAll(async () => {
  await h.close();
});

const wx = async (apiName: string, requestData: unknown, fn = 'wxapi') => (await h.gateway(fn, { apiName, requestData }, 'wx-caller')).body.result.returned.result;
const store = (name: string, text: string) => h.emulator.storage.putFile(`uploads/u1/${name}.jpg`, Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from(text, 'latin1'), Buffer.from('ffd9', 'hex')]), 'image/jpeg');
const urlOf = async (fileID: string) => (await h.app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL as string;
const flush = async () => (await h.request('POST', '/__emulator/media-checks/flush')).body.delivered as Array<{ traceId: string; suggest: string; outcome: string }>;
const ask = async (fileID: string, extra: Record<string, unknown> = {}) =>
  wx('security.mediaCheckAsync', { media_url: await urlOf(fileID), media_type: 2, version: 2, scene: 3, openid: 'u1', ...extra });

describe('security.mediaCheckAsync', () => {
  it('answers a trace_id at once and pushes each verdict to the configured function on flush, in order', async () => {
    const risky = await ask(await store('risky', `x ${MEDIA_MARKER_RISKY} x`));
    const review = await ask(await store('review', MEDIA_MARKER_REVIEW));
    const clean = await ask(await store('clean', 'an ordinary photo'));
    for (const a of [risky, review, clean]) expect(a).toEqual({ errcode: 0, errmsg: 'ok', trace_id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/) });
    // Nothing is pushed before the flush.
    expect((await h.request('GET', '/__emulator/media-checks')).body.pending).toHaveLength(3);

    const delivered = await flush();
    expect(delivered.map((d) => [d.traceId, d.suggest])).toEqual([
      [risky.trace_id, 'risky'],
      [review.trace_id, 'review'],
      [clean.trace_id, 'pass'],
    ]);
    const pushed = JSON.parse(delivered[0].outcome) as { event: Record<string, unknown>; openid: string };
    expect(pushed.openid).toBe('');
    expect(pushed.event).toMatchObject({
      MsgType: 'event',
      Event: 'wxa_media_check',
      FromUserName: 'u1',
      trace_id: risky.trace_id,
      version: 2,
      result: { suggest: 'risky', label: 20002 },
      detail: [expect.objectContaining({ strategy: 'content_model', suggest: 'risky' })],
    });
    expect(JSON.parse(delivered[2].outcome).event.result).toEqual({ suggest: 'pass', label: 100 });
    expect(await flush()).toEqual([]);
  });

  it('answers review (detail errcode -1008) for a URL it cannot download', async () => {
    const a = await wx('security.mediaCheckAsync', { media_url: 'https://example.invalid/a.jpg', media_type: 2, version: 2, scene: 1, openid: 'u1' });
    expect(a.errcode).toBe(0);
    const [d] = await flush();
    expect(JSON.parse(d.outcome).event).toMatchObject({ result: { suggest: 'review' }, detail: [expect.objectContaining({ errcode: -1008 })] });
  });

  it.each([
    ['no media_url', { media_url: undefined }, 40097],
    ['a cloud:// fileID for media_url', { media_url: 'cloud://env.bucket/uploads/u1/a.jpg' }, 40097],
    ['media_type 3', { media_type: 3 }, 40097],
    ['version 1', { version: 1 }, 40097],
    ['no openid', { openid: '' }, 40003],
    ['scene 5', { scene: 5 }, 40097],
  ])('refuses %s as WeChat does, queuing nothing', async (_what, patch, errcode) => {
    const fileID = await store('args', 'x');
    expect(await ask(fileID, patch)).toMatchObject({ errcode });
    expect(await flush()).toEqual([]);
  });

  it('answers -604101 when the calling function does not declare it (permissions.openapi)', async () => {
    const res = await wx('security.mediaCheckAsync', { media_url: await urlOf(await store('perm', 'x')), media_type: 2, version: 2, scene: 1, openid: 'u1' }, 'wxpartial');
    expect(res).toMatchObject({ errcode: -604101 });
    expect(await flush()).toEqual([]);
  });
});

describe('security.mediaCheckAsync with no 消息推送 route', () => {
  it('drops the verdict, as WeChat does, and says so', async () => {
    const bare = await startEmulatorHarness({});
    try {
      const fileID = await bare.emulator.storage.putFile('uploads/u1/x.jpg', Buffer.from('ffd8ffd9', 'hex'), 'image/jpeg');
      const url = (await bare.app.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL;
      const a = (await bare.gateway('wxapi', { apiName: 'security.mediaCheckAsync', requestData: { media_url: url, media_type: 2, version: 2, scene: 1, openid: 'u1' } }, 'u1')).body.result.returned.result;
      expect(a.errcode).toBe(0);
      const delivered = (await bare.request('POST', '/__emulator/media-checks/flush')).body.delivered;
      expect(delivered).toEqual([expect.objectContaining({ outcome: expect.stringContaining('no message push route') })]);
    } finally {
      await bare.close();
    }
  });
});

describe('security.msgSecCheck v2 review', () => {
  it('answers review for a review word, risky for a risky word (risky wins), pass otherwise', async () => {
    const check = (content: string) => wx('security.msgSecCheck', { content, version: 2, scene: 2, openid: 'u1' });
    expect((await check('听说有内部消息')).result).toEqual({ suggest: 'review', label: 21000 });
    expect((await check('EMULATOR-TEXT:REVIEW')).result.suggest).toBe('review');
    expect((await check('内部消息 办假证')).result.suggest).toBe('risky');
    expect((await check('加班费怎么算')).result).toEqual({ suggest: 'pass', label: 100 });
  });
});
