/**
 * Reads per action at three history sizes (issue 19 item 1): the demo community with 1×, 10× and
 * 100× a year of its history, every list, count, get and dashboard action called as a demo user,
 * and for each: database requests, documents examined and returned (the emulator's per-invocation
 * figures, `/__emulator/invocations`) and p50/p95 — side by side in one table. Then the database
 * requests of a booking, a cancel with promotion and a ticket act, against their targets.
 *
 * 1× is a year of the demo community: HISTORY_BASE questions and demands (played through the
 * real ticket machine, with their timelines), spread over its five enterprises and its demo
 * people. The history is bulk-seeded straight into the emulator's store (the database's own
 * insert path in-process, no HTTP, no function): 100× is ~70,000 documents and seeding it
 * through the functions would take longer than the bench itself.
 *
 *   npm run bench -- history                 (a section of the bench)
 *   npx tsx scripts/bench-history.ts [--readme]   (alone; --readme rewrites README's table)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QaCategories, CategoryProfession, type QaCategory } from '../core/api/qa';
import { clinicSessions, DEFAULT_CLINIC_CONFIG } from '../core/rules/clinic-calendar';
import { PACKAGE_CALENDAR } from '../core/rules/holiday-calendar';
import { addDays, shanghaiDate } from '../core/rules/working-days';
import { percentile } from '../emulator/bench/stats';
import { parseEjsonText, toEjsonText } from '../emulator/src/db/ejson-codec';
import { dayKey, flatten, LIVE, liveTicketContribution, nest, questionContribution, sumContributions, ticketContribution, type Contribution, type QuestionFacts, type TicketFacts } from '../core/rules/figures';
import { startEmulator, type Emulator } from '../emulator/src/index';
import { Collections, indexDeclarations } from '../server/db/schema';
import { playTicketOf, rng } from './bench-scale';
import { buildFunctions, FUNCTIONS_DIR } from './build-functions';
import { DEMO_COMMUNITY_ID, seedDemo } from './seed';
import { READ_ACTIONS, type ReadAction } from './bench-history-actions';

/** A year of the demo community (1×). */
export const HISTORY_BASE = { questions: 300, tickets: 120 };
/** BENCH_HISTORY_FACTORS=1,30 picks other sizes; BENCH_HISTORY_ONLY=<regex> some actions (by label); BENCH_HISTORY_SAMPLES=n. */
export const FACTORS: readonly number[] = process.env.BENCH_HISTORY_FACTORS ? process.env.BENCH_HISTORY_FACTORS.split(',').map(Number) : [1, 10, 100];
const SAMPLES = Number(process.env.BENCH_HISTORY_SAMPLES ?? 5);
const ONLY = process.env.BENCH_HISTORY_ONLY ? new RegExp(process.env.BENCH_HISTORY_ONLY) : undefined;
const DAY = 86_400_000;
const ENTERPRISES: Array<{ id: string; manager: string; workers: string[] }> = [
  { id: 'ent-yongsen', manager: 'demo-manager-wang', workers: ['demo-worker-li', 'bh-worker-1', 'bh-worker-2'] },
  { id: 'ent-xpmould', manager: 'bh-manager-xp', workers: ['demo-worker-zhao', 'bh-worker-3'] },
  { id: 'ent-brenner', manager: 'demo-manager-schmidt', workers: ['bh-worker-4'] },
  { id: 'ent-huaxin', manager: 'bh-manager-hx', workers: ['bh-worker-5'] },
  { id: 'ent-lvkang', manager: 'bh-manager-lk', workers: ['bh-worker-6'] },
];

/** Inserts straight into the emulator's store, in batches (the database's insert path, in-process). */
async function bulkInsert(emulator: Emulator, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 1000) {
    await emulator.database.handle('database.insertDocument', { collectionName: collection, data: docs.slice(i, i + 1000).map(toEjsonText) }, { requestId: 'bench-seed' });
  }
}

/**
 * The figures (rollups) of the seeded history, as the acts would have kept them: the community's
 * counter documents are replaced by the demo's own plus the history's (one per day, and the one of
 * now), so the dashboards read what they would read after a year of that history.
 */
async function addFigures(emulator: Emulator, communityId: string, added: Contribution[]): Promise<void> {
  const meta = { requestId: 'bench-seed' };
  const got = (await emulator.database.handle('database.getDocument', { collectionName: Collections.dailyFigures, query: { communityId }, limit: 1000 }, meta)) as { data: { list: string[] } };
  const stored = got.data.list.map((text) => parseEjsonText(text, 'figures', Date.now()) as { communityId: string; day?: string; n: unknown });
  await emulator.database.handle('database.removeDocument', { collectionName: Collections.dailyFigures, queryType: 'WHERE', query: { communityId }, multi: true }, meta);
  const sums = sumContributions([...stored.map((d) => ({ communityId: d.communityId, day: d.day ?? LIVE, figures: flatten(d.n) })), ...added]);
  const now = new Date();
  await bulkInsert(emulator, Collections.dailyFigures, [...sums.values()].map((c) => ({ _id: dayKey(c.communityId, c.day), communityId: c.communityId, ...(c.day === LIVE ? {} : { day: c.day }), n: nest(c.figures), updatedAt: now })));
}

