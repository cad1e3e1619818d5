/**
 * 三师 clinic figures: 500 concurrent booking attempts (100 bookers × 5 taps) on one session of
 * 12 seats (2 lawyers × 6 slots) through the function (gateway → runner → SDK → emulator,
 * strict indexes on) — throughput, latency, and that exactly 12 were confirmed — and the
 * database requests a booking makes, read from GET /__emulator/invocations.
 */
import { PACKAGE_CALENDAR } from '../core/rules/holiday-calendar';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile } from '../emulator/bench/stats';
import { startEmulator } from '../emulator/src/index';
import { clinicSessions, DEFAULT_CLINIC_CONFIG } from '../core/rules/clinic-calendar';
import { addDays, shanghaiDate } from '../core/rules/working-days';
import { getDb } from '../server/db/client';
import { Collections, indexDeclarations } from '../server/db/schema';
import { buildFunctions, FUNCTIONS_DIR } from './build-functions';
import { DEMO_COMMUNITY_ID, seedDemo } from './seed';

const BOOKERS = 100;
const TAPS = 5;

export async function benchClinic(): Promise<Record<string, number | string>> {
  await buildFunctions({ only: ['clinic'] });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-clinic-'));
  const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations(), strictIndexes: 'all' });
  try {
    const now = new Date();
    await seedDemo(emulator.url, now);
    const call = async <T>(openid: string, action: string, data: unknown = {}): Promise<{ ok: boolean; data?: T; error?: { code: string } }> => {
      const res = await fetch(`${emulator.url}/functions/clinic`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data, idempotencyKey: randomUUID().replace(/-/g, '') }),
      });
      return ((await res.json()) as { result: { ok: boolean; data?: T; error?: { code: string } } }).result;
    };
    const must = async <T>(openid: string, action: string, data: unknown = {}): Promise<T> => {
      const r = await call<T>(openid, action, data);
      if (!r.ok) throw new Error(`clinic.${action} failed: ${JSON.stringify(r.error)}`);
      return r.data as T;
    };

    // Two weeks out: past the seeded roster and every cut-off.
    const today = shanghaiDate(now);
    const [race, quiet] = clinicSessions(DEFAULT_CLINIC_CONFIG, { from: addDays(today, 14), to: addDays(today, 40) }, PACKAGE_CALENDAR).map((s) => s.id);
    await must('demo-staff-zhang', 'updateSettings', { seatsPerProfession: { lawyer: 2, accountant: 1, tax_advisor: 1, finance: 1 } });
    const users = getDb().collection(Collections.users);
    const person = (id: string, extra: object) => ({ _id: id, communityId: DEMO_COMMUNITY_ID, locale: 'zh-CN', largeText: false, createdAt: now, updatedAt: now, privacyAcceptedAt: now, ...extra });
    await users.add([
      person('bench-lawyer-a', { role: 'volunteer', name: '甲律师', profession: 'lawyer', volunteerStatus: 'approved' }),
      person('bench-lawyer-b', { role: 'volunteer', name: '乙律师', profession: 'lawyer', volunteerStatus: 'approved' }),
      ...Array.from({ length: BOOKERS }, (_, i) => person(`bench-worker-${i}`, { role: 'worker', name: `职工${i}`, enterpriseId: 'ent-yongsen' })),
    ]);
    for (const l of ['bench-lawyer-a', 'bench-lawyer-b']) for (const s of [race, quiet]) await must(l, 'bookDuty', { sessionId: s });

    // One uncontested booking and its cancellation: the requests a booking costs.
    const one = await must<{ id: string }>('demo-worker-li', 'book', { sessionId: quiet, profession: 'lawyer', slotIndex: 0, description: '劳动合同咨询' });
    await must('demo-worker-zhao', 'joinWaitlist', { sessionId: quiet, profession: 'lawyer', description: '等候' });
    await must('demo-worker-li', 'cancelBooking', { id: one.id });
    const single = await invocations(emulator.url);

    const attempts = Array.from({ length: BOOKERS * TAPS }, (_, i) => ({ who: `bench-worker-${Math.floor(i / TAPS)}`, slotIndex: i % 6 }));
    const latencies: number[] = [];
    const codes = new Map<string, number>();
    const started = Date.now();
    await Promise.all(
      attempts.map(async (a) => {
        const t = Date.now();
        const r = await call(a.who, 'book', { sessionId: race, profession: 'lawyer', slotIndex: a.slotIndex, description: '劳动争议咨询' });
        latencies.push(Date.now() - t);
        const c = r.ok ? 'OK' : (r.error?.code ?? '?');
        codes.set(c, (codes.get(c) ?? 0) + 1);
      }),
    );
    const wall = Date.now() - started;
    const raced = (await invocations(emulator.url)).filter((i) => i.label === 'book');
    const dbOf = (i: Invocation) => Object.entries(i.actions).reduce((n, [k, v]) => (k.startsWith('database.') ? n + v : n), 0);
    const perRace = raced.map(dbOf);
    const confirmed = ((await getDb().collection(Collections.clinicBookings).where({ sessionKey: `${DEMO_COMMUNITY_ID}:${race}` }).limit(1000).get()).data as { status: string; bookerId: string }[]).filter(
      (b) => b.status === 'confirmed',
    );
    const figures: Record<string, number | string> = {
      [`clinic.book: ${BOOKERS * TAPS} concurrent attempts, 12 seats — wall (ms)`]: wall,
      'clinic.book under the race: throughput (attempts/s)': Math.round((BOOKERS * TAPS * 1000) / wall),
      'clinic.book under the race: p50 (ms)': percentile(latencies, 50),
      'clinic.book under the race: p95 (ms)': percentile(latencies, 95),
      'clinic.book under the race: confirmed (must be 12)': confirmed.length === 12 && new Set(confirmed.map((b) => b.bookerId)).size === 12 ? 12 : `${confirmed.length}  WRONG`,
      'clinic.book under the race: answers': [...codes.entries()].map(([c, n]) => `${c} ${n}`).join(', '),
      'db requests: clinic.book (uncontested)': dbOf(single.find((i) => i.label === 'book')!),
      'db requests: clinic.cancelBooking (with waitlist promotion)': dbOf(single.find((i) => i.label === 'cancelBooking')!),
      'db requests: clinic.book under the race, mean': Math.round((perRace.reduce((a, b) => a + b, 0) / Math.max(1, perRace.length)) * 10) / 10,
      'db requests: clinic.book under the race, max': Math.max(...perRace),
    };
    return figures;
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface Invocation {
  fn: string;
  label?: string;
  actions: Record<string, number>;
}

async function invocations(url: string): Promise<Invocation[]> {
  const all = ((await (await fetch(`${url}/__emulator/invocations`)).json()) as { invocations: Invocation[] }).invocations;
  return all.filter((i) => i.fn === 'clinic');
}

if (require.main === module) {
  process.env.LOG_LEVEL = 'silent';
  benchClinic()
    .then((f) => {
      for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(64)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
