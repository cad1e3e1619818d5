/** Helpers that drive and read the H5 app in a page (unchanged from the hand-written runner). */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { DemoUser } from '../../core/api/demo-users';
import { DESKTOP, PHONE, SHOTS, STEP_TIMEOUT_MS, secs } from './constants';
import type { Env } from './env';

export const hasCJK = (s: string) => /[\u3400-\u9fff]/.test(s);
/** Text with the given data values removed, to check the language of what is left. */
export const withoutData = (text: string, data: string[]) => data.reduce((t, d) => t.split(d).join(' '), text);
export const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

export function assert(cond: unknown, msg: string): asserts cond {
  if (!cond) throw new Error(msg);
}


/** Waits until no CSS transition or animation runs (Taro's H5 router slides pages in). */
export async function settle(page: Page): Promise<void> {
  await page
    .waitForFunction("document.getAnimations().every((a) => a.playState !== 'running') && document.fonts.status === 'loaded'", undefined, { timeout: 5000, polling: 100 })
    .catch(() => undefined);
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

export async function shot(page: Page, name: string): Promise<string> {
  await settle(page);
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false, timeout: 10_000 });
  return file;
}

export function appPath(env: Env, route: string): string {
  return `${env.appUrl}/#/${route.replace(/^\//, '')}`;
}

export async function waitHome(page: Page, role?: string): Promise<void> {
  const sel = role ? `[data-testid="home"][data-role="${role}"]` : '[data-testid="home"]';
  await page.waitForSelector(sel, { timeout: STEP_TIMEOUT_MS }).catch(async (e) => {
    const actual = await page.$eval('[data-testid="home"]', (el) => el.getAttribute('data-role')).catch(() => null);
    throw new Error(`home${role ? ` as ${role}` : ''} did not appear${actual !== null ? ` (home shows data-role="${actual}")` : ''} on ${page.url()}: ${(e as Error).message.split('\n')[0]}`);
  });
}

export async function testIdText(page: Page, testId: string): Promise<string> {
  return norm(await page.locator(`[data-testid="${testId}"]`).first().innerText({ timeout: STEP_TIMEOUT_MS }));
}

/** Dev login through the UI: the login list, then the person's entry. */
export async function devLogin(env: Env, page: Page, user: DemoUser): Promise<void> {
  await page.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  const item = page.locator(`[data-testid="login-${user.openid}"]`);
  await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await item.click({ timeout: STEP_TIMEOUT_MS });
  await waitHome(page, user.role);
}

/** Font size of the who-am-I card: follows large-text mode. */
export async function whoamiFontPx(page: Page): Promise<number> {
  return page.evaluate<number>("parseFloat(getComputedStyle(document.querySelector('[data-testid=\"whoami\"]') || document.body).fontSize)");
}

/** Resolves when the app's next call of a gateway action has been answered. */
export function waitForAction(env: Env, page: Page, action: string): Promise<unknown> {
  return page.waitForResponse(
    (r) => r.url().startsWith(`${env.gatewayUrl}/functions/`) && r.request().method() === 'POST' && JSON.parse(r.request().postData() ?? '{}').action === action,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** Text of the H5 tab bar (Taro renders it outside the page). */
export async function tabBarText(page: Page): Promise<string> {
  const bar = page.locator('.taro-tabbar__tabbar, .weui-tabbar').first();
  await bar.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return norm(await bar.innerText());
}

export async function openMe(env: Env, page: Page): Promise<void> {
  await page.goto(appPath(env, 'pages/me/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-testid="lang-en"]').waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
}

export async function openHome(env: Env, page: Page, role: string): Promise<void> {
  await page.goto(appPath(env, 'pages/index/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await waitHome(page, role);
}


/** Polls `fn` until it returns true-ish (bounded). */
export async function eventually(fn: () => Promise<unknown>, what: string, ms = STEP_TIMEOUT_MS): Promise<void> {
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


/** Goes forward on a clinic screen's month bar until it shows `month`. */
export async function showMonth(page: Page, month: string): Promise<void> {
  for (let i = 0; i < 3; i++) {
    const shown = await page.locator('[data-testid="clinic-month"]').first().getAttribute('data-month', { timeout: STEP_TIMEOUT_MS });
    if (shown === month) return;
    await page.locator('[data-testid="clinic-month-next"]').first().click();
  }
  throw new Error(`the month bar did not reach ${month}`);
}


// ---------------------------------------------------------------------------------------------
// Issue 15 helpers: zh/en at phone and desk width, a screenshot folder of their own (a run clears
// only the top-level PNGs), and the touch-target check (buttons ≥ 44 px, text ≥ 12 px at 390 px).

export const ISSUE15_SHOTS = path.join(SHOTS, 'issue15');

export function issue15Combos(): Array<{ label: string; locale: 'zh-CN' | 'en'; viewport: { width: number; height: number } }> {
  return [
    { label: 'zh-390', locale: 'zh-CN', viewport: PHONE },
    { label: 'en-390', locale: 'en', viewport: PHONE },
    { label: 'en-1280', locale: 'en', viewport: DESKTOP },
    { label: 'zh-1280', locale: 'zh-CN', viewport: DESKTOP },
  ];
}

export async function issue15Shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ISSUE15_SHOTS, { recursive: true });
  return shot(page, `issue15/${name}`);
}

/** Taps `trigger` until Taro's modal shows (a tap during a re-render can be lost); its visible button row. */
export async function openModal(page: Page, trigger: ReturnType<Page['locator']>) {
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


/** Buttons under 44 px high and visible text under 12 px inside `root`, from computed styles. */
export async function assertTargets(page: Page, root: string, where: string): Promise<void> {
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

