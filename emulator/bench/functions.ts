/**
 * Function figures through the dev gateway and the runner: one call's p50/p95 (a read and an
 * idempotent write), and 200 concurrent callers.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FUNCTIONS_DIR } from '../../scripts/build-functions';
import { seedDemo } from '../../scripts/seed';
import { indexDeclarations } from '../../server/db/schema';
import { startEmulator } from '../src/index';
import { percentile, sample } from './stats';

export async function benchFunctions(): Promise<Record<string, number | string>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-fn-'));
  const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations() });
  try {
    await seedDemo(emulator.url);
    const call = async (openid: string, action: string, data: unknown = {}, idempotencyKey?: string) => {
      const res = await fetch(`${emulator.url}/functions/user`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data, idempotencyKey }),
      });
      const body = (await res.json()) as { result?: { ok: boolean } };
      if (!body.result?.ok) throw new Error(`user.${action} failed: ${JSON.stringify(body)}`);
    };
    const me = await sample(200, () => call('demo-worker-li', 'me'));
    const write = await sample(100, (i) => call('demo-worker-li', 'updateSettings', { largeText: i % 2 === 0 }, randomUUID().replace(/-/g, '')));
    const t = performance.now();
    await Promise.all(Array.from({ length: 200 }, (_, i) => call(`bench-guest-${i}`, 'me')));
    const concurrentMs = performance.now() - t;
    return {
      'user.me through the gateway p50 (ms)': percentile(me, 50),
      'user.me through the gateway p95 (ms)': percentile(me, 95),
      'user.updateSettings (idempotent write) p50 (ms)': percentile(write, 50),
      'user.updateSettings (idempotent write) p95 (ms)': percentile(write, 95),
      '200 concurrent user.me by 200 callers (ms)': concurrentMs,
    };
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
