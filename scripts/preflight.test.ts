/**
 * The preflight (`npm run deploy -- --check`): green on the repository with the test
 * configuration (.env.ci), and each rule fails on a configuration that breaks it. Function bundles
 * come from the node project's global setup.
 */
import path from 'node:path';
import { collectInput, formatReport, LAUNCH_CHECKLIST, preflight, preflightEnv, readEnvFile, runRules, type PreflightInput } from './preflight';

const ROOT = path.resolve(__dirname, '..');
const CI_ENV = readEnvFile(path.join(ROOT, '.env.ci'));
const MB = 1024 * 1024;

let good: PreflightInput;
beforeAll(async () => {
  // No weapp build here (the app project makes dist/): the package rule gets one below.
  good = await collectInput(CI_ENV, path.join(ROOT, 'no-such-dist'));
  good.weapp = {
    sizes: { mainPackageBytes: 450 * 1024, subpackages: { staff: 300 * 1024, qa: 60 * 1024 }, totalBytes: 810 * 1024 },
    preloadRule: { 'pages/index/index': { packages: ['qa'] }, 'qa/pages/queue/index': { packages: ['staff'] } },
    subpackageRoots: ['staff', 'qa'],
  };
});

const clone = (): PreflightInput => structuredClone(good);
const failing = (input: PreflightInput) => runRules(input).filter((r) => r.problems.length);

it('passes on this repository with the complete test configuration', () => {
  expect(failing(good)).toEqual([]);
  expect(good.functions.length).toBeGreaterThan(3);
  expect(good.functions.some((f) => f.calls.includes('subscribeMessage.send'))).toBe(true);
  expect(good.collections.some((c) => c.indexes.length > 0)).toBe(true);
});

it.each<[string, (i: PreflightInput) => void, RegExp]>([
  ['timers', (i) => i.functions[0].triggers.push({ name: 'a' }, { name: 'b' }), /timer triggers/],
  // An open API no function declares (security.mediaCheckAsync, the old example, is declared now).
  ['openapi', (i) => i.functions[0].calls.push('ocr.idcard'), /permissions\.openapi does not list it/],
  ['templates', (i) => delete i.env.QA_TEMPLATE_ANSWERED, /QA_TEMPLATE_ANSWERED is not set/],
  ['identity', (i) => (i.env.TARO_APP_ID = 'touristappid'), /tourist appid/],
  ['identity', (i) => delete i.env.TARO_APP_CLOUD_ENV, /TARO_APP_CLOUD_ENV is not set/],
  ['identity', (i) => delete i.env.ENV_ID, /ENV_ID is not set/],
  ['identity', (i) => (i.env.ENV_ID = 'other-env-1'), /calls CloudBase environment .* but the backend deploys to other-env-1/],
  ['indexes', (i) => (i.collections[0].indexes = Array.from({ length: 101 }, (_, n) => ({ name: `i${n}`, fields: 1 }))), /101 indexes/],
  ['indexes', (i) => i.collections[0].indexes.push({ name: 'wide', fields: 32 }), /index wide has 32 fields/],
  ['timeouts', (i) => (i.functions[0].timeout = 61), /timeout 61 s/],
  ['timeouts', (i) => (i.functions[0].timeout = 0), /timeout 0 s/],
  ['dev-build', (i) => (i.env.TARO_APP_DEV_LOGIN = 'true'), /dev login/],
  ['dev-build', (i) => (i.env.TARO_APP_GATEWAY_URL = 'http://10.0.0.2:9000'), /gateway/],
  ['packages', (i) => (i.weapp!.sizes.mainPackageBytes = 2 * MB + 1), /main package .* over 2 MB/],
  ['packages', (i) => (i.weapp!.sizes.subpackages.staff = 2 * MB + 1), /subpackage staff .* over 2 MB/],
  ['packages', (i) => (i.weapp!.sizes.totalBytes = 20 * MB + 1), /over 20 MB/],
  ['packages', (i) => ((i.weapp!.sizes.subpackages.staff = 1.5 * MB), (i.weapp!.sizes.subpackages.qa = 0.6 * MB), (i.weapp!.preloadRule['pages/index/index'].packages = ['qa', 'staff'])), /preload 2\.10 MB/],
  ['packages', (i) => (i.weapp!.preloadRule['pages/index/index'].packages = ['nope']), /names nope, which is no subpackage/],
])('rule %s fails on a bad configuration (%#)', (rule, breakIt, message) => {
  const input = clone();
  breakIt(input);
  const failed = failing(input);
  expect(failed.map((r) => r.rule)).toEqual([rule]);
  expect(failed[0].problems.join('\n')).toMatch(message);
});

it('reports failures and the launch checklist, and answers false on any failure', async () => {
  const out: string[] = [];
  // No env file and an empty environment: no appid, no environment, no templates.
  const ok = await preflight({ envFile: 'no-such-env-file', processEnv: {}, log: (s) => out.push(s) });
  expect(ok).toBe(false);
  const text = out.join('\n');
  expect(text).toMatch(/^FAIL identity$/m);
  expect(text).toMatch(/^FAIL templates$/m);
  for (const item of LAUNCH_CHECKLIST) expect(text).toContain(item);
  expect(formatReport(runRules(good))).toMatch(/all \d+ rules passed/);
});

it('reads the env file under the process environment', () => {
  expect(preflightEnv('.env.ci', {}).TARO_APP_ID).toBe(CI_ENV.TARO_APP_ID);
  expect(preflightEnv('.env.ci', { TARO_APP_ID: 'wx1111111111111111' }).TARO_APP_ID).toBe('wx1111111111111111');
});
