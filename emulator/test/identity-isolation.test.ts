/**
 * Many callers at once: the runner serves concurrent invocations in one process, so each one's
 * identity (what the SDK reads from process.env) must stay its own across awaits, and the host
 * process's own environment must be untouched.
 */
import { startEmulatorHarness, type EmulatorHarness } from './helpers/emulator-harness';

let h: EmulatorHarness;
const SELF = 'test-process-own-openid';
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  // This process has an identity of its own, which no invocation may overwrite or see.
  for (const k of ['WX_OPENID', 'WX_CONTEXT_KEYS']) saved[k] = process.env[k];
  process.env.WX_OPENID = SELF;
  process.env.WX_CONTEXT_KEYS = 'WX_OPENID';
  h = await startEmulatorHarness();
  await h.db.createCollection('isolation');
  await h.db.collection('isolation').add({ k: 'probe' });
});

afterAll(async () => {
  await h.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

it('gives each of 200 concurrent callers its own identity, before and after awaiting', async () => {
  const N = 200;
  const openids = Array.from({ length: N }, (_, i) => `user-${String(i).padStart(3, '0')}-${i % 7 === 0 ? 'x' : 'y'}`);
  const answers = await Promise.all(openids.map((openid, i) => h.gateway('isolation', { tag: i }, openid)));

  const mixups: string[] = [];
  answers.forEach((res, i) => {
    const r = res.body.result;
    const want = openids[i];
    if (res.status !== 200 || !r) return mixups.push(`#${i}: ${res.status} ${JSON.stringify(res.body)}`);
    for (const [k, v] of Object.entries({ tag: r.tag, first: r.first, firstEnv: r.firstEnv, second: r.second, secondEnv: r.secondEnv })) {
      const expected = k === 'tag' ? i : want;
      if (v !== expected) mixups.push(`#${i} ${k}: got ${v}, want ${expected}`);
    }
    if (r.read !== 1) mixups.push(`#${i}: database read saw ${r.read} documents`);
  });
  expect(mixups).toEqual([]);
  // The log shows every caller once.
  const { invocations } = (await h.request('GET', '/__emulator/invocations')).body as { invocations: Array<{ fn: string; openid?: string }> };
  const logged = invocations.filter((r) => r.fn === 'isolation').map((r) => r.openid).sort();
  expect(logged).toEqual([...openids].sort());
  expect(process.env.WX_OPENID).toBe(SELF);
});

it('leaves the test process environment as it was, and sees it outside invocations', async () => {
  const res = await h.gateway('isolation', { tag: 'solo' }, 'someone-else');
  expect(res.body.result).toMatchObject({ first: 'someone-else', second: 'someone-else' });
  expect(process.env.WX_OPENID).toBe(SELF);
  expect(process.env.WX_CONTEXT_KEYS).toBe('WX_OPENID');
  expect(Object.keys(process.env)).not.toContain('WX_API_TOKEN');
  expect(process.env.WX_API_TOKEN).toBeUndefined();
  // The SDK in this process reads this process's identity.
  expect(h.app.auth().getUserInfo().openId).toBe(SELF);
});
