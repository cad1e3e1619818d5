/**
 * The platform's limits, through the real SDK, each with the error the platform answers
 * (emulator/README.md "Limits enforced"): open APIs outside `permissions.openapi` (-604101),
 * a cloud function's request body over 100 KB (EXCEED_MAX_PAYLOAD_SIZE, on the SDK's callFunction
 * and on the dev gateway), batch file calls over 50 files. The one-trigger rule is in
 * triggers-clock.test.ts, the database's 100/1000 in db-conformance.test.ts.
 */
import { MAX_REQUEST_BYTES } from '../src/functions/runner';
import { startEmulatorHarness, type EmulatorHarness } from './helpers/emulator-harness';

let h: EmulatorHarness;

beforeAll(async () => {
  h = await startEmulatorHarness({ subscribeTemplates: { oneTime: ['TPL-ONCE'] } });
});
afterAll(() => h.close());

describe('open-API permissions (云调用): config.json permissions.openapi', () => {
  const call = async (fn: string, apiName: string, requestData: unknown) => {
    const res = await h.gateway(fn, { apiName, requestData }, 'caller-openid');
    expect(res.status).toBe(200);
    return res.body.result.returned.result as { errcode?: number; errmsg?: string; result?: unknown };
  };

  it('lets a function call an open API its config.json lists', async () => {
    expect(await call('wxpartial', 'security.msgSecCheck', { content: '你好', version: 2, scene: 1, openid: 'caller-openid' })).toMatchObject({ errcode: 0 });
  });

  it('answers -604101 for one it does not list, naming the function and the API', async () => {
    for (const [api, data] of [
      ['wxacode.getUnlimited', { scene: 'E-TEST', page: 'pages/entry/index' }],
      ['security.mediaCheckAsync', { media_url: 'https://example.com/a.png', media_type: 2, version: 2, scene: 1, openid: 'caller-openid' }],
    ] as const) {
      expect(await call('wxpartial', api, data)).toEqual({
        errcode: -604101,
        errmsg: expect.stringMatching(new RegExp(`^system error: error code: -604101 \\(${api.replace('.', '\\.')} is not in wxpartial/config\\.json permissions\\.openapi`)),
      });
    }
  });

  it('refuses an undeclared subscribeMessage.send before any consent, and keeps it in the outbox as refused', async () => {
    await h.request('POST', '/__emulator/subscribe', { openid: 'p-perm', answers: { 'TPL-ONCE': 'accept' } });
    const res = await call('wxpartial', 'subscribeMessage.send', { touser: 'p-perm', template_id: 'TPL-ONCE', data: { thing1: { value: '提醒' } } });
    expect(res).toMatchObject({ errcode: -604101 });
    const refused = (await h.request('GET', '/__emulator/outbox?touser=p-perm&status=all')).body.messages;
    expect(refused).toEqual([expect.objectContaining({ status: 'refused', errcode: -604101, fn: 'wxpartial' })]);
    // The consent is still there for a function allowed to send.
    expect(await call('wxapi', 'subscribeMessage.send', { touser: 'p-perm', template_id: 'TPL-ONCE', data: { thing1: { value: '提醒' } } })).toMatchObject({ errcode: 0 });
  });

  it('does not hold a call from no cloud function (a local script) to any config.json', async () => {
    const res = (await h.app.callWxOpenApi({ apiName: 'security.msgSecCheck', requestData: { content: '你好', version: 2, scene: 1, openid: 'x' } })) as { result: unknown };
    expect(res.result).toMatchObject({ errcode: 0 });
  });
});

describe('request size: 100 KB for a text body (EXCEED_MAX_PAYLOAD_SIZE)', () => {
  /** An event whose JSON text is exactly `bytes` bytes (ASCII). */
  const eventOf = (bytes: number) => {
    const overhead = JSON.stringify({ pad: '' }).length;
    return { pad: 'x'.repeat(bytes - overhead) };
  };

  it('the SDK callFunction: at the limit it runs, one byte over it is refused', async () => {
    expect(JSON.stringify(eventOf(MAX_REQUEST_BYTES)).length).toBe(102_400);
    const ok = await h.app.callFunction({ name: 'echo', data: eventOf(MAX_REQUEST_BYTES) });
    expect(ok.result).toEqual({ chars: MAX_REQUEST_BYTES });
    await expect(h.app.callFunction({ name: 'echo', data: eventOf(MAX_REQUEST_BYTES + 1) })).rejects.toMatchObject({
      code: 'EXCEED_MAX_PAYLOAD_SIZE',
      message: expect.stringContaining('100 KB'),
    });
  });

  it('counts bytes, not characters: 40,000 Chinese characters are 120,000 bytes', async () => {
    await expect(h.app.callFunction({ name: 'echo', data: { text: '问'.repeat(40_000) } })).rejects.toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE' });
  });

  it('the dev gateway (wx.cloud.callFunction from the app): 413 with the same code; the emulator keeps serving', async () => {
    const ok = await h.gateway('echo', eventOf(MAX_REQUEST_BYTES), 'someone');
    expect(ok).toMatchObject({ status: 200, body: { result: { chars: MAX_REQUEST_BYTES } } });
    const big = await h.gateway('echo', { photo: 'A'.repeat(2_800_000) }, 'someone');
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'EXCEED_MAX_PAYLOAD_SIZE', message: expect.stringMatching(/echo carries 2800012 bytes; .*100 KB/) });
    expect((await h.gateway('echo', { small: true }, 'someone')).status).toBe(200);
  });
});

describe('batch file calls: at most 50 files', () => {
  let ids: string[] = [];
  beforeAll(async () => {
    ids = await Promise.all(Array.from({ length: 51 }, (_, i) => h.app.uploadFile({ cloudPath: `limits/f${i}.txt`, fileContent: Buffer.from(String(i)) }).then((r) => r.fileID as string)));
  });

  it('getTempFileURL: 50 answer, 51 are refused with INVALID_PARAM', async () => {
    const fifty = await h.app.getTempFileURL({ fileList: ids.slice(0, 50) });
    expect(fifty.fileList).toHaveLength(50);
    await expect(h.app.getTempFileURL({ fileList: ids })).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('at most 50 files') });
  });

  it('deleteFile: 51 are refused (nothing deleted), 50 and then 1 go', async () => {
    await expect(h.app.deleteFile({ fileList: ids })).rejects.toMatchObject({ code: 'INVALID_PARAM', message: expect.stringContaining('deleteFile takes at most 50') });
    expect((await h.app.getTempFileURL({ fileList: [ids[0]] })).fileList[0].tempFileURL).toBeTruthy();
    const first = await h.app.deleteFile({ fileList: ids.slice(0, 50) });
    expect(first.fileList.every((f: { code: string }) => f.code === 'SUCCESS')).toBe(true);
    expect((await h.app.deleteFile({ fileList: ids.slice(50) })).fileList).toHaveLength(1);
  });
});
