/** Paths, sizes and time limits shared by the browser tests, their fixtures and their reporter. */
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Screenshots the cases take by name (git-ignored); a run clears only the top-level PNGs. */
export const SHOTS = path.join(ROOT, 'e2e', 'screenshots');
/** Playwright's own output: the html report, traces and failure artifacts (git-ignored). */
export const ARTIFACTS = path.join(ROOT, 'e2e', '.artifacts');
/** The H5 build the workers serve (built once per run by global setup). */
export const H5_DIR = path.join(ARTIFACTS, 'h5');
/**
 * The gateway address baked into that one build. Each worker's static server swaps it for its own
 * emulator's address in the JavaScript it serves, so one build serves every worker (the app reads
 * the address from its bundle, as it does from TARO_APP_GATEWAY_URL in any other H5 build).
 */
export const GATEWAY_PLACEHOLDER = 'http://e2e-gateway.invalid:9';

/** Subscribe-message template ids the emulator knows in this run; only the 消息 case configures the functions with them (the other cases ask for no consent). */
export const E2E_TEMPLATES = { QA_TEMPLATE_ANSWERED: 'e2e-qa-answered', QA_TEMPLATE_INFO_REQUESTED: 'e2e-qa-info', REVISIT_TEMPLATE_EVALUATE: 'e2e-revisit-evaluate' };
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const H5_BUILD_TIMEOUT_MS = Number(process.env.E2E_H5_BUILD_MS ?? 480_000);
/**
 * One case, its fixtures' setup and teardown included (the hand-written runner allowed the case
 * itself 45 s); E2E_CASE_MS raises it on a machine busy with other work.
 */
export const CASE_TIMEOUT_MS = Number(process.env.E2E_CASE_MS ?? 50_000);
export const STEP_TIMEOUT_MS = 15_000;
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

const t0 = Date.now();
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const log = (msg: string) => console.log(`[e2e ${secs(Date.now() - t0).padStart(7)}] ${msg}`);
