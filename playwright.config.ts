/**
 * Browser tests of the H5 build on @playwright/test (`npm run test:e2e`). See README → Tests.
 *
 *   global setup (e2e/support/global-setup.ts): bundle the functions, build the H5 app once;
 *   each worker (e2e/support/fixtures.ts): its own emulator with fresh demo data and a static
 *     server of that build for it, Debian's Chromium; each test: fresh browser contexts;
 *   reporters: the list on the console, the html report in e2e/.artifacts/report, and the run's
 *     own (e2e/support/reporter.ts): write coverage, tap targets, `N passed, N failed`.
 *
 * The tests of one file run in order in one worker; files are shared out between the workers.
 * E2E_ONLY=<regex> (like --grep, case-insensitive) runs only the matching tests.
 */
import { defineConfig } from '@playwright/test';
import { ARTIFACTS, CASE_TIMEOUT_MS, CHROMIUM, CHROMIUM_FLAGS, STEP_TIMEOUT_MS } from './e2e/support/constants';

const CI = !!process.env.CI;

export default defineConfig({
  testDir: 'e2e/tests',
  testMatch: '**/*.spec.ts',
  outputDir: `${ARTIFACTS}/results`,
  globalSetup: './e2e/support/global-setup.ts',
  timeout: CASE_TIMEOUT_MS,
  // The whole run, setup included, ends well inside CI's patience (as the hand-written runner's budget).
  globalTimeout: Number(process.env.E2E_BUDGET_MS ?? (CI ? 900_000 : 0)),
  // The cases are the browser and the gateway waiting on each other: two workers on two cores.
  workers: CI ? 2 : Number(process.env.E2E_WORKERS ?? 1),
  fullyParallel: false,
  retries: CI ? 1 : 0,
  forbidOnly: CI,
  grep: process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : undefined,
  reporter: [['list'], ['html', { outputFolder: `${ARTIFACTS}/report`, open: 'never' }], ['./e2e/support/reporter.ts']],
  expect: { timeout: STEP_TIMEOUT_MS },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_FLAGS },
    actionTimeout: STEP_TIMEOUT_MS,
    navigationTimeout: STEP_TIMEOUT_MS,
    trace: CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'off',
  },
});
