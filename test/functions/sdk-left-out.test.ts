/**
 * The deployed bundles carry a slimmed @cloudbase/node-sdk (scripts/build-functions-sdk.ts): the
 * SDK's clients no function calls are stubs that throw, and record their use, the moment anything
 * of them is touched. Every action of every function (as a role it allows, with its sample input)
 * and every timer runs here against the built bundles, and none may touch a stub.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AllFunctions } from '../../server/functions/all';
import { LEFT_OUT_USES } from '../../scripts/build-functions-sdk';
import { FUNCTIONS_DIR } from '../../scripts/build-functions';
import { startTestEnv, type TestEnv } from '../support/harness';
import { Samples } from './samples';

const uses = () => (globalThis as unknown as Record<symbol, string[] | undefined>)[Symbol.for(LEFT_OUT_USES)] ?? [];

describe('the slimmed SDK in the bundles', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('is what the emulator runs: the bundle holds the SDK and does not require it from node_modules', () => {
    for (const fn of Object.keys(AllFunctions)) {
      const text = readFileSync(path.join(FUNCTIONS_DIR, fn, 'index.js'), 'utf8');
      expect(text).not.toMatch(/require\("@cloudbase\/node-sdk"\)/);
      expect(text).toContain('is left out of this function');
    }
  });

  const cases = Object.entries(AllFunctions).flatMap(([fn, def]) =>
    Object.entries(def.def.actions).map(([action, act]) => ({ fn, action, role: (act as { roles: readonly string[] }).roles[0] })),
  );

  it.each(cases)('$fn $action as $role touches nothing left out', async ({ fn, action, role }) => {
    const as = await env.makeUser(role as Parameters<TestEnv['makeUser']>[0]);
    const data = await Samples[fn][action](env, as);
    const res = await env.call(fn, action, data, { as, idempotencyKey: env.key() });
    if (!res.ok) expect(`${res.error.code} ${res.error.message}`).not.toMatch(/left out/);
    expect(uses()).toEqual([]);
  });

  it('every timer touches nothing left out', async () => {
    for (const fn of Object.keys(AllFunctions)) {
      const config = JSON.parse(readFileSync(path.join(FUNCTIONS_DIR, fn, 'config.json'), 'utf8')) as { triggers?: Array<{ name: string }> };
      for (const t of config.triggers ?? []) await env.fireTimer(fn, t.name);
    }
    expect(uses()).toEqual([]);
  });
});
