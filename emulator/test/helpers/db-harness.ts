/**
 * A database + storage emulator on a random port, and a real @cloudbase/node-sdk app pointed
 * at it the way production points the SDK at CloudBase (TCB_CONTEXT_CNFG). The SDK reads that
 * variable on every request, so the most recently started harness is the one the SDK talks to:
 * run one harness at a time per test file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tcb from '@cloudbase/node-sdk';
import type { IndexDeclaration } from '../../src/contracts';
import { createDatabase, type Database, type DatabaseOptions } from '../../src/db';
import { EmulatorHttpServer } from '../../src/http/server';
import { createStorage, type Storage } from '../../src/storage';

export const TEST_ENV_ID = 'test-env';

export interface DbHarness {
  app: ReturnType<typeof tcb.init>;
  db: ReturnType<ReturnType<typeof tcb.init>['database']>;
  database: Database;
  storage: Storage;
  server: EmulatorHttpServer;
  url: string;
  dataDir: string;
  /** POST a raw body to /admin (for malformed-input tests). */
  post(body: unknown): Promise<Record<string, unknown>>;
  /** Create collections through the SDK. */
  createCollections(...names: string[]): Promise<void>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

export interface DbHarnessOptions {
  dataDir?: string;
  indexes?: IndexDeclaration[];
  database?: Partial<DatabaseOptions>;
}

/** Point the SDK at `adminUrl` (the production mechanism: env vars read per request). */
export function pointSdkAt(adminUrl: string): void {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: adminUrl });
  process.env.TENCENTCLOUD_SECRETID = 'local';
  process.env.TENCENTCLOUD_SECRETKEY = 'local';
  process.env.SCF_NAMESPACE = TEST_ENV_ID;
  process.env.TENCENTCLOUD = 'true';
  // SILENCE only switches off the SDK's "request slower than 3 s" warning for database calls.
  process.env.SILENCE = 'true';
}

export function sdkApp(): ReturnType<typeof tcb.init> {
  return tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
}

type Db = ReturnType<ReturnType<typeof tcb.init>['database']>;

/**
 * runTransaction with backoff past the SDK's own three retries, as the server's inTransaction
 * does: under first-writer-wins, many transactions on one hot document need more than three.
 */
export async function withRetries<T>(db: Db, work: (t: Awaited<ReturnType<Db['startTransaction']>>) => Promise<T>, attempts = 12): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(work)) as T;
    } catch (e) {
      if ((e as { code?: string })?.code !== 'DATABASE_TRANSACTION_CONFLICT' || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(attempt, 6)));
    }
  }
}

export async function startDbHarness(options: DbHarnessOptions = {}): Promise<DbHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'emu-db-'));
  const database = await createDatabase({ dataDir, indexes: options.indexes, envName: TEST_ENV_ID, ...options.database });
  const server = new EmulatorHttpServer();
  const storage = createStorage({ dataDir, publicBaseUrl: 'http://127.0.0.1' });
  server.addAdminHandler(database);
  server.addAdminHandler(storage);
  storage.register(server);
  const { url } = await server.listen(0);
  storage.setPublicBaseUrl(url);
  pointSdkAt(`${url}/admin`);
  const app = sdkApp();
  const db = app.database();

  return {
    app,
    db,
    database,
    storage,
    server,
    url,
    dataDir,
    async post(body) {
      const res = await fetch(`${url}/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    },
    async createCollections(...names) {
      for (const n of names) await db.createCollection(n);
    },
    async close({ keepData = false } = {}) {
      await server.close();
      await database.close();
      if (!keepData && !options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
