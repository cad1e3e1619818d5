/**
 * Browser tests of the H5 build (`npm run test:e2e`), self-contained and bounded:
 *
 *   1. bundle the cloud functions, start the local CloudBase emulator on a free port with a
 *      temporary data folder, seed the demo community;
 *   2. build the H5 app for THAT emulator (`taro build --type h5`, NODE_ENV=production,
 *      TARO_APP_GATEWAY_URL=<emulator>, TARO_APP_DEV_LOGIN=true) and serve a copy of dist-h5/
 *      from a tiny loopback static server;
 *   3. drive Debian's Chromium through playwright-core (fresh profile per run, a fresh browser
 *      context per case) through the cases below, saving screenshots to e2e/screenshots/;
 *   4. print one line per case and end with `N passed, N failed`; exit 1 on any failure.
 *
 * Everything started here is stopped here (browser, servers, emulator, temp folders), on
 * success, failure, timeout or Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DemoUsers, type DemoUser } from '../core/api/demo-users';
import type { ClinicSettings, ConsultationView, SessionView } from '../core/api/clinic';
import type { ApiResponse } from '../core/api/envelope';
import type { FaqEntry, QuestionDetail } from '../core/api/qa';
import { StaffRoles } from '../core/api/roles';
import type { Me } from '../core/api/user';
import { creditCodeCheckChar } from '../core/rules/credit-code';
import { buildErrorSummary } from '../test-app/global-setup';
import zh from '../src/i18n/zh-CN';
import { serveStatic, type StaticServer } from './lib/static-server';

const ROOT = path.resolve(__dirname, '..');
const SHOTS = path.join(__dirname, 'screenshots');

/** Subscribe-message template ids the emulator knows in this run; only the 消息 case configures the functions with them (the other cases ask for no consent). */
const E2E_TEMPLATES = { QA_TEMPLATE_ANSWERED: 'e2e-qa-answered', QA_TEMPLATE_INFO_REQUESTED: 'e2e-qa-info', REVISIT_TEMPLATE_EVALUATE: 'e2e-revisit-evaluate' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The whole run, setup included, must end well inside CI's patience (about 60 cases). */
const RUN_BUDGET_MS = Number(process.env.E2E_BUDGET_MS ?? 900_000);
const H5_BUILD_TIMEOUT_MS = Number(process.env.E2E_H5_BUILD_MS ?? 200_000);
const CASE_TIMEOUT_MS = 45_000;
/**
 * E2E_LANES=2 runs the cases in two lanes at once, each with its own emulator (fresh demo data)
 * and its own H5 build, one browser for both; a lane runs its share of the cases (a contiguous
 * run of the list) in order. CI uses two: the cases mostly wait on the browser and the gateway.
 */
const LANES = Math.max(1, Math.min(4, Math.floor(Number(process.env.E2E_LANES ?? 1)) || 1));
const STEP_TIMEOUT_MS = 15_000;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

const t0 = Date.now();
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (msg: string) => console.log(`[e2e ${secs(Date.now() - t0).padStart(7)}] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Resources, cleaned up in reverse order whatever happens.

const cleanups: { what: string; fn: () => unknown }[] = [];
/** Set by a signal: no further cases start; the handler cleans up and prints the summary. */
let stopping: string | undefined;
const onCleanup = (what: string, fn: () => unknown) => cleanups.push({ what, fn });
let cleaning: Promise<void> | undefined;
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const { what, fn } of cleanups.reverse()) {
      try {
        await withTimeout(Promise.resolve(fn()), 10_000, `cleanup: ${what}`);
      } catch (e) {
        console.error(`cleanup of ${what} failed: ${(e as Error).message}`);
      }
    }
  })();
  return cleaning;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: timed out after ${secs(ms)}`)), ms);
    }),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Results

interface Result {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}
const results: Result[] = [];

function finish(extraFailure?: string): never {
  if (extraFailure) console.log(`FAIL  ${extraFailure}`);
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed + (extraFailure ? 1 : 0);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Setup steps

interface Env {
  gatewayUrl: string;
  appUrl: string;
  browser: Browser;
}

let functionsBuilt: Promise<void> | undefined;

async function startBackend(h5BaseUrl: string): Promise<string> {
  const { buildFunctions, FUNCTIONS_DIR } = await import('../scripts/build-functions');
  const { startEmulator } = await import('../emulator/src/index');
  const { indexDeclarations } = await import('../server/db/schema');
  const { seedDemo } = await import('../scripts/seed');

  // Once for every lane: the bundles are files the emulators read.
  functionsBuilt ??= buildFunctions().then((built) => log(`built ${built.length} functions (${built.map((b) => b.name).join(', ')})`));
  await functionsBuilt;

  process.env.LOG_LEVEL = 'silent';
  // CloudBase sets the region in every function container; without it the SDK logs an error on
  // every call (it only becomes the X-TCB-Region header).
  process.env.TENCENTCLOUD_REGION ||= 'ap-shanghai';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'icsd-e2e-data-'));
  onCleanup('emulator data dir', () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    functionsDir: FUNCTIONS_DIR,
    h5BaseUrl,
    logLevel: 'silent',
    triggers: false,
    indexes: indexDeclarations(),
    subscribeTemplates: { oneTime: Object.values(E2E_TEMPLATES) },
    // 消息推送: mediaCheckAsync verdicts go to the admin function (server/platform/message-push.ts).
    messagePush: [...(await import('../server/platform/message-push')).MessagePushRoutes],
  });
  onCleanup('emulator', () => emulator.close());
  log(`emulator on ${emulator.url} (data ${dataDir})`);

  const seeded = await seedDemo(emulator.url);
  log(`seeded demo data: ${seeded.enterprises} enterprises, ${seeded.users} users`);
  return emulator.url;
}

/** Builds the H5 app for this gateway into dist-h5/ and copies it to a private folder. */
async function buildH5(gatewayUrl: string, lane = 0): Promise<string> {
  const started = Date.now();
  const outRel = path.join('tmp', `e2e-h5-${process.pid}-${lane}`);
  onCleanup('h5 build output', () => fs.rmSync(path.join(ROOT, outRel), { recursive: true, force: true }));
  const logFile = path.join(os.tmpdir(), `icsd-e2e-h5-build-${process.pid}-${lane}.log`);
  onCleanup('h5 build log', () => fs.rmSync(logFile, { force: true }));
  const out = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5'], {
    cwd: ROOT,
    // Its own output folder (tmp/ is ignored by git): other runs rebuilding dist-h5/ at the same time cannot clobber it.
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_GATEWAY_URL: gatewayUrl, TARO_APP_DEV_LOGIN: 'true', CI: 'true', TARO_H5_OUTPUT: outRel },
    stdio: ['ignore', out, out],
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
  onCleanup('h5 build process', killTree);
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
  fs.closeSync(out);
  const distH5 = path.join(ROOT, outRel);
  if (code !== 0 || !fs.existsSync(path.join(distH5, 'index.html'))) {
    const tail = buildErrorSummary(fs.readFileSync(logFile, 'utf8'));
    throw new Error(`taro build --type h5 ${code === null ? `timed out after ${secs(H5_BUILD_TIMEOUT_MS)}` : `failed (exit ${code})`}:\n${tail}`);
  }
  // Prove the bundle is for this gateway, then freeze a private copy (others may rebuild dist-h5/).
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'icsd-e2e-h5-'));
  onCleanup('h5 copy', () => fs.rmSync(copy, { recursive: true, force: true }));
  fs.cpSync(distH5, copy, { recursive: true });
  const js = listFiles(copy).filter((f) => f.endsWith('.js'));
  if (!js.some((f) => fs.readFileSync(f, 'utf8').includes(gatewayUrl))) {
    throw new Error(`the H5 build does not contain the gateway URL ${gatewayUrl}: was TARO_APP_GATEWAY_URL ignored?`);
  }
  log(`built H5 for ${gatewayUrl} in ${secs(Date.now() - started)}`);
  return copy;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? listFiles(path.join(dir, d.name)) : [path.join(dir, d.name)]));
}

/** Screenshots of a Chinese UI are boxes without a CJK font (Debian: fonts-noto-cjk). Not a failure. */
function warnWithoutCjkFont(): void {
  try {
    const out = require('node:child_process').execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8', timeout: 5000 }) as string;
    if (out.trim()) return;
  } catch {
    /* no fontconfig tools: say so below */
  }
  log('warning: no Chinese font found (fc-list :lang=zh): screenshots will show boxes for Chinese text; apt-get install -y fonts-noto-cjk');
}

async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  // launch() gives the browser a fresh temporary profile (its --user-data-dir) and removes it on close.
  // Signals are ours to handle (cleanup in order, then the summary line), not Playwright's.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    timeout: 30_000,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  onCleanup('browser', () => browser.close());
  log(`launched ${CHROMIUM} ${browser.version()}`);
  return browser;
}

// ---------------------------------------------------------------------------------------------
// Talking to the emulator directly (the same dev gateway the H5 app uses)

