/**
 * The district-scale run: one environment with 20 communities, 10,000 enterprises, 200,000 workers
 * and a year of activity (questions and demands played through the real state machine), then the
 * heaviest screens' functions measured through the gateway (runner → SDK → emulator, strict
 * indexes on: any query no declared index serves fails the run).
 *
 *   npm run bench -- scale          (a section of the bench)
 *   npx tsx scripts/bench-scale.ts  (alone)
 */
import { PACKAGE_CALENDAR } from '../core/rules/holiday-calendar';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QaCategories, CategoryProfession, type QaCategory } from '../core/api/qa';
import { TicketCategories } from '../core/api/tickets';
import { creditCodeCheckChar } from '../core/rules/credit-code';
import { overdueChecks } from '../core/rules/ticket-deadlines';
import { nextSweepAt } from '../core/rules/ticket-escalation';
import { applyPatch, OPEN, submitTicket, transition, type Ticket, type TicketAct, type TicketActor } from '../core/rules/ticket-machine';
import { percentile, sample } from '../emulator/bench/stats';
import { startEmulator } from '../emulator/src/index';
import { getDb } from '../server/db/client';
import { Collections, indexDeclarations } from '../server/db/schema';
import type { QuestionDoc } from '../server/modules/qa/question.repository';
import type { HistoryDoc, TicketDoc } from '../server/modules/tickets/tickets.repository';
import type { UserDoc } from '../server/modules/organisation/user.repository';
import { buildFunctions, FUNCTIONS_DIR } from './build-functions';
import { seedDemo } from './seed';

export const SCALE = { communities: 20, enterprisesPerCommunity: 500, workersPerEnterprise: 20, questionsPerEnterprise: 5, ticketsPerEnterprise: 2 };
const BATCH = 500;
const DAY = 86_400_000;

const cid = (c: number) => `bench-c${String(c).padStart(2, '0')}`;
const eid = (c: number, e: number) => `${cid(c)}-e${String(e).padStart(3, '0')}`;

/** A deterministic pseudo-random stream, so two runs seed the same data. */
export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertAll(collection: string, docs: object[]): Promise<void> {
  const db = getDb();
  for (let i = 0; i < docs.length; i += BATCH) await db.collection(collection).add(docs.slice(i, i + BATCH));
}

/** One ticket played through the pure machine up to a random point of its life. */
function playTicket(id: string, number: string, c: number, e: number, at: Date, now: Date, rand: () => number): { doc: TicketDoc; history: HistoryDoc[] } {
  const communityId = cid(c);
  const people = { manager: `${eid(c, e)}-mgr`, enterpriseId: eid(c, e), staff: `${communityId}-staff`, unit: `${communityId}-unit`, unitId: `${communityId}-hrss` };
  return playTicketOf(id, number, communityId, people, at, now, rand);
}

