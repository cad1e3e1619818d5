/**
 * Staff console figures: admin.dashboard latency through the gateway (runner → SDK → emulator,
 * strict indexes on) with 100,000 tickets and 20,000 questions in the community, and the database
 * requests one dashboard makes (from GET /__emulator/invocations) — aggregations, never loading
 * the documents. Seeded in bulk straight into the emulator's database through the SDK.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QaCategories } from '../core/api/qa';
import { TicketCategories } from '../core/api/tickets';
import { addDays, shanghaiDate } from '../core/rules/working-days';
import { percentile, sample } from '../emulator/bench/stats';
import { startEmulator } from '../emulator/src/index';
import { getDb } from '../server/db/client';
import { Collections, indexDeclarations } from '../server/db/schema';
import { buildFunctions, FUNCTIONS_DIR } from './build-functions';
import { DEMO_COMMUNITY_ID, seedDemo } from './seed';

const TICKETS = 100_000;
const QUESTIONS = 20_000;
const BATCH = 1000;
const CALLS = 20;
const STATUSES = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'evaluated', 'closed', 'suspended'];
const ENTERPRISES = ['ent-yongsen', 'ent-xpmould', 'ent-brenner'];

export async function benchConsole(): Promise<Record<string, number | string>> {
  await buildFunctions({ only: ['admin'] });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-console-'));
  const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations(), strictIndexes: 'all' });
  try {
    await seedDemo(emulator.url);
    const now = new Date();
    const today = shanghaiDate(now);
    const db = getDb();
    const seedStart = Date.now();
    // A year of tickets: 1 in 20 still open (the overdue check reads only those), the rest finished.
    for (let start = 0; start < TICKETS; start += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, TICKETS - start) }, (_, k) => {
        const i = start + k;
        const submittedAt = new Date(now.getTime() - (i % 365) * 86_400_000 - (i % 600) * 60_000);
        const status = i % 20 === 0 ? STATUSES[(i / 20) % 5] : STATUSES[5 + (i % 3)];
        return {
          _id: `bench-tk-${i}`,
          number: `BENCH-${i}`,
          communityId: DEMO_COMMUNITY_ID,
          enterpriseId: ENTERPRISES[i % ENTERPRISES.length],
          status,
          version: 1,
          category: TicketCategories[i % TicketCategories.length],
          urgency: ['normal', 'urgent', 'critical'][i % 3],
          instructorId: null,
          rung: i % 13 === 0 ? 2 : i % 5 === 0 ? 1 : 0,
          rungReachedAt: submittedAt,
          submittedAt,
          acceptedAt: status === 'submitted' ? null : submittedAt,
          dispatchedAt: submittedAt,
          firstDispatchedAt: submittedAt,
          resolvedAt: ['resolved', 'evaluated', 'closed'].includes(status) ? submittedAt : null,
          suspensions: [],
          title: `诉求 ${i}`,
          description: 'bench',
          attachments: [],
          submittedBy: 'bench',
          source: null,
          updatedAt: submittedAt,
        };
      });
      await db.collection(Collections.tickets).add(docs);
    }
    for (let start = 0; start < QUESTIONS; start += BATCH) {
      const docs = Array.from({ length: Math.min(BATCH, QUESTIONS - start) }, (_, k) => {
        const i = start + k;
        const createdAt = new Date(now.getTime() - (i % 365) * 86_400_000);
        const answered = i % 4 !== 0;
        return {
          _id: `bench-q-${i}`,
          communityId: DEMO_COMMUNITY_ID,
          askerOpenid: 'bench',
          enterpriseId: ENTERPRISES[i % ENTERPRISES.length],
          anonymous: false,
          title: `问题 ${i}`,
          description: 'bench',
          category: QaCategories[i % QaCategories.length],
          attachments: [],
          status: answered ? 'answered' : 'open',
          dueAt: answered ? null : createdAt,
          overdueNotified: false,
          messageCount: 0,
          createdAt,
          updatedAt: createdAt,
          ...(answered ? { firstAnsweredAt: createdAt, answeredOnTime: i % 7 !== 0 } : {}),
        };
      });
      await db.collection(Collections.questions).add(docs);
    }
    const seedSeconds = (Date.now() - seedStart) / 1000;

    const call = async (data: Record<string, unknown>): Promise<{ tickets: { total: number } }> => {
      const res = await fetch(`${emulator.url}/functions/admin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-staff-zhang' },
        body: JSON.stringify({ action: 'dashboard', data, requestId: randomUUID() }),
      });
      const body = (await res.json()) as { result?: { ok: boolean; data: { tickets: { total: number } }; error?: unknown } };
      if (!body.result?.ok) throw new Error(`admin.dashboard failed: ${JSON.stringify(body)}`);
      return body.result.data;
    };
    const quarter = { from: addDays(today, -89), to: today };
    const year = { from: addDays(today, -365), to: today };
    let yearTotal = 0;
    await call(quarter); // warm the instance
    const q = await sample(CALLS, () => call(quarter));
    const y = await sample(CALLS, async () => {
      yearTotal = (await call(year)).tickets.total;
    });

    const invocations = ((await (await fetch(`${emulator.url}/__emulator/invocations`)).json()) as { invocations: { fn: string; label?: string; actions: Record<string, number> }[] }).invocations;
    const last = [...invocations].reverse().find((inv) => inv.fn === 'admin' && inv.label === 'dashboard');
    const db1 = last ? Object.entries(last.actions).reduce((n, [k, v]) => (k.startsWith('database.') ? n + v : n), 0) : -1;
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { documents?: number; scans?: { full?: number } };
    return {
      [`seeded ${TICKETS} tickets + ${QUESTIONS} questions (s)`]: seedSeconds,
      'admin.dashboard, 90 days, p50 (ms)': percentile(q, 50),
      'admin.dashboard, 90 days, p95 (ms)': percentile(q, 95),
      'admin.dashboard, 366 days, p50 (ms)': percentile(y, 50),
      'admin.dashboard, 366 days, p95 (ms)': percentile(y, 95),
      'tickets counted in the 366-day dashboard': yearTotal,
      'db requests per admin.dashboard': db1,
      'emulator documents': stats.documents ?? -1,
      'emulator full scans (must stay 0)': stats.scans?.full ?? -1,
    };
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.env.LOG_LEVEL = 'silent';
  benchConsole()
    .then((f) => {
      for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(56)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
