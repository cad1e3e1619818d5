/**
 * `npm run bench`: the figures the team watches, printed, never asserted by tests.
 *   - emulator: database round trip through the SDK, indexed vs unindexed query at 100k docs,
 *     gateway round trip of a function call;
 *   - cloud functions: bundle size and cold require time of each, with the SDK external, bundled
 *     whole and bundled slimmed (deployed), side by side;
 *   - history: every read action's requests, documents examined / returned and p50/p95 at 1×, 10×
 *     and 100× the demo community's history, and the requests per write (scripts/bench-history.ts);
 *   - mini-program: weapp main-package and total size against the budget (needs a weapp build;
 *     `npm run bench -- --build` makes one first);
 *   - scale: 20 communities, 10,000 enterprises, 200,000 workers and a year of activity, the
 *     heaviest screens and the timer sweep measured (scripts/bench-scale.ts, about a minute).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildFunctions } from './build-functions';
import { PINNED_SDK_VERSION } from './build-functions-sdk';

const ROOT = path.resolve(__dirname, '..');
const KB = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function section(title: string): void {
  console.log(`\n## ${title}`);
}

function print(figures: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(44)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
}

const COLD_ENV = { TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', TENCENTCLOUD: 'true', SCF_NAMESPACE: 'bench', TENCENTCLOUD_REGION: 'ap-shanghai', TENCENTCLOUD_RUNENV: 'SCF' };

/**
 * Milliseconds to require `file` in a fresh Node process (what a cold container pays on top of
 * starting node itself: the clock starts after node's own start-up, so this is "above bare node"),
 * as wall time and as the process's CPU time (user + system) over the require. On a shared,
 * loaded machine the wall time mostly measures waiting for a core; the CPU time is what a quiet
 * container would spend. `nodePath` lets a bundle built outside the repository find node_modules.
 */
function coldRequire(file: string, nodePath?: string): { wall: number; cpu: number } {
  const code = `const c=process.cpuUsage(),t=process.hrtime.bigint();require(${JSON.stringify(file)});const u=process.cpuUsage(c);console.log(Number(process.hrtime.bigint()-t)/1e6,(u.user+u.system)/1e3)`;
  const out = execFileSync(process.execPath, ['-e', code], {
    cwd: os.tmpdir(),
    env: { PATH: process.env.PATH ?? '', ...COLD_ENV, ...(nodePath ? { NODE_PATH: nodePath } : {}) },
  });
  const [wall, cpu] = out.toString().trim().split(' ').map(Number);
  return { wall, cpu };
}

/** Medians of `runs` cold requires of `file`. */
function coldRequireMedian(runs: number, file: string, nodePath?: string): { wall: number; cpu: number } {
  const xs = Array.from({ length: runs }, () => coldRequire(file, nodePath));
  return { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) };
}

/** CPU milliseconds node itself spends starting (before the first line of `-e` runs). */
function bootCpuMs(): number {
  const out = execFileSync(process.execPath, ['-e', 'const u=process.cpuUsage();console.log((u.user+u.system)/1e3)'], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...COLD_ENV } });
  return Number(out.toString().trim());
}

/** Wall milliseconds of a fresh `node -e <code>` (bare start-up when code is `0`). */
function processMs(code: string): number {
  const t = performance.now();
  execFileSync(process.execPath, ['-e', code], { cwd: os.tmpdir(), env: { PATH: process.env.PATH ?? '', ...COLD_ENV } });
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function benchBundles(): Promise<void> {
  const runs = 7;
  section(`cloud function bundles and cold starts (budget: own code ≤ 300 KB; cold require ≤ 60 ms above bare node on a quiet machine; median of ${runs} fresh processes)`);
  // The three ways the SDK can reach a function, built side by side outside the repository (so a
  // bundle that still needed node_modules would fail to load): external (node_modules, as
  // CloudBase installs it), bundled whole, and bundled slimmed (what is deployed).
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-bundles-'));
  try {
    const modes = ['external', 'bundled', 'slim'] as const;
    const builds = Object.fromEntries(await Promise.all(modes.map(async (m) => [m, await buildFunctions({ sdk: m, outDir: path.join(tmp, m) })] as const)));
    await buildFunctions(); // the deployed (slim) bundles in cloudfunctions/, for the sections after this one
    const nodeModules = path.join(ROOT, 'node_modules');
    const bare = median(Array.from({ length: runs }, () => processMs('0')));
    const bootCpu = median(Array.from({ length: runs }, () => bootCpuMs()));
    const sdkAlone = coldRequireMedian(runs, '@cloudbase/node-sdk', nodeModules);
    console.log(
      `  bare node -e 0: ${bare.toFixed(1)} ms wall, ${bootCpu.toFixed(1)} ms CPU to start (the machine's pace: the issue measured 122 ms on a busy 2-core machine); ` +
        `@cloudbase/node-sdk ${PINNED_SDK_VERSION} from node_modules alone: ${sdkAlone.wall.toFixed(1)} ms wall / ${sdkAlone.cpu.toFixed(1)} ms CPU`,
    );
    console.log(`  ${'function'.padEnd(10)} ${modes.map((m) => `${m}: size, cold require wall / CPU`.padEnd(36)).join(' ')}`);
    const slimMs: number[] = [];
    const slimCpu: number[] = [];
    for (const b of builds.slim) {
      const cells = modes.map((m) => {
        const built = builds[m].find((x) => x.name === b.name)!;
        const ms = coldRequireMedian(runs, built.file, m === 'external' ? nodeModules : undefined);
        if (m === 'slim') {
          slimMs.push(ms.wall);
          slimCpu.push(ms.cpu);
        }
        return `${KB(built.bytes).padStart(10)}, ${ms.wall.toFixed(1).padStart(7)} / ${ms.cpu.toFixed(1).padStart(6)} ms`.padEnd(36);
      });
      // The 300 KB budget is the function's own code (the external build); the SDK inside adds ~250 KB slimmed.
      const own = builds.external.find((x) => x.name === b.name)!.bytes;
      console.log(`  ${b.name.padEnd(10)} ${cells.join(' ')}${own > 300 * 1024 ? '  OWN CODE OVER BUDGET' : ''}`);
    }
    const worst = Math.max(...slimMs);
    const worstCpu = Math.max(...slimCpu);
    console.log(
      `  slim (deployed): worst median ${worst.toFixed(1)} ms wall above bare node (${((worst / bare) * 122).toFixed(1)} ms scaled to the issue's 122 ms bare start), ` +
        `${worstCpu.toFixed(1)} ms CPU (what a quiet container spends; target ≤ 60${worstCpu > 60 ? ', OVER' : ''})`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
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

async function benchHistorySection(): Promise<void> {
  section('reads per action at 1×, 10× and 100× the demo community\'s history (requests · documents examined / returned · p50 / p95 ms), requests per write');
  const { benchHistory, historyTable } = await import('./bench-history');
  console.log(historyTable(await benchHistory()));
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
    history: benchHistorySection,
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
