/**
 * config/release.ts: what a production mini-program build must not carry and must name, and the
 * real `taro build` refusing such a build before compiling anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { releaseProblems } from '../config/release';

const good = { TARO_APP_ID: 'wx0123456789abcdef', TARO_APP_CLOUD_ENV: 'prod-4g1x', TARO_APP_DEV_LOGIN: 'false', TARO_APP_GATEWAY_URL: '' };

it('accepts a complete release configuration', () => {
  expect(releaseProblems(good)).toEqual([]);
});

it.each<[string, Record<string, string | undefined>, string]>([
  ['dev login on', { TARO_APP_DEV_LOGIN: 'true' }, 'TARO_APP_DEV_LOGIN'],
  ['a gateway URL', { TARO_APP_GATEWAY_URL: 'http://127.0.0.1:9000' }, 'TARO_APP_GATEWAY_URL'],
  ['no appid', { TARO_APP_ID: undefined }, 'TARO_APP_ID'],
  ['the tourist appid', { TARO_APP_ID: 'touristappid' }, 'TARO_APP_ID'],
  ['no CloudBase environment', { TARO_APP_CLOUD_ENV: '' }, 'TARO_APP_CLOUD_ENV'],
  ['a malformed environment id', { TARO_APP_CLOUD_ENV: 'prod env!' }, 'TARO_APP_CLOUD_ENV'],
])('refuses %s', (_what, change, key) => {
  expect(releaseProblems({ ...good, ...change }).map((p) => p.key)).toEqual([key]);
});

it('taro build --type weapp stops with the reason when dev login is set, and writes nothing', () => {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'weapp-refused-')), 'dist');
  const res = spawnSync(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'weapp', '--mode', 'ci'], {
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, NODE_ENV: 'production', TARO_APP_DEV_LOGIN: 'true', TARO_APP_GATEWAY_URL: 'http://127.0.0.1:9000', TARO_WEAPP_OUTPUT: out },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(res.status).not.toBe(0);
  const text = `${res.stdout}\n${res.stderr}`;
  expect(text).toContain('This production mini-program build is refused');
  expect(text).toContain('TARO_APP_DEV_LOGIN=true');
  expect(text).toContain('TARO_APP_GATEWAY_URL=http://127.0.0.1:9000');
  expect(existsSync(path.join(out, 'app.js'))).toBe(false);
}, 150_000);
