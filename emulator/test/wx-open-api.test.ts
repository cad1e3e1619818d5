/**
 * WeChat open APIs through `app.callWxOpenApi` (action `wx.api`) from inside a function: a
 * mini-program code is a QR PNG of the H5 URL, a subscribe message lands in the outbox — with
 * the person's consent (one `accept` per send for a one-time template), or it is kept there as
 * refused with WeChat's errcode.
 */
import { startEmulatorHarness, type EmulatorHarness } from './helpers/emulator-harness';

let h: EmulatorHarness;
/** The first code's picture (QR encoding is slow under Jest: keep the number of codes small). */
let firstPicture = '';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  h = await startEmulatorHarness({ h5BaseUrl: 'http://127.0.0.1:10086', subscribeTemplates: { oneTime: ['TPL-REPAIR', 'TPL-OTHER', 'TPL-AFTER'] } });
});

afterAll(async () => {
  await h.close();
});

const wx = (apiName: string, requestData: unknown, openid = 'wx-caller') => h.gateway('wxapi', { apiName, requestData }, openid);
const consent = async (openid: string, templateId: string) => {
  const res = await h.request('POST', '/__emulator/subscribe', { openid, answers: { [templateId]: 'accept' } });
  expect(res.status).toBe(200);
};
const outbox = async (query = '') => (await h.request('GET', `/__emulator/outbox${query}`)).body.messages as Array<Record<string, unknown>>;

describe('wxacode.getUnlimited', () => {
  it('answers a PNG for a valid scene', async () => {
    const res = await wx('wxacode.getUnlimited', { scene: 'E-TEST', page: 'pages/entry/index' });
    expect(res.status).toBe(200);
    const { returned } = res.body.result;
    expect(returned.requestId).toEqual(expect.any(String));
    expect(returned.result.contentType).toBe('image/png');
    const png = Buffer.from(returned.result.buffer, 'base64');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    // IHDR first, then a sensible square size.
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    const width = png.readUInt32BE(16);
    expect(width).toBe(png.readUInt32BE(20));
    expect(width).toBeGreaterThanOrEqual(280);
    firstPicture = returned.result.buffer;
  });

  it('answers errcode 40169 for a 33-character scene (WeChat allows 32)', async () => {
    const ok = await wx('wxacode.getUnlimited', { scene: 'S'.repeat(32), page: 'pages/entry/index' });
    expect(ok.body.result.returned.result.contentType).toBe('image/png');
    // Another scene, another picture.
    expect(firstPicture).not.toBe('');
    expect(ok.body.result.returned.result.buffer).not.toBe(firstPicture);
    const res = await wx('wxacode.getUnlimited', { scene: 'S'.repeat(33), page: 'pages/entry/index' });
    expect(res.status).toBe(200);
    expect(res.body.result.returned.result).toMatchObject({ errcode: 40169 });
    expect(res.body.result.returned.result.buffer).toBeUndefined();
  });

  it('opens the version asked for (env_version release, trial, develop) and answers 40097 for any other', async () => {
    for (const env_version of ['trial', 'develop']) {
      const ok = await wx('wxacode.getUnlimited', { scene: 'E-TRIAL', page: 'pages/entry/index', check_path: false, env_version });
      expect(ok.body.result.returned.result.contentType).toBe('image/png');
    }
    for (const env_version of ['beta', '']) {
      const res = await wx('wxacode.getUnlimited', { scene: 'E-TRIAL', page: 'pages/entry/index', env_version });
      expect(res.body.result.returned.result).toMatchObject({ errcode: 40097 });
    }
  });
});

