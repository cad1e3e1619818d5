/**
 * What the browser tests run against, set up by code rather than by hand:
 *  - `buildH5` (global setup, once per run): the H5 app in production mode with the dev login,
 *    its gateway address a placeholder (constants.ts) that each worker's static server replaces;
 *  - `startWorkerBackend` (a worker fixture): the worker's own emulator on a free port with a
 *    temporary data folder and fresh demo data, and a static server of the H5 build for it.
 * Everything started is stopped by the returned `close`.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { buildErrorSummary } from '../../test-app/global-setup';
import { E2E_TEMPLATES, GATEWAY_PLACEHOLDER, H5_BUILD_TIMEOUT_MS, H5_DIR, PHONE, ROOT, STEP_TIMEOUT_MS, log, secs } from './constants';
import type { Env } from './env';
import { serveStatic } from './static-server';

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

/** True when `dir` holds an H5 build whose JavaScript carries the gateway placeholder. */
export function isH5Build(dir: string): boolean {
  if (!fs.existsSync(path.join(dir, 'index.html'))) return false;
  return listFiles(dir).some((f) => f.endsWith('.js') && fs.readFileSync(f, 'utf8').includes(GATEWAY_PLACEHOLDER));
}

/** Builds the H5 app (taro build --type h5) into its own folder, then moves it to `H5_DIR`. */
export async function buildH5(): Promise<void> {
  const started = Date.now();
  // Its own output folder (tmp/ is ignored by git): other runs rebuilding dist-h5/ at the same time cannot clobber it.
  const outRel = path.join('tmp', `e2e-h5-${process.pid}`);
  const out = path.join(ROOT, outRel);
  const logFile = path.join(os.tmpdir(), `icsd-e2e-h5-build-${process.pid}.log`);
  const fd = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_GATEWAY_URL: GATEWAY_PLACEHOLDER, TARO_APP_DEV_LOGIN: 'true', CI: 'true', TARO_H5_OUTPUT: outRel },
    stdio: ['ignore', fd, fd],
    detached: true, // its own process group, so a timeout can stop webpack's workers too
  });
  const killTree = () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  try {
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        killTree();
        resolve(null);
      }, H5_BUILD_TIMEOUT_MS);
      child.on('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    fs.closeSync(fd);
    if (code !== 0 || !fs.existsSync(path.join(out, 'index.html'))) {
      const tail = buildErrorSummary(fs.readFileSync(logFile, 'utf8'));
      throw new Error(`taro build --type h5 ${code === null ? `timed out after ${secs(H5_BUILD_TIMEOUT_MS)}` : `failed (exit ${code})`}:\n${tail}`);
    }
    // Prove the bundle reads the gateway we gave it (the placeholder each worker's server replaces).
    if (!isH5Build(out)) throw new Error(`the H5 build does not contain the gateway placeholder ${GATEWAY_PLACEHOLDER}: was TARO_APP_GATEWAY_URL ignored?`);
    fs.rmSync(H5_DIR, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(H5_DIR), { recursive: true });
    fs.cpSync(out, H5_DIR, { recursive: true });
    log(`built H5 in ${secs(Date.now() - started)} (${path.relative(ROOT, H5_DIR)})`);
  } finally {
    killTree();
    fs.rmSync(out, { recursive: true, force: true });
    fs.rmSync(logFile, { force: true });
  }
}

/** Screenshots of a Chinese UI are boxes without a CJK font (Debian: fonts-noto-cjk). Not a failure. */
export function warnWithoutCjkFont(): void {
  try {
    const out = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 5000 });
    if (out.trim()) return;
  } catch {
    /* no fontconfig tools: say so below */
  }
  log('warning: no Chinese font found (fc-list :lang=zh): screenshots will show boxes for Chinese text; apt-get install -y fonts-noto-cjk');
}

export interface WorkerBackend extends Env {
  close(): Promise<void>;
}

/**
 * The worker's emulator (fresh demo data, the function bundles global setup built) and the H5
 * build served for it. Functions run in this worker process, as they did in the runner's.
 */
export async function startWorkerBackend(): Promise<WorkerBackend> {
  const { FUNCTIONS_DIR } = require('../../scripts/build-functions') as typeof import('../../scripts/build-functions');
  const { startEmulator } = require('../../emulator/src/index') as typeof import('../../emulator/src/index');
  const { indexDeclarations } = require('../../server/db/schema') as typeof import('../../server/db/schema');
  const { seedDemo } = require('../../scripts/seed') as typeof import('../../scripts/seed');
  const { MessagePushRoutes } = require('../../server/platform/message-push') as typeof import('../../server/platform/message-push');

  const closers: Array<() => unknown> = [];
  const close = async () => {
    for (const fn of closers.reverse()) await Promise.resolve(fn()).catch((e) => console.error(`e2e cleanup: ${(e as Error).message}`));
  };
  try {
    const replace = { from: GATEWAY_PLACEHOLDER, to: '' };
    const web = await serveStatic(() => H5_DIR, replace);
    closers.push(() => web.close());

    process.env.LOG_LEVEL = 'silent';
    // CloudBase sets the region in every function container; without it the SDK logs an error on
    // every call (it only becomes the X-TCB-Region header).
    process.env.TENCENTCLOUD_REGION ||= 'ap-shanghai';
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icsd-e2e-data-'));
    closers.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    const emulator = await startEmulator({
      port: 0,
      dataDir,
      functionsDir: FUNCTIONS_DIR,
      h5BaseUrl: web.url,
      logLevel: 'silent',
      triggers: false,
      indexes: indexDeclarations(),
      subscribeTemplates: { oneTime: Object.values(E2E_TEMPLATES) },
      // 消息推送: mediaCheckAsync verdicts go to the admin function (server/platform/message-push.ts).
      messagePush: [...MessagePushRoutes],
    });
    closers.push(() => emulator.close());
    replace.to = emulator.url;
    const seeded = await seedDemo(emulator.url);
    log(`worker ${process.env.TEST_PARALLEL_INDEX ?? '?'}: emulator on ${emulator.url} (${seeded.enterprises} enterprises, ${seeded.users} users), H5 on ${web.url}`);
    return { gatewayUrl: emulator.url, appUrl: web.url, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * First load of the production H5 build (issue 15 #15): a fresh context opens the app on a phone;
 * the browser's first contentful paint (the static skeleton of src/index.html) and the moment the
 * app first renders into #app, printed with the run.
 */
export async function measureFirstLoad(browser: Browser, env: Env): Promise<void> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN', deviceScaleFactor: 1 });
  try {
    await context.addInitScript(`new MutationObserver((_, o) => {
      const app = document.getElementById('app');
      if (app && app.childElementCount) { window.__appAt = performance.now(); o.disconnect(); }
    }).observe(document, { childList: true, subtree: true })`);
    const page = await context.newPage();
    await page.goto(`${env.appUrl}/#/pages/login/index`, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    await page.locator('[data-testid^="login-"]').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const m = await page.evaluate<{ fcp: number; app: number; shown: number }>(`(() => {
      const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      return { fcp: fcp ? fcp.startTime : -1, app: window.__appAt || -1, shown: performance.now() };
    })()`);
    log(`first load (production H5, loopback, 390 px, cold cache): first contentful paint ${Math.round(m.fcp)} ms (the static skeleton), app rendered into #app at ${Math.round(m.app)} ms, login list shown by ${Math.round(m.shown)} ms`);
  } finally {
    await context.close().catch(() => undefined);
  }
}
