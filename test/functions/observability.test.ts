/**
 * The structured log line of every call: function, action, caller role, duration, database
 * requests and the outcome code, with the request id the client also receives.
 */
import * as z from 'zod/mini';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { defineContract, out } from '../../core/contract/define';
import { defineFunction } from '../../server/kernel/define-function';
import { startTestEnv, type TestEnv } from '../support/harness';

/** An action that makes exactly `n` database requests of its own (plus the caller lookup). */
const probeContract = defineContract('probe', { read: { roles: ['staff'] } } as const, {
  read: { input: () => z.strictObject({ n: z.number(), fail: z.optional(z.boolean()) }), out: out<{ n: number }>() },
});
const probe = defineFunction(probeContract, {
  handlers: {
    read: async (_ctx, input) => {
      for (let i = 0; i < input.n; i++) {
        // Spread over time so concurrent calls interleave their requests.
        await new Promise((r) => setTimeout(r, Math.random() * 5));
        await getDb().collection(Collections.users).doc('demo-staff-zhang').get();
      }
      if (input.fail) throw new Error('boom');
      return { n: input.n };
    },
  },
});

describe('structured call log', () => {
  let env: TestEnv;
  let lines: Record<string, unknown>[];
  let spy: jest.SpyInstance;
  let level: string | undefined;
  let saved: Record<string, string | undefined>;

  beforeAll(async () => {
    env = await startTestEnv();
    level = process.env.LOG_LEVEL;
    // The caller as the platform reports it (the emulator's runner sets the same two variables).
    saved = { WX_CONTEXT_KEYS: process.env.WX_CONTEXT_KEYS, WX_OPENID: process.env.WX_OPENID };
    process.env.LOG_LEVEL = 'info';
    process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
    process.env.WX_OPENID = 'demo-staff-zhang';
  });
  afterAll(async () => {
    process.env.LOG_LEVEL = level;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await env.close();
  });
  beforeEach(() => {
    lines = [];
    spy = jest.spyOn(console, 'log').mockImplementation((msg: unknown) => {
      lines.push(JSON.parse(String(msg)) as Record<string, unknown>);
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('writes one line per call with function, action, role, duration, database requests, code and request id', async () => {
    const res = await probe.main({ action: 'read', data: { n: 3 } }, { request_id: 'req-abc' });
    expect(res).toMatchObject({ ok: true, requestId: 'req-abc' });
    expect(spy).toHaveBeenCalledTimes(1);
    // 1 for the caller's user record, 3 by the handler.
    expect(lines[0]).toMatchObject({ level: 'info', fn: 'probe', action: 'read', role: 'staff', db: 4, code: 'OK', requestId: 'req-abc' });
    expect(typeof lines[0].ms).toBe('number');
  });

  it('logs refused and failed calls with their code (the client gets the same request id)', async () => {
    const bad = await probe.main({ action: 'read', data: { n: 'x' } }, { request_id: 'req-bad' });
    expect(bad).toMatchObject({ ok: false, requestId: 'req-bad', error: { code: 'INPUT.INVALID' } });
    const boom = await probe.main({ action: 'read', data: { n: 1, fail: true } }, { request_id: 'req-boom' });
    expect(boom).toMatchObject({ ok: false, requestId: 'req-boom', error: { code: 'INTERNAL' } });
    if (!boom.ok) expect(boom.error.message).toContain('req-boom');
    expect(lines).toEqual([
      expect.objectContaining({ action: 'read', db: 1, code: 'INPUT.INVALID', requestId: 'req-bad' }),
      expect.objectContaining({ level: 'error', action: 'read', db: 2, code: 'INTERNAL', requestId: 'req-boom' }),
    ]);
  });

  it('never mixes the counts of concurrent calls', async () => {
    const ns = Array.from({ length: 24 }, (_, i) => i % 6);
    await Promise.all(ns.map((n, i) => probe.main({ action: 'read', data: { n } }, { request_id: `req-${i}` })));
    expect(lines).toHaveLength(ns.length);
    for (const line of lines) {
      const i = Number(String(line.requestId).slice(4));
      expect(line.db).toBe(1 + ns[i]);
    }
  });
});