/** As playTicket, for the given community and people (bench-history plays the demo community's). */
export function playTicketOf(
  id: string,
  number: string,
  communityId: string,
  people: { manager: string; enterpriseId: string; staff: string; unit: string; unitId: string },
  at: Date,
  now: Date,
  rand: () => number,
): { doc: TicketDoc; history: HistoryDoc[] } {
  const manager: TicketActor = { id: people.manager, role: 'manager', enterpriseId: people.enterpriseId, communityId };
  const staff: TicketActor = { id: people.staff, role: 'staff', communityId };
  const unit: TicketActor = { id: people.unit, role: 'unit', unitId: people.unitId, communityId };
  const category = TicketCategories[Math.floor(rand() * TicketCategories.length)];
  const made = submitTicket({ id, category, urgency: rand() < 0.8 ? 'normal' : 'urgent' }, manager, at);
  if (!made.ok) throw new Error(made.code);
  let t: Ticket = made.ticket;
  const history: HistoryDoc[] = [{ ...made.history }];
  const steps: Array<[TicketAct, TicketActor, Record<string, unknown>?]> = [
    ['accept', staff],
    ['dispatch', staff, { leadUnitId: people.unitId }],
    ['sign', unit],
    ['start', unit],
    ['resolve', unit, { note: '已办结' }],
    ['evaluate', manager, { rating: 4 + Math.round(rand()) }],
    ['close', staff],
  ];
  // Old demands are mostly closed; recent ones anywhere along the chain.
  const old = now.getTime() - at.getTime() > 60 * DAY;
  const upTo = old && rand() < 0.97 ? steps.length : Math.floor(rand() * (steps.length + 1));
  let when = at;
  for (const [act, actor, input] of steps.slice(0, upTo)) {
    when = new Date(when.getTime() + (1 + rand() * 20) * 3_600_000);
    const r = transition(t, act, actor, when, input);
    if (!r.ok) throw new Error(`${id} ${act}: ${r.code}`);
    t = applyPatch(t, r.next);
    history.push({ ...r.history });
  }
  const { id: _id, ...rest } = t;
  // As the sweep leaves it: the next moment the timer has work for this ticket, and whether a deadline has passed.
  const sweepAt = nextSweepAt(t, now, PACKAGE_CALENDAR);
  const overdue = OPEN.includes(t.status) && overdueChecks(t, now, PACKAGE_CALENDAR).length > 0;
  return { doc: { ...rest, sweepAt, overdue, _id, number, title: `${category} 诉求 ${number}`, description: '规模测试诉求', attachments: [], submittedBy: manager.id, source: null, updatedAt: when, history }, history };
}

export async function seedScale(now: Date): Promise<Record<string, number>> {
  const rand = rng(20261123);
  const yearAgo = now.getTime() - 365 * DAY;
  const counts: Record<string, number> = { communities: 0, enterprises: 0, users: 0, questions: 0, tickets: 0, history: 0 };
  // The district supervisor who reads every community's figures.
  await getDb().collection(Collections.users).add({ _id: 'bench-district', role: 'district', communityId: cid(1), name: '区级督导', locale: 'zh-CN', largeText: false, createdAt: now, updatedAt: now, privacyAcceptedAt: now });
  for (let c = 1; c <= SCALE.communities; c++) {
    const communityId = cid(c);
    await getDb().collection(Collections.communities).add({ _id: communityId, name: `规模测试社区 ${c}`, nameEn: `Scale Community ${c}`, createdAt: now });
    const staffUsers: UserDoc[] = (['staff', 'instructor', 'admin'] as const).map((role) => ({
      _id: `${communityId}-${role}`,
      role,
      communityId,
      name: `${role} ${c}`,
      locale: 'zh-CN',
      largeText: false,
      createdAt: now,
      updatedAt: now,
      privacyAcceptedAt: now,
    }));
    staffUsers.push({ _id: `${communityId}-unit`, role: 'unit', unitId: `${communityId}-hrss`, communityId, name: `unit ${c}`, locale: 'zh-CN', largeText: false, createdAt: now, updatedAt: now, privacyAcceptedAt: now });
    const enterprises: object[] = [];
    const users: UserDoc[] = [...staffUsers];
    const questions: QuestionDoc[] = [];
    const tickets: TicketDoc[] = [];
    const history: HistoryDoc[] = [];
    let ticketSeq = 0;
    for (let e = 0; e < SCALE.enterprisesPerCommunity; e++) {
      const enterpriseId = eid(c, e);
      const first17 = `91330482SC${String(c).padStart(2, '0')}${String(e).padStart(5, '0')}`;
      enterprises.push({ _id: enterpriseId, communityId, name: `规模测试企业 ${c}-${e} 有限公司`, creditCode: first17 + creditCodeCheckChar(first17), workshops: ['一车间', '二车间'], createdAt: now, createdBy: 'bench' });
      users.push({ _id: `${enterpriseId}-mgr`, role: 'manager', communityId, enterpriseId, name: `联络员 ${c}-${e}`, locale: 'zh-CN', largeText: false, createdAt: now, updatedAt: now, privacyAcceptedAt: now });
      for (let w = 0; w < SCALE.workersPerEnterprise; w++) {
        users.push({ _id: `${enterpriseId}-w${w}`, role: 'worker', communityId, enterpriseId, workshop: w % 2 ? '一车间' : '二车间', name: `职工 ${w}`, locale: 'zh-CN', largeText: false, createdAt: now, updatedAt: now, privacyAcceptedAt: now });
      }
      for (let k = 0; k < SCALE.questionsPerEnterprise; k++) {
        const createdAt = new Date(yearAgo + rand() * 365 * DAY);
        const category: QaCategory = QaCategories[Math.floor(rand() * QaCategories.length)];
        const roll = rand();
        const status = roll < 0.7 ? 'solved' : roll < 0.8 ? 'answered' : roll < 0.9 ? 'claimed' : 'open';
        const open = status === 'open' || status === 'claimed';
        questions.push({
          _id: `${enterpriseId}-q${k}`,
          communityId,
          askerOpenid: `${enterpriseId}-w${k % SCALE.workersPerEnterprise}`,
          askerName: `职工 ${k}`,
          enterpriseId,
          enterpriseName: `规模测试企业 ${c}-${e} 有限公司`,
          anonymous: false,
          title: `规模测试问题 ${k}`,
          description: '规模测试',
          category,
          profession: CategoryProfession[category],
          attachments: [],
          status,
          claimedBy: status === 'open' ? undefined : `${communityId}-staff`,
          dueAt: open ? new Date(createdAt.getTime() + 2 * DAY) : null,
          // Old open questions were reported overdue long ago: the timer has nothing new to flag.
          overdueNotified: open,
          messageCount: open ? 0 : 1,
          createdAt,
          updatedAt: createdAt,
        });
      }
      for (let k = 0; k < SCALE.ticketsPerEnterprise; k++) {
        ticketSeq += 1;
        const played = playTicket(`${enterpriseId}-t${k}`, `SC${c}-2026-${String(ticketSeq).padStart(5, '0')}`, c, e, new Date(yearAgo + rand() * 330 * DAY), now, rand);
        tickets.push(played.doc);
        history.push(...played.history);
      }
    }
    await insertAll(Collections.enterprises, enterprises);
    await insertAll(Collections.users, users);
    await insertAll(Collections.questions, questions);
    await insertAll(Collections.tickets, tickets);
    // Unit ids are unique in the environment, so each community's units carry its id.
    await insertAll(Collections.memberUnits, [{ _id: `${communityId}-hrss`, communityId, name: '市人力社保局', nameEn: 'Human Resources and Social Security Bureau' }]);
    counts.communities += 1;
    counts.enterprises += enterprises.length;
    counts.users += users.length;
    counts.questions += questions.length;
    counts.tickets += tickets.length;
    counts.history += history.length;
  }
  return counts;
}

