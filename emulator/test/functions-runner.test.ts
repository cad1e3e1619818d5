/**
 * The function runner through the wire: the dev gateway (`POST /functions/<name>`, caller in
 * X-Openid) and the SDK's `functions.invokeFunction`, with fixture functions that use the real
 * @cloudbase/node-sdk exactly as deployed code does.
 */
import { sleep, startEmulatorHarness, type EmulatorHarness } from './helpers/emulator-harness';

let h: EmulatorHarness;
/** When the over-long `slow` call started: its sleep outlives the timeout, and afterAll waits it out. */
let slowStartedAt = 0;

beforeAll(async () => {
  h = await startEmulatorHarness();
  await h.db.createCollection('whoami_log');
});

afterAll(async () => {
  if (slowStartedAt) await sleep(Math.max(0, slowStartedAt + 3100 - performance.now()));
  await h.close();
});

describe('identity through the gateway', () => {
  it('runs a function as the X-Openid caller: SDK identity, WX_OPENID, and its database writes', async () => {
    const res = await h.gateway('whoami', { note: 'first' }, 'openid-A');
    expect(res.status).toBe(200);
    const { result } = res.body;
    expect(result.user).toMatchObject({ openId: 'openid-A', appId: expect.stringMatching(/^wx/) });
    expect(result.envOpenid).toBe('openid-A');
    expect(result.written).toMatchObject({ openid: 'openid-A', note: 'first' });
    expect(res.requestId).toBe(result.requestId);
    // The write really went to the database, visible from outside the function.
    const stored = await h.db.collection('whoami_log').doc(result.written.id).get();
    expect(stored.data[0]).toMatchObject({ openid: 'openid-A', note: 'first' });
  });

  it('runs an anonymous call (no X-Openid) with an empty identity', async () => {
    const res = await h.gateway('whoami', {});
    expect(res.status).toBe(200);
    expect(res.body.result.user.openId).toBe('');
    expect(res.body.result.envOpenid).toBe('');
  });

  it('keeps the caller across a function-to-function call (app.callFunction inside a function)', async () => {
    const res = await h.gateway('caller', {}, 'openid-B');
    expect(res.status).toBe(200);
    expect(res.body.result).toMatchObject({
      before: 'openid-B',
      after: 'openid-B',
      inner: { user: { openId: 'openid-B' }, envOpenid: 'openid-B', written: { openid: 'openid-B', note: 'from-caller' } },
    });
    const calls = (await h.request('GET', '/__emulator/invocations')).body.invocations as Array<{ fn: string; source: string; openid?: string }>;
    expect(calls.slice(-2)).toEqual([
      expect.objectContaining({ fn: 'whoami', source: 'sdk', openid: 'openid-B' }),
      expect.objectContaining({ fn: 'caller', source: 'gateway', openid: 'openid-B' }),
    ]);
  });

  it('answers a function-to-function call to an unknown function with FUNCTION_NOT_FOUND inside the caller', async () => {
    const res = await h.gateway('caller', { target: 'no-such-function' }, 'openid-B');
    expect(res.status).toBe(502);
    expect(res.body.error?.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(res.body.error?.message).toMatch(/no-such-function/);
  });
});

describe('functions.invokeFunction from the SDK', () => {
  it('calls a function with app.callFunction and gets {result, requestId}', async () => {
    const res = await h.app.callFunction({ name: 'whoami', data: { note: 'via-sdk' } });
    expect(res.requestId).toEqual(expect.any(String));
    expect(res.result).toMatchObject({ user: { openId: '' }, written: { note: 'via-sdk' } });
  });

  it('throws FUNCTION_NOT_FOUND for an unknown name', async () => {
    await expect(h.app.callFunction({ name: 'does-not-exist', data: {} })).rejects.toMatchObject({ code: 'FUNCTION_NOT_FOUND' });
  });

  it('throws FUNCTIONS_EXECUTE_FAIL when the function throws', async () => {
    await expect(h.app.callFunction({ name: 'boom', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
  });
});

describe('failures stay inside the invocation', () => {
  it('answers a throwing function with FUNCTIONS_EXECUTE_FAIL and keeps serving', async () => {
    const res = await h.gateway('boom', {}, 'openid-A');
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('boom: deliberate failure') });
    expect(res.body.result).toBeUndefined();
    const next = await h.gateway('whoami', {}, 'openid-A');
    expect(next.body.result.user.openId).toBe('openid-A');
  });

  it('cuts a function off at its config.json timeout (1 s) with FUNCTIONS_TIME_LIMIT_EXCEEDED, and later calls work', async () => {
    const started = performance.now();
    slowStartedAt = started;
    const res = await h.gateway('slow', {}, 'openid-A');
    const ms = performance.now() - started;
    expect(res.status).toBe(502);
    expect(res.body.error?.code).toBe('FUNCTIONS_TIME_LIMIT_EXCEEDED');
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(2500);
    // Within its limit the same function answers.
    expect((await h.gateway('slow', { ms: 10 }, 'openid-A')).body).toEqual({ result: { slept: 10 } });
    expect((await h.gateway('whoami', {}, 'openid-C')).body.result.user.openId).toBe('openid-C');
  });
  // An unhandled rejection in function code is tested against the CLI's own process (cli.test.ts):
  // Jest fails every test of a file when a rejection goes unhandled in its worker.
});

describe('the gateway refuses bad requests', () => {
  it('refuses a body that is not JSON with 400 INVALID_PARAM', async () => {
    const res = await h.gateway('whoami', '{"note": ', 'openid-A');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_PARAM');
  });

  it('refuses a timer event from a client', async () => {
    const res = await h.gateway('whoami', { Type: 'Timer', TriggerName: 'x' }, 'openid-A');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_PARAM');
  });

  it.each(['has space', 'semi;colon', 'x'.repeat(65), 'ünïcode'])('refuses the X-Openid %j', async (openid) => {
    const res = await h.gateway('whoami', {}, openid);
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('INVALID_PARAM');
  });

  it('answers an unknown function with 404 FUNCTION_NOT_FOUND', async () => {
    for (const name of ['nope', '../whoami', 'who%00ami']) {
      const res = await h.gateway(name, {}, 'openid-A');
      expect(res.status).toBe(404);
      expect(res.body.error?.code).toBe('FUNCTION_NOT_FOUND');
    }
  });

  it('accepts an empty body as an empty event', async () => {
    const res = await fetch(`${h.url}/functions/clock`, { method: 'POST', headers: { 'x-openid': 'openid-A' } });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { now: string } }).result.now).toEqual(expect.any(String));
  });
});

