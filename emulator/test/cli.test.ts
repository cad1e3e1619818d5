/**
 * The emulator CLI as developers run it: a child process started by `npm run emulator`, and the
 * `trigger` and `clock` subcommands against it. Also what only a real process can show: a
 * function's stray rejection does not kill it, and a rebuilt bundle is picked up on the next call.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, runCli, startCli, stopAll, type CliEmulator } from './helpers/cli-child';
import { pointSdkAt, sdkApp } from './helpers/db-harness';
import { FIXTURE_FUNCTIONS } from './helpers/emulator-harness';

let dataDir: string;
let functionsDir: string;
let emu: CliEmulator;
let db: ReturnType<ReturnType<typeof sdkApp>['database']>;
const realNow = () => performance.timeOrigin + performance.now();

function writeRebuilt(version: number, mtimeMs: number): void {
  const dir = path.join(functionsDir, 'rebuilt');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'index.js');
  writeFileSync(file, `exports.main = async (event) => ({ version: ${version}, echo: event.echo });\n`);
  utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-cli-data-'));
  // The fixtures linked in (so they still find node_modules), plus one function this test rebuilds.
  functionsDir = mkdtempSync(path.join(os.tmpdir(), 'emu-cli-fns-'));
  for (const name of readdirSync(FIXTURE_FUNCTIONS)) symlinkSync(path.join(FIXTURE_FUNCTIONS, name), path.join(functionsDir, name), 'dir');
  writeRebuilt(1, Date.now() - 60_000);
  emu = await startCli({ port: await freePort(), dataDir, functionsDir, extra: ['--no-triggers'] });
  pointSdkAt(`${emu.url}/admin`);
  db = sdkApp().database();
  await db.createCollection('ticks');
  await db.createCollection('whoami_log');
});

afterAll(async () => {
  await stopAll();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(functionsDir, { recursive: true, force: true });
});

async function gateway(name: string, event: unknown = {}, openid?: string) {
  const res = await fetch(`${emu.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-openid': openid } : {}) },
    body: JSON.stringify(event),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: res.status, body: (await res.json()) as any };
}

it('prints where it listens and which functions it found', () => {
  expect(emu.stdout()).toContain(`emulator listening on ${emu.url}`);
  expect(emu.stdout()).toMatch(/functions .*whoami/);
});

it('says which function it refused and why (two timer triggers), and serves the others', async () => {
  expect(emu.stderr()).toMatch(/function twotimers is not loaded: its config\.json declares 2 triggers \(hourly, daily\); WeChat cloud supports one trigger per function/);
  expect(emu.stdout()).not.toMatch(/functions .*twotimers/);
  const run = await runCli(['trigger', 'twotimers', 'hourly', '--port', String(emu.port)]);
  expect(run.code).not.toBe(0);
  expect(JSON.parse(run.stdout).error).toMatchObject({ code: 'FUNCTIONS_EXECUTE_FAIL', message: expect.stringContaining('one trigger per function') });
  expect((await gateway('whoami', {}, 'openid-A')).status).toBe(200);
});

describe('trigger <function> <trigger>', () => {
  it('fires a timer trigger of the running emulator, as the platform (no caller)', async () => {
    const run = await runCli(['trigger', 'nightly', 'nightly', '--port', String(emu.port)]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ result: { fired: 'nightly', openId: '' } });
    const ticks = (await db.collection('ticks').where({ 'event.TriggerName': 'nightly' }).get()).data;
    expect(ticks).toHaveLength(1);
    expect(ticks[0].event).toMatchObject({ Type: 'Timer', TriggerName: 'nightly' });
    expect(emu.stdout()).toMatch(/\[fn\] nightly\.timer:nightly timer/);
  });

  it('fails (non-zero exit) for an unknown trigger or a missing argument', async () => {
    const unknown = await runCli(['trigger', 'ticker', 'hourly', '--port', String(emu.port)]);
    expect(unknown.code).not.toBe(0);
    expect(JSON.parse(unknown.stdout).error.code).toBe('TRIGGER_NOT_FOUND');
    const missing = await runCli(['trigger', 'ticker', '--port', String(emu.port)]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/usage/);
    expect((await db.collection('ticks').count()).total).toBe(1);
  });
});

describe('clock <ISO time|reset>', () => {
  afterAll(async () => {
    await fetch(`${emu.url}/__emulator/clock`, { method: 'POST', body: JSON.stringify({ reset: true }) });
  });

  it('sets the time functions see, and resets it', async () => {
    const set = await runCli(['clock', '2030-06-15T12:00:00+08:00', '--port', String(emu.port)]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ shifted: true });
    const seen = Date.parse((await gateway('clock')).body.result.now);
    expect(seen - Date.parse('2030-06-15T12:00:00+08:00')).toBeGreaterThanOrEqual(0);
    expect(seen - Date.parse('2030-06-15T12:00:00+08:00')).toBeLessThan(10_000);

    const reset = await runCli(['clock', 'reset', '--port', String(emu.port)]);
    expect(reset.code).toBe(0);
    expect(JSON.parse(reset.stdout)).toMatchObject({ shifted: false });
    expect(Math.abs(Date.parse((await gateway('clock')).body.result.now) - realNow())).toBeLessThan(5000);
  });

  it('fails (non-zero exit) for something that is not a time, leaving the clock alone', async () => {
    const bad = await runCli(['clock', 'next-tuesday', '--port', String(emu.port)]);
    expect(bad.code).not.toBe(0);
    expect(JSON.parse(bad.stdout).error.code).toBe('INVALID_PARAM');
    expect(Math.abs(Date.parse((await gateway('clock')).body.result.now) - realNow())).toBeLessThan(5000);
  });
});

describe('the emulator process', () => {
  it('survives an unhandled rejection in function code', async () => {
    const res = await gateway('stray', {}, 'openid-A');
    expect(res).toEqual({ status: 200, body: { result: { ok: true } } });
    await new Promise((r) => setTimeout(r, 200));
    expect(emu.exited()).toBe(false);
    expect(emu.stderr()).toContain('stray rejection from function code');
    expect((await gateway('whoami', {}, 'openid-A')).body.result.user.openId).toBe('openid-A');
    const health = await fetch(`${emu.url}/__emulator/health`).then((r) => r.json() as Promise<{ ok: boolean }>);
    expect(health.ok).toBe(true);
  });

  it('picks up a rebuilt index.js on the next call', async () => {
    expect((await gateway('rebuilt', { echo: 'a' })).body).toEqual({ result: { version: 1, echo: 'a' } });
    writeRebuilt(2, Date.now());
    expect((await gateway('rebuilt', { echo: 'b' })).body).toEqual({ result: { version: 2, echo: 'b' } });
    expect((await gateway('rebuilt', { echo: 'c' })).body).toEqual({ result: { version: 2, echo: 'c' } });
  });

  it('stops cleanly on SIGTERM and frees its data folder', async () => {
    await emu.stop();
    expect(emu.exited()).toBe(true);
    expect(emu.child.exitCode).toBe(0);
    expect(readdirSync(dataDir)).not.toContain('LOCK');
  });
});
