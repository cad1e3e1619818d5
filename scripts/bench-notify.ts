/**
 * 待办 and 消息 at scale: user.todos for every role and user.inbox, with 10,000 and then 100,000
 * finished cases in the community (tickets and questions, and as many inbox items of one worker),
 * beside the same open backlog (200 open tickets, 50 open questions). The counts are indexed
 * counts and capped reads of open cases, so the database requests per call and the documents
 * read stay the same whatever the history; strict indexes on (a query no index serves fails).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, sample } from '../emulator/bench/stats';
import { startEmulator } from '../emulator/src/index';
import { getDb } from '../server/db/client';
import { Collections, indexDeclarations } from '../server/db/schema';
import { buildFunctions, FUNCTIONS_DIR } from './build-functions';
import { DEMO_COMMUNITY_ID, seedDemo } from './seed';

const BATCH = 100;
const CALLS = 10;
const OPEN_TICKETS = 200;
const OPEN_QUESTIONS = 50;
const OPEN_STATUSES = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'];
const DONE_STATUSES = ['resolved', 'evaluated', 'closed'];
const ROLES: Array<[string, string]> = [
  ['worker', 'demo-worker-li'],
  ['manager', 'demo-manager-wang'],
  ['volunteer', 'demo-lawyer-chen'],
  ['instructor', 'demo-instructor-huang'],
  ['staff', 'demo-staff-zhang'],
  ['unit', 'demo-unit-hr'],
];

async function seed(cases: number, now: Date): Promise<void> {
  const db = getDb();
  const day = 86_400_000;
  for (let start = 0; start < cases + OPEN_TICKETS; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, cases + OPEN_TICKETS - start) }, (_, k) => {
      const i = start + k;
      const open = i < OPEN_TICKETS;
      const submittedAt = new Date(now.getTime() - (open ? i % 20 : 30 + (i % 700)) * day);
      const status = open ? OPEN_STATUSES[i % OPEN_STATUSES.length] : DONE_STATUSES[i % 3];
      return {
        _id: `bench-n-tk-${i}`,
        number: `BN-${i}`,
        communityId: DEMO_COMMUNITY_ID,
        enterpriseId: ['ent-yongsen', 'ent-xpmould', 'ent-brenner'][i % 3],
        status,
        version: 1,
        category: 'other',
        urgency: 'normal',
        instructorId: i % 2 ? 'demo-instructor-huang' : null,
        leadUnitId: status === 'submitted' || status === 'accepted' ? null : 'unit-hrss',
        assistUnitIds: [],
        rung: open && i % 7 === 0 ? 1 : 0,
        rungReachedAt: submittedAt,
        submittedAt,
        acceptedAt: submittedAt,
        dispatchedAt: submittedAt,
        firstDispatchedAt: submittedAt,
        resolvedAt: open ? null : submittedAt,
        suspensions: [],
        title: `诉求 ${i}`,
        description: 'bench',
        attachments: [],
        submittedBy: 'bench',
        source: null,
        updatedAt: submittedAt,
        sweepAt: null,
      };
    });
    await db.collection(Collections.tickets).add(docs);
  }
  for (let start = 0; start < cases + OPEN_QUESTIONS; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, cases + OPEN_QUESTIONS - start) }, (_, k) => {
      const i = start + k;
      const open = i < OPEN_QUESTIONS;
      const createdAt = new Date(now.getTime() - (open ? 0 : 30 + (i % 700)) * day);
      return {
        _id: `bench-n-q-${i}`,
        communityId: DEMO_COMMUNITY_ID,
        askerOpenid: i % 10 === 0 ? 'demo-worker-li' : 'bench',
        anonymous: false,
        title: `问题 ${i}`,
        description: 'bench',
        category: 'legal',
        profession: 'lawyer',
        attachments: [],
        status: open ? 'open' : 'solved',
        dueAt: open ? new Date(now.getTime() + day) : null,
        overdueNotified: false,
        messageCount: 0,
        createdAt,
        updatedAt: createdAt,
      };
    });
    await db.collection(Collections.questions).add(docs);
  }
  // The worker's inbox: one item per finished case of theirs over the years, 20 still unread.
  for (let start = 0; start < cases; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, cases - start) }, (_, k) => {
      const i = start + k;
      const createdAt = new Date(now.getTime() - i * 3_600_000);
      const _id = `n_bench${String(i).padStart(33, '0')}`;
      return { _id, openid: 'demo-worker-li', event: `bench:${i}`, kind: 'qa.answered', subject: `问题 ${i}`, page: 'qa/pages/detail/index?id=x', template: 'qaAnswered', data: {}, read: i >= 20, createdAt, sortKey: `${createdAt.toISOString()}#${_id}`, push: 'sent' };
    });
    await db.collection(Collections.inbox).add(docs);
  }
}

async function phase(cases: number): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-notify-'));
  const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations(), strictIndexes: 'all' });
  try {
    await seedDemo(emulator.url);
    const seedStart = Date.now();
    await seed(cases, new Date());
    const out: Record<string, number> = { [`seeded (s)`]: (Date.now() - seedStart) / 1000 };
    const call = async (openid: string, action: string): Promise<unknown> => {
      const res = await fetch(`${emulator.url}/functions/user`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-openid': openid }, body: JSON.stringify({ action, data: {}, requestId: randomUUID() }) });
      const body = (await res.json()) as { result?: { ok: boolean; data: unknown } };
      if (!body.result?.ok) throw new Error(`user.${action} as ${openid}: ${JSON.stringify(body)}`);
      return body.result.data;
    };
    const dbOfLast = async (label: string): Promise<number> => {
      const invocations = ((await (await fetch(`${emulator.url}/__emulator/invocations`)).json()) as { invocations: { fn: string; label?: string; actions: Record<string, number> }[] }).invocations;
      const last = [...invocations].reverse().find((inv) => inv.fn === 'user' && inv.label === label);
      return last ? Object.entries(last.actions).reduce((n, [k, v]) => (k.startsWith('database.') ? n + v : n), 0) : -1;
    };
    for (const [role, openid] of ROLES) {
      await call(openid, 'todos'); // warm
      const ms = await sample(CALLS, () => call(openid, 'todos'));
      out[`${role} todos p50 (ms)`] = percentile(ms, 50);
      out[`${role} todos db requests`] = await dbOfLast('todos');
    }
    const inbox = (await call('demo-worker-li', 'inbox')) as { items: unknown[]; unread: number };
    const ms = await sample(CALLS, () => call('demo-worker-li', 'inbox'));
    out['worker inbox page p50 (ms)'] = percentile(ms, 50);
    out['worker inbox db requests'] = await dbOfLast('inbox');
    out['worker inbox items on a page'] = inbox.items.length;
    out['worker unread'] = inbox.unread;
    const stats = (await (await fetch(`${emulator.url}/__emulator/stats`)).json()) as { documents?: number; scans?: { full?: number } };
    out['emulator documents'] = stats.documents ?? -1;
    out['emulator full scans (must stay 0)'] = stats.scans?.full ?? -1;
    return out;
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchNotify(): Promise<Record<string, number | string>> {
  await buildFunctions({ only: ['user'] });
  const out: Record<string, number | string> = {
    'documents a todos call may read': `counts read none; open tickets ≤ ${500} (capped), 14 days of duties, the pending-evaluation lists (capped)`,
  };
  for (const cases of [10_000, 100_000]) {
    for (const [k, v] of Object.entries(await phase(cases))) out[`${cases / 1000}k: ${k}`] = v;
  }
  return out;
}

if (require.main === module) {
  process.env.LOG_LEVEL = 'silent';
  benchNotify()
    .then((f) => {
      for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(48)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
