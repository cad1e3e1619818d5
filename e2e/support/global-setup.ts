/**
 * Once per run, before any worker starts: Chromium present, the screenshot folder emptied of the
 * last run's top-level PNGs, the cloud functions bundled (every worker's emulator reads them) and
 * the H5 app built once (every worker serves it for its own emulator, e2e/support/backend.ts).
 * `E2E_REUSE_H5=1` keeps the last run's build in e2e/.artifacts/h5 when there is one (while
 * iterating on tests; the app's code is not rebuilt then).
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildH5, isH5Build, warnWithoutCjkFont } from './backend';
import { CHROMIUM, H5_DIR, ROOT, SHOTS, log } from './constants';

export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH); browser tests cannot run`);
  }
  warnWithoutCjkFont();
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.rmSync(path.join(SHOTS, f), { force: true });

  const { buildFunctions } = require('../../scripts/build-functions') as typeof import('../../scripts/build-functions');
  const reuse = process.env.E2E_REUSE_H5 === '1' && isH5Build(H5_DIR);
  const [built] = await Promise.all([buildFunctions(), reuse ? log(`reusing the H5 build in ${path.relative(ROOT, H5_DIR)} (E2E_REUSE_H5=1)`) : buildH5()]);
  log(`built ${built.length} functions (${built.map((b) => b.name).join(', ')})`);
}
