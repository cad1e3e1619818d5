/**
 * The whole emulator (startEmulator: /admin, the dev gateway, /__emulator/*) in this process on
 * a random port, running the fixture functions under test/fixtures/functions, and the real
 * @cloudbase/node-sdk in this process pointed at it (TCB_CONTEXT_CNFG, read per request).
 * One harness at a time per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/index';
import { pointSdkAt, sdkApp } from './db-harness';

export const FIXTURE_FUNCTIONS = path.resolve(__dirname, '..', 'fixtures', 'functions');

export interface GatewayAnswer<T = any> {
  status: number;
  requestId: string | null;
  body: { result?: T; error?: { code: string; message: string } };
}

export interface EmulatorHarness {
  emulator: Emulator;
  url: string;
  app: ReturnType<typeof tcb.init>;
  db: ReturnType<ReturnType<typeof tcb.init>['database']>;
  /** POST /functions/<name> with the event as body (a string is sent as is) and X-Openid. */
  gateway<T = any>(name: string, event?: unknown, openid?: string): Promise<GatewayAnswer<T>>;
  /** Any request to the emulator, JSON in and out. */
  request<T = any>(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

export async function startEmulatorHarness(options: Partial<EmulatorOptions> = {}): Promise<EmulatorHarness> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-fn-'));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    functionsDir: FIXTURE_FUNCTIONS,
    logLevel: 'silent',
    triggers: false,
    envId: 'test-env',
    ...options,
  });
  pointSdkAt(`${emulator.url}/admin`);
  const app = sdkApp();
  const request = async (method: string, pathname: string, body?: unknown) => {
    const res = await fetch(`${emulator.url}${pathname}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  return {
    emulator,
    url: emulator.url,
    app,
    db: app.database(),
    async gateway(name, event = {}, openid) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (openid !== undefined) headers['x-openid'] = openid;
      const res = await fetch(`${emulator.url}/functions/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers,
        body: typeof event === 'string' ? event : JSON.stringify(event),
        signal: AbortSignal.timeout(15_000),
      });
      return { status: res.status, requestId: res.headers.get('x-request-id'), body: (await res.json()) as any };
    },
    request,
    async close() {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (then throws `what`). */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000, everyMs = 100): Promise<T> {
  // performance.now(): the emulator's clock (timekeeper) moves Date, not this.
  const until = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
