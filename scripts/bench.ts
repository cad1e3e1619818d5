/**
 * `npm run bench`: the figures the team watches, printed, never asserted by tests.
 *   - emulator: database round trip through the SDK, indexed vs unindexed query at 100k docs,
 *     gateway round trip of a function call;
 *   - cloud functions: bundle size and cold require time of each;
 *   - mini-program: weapp main-package and total size against the budget (needs a weapp build;
 *     `npm run bench -- --build` makes one first);
 *   - scale: 20 communities, 10,000 enterprises, 200,000 workers and a year of activity, the
 *     heaviest screens and the timer sweep measured (scripts/bench-scale.ts, about a minute).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions } from './build-functions';

const ROOT = path.resolve(__dirname, '..');
const KB = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function section(title: string): void {
  console.log(`\n## ${title}`);
}

function print(figures: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
}

/** Milliseconds to require `file` in a fresh Node process (what a cold container pays), after `pre` is loaded. */
function coldRequireMs(file: string, pre?: string): number {
  const preload = pre ? `require(${JSON.stringify(pre)});` : '';
  const out = execFileSync(process.execPath, ['-e', `${preload}const t=process.hrtime.bigint();require(${JSON.stringify(file)});console.log(Number(process.hrtime.bigint()-t)/1e6)`], {
    env: { ...process.env, TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', TENCENTCLOUD: 'true', SCF_NAMESPACE: 'bench', TENCENTCLOUD_REGION: 'ap-shanghai' },
  });
  return Number(out.toString().trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchBundles(): Promise<void> {
  section('cloud function bundles (budget: ≤ 300 KB, cold require ≤ 150 ms; median of 5 fresh processes)');
  const built = await buildFunctions();
  const runs = 5;
  // The pinned SDK is external (installed in the cloud) and every function loads it: its share
  // of a cold start is measured alone, and each bundle's own code on top of it.
  const sdk = median(Array.from({ length: runs }, () => coldRequireMs('@cloudbase/node-sdk')));
  console.log(`  ${'(sdk alone)'.padEnd(12)} ${''.padStart(10)}   cold require ${sdk.toFixed(1)} ms  (@cloudbase/node-sdk 3.18.3)`);
  for (const b of built) {
    const ms = median(Array.from({ length: runs }, () => coldRequireMs(b.file)));
    const own = median(Array.from({ length: runs }, () => coldRequireMs(b.file, '@cloudbase/node-sdk')));
    const over = b.bytes > 300 * 1024 || ms > 150 ? '  OVER BUDGET' : '';
    console.log(`  ${b.name.padEnd(12)} ${KB(b.bytes).padStart(10)}   cold require ${ms.toFixed(1)} ms (own code ${own.toFixed(1)} ms)${over}`);
  }
}

async function benchEmulator(): Promise<void> {
  section('emulator database (through the real SDK)');
  const { benchDatabase } = await import('../emulator/bench/db');
  print(await benchDatabase());
  section('emulator function gateway');
  const { benchFunctions } = await import('../emulator/bench/functions');
  print(await benchFunctions());
}

async function benchQaSection(): Promise<void> {
  section('每日一问诊 (qa): FAQ search over 10,000 entries, database requests per action');
  const { benchQa } = await import('./bench-qa');
  print(await benchQa());
}

async function benchScaleSection(): Promise<void> {
  section('district scale: 20 communities, 10,000 enterprises, 200,000 workers, a year of activity');
  const { benchScale } = await import('./bench-scale');
  print(await benchScale());
}

async function benchClinicSection(): Promise<void> {
  section('三师 clinic: 500 concurrent booking attempts for 12 seats, database requests per booking');
  const { benchClinic } = await import('./bench-clinic');
  print(await benchClinic());
}

async function benchConsoleSection(): Promise<void> {
  section('staff console: admin.dashboard over 100,000 tickets (indexed aggregations), database requests per dashboard');
  const { benchConsole } = await import('./bench-console');
  print(await benchConsole());
}

async function benchNotifySection(): Promise<void> {
  section('待办 and 消息: user.todos for every role and user.inbox with 10,000 and 100,000 finished cases (indexed counts, bounded reads)');
  const { benchNotify } = await import('./bench-notify');
  print(await benchNotify());
}

async function benchWeapp(build: boolean): Promise<void> {
  section('mini-program size (budget: main package ≤ 450 KB, whole app ≤ 1.5 MB)');
  if (build || !existsSync(path.join(ROOT, 'dist', 'app.js'))) {
    execFileSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp', '--mode', 'ci'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NODE_ENV: 'production' } });
  }
  const { weappSizeReport } = await import('./size-report');
  const r = await weappSizeReport(path.join(ROOT, 'dist'));
  console.log(`  main package ${KB(r.mainPackageBytes)}${r.mainPackageBytes > 450 * 1024 ? '  OVER BUDGET' : ''}`);
  for (const [name, bytes] of Object.entries(r.subpackages)) console.log(`  subpackage ${name.padEnd(10)} ${KB(bytes)}`);
  console.log(`  total        ${KB(r.totalBytes)}${r.totalBytes > 1.5 * 1024 * 1024 ? '  OVER BUDGET' : ''}`);
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  process.env.LOG_LEVEL = 'silent';
  // `npm run bench -- bundles weapp` runs only the sections named; no names: every section.
  const sections: Record<string, () => Promise<void>> = {
    bundles: benchBundles,
    emulator: benchEmulator,
    qa: benchQaSection,
    clinic: benchClinicSection,
    console: benchConsoleSection,
    scale: benchScaleSection,
    notify: benchNotifySection,
    weapp: () => benchWeapp(args.has('--build')),
  };
  const named = Object.keys(sections).filter((n) => args.has(n));
  for (const [name, run] of Object.entries(sections)) if (named.length === 0 || named.includes(name)) await run();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
