/**
 * The production weapp build (dist/, built by test-app/global-setup.ts with the test
 * configuration .env.ci) carries no development tool: no demo openid, no emulator address, no
 * dev-login page; its JavaScript parses as ES2019 (what older WeChat engines run); it names the
 * configured appid and loads components lazily. The scanner itself is shown to find each.
 */
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoUsers } from '@core/api/demo-users';
import { assertWeappBuilt } from './global-setup';
import { scanWeappOutput } from './support/weapp-scan';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

const FORBIDDEN = {
  strings: {
    ...Object.fromEntries(DemoUsers.map((u) => [u.openid, 'a demo user'])),
    ':9000': "the emulator's gateway port",
    '/__emulator/': "the emulator's own API",
    '127.0.0.1': 'a loopback address',
  },
  pages: ['pages/login/index'],
};

beforeAll(() => assertWeappBuilt());

it('contains no demo openid, no emulator address, no dev-login page, and nothing newer than ES2019', () => {
  expect(scanWeappOutput(DIST, FORBIDDEN)).toEqual([]);
  expect(DemoUsers.length).toBeGreaterThan(5);
});

it('names the configured appid and loads components lazily', () => {
  const ciAppid = /^TARO_APP_ID="([^"]+)"/m.exec(readFileSync(path.join(ROOT, '.env.ci'), 'utf8'))?.[1];
  expect(JSON.parse(readFileSync(path.join(DIST, 'project.config.json'), 'utf8')).appid).toBe(ciAppid);
  const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8'));
  expect(app.lazyCodeLoading).toBe('requiredComponents');
  expect(app.preloadRule['pages/index/index'].packages).toEqual(expect.arrayContaining(['inbox']));
});

it('finds each forbidden thing when it is there (the scan is not vacuous)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'weapp-scan-'));
  mkdirSync(path.join(dir, 'pages', 'login'), { recursive: true });
  writeFileSync(path.join(dir, 'app.json'), JSON.stringify({ pages: ['pages/index/index', 'pages/login/index'] }));
  writeFileSync(path.join(dir, 'pages', 'login', 'index.js'), 'var users = ["demo-worker-li"];');
  writeFileSync(path.join(dir, 'common.js'), 'var u = a?.b ?? "http://127.0.0.1:9000";');
  const found = scanWeappOutput(dir, FORBIDDEN).map((f) => `${f.file}: ${f.what}`);
  expect(found).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^app\.json: the page pages\/login\/index is registered/),
      expect.stringMatching(/^pages\/login\/index\.js: the page pages\/login\/index/),
      expect.stringMatching(/^pages\/login\/index\.js: a demo user \(demo-worker-li\)/),
      expect.stringMatching(/^common\.js: the emulator's gateway port/),
      expect.stringMatching(/^common\.js: syntax newer than ES2019/),
    ]),
  );
});