/** `factor` years' worth of the demo community's questions and demands, in the last year. */
export async function seedHistory(emulator: Emulator, factor: number, now: Date): Promise<Record<string, number>> {
  const rand = rng(20261205 + factor);
  const yearAgo = now.getTime() - 365 * DAY;
  const communityId = DEMO_COMMUNITY_ID;
  const person = (id: string, role: string, enterpriseId: string) => ({ _id: id, role, communityId, enterpriseId, name: id, locale: 'zh-CN', largeText: false, createdAt: now, updatedAt: now, privacyAcceptedAt: now });
  const extraPeople = ENTERPRISES.flatMap((e) => [
    ...(e.manager.startsWith('bh-') ? [person(e.manager, 'manager', e.id)] : []),
    ...e.workers.filter((w) => w.startsWith('bh-')).map((w) => person(w, 'worker', e.id)),
  ]);
  await bulkInsert(emulator, Collections.users, extraPeople);
  const questions: object[] = [];
  for (let k = 0; k < HISTORY_BASE.questions * factor; k++) {
    const ent = ENTERPRISES[k % ENTERPRISES.length];
    const asker = ent.workers[Math.floor(k / ENTERPRISES.length) % ent.workers.length];
    const createdAt = new Date(yearAgo + rand() * 365 * DAY);
    const category: QaCategory = QaCategories[Math.floor(rand() * QaCategories.length)];
    const roll = rand();
    const status = roll < 0.7 ? 'solved' : roll < 0.8 ? 'answered' : roll < 0.9 ? 'claimed' : 'open';
    const open = status === 'open' || status === 'claimed';
    questions.push({
      _id: `bh-q${k}`,
      communityId,
      askerOpenid: asker,
      askerName: asker,
      enterpriseId: ent.id,
      enterpriseName: ent.id,
      anonymous: false,
      title: `历史问题 ${k}`,
      description: '历史数据',
      category,
      profession: CategoryProfession[category],
      attachments: [],
      status,
      claimedBy: status === 'open' ? undefined : 'demo-staff-zhang',
      dueAt: open ? new Date(createdAt.getTime() + 2 * DAY) : null,
      overdueNotified: open,
      messageCount: open ? 0 : 1,
      createdAt,
      updatedAt: createdAt,
    });
  }
  const tickets: object[] = [];
  const history: object[] = [];
  for (let k = 0; k < HISTORY_BASE.tickets * factor; k++) {
    const ent = ENTERPRISES[k % ENTERPRISES.length];
    const people = { manager: ent.manager, enterpriseId: ent.id, staff: 'demo-staff-zhang', unit: 'demo-unit-hr', unitId: 'unit-hrss' };
    const played = playTicketOf(`bh-t${k}`, `BH-${String(k).padStart(6, '0')}`, communityId, people, new Date(yearAgo + rand() * 330 * DAY), now, rand);
    tickets.push(played.doc);
    history.push(...played.history);
  }
  await bulkInsert(emulator, Collections.questions, questions);
  await bulkInsert(emulator, Collections.tickets, tickets);
  await addFigures(emulator, communityId, [
    ...(tickets as TicketFacts[]).flatMap((t) => [ticketContribution(t), liveTicketContribution(t)]),
    ...(questions as QuestionFacts[]).map(questionContribution),
  ]);
  return { questions: questions.length, tickets: tickets.length, 'ticket history entries (embedded)': history.length };
}

interface Figures {
  requests: number;
  examined: number;
  returned: number;
  p50: number;
  p95: number;
  error?: string;
}

type Caller = (
  fn: string,
  openid: string,
  action: string,
  data?: unknown,
) => Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string }; record?: { dbRequests: number; docsExamined: number; docsReturned: number; actions: Record<string, number>; trail?: string[] } }>;

