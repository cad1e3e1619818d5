/**
 * The fixtures every browser test uses (`import { test } from '../support/fixtures'`):
 *  - `env` (worker): the worker's own emulator with fresh demo data and the H5 build served for
 *    it (backend.ts). A worker that restarts after a failure starts a fresh one.
 *  - `newPage(opts)` (test): a page in a fresh browser context (fresh storage), phone-sized and
 *    Chinese unless told otherwise, with the run's two checks installed (checks.ts). After the
 *    test: a `FAILED-…` screenshot of the last page when it failed, 700 ms more so the last state
 *    is measured too, every context closed, and an uncaught error in any page fails the test.
 *  - `shot(page, name)` (test): a screenshot to e2e/screenshots/<name>.png once the page settles.
 * The emulator clock, direct calls (`okFn`) and the dev login are helpers taking `env`
 * (api.ts, page.ts), as the cases have always called them.
 */
import path from 'node:path';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { measureFirstLoad, startWorkerBackend } from './backend';
import { RECORDS_ATTACHMENT, instrumentContext, newRecords, type CaseRecords } from './checks';
import { PHONE, ROOT, STEP_TIMEOUT_MS } from './constants';
import type { Env } from './env';
import { shot } from './page';

export type NewPage = (opts?: { viewport?: { width: number; height: number }; locale?: string }) => Promise<Page>;

export interface CaseFixtures {
  newPage: NewPage;
  shot: typeof shot;
  /** What the case's screens did (writes sent, undersized targets), attached to its result. */
  records: CaseRecords;
}

export const test = base.extend<CaseFixtures, { env: Env }>({
  env: [
    async ({ browser }, use, workerInfo) => {
      const backend = await startWorkerBackend();
      if (workerInfo.workerIndex === 0) {
        await measureFirstLoad(browser, backend).catch((e) => console.log(`first load not measured: ${(e as Error).message.split('\n')[0]}`));
      }
      try {
        await use({ gatewayUrl: backend.gatewayUrl, appUrl: backend.appUrl });
      } finally {
        await backend.close();
      }
    },
    { scope: 'worker', timeout: 180_000 },
  ],

  records: async ({}, use, testInfo) => {
    const records = newRecords();
    await use(records);
    await testInfo.attach(RECORDS_ATTACHMENT, { body: JSON.stringify(records), contentType: 'application/json' });
  },

  newPage: async ({ browser, env, records }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    const pages: Page[] = [];
    const pageErrors: string[] = [];
    await use(async (opts = {}) => {
      const context = await browser.newContext({ viewport: opts.viewport ?? PHONE, locale: opts.locale ?? 'zh-CN', deviceScaleFactor: 1 });
      contexts.push(context);
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      await instrumentContext(env, context, records);
      const page = await context.newPage();
      page.on('pageerror', (e) => pageErrors.push(e.message));
      pages.push(page);
      return page;
    });
    const failed = testInfo.status !== testInfo.expectedStatus;
    const last = pages[pages.length - 1];
    if (failed && last && !last.isClosed()) {
      const slug = testInfo.title.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 60);
      const file = await shot(last, `FAILED-${slug}`).catch(() => '');
      if (file) await testInfo.attach('failure screenshot', { path: file, contentType: 'image/png' });
      testInfo.annotations.push({ type: 'last page', description: `${last.url()}${file ? `, screenshot ${path.relative(ROOT, file)}` : ''}` });
    }
    // The page's last state is measured too (the check runs every 600 ms).
    await Promise.all(pages.map((p) => (p.isClosed() ? undefined : p.waitForTimeout(700).catch(() => undefined))));
    await Promise.all(contexts.map((x) => x.close().catch(() => undefined)));
    if (pageErrors.length) {
      const message = `uncaught errors in the page: ${[...new Set(pageErrors)].join(' | ')}`;
      if (failed) testInfo.annotations.push({ type: 'page errors', description: message });
      else throw new Error(message);
    }
  },

  shot: async ({}, use) => {
    await use(shot);
  },
});

export { expect } from '@playwright/test';