async function callFn<T>(gatewayUrl: string, fn: string, action: string, data: unknown, openid: string, idempotencyKey?: string): Promise<ApiResponse<T>> {
  const res = await fetch(`${gatewayUrl}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid },
    body: JSON.stringify(idempotencyKey ? { action, data, idempotencyKey } : { action, data }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { result?: ApiResponse<T>; error?: { code: string; message: string } };
  if (body.error) throw new Error(`gateway error ${body.error.code}: ${body.error.message}`);
  return body.result as ApiResponse<T>;
}

async function okFn<T>(gatewayUrl: string, fn: string, action: string, data: unknown, openid: string): Promise<T> {
  const r = await callFn<T>(gatewayUrl, fn, action, data, openid);
  if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

interface UserRowLite {
  openid: string;
  role: string;
  name?: string;
  enterpriseName?: string;
}

async function listAllUsers(gatewayUrl: string, role?: string): Promise<UserRowLite[]> {
  const rows: UserRowLite[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await okFn<{ items: UserRowLite[]; nextCursor?: string }>(gatewayUrl, 'admin', 'listUsers', { ...(role ? { role } : {}), ...(cursor ? { cursor } : {}) }, 'demo-admin');
    rows.push(...page.items);
    if (!page.nextCursor) return rows;
    cursor = page.nextCursor;
  }
  throw new Error('admin.listUsers: more than 50 pages');
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

const hasCJK = (s: string) => /[\u3400-\u9fff]/.test(s);
/** Text with the given data values removed, to check the language of what is left. */
const withoutData = (text: string, data: string[]) => data.reduce((t, d) => t.split(d).join(' '), text);
const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}

interface CaseCtx {
  env: Env;
  /** A fresh browser context (fresh storage) with a phone viewport unless told otherwise. */
  newPage(opts?: { viewport?: { width: number; height: number }; locale?: string }): Promise<Page>;
  shot(page: Page, name: string): Promise<string>;
}

/** Waits until no CSS transition or animation runs (Taro's H5 router slides pages in). */
async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction("document.getAnimations().every((a) => a.playState !== 'running') && document.fonts.status === 'loaded'", undefined, { timeout: 5000, polling: 100 })
    .catch(() => undefined);
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

async function shot(page: Page, name: string): Promise<string> {
  await settle(page);
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, timeout: 10_000 });
  return file;
}

function appPath(env: Env, route: string): string {
  return `${env.appUrl}/#/${route.replace(/^\//, '')}`;
}

async function waitHome(page: Page, role?: string): Promise<void> {
  const sel = role ? `[data-testid="home"][data-role="${role}"]` : '[data-testid="home"]';
  await page.waitForSelector(sel, { timeout: STEP_TIMEOUT_MS }).catch(async (e) => {
    const actual = await page.$eval('[data-testid="home"]', (el) => el.getAttribute('data-role')).catch(() => null);
    throw new Error(`home${role ? ` as ${role}` : ''} did not appear${actual !== null ? ` (home shows data-role="${actual}")` : ''} on ${page.url()}: ${(e as Error).message.split('\n')[0]}`);
  });
}

async function testIdText(page: Page, testId: string): Promise<string> {
  return norm(await page.locator(`[data-testid="${testId}"]`).first().innerText({ timeout: STEP_TIMEOUT_MS }));
}

/** Dev login through the UI: the login list, then the person's entry. */
async function devLogin(env: Env, page: Page, user: DemoUser): Promise<void> {
  await page.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  const item = page.locator(`[data-testid="login-${user.openid}"]`);
  await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await item.click({ timeout: STEP_TIMEOUT_MS });
  await waitHome(page, user.role);
}

/** Font size of the who-am-I card: follows large-text mode. */
async function whoamiFontPx(page: Page): Promise<number> {
  return page.evaluate<number>("parseFloat(getComputedStyle(document.querySelector('[data-testid=\"whoami\"]') || document.body).fontSize)");
}

/** Resolves when the app's next call of a gateway action has been answered. */
function waitForAction(env: Env, page: Page, action: string): Promise<unknown> {
  return page.waitForResponse(
    (r) => r.url().startsWith(`${env.gatewayUrl}/functions/`) && r.request().method() === 'POST' && JSON.parse(r.request().postData() ?? '{}').action === action,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** Text of the H5 tab bar (Taro renders it outside the page). */
async function tabBarText(page: Page): Promise<string> {
  const bar = page.locator('.taro-tabbar__tabbar, .weui-tabbar').first();
  await bar.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return norm(await bar.innerText());
}

async function openMe(env: Env, page: Page): Promise<void> {
  await page.goto(appPath(env, 'pages/me/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-testid="lang-en"]').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

async function openHome(env: Env, page: Page, role: string): Promise<void> {
  await page.goto(appPath(env, 'pages/index/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await waitHome(page, role);
}

/**
 * A phone-sized photo (4032×3024 JPEG, several MB), drawn by the browser itself: gradients, shapes
 * and fine noise, so it compresses like a photo and not like a flat image.
 */
async function phonePhoto(page: Page): Promise<Buffer> {
  // A string, as the other in-page scripts here: this project's node types have no DOM.
  const b64 = await page.evaluate<string>(`(async () => {
    const c = document.createElement('canvas');
    c.width = 4032;
    c.height = 3024;
    const g = c.getContext('2d');
    const grad = g.createLinearGradient(0, 0, 4032, 3024);
    grad.addColorStop(0, '#4a6b8a');
    grad.addColorStop(1, '#d9b38c');
    g.fillStyle = grad;
    g.fillRect(0, 0, 4032, 3024);
    const img = g.getImageData(0, 0, 4032, 3024);
    let seed = 7;
    for (let i = 0; i < img.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = (seed % 61) - 30;
      img.data[i] += n;
      img.data[i + 1] += n;
      img.data[i + 2] += n;
    }
    g.putImageData(img, 0, 0);
    g.fillStyle = '#fff';
    g.font = 'bold 220px sans-serif';
    g.fillText('工牌 No. 20261205', 400, 1600);
    const blob = await new Promise((resolve) => c.toBlob(resolve, 'image/jpeg', 0.92));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  })()`);
  return Buffer.from(b64, 'base64');
}

/** Width and height from a JPEG's SOF marker; undefined when it is not a JPEG. */
function jpegSize(b: Buffer): { width: number; height: number } | undefined {
  if (b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  for (let i = 2; i + 9 < b.length; ) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1];
    const len = b.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return undefined;
}

/** A small valid PNG (a colour gradient) for upload tests, made here so no fixture file is needed. */
function tinyPng(w = 48, h = 32): Buffer {
  const { deflateSync } = require('node:zlib') as typeof import('node:zlib');
  const crc32 = (b: Buffer) => {
    let c = ~0;
    for (const byte of b) {
      c ^= byte;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    }
    return ~c;
  };
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(td.length + 8);
    out.writeUInt32BE(data.length, 0);
    td.copy(out, 4);
    out.writeUInt32BE(crc32(td) >>> 0, td.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set([26, (x * 5) & 255, (y * 7) & 255], y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Polls `fn` until it returns true-ish (bounded). */
async function eventually(fn: () => Promise<unknown>, what: string, ms = STEP_TIMEOUT_MS): Promise<void> {
  const end = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      if (await fn()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`${what} (waited ${secs(ms)})${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Moves the emulator's clock (the functions' "now"); `null` returns it to real time. */
async function setEmulatorClock(gatewayUrl: string, now: string | null): Promise<void> {
  const res = await fetch(`${gatewayUrl}/__emulator/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(now === null ? { reset: true } : { now }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`emulator clock ${now ?? 'reset'}: HTTP ${res.status}`);
}

/** 'YYYY-MM' in Beijing time, `delta` months from now. */
function beijingMonth(delta = 0): string {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const n = d.getUTCFullYear() * 12 + d.getUTCMonth() + delta;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Goes forward on a clinic screen's month bar until it shows `month`. */
async function showMonth(page: Page, month: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const shown = await page.locator('[data-testid="clinic-month"]').first().getAttribute('data-month', { timeout: STEP_TIMEOUT_MS });
    if (shown === month) return;
    await page.locator('[data-testid="clinic-month-next"]').first().click();
  }
  throw new Error(`the month bar did not reach ${month}`);
}

// ---------------------------------------------------------------------------------------------
// Issue 15: two checks over the whole run.
//  * Tap targets and text size: every page a case shows at phone width (≤ 400 px) is measured in
//    the page itself (an init script, every 600 ms while nothing animates): a button under 44 px
//    high or text under 12 px is reported with its page, a selector and the size. Any offender
//    fails the run.
//  * Write coverage: every `POST /functions/<fn>` the browser sends through the dev gateway is
//    recorded with the case that sent it, compared with the write actions (✎) of docs/api.md, and
//    printed as a table (also written to e2e/coverage.md). Calls the runner makes itself (setup
//    through the API) are not the browser's and do not count.

interface TargetOffender {
  route: string;
  selector: string;
  what: string;
  text: string;
  cases: Set<string>;
}
const targetOffenders = new Map<string, TargetOffender>();
/** fn.action → the cases whose screens sent it. */
const browserWrites = new Map<string, Set<string>>();

const MEASURE_TARGETS = `(() => {
  if (window.__i15Targets) return;
  window.__i15Targets = true;
  const seen = new Set();
  const label = (el) => {
    const own = el.getAttribute('data-testid');
    if (own) return '[data-testid="' + own + '"]';
    const cls = (el.getAttribute('class') || '').split(/\\s+/).filter((c) => c && !/hover|active/.test(c)).slice(0, 2);
    const tag = el.tagName.toLowerCase() + (cls.length ? '.' + cls.join('.') : '');
    const host = el.parentElement && el.parentElement.closest('[data-testid]');
    return (host ? '[data-testid="' + host.getAttribute('data-testid') + '"] ' : '') + tag;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    const cs = getComputedStyle(el);
    return cs.visibility === 'hidden' || cs.opacity === '0' ? null : r;
  };
  const measure = () => {
    if (window.innerWidth > 400 || typeof window.__i15Report !== 'function') return;
    if (document.getAnimations().some((a) => a.playState === 'running')) return;
    const route = location.hash.replace(/^#\\/?/, '').split('?')[0] || 'pages/index/index';
    const found = [];
    for (const el of document.querySelectorAll('.btn, button, [role="button"], .chip, .taro-button-core')) {
      const r = visible(el);
      if (r && r.height < 43.5) found.push({ selector: label(el), what: 'button ' + r.height.toFixed(1) + ' px high', text: (el.innerText || '').trim().slice(0, 20) });
    }
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = (n.textContent || '').trim();
      const el = n.parentElement;
      if (!text || !el || !visible(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 11.99) found.push({ selector: label(el), what: 'text ' + px + ' px', text: text.slice(0, 20) });
    }
    const fresh = found.filter((f) => {
      const k = route + '|' + f.selector + '|' + f.what;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (fresh.length) window.__i15Report(route, fresh);
  };
  setInterval(measure, 600);
})()`;

/** Sets up both checks on a case's browser context (before its first page opens). */
async function instrumentContext(env: Env, context: BrowserContext, caseName: string): Promise<void> {
  await context.exposeBinding('__i15Report', (_src, route: string, found: { selector: string; what: string; text: string }[]) => {
    for (const f of found) {
      const key = `${route}|${f.selector}|${f.what}`;
      const o = targetOffenders.get(key) ?? { route, ...f, cases: new Set<string>() };
      o.cases.add(caseName);
      targetOffenders.set(key, o);
    }
  });
  await context.addInitScript(MEASURE_TARGETS);
  const prefix = `${env.gatewayUrl}/functions/`;
  context.on('request', (req) => {
    if (req.method() !== 'POST' || !req.url().startsWith(prefix)) return;
    const fn = req.url().slice(prefix.length).split(/[/?#]/)[0];
    let action = '';
    try {
      action = String((JSON.parse(req.postData() ?? '{}') as { action?: unknown }).action ?? '');
    } catch {
      return;
    }
    if (!fn || !action) return;
    const key = `${fn}.${action}`;
    browserWrites.set(key, (browserWrites.get(key) ?? new Set()).add(caseName));
  });
}

/** The write actions (✎) of docs/api.md, as `fn.action`, in the document's order. */
function documentedWrites(): string[] {
  const out: string[] = [];
  let fn: string | undefined;
  for (const line of fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8').split('\n')) {
    const h = /^## (?:`(\w+)`)?/.exec(line);
    if (h) fn = h[1];
    const row = /^\| `(\w+)` ✎/.exec(line);
    if (fn && row) out.push(`${fn}.${row[1]}`);
  }
  return out;
}

/** Short names for the cases in the coverage table (a case's name is a sentence). */
function caseShortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}

/** Prints (and writes to e2e/coverage.md) which documented writes a screen reached. */
function reportWriteCoverage(ran: string[], filter: string | undefined): void {
  const writes = documentedWrites();
  const rows = writes.map((w) => ({ action: w, cases: [...(browserWrites.get(w) ?? [])] }));
  const reached = rows.filter((r) => r.cases.length).length;
  const lines = [
    '# Write coverage of the browser tests',
    '',
    `Generated by \`npm run test:e2e\` (${new Date().toISOString().slice(0, 10)}): each write action (✎) of docs/api.md, whether a screen`,
    'sent it through the dev gateway during the run, and the case(s) that drove it. Calls the runner makes itself',
    '(setting up data through the API) do not count.',
    '',
    filter ? `**Partial run** (E2E_ONLY=\`${filter}\`): ${ran.length} of ${cases.length} cases ran.` : `Full run: ${ran.length} of ${cases.length} cases ran.`,
    '',
    `${reached} of ${rows.length} write actions reached by a screen.`,
    '',
    '| action | reached by a screen | case |',
    '|---|---|---|',
    ...rows.map((r) => `| \`${r.action}\` | ${r.cases.length ? 'yes' : 'not reached'} | ${r.cases.map(caseShortName).join('<br>') || ''} |`),
  ];
  const undocumented = [...browserWrites.keys()].filter((k) => !writes.includes(k)).sort();
  if (undocumented.length) lines.push('', `Reads and other calls the screens made (not write actions of docs/api.md): ${undocumented.map((k) => `\`${k}\``).join(', ')}.`);
  // A partial run (E2E_ONLY) never replaces the full run's table: it goes with the screenshots.
  const file = filter ? path.join(SHOTS, 'coverage-partial.md') : path.join(__dirname, 'coverage.md');
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`\nWrite coverage (${reached}/${rows.length} write actions reached by a screen; ${path.relative(ROOT, file)})`);
  const w = Math.max(...rows.map((r) => r.action.length));
  for (const r of rows) console.log(`  ${r.action.padEnd(w)}  ${r.cases.length ? `yes  ${r.cases.map(caseShortName).join(' | ')}` : 'not reached'}`);
}

/** Prints every tap target under 44 px and text under 12 px; a failure line when there is any. */
function reportTargets(): string | undefined {
  if (targetOffenders.size === 0) {
    console.log('\nTap targets and text size at 390 px: no button under 44 px, no text under 12 px on any page visited');
    return undefined;
  }
  const all = [...targetOffenders.values()].sort((a, b) => (a.route + a.selector < b.route + b.selector ? -1 : 1));
  console.log(`\nTap targets and text size at 390 px: ${all.length} offender(s)`);
  for (const o of all) console.log(`  ${o.route}  ${o.selector}  ${o.what}  "${o.text}"  (${[...o.cases].map((c) => caseShortName(c)).join(' | ')})`);
  return `tap targets and text size at 390 px: ${all.length} offender(s) (listed above)`;
}

// ---------------------------------------------------------------------------------------------
// Issue 15 helpers: zh/en at phone and desk width, a screenshot folder of their own (a run clears
// only the top-level PNGs), and the touch-target check (buttons ≥ 44 px, text ≥ 12 px at 390 px).

const ISSUE15_SHOTS = path.join(SHOTS, 'issue15');

function issue15Combos(): Array<{ label: string; locale: 'zh-CN' | 'en'; viewport: { width: number; height: number } }> {
  return [
    { label: 'zh-390', locale: 'zh-CN', viewport: PHONE },
    { label: 'en-390', locale: 'en', viewport: PHONE },
    { label: 'en-1280', locale: 'en', viewport: DESKTOP },
    { label: 'zh-1280', locale: 'zh-CN', viewport: DESKTOP },
  ];
}

async function issue15Shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ISSUE15_SHOTS, { recursive: true });
  return shot(page, `issue15/${name}`);
}

/** Taps `trigger` until Taro's modal shows (a tap during a re-render can be lost); its visible button row. */
async function openModal(page: Page, trigger: ReturnType<Page['locator']>) {
  const foot = page.locator('.taro-modal__foot:visible');
  for (let attempt = 0; ; attempt++) {
    await trigger.click();
    try {
      await foot.waitFor({ timeout: 4000 });
      return foot;
    } catch (e) {
      if (attempt >= 2) throw e;
    }
  }
}

/** A writer through the gateway that fails loudly, one idempotency key per call. */
function issue15Writer(env: Env) {
  let n = 0;
  return <T>(fn: string, action: string, data: unknown, openid: string) =>
    callFn<T>(env.gatewayUrl, fn, action, data, openid, `e2e-i15-${Date.now()}-${++n}`).then((r) => {
      if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
      return r.data;
    });
}

/** Buttons under 44 px high and visible text under 12 px inside `root`, from computed styles. */
async function assertTargets(page: Page, root: string, where: string): Promise<void> {
  await settle(page);
  const problems = await page.evaluate<string[]>(`(() => {
    const out = [];
    const scope = document.querySelector(${JSON.stringify(root)}) || document.body;
    for (const el of scope.querySelectorAll('.btn, button, [role="button"]')) {
      const r = el.getBoundingClientRect();
      if (r.width && r.height && r.height < 43.5) out.push('button "' + (el.innerText || '').trim().slice(0, 24) + '" ' + r.height.toFixed(1) + 'px high');
    }
    const walk = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = (n.textContent || '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 11.99) out.push('text "' + text.slice(0, 24) + '" ' + px + 'px');
    }
    return [...new Set(out)];
  })()`);
  assert(problems.length === 0, `${where}: ${problems.join('; ')}`);
}

/**
 * First load of the production H5 build (issue 15 #15): a fresh context opens the app on a phone;
 * the browser's first contentful paint (the static skeleton of src/index.html) and the moment the
 * app first renders into #app, printed with the run.
 */
async function measureFirstLoad(env: Env): Promise<void> {
  const context = await env.browser.newContext({ viewport: PHONE, locale: 'zh-CN', deviceScaleFactor: 1 });
  try {
    await context.addInitScript(`new MutationObserver((_, o) => {
      const app = document.getElementById('app');
      if (app && app.childElementCount) { window.__appAt = performance.now(); o.disconnect(); }
    }).observe(document, { childList: true, subtree: true })`);
    const page = await context.newPage();
    await page.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
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

// ---------------------------------------------------------------------------------------------
// The cases

interface Case {
  name: string;
  /**
   * A bug in the app this case shows, reported and not yet fixed: the case runs only with
   * E2E_KNOWN_BUGS=1 (then it counts); otherwise one SKIP line says what is wrong.
   */
  knownBug?: string;
  /** About how long it takes next to a typical case (1): the lanes split the list by it. */
  weight?: number;
  run(ctx: CaseCtx): Promise<void>;
}

const NAV_LINKS = ['enterprises', 'codes', 'volunteers', 'users', 'audit'] as const;
/**
 * The staff pages a role may open, as the admin function allows their list actions
 * (server/functions/admin.function.ts): volunteer review and the audit log are staff/admin only.
 */
const STAFF_LINKS: Partial<Record<string, readonly (typeof NAV_LINKS)[number][]>> = {
  staff: NAV_LINKS,
  admin: NAV_LINKS,
  instructor: ['enterprises', 'codes', 'users'],
};
const YONGSEN = '嘉兴甬森汽车零部件有限公司';
/** Where the seeded people work (scripts/seed.ts), as the who-am-I card shows it. */
const WHERE: Record<string, string> = {
  'demo-worker-li': `${YONGSEN} · 冲压车间`,
  'demo-worker-zhao': '兴平精密模具有限公司 · 机加工车间',
  'demo-manager-wang': YONGSEN,
  'demo-manager-schmidt': 'Brenner Precision Machinery (Pinghu) Co., Ltd.',
};

const cases: Case[] = [
  {
    name: 'QR entry as a brand-new worker (W-YSCY): privacy notice, bound to 嘉兴甬森 · 冲压车间, one record, not asked again',
    async run({ env, newPage, shot }) {
      const workersBefore = await listAllUsers(env.gatewayUrl, 'worker');
      const page = await newPage();
      const link = appPath(env, 'pages/entry/index?scene=W-YSCY');
      await page.goto(link, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      const accept = page.locator('[data-testid="privacy-accept"]');
      await accept.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      assert((await page.locator('[data-testid="home"]').count()) === 0, 'home shown before the privacy notice was accepted');
      await shot(page, 'entry-privacy-notice');
      await accept.click({ timeout: STEP_TIMEOUT_MS });
      await waitHome(page, 'worker');
      await eventually(async () => {
        const t = norm(await page.locator('[data-testid="home"]').innerText());
        return t.includes('嘉兴甬森') && t.includes('冲压车间');
      }, 'home of the new worker should show 嘉兴甬森 and 冲压车间');
      await shot(page, 'entry-worker-home');

      // Exactly one new worker record, the one this browser now is.
      const workersAfter = await listAllUsers(env.gatewayUrl, 'worker');
      const before = new Set(workersBefore.map((w) => w.openid));
      const added = workersAfter.filter((w) => !before.has(w.openid));
      assert(added.length === 1, `expected exactly 1 new worker record, found ${added.length}: ${JSON.stringify(added)}`);
      const openid = added[0].openid;
      const storage = await page.evaluate<string>('JSON.stringify(Object.fromEntries(Object.entries(localStorage)))');
      assert(storage.includes(openid), `the browser's storage does not hold the new worker's openid ${openid}`);
      const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, openid);
      assert(me.role === 'worker', `user.me of ${openid}: role ${me.role}, expected worker`);
      assert(me.enterprise?.id === 'ent-yongsen', `user.me of ${openid}: enterprise ${JSON.stringify(me.enterprise)}, expected ent-yongsen`);
      assert(me.workshop === '冲压车间', `user.me of ${openid}: workshop ${me.workshop}, expected 冲压车间`);
      assert(!!me.privacyAcceptedAt, `user.me of ${openid}: privacyAcceptedAt not recorded`);

      // The same link again: straight home, no privacy notice, still one record.
      await page.goto('about:blank');
      await page.goto(link, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await waitHome(page, 'worker');
      assert((await page.locator('[data-testid="privacy-accept"]').count()) === 0, 'the privacy notice was shown again on the second visit');
      const workersAgain = await listAllUsers(env.gatewayUrl, 'worker');
      assert(workersAgain.length === workersAfter.length, `reopening the link changed the number of workers: ${workersAfter.length} -> ${workersAgain.length}`);
      const meAgain = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, openid);
      assert(meAgain.role === 'worker' && meAgain.workshop === '冲压车间', 'the worker changed after reopening the link');
      await shot(page, 'entry-worker-home-again');
    },
  },
  {
    name: 'language: the me page switches to English (home and tab bar) and back to Chinese',
    async run({ env, newPage, shot }) {
      const page = await newPage();
      const li = DemoUsers.find((u) => u.openid === 'demo-worker-li')!;
      await devLogin(env, page, li);
      const zhTabs = await tabBarText(page);
      assert(hasCJK(zhTabs), `tab bar should start in Chinese: "${zhTabs}"`);

      await openMe(env, page);
      let saved = waitForAction(env, page, 'updateSettings');
      await page.locator('[data-testid="lang-en"]').click({ timeout: STEP_TIMEOUT_MS });
      await saved;
      await eventually(async () => !hasCJK(await tabBarText(page)), 'tab bar should turn English on the me page');
      await shot(page, 'me-english');
      await openHome(env, page, 'worker');
      await eventually(async () => {
        const home = norm(await page.locator('[data-testid="home"]').innerText());
        // Data stays as entered (the person's name and its first character on the avatar, the
        // workshop, the community's name); everything around it must be English.
        const ui = withoutData(home, ['李小红', '李', '冲压车间', '兴平工业社区']);
        return home.includes('Jiaxing Yongsen Auto Parts') && /[A-Za-z]{3,}/.test(ui) && !hasCJK(ui);
      }, 'home should be in English apart from names');
      const enTabs = await tabBarText(page);
      assert(!hasCJK(enTabs) && /[A-Za-z]/.test(enTabs), `tab bar should be English: "${enTabs}"`);
      await shot(page, 'home-worker-english');
      const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, li.openid);
      assert(me.locale === 'en', `the language choice was not saved on the server: locale ${me.locale}`);

      await openMe(env, page);
      saved = waitForAction(env, page, 'updateSettings');
      await page.locator('[data-testid="lang-zh"]').click({ timeout: STEP_TIMEOUT_MS });
      await saved;
      await eventually(async () => hasCJK(await tabBarText(page)), 'tab bar should return to Chinese');
      await openHome(env, page, 'worker');
      const back = await tabBarText(page);
      assert(back === zhTabs, `tab bar after switching back: "${back}", expected "${zhTabs}"`);
      const meBack = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, li.openid);
      assert(meBack.locale === 'zh-CN', `switching back was not saved: locale ${meBack.locale}`);
      await shot(page, 'home-worker-chinese-again');
    },
  },
  {
    name: 'large text: the me page switch enlarges every page and is saved; switching it off restores the size',
    async run({ env, newPage, shot }) {
      const page = await newPage();
      const zhao = DemoUsers.find((u) => u.openid === 'demo-worker-zhao')!;
      await devLogin(env, page, zhao);
      const normal = await whoamiFontPx(page);
      await openMe(env, page);
      const toggle = page.locator('[data-testid="large-text"]');
      assert((await toggle.getAttribute('data-checked')) === 'false', 'large text should start off');
      // Each switch is saved before we leave the page (see the slow-network case below for why).
      let saved = waitForAction(env, page, 'updateSettings');
      await toggle.click({ timeout: STEP_TIMEOUT_MS });
      await saved;
      await eventually(async () => (await toggle.getAttribute('data-checked')) === 'true', 'the switch should turn on');
      await eventually(async () => (await page.locator('.page--large').count()) > 0, 'the me page should switch to large text');
      await shot(page, 'me-large-text');
      await openHome(env, page, zhao.role);
      await eventually(async () => (await whoamiFontPx(page)) > normal * 1.1, `home text should grow from ${normal}px`);
      await shot(page, 'home-large-text');
      const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, zhao.openid);
      assert(me.largeText === true, 'large text was not saved on the server');

      await openMe(env, page);
      saved = waitForAction(env, page, 'updateSettings');
      await page.locator('[data-testid="large-text"]').click({ timeout: STEP_TIMEOUT_MS });
      await saved;
      await eventually(async () => (await page.locator('[data-testid="large-text"]').getAttribute('data-checked')) === 'false', 'the switch should turn off');
      await openHome(env, page, zhao.role);
      await eventually(async () => Math.abs((await whoamiFontPx(page)) - normal) < 0.5, `home text should return to ${normal}px`);
      const meAfter = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, zhao.openid);
      assert(meAfter.largeText === false, 'switching large text off was not saved');
    },
  },
  {
    name: 'slow network: large text switched on, then straight to home while the save is still on its way, stays on',
    async run({ env, newPage }) {
      const page = await newPage();
      const wang = DemoUsers.find((u) => u.openid === 'demo-manager-wang')!;
      await devLogin(env, page, wang);
      const normal = await whoamiFontPx(page);
      await openMe(env, page);
      // The write takes 1.5 s to reach the server (a weak 4G signal in a workshop).
      await page.route(`${env.gatewayUrl}/functions/user`, async (route) => {
        if (JSON.parse(route.request().postData() ?? '{}').action === 'updateSettings') await new Promise((r) => setTimeout(r, 1500));
        await route.continue();
      });
      const saved = waitForAction(env, page, 'updateSettings');
      await page.locator('[data-testid="large-text"]').click({ timeout: STEP_TIMEOUT_MS });
      await page.locator('[data-testid="large-text"][data-checked="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      await openHome(env, page, wang.role);
      await saved;
      await new Promise((r) => setTimeout(r, 500));
      const px = await whoamiFontPx(page);
      const server = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, wang.openid);
      // Put the demo user back whatever happened.
      await okFn(env.gatewayUrl, 'user', 'updateSettings', { largeText: false }, wang.openid);
      assert(server.largeText === true, 'the server did not save large text');
      assert(px > normal * 1.1, `the server has largeText=true, but home shows normal text (${px}px, normal ${normal}px): the switch flipped back`);
    },
  },
  ...DemoUsers.map(
    (user): Case => ({
      name: `dev login as ${user.openid} (${user.role}, ${user.name})`,
      weight: 0.25,
      async run({ env, newPage, shot }) {
        const page = await newPage();
        await devLogin(env, page, user);
        await eventually(async () => (await testIdText(page, 'whoami')).includes(user.name), `who-am-I card should show ${user.name}`);
        const where = WHERE[user.openid];
        if (where) {
          const card = await testIdText(page, 'whoami');
          assert(card.includes(where), `who-am-I card of ${user.name} should show "${where}": "${card}"`);
        }
        if (user.role === 'volunteer') {
          const status = user.openid === 'demo-applicant-xu' ? zh['volunteerStatus.pending'] : zh['volunteerStatus.approved'];
          await eventually(async () => (await testIdText(page, 'volunteer-status')).includes(status), `${user.name}'s volunteer card should say ${status}`);
        }
        const links = await Promise.all(NAV_LINKS.map(async (l) => [l, await page.locator(`[data-testid="nav-${l}"]`).count()] as const));
        const shown = links.filter(([, n]) => n > 0).map(([l]) => l);
        const expected = STAFF_LINKS[user.role];
        if (expected) {
          assert(shown.join(',') === expected.join(','), `${user.role} should see the staff links [${expected.join(', ')}], saw: [${shown.join(', ')}]`);
        } else {
          assert(shown.length === 0, `${user.role} must not see staff links, saw: [${shown.join(', ')}]`);
        }
        await shot(page, `home-${user.openid}`);
        if (StaffRoles.includes(user.role)) {
          await page.locator('[data-testid="nav-enterprises"]').first().click({ timeout: STEP_TIMEOUT_MS });
          await page.getByText(YONGSEN).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
          assert(page.url().includes('staff/pages/enterprises'), `nav-enterprises led to ${page.url()}`);
          await shot(page, `enterprises-${user.openid}`);
        }
      },
    }),
  ),
  {
    name: 'Anna Schmidt (saved locale en) sees English',
    async run({ env, newPage, shot }) {
      const page = await newPage();
      const anna = DemoUsers.find((u) => u.openid === 'demo-manager-schmidt')!;
      await devLogin(env, page, anna);
      await eventually(async () => {
        const home = norm(await page.locator('[data-testid="home"]').innerText());
        const ui = withoutData(home, ['兴平工业社区']);
        return home.includes('Anna Schmidt') && /[A-Za-z]{3,}/.test(ui) && !hasCJK(ui);
      }, 'home should be English for Anna Schmidt');
      const tabs = await tabBarText(page);
      assert(!hasCJK(tabs), `tab bar should be English for Anna Schmidt: "${tabs}"`);
      await shot(page, 'home-schmidt-english');
    },
  },
  {
    name: 'staff page at desktop (1280x800) and phone (390x844) width',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      for (const [label, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await newPage({ viewport });
        await devLogin(env, page, zhang);
        await shot(page, `home-staff-${label}`);
        await page.locator('[data-testid="nav-enterprises"]').first().click({ timeout: STEP_TIMEOUT_MS });
        await page.getByText(YONGSEN).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
        // Nothing may stick out sideways at either width (measured once the page has slid in).
        await settle(page);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        assert(overflow <= 1, `${label}: the enterprises page is ${overflow}px wider than the ${viewport.width}px window`);
        await shot(page, `enterprises-staff-${label}`);
      }
    },
  },
  {
    name: 'daily Q&A (每日一问诊): a worker sees a similar FAQ entry first, asks with a photo; the volunteer lawyer claims and answers; the worker marks it solved',
    async run({ env, newPage, shot }) {
      const li = DemoUsers.find((u) => u.openid === 'demo-worker-li')!;
      const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
      // The knowledge base the deflection searches: one entry published by community staff.
      const faq = await okFn<FaqEntry>(
        env.gatewayUrl,
        'qa',
        'publishFaq',
        {
          category: 'legal',
          question: { zh: '公司不和我签劳动合同，可以要求双倍工资吗？', en: 'My employer does not sign a labour contract with me: can I claim double pay?' },
          answer: { zh: '用工满一个月不满一年未签书面劳动合同的，可要求每月支付二倍工资。', en: 'From the second month to one year without a written contract, you may claim double monthly pay.' },
        },
        'demo-staff-zhang',
      );

      // The worker starts to ask: the similar FAQ entry shows up before the submit button.
      const worker = await newPage();
      await devLogin(env, worker, li);
      await worker.locator('[data-testid="nav-qa-ask"]').click();
      await worker.locator('[data-testid="qa-ask"]').waitFor();
      await worker.locator('[data-testid="qa-title"] input').fill('公司一直不跟我签劳动合同怎么办');
      await worker.locator(`[data-testid="qa-similar"] [data-testid="qa-similar-item"][data-id="${faq.id}"]`).waitFor();
      const [similarBox, submitBox] = await Promise.all([worker.locator('[data-testid="qa-similar"]').boundingBox(), worker.locator('[data-testid="qa-submit"]').boundingBox()]);
      assert(similarBox && submitBox && similarBox.y < submitBox.y, 'the similar FAQ list should come before the submit button');
      await shot(worker, 'qa-1-ask-similar-faq');

      // Not answered there: details, category, a photo, submit.
      await worker.locator('[data-testid="qa-description"] textarea').fill('我在冲压车间干了三个月，公司一直没和我签劳动合同，我该怎么维权？');
      await worker.locator('[data-testid="qa-category-legal"]').click();
      // A real phone photo: 4032×3024, several MB of JPEG. The phone compresses it (1600 px, JPEG)
      // and uploads it straight to storage; the function only ever sees its fileID.
      const photo = await phonePhoto(worker);
      assert(photo.length > 4 * 1024 * 1024, `the test photo should weigh like a phone's (${photo.length} bytes)`);
      const callBodies: number[] = [];
      worker.on('request', (r) => {
        if (r.url().includes('/functions/')) callBodies.push(Buffer.byteLength(r.postData() ?? ''));
      });
      const [chooser] = await Promise.all([worker.waitForEvent('filechooser'), worker.locator('[data-testid="qa-photo-add"]').click()]);
      await chooser.setFiles({ name: 'IMG_20261205_093000.jpg', mimeType: 'image/jpeg', buffer: photo });
      await worker.locator('[data-testid="qa-photo"][data-status="ready"]').waitFor({ timeout: 30_000 });
      await shot(worker, 'qa-2-ask-filled');
      await worker.locator('[data-testid="qa-submit"]').click();
      await worker.locator('[data-testid="qa-detail"][data-status="open"]').waitFor();
      const id = await worker.locator('[data-testid="qa-detail"]').getAttribute('data-id');
      assert(id, 'the question page should carry the question id');
      assert((await worker.locator('[data-testid="qa-attachment"]').count()) === 1, 'the question should show its photo');
      await shot(worker, 'qa-3-asked');

      // The volunteer lawyer finds it in the queue, claims and answers.
      const lawyer = await newPage();
      await devLogin(env, lawyer, chen);
      await lawyer.locator('[data-testid="nav-qa-queue"]').click();
      const row = lawyer.locator(`[data-testid="qa-row"][data-id="${id}"]`);
      await row.waitFor();
      await shot(lawyer, 'qa-4-lawyer-queue');
      await row.click();
      await lawyer.locator('[data-testid="qa-claim"]').click();
      await lawyer.locator('[data-testid="qa-detail"][data-status="claimed"]').waitFor();
      const answer = '根据《劳动合同法》第八十二条，可要求公司支付二倍工资，并尽快补签书面合同。';
      await lawyer.locator('[data-testid="qa-answer-text"] textarea').fill(answer);
      await lawyer.locator('[data-testid="qa-answer-submit"]').click();
      await lawyer.locator('[data-testid="qa-detail"][data-status="answered"] [data-testid="qa-message"][data-kind="answer"]').waitFor();
      await shot(lawyer, 'qa-5-lawyer-answered');

      // The worker sees the answer and marks the question solved.
      await worker.reload();
      const answered = worker.locator('[data-testid="qa-detail"][data-status="answered"] [data-testid="qa-message"][data-kind="answer"]');
      await answered.waitFor();
      assert(norm(await answered.innerText()).includes(answer), 'the worker should see the lawyer’s answer');
      await shot(worker, 'qa-6-worker-sees-answer');
      await worker.locator('[data-testid="qa-solve"]').click();
      await worker.locator('[data-testid="qa-detail"][data-status="solved"]').waitFor();
      await shot(worker, 'qa-7-solved');
      const q = await okFn<QuestionDetail>(env.gatewayUrl, 'qa', 'get', { id }, li.openid);
      assert(q.status === 'solved', `qa.get: status ${q.status}, expected solved`);
      assert(q.attachments.length === 1 && q.messages.some((m) => m.kind === 'answer' && m.text === answer), 'the question should keep its photo and the answer');
      // What was stored is the compressed photo in the worker's own folder, and no call carried it.
      assert(new RegExp(`/uploads/${li.openid}/[A-Za-z0-9_-]+\\.jpg$`).test(q.attachments[0].fileID), `stored at ${q.attachments[0].fileID}`);
      const stored = Buffer.from(await (await fetch(q.attachments[0].url!)).arrayBuffer());
      const size = jpegSize(stored);
      assert(stored.length < 2 * 1024 * 1024 && size && Math.max(size.width, size.height) === 1600, `stored ${stored.length} bytes, ${size?.width}×${size?.height}; expected a 1600 px JPEG under 2 MB`);
      assert(Math.max(...callBodies) < 100 * 1024, `a function call carried ${Math.max(...callBodies)} bytes (limit 100 KB)`);
    },
  },
  {
    name: 'Q&A photos in English: a manager adds a phone-sized photo, compressed on the phone and uploaded straight to storage',
    async run({ env, newPage, shot }) {
      const anna = DemoUsers.find((u) => u.openid === 'demo-manager-schmidt')!;
      const en = await newPage();
      const photo = await phonePhoto(en);
      await devLogin(env, en, anna);
      await en.locator('[data-testid="nav-qa-ask"]').click();
      await en.locator('[data-testid="qa-ask"]').waitFor();
      await en.locator('[data-testid="qa-title"] input').fill('Work permit photo for a new engineer');
      const [enChooser] = await Promise.all([en.waitForEvent('filechooser'), en.locator('[data-testid="qa-photo-add"]').click()]);
      // (Taro's H5 picker drops a file it does not take as an image, so an unreadable one never reaches
      // the compressor here; the store test covers that refusal.)
      await enChooser.setFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
      await en.locator('[data-testid="qa-photo"][data-status="ready"]').waitFor({ timeout: 30_000 });
      await shot(en, 'qa-2-ask-photo-en');
    },
  },
  {
    name: '三师 clinic: the volunteer lawyer claims a duty, a manager books a slot with him, checks in by the station QR (S-XPKZ), the lawyer records the outcome',
    async run({ env, newPage, shot }) {
      const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
      const wang = DemoUsers.find((u) => u.openid === 'demo-manager-wang')!;
      // An upcoming session with an open lawyer seat, still bookable (before its cut-off).
      const settings = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, chen.openid);
      const months = [beijingMonth(0), beijingMonth(1)];
      let session: SessionView | undefined;
      for (const month of months) {
        const open = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'openDuties', { month }, chen.openid);
        session = open.find((s) => !s.closed && Date.parse(s.startsAt) - (settings.cutoffHours + 1) * 3_600_000 > Date.now());
        if (session) break;
      }
      assert(session, `no upcoming session with an open lawyer seat in ${months.join(', ')}`);
      const sid = session.id;
      const month = sid.slice(0, 7);

      // The volunteer claims the duty from 我的坐诊.
      const lawyer = await newPage();
      await devLogin(env, lawyer, chen);
      await lawyer.locator('[data-testid="nav-clinic-duties"]').click();
      await lawyer.locator('[data-testid="clinic-duties"]').waitFor();
      await showMonth(lawyer, month);
      await lawyer.locator(`[data-testid="clinic-duty-book"][data-session="${sid}"]`).click();
      await lawyer.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`).waitFor();
      await shot(lawyer, 'clinic-1-lawyer-duty');

      // The manager books a slot in that session with the lawyer.
      const manager = await newPage();
      await devLogin(env, manager, wang);
      await manager.locator('[data-testid="nav-clinic-book"]').click();
      await manager.locator('[data-testid="clinic-book"]').waitFor();
      await manager.locator('[data-testid="clinic-book-profession-lawyer"]').click();
      await showMonth(manager, month);
      const card = manager.locator(`[data-testid="clinic-session-card"][data-session="${sid}"]`);
      await card.click();
      assert(norm(await card.innerText()).includes('陈律师'), 'the session card should name the lawyer on duty');
      const free = manager.locator('[data-testid="clinic-slot"]:not([data-free="0"])').first();
      await free.waitFor();
      const slotIndex = Number(await free.getAttribute('data-index'));
      await free.click();
      const problem = '员工拒签劳动合同，企业该如何处理？';
      await manager.locator('[data-testid="clinic-description"] textarea').fill(problem);
      await shot(manager, 'clinic-2-manager-book');
      await manager.locator('[data-testid="clinic-book-submit"]').click();
      await manager.locator('[data-testid="clinic-book-done"]').waitFor();
      const bookingId = await manager.locator('[data-testid="clinic-book-done"]').getAttribute('data-id');
      assert(bookingId, 'the booking confirmation should carry the booking id');
      await shot(manager, 'clinic-3-manager-booked');

      // The session's morning: the manager scans the station's code and checks in.
      try {
        await setEmulatorClock(env.gatewayUrl, `${sid.slice(0, 10)}T08:40:00+08:00`);
        await manager.goto(appPath(env, 'pages/entry/index?scene=S-XPKZ'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
        await manager.locator('[data-testid="clinic-checkin"]').waitFor();
        await manager.locator('[data-testid="clinic-checkin-submit"]').click();
        await manager.locator(`[data-testid="clinic-checkin-done"]`).waitFor();
        await manager.locator(`[data-testid="clinic-booking"][data-id="${bookingId}"]`).waitFor();
        await shot(manager, 'clinic-4-manager-checked-in');

        // The consultation has begun: its outcome is recorded from the slot's start on (issue 15 #3).
        const slotStart = Date.parse((await okFn<ConsultationView[]>(env.gatewayUrl, 'clinic', 'sessionBookings', { sessionId: sid }, chen.openid)).find((x) => x.id === bookingId)!.startsAt);
        await setEmulatorClock(env.gatewayUrl, new Date(Math.max(slotStart + 5 * 60_000, Date.parse(`${sid.slice(0, 10)}T08:40:00+08:00`))).toISOString());

        // The lawyer opens the session from his duties and records the outcome.
        await lawyer.reload();
        await showMonth(lawyer, month);
        const mine = lawyer.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`);
        await mine.locator('[data-testid="clinic-duty-session"]').click();
        await lawyer.locator(`[data-testid="clinic-session"][data-session="${sid}"]`).waitFor();
        // (H5 keeps the duties page underneath, with the same booking in it.)
        const row = lawyer.locator(`[data-testid="clinic-session"] [data-testid="clinic-booking"][data-id="${bookingId}"]`);
        await row.waitFor();
        assert(norm(await row.innerText()).includes(problem), 'the lawyer should see what the manager wants to ask');
        await row.locator('[data-testid="clinic-outcome-attended"]').click();
        const advice = '书面通知员工签订劳动合同并保留记录；经书面通知仍拒签的，可依法终止劳动关系。';
        await row.locator('[data-testid="clinic-outcome-advice"] textarea').fill(advice);
        await row.locator('[data-testid="clinic-outcome-submit"]').click();
        await lawyer.locator(`[data-testid="clinic-session"] [data-testid="clinic-booking"][data-id="${bookingId}"][data-status="attended"] [data-testid="clinic-outcome"]`).waitFor();
        await shot(lawyer, 'clinic-5-lawyer-outcome');

        const inSession = await okFn<ConsultationView[]>(env.gatewayUrl, 'clinic', 'sessionBookings', { sessionId: sid }, chen.openid);
        const b = inSession.find((x) => x.id === bookingId);
        assert(b, `clinic.sessionBookings of ${sid} should hold booking ${bookingId}`);
        assert(b.slotIndex === slotIndex && b.profession === 'lawyer', `booked slot ${b.slotIndex} (${b.profession}), expected ${slotIndex} (lawyer)`);
        assert(!!b.checkedInAt, 'the booking should be checked in');
        assert(b.status === 'attended' && b.outcome?.advice === advice, `status ${b.status}, outcome ${JSON.stringify(b.outcome)}`);
      } finally {
        await setEmulatorClock(env.gatewayUrl, null);
      }
    },
  },
  {
    name: '企业诉求: a manager submits a demand, the instructor passes it on, staff dispatch it to 市人力社保局, the unit signs and resolves it, the manager sees the timeline and evaluates',
    async run({ env, newPage, shot }) {
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      const title = '冲压车间急需招聘20名普工';
      const resolution = '已在社区举办专场招聘会，企业现场招到普工22名。';
      const waitStatus = (page: Page, status: string) => page.locator(`[data-testid="tickets-detail"][data-status="${status}"]`).waitFor();
      /** One act through its button, its form (a note when given) and the confirm. */
      const act = async (page: Page, name: string, status: string, note?: string) => {
        await page.locator(`[data-testid="ticket-act-${name}"]`).click();
        if (note) await page.locator('[data-testid="ticket-act-note"] textarea').fill(note);
        await page.locator('[data-testid="ticket-act-confirm"]').click();
        await waitStatus(page, status);
      };

      // 企业点单.
      const manager = await newPage();
      await devLogin(env, manager, user('demo-manager-wang'));
      await manager.locator('[data-testid="nav-tickets-submit"]').click();
      await manager.locator('[data-testid="tickets-submit"]').waitFor();
      await manager.locator('[data-testid="ticket-title"] input').fill(title);
      await manager.locator('[data-testid="ticket-description"] textarea').fill('新订单下月投产，冲压车间缺普工20名，希望社区对接人社部门组织专场招聘。');
      await manager.locator('[data-testid="ticket-category-recruiting"]').click();
      await manager.locator('[data-testid="ticket-urgency-urgent"]').click();
      await shot(manager, 'tickets-1-manager-submit');
      await manager.locator('[data-testid="ticket-submit"]').click();
      await waitStatus(manager, 'submitted');
      const detailUrl = manager.url();
      const id = new URL(detailUrl.replace('/#/', '/')).searchParams.get('id');
      assert(id, `the detail page should carry the ticket id: ${detailUrl}`);

      // 党建指导员传单, from the community's list.
      const instructor = await newPage();
      await devLogin(env, instructor, user('demo-instructor-huang'));
      await instructor.locator('[data-testid="nav-tickets"]').click();
      await instructor.locator(`[data-testid="ticket-row"][data-id="${id}"][data-status="submitted"]`).click();
      await act(instructor, 'accept', 'accepted', '用工缺口属实，请社区派单人社局。');

      // 工业社区派单 to 市人力社保局.
      const staff = await newPage({ viewport: DESKTOP });
      await devLogin(env, staff, user('demo-staff-zhang'));
      await staff.goto(detailUrl, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await waitStatus(staff, 'accepted');
      await staff.locator('[data-testid="ticket-act-dispatch"]').click();
      await staff.locator('[data-testid="ticket-act-unit-unit-hrss"]').click();
      await staff.locator('[data-testid="ticket-act-unit"][data-value="unit-hrss"]').waitFor();
      await shot(staff, 'tickets-2-staff-dispatch');
      await staff.locator('[data-testid="ticket-act-confirm"]').click();
      await waitStatus(staff, 'dispatched');

      // 成员单位接单: the unit's to-do list, sign for it, resolve it with a note.
      const unit = await newPage();
      await devLogin(env, unit, user('demo-unit-hr'));
      await unit.locator('[data-testid="nav-tickets"]').click();
      await unit.locator(`[data-testid="ticket-row"][data-id="${id}"][data-status="dispatched"]`).click();
      await act(unit, 'sign', 'signed');
      await act(unit, 'resolve', 'resolved', resolution);
      await shot(unit, 'tickets-3-unit-resolved');

      // The manager sees the whole chain and evaluates.
      await manager.reload();
      await waitStatus(manager, 'resolved');
      const acts = await manager.locator('[data-testid="ticket-timeline-entry"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-act')));
      assert(JSON.stringify(acts) === JSON.stringify(['submit', 'accept', 'dispatch', 'sign', 'resolve']), `timeline acts ${JSON.stringify(acts)}`);
      assert(norm(await manager.locator('[data-testid="ticket-timeline"]').innerText()).includes(resolution), 'the manager should read the unit\'s note in the timeline');
      // 评价 opens the satisfaction rate page (speed, attitude, result); back on the ticket it shows the new status.
      await manager.locator('[data-testid="ticket-rate"]').click();
      await manager.locator('[data-testid="revisit-rate"][data-state="form"]').waitFor();
      for (const d of ['speed', 'attitude', 'result']) await manager.locator(`[data-testid="revisit-rate-${d}-5"]`).click();
      await manager.locator('[data-testid="revisit-rate-comment"] textarea').fill('响应很快，非常满意。');
      await manager.locator('[data-testid="revisit-rate-submit"]').click();
      await manager.locator('[data-testid="revisit-rate-overall"][data-overall="5"]').waitFor();
      assert((await manager.locator('[data-testid="revisit-rate-consequence"]').count()) === 0, 'a 5-star rating should not reopen anything');
      await manager.locator('[data-testid="revisit-rate-back"]').click();
      await waitStatus(manager, 'evaluated');
      await manager.locator('[data-testid="ticket-timeline-entry"][data-act="evaluate"]').waitFor();
      await manager.locator('[data-testid="ticket-timeline-entry"][data-act="resolve"]').scrollIntoViewIfNeeded();
      await shot(manager, 'tickets-4-manager-timeline');
    },
  },
  {
    name: '满意度 (revisit): a manager answers the yearly survey in English — staff launch the 2026 campaign with the seeded form, Anna Schmidt answers it from her home, a second submit is impossible, staff see the campaign figures',
    async run({ env, newPage, shot }) {
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      const year = Number(beijingMonth().slice(0, 4));

      // Staff launch this year's campaign with the seeded form (desktop).
      const staff = await newPage({ viewport: DESKTOP });
      await devLogin(env, staff, user('demo-staff-zhang'));
      await staff.locator('[data-testid="nav-revisit-campaigns"]').click();
      await staff.locator('[data-testid="revisit-launch-form-sf-demo-yearly"][data-selected="true"]').waitFor();
      await staff.evaluate('window.scrollTo(0, 0)');
      await shot(staff, 'revisit-campaigns-launch-desktop');
      await staff.locator('[data-testid="revisit-launch-submit"]').click();
      await staff.locator('[data-testid="revisit-launch-done"]').waitFor();
      const row = staff.locator(`[data-testid="revisit-campaign-row"][data-year="${year}"]`);
      await row.waitFor();
      const campaignId = await row.getAttribute('data-id');
      assert(campaignId, 'the launched campaign should be listed with its id');
      await shot(staff, 'revisit-campaigns-desktop');

      // Anna Schmidt (English) opens the survey from her home and answers it.
      const anna = await newPage();
      await devLogin(env, anna, user('demo-manager-schmidt'));
      await anna.locator('[data-testid="nav-revisit-survey"]').click();
      await anna.locator(`[data-testid="revisit-survey-row"][data-id="${campaignId}"][data-answered="false"]`).waitFor();
      await anna.evaluate('window.scrollTo(0, 0)');
      await shot(anna, 'revisit-surveys-en');
      await anna.locator('[data-testid="revisit-survey-open"]').click();
      await anna.locator('[data-testid="revisit-survey"][data-answered="false"] [data-testid="survey-q-q1"]').waitFor();
      const form = norm(await anna.locator('[data-testid="revisit-survey"]').innerText());
      assert(form.includes('Which services did you use this year?') && form.includes('Would you recommend'), `the survey should be in English: "${form.slice(0, 200)}"`);
      assert(!hasCJK(form), `no Chinese on Anna's survey: "${form.slice(0, 300)}"`);
      // Required questions left open: the server's own check says so before anything is sent.
      await anna.locator('[data-testid="revisit-survey-submit"]').click();
      await anna.locator('[data-testid="survey-q-q1"][data-problem="required"]').waitFor();
      await anna.locator('[data-testid="survey-q-q1-stars-4"]').click();
      await anna.locator('[data-testid="survey-q-q2-stars-5"]').click();
      await anna.locator('[data-testid="survey-q-q3-qa"]').click();
      await anna.locator('[data-testid="survey-q-q3-tickets"]').click();
      await anna.locator('[data-testid="survey-q-q4-yes"]').click();
      await anna.locator('[data-testid="survey-q-q5-text"] textarea').fill('The work permit help was excellent.');
      await shot(anna, 'revisit-survey-en');
      await anna.locator('[data-testid="revisit-survey-submit"]').click();
      await anna.locator('[data-testid="revisit-survey"][data-answered="true"] [data-testid="revisit-survey-done"]').waitFor();
      assert((await anna.locator('[data-testid="revisit-survey-submit"]').count()) === 0, 'an answered survey has no submit button');
      await shot(anna, 'revisit-survey-answered-en');
      // A second submission is refused by the server too, and a reload still shows the answers read-only.
      const again = await callFn(env.gatewayUrl, 'revisit', 'answerSurvey', { campaignId, answers: [{ questionId: 'q1', rating: 1 }] }, 'demo-manager-schmidt');
      assert(!again.ok && again.error.code === 'REVISIT.ALREADY_ANSWERED', `a second answer should be refused: ${JSON.stringify(again)}`);
      await anna.reload();
      await anna.locator('[data-testid="revisit-survey"][data-answered="true"]').waitFor();
      assert(norm(await anna.locator('[data-testid="revisit-survey"]').innerText()).includes('The work permit help was excellent.'), 'the answers should read back');
      // Her question of this year, rated before: the rate page in English says so.
      await anna.goto(appPath(env, 'revisit/pages/rate/index?caseKind=question&caseId=q-demo-brenner-permit'), { waitUntil: 'load' });
      await anna.locator('[data-testid="revisit-rate"][data-state="done"]').waitFor();
      const rated = norm(await anna.locator('[data-testid="revisit-rate"]').innerText());
      assert(rated.includes('You have already rated this case.') && !hasCJK(rated), `the rate page should be English: "${rated.slice(0, 300)}"`);
      await shot(anna, 'revisit-rate-en');

      // Staff see the campaign's figures: one answer, the rate shown.
      await staff.locator(`[data-testid="revisit-campaign-row"][data-id="${campaignId}"]`).click();
      await staff.locator('[data-testid="revisit-campaign"][data-responded="1"]').waitFor();
      await staff.evaluate('window.scrollTo(0, 0)');
      const figures = staff.locator('[data-testid="revisit-campaign-figures"]');
      const targets = Number(await figures.locator('[data-testid="revisit-stat-targets"]').getAttribute('data-value'));
      const rate = await figures.locator('[data-testid="revisit-stat-responseRate"]').getAttribute('data-value');
      assert(targets >= 1 && rate === `${Math.round(100 / targets)}%`, `response rate ${rate} of ${targets} targets`);
      await staff.locator('[data-testid="revisit-target"][data-id="ent-brenner"][data-status="answered"]').waitFor();
      await shot(staff, 'revisit-campaign-desktop');
      // 催办 the others, then 代填 one of them by phone.
      await staff.locator('[data-testid="revisit-remind-all"]').click();
      await staff.locator('[data-testid="revisit-remind-result"]').waitFor();
      const sent = Number(await staff.locator('[data-testid="revisit-remind-result"]').getAttribute('data-sent'));
      assert(sent === targets - 1, `reminders sent to ${sent}, expected the ${targets - 1} non-responders`);
      await staff.locator('[data-testid="revisit-targets-filter-pending"]').click();
      const pendingTarget = staff.locator('[data-testid="revisit-target"][data-status="pending"]').first();
      await pendingTarget.waitFor();
      await pendingTarget.locator('[data-testid="revisit-target-record"]').click();
      await staff.locator('[data-testid="revisit-record-form"] [data-testid="survey-q-q1"]').waitFor();
      await staff.locator('[data-testid="revisit-record-contact"] input').fill('李经理');
      await staff.locator('[data-testid="revisit-record-form"] [data-testid="survey-q-q1-stars-5"]').click();
      await staff.locator('[data-testid="revisit-record-form"] [data-testid="survey-q-q2-stars-4"]').click();
      await staff.locator('[data-testid="revisit-record-form"] [data-testid="survey-q-q3-clinic"]').click();
      await staff.locator('[data-testid="revisit-record-form"] [data-testid="survey-q-q4-yes"]').click();
      await shot(staff, 'revisit-record-desktop');
      await staff.locator('[data-testid="revisit-record-save"]').click();
      await staff.locator('[data-testid="revisit-record-saved"]').waitFor();
      await staff.locator('[data-testid="revisit-campaign"][data-responded="2"]').waitFor();
      // 答卷: Anna's answers, read back on the staff side.
      const annaAnswers = staff.locator('[data-testid="revisit-response"][data-id="ent-brenner"]');
      await annaAnswers.locator('[data-testid="revisit-response-toggle"]').click();
      await annaAnswers.locator('[data-testid="survey-q-q5"]').waitFor();
      assert(norm(await annaAnswers.innerText()).includes('The work permit help was excellent.'), 'staff should read Anna’s answers');
      await annaAnswers.scrollIntoViewIfNeeded();
      await shot(staff, 'revisit-responses-desktop');

      // The same campaign on a phone.
      const phone = await newPage();
      await devLogin(env, phone, user('demo-staff-zhang'));
      await phone.goto(appPath(env, `revisit/pages/campaign/index?id=${encodeURIComponent(campaignId)}`), { waitUntil: 'load' });
      await phone.locator('[data-testid="revisit-campaign"][data-responded="2"]').waitFor();
      await settle(phone);
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert(overflow <= 1, `the campaign page is ${overflow}px wider than the phone`);
      await shot(phone, 'revisit-campaign-phone');
      await phone.goto(appPath(env, 'revisit/pages/campaigns/index'), { waitUntil: 'load' });
      await phone.locator(`[data-testid="revisit-campaign-row"][data-id="${campaignId}"]`).waitFor();
      await phone.locator('[data-testid="revisit-launch"]').waitFor();
      await shot(phone, 'revisit-campaigns-phone');

      // The instructor follows the revisit read-only: no launch, no 催办, no 代填.
      const instructor = await newPage();
      await devLogin(env, instructor, user('demo-instructor-huang'));
      await instructor.locator('[data-testid="nav-revisit-campaigns"]').click();
      await instructor.locator(`[data-testid="revisit-campaign-row"][data-id="${campaignId}"]`).click();
      await instructor.locator('[data-testid="revisit-campaign"][data-responded="2"] [data-testid="revisit-target"]').first().waitFor();
      for (const hook of ['revisit-launch', 'revisit-remind-all', 'revisit-target-record', 'revisit-campaign-close']) {
        assert((await instructor.locator(`[data-testid="${hook}"]`).count()) === 0, `the instructor should not see ${hook}`);
      }
    },
  },
  {
    name: '满意度 (revisit): a manager rates a finished demand 2 stars from 待评价 and sees it reopened; staff read the follow-ups, forms and figures',
    async run({ env, newPage, shot }) {
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      let n = 0;
      const write = <T>(fn: string, action: string, data: unknown, openid: string) =>
        callFn<T>(env.gatewayUrl, fn, action, data, openid, `e2e-revisit-${Date.now()}-${++n}`).then((r) => {
          if (!r.ok) throw new Error(`${fn}.${action} as ${openid}: ${r.error.code} ${r.error.message}`);
          return r.data;
        });
      // A demand of 嘉兴甬森 resolved by 市人力社保局 (through the API: the browser part is the rating).
      type T = { id: string; version: number; status: string };
      let t = await write<T>('tickets', 'submit', { title: '新厂房消防验收排期', description: '新厂房已完工，希望尽快安排消防验收。', category: 'permit', urgency: 'normal' }, 'demo-manager-wang');
      const act = async (openid: string, input: Record<string, unknown>) => (t = await write<T>('tickets', 'act', { id: t.id, version: t.version, ...input }, openid));
      await act('demo-instructor-huang', { act: 'accept' });
      await act('demo-staff-zhang', { act: 'dispatch', leadUnitId: 'unit-hrss', assistUnitIds: [] });
      await act('demo-unit-hr', { act: 'sign' });
      await act('demo-unit-hr', { act: 'resolve', note: '已与消防部门沟通，排期下月。' });
      assert(t.status === 'resolved', `the demand should be resolved, is ${t.status}`);

      // 王海燕 reads in large-text mode here: the stars must stay big, nothing may stick out.
      await write('user', 'updateSettings', { largeText: true }, 'demo-manager-wang');
      const manager = await newPage();
      await devLogin(env, manager, user('demo-manager-wang'));
      const tile = manager.locator('[data-testid="nav-revisit-pending"]');
      await eventually(async () => Number(await tile.getAttribute('data-count')) >= 1, 'the home tile should count the demand to rate');
      await tile.scrollIntoViewIfNeeded();
      await shot(manager, 'revisit-home-manager');
      await tile.click();
      const row = manager.locator(`[data-testid="revisit-pending-row"][data-id="${t.id}"]`);
      await row.waitFor();
      // The tile was scrolled to on home; the new page starts at its top.
      await manager.evaluate('window.scrollTo(0, 0)');
      await shot(manager, 'revisit-pending');
      await row.locator('[data-testid="revisit-pending-rate"]').click();
      await manager.locator('[data-testid="revisit-rate"][data-state="form"]').waitFor();
      for (const d of ['speed', 'attitude', 'result']) await manager.locator(`[data-testid="revisit-rate-${d}-2"]`).click();
      await manager.locator('[data-testid="revisit-rate-comment"] textarea').fill('等了很久也没有结果。');
      assert((await manager.locator('[data-testid="revisit-rate"].page--large').count()) === 1, 'the rate page should be in large text');
      const starBox = await manager.locator('[data-testid="revisit-rate-speed-5"]').boundingBox();
      assert(starBox && starBox.width >= 44 && starBox.height >= 44, `a star should be a big touch target: ${JSON.stringify(starBox)}`);
      await settle(manager);
      const wide = await manager.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert(wide <= 1, `the rate page in large text is ${wide}px wider than the phone`);
      await shot(manager, 'revisit-rate');
      await manager.locator('[data-testid="revisit-rate-submit"]').click();
      await manager.locator('[data-testid="revisit-rate-consequence"][data-kind="reopened"]').waitFor();
      await shot(manager, 'revisit-rate-reopened');
      // The demand is reopened, with the rating in its timeline.
      await manager.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
      await manager.locator('[data-testid="ticket-timeline-entry"][data-act="reopen"]').waitFor();
      const status = await manager.locator('[data-testid="tickets-detail"]').getAttribute('data-status');
      assert(status !== 'resolved' && status !== 'evaluated', `a poor rating should reopen the demand, it is ${status}`);
      assert((await manager.locator('[data-testid="ticket-timeline-entry"][data-act="evaluate"]').count()) === 1, 'the rating should be in the timeline');
      await write('user', 'updateSettings', { largeText: false }, 'demo-manager-wang');

      // Staff: follow-ups, forms, the form builder and the figures, at desktop and phone width.
      for (const [label, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const staff = await newPage({ viewport });
        await devLogin(env, staff, user('demo-staff-zhang'));
        await staff.locator('[data-testid="nav-revisit-follow-ups"]').click();
        await staff.locator('[data-testid="revisit-follow-up"]').first().waitFor();
        await staff.evaluate('window.scrollTo(0, 0)');
        await shot(staff, `revisit-follow-ups-${label}`);
        await staff.goto(appPath(env, 'revisit/pages/figures/index'), { waitUntil: 'load' });
        await staff.locator('[data-testid="revisit-figures-by-month"] [data-testid="revisit-rate-row"]').first().waitFor();
        await settle(staff);
        const overflow = await staff.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        assert(overflow <= 1, `${label}: the figures page is ${overflow}px wider than the window`);
        await shot(staff, `revisit-figures-${label}`);
        // The ratings themselves: only the poor ones, the manager's 2 stars among them.
        await staff.locator('[data-testid="revisit-evaluations-filter-poor"]').click();
        const poor = staff.locator('[data-testid="revisit-evaluation"][data-overall="2"]').filter({ hasText: '新厂房消防验收排期' });
        await poor.waitFor();
        assert((await staff.locator('[data-testid="revisit-evaluation"]:not([data-overall="1"]):not([data-overall="2"])').count()) === 0, 'the poor filter shows only ratings of 2 or below');
        await poor.scrollIntoViewIfNeeded();
        await shot(staff, `revisit-ratings-${label}`);
        await staff.goto(appPath(env, 'revisit/pages/forms/index'), { waitUntil: 'load' });
        await staff.locator('[data-testid="revisit-form-row"][data-id="sf-demo-yearly"]').waitFor();
        await shot(staff, `revisit-forms-${label}`);
        await staff.locator('[data-testid="revisit-form-row"][data-id="sf-demo-yearly"] [data-testid="revisit-form-edit"]').click();
        await staff.locator('[data-testid="revisit-builder"][data-version="1"]').waitFor();
        await shot(staff, `revisit-form-edit-${label}`);
        await staff.locator('[data-testid="revisit-builder-q-3"]').scrollIntoViewIfNeeded();
        await shot(staff, `revisit-form-options-${label}`);
      }
      // A new version of the form from the builder.
      const staff = await newPage({ viewport: DESKTOP });
      await devLogin(env, staff, user('demo-staff-zhang'));
      await staff.goto(appPath(env, 'revisit/pages/form-edit/index?id=sf-demo-yearly'), { waitUntil: 'load' });
      await staff.locator('[data-testid="revisit-builder"][data-version="1"]').waitFor();
      await staff.locator('[data-testid="revisit-builder-add-text"]').click();
      await staff.locator('[data-testid="revisit-builder-q-6-zh"] input').fill('明年最希望社区增加什么服务？');
      await staff.locator('[data-testid="revisit-builder-q-6-en"] input').fill('Which service should the community add next year?');
      await staff.locator('[data-testid="revisit-builder-q-6-up"]').click();
      await staff.locator('[data-testid="revisit-builder-save"]').click();
      await staff.locator('[data-testid="revisit-builder"][data-version="2"] [data-testid="revisit-builder-saved"]').waitFor();
      await shot(staff, 'revisit-form-saved-desktop');

      // 跟进任务: staff close the seeded poor rating's follow-up with what they did.
      await staff.goto(appPath(env, 'revisit/pages/follow-ups/index'), { waitUntil: 'load' });
      const followUp = staff.locator('[data-testid="revisit-follow-up"][data-status="open"]').first();
      const followUpId = await followUp.getAttribute('data-id');
      await followUp.locator('[data-testid="revisit-follow-up-close"]').click();
      await staff.locator('[data-testid="revisit-follow-up-text"] textarea').fill('已电话回访赵建国，补充解答了平湖购房社保要求，本人认可。');
      await staff.locator('[data-testid="revisit-follow-up-confirm"]').click();
      await staff.locator(`[data-testid="revisit-follow-up"][data-id="${followUpId}"]`).waitFor({ state: 'detached' });
      await staff.locator('[data-testid="revisit-follow-ups-filter-done"]').click();
      await staff.locator(`[data-testid="revisit-follow-up"][data-id="${followUpId}"][data-status="done"] [data-testid="revisit-follow-up-resolution"]`).waitFor();
      await shot(staff, 'revisit-follow-up-closed-desktop');
    },
  },
  {
    name: '工作台 dashboards at desktop (1280x800) and phone (390x844) width: figures equal admin.dashboard for the same filter, every chart drawn',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      type Dash = import('../core/api/console').Dashboard;
      /** The page's figures against the function's answer for the filter the page sent. */
      const check = async (page: Page, label: string) => {
        const panels = page.locator('[data-testid="dash-panels"][data-status="ready"]');
        await panels.waitFor({ timeout: STEP_TIMEOUT_MS });
        const filter = JSON.parse((await panels.getAttribute('data-filter')) ?? '{}');
        const d = await okFn<Dash>(env.gatewayUrl, 'admin', 'dashboard', filter, zhang.openid);
        const value = (id: string) => page.locator(`[data-testid="${id}"]`).getAttribute('data-value');
        const expected: Record<string, number> = {
          'ytd-requestsResolved': d.ytd.requestsResolved,
          'ytd-enterprisesServed': d.ytd.enterprisesServed,
          'ytd-tickets': d.ytd.tickets,
          'ytd-questions': d.ytd.questions,
          'ytd-consultations': d.ytd.consultations,
          'ytd-visits': d.ytd.visits,
          'dash-overdue': d.tickets.overdue,
          'dash-rung-1': d.tickets.escalationsByRung.find((r) => r.rung === 1)?.count ?? 0,
          'dash-rung-2': d.tickets.escalationsByRung.find((r) => r.rung === 2)?.count ?? 0,
        };
        for (const [id, n] of Object.entries(expected)) assert((await value(id)) === String(n), `${label}: ${id} shows ${await value(id)}, admin.dashboard says ${n}`);
        assert((await page.locator('[data-testid="dash-tickets-figure"]').getAttribute('data-total')) === String(d.tickets.total), `${label}: tickets total`);
        assert((await page.locator('[data-testid="dash-questions-figure"]').getAttribute('data-total')) === String(d.questions.total), `${label}: questions total`);
        assert((await page.locator('[data-testid="dash-questions-figure"]').getAttribute('data-ontime')) === String(d.questions.answeredOnTime), `${label}: answered on time`);
        assert(d.tickets.total > 0 && d.ytd.tickets > 0, `${label}: the seeded community should have demands this year (${d.tickets.total})`);
        // Every chart on the page is drawn: the component says so, and its canvas is not blank.
        const charts = page.locator('[data-testid^="chart-chart-"]');
        const n = await charts.count();
        assert(n >= 2, `${label}: expected the charts, found ${n}`);
        for (let i = 0; i < n; i++) {
          const chart = charts.nth(i);
          const id = await chart.getAttribute('data-testid');
          await page.locator(`[data-testid="${id}"][data-drawn="true"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
          const ink = await chart.evaluate((el) => {
            const c = el.querySelector('canvas') as unknown as { width: number; height: number; getContext(k: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } | null;
            if (!c || !c.width || !c.height) return { inked: 0, w: 0, h: 0 };
            const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
            let inked = 0;
            for (let p = 0; p < px.length; p += 4) if (px[p] < 230 || px[p + 1] < 230 || px[p + 2] < 230) inked++;
            return { inked, w: c.width, h: c.height };
          });
          assert(ink.inked > 500, `${label}: ${id} looks blank (${ink.inked} inked pixels of ${ink.w}x${ink.h})`);
        }
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        assert(overflow <= 1, `${label}: the dashboard is ${overflow}px wider than the window`);
        return d;
      };

      for (const [label, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await newPage({ viewport });
        await devLogin(env, page, zhang);
        await page.locator('[data-testid="nav-dashboard"]').first().click({ timeout: STEP_TIMEOUT_MS });
        await page.locator('[data-testid="staff-dashboard"]').waitFor();
        // This year: the seeded demands and questions fall in it.
        const asked = waitForAction(env, page, 'dashboard');
        await page.locator('[data-testid="period-year"]').click();
        await asked;
        await page.locator('[data-testid="period"][data-from$="-01-01"]').waitFor();
        await check(page, `${label} zh`);
        await shot(page, `console-dashboard-${label}`);
        // The page scrolls inside Taro's container: a tall window shows all of it.
        await page.setViewportSize({ width: viewport.width, height: 2400 });
        await settle(page);
        await page.screenshot({ path: path.join(SHOTS, `console-dashboard-${label}-full.png`), timeout: 10_000 });
        await page.setViewportSize(viewport);
        // One category: the page asks again and still agrees with the function.
        const again = waitForAction(env, page, 'dashboard');
        await page.locator('[data-testid="category-recruiting"]').click();
        await again;
        await page.locator('[data-testid="dash-panels"][data-status="ready"][data-filter*="recruiting"]').waitFor();
        await check(page, `${label} recruiting`);
      }

      // English, phone width: every chart labelled in English.
      const en = await newPage({ viewport: PHONE });
      await devLogin(env, en, zhang);
      await openMe(env, en);
      await en.locator('[data-testid="lang-en"]').click();
      await en.goto(appPath(env, 'staff/pages/dashboard/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await en.locator('[data-testid="period-year"]').click();
      await en.locator('[data-testid="period"][data-from$="-01-01"]').waitFor();
      await check(en, 'phone en');
      const text = norm(await en.locator('[data-testid="staff-dashboard"]').innerText());
      assert(text.includes('Demands resolved') && text.includes('Questions per month, answered on time'), `English dashboard text: ${text.slice(0, 200)}`);
      assert(!hasCJK(withoutData(text, ['兴平工业社区'])), `the English dashboard should have no Chinese: ${text.slice(0, 300)}`);
      await en.setViewportSize({ width: PHONE.width, height: 2400 });
      await settle(en);
      await en.screenshot({ path: path.join(SHOTS, 'console-dashboard-phone-en-full.png'), timeout: 10_000 });
      // The language is the person's setting: back to Chinese for the cases that follow.
      await openMe(env, en);
      const saved = waitForAction(env, en, 'updateSettings');
      await en.locator('[data-testid="lang-zh"]').click();
      await saved;
    },
  },
  {
    name: '工作台 visit log: staff record a visit to 嘉兴甬森 with a photo and a problem, turn the problem into a demand, and find both on the enterprise record',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const problem = '冲压车间新订单投产，缺数控操作工15名，希望对接专场招聘。';
      const page = await newPage({ viewport: DESKTOP });
      await devLogin(env, page, zhang);
      await page.locator('[data-testid="nav-visits"]').first().click();
      await page.locator('[data-testid="staff-visits"]').waitFor();
      await page.locator('[data-testid="visit-new"]').click();
      await page.locator('[data-testid="staff-visit-new"]').waitFor();
      await page.locator('[data-testid="enterprise-query"] input').fill('甬森');
      await page.locator('[data-testid="enterprise-query-go"]').click();
      await page.locator('[data-testid^="pick-enterprise-"]').first().click();
      await page.locator('[data-testid="enterprise-picked"]').waitFor();
      const enterpriseId = await page.locator('[data-testid="enterprise-picked"]').getAttribute('data-id');
      assert(enterpriseId, 'an enterprise should be picked');
      await page.locator('[data-testid="visit-met"] input').fill('王海燕（企业联络员）');
      await page.locator('[data-testid="visit-topic-hiring"]').click();
      await page.locator('[data-testid="visit-topic-other"] input').fill('厂房扩建');
      await page.locator('[data-testid="visit-topic-add"]').click();
      await page.locator('[data-testid="visit-notes"] textarea').fill('企业订单饱满，计划明年扩建二期厂房。');
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('[data-testid="visit-add-photo"]').click()]);
      await chooser.setFiles({ name: 'workshop.png', mimeType: 'image/png', buffer: tinyPng() });
      await page.locator('[data-testid="visit-photo"][data-status="done"]').waitFor();
      await page.locator('[data-testid="visit-add-problem"]').click();
      await page.locator('[data-testid="problem-0-category-recruiting"]').click();
      await page.locator('[data-testid="problem-0-theme"] input').fill('用工');
      await page.locator('[data-testid="problem-0-description"] textarea').fill(problem);
      await shot(page, 'console-visit-new-desktop');
      await page.locator('[data-testid="visit-save"]').click();

      // The visit: the problem is open; 转为诉求 makes it a demand and links to it.
      await page.locator('[data-testid="staff-visit"] [data-testid="problem-0"][data-status="open"]').waitFor();
      assert((await page.locator('[data-testid="visit-detail"] img').count()) === 1, 'the visit should show its photo');
      await page.locator('[data-testid="problem-0-to-ticket"]').click();
      await page.locator('[data-testid="problem-0"][data-status="ticketed"]').waitFor();
      const ticketId = await page.locator('[data-testid="problem-0"]').getAttribute('data-ticket');
      assert(ticketId, 'the problem should carry its ticket id');
      await shot(page, 'console-visit-desktop');
      const visitUrl = page.url();
      await page.locator('[data-testid="problem-0-ticket"]').click();
      await page.locator('[data-testid="tickets-detail"]').waitFor();
      assert(page.url().includes(`id=${ticketId}`), `the link should open the demand ${ticketId}: ${page.url()}`);
      await eventually(async () => norm(await page.locator('[data-testid="tickets-detail"]').innerText()).includes(problem), 'the demand should carry the problem as described');
      // Back to the visit by its address: a history back right after the demand loaded now and then
      // left Taro's H5 router on a blank page (noted for the team, not this case's subject).
      await page.goto(visitUrl, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await page.locator('[data-testid="visit-enterprise"]').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });

      // The enterprise record: master data and the whole history, the new visit and demand in it.
      await page.locator('[data-testid="visit-enterprise"]').click();
      await page.locator(`[data-testid="staff-enterprise"] [data-testid="timeline-visit"]`).first().waitFor();
      await page.locator(`[data-testid="timeline-ticket"][data-id="${ticketId}"]`).waitFor();
      const o = await okFn<import('../core/api/console').EnterpriseOverview>(env.gatewayUrl, 'admin', 'enterpriseOverview', { enterpriseId }, zhang.openid);
      for (const k of ['visits', 'questions', 'consultations', 'tickets', 'evaluations'] as const) {
        assert((await page.locator(`[data-testid="count-${k}"]`).getAttribute('data-value')) === String(o.counts[k]), `count of ${k}`);
      }
      await shot(page, 'console-enterprise-desktop');

      // Master data: another enterprise's credit code is refused in words, a new address is saved.
      const others = await okFn<{ items: { id: string; creditCode: string; address?: string }[] }>(env.gatewayUrl, 'admin', 'listEnterprises', {}, zhang.openid);
      const other = others.items.find((e) => e.id !== enterpriseId)!;
      const address = others.items.find((e) => e.id === enterpriseId)?.address ?? '';
      await page.locator('[data-testid="ent-edit"]').click();
      // The instructor choice shows the enterprise's own (or none) among the community's instructors.
      const own = (await okFn<{ items: { id: string; instructorOpenid?: string }[] }>(env.gatewayUrl, 'admin', 'listEnterprises', {}, zhang.openid)).items.find((e) => e.id === enterpriseId)?.instructorOpenid ?? '';
      await page.locator(`[data-testid="ent-instructor-${own}"][data-selected="true"]`).waitFor();
      await page.locator('[data-testid="ent-instructor-demo-instructor-huang"]').waitFor();
      await page.locator('[data-testid="ent-credit-code"] input').fill(other.creditCode);
      await page.locator('[data-testid="ent-save"]').click();
      const refused = page.locator('[data-testid="enterprise-edit"] [data-testid="error"][data-code="ENTERPRISE.DUPLICATE"]');
      await refused.waitFor();
      assert(norm(await refused.innerText()).includes(zh['error.ENTERPRISE.DUPLICATE']), 'the refusal should be said in Chinese');
      await shot(page, 'console-enterprise-edit-refused');
      const code = (await okFn<{ items: { id: string; creditCode: string }[] }>(env.gatewayUrl, 'admin', 'listEnterprises', {}, zhang.openid)).items.find((e) => e.id === enterpriseId)!.creditCode;
      await page.locator('[data-testid="ent-credit-code"] input').fill(code);
      await page.locator('[data-testid="ent-address"] input').fill(`${address}（东门）`);
      await page.locator('[data-testid="ent-save"]').click();
      await page.locator('[data-testid="enterprise-master"]', { hasText: `${address}（东门）` }).waitFor();
      const saved = (await okFn<{ items: { id: string; address?: string }[] }>(env.gatewayUrl, 'admin', 'listEnterprises', {}, zhang.openid)).items.find((e) => e.id === enterpriseId)!;
      assert(saved.address === `${address}（东门）`, `the new address should be stored: ${saved.address}`);
      await okFn(env.gatewayUrl, 'admin', 'updateEnterprise', { id: enterpriseId, address }, zhang.openid);

      // The visit log lists it (mine), and at phone width the record stays in one column without overflow.
      const phone = await newPage({ viewport: PHONE });
      await devLogin(env, phone, zhang);
      await phone.goto(appPath(env, 'staff/pages/visits/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await phone.locator('[data-testid="staff-visits"] [data-testid^="visit-"]', { hasText: '王海燕（企业联络员）' }).first().waitFor();
      await shot(phone, 'console-visits-phone');
      await phone.goto(appPath(env, `staff/pages/enterprise/index?id=${enterpriseId}`), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await phone.locator('[data-testid="timeline-visit"]').first().waitFor();
      await settle(phone);
      const overflow = await phone.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      assert(overflow <= 1, `the enterprise record is ${overflow}px wider than the phone`);
      await shot(phone, 'console-enterprise-phone');

      // The problem list groups it under 招聘用工 (one group for the category, its themes inside in
      // the reader's words: 用工, never a raw key), counted as made a demand.
      await page.goto(appPath(env, 'staff/pages/problems/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      const group = page.locator('[data-testid="staff-problems"] [data-testid^="problem-group-"][data-category="recruiting"]');
      await group.first().waitFor({ timeout: STEP_TIMEOUT_MS });
      assert((await group.count()) === 1, `招聘用工 shows as ${await group.count()} groups`);
      const themes = norm(await group.first().locator('[data-testid$="-themes"]').innerText());
      assert(themes.includes('用工') && !/recruiting|\bhr\b/.test(themes), `the themes line reads "${themes}"`);
      await group.first().locator('[data-testid$="-toggle"]').click();
      await page.locator('[data-testid="staff-problems"] [data-testid="problem-item"]', { hasText: problem }).first().waitFor();
      await shot(page, 'console-problems-desktop');
    },
  },
  {
    name: '工作台 exports and master data: staff export this year’s demands to .xlsx (a real download starting with PK), see it in the history; units, holidays and the master-data hub',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const page = await newPage({ viewport: DESKTOP });
      await devLogin(env, page, zhang);
      await page.locator('[data-testid="nav-exports"]').first().click();
      await page.locator('[data-testid="staff-exports"]').waitFor();
      await page.locator('[data-testid="export-kind-tickets"]').click();
      await page.locator('[data-testid="period-year"]').click();
      await page.locator('[data-testid="export-make"]').click();
      const result = page.locator('[data-testid="export-result"]');
      await result.waitFor({ timeout: STEP_TIMEOUT_MS });
      const url = await result.getAttribute('data-url');
      const rows = Number(await result.getAttribute('data-rows'));
      assert(url && rows > 0, `an export link with rows (${url}, ${rows})`);
      assert((await page.locator('[data-testid="export-download"]').getAttribute('href')) === url, 'the download link should be the temporary URL');
      // The file is named as the screen names it (issue 15 #14), in the link itself (a cross-origin
      // download attribute is ignored): 企业诉求-YYYY-MM-DD.xlsx, never the record id.
      const saved = decodeURIComponent(new URL(url!).pathname.split('/').pop() ?? '');
      assert(/^企业诉求-\d{4}-\d{2}-\d{2}\.xlsx$/.test(saved), `the download saves as "${saved}"`);
      const res = await fetch(url!, { signal: AbortSignal.timeout(10_000) });
      const bytes = Buffer.from(await res.arrayBuffer());
      assert(res.ok && bytes.subarray(0, 2).toString('latin1') === 'PK', `the download should be an xlsx (zip): HTTP ${res.status}, starts ${JSON.stringify(bytes.subarray(0, 4).toString('latin1'))}`);
      await page.locator('[data-testid="export-history"] [data-testid^="export-"]').first().waitFor();
      await shot(page, 'console-exports-desktop');
      await page.reload();
      await page.locator('[data-testid="export-history"] [data-testid^="export-"]').first().waitFor();
      assert(norm(await page.locator('[data-testid="export-history"]').innerText()).includes(`${rows} 行`), 'the history should list the export with its rows');

      // Master data: the hub, member units, holiday corrections.
      await page.goto(appPath(env, 'staff/pages/master/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await page.locator('[data-testid="master-units"]').waitFor();
      await shot(page, 'console-master-desktop');
      await page.locator('[data-testid="master-units"]').click();
      const firstUnit = page.locator('[data-testid^="unit-"][data-active="true"]').first();
      await firstUnit.waitFor();
      const unitId = (await firstUnit.getAttribute('data-testid'))!.slice('unit-'.length);
      // Switched off and on again: the list follows the function's answer each time.
      await page.locator(`[data-testid="unit-toggle-${unitId}"]`).click();
      await page.locator(`[data-testid="unit-${unitId}"][data-active="false"]`).waitFor();
      await shot(page, 'console-units-desktop');
      await page.locator(`[data-testid="unit-toggle-${unitId}"]`).click();
      await page.locator(`[data-testid="unit-${unitId}"][data-active="true"]`).waitFor();
      const year = Number(beijingMonth().slice(0, 4)) + 1;
      await page.goto(appPath(env, 'staff/pages/holidays/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await page.locator('[data-testid="holiday-date"] input').fill(`${year}-05-06`);
      await page.locator('[data-testid="holiday-kind-workday"]').click();
      await page.locator('[data-testid="holiday-name"] input').fill('调休上班');
      await page.locator('[data-testid="holiday-add"]').click();
      await page.locator(`[data-testid="holiday-${year}-05-06"][data-kind="workday"]`).waitFor();
      await shot(page, 'console-holidays-desktop');
      await page.locator(`[data-testid="holiday-remove-${year}-05-06"]`).click();
      await page.locator(`[data-testid="holiday-${year}-05-06"]`).waitFor({ state: 'detached' });
    },
  },
  {
    name: '区级总览: the district supervisor sees every community side by side at a desk and on a phone (figures equal admin.districtOverview), and opens 兴平’s dashboard',
    async run({ env, newPage, shot }) {
      const qian = DemoUsers.find((u) => u.openid === 'demo-district-qian')!;
      type Overview = import('../core/api/console').DistrictOverview;
      for (const [label, viewport] of [
        ['desktop', DESKTOP],
        ['phone', PHONE],
      ] as const) {
        const page = await newPage({ viewport });
        await devLogin(env, page, qian);
        await page.locator('[data-testid="home-district"]').waitFor({ timeout: STEP_TIMEOUT_MS });
        if (label === 'desktop') await shot(page, 'district-home');
        await page.locator('[data-testid="nav-district"]').click({ timeout: STEP_TIMEOUT_MS });
        const panels = page.locator('[data-testid="district-panels"][data-status="ready"]');
        await panels.waitFor({ timeout: STEP_TIMEOUT_MS });
        const year = beijingMonth(0).slice(0, 4);
        const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const o = await okFn<Overview>(env.gatewayUrl, 'admin', 'districtOverview', { from: `${year}-01-01`, to: today }, qian.openid);
        assert((await panels.getAttribute('data-communities')) === String(o.communities.length), `${label}: ${await panels.getAttribute('data-communities')} communities shown, ${o.communities.length} in the overview`);
        const xp = o.communities.find((c) => c.communityId === 'xingping')!;
        const row = page.locator('[data-testid="district-row-xingping"]');
        assert((await row.getAttribute('data-questions')) === String(xp.questions), `${label}: 兴平 questions ${await row.getAttribute('data-questions')} vs ${xp.questions}`);
        assert((await row.getAttribute('data-tickets')) === String(xp.tickets), `${label}: 兴平 tickets`);
        assert((await page.locator('[data-testid="district-total-resolved"]').getAttribute('data-value')) === String(o.totals.requestsResolved), `${label}: district total resolved`);
        assert(xp.tickets > 0 && xp.questions > 0, `${label}: the demo community should have activity this year`);
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        assert(overflow <= 1, `${label}: the overview overflows sideways by ${overflow}px`);
        await shot(page, `district-overview-${label}`);
        if (label === 'desktop') {
          await row.click({ timeout: STEP_TIMEOUT_MS });
          await page.locator('[data-testid="dash-panels"][data-status="ready"]').waitFor({ timeout: STEP_TIMEOUT_MS });
          assert((await page.locator('[data-testid="ytd-requestsResolved"]').getAttribute('data-value')) === String(xp.requestsResolved), 'the community dashboard shows the same year-to-date figure as its overview row');
          await page.locator('[data-testid="staff-dashboard"]').getByText('兴平工业社区').first().waitFor({ timeout: STEP_TIMEOUT_MS });
          await shot(page, 'district-community-dashboard');
        }
      }
    },
  },
  {
    name: 'issue 15 #16 desk: staff at 1280 px get a sidebar and a back button on every subpage; home and a phone keep their layout (zh/en)',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
      try {
        for (const locale of ['zh-CN', 'en'] as const) {
          await setLocale(locale);
          const desk = await newPage({ viewport: DESKTOP });
          await devLogin(env, desk, zhang);
          assert((await desk.locator('[data-testid="home"] [data-testid="desk-nav"]').count()) === 0, 'home keeps its tiles, with no sidebar');
          for (const [route, root] of [
            ['tickets/pages/list/index', 'tickets-list'],
            ['clinic/pages/roster/index', 'clinic-roster'],
            ['staff/pages/exports/index', 'staff-exports'],
          ]) {
            await desk.goto(appPath(env, route), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
            const frame = desk.locator(`[data-testid="${root}"] [data-testid="desk-frame"]`);
            await frame.waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {
              throw new Error(`no desk frame (sidebar and back) on ${route}`);
            });
            await frame.locator('[data-testid="desk-back"]').waitFor();
            const links = await frame.locator('[data-testid="desk-nav"] .desk__link').count();
            assert(links >= 10, `the sidebar lists the staff screens (${links})`);
          }
          await shot(desk, `issue15-desk-exports-${locale}-1280`);
          // The sidebar goes straight to another screen, marked as the current one.
          await desk.locator('[data-testid="staff-exports"] [data-testid="desk-staff-problems"]').click();
          await desk.locator('[data-testid="staff-problems"] .desk__link--on').waitFor();
          await shot(desk, `issue15-desk-problems-${locale}-1280`);
          // Back leaves the page.
          await desk.locator('[data-testid="staff-problems"] [data-testid="desk-back"]').click();
          await desk.waitForURL((u) => !u.hash.includes('staff/pages/problems'), { timeout: STEP_TIMEOUT_MS });

          const phone = await newPage({ viewport: PHONE });
          await devLogin(env, phone, zhang);
          await phone.goto(appPath(env, 'staff/pages/problems/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
          await phone.locator('[data-testid="staff-problems"] [data-testid="problem-groups"]').waitFor();
          assert((await phone.locator('[data-testid="desk-frame"]').count()) === 0, 'a phone has no sidebar');
          await shot(phone, `issue15-desk-problems-${locale}-390`);
        }
      } finally {
        await setLocale('zh-CN');
      }
    },
  },
  {
    name: '消息 and 待办 (issue 14): a worker asks and allows notifications, a lawyer answers, the worker sees the badge and the inbox item and taps through to the answer; a demand shows as 待传单 1 on the instructor’s home, then 待派单 1 on staff’s; every role’s home with its to-dos, zh and en',
    async run({ env, newPage, shot }) {
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      const li = user('demo-worker-li');
      // The templates of the asking tap, configured for this case only (other cases ask nothing).
      const saved = Object.fromEntries(Object.keys(E2E_TEMPLATES).map((k) => [k, process.env[k]]));
      Object.assign(process.env, E2E_TEMPLATES);
      try {
        const worker = await newPage();
        await devLogin(env, worker, li);
        await worker.locator('[data-testid="home-todos"]').waitFor();
        await worker.locator('[data-testid="nav-qa-ask"]').click();
        await worker.locator('[data-testid="qa-ask"]').waitFor();
        const title = '夜班补贴的标准是多少';
        await worker.locator('[data-testid="qa-title"] input').fill(title);
        await worker.locator('[data-testid="qa-description"] textarea').fill('我在冲压车间上夜班，想知道公司应当按什么标准发夜班补贴。');
        await worker.locator('[data-testid="qa-category-legal"]').click();
        await worker.locator('[data-testid="qa-submit"]').click();
        // The consent dialog (H5's stand-in for WeChat's): allow.
        const allow = worker.locator('.taro-model__confirm');
        await allow.waitFor();
        await shot(worker, 'notify-1-consent-dialog');
        await allow.click();
        await worker.locator('[data-testid="qa-detail"][data-status="open"]').waitFor();
        const id = await worker.locator('[data-testid="qa-detail"]').getAttribute('data-id');
        assert(id, 'the question page should carry the question id');
        const ledger = (await (await fetch(`${env.gatewayUrl}/__emulator/subscribe?openid=${li.openid}`)).json()) as { ledger: Array<{ templateId: string; remaining: number }> };
        assert(ledger.ledger.some((e) => e.templateId === E2E_TEMPLATES.QA_TEMPLATE_ANSWERED && e.remaining === 1), `the emulator should hold the worker's consent: ${JSON.stringify(ledger)}`);

        // The lawyer answers (through the gateway: the browser journey is the worker's).
        const answer = '夜班补贴按企业规章制度和集体合同执行，可向工会咨询本厂标准。';
        await okFn(env.gatewayUrl, 'qa', 'claim', { id }, 'demo-lawyer-chen');
        await okFn(env.gatewayUrl, 'qa', 'answer', { id, text: answer }, 'demo-lawyer-chen');
        const outbox = (await (await fetch(`${env.gatewayUrl}/__emulator/outbox?touser=${li.openid}&templateId=${E2E_TEMPLATES.QA_TEMPLATE_ANSWERED}`)).json()) as { messages: unknown[] };
        assert(outbox.messages.length === 1, `exactly one "answered" message should reach the worker, not ${outbox.messages.length}`);

        // Home: the unread count on the tab bar and on home; the inbox; a tap opens the answer.
        await worker.goto(appPath(env, 'pages/index/index'));
        await waitHome(worker, 'worker');
        const inboxRow = worker.locator('[data-testid="home-inbox"]');
        await worker.waitForFunction(`Number(document.querySelector('[data-testid="home-inbox"]')?.getAttribute('data-count') ?? 0) > 0`);
        const unread = Number(await inboxRow.getAttribute('data-count'));
        const badge = worker.locator('.taro-tabbar-badge');
        await badge.waitFor();
        // The badge follows the count a moment later (it is set when home has loaded it).
        await worker
          .waitForFunction(`(document.querySelector('.taro-tabbar-badge')?.textContent ?? '').trim() === ${JSON.stringify(String(unread))}`, undefined, { timeout: 10_000 })
          .catch(() => undefined);
        const badgeText = norm(await badge.innerText());
        assert(badgeText === String(unread), `the tab bar badge should say ${unread}: ${badgeText}`);
        await shot(worker, 'notify-2-worker-home-badge');
        await inboxRow.click();
        // This question's item (an earlier case may have left the worker another answer, unread).
        const item = worker.locator(`[data-testid="inbox-item"][data-kind="qa.answered"][data-read="false"]`).filter({ hasText: title });
        await item.waitFor();
        await shot(worker, 'notify-3-inbox-zh');
        await item.click();
        const answered = worker.locator(`[data-testid="qa-detail"][data-id="${id}"] [data-testid="qa-message"][data-kind="answer"]`);
        await answered.waitFor();
        assert(norm(await answered.innerText()).includes(answer), 'the tap should open the answer');
        const page = await okFn<{ items: Array<{ kind: string; read: boolean }>; unread: number }>(env.gatewayUrl, 'user', 'inbox', {}, li.openid);
        assert(page.items.find((i) => i.kind === 'qa.answered')?.read === true && page.unread === unread - 1, `the item should be read now: ${JSON.stringify(page)}`);

        // A demand: the instructor's home counts it as 待传单, then staff's as 待派单.
        const count = async (openid: string, key: string) => ((await okFn<{ items: Array<{ key: string; count: number }> }>(env.gatewayUrl, 'user', 'todos', {}, openid)).items.find((i) => i.key === key)?.count ?? 0);
        const passOnBefore = await count('demo-instructor-huang', 'toPassOn');
        const dispatchBefore = await count('demo-staff-zhang', 'toDispatch');
        const t = await okFn<{ id: string; version: number }>(env.gatewayUrl, 'tickets', 'submit', { title: '夜班通勤班车需求', description: '夜班职工下班无公交，希望协调开通通勤班车。', category: 'other' }, 'demo-manager-wang');
        const homeCount = async (page: Page, role: string, key: string) => {
          await page.goto(appPath(env, 'pages/index/index'));
          await waitHome(page, role);
          const row = page.locator(`[data-testid="todo-${key}"]`);
          await row.waitFor();
          return Number(await row.getAttribute('data-count'));
        };
        const instructor = await newPage();
        await devLogin(env, instructor, user('demo-instructor-huang'));
        const passOn = await homeCount(instructor, 'instructor', 'toPassOn');
        assert(passOn === passOnBefore + 1, `the instructor's home should show 待传单 ${passOnBefore + 1}, not ${passOn}`);
        assert(norm(await instructor.locator('[data-testid="todo-toPassOn"]').innerText()).includes('待传单'), 'the line should say 待传单');
        await shot(instructor, 'notify-4-instructor-home-zh');
        await okFn(env.gatewayUrl, 'tickets', 'act', { id: t.id, version: t.version, act: 'accept', note: '已核实，请派单' }, 'demo-instructor-huang');
        const staff = await newPage();
        await devLogin(env, staff, user('demo-staff-zhang'));
        const toDispatch = await homeCount(staff, 'staff', 'toDispatch');
        assert(toDispatch === dispatchBefore + 1, `staff's home should show 待派单 ${dispatchBefore + 1}, not ${toDispatch}`);
        // 待办 above the desk's tiles.
        const [todoBox, tilesBox] = await Promise.all([staff.locator('[data-testid="home-todos"]').boundingBox(), staff.locator('[data-testid="nav-visits"]').boundingBox()]);
        assert(todoBox && tilesBox && todoBox.y < tilesBox.y, 'staff see 待办 above the desk tiles');
        await shot(staff, 'notify-5-staff-home-zh');
        // One tap to the filtered list.
        await staff.locator('[data-testid="todo-toDispatch"]').click();
        await staff.locator(`[data-testid="ticket-row"]`).first().waitFor();
        // Staff dispatch it: the unit's home counts it as 待签收 (shown by the next cases).
        const accepted = await okFn<{ version: number }>(env.gatewayUrl, 'tickets', 'get', { id: t.id }, 'demo-staff-zhang');
        const toSignBefore = await count('demo-unit-hr', 'toSign');
        await okFn(env.gatewayUrl, 'tickets', 'act', { id: t.id, version: accepted.version, act: 'dispatch', leadUnitId: 'unit-hrss', note: '请协调通勤班车' }, 'demo-staff-zhang');
        assert((await count('demo-unit-hr', 'toSign')) === toSignBefore + 1, 'the unit should count the demand to sign for');

      } finally {
        for (const [k, v] of Object.entries(saved)) {
          if (v === undefined) delete process.env[k];
          else process.env[k] = v;
        }
      }
    },
  },
  ...(['zh-CN', 'en'] as const).flatMap((locale) =>
    [
      [['demo-worker-li', 'worker'], ['demo-lawyer-chen', 'volunteer']],
      [['demo-instructor-huang', 'instructor'], ['demo-staff-zhang', 'staff'], ['demo-unit-hr', 'unit']],
    ].map((people) => ({
    name: `消息 and 待办 (issue 14): ${people.map(([, r]) => r).join(', ')} — home opens with the to-dos and the unread count (${locale})${people[0][1] === 'worker' ? ', and the inbox' : ''}`,
    weight: 0.6,
    async run({ env, newPage, shot }: CaseCtx) {
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      const tag = locale === 'en' ? 'en' : 'zh';
      if (people[0][1] === 'worker') {
        // The worker's inbox holds an answer of their own (not left by an earlier case: the lanes may run this one first).
        const write = issue15Writer(env);
        const q = await write<{ id: string }>('qa', 'ask', { title: '年假天数怎么算', description: '工作满一年后有几天年假？', category: 'legal' }, 'demo-worker-li');
        await write('qa', 'claim', { id: q.id }, 'demo-lawyer-chen');
        await write('qa', 'answer', { id: q.id, text: '累计工作满 1 年不满 10 年的，年休假 5 天。' }, 'demo-lawyer-chen');
      }
      try {
        for (const [openid, role] of people) {
          await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, openid);
          const p = await newPage();
          await devLogin(env, p, user(openid));
          await p.locator('[data-testid="home-todos"] [data-testid="home-inbox"]').waitFor();
          const todos = await okFn<{ items: Array<{ key: string; count: number }> }>(env.gatewayUrl, 'user', 'todos', {}, openid);
          for (const i of todos.items) {
            const shown = await p.locator(`[data-testid="todo-${i.key}"]`).getAttribute('data-count');
            assert(Number(shown) === i.count, `${role}: home shows ${i.key} ${shown}, user.todos says ${i.count}`);
          }
          await shot(p, `notify-home-${role}-${tag}`);
          if (role === 'worker') {
            await p.locator('[data-testid="home-inbox"]').click();
            await p.locator('[data-testid="inbox-item"]').first().waitFor();
            const text = norm(await p.locator('[data-testid="inbox"]').innerText());
            assert(text.includes(locale === 'en' ? 'Your question was answered' : '您的问题有了答复'), `the inbox should speak ${locale}: ${text.slice(0, 200)}`);
            await shot(p, `notify-inbox-${tag}`);
          }
          await p.context().close();
        }
      } finally {
        for (const [openid] of people) await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'zh-CN' }, openid);
      }
    },
  })),
  ),
  {
    name: 'issue 17 节假日: 2027 has no arrangement (only the statutory days known, a to-do); staff paste the 2027 notice, see the preview (a text that is not a notice shows its problem) and confirm; the make-up days appear (zh/en, phone/desk)',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
      const text = fs.readFileSync(path.join(ROOT, 'core/rules/fixtures/holiday-notices/2027-test.txt'), 'utf8');
      fs.mkdirSync(path.join(SHOTS, 'holidays'), { recursive: true });
      const combos = [
        { label: 'zh-390', locale: 'zh-CN', viewport: PHONE },
        { label: 'en-390', locale: 'en', viewport: PHONE },
        { label: 'en-1280', locale: 'en', viewport: DESKTOP },
        { label: 'zh-1280', locale: 'zh-CN', viewport: DESKTOP },
      ] as const;
      try {
        for (const [i, c] of combos.entries()) {
          await setLocale(c.locale);
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, zhang);
          await page.goto(appPath(env, 'staff/pages/holidays/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
          await page.locator('[data-testid="staff-holidays"]').waitFor();
          // From November the to-do asks for next year's arrangement; 2027 says only the statutory days are known.
          await page.locator('[data-testid="holiday-todo"][data-year="2027"]').waitFor();
          await page.locator('[data-testid="holiday-days-year-2027"]').click();
          await page.locator('[data-testid="holiday-coverage"][data-coverage="statutory_only"]').waitFor();
          await page.locator('[data-testid="holiday-day-2027-02-05"][data-kind="statutory"]').waitFor();
          await shot(page, `holidays/missing-${c.label}`);
          const box = page.locator('[data-testid="holiday-notice-text"] textarea');
          if (i === 0) {
            // Not a notice: the preview says why, and nothing can be confirmed.
            await box.fill('关于做好2027年元旦春节期间安全生产工作的通知：各企业要加强值班值守。');
            await page.locator('[data-testid="holiday-preview"]').click();
            await page.locator('[data-testid="holiday-preview-result"][data-can-import="false"] [data-testid="holiday-problem-not_a_notice"]').waitFor();
            await shot(page, `holidays/not-a-notice-${c.label}`);
          }
          await box.fill(text);
          await page.locator('[data-testid="holiday-preview"]').click();
          const preview = page.locator('[data-testid="holiday-preview-result"][data-can-import="true"]');
          await preview.waitFor();
          assert((await preview.locator('[data-testid="holiday-preview-item"]').count()) === 7, "the preview should list the notice's seven holidays");
          const said = norm(await preview.innerText());
          assert(said.includes('02-20'), `the preview should show the make-up working day 02-20: ${said}`);
          await shot(page, `holidays/preview-${c.label}`);
          if (i < combos.length - 1) continue;
          await page.locator('[data-testid="holiday-confirm"]').click();
          await page.locator('[data-testid="holiday-imported"]').waitFor();
          await page.locator('[data-testid="holiday-coverage"][data-coverage="imported"]').waitFor();
          await page.locator('[data-testid="holiday-day-2027-02-20"][data-kind="make_up"]').waitFor();
          assert((await page.locator('[data-testid="holiday-todo"]').count()) === 0, 'the to-do is gone once the arrangement is imported');
          await shot(page, `holidays/imported-${c.label}`);
        }
        const year = await okFn<{ coverage: string; days: Array<{ date: string; kind: string }> }>(env.gatewayUrl, 'admin', 'holidayYear', { year: 2027 }, zhang.openid);
        assert(year.coverage === 'imported' && year.days.some((d) => d.date === '2027-02-20' && d.kind === 'make_up'), `after the import: ${year.coverage}`);
      } finally {
        await setLocale('zh-CN');
      }
    },
  },
  // ---- issue 15: journeys finishable in the UI (改派, outcomes before the session, a low star, a booked duty) ----
  {
    name: 'issue 15 #1 改派: staff re-dispatch a demand through its form with the reason it asks for (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      type T = { id: string; version: number; status: string };
      let t = await write<T>('tickets', 'submit', { title: '危化品仓库消防整改咨询', description: '仓库消防整改要求不清楚，希望相关部门指导。', category: 'permit', urgency: 'normal' }, 'demo-manager-wang');
      const act = async (openid: string, input: Record<string, unknown>) => (t = await write<T>('tickets', 'act', { id: t.id, version: t.version, ...input }, openid));
      await act('demo-instructor-huang', { act: 'accept' });
      await act('demo-staff-zhang', { act: 'dispatch', leadUnitId: 'unit-hrss', assistUnitIds: [] });
      const combos = issue15Combos();
      try {
        for (const [i, c] of combos.entries()) {
          await write('user', 'updateSettings', { locale: c.locale }, 'demo-staff-zhang');
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!);
          await page.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
          await page.locator('[data-testid="tickets-detail"][data-status="dispatched"]').waitFor();
          await page.locator('[data-testid="ticket-act-redispatch"]').click();
          const form = page.locator('[data-testid="ticket-act-form"][data-act="redispatch"]');
          await form.waitFor();
          // The text it asks for is the reason the machine requires, marked required.
          const label = norm(await form.innerText());
          assert(label.includes(c.locale === 'en' ? 'Reason' : '原因'), `the 改派 form should ask for a reason: ${label}`);
          assert((await form.locator('.field__required').count()) >= 2, 'the lead unit and the reason should both be marked required');
          await form.locator('[data-testid="ticket-act-unit-unit-econ"]').click();
          const reason = c.locale === 'en' ? 'Fire safety is for the Economy Bureau, not HR.' : '消防整改不属于人社职责，改由经信局牵头。';
          await form.locator('[data-testid="ticket-act-note"] textarea').fill(reason);
          if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="tickets-detail"]', `改派 form ${c.label}`);
          await issue15Shot(page, `redispatch-form-${c.label}`);
          if (i < combos.length - 1) continue;
          await form.locator('[data-testid="ticket-act-confirm"]').click();
          await page.locator('[data-testid="ticket-act-done"]').waitFor();
          await page.locator(`[data-testid="tickets-detail"][data-version="${t.version + 1}"]`).waitFor();
          const entry = page.locator('[data-testid="ticket-timeline-entry"][data-act="redispatch"]');
          await entry.waitFor();
          assert(norm(await entry.innerText()).includes(reason), 'the timeline should show the reason of the 改派');
          await issue15Shot(page, `redispatch-done-${c.label}`);
        }
        const after = await okFn<{ status: string; leadUnitName?: string; timeline: Array<{ act: string; note?: string }> }>(env.gatewayUrl, 'tickets', 'get', { id: t.id }, 'demo-staff-zhang');
        assert(after.status === 'dispatched' && after.leadUnitName === '经信局', `after 改派: ${after.status}, ${after.leadUnitName}`);
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-staff-zhang');
      }
    },
  },
  {
    name: 'issue 15 #3 #5 三师: no outcome before the consultation starts; a booked duty offers a handover, not a cancel (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
      const settings = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, chen.openid);
      // An upcoming session 陈律师 sits in, still bookable.
      const weeks = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'onDuty', { days: 28 }, chen.openid);
      const session = weeks.find((s) => s.duties.some((d) => d.volunteerOpenid === chen.openid) && Date.parse(s.startsAt) - (settings.cutoffHours + 1) * 3_600_000 > Date.now());
      assert(session, 'no upcoming session with 陈律师 on duty');
      const sid = session.id;
      const slots = await okFn<Array<{ index: number; free: number }>>(env.gatewayUrl, 'clinic', 'slots', { sessionId: sid, profession: 'lawyer' }, 'demo-worker-zhao');
      const slot = slots.find((s) => s.free > 0);
      assert(slot, `no free lawyer slot in ${sid}`);
      const booked = await write<ConsultationView>('clinic', 'book', { sessionId: sid, profession: 'lawyer', slotIndex: slot.index, description: '工伤认定需要准备哪些材料？' }, 'demo-worker-zhao');
      try {
        const early = await callFn(env.gatewayUrl, 'clinic', 'recordOutcome', { id: booked.id, attended: true, advice: '提前写的意见' }, chen.openid, `e2e-i15-early-${Date.now()}`);
        assert(!early.ok && early.error.code === 'CLINIC.OUTCOME_TOO_EARLY', `an outcome before the session should be refused: ${JSON.stringify(early)}`);
        const cancel = await callFn(env.gatewayUrl, 'clinic', 'cancelDuty', { sessionId: sid }, chen.openid, `e2e-i15-cancel-${Date.now()}`);
        assert(!cancel.ok && cancel.error.code === 'CLINIC.DUTY_HAS_BOOKINGS', `cancelling a booked duty should be refused: ${JSON.stringify(cancel)}`);
        for (const c of issue15Combos()) {
          await write('user', 'updateSettings', { locale: c.locale }, chen.openid);
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, chen);
          // 本场咨询 before it starts: the booking, when recording opens, and no 已到场 / 未到场.
          await page.goto(appPath(env, `clinic/pages/session/index?sessionId=${encodeURIComponent(sid)}`), { waitUntil: 'load' });
          const row = page.locator(`[data-testid="clinic-session"] [data-testid="clinic-booking"][data-id="${booked.id}"]`);
          await row.waitFor();
          await row.locator('[data-testid="clinic-outcome-later"]').waitFor();
          assert((await row.locator('[data-testid="clinic-outcome-form"]').count()) === 0, 'no outcome form before the consultation starts');
          const later = norm(await row.locator('[data-testid="clinic-outcome-later"]').innerText());
          assert(later.includes(sid.slice(0, 10)), `the note should say when the consultation starts: ${later}`);
          if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-session"]', `session page ${c.label}`);
          await issue15Shot(page, `clinic-outcome-later-${c.label}`);
          // 我的坐诊: the booked duty says to hand it over; there is no 取消坐诊.
          await page.goto(appPath(env, 'clinic/pages/duties/index'), { waitUntil: 'load' });
          await page.locator('[data-testid="clinic-duties"]').waitFor();
          await showMonth(page, sid.slice(0, 7));
          const card = page.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`);
          await card.locator('[data-testid="clinic-duty-locked"]').waitFor();
          assert((await card.locator('[data-testid="clinic-duty-cancel"]').count()) === 0, 'a booked duty should offer no cancel');
          assert(!/btn--(secondary|ghost)/.test((await card.locator('[data-testid="clinic-duty-handover"]').getAttribute('class')) ?? ''), 'the handover should be the primary action');
          await card.scrollIntoViewIfNeeded();
          if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-my-duties"]', `duties ${c.label}`);
          await issue15Shot(page, `clinic-duty-locked-${c.label}`);
        }
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, chen.openid);
        await callFn(env.gatewayUrl, 'clinic', 'cancelBooking', { id: booked.id }, 'demo-worker-zhao', `e2e-i15-unbook-${Date.now()}`);
      }
    },
  },
  {
    name: 'issue 15 #4 满意度: one item at 2★ is dissatisfied — the rate page says what will happen before submitting, and the demand reopens (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      type T = { id: string; version: number; status: string };
      let t = await write<T>('tickets', 'submit', { title: '叉车证集中培训', description: '二十名叉车工证件到期，希望组织集中培训。', category: 'recruiting', urgency: 'normal' }, 'demo-manager-wang');
      const act = async (openid: string, input: Record<string, unknown>) => (t = await write<T>('tickets', 'act', { id: t.id, version: t.version, ...input }, openid));
      await act('demo-instructor-huang', { act: 'accept' });
      await act('demo-staff-zhang', { act: 'dispatch', leadUnitId: 'unit-hrss', assistUnitIds: [] });
      await act('demo-unit-hr', { act: 'sign' });
      await act('demo-unit-hr', { act: 'resolve', note: '已联系培训机构，下月开班。' });
      const combos = issue15Combos();
      try {
        for (const [i, c] of combos.entries()) {
          await write('user', 'updateSettings', { locale: c.locale }, 'demo-manager-wang');
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, DemoUsers.find((u) => u.openid === 'demo-manager-wang')!);
          await page.goto(appPath(env, `revisit/pages/rate/index?caseKind=ticket&caseId=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
          await page.locator('[data-testid="revisit-rate"][data-state="form"]').waitFor();
          // Before any star: the rule; 4/3/2 averages 3★ and is still dissatisfied.
          await page.locator('[data-testid="revisit-rate-rule"]').waitFor();
          await page.locator('[data-testid="revisit-rate-speed-4"]').click();
          await page.locator('[data-testid="revisit-rate-attitude-3"]').click();
          await page.locator('[data-testid="revisit-rate-result-2"]').click();
          const will = page.locator('[data-testid="revisit-rate-will"][data-kind="reopened"]');
          await will.waitFor();
          assert(norm(await will.innerText()).includes(c.locale === 'en' ? 'Result' : '办理结果'), 'the note should name the low item');
          await will.scrollIntoViewIfNeeded();
          if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="revisit-rate"]', `rate page ${c.label}`);
          await issue15Shot(page, `rate-dissatisfied-${c.label}`);
          if (i < combos.length - 1) continue;
          await page.locator('[data-testid="revisit-rate-submit"]').click();
          await page.locator('[data-testid="revisit-rate-consequence"][data-kind="reopened"]').waitFor();
          await page.locator('[data-testid="revisit-rate-overall"][data-overall="3"]').waitFor();
          await issue15Shot(page, `rate-reopened-${c.label}`);
        }
        const after = await okFn<{ status: string }>(env.gatewayUrl, 'tickets', 'get', { id: t.id }, 'demo-staff-zhang');
        assert(after.status === 'in_progress', `a 4/3/2 rating should reopen the demand, it is ${after.status}`);
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-manager-wang');
      }
    },
  },
  {
    name: 'issue 15 #7 问诊: before any answer the asker sees a secondary 撤回提问 that asks first, not a one-tap 问题已解决 (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const li = DemoUsers.find((u) => u.openid === 'demo-worker-li')!;
      const q = await write<{ id: string }>('qa', 'ask', { title: '夜班补贴怎么算', description: '上夜班有没有补贴，按什么标准？', category: 'legal' }, li.openid);
      const combos = issue15Combos();
      try {
        for (const [i, c] of combos.entries()) {
          await write('user', 'updateSettings', { locale: c.locale }, li.openid);
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, li);
          await page.goto(appPath(env, `qa/pages/detail/index?id=${encodeURIComponent(q.id)}`), { waitUntil: 'load' });
          await page.locator('[data-testid="qa-detail"][data-status="open"]').waitFor();
          const withdraw = page.locator('[data-testid="qa-withdraw"]');
          await withdraw.waitFor();
          assert((await page.locator('[data-testid="qa-solve"]').count()) === 0, 'no 问题已解决 before an answer');
          assert(((await withdraw.getAttribute('class')) ?? '').includes('btn--ghost'), '撤回 should be a secondary (ghost) button');
          if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="qa-detail"]', `Q&A detail ${c.label}`);
          await issue15Shot(page, `qa-withdraw-${c.label}`);
          // A tap asks first; keeping it changes nothing.
          const foot = await openModal(page, withdraw);
          await issue15Shot(page, `qa-withdraw-confirm-${c.label}`);
          if (i < combos.length - 1) {
            await foot.getByText(c.locale === 'en' ? 'Keep it' : '不撤回').click();
            await foot.waitFor({ state: 'hidden' });
            assert((await page.locator('[data-testid="qa-detail"]').getAttribute('data-status')) === 'open', 'keeping the question leaves it open');
            continue;
          }
          await foot.getByText(c.locale === 'en' ? 'Withdraw' : '撤回', { exact: true }).click();
          await page.locator('[data-testid="qa-detail"][data-status="solved"]').waitFor();
          await page.locator('[data-testid="qa-solved-note"][data-withdrawn="true"]').waitFor();
          await issue15Shot(page, `qa-withdrawn-${c.label}`);
        }
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, li.openid);
      }
    },
  },
  {
    name: 'issue 15 #8 declining the privacy notice: what works without a record (FAQ, clinic calendar), the scanned code remembered on home, and the way back to join (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const combos = issue15Combos();
      for (const [i, c] of combos.entries()) {
        const page = await newPage({ viewport: c.viewport });
        if (c.locale === 'en') {
          // A visitor with no record (the code gives them a guest identity) picks English on the me page (kept on the device).
          await page.goto(appPath(env, 'pages/entry/index?scene=E-YSQC'), { waitUntil: 'load' });
          await page.locator('[data-testid="privacy-decline"]').waitFor();
          await openMe(env, page);
          await page.locator('[data-testid="lang-en"]').click();
          await page.waitForTimeout(200);
        }
        await page.goto(appPath(env, 'pages/entry/index?scene=E-YSQC'), { waitUntil: 'load' });
        await page.locator('[data-testid="privacy-decline"]').click();
        const declined = page.locator('[data-testid="privacy-declined"]');
        await declined.waitFor();
        if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="entry"]', `declined ${c.label}`);
        await issue15Shot(page, `privacy-declined-${c.label}`);
        if (i > 0) continue;
        // Without a record: the FAQ opens.
        await page.locator('[data-testid="declined-faq"]').click();
        await page.waitForURL(/qa\/pages\/faq/);
        await page.locator('[data-testid="qa-faq"]').waitFor();
        // Home remembers the scanned code and leads back to the notice; accepting joins 嘉兴甬森.
        await page.goto(appPath(env, 'pages/index/index'), { waitUntil: 'load' });
        await waitHome(page, 'guest');
        const pending = page.locator('[data-testid="guest-pending"]');
        await pending.waitFor();
        await issue15Shot(page, `privacy-home-pending-${c.label}`);
        await pending.locator('[data-testid="guest-pending-review"]').click();
        await page.locator('[data-testid="privacy-accept"]').click();
        await waitHome(page, 'worker');
        assert(norm(await page.locator('[data-testid="home"]').innerText()).includes('嘉兴甬森'), 'accepting later should join the scanned enterprise');
        assert((await page.locator('[data-testid="guest-pending"]').count()) === 0, 'nothing pending once joined');
      }
    },
  },
  {
    name: 'issue 15 #12 staff demand page: the next step is the primary button, 升级 asks first, the unit sees the enterprise contact; a visit problem warns of a live demand of its kind (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      type T = { id: string; version: number; status: string; number: string };
      let t = await write<T>('tickets', 'submit', { title: '冲压车间普工招聘', description: '急需普工 20 名。', category: 'recruiting', urgency: 'normal' }, 'demo-manager-wang');
      const act = async (openid: string, input: Record<string, unknown>) => (t = await write<T>('tickets', 'act', { id: t.id, version: t.version, ...input }, openid));
      await act('demo-instructor-huang', { act: 'accept' });
      await act('demo-staff-zhang', { act: 'dispatch', leadUnitId: 'unit-hrss', assistUnitIds: [] });
      const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
      const visit = await write<{ id: string }>('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: today, met: '王海燕（企业联络员）', topics: ['用工'], notes: '用工紧张', problems: [{ category: 'recruiting', theme: '用工', description: '冲压车间还缺普工' }] }, 'demo-staff-zhang');
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      try {
        for (const c of issue15Combos()) {
          await write('user', 'updateSettings', { locale: c.locale }, 'demo-unit-hr');
          await write('user', 'updateSettings', { locale: c.locale }, 'demo-staff-zhang');
          // The unit: 签收 is the next step (primary), 退单 a ghost; the enterprise's contact with its phone.
          const unit = await newPage({ viewport: c.viewport });
          await devLogin(env, unit, user('demo-unit-hr'));
          await unit.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
          await unit.locator('[data-testid="tickets-detail"][data-status="dispatched"]').waitFor();
          const contact = norm(await unit.locator('[data-testid="ticket-contact"]').innerText());
          assert(contact.includes('13857301234') && contact.includes('王海燕'), `the unit should see the enterprise contact: ${contact}`);
          const cls = async (id: string) => (await unit.locator(`[data-testid="${id}"]`).getAttribute('class')) ?? '';
          assert(!/btn--(secondary|ghost)/.test(await cls('ticket-act-sign')), '签收 should be the primary action');
          assert((await cls('ticket-act-return')).includes('btn--ghost'), '退单 should be a ghost');
          if (c.viewport.width < 1000) await assertTargets(unit, '[data-testid="tickets-detail"]', `unit demand ${c.label}`);
          await issue15Shot(unit, `ticket-unit-${c.label}`);
          // Staff: 升级 cannot be taken back, so the form asks once more.
          const staff = await newPage({ viewport: c.viewport });
          await devLogin(env, staff, user('demo-staff-zhang'));
          await staff.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
          await staff.locator('[data-testid="ticket-act-escalate"]').click();
          const foot = await openModal(staff, staff.locator('[data-testid="ticket-act-form"][data-act="escalate"] [data-testid="ticket-act-confirm"]'));
          await issue15Shot(staff, `ticket-escalate-confirm-${c.label}`);
          await foot.getByText(c.locale === 'en' ? 'Cancel' : '取消').click();
          await foot.waitFor({ state: 'hidden' });
          assert((await staff.locator('[data-testid="tickets-detail"]').getAttribute('data-rung')) === '0', 'cancelling the confirmation escalates nothing');
          // The visit: its open problem is of the same kind as the live demand — a warning, and a confirm before a second demand.
          await staff.goto(appPath(env, `staff/pages/visit/index?id=${encodeURIComponent(visit.id)}`), { waitUntil: 'load' });
          const similar = staff.locator('[data-testid="problem-0-similar"]');
          await similar.waitFor();
          assert((await similar.getAttribute('data-ticket')) !== null, 'the warning names the live demand');
          const ask = await openModal(staff, staff.locator('[data-testid="problem-0-to-ticket"]'));
          await ask.getByText(c.locale === 'en' ? 'Don’t' : '不新建').click();
          await ask.waitFor({ state: 'hidden' });
          await similar.scrollIntoViewIfNeeded();
          if (c.viewport.width < 1000) await assertTargets(staff, '.console-problem', `visit problem ${c.label}`);
          await issue15Shot(staff, `visit-similar-${c.label}`);
          assert((await staff.locator('[data-testid="problem-0"]').getAttribute('data-status')) === 'open', 'declining keeps the problem open');
        }
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-unit-hr');
        await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-staff-zhang');
      }
    },
  },
  {
    name: 'issue 15 #6 三师 服务联络站: staff edit where the clinic sits in the clinic settings — a phone without its area code is refused with the field named, the preview follows the form (zh desk, en phone)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const before = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, zhang.openid);
      assert(before.station, 'the demo community should have its station seeded');
      const newAddress = '平湖市兴平路 68 号 党群服务中心二楼';
      const newAddressEn = '2F, Community Service Centre, 68 Xingping Road, Pinghu';
      const newPhone = '0573-85012399';
      const input = (form: ReturnType<Page['locator']>, id: string) => form.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();
      try {
        for (const c of [issue15Combos()[3], issue15Combos()[1]]) {
          await write('user', 'updateSettings', { locale: c.locale }, zhang.openid);
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, zhang);
          await page.goto(appPath(env, 'clinic/pages/roster/index'), { waitUntil: 'load' });
          const form = page.locator('[data-testid="clinic-station-form"]');
          await input(form, 'clinic-station-name').waitFor();
          await form.scrollIntoViewIfNeeded();
          if (c.locale === 'zh-CN') {
            await input(form, 'clinic-station-address-input').fill(newAddress);
            await input(form, 'clinic-station-address-en').fill(newAddressEn);
            // A number without its area code is refused with the field named; then the right one saves.
            await input(form, 'clinic-station-phone-input').fill('85012399');
            await form.locator('[data-testid="clinic-station-save"]').click();
            await form.locator('[data-testid="error"]').waitFor();
            assert(norm(await form.locator('[data-testid="error"]').innerText()).includes('联络站电话'), 'the error should name the station phone');
            await input(form, 'clinic-station-phone-input').fill(newPhone);
            assert(norm(await form.locator('[data-testid="clinic-station-address"]').innerText()) === newAddress, 'the preview follows the form');
            await form.locator('[data-testid="clinic-station-save"]').click();
            await form.locator('[data-testid="clinic-station-saved"]').waitFor();
            const after = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, 'demo-worker-li');
            assert(after.station?.address === newAddress && after.station.addressEn === newAddressEn && after.station.phone === newPhone, `the station should be saved: ${JSON.stringify(after.station)}`);
          }
          if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-station-form"]', `station form ${c.label}`);
          await issue15Shot(page, `clinic-station-form-${c.label}`);
        }
      } finally {
        await write('clinic', 'updateSettings', { station: before.station }, zhang.openid);
        await write('user', 'updateSettings', { locale: 'zh-CN' }, zhang.openid);
      }
    },
  },
  {
    name: 'issue 15 #6 三师 where to go: the booking confirmation and 我的预约 show the 服务联络站 (address, map, phone) with the volunteer and the weekday (zh phone→desk, en desk→phone)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const { station, cutoffHours } = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, 'demo-worker-li');
      assert(station?.addressEn, 'the demo station should have its address in both languages');
      // An upcoming session 刘会计 sits in, still bookable.
      const weeks = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'onDuty', { days: 28 }, 'demo-worker-li');
      const session = weeks.find((s) => s.duties.some((d) => d.volunteerOpenid === 'demo-accountant-liu') && Date.parse(s.startsAt) - (cutoffHours + 1) * 3_600_000 > Date.now());
      assert(session, 'no upcoming session with 刘会计 on duty');
      const weekday = { 'zh-CN': ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'][session.weekday], en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][session.weekday] };
      const bookers = [
        { user: DemoUsers.find((u) => u.openid === 'demo-worker-li')!, book: issue15Combos()[0], mine: issue15Combos()[3], restore: 'zh-CN' as const },
        { user: DemoUsers.find((u) => u.openid === 'demo-manager-schmidt')!, book: issue15Combos()[2], mine: issue15Combos()[1], restore: 'en' as const },
      ];
      const booked: Array<{ id: string; openid: string }> = [];
      try {
        for (const b of bookers) {
          const locale = b.book.locale;
          const address = locale === 'en' ? station.addressEn : station.address;
          await write('user', 'updateSettings', { locale }, b.user.openid);
          const page = await newPage({ viewport: b.book.viewport });
          await devLogin(env, page, b.user);
          await page.goto(appPath(env, `clinic/pages/book/index?sessionId=${encodeURIComponent(session.id)}&profession=accountant`), { waitUntil: 'load' });
          const free = page.locator('[data-testid="clinic-slot"]:not([data-free="0"])').first();
          await free.waitFor();
          await free.click();
          await page.locator('[data-testid="clinic-description"] textarea').fill(locale === 'en' ? 'Transfer pricing documentation for our parent company' : '个税汇算清缴怎么办理？');
          await page.locator('[data-testid="clinic-book-submit"]').click();
          const done = page.locator('[data-testid="clinic-book-done"]');
          await done.waitFor();
          booked.push({ id: (await done.getAttribute('data-id'))!, openid: b.user.openid });
          assert(norm(await done.innerText()).includes(weekday[locale]), `the confirmation should say the weekday: ${norm(await done.innerText())}`);
          const where = page.locator('[data-testid="clinic-book-station"]');
          await where.waitFor();
          const text = norm(await where.innerText());
          assert(text.includes(address) && text.includes(station.phone) && text.includes('刘会计'), `the confirmation should say where, the phone and who: ${text}`);
          if (b.book.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-book"]', `booking confirmation ${b.book.label}`);
          await issue15Shot(page, `clinic-booked-station-${b.book.label}`);
          // 查看地图 in a browser opens the web map at the station's point (answered locally here: no network).
          await page.context().route('https://uri.amap.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>map</title>' }));
          const [map] = await Promise.all([page.context().waitForEvent('page'), where.locator('[data-testid="clinic-station-map"]').click()]);
          assert(map.url().includes(encodeURIComponent(`${station.longitude},${station.latitude}`)), `the map should open at the station: ${map.url()}`);
          await map.close();

          // 我的预约 at the other width: the station card, the volunteer and the weekday on the booking.
          const mine = await newPage({ viewport: b.mine.viewport });
          await devLogin(env, mine, b.user);
          await mine.goto(appPath(env, 'clinic/pages/mine/index'), { waitUntil: 'load' });
          const row = mine.locator(`[data-testid="clinic-booking"][data-id="${booked[booked.length - 1].id}"]`);
          await row.waitFor();
          const rowText = norm(await row.innerText());
          assert(rowText.includes(weekday[locale]) && rowText.includes('刘会计'), `我的预约 should show the weekday and the volunteer: ${rowText}`);
          const card = norm(await mine.locator('[data-testid="clinic-mine-station"]').innerText());
          assert(card.includes(address) && card.includes(station.phone), `我的预约 should say where to go: ${card}`);
          if (b.mine.viewport.width < 1000) await assertTargets(mine, '[data-testid="clinic-mine"]', `我的预约 ${b.mine.label}`);
          await issue15Shot(mine, `clinic-mine-station-${b.mine.label}`);
        }
      } finally {
        for (const b of booked) await callFn(env.gatewayUrl, 'clinic', 'cancelBooking', { id: b.id }, b.openid, `e2e-i15-6-${Date.now()}-${b.id}`);
        for (const b of bookers) await write('user', 'updateSettings', { locale: b.restore }, b.user.openid);
      }
    },
  },
  {
    name: 'issue 15 #13 生成排班: a preview first (duties it would assign, each gap with its reason and fix), nothing written until 确认保存; a month grid at a desk; closed days picked, not typed (zh/en, phone/desk)',
    async run({ env, newPage, shot }) {
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
      const month = beijingMonth(1);
      try {
        const combos = [
          { locale: 'zh-CN', viewport: PHONE, label: 'zh-390' },
          { locale: 'en', viewport: PHONE, label: 'en-390' },
          { locale: 'en', viewport: DESKTOP, label: 'en-1280' },
          { locale: 'zh-CN', viewport: DESKTOP, label: 'zh-1280' },
        ] as const;
        for (const [i, c] of combos.entries()) {
          await setLocale(c.locale);
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, zhang);
          await page.goto(appPath(env, 'clinic/pages/roster/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
          await page.locator('[data-testid="clinic-roster"] [data-testid="clinic-month-grid"]').waitFor();
          await showMonth(page, month);
          await page.locator('[data-testid="clinic-plan-rotation"]').click();
          const preview = page.locator('[data-testid="clinic-plan-preview"]');
          await preview.waitFor();
          const reasons = await page.evaluate<(string | null)[]>(`[...document.querySelectorAll('[data-testid="clinic-plan-preview"] [data-testid="clinic-gap-reason"]')].map((e) => e.getAttribute('data-reason'))`);
          assert(reasons.every((r) => r === 'no_volunteer' || r === 'cap_reached' || r === 'unavailable'), `every gap says why: ${reasons.join(',')}`);
          await shot(page, `issue15-roster-preview-${c.label}`);
          if (c.viewport === DESKTOP) {
            await page.locator('[data-testid="clinic-roster-calendar"]').scrollIntoViewIfNeeded();
            const cols = await page.evaluate<number>(`getComputedStyle(document.querySelector('[data-testid="clinic-roster"] [data-testid="clinic-month-grid"]')).gridTemplateColumns.split(' ').length`);
            assert(cols >= 3, `a month grid at a desk (${cols} columns)`);
            await shot(page, `issue15-roster-grid-${c.label}`);
          }
          if (i < combos.length - 1) {
            await page.locator('[data-testid="clinic-plan-cancel"]').click();
            await preview.waitFor({ state: 'hidden' });
            continue;
          }
          // The last one saves: the preview's count is what gets written.
          const proposed = await page.locator('[data-testid="clinic-proposed-duty"]').count();
          if (proposed > 0) {
            await page.locator('[data-testid="clinic-plan-save"]').click();
            await page.locator('[data-testid="clinic-planned"]').waitFor();
          }
          // Closed days: a date picker and chips, no typed list.
          const closures = page.locator('[data-testid="clinic-settings-closures"]');
          await closures.scrollIntoViewIfNeeded();
          await page.locator('[data-testid="clinic-settings-closures-add"]').waitFor();
          assert((await page.locator('[data-testid="clinic-settings"] input[maxlength="400"]').count()) === 0, 'no typed date lists');
          await shot(page, `issue15-roster-settings-${c.label}`);
        }
      } finally {
        await setLocale('zh-CN');
      }
    },
  },
  // -------------------------------------------------------------------------------------------
  // Issue 15 write coverage, share B (helper e2e2): qa.release, qa.requestInfo, qa.reply,
  // qa.publishFaq, qa.updateFaq, qa.unpublishFaq; clinic.cancelDuty, clinic.offerHandover,
  // clinic.acceptHandover, clinic.declineHandover, clinic.joinWaitlist, clinic.leaveWaitlist,
  // clinic.cancelBooking, clinic.reschedule — each through the screen that offers it. Helpers:
  // i15b* below the cases array.
  {
    name: 'issue 15 问诊 (share B): 陈律师 releases a claimed question, claims it again and asks for details; 李小红 replies (en); after the answer staff publish it as an FAQ entry, edit it and unpublish it (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      const li = user('demo-worker-li');
      const title = '加班费按什么基数计算';
      const q = await write<{ id: string }>('qa', 'ask', { title, description: '公司按当地最低工资给我算加班费，这样合理吗？', category: 'legal' }, li.openid);
      const detailUrl = appPath(env, `qa/pages/detail/index?id=${encodeURIComponent(q.id)}`);
      const status = (p: Page, s: string) => p.locator(`[data-testid="qa-detail"][data-status="${s}"]`).waitFor();
      const get = () => okFn<QuestionDetail>(env.gatewayUrl, 'qa', 'get', { id: q.id }, 'demo-staff-zhang');
      try {
        // One phone the people take turns on (a dev login on a running app is quick; each new page boots it).
        // The lawyer claims it, lets it go again (释放), claims it once more and asks for details.
        const lawyer = await newPage();
        await devLogin(env, lawyer, user('demo-lawyer-chen'));
        await lawyer.goto(detailUrl, { waitUntil: 'load' });
        await status(lawyer, 'open');
        await lawyer.locator('[data-testid="qa-claim"]').click();
        await status(lawyer, 'claimed');
        await lawyer.locator('[data-testid="qa-release"]').click();
        await status(lawyer, 'open');
        const released = await get();
        assert(released.status === 'open' && !released.claimedByName, `released: status ${released.status}, held by ${released.claimedByName}`);
        await lawyer.locator('[data-testid="qa-claim"]').click();
        await status(lawyer, 'claimed');
        const ask = '请问劳动合同约定的月工资是多少？加班是在工作日还是休息日？';
        await lawyer.locator('[data-testid="qa-answer-text"] textarea').fill(ask);
        await lawyer.locator('[data-testid="qa-request-info"]').click();
        await lawyer.locator('[data-testid="qa-detail"][data-status="awaiting_info"] [data-testid="qa-message"][data-kind="request_info"]').waitFor();
        await assertTargets(lawyer, '[data-testid="qa-detail"]', 'Q&A detail after 补充说明 (zh-390)');
        await issue15Shot(lawyer, 'qa-request-info-zh-390');

        // The asker (reading English) sees the request and replies with the details.
        await write('user', 'updateSettings', { locale: 'en' }, li.openid);
        const worker = lawyer;
        await devLogin(env, worker, li);
        await worker.goto(detailUrl, { waitUntil: 'load' });
        const request = worker.locator('[data-testid="qa-detail"][data-status="awaiting_info"] [data-testid="qa-message"][data-kind="request_info"]');
        await request.waitFor();
        assert(norm(await request.innerText()).includes(ask), 'the asker should read what the lawyer asks');
        const reply = '合同约定月工资 6500 元，加班多在周六。';
        await worker.locator('[data-testid="qa-reply-text"] textarea').fill(reply);
        await assertTargets(worker, '[data-testid="qa-detail"]', 'Q&A detail, the asker replies (en-390)');
        await issue15Shot(worker, 'qa-reply-en-390');
        await worker.locator('[data-testid="qa-reply-submit"]').click();
        await worker.locator('[data-testid="qa-detail"][data-status="claimed"] [data-testid="qa-message"]', { hasText: reply }).waitFor();
        const replied = await get();
        assert(replied.status === 'claimed' && replied.messages.some((m) => m.text === reply), `after the reply: status ${replied.status}`);

        // The lawyer answers (qa.answer is the daily Q&A case's; here it makes the question publishable).
        await devLogin(env, lawyer, user('demo-lawyer-chen'));
        await lawyer.goto(detailUrl, { waitUntil: 'load' });
        await lawyer.locator('[data-testid="qa-detail"][data-status="claimed"] [data-testid="qa-message"]', { hasText: reply }).waitFor();
        const answer = '加班费应以劳动合同约定的工资为基数，休息日加班按 200% 支付，不得按最低工资计算。';
        await lawyer.locator('[data-testid="qa-answer-text"] textarea').fill(answer);
        await lawyer.locator('[data-testid="qa-answer-submit"]').click();
        await status(lawyer, 'answered');

        // Staff at a desk: 发布为常见问题 from the question, prefilled; English added; published.
        const staff = lawyer;
        await staff.setViewportSize(DESKTOP);
        await devLogin(env, staff, user('demo-staff-zhang'));
        await staff.goto(detailUrl, { waitUntil: 'load' });
        await status(staff, 'answered');
        await staff.locator('[data-testid="qa-publish-faq"]').click();
        const form = (testId: string, tag: 'input' | 'textarea') => staff.locator(`[data-testid="${testId}"] ${tag}`).filter({ visible: true });
        await eventually(async () => (await form('qa-faq-question-zh', 'input').inputValue()) === title, 'the FAQ form should start from the question’s title');
        assert((await form('qa-faq-answer-zh', 'textarea').inputValue()) === answer, 'the FAQ form should start from the answer');
        await form('qa-faq-question-en', 'input').fill('How is overtime pay calculated?');
        await form('qa-faq-answer-en', 'textarea').fill('On the wage agreed in the labour contract; rest-day overtime is paid at 200%, never on the minimum wage.');
        await issue15Shot(staff, 'qa-faq-publish-zh-1280');
        await staff.locator('[data-testid="qa-faq-save"]').filter({ visible: true }).click();
        const faqPage = staff.locator('[data-testid="qa-faq-detail"][data-id]').filter({ visible: true });
        await faqPage.waitFor();
        const faqId = (await faqPage.getAttribute('data-id'))!;
        const published = await okFn<FaqEntry>(env.gatewayUrl, 'qa', 'getFaq', { id: faqId }, li.openid);
        assert(published.sourceQuestionId === q.id && published.question.en === 'How is overtime pay calculated?', `published: ${JSON.stringify(published)}`);
        assert((await get()).faqId === faqId, 'the question should link to its FAQ entry');

        // 编辑: a sentence added to the Chinese answer, saved, shown.
        await faqPage.locator('[data-testid="qa-faq-edit"]').click();
        await eventually(async () => (await form('qa-faq-answer-zh', 'textarea').inputValue()) === answer, 'the edit form should hold the entry');
        const more = `${answer}协商不成可申请劳动仲裁。`;
        await form('qa-faq-answer-zh', 'textarea').fill(more);
        await staff.locator('[data-testid="qa-faq-save"]').filter({ visible: true }).click();
        await staff.locator('[data-testid="qa-faq-answer"]', { hasText: '劳动仲裁' }).filter({ visible: true }).waitFor();
        assert((await okFn<FaqEntry>(env.gatewayUrl, 'qa', 'getFaq', { id: faqId }, li.openid)).answer.zh === more, 'the edit should be stored');

        // 撤下 asks first (on a phone: the entry and its form measured at 390 px); confirmed, the entry is
        // gone for everyone and the question no longer links to it.
        await staff.setViewportSize(PHONE);
        await staff.locator('[data-testid="qa-faq-detail"] [data-testid="qa-faq-edit"]').filter({ visible: true }).click();
        await form('qa-faq-answer-zh', 'textarea').waitFor();
        await assertTargets(staff, 'body', 'FAQ edit (zh-390)');
        const foot = await openModal(staff, staff.locator('[data-testid="qa-faq-unpublish"]').filter({ visible: true }));
        await issue15Shot(staff, 'qa-faq-unpublish-confirm-zh-390');
        await foot.getByText('撤下', { exact: true }).click();
        await staff.locator('[data-testid="qa-faq-unpublished"]').filter({ visible: true }).waitFor();
        const gone = await callFn(env.gatewayUrl, 'qa', 'getFaq', { id: faqId }, li.openid);
        assert(!gone.ok && gone.error.code === 'NOT_FOUND', `an unpublished entry should be gone: ${JSON.stringify(gone)}`);
        assert(!(await get()).faqId, 'the question should lose its FAQ link');
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, li.openid);
      }
    },
  },
  {
    name: 'issue 15 三师 duties (share B): 陈律师 claims two duties of a later month, cancels the one nobody booked, and hands the other to a colleague lawyer picked by name, who declines once and accepts when asked again (zh/en, phone/desk)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
      // Two months ahead: next month is the rotation's (生成排班 may fill 陈律师's cap there).
      const month = beijingMonth(2);
      // The colleague: a brand-new visitor whose application as a lawyer staff approved (setup through the API).
      const colleague = await newPage({ viewport: DESKTOP });
      const lv = await i15bApprovedVolunteer(env, colleague, { profession: 'lawyer', name: '吕律师', organisation: '平湖明理律师事务所' });
      await write('user', 'updateSettings', { locale: 'en' }, lv);

      const page = await newPage();
      await devLogin(env, page, chen);
      const openDuties = async () => {
        await page.goto(appPath(env, 'clinic/pages/duties/index'), { waitUntil: 'load' });
        await page.locator('[data-testid="clinic-duties"]').waitFor();
        await showMonth(page, month);
      };
      const mine = (sid: string) => page.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`);
      const claimable = (sid: string) => page.locator(`[data-testid="clinic-open-duties"] [data-testid="clinic-duty-book"][data-session="${sid}"]`);
      await openDuties();
      const claims = page.locator('[data-testid="clinic-open-duties"] [data-testid="clinic-duty-book"]');
      await claims.nth(1).waitFor();
      const [a, b] = [(await claims.nth(0).getAttribute('data-session'))!, (await claims.nth(1).getAttribute('data-session'))!];
      for (const sid of [a, b]) {
        await claimable(sid).click();
        await mine(sid).waitFor();
      }

      // 取消坐诊 of the duty nobody booked: asked first, then the seat is open again.
      const foot = await openModal(page, mine(b).locator('[data-testid="clinic-duty-cancel"]'));
      await issue15Shot(page, 'clinic-duty-cancel-confirm-zh-390');
      await foot.getByText(zh['common.confirm'], { exact: true }).click();
      await mine(b).waitFor({ state: 'detached' });
      await claimable(b).waitFor();
      const afterCancel = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'myDuties', { month }, chen.openid);
      assert(!afterCancel.some((s) => s.id === b) && afterCancel.some((s) => s.id === a), `陈律师's duties after the cancel: ${afterCancel.map((s) => s.id).join(', ')}`);

      // 转交同事: the colleague is picked by name (no user id to type), the offer is sent.
      const offer = async () => {
        await mine(a).locator('[data-testid="clinic-duty-handover"]').click();
        const pick = mine(a).locator(`[data-testid="clinic-handover-to-${lv}"]`);
        await pick.waitFor();
        assert(norm(await pick.innerText()).includes('吕律师'), `the colleague should be named: ${await pick.innerText()}`);
        assert((await mine(a).locator(`[data-testid="clinic-handover-to-${chen.openid}"]`).count()) === 0, 'the giver is not among the colleagues');
        await pick.click();
        await mine(a).locator(`[data-testid="clinic-handover-to-${lv}"][data-selected="true"]`).waitFor();
      };
      await offer();
      await assertTargets(page, '[data-testid="clinic-my-duties"]', 'handover picker (zh-390)');
      await issue15Shot(page, 'clinic-handover-pick-zh-390');
      await mine(a).locator('[data-testid="clinic-handover-send"]').click();
      await mine(a).locator('[data-testid="clinic-duty-handover"]').waitFor({ state: 'detached' });

      // The colleague (English, at a desk) declines the offer.
      // (Approved after the app loaded: a reload reads the new role.)
      await colleague.reload();
      await waitHome(colleague, 'volunteer');
      await colleague.goto(appPath(env, 'clinic/pages/duties/index'), { waitUntil: 'load' });
      await colleague.locator('[data-testid="clinic-duties"]').waitFor();
      const offered = colleague.locator('[data-testid="clinic-handovers"] [data-testid="clinic-handover"][data-status="offered"]');
      await offered.waitFor();
      const first = (await offered.getAttribute('data-id'))!;
      assert(norm(await offered.innerText()).includes('陈律师'), 'the offer should say who offers it');
      await issue15Shot(colleague, 'clinic-handover-offered-en-1280');
      await offered.locator('[data-testid="clinic-handover-decline"]').click();
      await colleague.locator(`[data-testid="clinic-handover"][data-id="${first}"][data-status="offered"]`).waitFor({ state: 'detached' });

      // Asked again, the colleague accepts: the duty is theirs, handed over. (A month away and back reloads the lists.)
      await page.locator('[data-testid="clinic-month-prev"]').click();
      await showMonth(page, month);
      await offer();
      await mine(a).locator('[data-testid="clinic-handover-send"]').click();
      await mine(a).locator('[data-testid="clinic-duty-handover"]').waitFor({ state: 'detached' });
      await colleague.locator('[data-testid="clinic-month-next"]').click();
      const again = colleague.locator('[data-testid="clinic-handovers"] [data-testid="clinic-handover"][data-status="offered"]');
      await again.waitFor();
      assert((await again.getAttribute('data-id')) !== first, 'the second offer is a new one');
      await again.locator('[data-testid="clinic-handover-accept"]').click();
      await again.waitFor({ state: 'detached' });
      await showMonth(colleague, month);
      await colleague.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${a}"]`).waitFor();
      await issue15Shot(colleague, 'clinic-handover-accepted-en-1280');
      const theirs = (await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'myDuties', { month }, lv)).find((s) => s.id === a);
      const duty = theirs?.duties.find((d) => d.volunteerOpenid === lv);
      assert(duty?.source === 'handover', `the duty should be the colleague's, handed over: ${JSON.stringify(theirs?.duties)}`);
      assert(!(await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'myDuties', { month }, chen.openid)).some((s) => s.id === a), '陈律师 should no longer hold it');
    },
  },
  {
    name: 'issue 15 三师 bookings (share B): a full session offers the waitlist — 李小红 joins and leaves it; 王海燕 (en) cancels her booking, which promotes 赵建国 from the waitlist, and moves her other booking to another slot',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      type Slot = import('../core/api/clinic').SlotView;
      type Mine = { items: ConsultationView[]; waitlist: import('../core/api/clinic').WaitlistView[] };
      const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
      const settings = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, 'demo-worker-li');
      // Two upcoming sessions with the finance specialist on duty, still before their cut-off.
      const weeks = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'onDuty', { days: 28 }, 'demo-worker-li');
      const bookable = weeks.filter((s) => s.duties.some((d) => d.profession === 'finance') && Date.parse(s.startsAt) - (settings.cutoffHours + 1) * 3_600_000 > Date.now());
      assert(bookable.length >= 2, `two bookable sessions with a finance specialist on duty, found ${bookable.length}`);
      const [x, y] = [bookable[0].id, bookable[1].id];
      const slots = (sessionId: string) => okFn<Slot[]>(env.gatewayUrl, 'clinic', 'slots', { sessionId, profession: 'finance' }, 'demo-worker-li');
      const book = (openid: string, sessionId: string, slotIndex: number) => write<ConsultationView>('clinic', 'book', { sessionId, profession: 'finance', slotIndex, description: '企业贷款贴息怎么申请？' }, openid);
      const cleanup: Array<{ id: string; openid: string }> = [];
      try {
        // Setup through the API: 王海燕 in both sessions, the rest of x filled by new workers, 赵建国 first on its waitlist.
        const slotsX = await slots(x);
        const wangX = await book('demo-manager-wang', x, slotsX[0].index);
        cleanup.push({ id: wangX.id, openid: 'demo-manager-wang' });
        const seats = slotsX.slice(1).flatMap((s) => Array.from({ length: s.free }, () => s.index));
        const stamp = Date.now();
        await Promise.all(
          seats.map(async (slotIndex, k) => {
            const openid = `e2e-i15b-${stamp}-${k}`;
            await write('user', 'enterByScene', { scene: 'W-YSCY', acceptPrivacy: true }, openid);
            cleanup.push({ id: (await book(openid, x, slotIndex)).id, openid });
          }),
        );
        assert((await slots(x)).every((s) => s.free <= 0), `session ${x} should be full`);
        const zhaoWait = await write<{ id: string; position: number }>('clinic', 'joinWaitlist', { sessionId: x, profession: 'finance', description: '小微企业贷款' }, 'demo-worker-zhao');
        const wangY = await book('demo-manager-wang', y, (await slots(y)).find((s) => s.free > 0)!.index);
        cleanup.push({ id: wangY.id, openid: 'demo-manager-wang' });

        // 李小红: the full session offers the waitlist (候补); she joins, then leaves it from 我的预约.
        const li = await newPage();
        await devLogin(env, li, user('demo-worker-li'));
        await li.locator('[data-testid="nav-clinic-book"]').click();
        await li.locator('[data-testid="clinic-book"]').waitFor();
        await li.locator('[data-testid="clinic-book-profession-finance"]').click();
        await showMonth(li, x.slice(0, 7));
        await li.locator(`[data-testid="clinic-session-card"][data-session="${x}"]`).click();
        await li.locator('[data-testid="clinic-book"][data-phase="waitlist"] [data-testid="clinic-waitlist-offer"]').waitFor();
        await li.locator('[data-testid="clinic-description"] textarea').fill('想咨询个人创业担保贷款。');
        await assertTargets(li, '[data-testid="clinic-book"]', 'waitlist offer (zh-390)');
        await issue15Shot(li, 'clinic-waitlist-offer-zh-390');
        await li.locator('[data-testid="clinic-waitlist-join"]').click();
        const joined = li.locator('[data-testid="clinic-book"][data-phase="waitlisted"] [data-testid="clinic-book-done"]');
        await joined.waitFor();
        const liWait = (await joined.getAttribute('data-id'))!;
        assert(norm(await joined.innerText()).includes(`${zhaoWait.position + 1}`), `李小红 should be told her place (${zhaoWait.position + 1}): ${await joined.innerText()}`);
        await li.locator('[data-testid="clinic-book-to-mine"]').click();
        const entry = li.locator(`[data-testid="clinic-waitlist-entry"][data-id="${liWait}"]`);
        await entry.waitFor();
        await assertTargets(li, '[data-testid="clinic-mine"]', '我的预约 with a waitlist place (zh-390)');
        await issue15Shot(li, 'clinic-waitlist-mine-zh-390');
        await entry.locator('[data-testid="clinic-waitlist-leave"]').click();
        await entry.waitFor({ state: 'detached' });
        const liMine = await okFn<Mine>(env.gatewayUrl, 'clinic', 'myBookings', {}, 'demo-worker-li');
        assert(!liMine.waitlist.some((w) => w.id === liWait), '李小红 should have left the waitlist');

        // 王海燕 (English): cancels her place in x (asked first); 赵建国 gets it from the waitlist.
        await write('user', 'updateSettings', { locale: 'en' }, 'demo-manager-wang');
        const wang = li; // the same phone, another dev login
        await devLogin(env, wang, user('demo-manager-wang'));
        await wang.goto(appPath(env, 'clinic/pages/mine/index'), { waitUntil: 'load' });
        const rowX = wang.locator(`[data-testid="clinic-mine"] [data-testid="clinic-booking"][data-id="${wangX.id}"]`);
        await rowX.waitFor();
        const foot = await openModal(wang, rowX.locator('[data-testid="clinic-booking-cancel"]'));
        await issue15Shot(wang, 'clinic-booking-cancel-confirm-en-390');
        await foot.getByText('Confirm', { exact: true }).click();
        await wang.locator(`[data-testid="clinic-mine"] [data-testid="clinic-booking"][data-id="${wangX.id}"][data-status="cancelled"]`).waitFor();
        const zhao = await okFn<Mine>(env.gatewayUrl, 'clinic', 'myBookings', {}, 'demo-worker-zhao');
        const promoted = zhao.items.find((b) => b.sessionId === x && b.profession === 'finance' && b.status === 'confirmed');
        assert(promoted && promoted.slotIndex === wangX.slotIndex, `赵建国 should have got the freed slot ${wangX.slotIndex}: ${JSON.stringify(zhao.items.filter((b) => b.sessionId === x))}`);
        cleanup.push({ id: promoted.id, openid: 'demo-worker-zhao' });
        assert(!zhao.waitlist.some((w) => w.id === zhaoWait.id), '赵建国 should have left the waitlist');

        // 改约: her booking in y moves to another free slot through the booking screen.
        await wang.locator(`[data-testid="clinic-mine"] [data-testid="clinic-booking"][data-id="${wangY.id}"] [data-testid="clinic-booking-reschedule"]`).click();
        await wang.locator('[data-testid="clinic-book"][data-phase="form"]').waitFor();
        const other = wang.locator(`[data-testid="clinic-slot"]:not([data-free="0"]):not([data-index="${wangY.slotIndex}"])`).first();
        await other.waitFor();
        const to = Number(await other.getAttribute('data-index'));
        await other.click();
        await assertTargets(wang, '[data-testid="clinic-book"]', 'reschedule (en-390)');
        await issue15Shot(wang, 'clinic-reschedule-en-390');
        await wang.locator('[data-testid="clinic-book-submit"]').click();
        const moved = wang.locator('[data-testid="clinic-book"][data-phase="booked"] [data-testid="clinic-book-done"]');
        await moved.waitFor();
        const movedId = (await moved.getAttribute('data-id'))!;
        cleanup.push({ id: movedId, openid: 'demo-manager-wang' });
        const wangMine = await okFn<Mine>(env.gatewayUrl, 'clinic', 'myBookings', {}, 'demo-manager-wang');
        const now = wangMine.items.find((b) => b.id === movedId);
        assert(now?.status === 'confirmed' && now.sessionId === y && now.slotIndex === to, `the moved booking: ${JSON.stringify(now)}`);
        assert(wangMine.items.find((b) => b.id === wangY.id)?.status === 'cancelled', 'the old booking should be cancelled');
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-manager-wang');
        // Leave the demo roster's finance slots free for later runs of the demo data.
        for (const c of cleanup) await callFn(env.gatewayUrl, 'clinic', 'cancelBooking', { id: c.id }, c.openid, `e2e-i15b-free-${c.id}`).catch(() => undefined);
      }
    },
  },
  // ---------------------------------------------------------------------------------------------
  // Issue 15 write coverage, share A: every write action below is sent by its screen, as the
  // person of that role would, never through the API (the API only sets up data and checks it):
  //   企业入驻 — admin.createEnterprise, admin.issueInvite, admin.createEntryCode, user.joinEnterprise
  //   志愿者 — user.applyVolunteer, admin.reviewVolunteer, admin.setProfession;  角色 — admin.setRole
  //   消息与通知 — user.markAllRead, user.setNotification
  //   工作台 — tickets.setCatalogue, tickets.editAgenda, tickets.recordDecision, revisit.closeCampaign
  // Helpers: after the array (coverageA…).
  {
    name: 'issue 15 coverage · 企业入驻: staff add an enterprise at a desk, issue its invite code and make its QR code; its liaison joins with the invite on a phone; a worker scans the new code',
    async run({ env, newPage }) {
      const zhang = coverageAUser('demo-staff-zhang');
      const ent = COVERAGE_A_ENTERPRISE;
      const staff = await newPage({ viewport: DESKTOP });
      await devLogin(env, staff, zhang);
      await staff.locator('[data-testid="nav-enterprises"]').first().click();
      await staff.locator('[data-testid="enterprise-new"]').click();
      await coverageAFill(staff, 'enterprise-name', ent.name);
      await coverageAFill(staff, 'enterprise-name-en', ent.nameEn);
      await coverageAFill(staff, 'enterprise-credit-code', ent.creditCode);
      await coverageAFill(staff, 'enterprise-address', ent.address);
      await coverageAFill(staff, 'enterprise-contact-name', ent.contactName);
      await coverageAFill(staff, 'enterprise-contact-phone', ent.contactPhone);
      await coverageAFill(staff, 'enterprise-workshops', ent.workshops.join('、'));
      await assertTargets(staff, '[data-testid="enterprise-create"]', 'the new-enterprise form');
      await coverageAShot(staff, 'enterprise-create-zh-1280');
      await staff.locator('[data-testid="enterprise-submit"]').click();
      const row = staff.locator('.list-item[data-testid^="enterprise-"]').filter({ hasText: ent.name });
      await row.waitFor();
      const entId = (await row.getAttribute('data-testid'))!.slice('enterprise-'.length);
      const listed = await okFn<{ items: Array<{ id: string; name: string; creditCode: string; workshops: string[]; contactPhone?: string }> }>(env.gatewayUrl, 'admin', 'listEnterprises', { keyword: ent.name }, zhang.openid);
      const saved = listed.items.find((e) => e.id === entId);
      assert(saved && saved.creditCode === ent.creditCode && saved.workshops.join(',') === ent.workshops.join(',') && saved.contactPhone === ent.contactPhone, `the enterprise as saved: ${JSON.stringify(saved)}`);

      // Its invite: one use, seven days.
      await staff.locator(`[data-testid="invite-${entId}"]`).click();
      await row.locator('[data-testid="invite-uses-1"]').click();
      await row.locator('[data-testid="invite-days-7"]').click();
      await staff.locator(`[data-testid="invite-issue-${entId}"]`).click();
      const inviteBox = row.locator('[data-testid="invite-code"]');
      await inviteBox.waitFor();
      const invite = (await inviteBox.getAttribute('data-code')) ?? '';
      assert(/^[2-9A-HJ-NP-Z]{8}$/.test(invite), `an 8-character invite code: "${invite}"`);
      assert(norm(await inviteBox.innerText()).includes('0/1'), `the invite shows 0 of 1 uses: "${norm(await inviteBox.innerText())}"`);
      await coverageAShot(staff, 'enterprise-invite-zh-1280');

      // Its QR code (吊牌): the enterprise chosen in the picker, a label of the staff's own.
      await staff.locator('[data-testid="desk-staff-codes"]').click();
      await staff.locator('[data-testid="code-new"]').click();
      await staff.locator('[data-testid="code-kind-enterprise"]').click();
      await coverageAPick(staff, staff.locator('[data-testid="code-enterprise"]'), ent.name);
      const label = `${ent.name} · 门卫室`;
      await coverageAFill(staff, 'code-label', label);
      await coverageAShot(staff, 'code-create-zh-1280');
      await staff.locator('[data-testid="code-submit"]').click();
      const codeRow = staff.locator('.list-item[data-testid^="code-"]').filter({ hasText: label });
      await codeRow.waitFor();
      const scene = (await codeRow.getAttribute('data-testid'))!.slice('code-'.length);
      await coverageAShot(staff, 'codes-zh-1280');

      // The liaison, a new visitor on a phone, joins with the code as typed from a message (spaces, lower case).
      const liaison = await newPage();
      await liaison.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load' });
      await liaison.locator('[data-testid="login-new-visitor"]').click();
      await waitHome(liaison, 'guest');
      await liaison.locator('[data-testid="nav-join"]').click();
      await coverageAFill(liaison, 'join-code', `${invite.slice(0, 4)} ${invite.slice(4)}`.toLowerCase());
      await coverageAFill(liaison, 'join-name', '周立群');
      await liaison.locator('[data-testid="privacy-consent"]').click();
      await coverageAShot(liaison, 'join-zh-390');
      await liaison.locator('[data-testid="join-submit"]').click();
      await waitHome(liaison, 'manager');
      await eventually(async () => (await testIdText(liaison, 'whoami')).includes(ent.name), `the liaison's home should show ${ent.name}`);
      await coverageAShot(liaison, 'join-manager-home-zh-390');
      const manager = (await listAllUsers(env.gatewayUrl, 'manager')).find((u) => u.name === '周立群');
      assert(manager && manager.enterpriseName === ent.name, `a manager 周立群 of ${ent.name}: ${JSON.stringify(manager)}`);

      // A worker scans the new code: bound to the new enterprise.
      const worker = await newPage();
      await worker.goto(appPath(env, `pages/entry/index?scene=${scene}`), { waitUntil: 'load' });
      await worker.locator('[data-testid="privacy-accept"]').click();
      await waitHome(worker, 'worker');
      await eventually(async () => (await testIdText(worker, 'whoami')).includes(ent.name), `the worker's home should show ${ent.name}`);
    },
  },
  {
    name: 'issue 15 coverage · 志愿者: a lawyer applies as a volunteer on a phone; staff approve her with a note and make her a tax advisor; her next visit shows 已认证 · 税务师',
    async run({ env, newPage }) {
      const zhang = coverageAUser('demo-staff-zhang');
      // The applicant: a new visitor (zh, 390).
      const applicant = await newPage();
      await applicant.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load' });
      await applicant.locator('[data-testid="login-new-visitor"]').click();
      await waitHome(applicant, 'guest');
      await applicant.locator('[data-testid="nav-volunteer"]').click();
      await applicant.locator('[data-testid="profession-lawyer"]').click();
      await coverageAFill(applicant, 'volunteer-name', '林晓雯');
      await coverageAFill(applicant, 'volunteer-organisation', '浙江嘉禾律师事务所');
      await coverageAFill(applicant, 'volunteer-phone', '13912345678');
      await applicant.locator('[data-testid="privacy-consent"]').click();
      await coverageAShot(applicant, 'volunteer-apply-zh-390');
      await applicant.locator('[data-testid="volunteer-submit"]').click();
      await waitHome(applicant, 'volunteer');
      await eventually(async () => (await testIdText(applicant, 'volunteer-status')).includes(zh['volunteerStatus.pending']), 'the applicant sees 待审核');
      const pending = (await okFn<{ items: UserRowLite[] }>(env.gatewayUrl, 'admin', 'listUsers', { role: 'volunteer', volunteerStatus: 'pending' }, zhang.openid)).items.find((u) => u.name === '林晓雯');
      assert(pending, 'the application should wait for review');
      const id = pending.openid;

      // Staff (zh, 390) approve with a note, then make her a tax advisor.
      const staff = await newPage();
      await devLogin(env, staff, zhang);
      await staff.locator('[data-testid="nav-volunteers"]').first().click();
      const application = staff.locator(`[data-testid="application-${id}"]`);
      await application.waitFor();
      await application.locator('input').fill('执业证已核验');
      await coverageAShot(staff, 'volunteers-review-zh-390');
      await staff.locator(`[data-testid="approve-${id}"]`).click();
      await application.waitFor({ state: 'detached' });
      await staff.locator(`[data-testid="volunteer-${id}"][data-profession="lawyer"]`).waitFor();
      await staff.locator(`[data-testid="profession-change-${id}"]`).click();
      await staff.locator(`[data-testid="profession-${id}-tax_advisor"]`).click();
      await staff.locator(`[data-testid="volunteer-${id}"][data-profession="tax_advisor"]`).waitFor();
      await coverageAShot(staff, 'volunteers-approved-zh-390');
      const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, id);
      assert(me.volunteerStatus === 'approved' && me.profession === 'tax_advisor', `the volunteer as saved: ${me.volunteerStatus} ${me.profession}`);
      // Her next visit: approved, as a tax advisor.
      await applicant.reload();
      await waitHome(applicant, 'volunteer');
      await eventually(async () => {
        const card = await testIdText(applicant, 'volunteer-status');
        return card.includes(zh['volunteerStatus.approved']) && card.includes(zh['profession.tax_advisor']);
      }, 'the volunteer sees 已认证 as 税务师');
    },
  },
  {
    name: 'issue 15 coverage · 角色: a worker who entered by the 冲压车间 QR code puts her name on 我的; the admin, in English at a desk, appoints her 社区工作者; her next visit opens the staff home',
    async run({ env, newPage }) {
      const admin = coverageAUser('demo-admin');
      const before = new Set((await listAllUsers(env.gatewayUrl, 'worker')).map((u) => u.openid));
      const worker = await newPage();
      await worker.goto(appPath(env, 'pages/entry/index?scene=W-YSCY'), { waitUntil: 'load' });
      await worker.locator('[data-testid="privacy-accept"]').click();
      await waitHome(worker, 'worker');
      const added = (await listAllUsers(env.gatewayUrl, 'worker')).filter((u) => !before.has(u.openid));
      assert(added.length === 1, `one new worker: ${JSON.stringify(added)}`);
      const hired = added[0].openid;
      // She puts her name on 我的, so the admin can tell her from other new workers.
      await openMe(env, worker);
      await coverageAFill(worker, 'me-name', '沈佳怡');
      await worker.locator('[data-testid="me-name-save"]').click();
      await worker.locator('.success-note').waitFor();
      await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'en' }, admin.openid);
      try {
        const desk = await newPage({ viewport: DESKTOP });
        await devLogin(env, desk, admin);
        await desk.locator('[data-testid="nav-users"]').first().click();
        await desk.locator('[data-testid="users-filter-worker"]').click();
        await desk.locator(`[data-testid="user-${hired}"]`).filter({ hasText: '沈佳怡' }).waitFor();
        await desk.locator(`[data-testid="change-role-${hired}"]`).click();
        await desk.locator(`[data-testid="role-editor-${hired}"] [data-testid="set-role-staff"]`).click();
        await coverageAShot(desk, 'users-set-role-en-1280');
        await desk.locator(`[data-testid="role-editor-${hired}"] [data-testid="set-role-submit"]`).click();
        // She leaves the workers' list and is among the staff.
        await desk.locator(`[data-testid="user-${hired}"]`).waitFor({ state: 'detached' });
        await desk.locator('[data-testid="users-filter-staff"]').click();
        await desk.locator(`[data-testid="user-${hired}"][data-role="staff"]`).waitFor();
        await coverageAShot(desk, 'users-staff-en-1280');
        const chips = (await desk.locator('[data-testid^="users-filter-"]').allInnerTexts()).map(norm);
        assert(chips.length > 3 && !chips.some(hasCJK), `the role filters should be English: ${chips.join(' | ')}`);
        const row = norm(await desk.locator(`[data-testid="user-${hired}"]`).innerText());
        assert(row.includes('沈佳怡') && row.includes('Community staff'), `her row: "${row}"`);
      } finally {
        await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'zh-CN' }, admin.openid);
      }
      // Her next visit opens the staff home.
      await worker.goto(appPath(env, 'pages/index/index'), { waitUntil: 'load' });
      await worker.reload();
      await waitHome(worker, 'staff');
    },
  },
  {
    name: 'issue 15 coverage · 消息 and 通知: a worker with two unread answers marks all read from 我的 → 消息 (badge gone), then switches 回答提醒 off and on again in 我的 → 通知 (en, 390)',
    async run({ env, newPage }) {
      const zhao = coverageAUser('demo-worker-zhao');
      const write = issue15Writer(env);
      // Two questions of his, answered by the volunteer lawyer (setup through the API).
      for (const [title, answer] of [
        ['加班费的计算基数是什么', '以劳动合同约定的工资为基数，不得低于当地最低工资标准。'],
        ['年休假没休完可以折算工资吗', '未休的年休假按日工资的 300% 支付报酬（含正常工资）。'],
      ]) {
        const q = await write<{ id: string }>('qa', 'ask', { title, description: `${title}？我在机加工车间工作。`, category: 'legal' }, zhao.openid);
        await write('qa', 'claim', { id: q.id }, 'demo-lawyer-chen');
        await write('qa', 'answer', { id: q.id, text: answer }, 'demo-lawyer-chen');
      }
      const before = await okFn<{ unread: number }>(env.gatewayUrl, 'user', 'inbox', {}, zhao.openid);
      assert(before.unread >= 2, `two unread answers at least: ${before.unread}`);
      await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'en' }, zhao.openid);
      try {
        const page = await newPage();
        await devLogin(env, page, zhao);
        await page.locator('.taro-tabbar-badge').waitFor();
        await openMe(env, page);
        await page.locator('[data-testid="me-inbox"]').click();
        await page.locator('[data-testid="inbox-item"][data-read="false"]').first().waitFor();
        await coverageAShot(page, 'inbox-unread-en-390');
        await page.locator('[data-testid="inbox-all-read"]').click();
        await page.locator('[data-testid="inbox-item"][data-read="false"]').first().waitFor({ state: 'detached' });
        await page.locator('[data-testid="inbox-all-read"][aria-disabled="true"]').waitFor();
        await coverageAShot(page, 'inbox-all-read-en-390');
        const after = await okFn<{ unread: number; items: Array<{ read: boolean }> }>(env.gatewayUrl, 'user', 'inbox', {}, zhao.openid);
        assert(after.unread === 0 && after.items.every((i) => i.read), `everything read on the server: ${JSON.stringify(after).slice(0, 200)}`);
        await openHome(env, page, 'worker');
        await page.locator('[data-testid="home-inbox"][data-count="0"]').waitFor();
        await page.locator('.taro-tabbar-badge').waitFor({ state: 'hidden' });

        // 我的 → 通知: answers off (the inbox still gets them), then on again.
        await openMe(env, page);
        await page.locator('[data-testid="me-notifications"]').click();
        const toggle = page.locator('[data-testid="notify-qaAnswered"]');
        await page.locator('[data-testid="notify-qaAnswered"][data-checked="true"]').waitFor();
        await toggle.click();
        await page.locator('[data-testid="notify-qaAnswered"][data-checked="false"]').waitFor();
        const setting = async () => (await okFn<Array<{ template: string; on: boolean }>>(env.gatewayUrl, 'user', 'notificationSettings', {}, zhao.openid)).find((s) => s.template === 'qaAnswered')?.on;
        assert((await setting()) === false, 'answers should be off on the server');
        await coverageAShot(page, 'notify-settings-off-en-390');
        const text = norm(await page.locator('[data-testid="notify-settings"]').innerText());
        assert(/[A-Za-z]{3,}/.test(text) && !hasCJK(text), `the settings page should be English: "${text.slice(0, 200)}"`);
        await page.reload();
        await page.locator('[data-testid="notify-qaAnswered"][data-checked="false"]').waitFor();
        await page.locator('[data-testid="notify-qaAnswered"]').click();
        // Switching on asks for WeChat's consent when he has not answered that dialog yet (whether he
        // has depends on which cases ran before in this lane): he allows it, as a person would.
        const allow = page.locator('.taro-modal__foot:visible').getByText('Allow', { exact: true });
        await eventually(async () => {
          if (await allow.isVisible()) await allow.click();
          return page.locator('[data-testid="notify-qaAnswered"][data-checked="true"]').isVisible();
        }, 'answers should show as on again');
        assert((await setting()) === true, 'answers should be on again on the server');
      } finally {
        await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'zh-CN' }, zhao.openid);
      }
    },
  },
  {
    name: 'issue 15 coverage · 工作台: staff (en, desk) change a category’s units in the dispatch catalogue, record a 会诊 decision on an escalated demand and take another off the month’s agenda and put it back from its page, and close last year’s survey campaign',
    async run({ env, newPage }) {
      const zhang = coverageAUser('demo-staff-zhang');
      const write = issue15Writer(env);
      type T = { id: string; version: number };
      // Two demands escalated by staff: both on this month's draft agenda.
      const escalated: T[] = [];
      for (const [title, category] of [
        ['厂区门口道路积水', 'utilities'],
        ['危废暂存间扩建审批', 'permit'],
      ] as const) {
        const t = await write<T>('tickets', 'submit', { title, description: `${title}，已影响生产，请协调。`, category, urgency: 'urgent' }, 'demo-manager-wang');
        escalated.push(await write<T>('tickets', 'act', { id: t.id, version: t.version, act: 'escalate', note: '多次协调未果' }, zhang.openid));
      }
      const year = Number(beijingMonth().slice(0, 4)) - 1;
      const campaign = await write<{ id: string }>('revisit', 'launchCampaign', { year, formId: 'sf-demo-yearly' }, zhang.openid);
      const catalogue = await okFn<Array<{ category: string; leadUnitId: string; assistUnitIds: string[] }>>(env.gatewayUrl, 'tickets', 'catalogue', {}, zhang.openid);
      const units = await okFn<Array<{ id: string }>>(env.gatewayUrl, 'tickets', 'units', {}, zhang.openid);
      const original = catalogue.find((e) => e.category === 'environment');
      const lead = units.find((u) => u.id !== original?.leadUnitId)!.id;
      const assist = units.find((u) => u.id !== lead && !(original?.assistUnitIds ?? []).includes(u.id))!.id;
      await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'en' }, zhang.openid);
      try {
        const page = await newPage({ viewport: DESKTOP });
        await devLogin(env, page, zhang);

        // 派单目录: environment → another lead unit and one more assisting unit.
        await page.locator('[data-testid="nav-tickets-catalogue"]').first().click();
        const card = page.locator('[data-testid="catalogue-entry"]').filter({ has: page.locator('[data-testid="catalogue-environment"]') });
        await card.locator('[data-testid="catalogue-edit"]').click();
        await card.locator(`[data-testid="catalogue-lead-${lead}"]`).click();
        await card.locator(`[data-testid="catalogue-assist-${assist}"]`).click();
        await coverageAShot(page, 'catalogue-edit-en-1280');
        await card.locator('[data-testid="catalogue-save"]').click();
        await page.locator(`[data-testid="catalogue-environment"][data-lead="${lead}"]`).waitFor();
        const savedEntry = (await okFn<typeof catalogue>(env.gatewayUrl, 'tickets', 'catalogue', {}, zhang.openid)).find((e) => e.category === 'environment');
        assert(savedEntry?.leadUnitId === lead && savedEntry.assistUnitIds.includes(assist), `the catalogue as saved: ${JSON.stringify(savedEntry)}`);

        // 每月一会诊: a decision on the first, the second taken off.
        await page.goto(appPath(env, 'tickets/pages/agenda/index'), { waitUntil: 'load' });
        const [decided, removed] = escalated.map((t) => page.locator(`[data-testid="agenda-item"][data-id="${t.id}"]`));
        await decided.waitFor();
        await removed.waitFor();
        await decided.locator('[data-testid="agenda-decide"]').click();
        const deadline = `${beijingMonth(1)}-15`;
        await coverageAFill(page, 'agenda-owner', '市住建局');
        await coverageAFill(page, 'agenda-deadline', deadline);
        await decided.locator('[data-testid="agenda-note"] textarea').fill('住建局牵头，社区每周跟进排水改造进度。');
        await coverageAShot(page, 'agenda-decision-en-1280');
        await decided.locator('[data-testid="agenda-save"]').click();
        await decided.locator('[data-testid="agenda-decision"]').filter({ hasText: '市住建局' }).waitFor();
        await removed.locator('[data-testid="agenda-remove"]').click();
        await removed.waitFor({ state: 'detached' });
        const agendaNow = () => okFn<{ edited: boolean; items: Array<{ ticket: { id: string }; decision?: { owner: string; deadline: string } }> }>(env.gatewayUrl, 'tickets', 'agenda', { month: beijingMonth() }, zhang.openid);
        const agenda = await agendaNow();
        const item = agenda.items.find((i) => i.ticket.id === escalated[0].id);
        assert(agenda.edited && item?.decision?.owner === '市住建局' && item.decision.deadline === deadline, `the decision as saved: ${JSON.stringify(item)}`);
        assert(!agenda.items.some((i) => i.ticket.id === escalated[1].id), 'the second demand should be off the agenda');
        // Put back from the demand's own page (no id to copy in WeChat), then the agenda shows it again.
        await page.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(escalated[1].id)}`), { waitUntil: 'load' });
        await page.locator('[data-testid="ticket-agenda-add"]').click();
        await page.locator('[data-testid="ticket-agenda-done"]').waitFor();
        await page.locator('[data-testid="ticket-agenda"]').scrollIntoViewIfNeeded();
        await coverageAShot(page, 'ticket-to-agenda-en-1280');
        await page.locator('[data-testid="ticket-agenda-open"]').click();
        await removed.waitFor();
        await decided.locator('[data-testid="agenda-decision"]').waitFor();
        await coverageAShot(page, 'agenda-en-1280');
        assert((await agendaNow()).items.some((i) => i.ticket.id === escalated[1].id), 'the second demand should be back on the agenda');

        // 回访: last year's campaign closed after a confirmation.
        await page.goto(appPath(env, 'revisit/pages/campaigns/index'), { waitUntil: 'load' });
        await page.locator(`[data-testid="revisit-campaign-row"][data-id="${campaign.id}"]`).click();
        await page.locator('[data-testid="revisit-campaign"][data-status="open"]').waitFor();
        const foot = await openModal(page, page.locator('[data-testid="revisit-campaign-close"]'));
        await coverageAShot(page, 'campaign-close-confirm-en-1280');
        await foot.locator('.taro-model__confirm').click();
        await page.locator('[data-testid="revisit-campaign"][data-status="closed"] [data-testid="revisit-campaign-closed"]').waitFor();
        assert((await page.locator('[data-testid="revisit-campaign-close"]').count()) === 0, 'a closed campaign offers no close');
        await coverageAShot(page, 'campaign-closed-en-1280');
        const closed = await okFn<{ status: string }>(env.gatewayUrl, 'revisit', 'getCampaign', { id: campaign.id }, zhang.openid);
        assert(closed.status === 'closed', `the campaign as saved: ${closed.status}`);
      } finally {
        await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'zh-CN' }, zhang.openid);
        if (original) await write('tickets', 'setCatalogue', original, zhang.openid);
      }
    },
  },
  // ---- issue 16: content security ----
  {
    name: 'issue 16 内容审核 (phone): a question WeChat sends to review is held — its asker sees 审核中, a volunteer cannot open it, staff find it in 内容审核 (zh/en, 390 px)',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const li = DemoUsers.find((u) => u.openid === 'demo-worker-li')!;
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
      fs.mkdirSync(path.join(SHOTS, 'issue16'), { recursive: true });
      // 内部消息 is one of the emulator's review words (emulator/README.md, content security).
      const q = await write<QuestionDetail>('qa', 'ask', { title: '听说搬迁补偿有内部消息', description: '厂里说明年要搬迁，补偿标准是不是有内部消息？我们该找谁问清楚？', category: 'legal' }, li.openid);
      assert(q.held === 'held', `the question should be held, got ${q.held}`);
      const seenByLawyer = await callFn(env.gatewayUrl, 'qa', 'get', { id: q.id }, chen.openid);
      assert(!seenByLawyer.ok && seenByLawyer.error.code === 'QA.NOT_YOURS', 'a volunteer cannot open a held question');
      try {
        for (const c of issue15Combos().slice(0, 2)) {
          await write('user', 'updateSettings', { locale: c.locale }, li.openid);
          const asker = await newPage({ viewport: c.viewport });
          await devLogin(env, asker, li);
          await asker.goto(appPath(env, `qa/pages/detail/index?id=${encodeURIComponent(q.id)}`), { waitUntil: 'load' });
          await asker.locator('[data-testid="qa-held-note"]').waitFor();
          await shot(asker, `issue16/asker-held-${c.label}`);
          await write('user', 'updateSettings', { locale: c.locale }, zhang.openid);
          const staff = await newPage({ viewport: c.viewport });
          await devLogin(env, staff, zhang);
          await staff.goto(appPath(env, 'staff/pages/review/index'), { waitUntil: 'load' });
          await staff.locator('[data-testid="review-list"] .review-item', { hasText: '听说搬迁补偿有内部消息' }).waitFor();
          await assertTargets(staff, '[data-testid="staff-review"]', `内容审核 ${c.label}`);
          await shot(staff, `issue16/review-${c.label}`);
        }
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, li.openid);
        await write('user', 'updateSettings', { locale: 'zh-CN' }, zhang.openid);
      }
    },
  },
  {
    name: 'issue 16 内容审核 (desk): staff at 1280 px reject one held question after a confirmation (en) and release another (zh); each moves to its tab, the volunteer can open the released one',
    async run({ env, newPage }) {
      const write = issue15Writer(env);
      const li = DemoUsers.find((u) => u.openid === 'demo-worker-li')!;
      const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
      const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
      fs.mkdirSync(path.join(SHOTS, 'issue16'), { recursive: true });
      const q = await write<QuestionDetail>('qa', 'ask', { title: '投资回报率高的理财靠谱吗', description: '有人在车间推销投资回报很高的理财产品，可信吗？', category: 'legal' }, li.openid);
      assert(q.held === 'held', `the question should be held, got ${q.held}`);
      const q2 = await write<QuestionDetail>('qa', 'ask', { title: '车间里传的内部消息是真的吗', description: '听说有内部消息，厂里要裁员，是真的吗？', category: 'legal' }, li.openid);
      assert(q2.held === 'held', `the second question should be held, got ${q2.held}`);
      try {
        const combos = issue15Combos().slice(2);
        for (const [i, c] of combos.entries()) {
          await write('user', 'updateSettings', { locale: c.locale }, zhang.openid);
          const page = await newPage({ viewport: c.viewport });
          await devLogin(env, page, zhang);
          await page.goto(appPath(env, 'staff/pages/review/index'), { waitUntil: 'load' });
          const item = page.locator('[data-testid="review-list"] .review-item', { hasText: '投资回报率高的理财靠谱吗' });
          await item.waitFor();
          await shot(page, `issue16/review-${c.label}`);
          if (i === 0) {
            // 驳回 asks first (it cannot be undone); confirmed, the text leaves 待审核 for 已驳回.
            const other = page.locator('[data-testid="review-list"] .review-item', { hasText: '车间里传的内部消息是真的吗' });
            const foot = await openModal(page, other.locator('[data-testid^="reject-"]'));
            await shot(page, `issue16/reject-confirm-${c.label}`);
            await foot.getByText(c.locale === 'en' ? 'Reject' : '驳回', { exact: true }).click();
            await other.waitFor({ state: 'detached' });
            await page.locator('[data-testid="review-status-rejected"]').click();
            await page.locator('[data-testid="review-list"] .review-item', { hasText: '车间里传的内部消息是真的吗' }).waitFor();
            await shot(page, `issue16/rejected-${c.label}`);
          }
          if (i < combos.length - 1) continue;
          await item.locator('[data-testid^="release-"]').click();
          await item.waitFor({ state: 'detached' });
          await page.locator('[data-testid="review-status-released"]').click();
          await page.locator('[data-testid="review-list"] .review-item', { hasText: '投资回报率高的理财靠谱吗' }).waitFor();
          await shot(page, `issue16/released-${c.label}`);
        }
        const after = await callFn<QuestionDetail>(env.gatewayUrl, 'qa', 'get', { id: q.id }, chen.openid);
        assert(after.ok && after.data.held === undefined, 'once released the volunteer sees the question');
        const rejected = await callFn(env.gatewayUrl, 'qa', 'get', { id: q2.id }, chen.openid);
        assert(!rejected.ok, 'a rejected question stays hidden from the volunteer');
      } finally {
        await write('user', 'updateSettings', { locale: 'zh-CN' }, zhang.openid);
      }
    },
  },
  {
    name: 'issue 16 #3 我的数据 and 注销: a worker who joined by QR code downloads their data (.xlsx), deletes the account with a second tap and is back at the entry state as a guest (zh/en, phone/desk)',
    async run({ env, newPage }) {
      fs.mkdirSync(path.join(SHOTS, 'account'), { recursive: true });
      // The whole flow with every check once (zh, phone); the other three looks at the same screens.
      for (const [i, c] of issue15Combos().entries()) {
        const full = i === 0;
        const page = await newPage({ viewport: c.viewport });
        // A first-time visitor scans 嘉兴甬森's code and accepts the notice: a worker with a record.
        await page.goto(appPath(env, 'pages/entry/index?scene=E-YSQC'), { waitUntil: 'load' });
        await page.locator('[data-testid="privacy-accept"]').click();
        await waitHome(page, 'worker');
        await openMe(env, page);
        if (c.locale === 'en') await page.locator('[data-testid="lang-en"]').click();
        const name = '注销测试甲';
        if (full) {
          await page.locator('[data-testid="me-name"] input').fill(name);
          await page.locator('[data-testid="me-name-save"]').click();
          await page.locator('.success-note').waitFor();
        }
        await page.locator('[data-testid="me-account"]').click();
        await page.waitForURL(/account\/pages\/index/);
        await page.locator('[data-testid="my-data-download"]').waitFor();
        if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="account"]', `account ${c.label}`);
        await shot(page, `account/account-${c.label}`);

        // 下载我的数据: a real .xlsx (PK…).
        await page.locator('[data-testid="my-data-download"]').click();
        const result = page.locator('[data-testid="my-data-result"]');
        await result.waitFor();
        if (full) {
          const url = await result.getAttribute('data-url');
          assert(url, 'the data file has a link');
          const file = await page.request.get(url);
          const bytes = await file.body();
          assert(file.status() === 200 && bytes.subarray(0, 2).toString() === 'PK', `the data file is an .xlsx (${file.status()})`);
        }
        await result.scrollIntoViewIfNeeded();
        await shot(page, `account/my-data-${c.label}`);

        // 注销: the first tap only asks (暂不注销 keeps the account); the second tap deletes.
        if (full) {
          await page.locator('[data-testid="account-delete-start"]').click();
          await page.locator('[data-testid="account-delete-keep"]').click();
          assert((await page.locator('[data-testid="account-confirm"]').count()) === 0, 'keeping the account closes the confirmation');
        }
        await page.locator('[data-testid="account-delete-start"]').click();
        const confirm = page.locator('[data-testid="account-confirm"]');
        await confirm.waitFor();
        await confirm.scrollIntoViewIfNeeded();
        if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="account-confirm"]', `confirm ${c.label}`);
        await shot(page, `account/confirm-${c.label}`);
        await page.locator('[data-testid="account-delete-confirm"]').click();
        const deleted = page.locator('[data-testid="account-deleted"]');
        await deleted.waitFor();
        assert(/deleted-[0-9a-f]{20}/.test(await deleted.innerText()), 'the deletion reference is shown');
        await shot(page, `account/deleted-${c.label}`);
        // Back home: the entry state (scan a code to join), as on a first visit.
        await page.locator('[data-testid="account-home"]').click();
        await waitHome(page, 'guest');
        if (full) {
          const openid = await page.evaluate<string>("(() => { const v = localStorage.getItem('dev-openid') || ''; try { const o = JSON.parse(v); return typeof o === 'string' ? o : o.data; } catch { return v; } })()");
          const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, openid);
          assert(me.role === 'guest' && !me.name, `after 注销 the WeChat user is a guest (${me.role})`);
          assert(!norm(await page.locator('[data-testid="home"]').innerText()).includes(name), 'the old name is gone');
          await shot(page, `account/home-after-${c.label}`);
        }
        await page.context().close();
      }
      // A volunteer with duties to come is refused, told what to hand over, and keeps the account (zh only: a language switch would stay on the demo person).
      const zhou = DemoUsers.find((u) => u.openid === 'demo-tax-zhou')!;
      for (const viewport of [PHONE, DESKTOP]) {
        const page = await newPage({ viewport });
        await devLogin(env, page, zhou);
        await page.goto(appPath(env, 'account/pages/index/index'), { waitUntil: 'load' });
        await page.locator('[data-testid="account-delete-start"]').click();
        await page.locator('[data-testid="account-delete-confirm"]').click();
        const open = page.locator('[data-testid="account-open-work"]');
        await open.waitFor();
        await page.locator('[data-testid="account-open-duties"]').waitFor();
        await open.scrollIntoViewIfNeeded();
        await shot(page, `account/open-work-zh-${viewport.width}`);
        const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, zhou.openid);
        assert(me.role === 'volunteer', 'a refused 注销 keeps the account');
        await page.context().close();
      }
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Helpers of the issue 15 share B cases (above, at the end of `cases`).

/**
 * A new approved volunteer: a brand-new visitor through the dev login (this browser page acts as
 * them), whose application staff approve — setup through the API. Answers their openid.
 */
async function i15bApprovedVolunteer(env: Env, page: Page, who: { profession: string; name: string; organisation: string }): Promise<string> {
  await page.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-testid="login-new-visitor"]').click();
  await waitHome(page, 'guest');
  const storage = await page.evaluate<string>('JSON.stringify(Object.values(localStorage))');
  const openid = /h5-guest-[a-z0-9]{12}/.exec(storage)?.[0];
  assert(openid, `the new visitor's openid should be in the browser's storage: ${storage.slice(0, 300)}`);
  const write = issue15Writer(env);
  const phone = `139${String(Date.now()).slice(-8)}`;
  await write('user', 'applyVolunteer', { ...who, phone, communityId: 'xingping', acceptPrivacy: true }, openid);
  await write('admin', 'reviewVolunteer', { openid, approve: true }, 'demo-staff-zhang');
  return openid;
}

// Helpers of the issue 15 write-coverage cases, share A (the block at the end of `cases`).

const coverageAUser = (openid: string): DemoUser => {
  const u = DemoUsers.find((d) => d.openid === openid);
  if (!u) throw new Error(`no demo user ${openid}`);
  return u;
};

/** The enterprise the 企业入驻 case adds (a fresh emulator each run: no clash). */
const COVERAGE_A_ENTERPRISE = {
  name: '平湖新锐机电有限公司',
  nameEn: 'Pinghu Xinrui Electromechanical Co., Ltd.',
  creditCode: `91330482MA2G3XR06${creditCodeCheckChar('91330482MA2G3XR06')}`,
  address: '平湖市兴平五路 66 号',
  contactName: '周立群',
  contactPhone: '13757301122',
  workshops: ['总装车间', '喷涂车间'],
};

/** Types into a Field (its Taro input) by the field's test id. */
async function coverageAFill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input`).first();
  await input.fill(value);
}