describe('the invocation log', () => {
  // A rebuilt bundle is tested against the CLI's own process (cli.test.ts): under Jest, modules
  // live in Jest's registry, which ignores the runner's \`delete require.cache[...]\`.

  it('attributes the database actions of an invocation to it', async () => {
    const res = await h.gateway('whoami', { action: 'log-me' }, 'openid-D');
    expect(res.status).toBe(200);
    const { invocations } = (await h.request('GET', '/__emulator/invocations')).body as { invocations: Array<Record<string, any>> };
    const record = invocations.find((r) => r.requestId === res.requestId);
    expect(record).toMatchObject({
      fn: 'whoami',
      openid: 'openid-D',
      source: 'gateway',
      label: 'log-me',
      actions: { 'database.insertDocument': 1, 'database.getDocument': 1 },
    });
    expect(Object.keys(record!.actions)).toHaveLength(2);
    // Its database requests and the documents they read: the insert examines none, the doc(id) get one.
    expect(record).toMatchObject({ dbRequests: 2, docsExamined: 1, docsReturned: 1 });
    expect(record!.error).toBeUndefined();
    // The test process's own SDK calls belong to no invocation.
    await h.db.collection('whoami_log').count();
    const again = (await h.request('GET', '/__emulator/invocations')).body.invocations.find((r: { requestId: string }) => r.requestId === res.requestId);
    expect(again.actions).toEqual(record!.actions);
    // A failed invocation is logged with its code.
    const failed = await h.gateway('boom', {}, 'openid-D');
    const failedRecord = (await h.request('GET', '/__emulator/invocations')).body.invocations.find((r: { requestId: string; fn: string; openid?: string }) => r.requestId !== res.requestId && r.fn === 'boom' && r.openid === 'openid-D');
    expect(failed.status).toBe(502);
    expect(failedRecord).toMatchObject({ error: 'FUNCTIONS_EXECUTE_FAIL', actions: {} });
  });
});
