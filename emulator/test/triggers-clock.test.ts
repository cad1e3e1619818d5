/**
 * Timer triggers on CloudBase's 7-field cron (Asia/Shanghai), firing on the emulator's clock, and
 * the settable clock that functions see through `new Date()`.
 */
import { nextFireTime } from '../src/triggers/scheduler';
import { startEmulatorHarness, waitFor, sleep, type EmulatorHarness } from './helpers/emulator-harness';

describe('nextFireTime (CloudBase cron, Asia/Shanghai)', () => {
  const at = (iso: string) => new Date(iso);
  const next = (cron: string, after: string) => nextFireTime(cron, at(after))?.toISOString();

  it('fires a daily 02:00 job at the next 02:00 Shanghai time', () => {
    expect(next('0 0 2 * * * *', '2026-11-23T10:00:00+08:00')).toBe(at('2026-11-24T02:00:00+08:00').toISOString());
    // 01:59:59 Shanghai is still the same day's 02:00; exactly 02:00 moves on to the next day.
    expect(next('0 0 2 * * * *', '2026-11-23T01:59:59+08:00')).toBe(at('2026-11-23T02:00:00+08:00').toISOString());
    expect(next('0 0 2 * * * *', '2026-11-23T02:00:00+08:00')).toBe(at('2026-11-24T02:00:00+08:00').toISOString());
    // 17:30 UTC is already 01:30 the next day in Shanghai.
    expect(next('0 0 2 * * * *', '2026-11-23T17:30:00Z')).toBe(at('2026-11-24T02:00:00+08:00').toISOString());
  });

  it('fires Mon/Wed/Fri at 08:30', () => {
    const cron = '0 30 8 * * MON,WED,FRI *';
    // 2026-11-23 is a Monday.
    expect(next(cron, '2026-11-23T08:00:00+08:00')).toBe(at('2026-11-23T08:30:00+08:00').toISOString());
    expect(next(cron, '2026-11-23T09:00:00+08:00')).toBe(at('2026-11-25T08:30:00+08:00').toISOString());
    expect(next(cron, '2026-11-25T08:30:00+08:00')).toBe(at('2026-11-27T08:30:00+08:00').toISOString());
    expect(next(cron, '2026-11-27T08:30:00+08:00')).toBe(at('2026-11-30T08:30:00+08:00').toISOString());
    // Sunday 23:00 UTC is Monday 07:00 in Shanghai.
    expect(next(cron, '2026-11-29T23:00:00Z')).toBe(at('2026-11-30T08:30:00+08:00').toISOString());
  });

  it('honours the year field', () => {
    expect(next('0 0 0 1 1 * 2028', '2026-11-23T10:00:00+08:00')).toBe(at('2028-01-01T00:00:00+08:00').toISOString());
    expect(next('0 0 12 * * * 2027-2028', '2026-11-23T10:00:00+08:00')).toBe(at('2027-01-01T12:00:00+08:00').toISOString());
    expect(next('0 0 12 * * * 2026,2029', '2026-12-31T13:00:00+08:00')).toBe(at('2029-01-01T12:00:00+08:00').toISOString());
    // The year is Shanghai's: 2026-12-31T15:00Z is 23:00 on New Year's Eve there, the next hour is 2027.
    expect(next('0 0 * * * * 2026', '2026-12-31T14:30:00Z')).toBe(at('2026-12-31T23:00:00+08:00').toISOString());
    expect(next('0 0 * * * * 2026', '2026-12-31T15:30:00Z')).toBeUndefined();
    expect(next('0 0 * * * * 2027', '2026-12-31T15:30:00Z')).toBe(at('2027-01-01T00:00:00+08:00').toISOString());
    expect(next('0 0 0 * * * 2020', '2026-11-23T10:00:00+08:00')).toBeUndefined();
  });

  it('reaches a year far ahead even for a fine-grained cron, quickly', () => {
    const started = performance.now();
    expect(next('* * * * * * 2030', '2026-11-23T10:00:00+08:00')).toBe(at('2030-01-01T00:00:00+08:00').toISOString());
    expect(next('0 */5 * * * * 2031-2032', '2026-11-23T10:00:00+08:00')).toBe(at('2031-01-01T00:00:00+08:00').toISOString());
    expect(next('0 0 0 29 2 * 2027,2028', '2026-11-23T10:00:00+08:00')).toBe(at('2028-02-29T00:00:00+08:00').toISOString());
    expect(next('0 0 0 29 2 * 2027', '2026-11-23T10:00:00+08:00')).toBeUndefined();
    expect(next('* * * * * * 2020-2025', '2026-11-23T10:00:00+08:00')).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('fires every second for * * * * * * *', () => {
    expect(next('* * * * * * *', '2026-11-23T10:00:00.400+08:00')).toBe(at('2026-11-23T10:00:01+08:00').toISOString());
  });

  it('refuses anything that is not a 7-field CloudBase cron', () => {
    expect(() => nextFireTime('0 0 2 * * *', at('2026-11-23T10:00:00+08:00'))).toThrow(RangeError);
    expect(() => nextFireTime('0 2 * * *', at('2026-11-23T10:00:00+08:00'))).toThrow(RangeError);
    expect(() => nextFireTime('0 0 2 * * * * *', at('2026-11-23T10:00:00+08:00'))).toThrow(RangeError);
    expect(() => nextFireTime('0 0 2 * * * 20x6', at('2026-11-23T10:00:00+08:00'))).toThrow(RangeError);
  });
});

describe('triggers and the clock on a running emulator', () => {
  let h: EmulatorHarness;
  const saved: Record<string, string | undefined> = {};
  /** Real time, which the emulator's clock (timekeeper) does not move. */
  const realNow = () => performance.timeOrigin + performance.now();

  interface Tick {
    event: { Type: string; TriggerName: string; Time: string; Message: string };
    openId: string;
    envOpenid: string;
    seenAt: string;
  }
  const ticks = async (name: string): Promise<Tick[]> =>
    (await h.db.collection('ticks').where({ 'event.TriggerName': name }).limit(1000).get()).data as Tick[];
  const seenByFunction = async () => {
    const res = await h.gateway('clock', {}, 'clock-reader');
    expect(res.status).toBe(200);
    return new Date(res.body.result.now).getTime();
  };

  beforeAll(async () => {
    // This process has an identity; a timer invocation must not inherit it.
    for (const k of ['WX_OPENID', 'WX_CONTEXT_KEYS']) saved[k] = process.env[k];
    process.env.WX_OPENID = 'the-test-process';
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    h = await startEmulatorHarness({ triggers: true });
    await h.db.createCollection('ticks');
  });

  afterEach(async () => {
    await h.request('POST', '/__emulator/clock', { reset: true });
  });

  afterAll(async () => {
    await h.close();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('fires an every-second timer by itself, with the Timer event and no caller', async () => {
    const fired = await waitFor('two everySecond ticks', async () => ((await ticks('everySecond')).length >= 2 ? ticks('everySecond') : undefined), 6000);
    for (const t of fired) {
      expect(t.event).toEqual({ Type: 'Timer', TriggerName: 'everySecond', Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), Message: '' });
      expect(Number.isNaN(Date.parse(t.event.Time))).toBe(false);
      expect(t.openId).toBe('');
      expect(t.envOpenid).toBe('');
    }
    // A tick is recorded when the run starts, the invocation when it ends: wait for both logged.
    const timerRuns = await waitFor(
      'two logged timer invocations',
      async () => {
        const { invocations } = (await h.request('GET', '/__emulator/invocations')).body as { invocations: Array<Record<string, unknown>> };
        const runs = invocations.filter((r) => r.fn === 'ticker' && r.source === 'timer' && !r.error);
        return runs.length >= 2 ? runs : undefined;
      },
      6000,
    );
    expect(timerRuns.length).toBeGreaterThanOrEqual(2);
    for (const r of timerRuns) expect(r.openid).toBeUndefined();
    expect(process.env.WX_OPENID).toBe('the-test-process');
    const plan = (await h.request('GET', '/__emulator/triggers')).body.triggers as Array<{ fn: string; name: string; nextAt: string }>;
    // twotimers declares two triggers: refused, so none of its triggers is planned.
    expect(plan.map((t) => `${t.fn}/${t.name}`).sort()).toEqual(['nightly/nightly', 'ticker/everySecond']);
  });

  it('fires a trigger on demand, and answers 404 for an unknown one', async () => {
    const before = (await ticks('nightly')).length;
    const res = await h.request('POST', '/__emulator/triggers/nightly/nightly', {});
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ result: { fired: 'nightly', openId: '' } });
    expect(await ticks('nightly')).toHaveLength(before + 1);

    const unknownTrigger = await h.request('POST', '/__emulator/triggers/ticker/hourly', {});
    expect(unknownTrigger.status).toBe(404);
    expect(unknownTrigger.body.error.code).toBe('TRIGGER_NOT_FOUND');
    const unknownFunction = await h.request('POST', '/__emulator/triggers/nope/nightly', {});
    expect(unknownFunction.status).toBe(404);
    const otherFunctionsTrigger = await h.request('POST', '/__emulator/triggers/ticker/nightly', {});
    expect(otherFunctionsTrigger.status).toBe(404);
    const incomplete = await h.request('POST', '/__emulator/triggers/ticker', {});
    expect(incomplete.status).toBe(400);
    expect(await ticks('nightly')).toHaveLength(before + 1);
  });

  it('refuses to load a function that declares two triggers, says why, and serves the others', async () => {
    const health = (await h.request('GET', '/__emulator/health')).body;
    expect(health.functions).not.toContain('twotimers');
    expect(health.functions).toContain('ticker');
    expect(health.refused).toEqual([
      { fn: 'twotimers', reason: expect.stringMatching(/^function twotimers is not loaded: its config\.json declares 2 triggers \(hourly, daily\); WeChat cloud supports one trigger per function \(https:\/\/developers\.weixin\.qq\.com\/.*triggers/) },
    ]);
    const fired = await h.request('POST', '/__emulator/triggers/twotimers/hourly', {});
    expect(fired.status).toBe(502);
    expect(fired.body.error).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('one trigger per function') });
    const called = await h.gateway('twotimers', {}, 'someone');
    expect(called.status).toBe(502);
    expect(called.body.error).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('declares 2 triggers') });
    // Through the SDK too (functions.invokeFunction), and the emulator keeps serving.
    await expect(h.app.callFunction({ name: 'twotimers', data: {} })).rejects.toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL' });
    expect((await h.gateway('clock', {}, 'clock-reader')).status).toBe(200);
  });

  it('moves the time functions see: { now }, { advanceMs }, { reset: true }', async () => {
    const target = Date.parse('2030-06-15T12:00:00+08:00');
    const set = await h.request('POST', '/__emulator/clock', { now: '2030-06-15T12:00:00+08:00' });
    expect(set.status).toBe(200);
    expect(set.body.shifted).toBe(true);
    expect(Date.parse(set.body.now) - target).toBeGreaterThanOrEqual(0);
    let seen = await seenByFunction();
    expect(seen - target).toBeGreaterThanOrEqual(0);
    expect(seen - target).toBeLessThan(5000);
    expect((await h.request('GET', '/__emulator/clock')).body.shifted).toBe(true);

    const advanced = await h.request('POST', '/__emulator/clock', { advanceMs: 86_400_000 });
    expect(advanced.status).toBe(200);
    seen = await seenByFunction();
    expect(seen - (target + 86_400_000)).toBeGreaterThanOrEqual(0);
    expect(seen - (target + 86_400_000)).toBeLessThan(5000);

    const reset = await h.request('POST', '/__emulator/clock', { reset: true });
    expect(reset.body.shifted).toBe(false);
    seen = await seenByFunction();
    expect(Math.abs(seen - realNow())).toBeLessThan(5000);
    expect((await h.request('GET', '/__emulator/health')).body.clockShifted).toBe(false);
  });

  it('refuses a clock request it cannot follow, leaving the clock alone', async () => {
    for (const body of [{}, { now: 'not a date' }, { advanceMs: 'soon' }, '{"now":']) {
      const res = await h.request('POST', '/__emulator/clock', body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('INVALID_PARAM');
    }
    expect((await h.request('GET', '/__emulator/clock')).body.shifted).toBe(false);
    expect(Math.abs((await seenByFunction()) - realNow())).toBeLessThan(5000);
  });

  it('fires a trigger when the clock passes its time; a jump forward fires a missed one once; a jump back re-plans', async () => {
    // Only this test's firings: those on 1 January 2030 (Shanghai) or at real time after the reset.
    const startedAt = realNow();
    const mine = async () =>
      (await ticks('nightly')).filter((t) => {
        const at = Date.parse(t.event.Time);
        return (at >= Date.parse('2030-01-01T00:00:00+08:00') && at < Date.parse('2030-01-02T00:00:00+08:00')) || (at >= startedAt && at < startedAt + 600_000);
      });
    const nightly = async (count: number) =>
      waitFor(`nightly tick #${count}`, async () => {
        const all = await mine();
        return all.length >= count ? all : undefined;
      }, 6000);

    // Jumping from today to 2030 passes many 02:00s: the trigger fires once, not once per night.
    await h.request('POST', '/__emulator/clock', { now: '2030-01-01T01:00:00+08:00' });
    const caughtUp = (await nightly(1))[0];
    expect(Date.parse(caughtUp.event.Time) - Date.parse('2030-01-01T01:00:00+08:00')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(caughtUp.event.Time) - Date.parse('2030-01-01T01:00:00+08:00')).toBeLessThan(5000);
    expect(caughtUp.openId).toBe('');
    await sleep(1500);
    expect(await mine()).toHaveLength(1);

    // Just before 02:00 it is not due; at 02:00 it fires by itself.
    const advanceMs = Date.parse('2030-01-01T01:59:58.500+08:00') - Date.parse((await h.request('GET', '/__emulator/clock')).body.now);
    await h.request('POST', '/__emulator/clock', { advanceMs });
    await sleep(300);
    expect(await mine()).toHaveLength(1);
    const onTime = (await nightly(2))[1];
    expect(Date.parse(onTime.event.Time) - Date.parse('2030-01-01T02:00:00+08:00')).toBeGreaterThanOrEqual(0);
    expect(Date.parse(onTime.event.Time) - Date.parse('2030-01-01T02:00:00+08:00')).toBeLessThan(3000);
    const plan = async () => ((await h.request('GET', '/__emulator/triggers')).body.triggers as Array<{ name: string; nextAt: string }>).find((t) => t.name === 'nightly')?.nextAt;
    expect(await plan()).toBe(new Date('2030-01-02T02:00:00+08:00').toISOString());

    // Back to real time: the next 02:00 is planned from today again, and nothing fires meanwhile.
    await h.request('POST', '/__emulator/clock', { reset: true });
    expect(await plan()).toBe(nextFireTime('0 0 2 * * * *', new Date(realNow()))?.toISOString());
    await sleep(1200);
    expect(await mine()).toHaveLength(2);
  });
});
