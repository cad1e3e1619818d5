/**
 * WeChat DevTools specs: the real mini-program (dist/) in WeChat DevTools, driven by
 * `miniprogram-automator`. DevTools does not run on Linux, so these run only where it is
 * installed; they are not part of CI's counts.
 *
 *   npm run build:weapp
 *   WECHAT_DEVTOOLS_CLI="/Applications/wechatwebdevtools.app/Contents/MacOS/cli" \
 *     npx tsx --test e2e/devtools/entry.spec.ts
 *
 * Needs DevTools' "service port" enabled (Settings → Security) and, for the cloud functions, a
 * CloudBase environment (TARO_APP_CLOUD_ENV at build time) with the functions deployed and the
 * demo data seeded. `miniprogram-automator` is loaded lazily: `npm i -D miniprogram-automator@0.12.1`
 * where DevTools is installed. Elsewhere the specs print "WeChat DevTools not found: skipped".
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = process.env.WECHAT_DEVTOOLS_CLI;
const available = !!CLI && fs.existsSync(CLI);
if (!available) {
  console.log(`WeChat DevTools not found: skipped${CLI ? ` (WECHAT_DEVTOOLS_CLI=${CLI} does not exist)` : ' (set WECHAT_DEVTOOLS_CLI to DevTools\' cli)'}`);
}

/* Minimal shapes of what we use from miniprogram-automator (it ships no types we can rely on here). */
interface AutoElement {
  tagName: string;
  text(): Promise<string>;
  tap(): Promise<void>;
}
interface AutoPage {
  path: string;
  query: Record<string, string>;
  waitFor(ms: number): Promise<void>;
  $$(selector: string): Promise<AutoElement[]>;
  data(path?: string): Promise<unknown>;
}
interface MiniProgram {
  reLaunch(url: string): Promise<AutoPage>;
  currentPage(): Promise<AutoPage>;
  close(): Promise<void>;
}

async function loadAutomator(): Promise<{ launch(o: { cliPath: string; projectPath: string; timeout?: number }): Promise<MiniProgram> }> {
  try {
    const name = 'miniprogram-automator';
    const mod = await import(name);
    return mod.default ?? mod;
  } catch {
    throw new Error('miniprogram-automator is not installed: npm i -D miniprogram-automator@0.12.1');
  }
}

/** All text the page renders: Taro keeps it in the page data (`root`), as text nodes `v`. */
async function pageText(page: AutoPage): Promise<string> {
  const texts: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (typeof o.v === 'string') texts.push(o.v);
    for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
  };
  walk(await page.data());
  return texts.join(' ');
}

async function waitUntil(what: string, fn: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

async function tapByText(page: AutoPage, re: RegExp): Promise<boolean> {
  for (const el of await page.$$('button, view')) {
    if (re.test((await el.text()).trim())) {
      await el.tap();
      return true;
    }
  }
  return false;
}

describe('WeChat DevTools: QR entry', { skip: !available && 'WeChat DevTools not found' }, () => {
  let mp: MiniProgram;

  before(async () => {
    assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'app.js')), 'build the mini-program first: npm run build:weapp');
    const automator = await loadAutomator();
    mp = await automator.launch({ cliPath: CLI!, projectPath: ROOT, timeout: 120_000 });
  });

  after(async () => {
    await mp?.close();
  });

  it('enters through the workshop code W-YSCY and lands on the home page of a worker of 嘉兴甬森 · 冲压车间', async () => {
    let page = await mp.reLaunch('/pages/entry/index?scene=W-YSCY');
    await page.waitFor(1500);
    // A DevTools identity that never accepted the notice sees it once; accept it then.
    const text = await pageText(page);
    if (/隐私|privacy/i.test(text)) assert.ok(await tapByText(page, /^(同意|同意并继续|我已阅读并同意|Accept|Agree)/i), 'the privacy notice has no accept button');
    await waitUntil('the home page', async () => (await mp.currentPage()).path === 'pages/index/index');
    page = await mp.currentPage();
    await waitUntil('嘉兴甬森 and 冲压车间 on the home page', async () => {
      const t = await pageText(page);
      return t.includes('嘉兴甬森') && t.includes('冲压车间');
    });
  });

  it('reopening the same code goes straight home, without the privacy notice', async () => {
    const page = await mp.reLaunch('/pages/entry/index?scene=W-YSCY');
    await page.waitFor(1500);
    await waitUntil('the home page', async () => (await mp.currentPage()).path === 'pages/index/index');
    const t = await pageText(await mp.currentPage());
    assert.ok(!/隐私政策|privacy notice/i.test(t), 'the privacy notice was shown again');
  });
});
