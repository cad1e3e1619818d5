/**
 * The slimmed SDK bundle on its own, in a fresh Node process with no node_modules in reach: it
 * loads without node_modules, the parts left out throw a clear error when used (and only then),
 * the lazy packages are not loaded by a require, and the version is the pinned one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { buildFunctions } from './build-functions';
import { buildLazyPackages, checkPinnedSdk, LAZY_PACKAGES, OWN_LAZY_PACKAGES, PINNED_SDK_VERSION, sdkSlimPlugin } from './build-functions-sdk';

let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sdk-slim-'));
  await build({
    stdin: { contents: `module.exports = require('@cloudbase/node-sdk');`, resolveDir: __dirname, loader: 'js' },
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    plugins: [sdkSlimPlugin()],
    logLevel: 'silent',
  });
  await buildLazyPackages([dir], { minify: true });
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `code` (with `sdk` the bundle) in a fresh process outside the repository; answers its JSON output. */
function run(code: string): Record<string, unknown> {
  const script = `const sdk = require(${JSON.stringify(path.join(dir, 'index.js'))});
const out = {};
const attempt = (k, f) => { try { const v = f(); out[k] = v && typeof v.then === 'function' ? 'promise' : 'ok'; } catch (e) { out[k] = String(e.message); } };
${code}
out.lazyLoaded = Object.keys(require.cache).filter((f) => f.includes('sdk-lazy')).map((f) => f.split(/[\\\\/]/).pop());
console.log(JSON.stringify(out));`;
  const env = { PATH: process.env.PATH ?? '', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', TENCENTCLOUD: 'true', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'test', TENCENTCLOUD_RUNENV: 'SCF' };
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), env }).toString()) as Record<string, unknown>;
}

describe('the slimmed @cloudbase/node-sdk', () => {
  it('loads with no node_modules in reach, at the pinned version, without loading the lazy packages', () => {
    const out = run(`const app = sdk.init({ env: 'e1' });
attempt('database', () => app.database().collection('c').where({ a: 1 }));
attempt('auth', () => app.auth().getUserInfo());
out.version = sdk.version;`);
    expect(out).toMatchObject({ database: 'ok', auth: 'ok', version: PINNED_SDK_VERSION, lazyLoaded: [] });
    expect(readdirSync(path.join(dir, 'sdk-lazy')).sort()).toEqual([...LAZY_PACKAGES, ...OWN_LAZY_PACKAGES].map((p) => `${p.replace(/[^a-z0-9.-]/gi, '_')}.js`).sort());
  });

  it('throws a clear error for each part left out, when it is used', () => {
    const out = run(`const app = sdk.init({ env: 'e1' });
attempt('ai', () => app.ai());
attempt('logger', () => app.logger());
attempt('models', () => app.models.post.list());
attempt('mysql', () => app.mysql());
attempt('watch', () => app.database().collection('c').watch({ onChange() {}, onError() {} }));`);
    const leftOut = (what: RegExp) => expect.stringMatching(new RegExp(`${what.source}.*is left out of this function's bundle because no function calls it`));
    expect(out).toMatchObject({
      ai: leftOut(/app\.ai\(\)/),
      logger: leftOut(/app\.logger\(\)/),
      models: leftOut(/app\.models/),
      mysql: leftOut(/app\.mysql/),
      watch: leftOut(/watch\(\)/),
    });
    expect(out.lazyLoaded).toEqual([]);
  });

  it('loads a lazy package on first use, from the file beside the bundle', () => {
    const out = run(`const FormData = require(${JSON.stringify(path.join(dir, 'sdk-lazy', 'form-data.js'))});
attempt('form', () => new FormData().append('a', 'b'));`);
    expect(out.form).toBe('ok');
    expect(out.lazyLoaded).toEqual(['form-data.js']);
  });

  it('keeps our own lazy package (write-excel-file) out of a built function until a spreadsheet is written', async () => {
    const out = path.join(dir, 'fn');
    const [user] = await buildFunctions({ only: ['user'], outDir: out });
    const script = `const fn = require(${JSON.stringify(user.file)});
const loaded = () => Object.keys(require.cache).filter((f) => f.includes('sdk-lazy')).map((f) => f.split(/[\\\\/]/).pop());
const before = loaded();
fn.main; // the function is loaded, nothing called
require(${JSON.stringify(path.join(out, 'user', 'sdk-lazy', 'write-excel-file_node.js'))});
console.log(JSON.stringify({ before, after: loaded() }));`;
    const env = { PATH: process.env.PATH ?? '', TENCENTCLOUD_SECRETID: 'x', TENCENTCLOUD_SECRETKEY: 'x', TENCENTCLOUD: 'true', TENCENTCLOUD_REGION: 'ap-shanghai', SCF_NAMESPACE: 'test', TENCENTCLOUD_RUNENV: 'SCF' };
    const res = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: os.tmpdir(), env }).toString()) as { before: string[]; after: string[] };
    expect(res.before).toEqual([]);
    expect(res.after).toEqual(['write-excel-file_node.js']);
  }, 120_000);

  it('is pinned alike in package.json, every function’s package.json and the build', () => {
    expect(() => checkPinnedSdk()).not.toThrow();
  });
});
