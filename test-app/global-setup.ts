/**
 * Jest globalSetup of the `app` project: makes sure dist/ holds a production weapp build of the
 * current sources before the weapp render tests run. Rebuilds (`taro build --type weapp --mode ci`,
 * ~10-20 s) when dist/app.js is missing or older than the newest file under src/ or config/
 * (or package.json / babel.config.js).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

/**
 * A failed build is reported by the render tests (through this file), not by throwing here:
 * throwing in a globalSetup would abort the other projects' tests as well.
 */
export const BUILD_ERROR_FILE = path.join(os.tmpdir(), `icsd-weapp-build-error-${createHash('sha1').update(ROOT).digest('hex').slice(0, 10)}.txt`);

/** Throws the last build failure, if the last build failed. */
export function assertWeappBuilt(): void {
  if (fs.existsSync(BUILD_ERROR_FILE)) throw new Error(fs.readFileSync(BUILD_ERROR_FILE, 'utf8'));
  if (!fs.existsSync(path.join(ROOT, 'dist', 'app.js'))) throw new Error('dist/app.js is missing: the weapp was not built (is src/ there?)');
}

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(p)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, name)));
  }
  return newest;
}

export function weappIsStale(root = ROOT): { stale: boolean; why: string } {
  const appJs = path.join(root, 'dist', 'app.js');
  if (!fs.existsSync(appJs)) return { stale: true, why: 'dist/app.js is missing' };
  const built = fs.statSync(appJs).mtimeMs;
  const sources = Math.max(...['src', 'config', 'package.json', 'babel.config.js', '.env.ci', 'project.config.json'].map((p) => newestMtime(path.join(root, p))));
  if (sources > built) return { stale: true, why: 'sources changed since the last build' };
  return { stale: false, why: 'dist/ is up to date' };
}

export default async function globalSetup(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'src'))) {
    // The render tests say why they fail; nothing to build.
    return;
  }
  const { stale, why } = weappIsStale();
  if (!stale && !fs.existsSync(BUILD_ERROR_FILE)) return;
  const started = Date.now();
  process.stdout.write(`\n[app] building the weapp (${why}) ...`);
  // `--mode ci`: the complete test configuration of .env.ci (a production build refuses to run
  // without an appid and a CloudBase environment: config/release.ts).
  const res = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp', '--mode', 'ci'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (res.status !== 0 || !fs.existsSync(path.join(ROOT, 'dist', 'app.js'))) {
    const out = `${res.stderr ?? ''}\n${res.stdout ?? ''}`; // webpack's progress goes to stderr, the errors to stdout
    fs.writeFileSync(BUILD_ERROR_FILE, `taro build --type weapp failed after ${seconds} s (${res.error?.message ?? `exit ${res.status}`}):\n${buildErrorSummary(out)}`);
    process.stdout.write(` FAILED after ${seconds} s (the weapp render tests will show why)\n`);
    return;
  }
  fs.rmSync(BUILD_ERROR_FILE, { force: true });
  process.stdout.write(` done in ${seconds} s\n`);
}

/** The part of a Taro/webpack build log that says what went wrong (not the progress bar). */
export function buildErrorSummary(log: string): string {
  // An ANSI colour code starts with ESC (\x1b): matching it is the point of this pattern.
  // eslint-disable-next-line no-control-regex
  const text = log.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '\n');
  const at = text.search(/✖ Errors|ERROR in |Error: /);
  const lines = (at >= 0 ? text.slice(at) : text).split('\n').filter((l) => l.trim() && !/Webpack █|即将开始启动编译|DEP_WEBPACK|trace-deprecation|dencies \d+\/\d+/.test(l));
  return (at >= 0 ? lines.slice(0, 40) : lines.slice(-30)).join('\n');
}