function caller(emulator: Emulator): Caller {
  return async (fn, openid, action, data = {}) => {
    const res = await fetch(`${emulator.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': openid },
      body: JSON.stringify({ action, data, idempotencyKey: randomUUID().replace(/-/g, '') }),
    });
    const requestId = res.headers.get('x-request-id');
    const body = (await res.json()) as { result?: { ok: boolean; data?: unknown; error?: { code: string; message: string } }; error?: { code: string; message: string } };
    const record = emulator.invocations().find((r) => r.requestId === requestId);
    return { ...(body.result ?? { ok: false, error: body.error }), record };
  };
}

async function measure(call: Caller, a: ReadAction, ctx: Record<string, string>): Promise<Figures> {
  const data = typeof a.data === 'function' ? a.data(ctx) : (a.data ?? {});
  const first = await call(a.fn, a.as, a.action, data);
  if (!first.ok) return { requests: 0, examined: 0, returned: 0, p50: 0, p95: 0, error: first.error?.code ?? '?' };
  const ms: number[] = [];
  let last = first;
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    last = await call(a.fn, a.as, a.action, data);
    ms.push(performance.now() - t);
  }
  // A call that failed (a time limit) has incomplete figures: say so instead.
  if (!last.ok) return { requests: 0, examined: 0, returned: 0, p50: percentile(ms, 50), p95: percentile(ms, 95), error: last.error?.code ?? '?' };
  const r = last.record ?? { dbRequests: 0, docsExamined: 0, docsReturned: 0 };
  return { requests: r.dbRequests, examined: r.docsExamined, returned: r.docsReturned, p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

/** The database requests of a booking, a cancel that promotes the waitlist, and a ticket act. */
async function writeRequests(call: Caller, now: Date): Promise<Record<string, number | string>> {
  const must = async (fn: string, openid: string, action: string, data: unknown) => {
    const r = await call(fn, openid, action, data);
    if (!r.ok) throw new Error(`${fn}.${action} failed: ${JSON.stringify(r.error)}`);
    return r;
  };
  const today = shanghaiDate(now);
  const [session] = clinicSessions(DEFAULT_CLINIC_CONFIG, { from: addDays(today, 14), to: addDays(today, 40) }, PACKAGE_CALENDAR).map((s) => s.id);
  await must('clinic', 'demo-staff-zhang', 'updateSettings', { seatsPerProfession: { lawyer: 1, accountant: 1, tax_advisor: 1, finance: 1 } });
  await must('clinic', 'demo-lawyer-chen', 'bookDuty', { sessionId: session });
  // The function instance's first booking also reads the settings and the enterprise (kept a minute: server/modules/clinic/clinic-reference.ts).
  const firstBook = await must('clinic', 'demo-manager-wang', 'book', { sessionId: session, profession: 'lawyer', slotIndex: 1, description: '用工合规咨询' });
  const book = await must('clinic', 'demo-worker-li', 'book', { sessionId: session, profession: 'lawyer', slotIndex: 0, description: '劳动合同咨询' });
  await must('clinic', 'demo-worker-zhao', 'joinWaitlist', { sessionId: session, profession: 'lawyer', description: '等候' });
  const cancel = await must('clinic', 'demo-worker-li', 'cancelBooking', { id: (book.data as { id: string }).id });
  const submitted = await must('tickets', 'demo-manager-wang', 'submit', { title: '用工咨询', description: '需要了解用工政策', category: 'recruiting', urgency: 'normal' });
  const t = submitted.data as { id: string; version: number };
  const act = await must('tickets', 'demo-staff-zhang', 'act', { id: t.id, version: t.version, act: 'accept' });
  await must('tickets', 'demo-staff-zhang', 'act', { id: t.id, version: t.version + 1, act: 'dispatch', leadUnitId: 'unit-hrss' });
  const sign = await must('tickets', 'demo-unit-hr', 'act', { id: t.id, version: t.version + 2, act: 'sign' });
  /** A ticket act's own requests and its notices' (who hears of it after the caller's record, their inbox items and consents). */
  const split = (r: { record?: { dbRequests: number; trail?: string[] } }) => {
    const trail = (r.record?.trail ?? []).filter((x) => x.startsWith('database.'));
    const notices = trail.filter((x, i) => / (inbox|notify_consents)$/.test(x) || (/ users$/.test(x) && i > 0)).length;
    return { own: (r.record?.dbRequests ?? 0) - notices, notices };
  };
  const actCost = (r: typeof act, target: number) => {
    const { own, notices } = split(r);
    return `act ${own} (target ≤ ${target}${own > target ? ', OVER' : ''}) + notices ${notices}: ${trailOf(r)}`;
  };
  const trailOf = (r: typeof act) => (r.record?.trail ?? []).filter((x) => x.startsWith('database.')).map((x) => x.slice('database.'.length).replace(/Document /, ' ')).join(' · ');
  // The clinic's own requests, its notices' (inbox items and the consents they read: server/modules/notify) apart.
  const clinic = (r: { record?: { trail?: string[] } }, target?: number) => {
    const trail = (r.record?.trail ?? []).filter((t) => t.startsWith('database.'));
    const notice = (t: string) => /^\S+ (inbox|notify_consents)$/.test(t);
    const own = trail.filter((t) => !notice(t)).map((t) => t.slice('database.'.length).replace(/Document /, ' '));
    const kinds = new Map<string, number>();
    for (const t of own) kinds.set(t, (kinds.get(t) ?? 0) + 1);
    const n = own.length;
    return `${n}${target === undefined ? '' : ` (target ≤ ${target}${n > target ? ', OVER' : ''})`}; its notices: +${trail.length - n} — ${[...kinds].map(([k, v]) => `${k}×${v}`).join(' ')}`;
  };
  return {
    'clinic.book (uncontested)': clinic(book, 5),
    "clinic.book (uncontested, the instance's first)": clinic(firstBook),
    'clinic.cancelBooking (with waitlist promotion)': clinic(cancel),
    'tickets.act (accept: staff and the manager notified)': actCost(act, 4),
    'tickets.act (sign: nobody notified)': actCost(sign, 4),
  };
}

export interface HistoryBench {
  seeded: Record<number, Record<string, number>>;
  rows: Array<{ label: string; byFactor: Record<number, Figures> }>;
  writes: Record<number, Record<string, number | string>>;
}

export async function benchHistory(): Promise<HistoryBench> {
  await buildFunctions();
  const out: HistoryBench = { seeded: {}, rows: READ_ACTIONS.map((a) => ({ label: a.label ?? `${a.fn}.${a.action} (${a.as})`, byFactor: {} })), writes: {} };
  for (const factor of FACTORS) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), `bench-history-${factor}-`));
    const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations() });
    try {
      const now = new Date();
      await seedDemo(emulator.url, now);
      out.seeded[factor] = await seedHistory(emulator, factor, now);
      const call = caller(emulator);
      const ctx: Record<string, string> = { month: shanghaiDate(now).slice(0, 7), year: shanghaiDate(now).slice(0, 4), today: shanghaiDate(now) };
      for (const [i, a] of READ_ACTIONS.entries()) {
        if (ONLY && !ONLY.test(out.rows[i].label)) continue;
        if (a.resolve) Object.assign(ctx, await a.resolve(call, ctx));
        out.rows[i].byFactor[factor] = await measure(call, a, ctx);
      }
      if (!ONLY) out.writes[factor] = await writeRequests(call, now).catch((e: Error) => ({ 'writes failed': e.message.slice(0, 200) }));
    } finally {
      await emulator.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  return out;
}

/** The table as markdown: per action, requests · examined / returned · p50 / p95 at each size. */
export function historyTable(b: HistoryBench): string {
  const head = `| action | ${FACTORS.map((f) => `${f}×: requests · docs examined / returned · p50 / p95 ms`).join(' | ')} |`;
  const lines = [head, `|---|${FACTORS.map(() => '---').join('|')}|`];
  for (const r of b.rows) {
    const cells = FACTORS.map((f) => {
      const x = r.byFactor[f];
      if (!x) return '';
      if (x.error) return x.p50 ? `fails: ${x.error} · p50 ${x.p50.toFixed(0)} ms` : `fails: ${x.error}`;
      return `${x.requests} · ${x.examined} / ${x.returned} · ${x.p50.toFixed(0)} / ${x.p95.toFixed(0)}`;
    });
    lines.push(`| ${r.label} | ${cells.join(' | ')} |`);
  }
  lines.push('', `| writes: database requests | ${FACTORS.map((f) => `${f}×`).join(' | ')} |`, `|---|${FACTORS.map(() => '---').join('|')}|`);
  for (const k of Object.keys(b.writes[FACTORS[0]] ?? {})) lines.push(`| ${k} | ${FACTORS.map((f) => b.writes[f]?.[k] ?? '').join(' | ')} |`);
  const sizes = FACTORS.map((f) => `${f}×: ${Object.entries(b.seeded[f] ?? {}).map(([k, v]) => `${v} ${k}`).join(', ')}`).join('; ');
  lines.push('', `History seeded (on top of the demo data): ${sizes}.`);
  return lines.join('\n');
}

const START = '<!-- bench-history:start -->';
const END = '<!-- bench-history:end -->';

/** Replaces the table between the markers in README.md. */
export function writeReadmeTable(table: string, readme = path.resolve(__dirname, '..', 'README.md')): void {
  const text = readFileSync(readme, 'utf8');
  const a = text.indexOf(START);
  const z = text.indexOf(END);
  if (a < 0 || z < a) throw new Error(`README.md has no ${START} … ${END} section`);
  writeFileSync(readme, `${text.slice(0, a + START.length)}\n${table}\n${text.slice(z)}`);
}

if (require.main === module) {
  process.env.LOG_LEVEL = 'silent';
  benchHistory()
    .then((b) => {
      const table = historyTable(b);
      console.log(table);
      if (process.argv.includes('--readme')) writeReadmeTable(`${table}\n\n_Run of ${new Date().toISOString().slice(0, 16)} UTC, \`npx tsx scripts/bench-history.ts --readme\`._`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
