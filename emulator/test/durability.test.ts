/**
 * Acknowledged writes survive `kill -9`: the emulator CLI runs as a child process, the real SDK
 * writes to it (one by one, concurrently, in transactions), the process is killed without
 * warning and started again on the same data folder. What was acknowledged is all there; what
 * was not (an uncommitted transaction, transactions in flight at the kill) is all or nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, startCli, stopAll, type CliEmulator } from './helpers/cli-child';
import { pointSdkAt, sdkApp, withRetries } from './helpers/db-harness';
import { FIXTURE_FUNCTIONS } from './helpers/emulator-harness';

let dataDir: string;
let port: number;
let emu: CliEmulator;
let db: ReturnType<ReturnType<typeof sdkApp>['database']>;

type Tx = Awaited<ReturnType<typeof db.startTransaction>>;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-durable-'));
  port = await freePort();
  emu = await startCli({ port, dataDir, functionsDir: FIXTURE_FUNCTIONS, extra: ['--no-triggers', '--log', 'silent'] });
  pointSdkAt(`${emu.url}/admin`);
  db = sdkApp().database();
  // runTransaction logs the errors it retries (conflicts between the concurrent transactions).
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await stopAll();
  rmSync(dataDir, { recursive: true, force: true });
});

const allIds = async (collection: string): Promise<string[]> => {
  const res = await db.collection(collection).limit(1000).field({ _id: true }).get();
  return (res.data as Array<{ _id: string }>).map((d) => d._id).sort();
};

it('keeps every acknowledged write across kill -9, and nothing unacknowledged half-applied', async () => {
  const _ = db.command;
  await db.createCollection('durable');
  await db.createCollection('groups');
  await db.collection('durable').add({ _id: 'counter', n: 0 });
  const expected: string[] = ['counter'];

  // 100 one at a time.
  for (let i = 0; i < 100; i++) {
    const { id } = await db.collection('durable').add({ _id: `s-${i}`, n: i, kind: 'sequential' });
    expected.push(String(id));
  }
  // 100 concurrently, in waves of 25.
  for (let wave = 0; wave < 4; wave++) {
    const ids = await Promise.all(
      Array.from({ length: 25 }, (_x, j) => db.collection('durable').add({ _id: `c-${wave * 25 + j}`, kind: 'concurrent' }).then((r) => String(r.id))),
    );
    expected.push(...ids);
  }
  // 50 transactions of two documents and an increment each, 10 at a time (they conflict on the
  // counter: first writer wins, the others start over, as the server's inTransaction does).
  for (let wave = 0; wave < 5; wave++) {
    await Promise.all(
      Array.from({ length: 10 }, (_x, j) =>
        withRetries(db, async (t: Tx) => {
          const i = wave * 10 + j;
          await t.collection('durable').add({ _id: `t-${i}-a`, kind: 'transaction' });
          await t.collection('durable').add({ _id: `t-${i}-b`, kind: 'transaction' });
          await t.collection('durable').doc('counter').update({ n: _.inc(1) });
        }),
      ),
    );
    for (let j = 0; j < 10; j++) expected.push(`t-${wave * 10 + j}-a`, `t-${wave * 10 + j}-b`);
  }
  expect(expected).toHaveLength(301);
  expect(await db.collection('durable').count()).toMatchObject({ total: 301 });

  // A transaction that writes three documents and the counter, and never commits.
  const open = await db.startTransaction();
  for (const k of ['x', 'y', 'z']) await open.collection('durable').add({ _id: `open-${k}`, kind: 'uncommitted' });
  await open.collection('durable').doc('counter').update({ n: _.inc(1000) });

  // Transactions of three documents each, in flight when the process dies.
  const acknowledged: number[] = [];
  // Enough of them that the kill lands mid-stream even when this test process is descheduled for a
  // while after seeing the first acknowledgements (with 40, a busy machine saw all 40 finish first).
  const IN_FLIGHT = 200;
  const inFlight = Array.from({ length: IN_FLIGHT }, (_x, g) =>
    db
      .runTransaction(async (t: Tx) => {
        for (const part of ['a', 'b', 'c']) await t.collection('groups').add({ _id: `g-${g}-${part}`, g });
      })
      .then(() => acknowledged.push(g))
      .catch(() => undefined),
  );
  // Kill as soon as a few have been acknowledged, while the rest are still going.
  const deadline = performance.now() + 15_000;
  while (acknowledged.length < 3 && performance.now() < deadline) await new Promise((r) => setImmediate(r));
  await emu.kill9();
  const ackedAtKill = [...acknowledged];
  expect(ackedAtKill.length).toBeGreaterThanOrEqual(3);
  expect(ackedAtKill.length).toBeLessThan(IN_FLIGHT);
  // Let the SDK calls to the dead process fail (bounded) before starting again.
  await Promise.race([Promise.allSettled(inFlight), new Promise((r) => setTimeout(r, 10_000).unref())]);

  // Same data folder, same port: the stale LOCK of the killed process must not block it.
  emu = await startCli({ port, dataDir, functionsDir: FIXTURE_FUNCTIONS, extra: ['--no-triggers', '--log', 'silent'] });

  expect(await allIds('durable')).toEqual([...expected].sort());
  expect(await db.collection('durable').count()).toMatchObject({ total: 301 });
  expect(await db.collection('durable').where({ kind: 'transaction' }).count()).toMatchObject({ total: 100 });
  expect(await db.collection('durable').where({ kind: 'concurrent' }).count()).toMatchObject({ total: 100 });
  expect(await db.collection('durable').where({ kind: 'uncommitted' }).count()).toMatchObject({ total: 0 });
  expect((await db.collection('durable').doc('counter').get()).data[0].n).toBe(50);
  const s5 = (await db.collection('durable').doc('s-5').get()).data[0];
  expect(s5).toMatchObject({ _id: 's-5', n: 5, kind: 'sequential' });

  // Every group is whole or absent; every acknowledged one is whole.
  const groups = new Map<number, number>();
  for (const id of await allIds('groups')) {
    const g = Number(id.split('-')[1]);
    groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  for (const [g, n] of groups) expect({ g, n }).toEqual({ g, n: 3 });
  for (const g of ackedAtKill) expect(groups.get(g)).toBe(3);

  // And the restarted emulator takes writes as usual.
  await db.collection('durable').add({ _id: 'after-restart' });
  expect(await db.collection('durable').count()).toMatchObject({ total: 302 });
});
