/**
 * Property-based fuzzing of every action's input: garbage, oversize and wrong-typed values get a
 * clean error (INPUT.INVALID or a domain code), never INTERNAL or a crash, and an error leaves
 * every collection exactly as it was.
 */
import fc from 'fast-check';
import type { Role } from '../../core/api/roles';
import { AllFunctions } from '../../server/functions/all';
import { startTestEnv, type TestEnv } from '../support/harness';
import { Samples } from './samples';

const Functions = AllFunctions;
const RUNS = Number(process.env.FUZZ_RUNS ?? 25);

/** A caller the action lets through the gate, so the fuzzer reaches validation and the handler. */
function callerRole(allowed: readonly Role[]): Role {
  for (const r of ['admin', 'staff', 'worker', 'guest'] as Role[]) if (allowed.includes(r)) return r;
  return allowed[0];
}

const garbage = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.string({ minLength: 3000, maxLength: 6000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 5 }),
  fc.object({ maxDepth: 2 }),
  fc.constantFrom('$where', '{"$gt":""}', '../../etc/passwd', '\u0000', '<script>alert(1)</script>'),
);

describe('fuzzing every action', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    // The before/after check is only as good as the counts: the seeded community must show in them.
    const seeded = await env.counts();
    expect(seeded.users).toBeGreaterThan(10);
    expect(seeded.enterprises).toBe(5);
  });
  afterAll(() => env.close());

  const actions = Object.entries(Functions).flatMap(([fn, f]) => Object.entries(f.def.actions).map(([action, def]) => ({ fn, action, role: callerRole(def.roles) })));

  async function expectCleanFailureOrSuccess(fn: string, action: string, role: Role, data: unknown) {
    const as = await env.makeUser(role);
    const before = await env.counts();
    const res = await env.call(fn, action, data, { as, idempotencyKey: env.key() });
    expect(typeof res.requestId).toBe('string');
    if (res.ok) return;
    expect(res.error.code).not.toBe('INTERNAL');
    expect(res.error.code).toMatch(/^[A-Z_]+(\.[A-Z_]+)?$/);
    expect(typeof res.error.message).toBe('string');
    const after = await env.counts();
    // makeUser wrote the caller before `before` was taken: nothing else may have changed.
    expect(after).toEqual(before);
  }

  it.each(actions)('$fn.$action rejects arbitrary input cleanly', async ({ fn, action, role }) => {
    await fc.assert(
      fc.asyncProperty(fc.anything({ maxDepth: 3 }), async (data) => expectCleanFailureOrSuccess(fn, action, role, data)),
      { numRuns: RUNS },
    );
  });

  it.each(actions)('$fn.$action rejects wrong-typed and oversize fields cleanly', async ({ fn, action, role }) => {
    const keys = Object.keys(await Samples[fn][action](env));
    if (keys.length === 0) return;
    const mutated = fc.record(Object.fromEntries(keys.map((k) => [k, garbage])), { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(mutated, async (data) => expectCleanFailureOrSuccess(fn, action, role, data)),
      { numRuns: RUNS },
    );
  });

  it('rejects malformed envelopes with INPUT.INVALID or ACTION.UNKNOWN', async () => {
    const as = await env.makeUser('worker');
    const post = async (body: unknown) => {
      const res = await fetch(`${env.emulator.url}/functions/user`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': as }, body: JSON.stringify(body) });
      return ((await res.json()) as { result: { ok: boolean; error?: { code: string } } }).result;
    };
    for (const body of [null, 42, 'me', [], {}, { action: 1 }, { action: '' }, { action: 'x'.repeat(65) }, { action: 'me', idempotencyKey: 'short' }, { action: 'me', idempotencyKey: 'bad key with spaces' }]) {
      const r = await post(body);
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('INPUT.INVALID');
    }
    for (const action of ['nope', '__proto__', 'constructor', 'toString']) {
      const r = await post({ action });
      expect(r.error?.code).toBe('ACTION.UNKNOWN');
    }
  });

  it('a deeply nested event is an input error, never HTTP 500', async () => {
    const as = await env.makeUser('worker');
    const post = (depth: number) =>
      fetch(`${env.emulator.url}/functions/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': as },
        // Written out, not JSON.stringify'd: stringifying 50,000 levels overflows the test's own stack.
        body: `{"action":"me","data":{"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`,
      });
    for (const depth of [5_000, 50_000]) {
      const res = await post(depth);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('INVALID_PARAM');
    }
    // Just under the gateway's limit the function answers, with its own input error.
    const res = await post(90);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { result: { ok: boolean; error?: { code: string } } }).result.error?.code).toBe('INPUT.INVALID');
  });

  it.each([
    ['admin', 'listAudit'],
    ['admin', 'listEntryCodes'],
  ])('%s.%s: a cursor that is not a date is INPUT.INVALID, not INTERNAL', async (fn, action) => {
    const as = await env.makeUser('admin');
    for (const cursor of ['not-a-date', 'x'.repeat(200), '2026-13-45']) {
      const res = await env.call(fn, action, { cursor }, { as });
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error.code).toBe('INPUT.INVALID');
    }
  });
});