describe('subscribeMessage.send', () => {
  it('puts a consented message in the outbox with its recipient, template and data', async () => {
    await h.request('DELETE', '/__emulator/outbox');
    await consent('openid-recipient', 'TPL-REPAIR');
    await consent('openid-other', 'TPL-OTHER');
    const data = { thing1: { value: '设备报修已受理' }, time2: { value: '2026-11-23 10:00' } };
    const res = await wx('subscribeMessage.send', { touser: 'openid-recipient', template_id: 'TPL-REPAIR', page: 'pages/orders/index', data });
    expect(res.status).toBe(200);
    expect(res.body.result.returned.result).toMatchObject({ errcode: 0 });
    await wx('subscribeMessage.send', { touser: 'openid-other', template_id: 'TPL-OTHER', data: { thing1: { value: 'x' } } });

    const all = await outbox();
    expect(all).toHaveLength(2);
    const mine = await outbox('?touser=openid-recipient');
    expect(mine).toEqual([
      expect.objectContaining({ api: 'subscribeMessage.send', touser: 'openid-recipient', templateId: 'TPL-REPAIR', page: 'pages/orders/index', data, status: 'delivered', errcode: 0, fn: 'wxapi' }),
    ]);
    expect(await outbox('?templateId=TPL-OTHER')).toEqual([expect.objectContaining({ touser: 'openid-other' })]);
  });

  it('refuses a message with no recipient: kept as refused (40003), nothing delivered', async () => {
    await h.request('DELETE', '/__emulator/outbox');
    const res = await wx('subscribeMessage.send', { template_id: 'TPL-REPAIR', data: {} });
    expect(res.body.result.returned.result).toMatchObject({ errcode: 40003 });
    expect(await outbox()).toEqual([]);
    expect(await outbox('?status=refused')).toEqual([expect.objectContaining({ status: 'refused', errcode: 40003, templateId: 'TPL-REPAIR' })]);
  });

  it('refuses a template the mini-program does not have (40037), whatever the consent', async () => {
    await h.request('DELETE', '/__emulator/outbox');
    const res = await wx('subscribeMessage.send', { touser: 'openid-recipient', template_id: 'TPL-NOBODY-APPLIED-FOR', data: { thing1: { value: 'x' } } });
    expect(res.body.result.returned.result).toMatchObject({ errcode: 40037 });
    expect(await outbox('?status=all')).toEqual([expect.objectContaining({ status: 'refused', errcode: 40037 })]);
  });

  it.each([
    ['a thing over 20 characters', { thing1: { value: '设备报修已受理，请于明天上午九点前到二号门岗领取配件' } }, 'data.thing1.value'],
    ['a phrase that is not Chinese', { phrase3: { value: 'done' } }, 'data.phrase3.value'],
    ['a time that is not a time', { time2: { value: 'tomorrow' } }, 'data.time2.value'],
    ['a character_string with Chinese', { character_string2: { value: '兴平-2026-0001' } }, 'data.character_string2.value'],
    ['an empty value', { thing1: { value: '' } }, 'data.thing1.value'],
    ['a key WeChat has no type for', { title: { value: '报修' } }, 'data.title.value'],
  ])('refuses %s with 47003, as WeChat does: kept as refused, nothing delivered, the consent not used up', async (_what, data, where) => {
    await h.request('DELETE', '/__emulator/outbox');
    await h.request('DELETE', '/__emulator/subscribe?openid=openid-47003');
    await consent('openid-47003', 'TPL-REPAIR');
    const res = await wx('subscribeMessage.send', { touser: 'openid-47003', template_id: 'TPL-REPAIR', data });
    expect(res.body.result.returned.result).toMatchObject({ errcode: 47003, errmsg: expect.stringContaining(where) });
    expect(await outbox()).toEqual([]);
    expect(await outbox('?status=refused')).toEqual([expect.objectContaining({ errcode: 47003, touser: 'openid-47003' })]);
    const fixed = await wx('subscribeMessage.send', { touser: 'openid-47003', template_id: 'TPL-REPAIR', data: { thing1: { value: '报修' } } });
    expect(fixed.body.result.returned.result).toMatchObject({ errcode: 0 });
  });
});

describe('an API the emulator does not know', () => {
  it('answers an error code and keeps serving', async () => {
    const res = await wx('wxa.noSuchApiAnywhere', { content: 'hello' });
    expect(res.status).toBe(200);
    const outcome = res.body.result;
    const code = outcome.threw?.code ?? outcome.returned?.code;
    expect(code).toBe('INVALID_PARAM');
    expect(JSON.stringify(outcome)).toMatch(/wxa\.noSuchApiAnywhere/);
    await consent('openid-after', 'TPL-AFTER');
    const again = await wx('subscribeMessage.send', { touser: 'openid-after', template_id: 'TPL-AFTER', data: {} });
    expect(again.body.result.returned.result).toMatchObject({ errcode: 0 });
  });
});