async function coverageAShot(page: Page, name: string): Promise<string> {
  return issue15Shot(page, `coverage-a-${name}`);
}

/**
 * Chooses `text` in a Taro selector picker as a finger would: opens it, drags the column up by
 * the item's rows, lets go, taps 确定; then the picker's field shows the choice.
 */
async function coverageAPick(page: Page, trigger: ReturnType<Page['locator']>, text: string): Promise<void> {
  await trigger.click();
  const group = page.locator('.weui-picker__group:visible').first();
  await group.waitFor();
  await settle(page);
  const items = await group.locator('.weui-picker__item').allInnerTexts();
  const index = items.map(norm).indexOf(text);
  assert(index >= 0, `the picker does not offer "${text}": ${items.join(' | ')}`);
  const box = (await group.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const rows = index * 34;
  for (let moved = 0; moved < rows; moved = Math.min(rows, moved + 17)) await page.mouse.move(x, y - Math.min(rows, moved + 17));
  await page.mouse.up();
  await page.locator('.weui-picker__action:visible').last().click();
  await page.locator('.weui-picker:visible').waitFor({ state: 'hidden' });
  await eventually(async () => norm(await trigger.innerText()).includes(text), `the picker field should show "${text}"`);
}

// ---------------------------------------------------------------------------------------------

async function runCase(env: Env, c: Case): Promise<Result> {
  const started = Date.now();
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const pageErrors: string[] = [];
  const ctx: CaseCtx = {
    env,
    async newPage(opts = {}) {
      const context = await env.browser.newContext({ viewport: opts.viewport ?? PHONE, locale: opts.locale ?? 'zh-CN', deviceScaleFactor: 1 });
      contexts.push(context);
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      await instrumentContext(env, context, c.name);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      pages.push(page);
      return page;
    },
    shot,
  };
  try {
    await withTimeout(c.run(ctx), CASE_TIMEOUT_MS, 'case');
    if (pageErrors.length) throw new Error(`uncaught errors in the page: ${[...new Set(pageErrors)].join(' | ')}`);
    return { name: c.name, ok: true, ms: Date.now() - started };
  } catch (e) {
    const last = pages[pages.length - 1];
    const slug = c.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
    let where = '';
    if (last && !last.isClosed()) {
      const file = await shot(last, `FAILED-${slug}`).catch(() => '');
      where = ` [at ${last.url()}${file ? `, screenshot ${path.relative(ROOT, file)}` : ''}]`;
    }
    const extra = pageErrors.length && !(e as Error).message.includes('uncaught errors') ? ` (page errors: ${[...new Set(pageErrors)].join(' | ')})` : '';
    return { name: c.name, ok: false, ms: Date.now() - started, error: `${(e as Error).message}${where}${extra}` };
  } finally {
    // The page's last state is measured too (the check runs every 600 ms).
    await Promise.all(pages.map((p) => (p.isClosed() ? undefined : p.waitForTimeout(700).catch(() => undefined))));
    await Promise.all(contexts.map((x) => x.close().catch(() => undefined)));
  }
}

async function main(): Promise<void> {
  const budget = setTimeout(() => {
    console.log(`\nthe e2e run exceeded its budget of ${secs(RUN_BUDGET_MS)}: stopping`);
    void cleanup().finally(() => finish(`run budget of ${secs(RUN_BUDGET_MS)} exceeded`));
  }, RUN_BUDGET_MS);
  budget.unref();
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = sig;
      console.log(`\n${sig}: cleaning up`);
      void cleanup().finally(() => finish(`interrupted by ${sig}`));
    });
  }

  if (!fs.existsSync(CHROMIUM)) {
    finish(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH); browser tests cannot run`);
  }
  warnWithoutCjkFont();
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f), { force: true });

  let envs: Env[];
  try {
    // The backends one after the other (seeding points the one SDK at its emulator), then the builds at once.
    const backends: Array<{ web: StaticServer; gatewayUrl: string; h5Dir: string }> = [];
    for (let lane = 0; lane < LANES; lane++) {
      const b = { h5Dir: '' } as { web: StaticServer; gatewayUrl: string; h5Dir: string };
      b.web = await serveStatic(() => b.h5Dir);
      onCleanup(`static server ${lane}`, () => b.web.close());
      b.gatewayUrl = await startBackend(b.web.url);
      backends.push(b);
    }
    const lanes = await Promise.all(
      backends.map(async (b, lane) => {
        b.h5Dir = await buildH5(b.gatewayUrl, lane);
        log(`serving the H5 build on ${b.web.url}${LANES > 1 ? ` (lane ${lane + 1} of ${LANES})` : ''}`);
        return { gatewayUrl: b.gatewayUrl, appUrl: b.web.url };
      }),
    );
    const browser = await launchBrowser();
    envs = lanes.map((l) => ({ ...l, browser }));
  } catch (e) {
    await cleanup();
    finish(`setup: ${(e as Error).stack ?? e}`);
  }

  await measureFirstLoad(envs[0]).catch((e) => log(`first load not measured: ${(e as Error).message.split('\n')[0]}`));

  // E2E_ONLY=<regex> runs only the cases whose name matches (while working on one feature).
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined;
  const selected = cases.filter((c) => {
    if (only && !only.test(c.name)) return false;
    if (c.knownBug && process.env.E2E_KNOWN_BUGS !== '1') {
      console.log(`SKIP  ${c.name}\n      known app bug, not counted (E2E_KNOWN_BUGS=1 runs it): ${c.knownBug}`);
      return false;
    }
    return true;
  });
  // Each lane a contiguous share of the list, in order (a case may build on the ones before it),
  // the shares about equal in weight (a dev login is a quarter of a typical case).
  const total = selected.reduce((n, c) => n + (c.weight ?? 1), 0);
  const shares: Case[][] = envs.map(() => []);
  let acc = 0;
  for (const c of selected) {
    const lane = Math.min(envs.length - 1, Math.floor((acc / total) * envs.length));
    shares[lane].push(c);
    acc += c.weight ?? 1;
  }
  await Promise.all(
    envs.map(async (env, lane) => {
      for (const c of shares[lane]) {
        if (stopping) return; // the signal handler reports and exits
        const r = await runCase(env, c);
        if (stopping) return;
        results.push(r);
        console.log(`${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${secs(r.ms)})${r.error ? `\n      ${r.error.replace(/\n/g, '\n      ')}` : ''}`);
      }
    }),
  );
  if (stopping) return;
  reportWriteCoverage(results.map((r) => r.name), process.env.E2E_ONLY);
  const targets = reportTargets();
  log(`screenshots in ${path.relative(ROOT, SHOTS)}/`);
  await cleanup();
  clearTimeout(budget);
  log('done');
  finish(targets);
}

main().catch(async (e) => {
  console.error(e);
  await cleanup();
  finish(`runner crashed: ${(e as Error).message}`);
});
