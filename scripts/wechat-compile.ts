/**
 * WeChat's own compiler on the weapp build, offline (issue 16 #7): `miniprogram-ci` (the compiler
 * and code-quality checker of WeChat DevTools) compiles dist/ as WeChat would before an upload,
 * and runs DevTools' 代码质量 rules. Its Project asks WeChat's servers for the project's attributes
 * (package and tab bar limits) through attr(); offline we answer them here with the published
 * limits (main package and each subpackage 2 MB, 20 MB in all: developers.weixin.qq.com/miniprogram
 * /dev/framework/subpackages.html; tab bar 2–5 items), as ../shared/TOOLCHAIN-NOTES.md records.
 * The key file only has to exist (no upload is made); a throwaway RSA key is made for it.
 *
 *   npm run compile:wechat            compiles dist/ (build it first: npm run build:weapp -- --mode ci)
 *
 * Exits non-zero when WeChat's compiler rejects the build; prints the quality rules.
 */
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

/** The published limits in the shape attr() answers (sizes in MB). */
const ATTR = {
  platform: false,
  appType: 0,
  isSandbox: false,
  released: false,
  setting: {
    MaxCodeSize: 2,
    MaxSubpackageSubCodeSize: 2,
    MaxSubpackageFullCodeSize: 20,
    NavigateMiniprogramLimit: 10,
    MaxSubPackageLimit: 100,
    MinTabbarCount: 2,
    MaxTabbarCount: 5,
    MaxCustomTabbarCount: 5,
    MaxTabbarIconSize: 40,
  },
};

export async function compileWithWechat(dist = DIST): Promise<{ files: number; quality: Array<{ name: string; ok: boolean }> }> {
  if (!fs.existsSync(path.join(dist, 'app.json'))) throw new Error(`${dist} has no app.json: build the weapp first (npm run build:weapp -- --mode ci)`);
  const { appid } = JSON.parse(fs.readFileSync(path.join(dist, 'project.config.json'), 'utf8')) as { appid: string };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-compile-'));
  try {
    const keyPath = path.join(dir, `private.${appid}.key`);
    fs.writeFileSync(keyPath, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const ci = require('miniprogram-ci') as typeof import('miniprogram-ci');
    const project = new ci.Project({ appid, type: 'miniProgram', projectPath: dist, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] });
    (project as unknown as { attr: () => Promise<typeof ATTR> }).attr = async () => ATTR;
    const compiled = await ci.getCompiledResult({ project, version: '0.0.0', setting: { es6: false, minify: true }, onProgressUpdate: () => undefined } as never);
    const raw = (await ci.checkCodeQuality(project as never)) as unknown;
    const quality = (Array.isArray(raw) ? raw : []).map((r: { name?: string; success?: boolean; key?: string }) => ({ name: String(r.name ?? r.key ?? '?'), ok: r.success !== false }));
    return { files: Object.keys(compiled).length, quality };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const started = Date.now();
  compileWithWechat(process.argv[2] ? path.resolve(process.argv[2]) : DIST)
    .then(({ files, quality }) => {
      console.log(`WeChat's compiler (miniprogram-ci) compiled dist/: ${files} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      for (const q of quality) console.log(`  ${q.ok ? 'ok  ' : 'warn'} ${q.name}`);
      // The compiler leaves a file watcher running: end here.
      process.exit(0);
    })
    .catch((e: Error) => {
      console.error(`WeChat's compiler refused dist/: ${e.message}`);
      process.exit(1);
    });
}