export async function benchScale(): Promise<Record<string, number | string>> {
  await buildFunctions();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-scale-'));
  const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations(), strictIndexes: 'all' });
  try {
    const now = new Date();
    await seedDemo(emulator.url, now);
    const t0 = performance.now();
    const seeded = await seedScale(now);
    const seedSeconds = (performance.now() - t0) / 1000;

    const call = async (fn: string, openid: string, action: string, data: unknown = {}): Promise<{ ok: boolean; error?: { code: string; message: string } }> => {
      const res = await fetch(`${emulator.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data, idempotencyKey: randomUUID().replace(/-/g, '') }),
      });
      return ((await res.json()) as { result: { ok: boolean; error?: { code: string; message: string } } }).result;
    };

    const c = cid(7);
    const e = eid(7, 123);
    const screens: Array<[label: string, fn: string, openid: string, action: string, data?: (i: number) => unknown]> = [
      ['user.me (worker home)', 'user', `${e}-w3`, 'me'],
      ['qa.mine (worker)', 'qa', `${e}-w3`, 'mine'],
      ['qa.queue (staff, open)', 'qa', `${c}-staff`, 'queue', () => ({ status: 'open' })],
      ['qa.queue (staff, overdue)', 'qa', `${c}-staff`, 'queue', () => ({ overdueOnly: true })],
      ['tickets.list (manager)', 'tickets', `${e}-mgr`, 'list'],
      ['tickets.list (staff desk)', 'tickets', `${c}-staff`, 'list'],
      ['tickets.list (staff, overdue)', 'tickets', `${c}-staff`, 'list', () => ({ overdueOnly: true })],
      ['tickets.get (manager)', 'tickets', `${e}-mgr`, 'get', () => ({ id: `${e}-t0` })],
      ['admin.listEnterprises (staff)', 'admin', `${c}-staff`, 'listEnterprises'],
      ['admin.listUsers workers (staff)', 'admin', `${c}-staff`, 'listUsers', () => ({ role: 'worker' })],
      ['clinic.calendar (worker)', 'clinic', `${e}-w3`, 'calendar', () => ({ month: now.toISOString().slice(0, 7) })],
      ['admin.dashboard (staff, this year)', 'admin', `${c}-staff`, 'dashboard', () => ({ from: `${now.getUTCFullYear()}-01-01`, to: now.toISOString().slice(0, 10) })],
      ['revisit.figures (staff)', 'revisit', `${c}-staff`, 'figures', () => ({ year: now.getUTCFullYear() })],
      ['admin.districtOverview (district, 21 communities, this year)', 'admin', 'bench-district', 'districtOverview', () => ({ from: `${now.getUTCFullYear()}-01-01`, to: now.toISOString().slice(0, 10) })],
    ];
    const figures: Record<string, number | string> = {
      communities: seeded.communities,
      enterprises: seeded.enterprises,
      'users (workers, managers, staff)': seeded.users,
      'questions (a year)': seeded.questions,
      'tickets (a year, played through the machine)': seeded.tickets,
      'ticket history entries': seeded.history,
      'seeding (s)': seedSeconds,
    };
    for (const [label, fn, openid, action, data] of screens) {
      const first = await call(fn, openid, action, data?.(0) ?? {});
      if (!first.ok && first.error?.code === 'ACTION.UNKNOWN') continue; // a screen not built yet
      if (!first.ok) {
        figures[`${label}`] = `FAILED ${first.error?.code}: ${first.error?.message}`;
        continue;
      }
      const ms = await sample(30, (i) => call(fn, openid, action, data?.(i) ?? {}));
      figures[`${label} p50 / p95 (ms)`] = `${percentile(ms, 50).toFixed(1)} / ${percentile(ms, 95).toFixed(1)}`;
    }
    // The 15-minute sweep over every community, as the timer runs it: in the steady state (each
    // ticket's next moment set by the last run), and with every open demand due at once (a timer
    // that was down), which takes as many runs as its time budget needs.
    const sweep = async () => {
      const t = performance.now();
      const res = (await (await fetch(`${emulator.url}/__emulator/triggers/tickets/sweep`, { method: 'POST' })).json()) as { result?: { ok: boolean; data?: { checked: number; more: boolean } }; error?: unknown };
      if (!res.result?.ok || !res.result.data) throw new Error(`sweep failed: ${JSON.stringify(res).slice(0, 300)}`);
      return { ms: performance.now() - t, ...res.result.data };
    };
    const steady = await sweep();
    figures['tickets sweep, steady state: tickets read / ms'] = `${steady.checked} / ${steady.ms.toFixed(0)}`;
    const open = (await getDb().collection(Collections.tickets).where({ status: getDb().command.in([...OPEN]) }).count()).total ?? 0;
    figures['open demands (all communities)'] = open;
    await getDb().collection(Collections.tickets).where({ status: getDb().command.in([...OPEN]) }).update({ sweepAt: new Date(now.getTime() - DAY) });
    let runs = 0;
    let backlogMs = 0;
    let read = 0;
    for (;;) {
      const r = await sweep();
      runs += 1;
      backlogMs += r.ms;
      read += r.checked;
      if (!r.more) break;
    }
    figures['tickets sweep, all open due: runs / tickets read / ms'] = `${runs} / ${read} / ${backlogMs.toFixed(0)}`;
    return figures;
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.env.LOG_LEVEL = 'silent';
  benchScale()
    .then((f) => {
      for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(52)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
