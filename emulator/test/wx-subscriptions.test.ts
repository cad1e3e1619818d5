/**
 * The subscription consent ledger through the real SDK: `POST /__emulator/subscribe` plays the
 * phone's wx.requestSubscribeMessage dialog, `subscribeMessage.send` (from a function, via
 * callWxOpenApi) uses one consent per send of a one-time template or answers 43101, and the outbox
 * keeps refused sends with their errcode. Bad input is a 400 with a clear message, and the
 * emulator keeps serving. The ledger survives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulator } from '../src/index';
import { FIXTURE_FUNCTIONS, startEmulatorHarness, type EmulatorHarness } from './helpers/emulator-harness';

const TEMPLATES = { oneTime: ['TPL-ONCE', 'TPL-ONCE-2'], longTerm: ['TPL-LONG'] };
let h: EmulatorHarness;

beforeAll(async () => {
  h = await startEmulatorHarness({ subscribeTemplates: TEMPLATES });
});
afterAll(() => h.close());

const send = async (touser: string, templateId: string) => {
  const res = await h.gateway('wxapi', { apiName: 'subscribeMessage.send', requestData: { touser, template_id: templateId, data: { thing1: { value: '提醒' } } } }, 'sender');
  expect(res.status).toBe(200);
  return res.body.result.returned.result as { errcode: number; errmsg: string };
};
const subscribe = (body: unknown) => h.request('POST', '/__emulator/subscribe', body);
const ledger = async (openid: string) => (await h.request('GET', `/__emulator/subscribe?openid=${openid}`)).body.ledger as Array<Record<string, unknown>>;
const outbox = async (touser: string, status = 'all') => (await h.request('GET', `/__emulator/outbox?touser=${touser}&status=${status}`)).body.messages as Array<Record<string, unknown>>;

describe('one-time templates', () => {
  it('with no consent a send is refused with 43101 and kept as refused: nothing reaches the person', async () => {
    expect(await send('p-none', 'TPL-ONCE')).toMatchObject({ errcode: 43101, errmsg: expect.stringContaining('user refuse to accept the msg') });
    expect(await outbox('p-none', 'delivered')).toEqual([]);
    expect(await outbox('p-none', 'refused')).toEqual([expect.objectContaining({ status: 'refused', errcode: 43101, templateId: 'TPL-ONCE' })]);
  });

  it('an accept allows one send; the second is refused with 43101', async () => {
    const res = await subscribe({ openid: 'p-accept', answers: { 'TPL-ONCE': 'accept' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ errMsg: 'requestSubscribeMessage:ok', results: { 'TPL-ONCE': 'accept' } });
    expect(await ledger('p-accept')).toEqual([expect.objectContaining({ templateId: 'TPL-ONCE', kind: 'one-time', remaining: 1, banned: false, lastAnswer: 'accept', sent: 0 })]);
    expect(await send('p-accept', 'TPL-ONCE')).toMatchObject({ errcode: 0 });
    expect(await send('p-accept', 'TPL-ONCE')).toMatchObject({ errcode: 43101 });
    expect((await outbox('p-accept')).map((m) => [m.status, m.errcode])).toEqual([
      ['delivered', 0],
      ['refused', 43101],
    ]);
    expect(await ledger('p-accept')).toEqual([expect.objectContaining({ remaining: 0, sent: 1 })]);
  });

  it('each accept is one send, per template: three taps, three sends; another template has none', async () => {
    for (let i = 0; i < 3; i++) expect((await subscribe({ openid: 'p-three', answers: { 'TPL-ONCE': 'accept' } })).status).toBe(200);
    expect(await send('p-three', 'TPL-ONCE-2')).toMatchObject({ errcode: 43101 });
    for (let i = 0; i < 3; i++) expect(await send('p-three', 'TPL-ONCE')).toMatchObject({ errcode: 0 });
    expect(await send('p-three', 'TPL-ONCE')).toMatchObject({ errcode: 43101 });
    // Another person's consent is not this one's.
    expect(await send('p-someone-else', 'TPL-ONCE')).toMatchObject({ errcode: 43101 });
  });

  it('a reject grants nothing (and one dialog may answer several templates)', async () => {
    const res = await subscribe({ openid: 'p-reject', answers: { 'TPL-ONCE': 'reject', 'TPL-ONCE-2': 'accept' } });
    expect(res.body.results).toEqual({ 'TPL-ONCE': 'reject', 'TPL-ONCE-2': 'accept' });
    expect(await send('p-reject', 'TPL-ONCE')).toMatchObject({ errcode: 43101 });
    expect(await send('p-reject', 'TPL-ONCE-2')).toMatchObject({ errcode: 0 });
  });

  it('ban: consents are dropped, nothing is sent, and the person is not asked again until their settings are reset', async () => {
    await subscribe({ openid: 'p-ban', answers: { 'TPL-ONCE': 'accept' } });
    await subscribe({ openid: 'p-ban', answers: { 'TPL-ONCE': 'ban' } });
    expect(await send('p-ban', 'TPL-ONCE')).toMatchObject({ errcode: 43101 });
    const again = await subscribe({ openid: 'p-ban', answers: { 'TPL-ONCE': 'accept' } });
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual({ 'TPL-ONCE': 'ban' });
    expect(await send('p-ban', 'TPL-ONCE')).toMatchObject({ errcode: 43101 });
    expect(await ledger('p-ban')).toEqual([expect.objectContaining({ banned: true, remaining: 0 })]);
    expect((await h.request('DELETE', '/__emulator/subscribe?openid=p-ban')).status).toBe(200);
    expect(await ledger('p-ban')).toEqual([]);
    await subscribe({ openid: 'p-ban', answers: { 'TPL-ONCE': 'accept' } });
    expect(await send('p-ban', 'TPL-ONCE')).toMatchObject({ errcode: 0 });
  });
});

describe('long-term templates', () => {
  it('need no consent per send: one accept allows every send until a reject', async () => {
    expect(await send('p-long', 'TPL-LONG')).toMatchObject({ errcode: 43101 });
    await subscribe({ openid: 'p-long', answers: { 'TPL-LONG': 'accept' } });
    for (let i = 0; i < 4; i++) expect(await send('p-long', 'TPL-LONG')).toMatchObject({ errcode: 0 });
    expect(await ledger('p-long')).toEqual([expect.objectContaining({ kind: 'long-term', remaining: 1, sent: 4 })]);
    await subscribe({ openid: 'p-long', answers: { 'TPL-LONG': 'reject' } });
    expect(await send('p-long', 'TPL-LONG')).toMatchObject({ errcode: 43101 });
  });

  it('lists the configured templates with the ledger', async () => {
    const res = await h.request('GET', '/__emulator/subscribe');
    expect(res.body.templates).toEqual({ oneTime: ['TPL-ONCE', 'TPL-ONCE-2'], longTerm: ['TPL-LONG'] });
    expect(res.body.ledger.length).toBeGreaterThan(3);
  });
});

describe('bad input to POST /__emulator/subscribe', () => {
  it.each([
    ['a body that is not JSON', '{"openid":', /not valid JSON/],
    ['a body that is a list', '[1]', /openid, answers/],
    ['no openid', { answers: { 'TPL-ONCE': 'accept' } }, /openid must be/],
    ['an openid with spaces', { openid: 'a b', answers: { 'TPL-ONCE': 'accept' } }, /openid must be/],
    ['no answers', { openid: 'p-bad' }, /answers must be an object/],
    ['answers as a list', { openid: 'p-bad', answers: ['TPL-ONCE'] }, /answers must be an object/],
    ['answers naming no template', { openid: 'p-bad', answers: {} }, /names no template/],
    ['an unknown template id', { openid: 'p-bad', answers: { 'TPL-NOPE': 'accept' } }, /unknown template id "TPL-NOPE": the emulator knows TPL-ONCE, TPL-ONCE-2, TPL-LONG/],
    ['a bad answer', { openid: 'p-bad', answers: { 'TPL-ONCE': 'yes please' } }, /must be "accept", "reject" or "ban"/],
    ['a one-time and a long-term template in one dialog', { openid: 'p-bad', answers: { 'TPL-ONCE': 'accept', 'TPL-LONG': 'accept' } }, /cannot be asked in the same/],
    ['six templates in one dialog', { openid: 'p-bad', answers: Object.fromEntries(['A', 'B', 'C', 'D', 'E', 'F'].map((t) => [t, 'accept'])) }, /at most 5 templates/],
  ])('refuses %s with 400 and a clear message, changing nothing', async (_what, body, message) => {
    const res = await subscribe(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'INVALID_PARAM', message: expect.stringMatching(message) });
    expect(await ledger('p-bad')).toEqual([]);
  });

  it('a bad answer among good ones records none of them; the emulator keeps serving', async () => {
    const res = await subscribe({ openid: 'p-bad', answers: { 'TPL-ONCE': 'accept', 'TPL-ONCE-2': 'maybe' } });
    expect(res.status).toBe(400);
    expect(await ledger('p-bad')).toEqual([]);
    expect((await h.request('GET', '/__emulator/health')).body.ok).toBe(true);
    expect((await subscribe({ openid: 'p-bad', answers: { 'TPL-ONCE': 'accept' } })).status).toBe(200);
    expect(await send('p-bad', 'TPL-ONCE')).toMatchObject({ errcode: 0 });
  });

  it('refuses an outbox filter it does not know', async () => {
    const res = await h.request('GET', '/__emulator/outbox?status=sent');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/delivered .*refused .*all/);
  });
});

it('keeps the ledger and the refused sends across a restart', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-consent-'));
  const options = { port: 0, dataDir, functionsDir: FIXTURE_FUNCTIONS, logLevel: 'silent' as const, triggers: false, subscribeTemplates: TEMPLATES };
  try {
    let emu = await startEmulator(options);
    emu.wx.subscriptions.answer('p-restart', { 'TPL-ONCE': 'accept' });
    emu.wx.subscriptions.answer('p-restart', { 'TPL-ONCE': 'accept' });
    expect(emu.wx.subscriptions.consume('p-restart', 'TPL-ONCE')).toBe(true);
    emu.wx.subscriptions.answer('p-restart', { 'TPL-LONG': 'ban' });
    await emu.close();
    emu = await startEmulator(options);
    expect(emu.wx.subscriptions.list('p-restart')).toEqual([
      expect.objectContaining({ templateId: 'TPL-ONCE', remaining: 1, sent: 1 }),
      expect.objectContaining({ templateId: 'TPL-LONG', banned: true }),
    ]);
    await emu.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
