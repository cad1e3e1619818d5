/**
 * Transactions and concurrency through the real SDK: commit, rollback, isolation, conflicts
 * the SDK retries, and the compare-and-set the app builds optimistic concurrency on.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;
let db: DbHarness['db'];
let _: DbHarness['db']['command'];

type Tx = Awaited<ReturnType<DbHarness['db']['startTransaction']>>;

beforeAll(async () => {
  h = await startDbHarness({ database: { lockWaitMs: 2000 } });
  db = h.db;
  _ = db.command;
  await h.createCollections('accounts', 'counters', 'slots');
  // runTransaction logs every error it retries; the retries are expected here.
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await h.close();
});

async function balance(id: string): Promise<number | undefined> {
  const res = await db.collection('accounts').doc(id).get();
  return res.data[0]?.balance;
}

describe('transactions', () => {
  beforeEach(async () => {
    await db.collection('accounts').where({ _id: _.exists(true) }).remove();
    await db.collection('accounts').add([
      { _id: 'alice', balance: 100 },
      { _id: 'bob', balance: 50 },
    ]);
  });

  it('commits every write at once', async () => {
    const result = await db.runTransaction(async (t: Tx) => {
      const a = (await t.collection('accounts').doc('alice').get()).data;
      await t.collection('accounts').doc('alice').update({ balance: a.balance - 30 });
      await t.collection('accounts').doc('bob').update({ balance: _.inc(30) });
      await t.collection('accounts').add({ _id: 'log-1', kind: 'transfer' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(await balance('alice')).toBe(70);
    expect(await balance('bob')).toBe(80);
    expect((await db.collection('accounts').doc('log-1').get()).data).toHaveLength(1);
  });

  it('reads its own writes, and nobody else does before commit', async () => {
    const t = await db.startTransaction();
    await t.collection('accounts').doc('alice').update({ balance: 1 });
    await t.collection('accounts').add({ _id: 'carol', balance: 5 });
    expect((await t.collection('accounts').doc('alice').get()).data.balance).toBe(1);
    expect((await t.collection('accounts').doc('carol').get()).data.balance).toBe(5);
    const inside = await t.collection('accounts').where({ balance: _.lt(10) }).get();
    expect(inside.data.map((d: { _id: string }) => d._id).sort()).toEqual(['alice', 'carol']);
    expect(await balance('alice')).toBe(100);
    expect((await db.collection('accounts').doc('carol').get()).data).toEqual([]);
    await t.commit();
    expect(await balance('alice')).toBe(1);
    expect(await balance('carol')).toBe(5);
  });

  it('rolls back on abort', async () => {
    const t = await db.startTransaction();
    await t.collection('accounts').doc('alice').update({ balance: 0 });
    await t.collection('accounts').doc('bob').remove();
    await t.rollback();
    expect(await balance('alice')).toBe(100);
    expect(await balance('bob')).toBe(50);
    await expect(t.collection('accounts').doc('alice').get()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  });

  it('rolls back when the callback throws, and rethrows its error', async () => {
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection('accounts').doc('alice').update({ balance: 0 });
        throw new Error('insufficient funds');
      }),
    ).rejects.toThrow('insufficient funds');
    expect(await balance('alice')).toBe(100);
    expect(h.database.stats().transactions.active).toBe(0);
  });

  it('rolls back with the value given to rollback()', async () => {
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection('accounts').doc('bob').update({ balance: 0 });
        await t.rollback('nope');
      }),
    ).rejects.toBe('nope');
    expect(await balance('bob')).toBe(50);
  });

  it('two concurrent transactions on one document both end consistent', async () => {
    const transfer = (amount: number) =>
      db.runTransaction(async (t: Tx) => {
        const a = (await t.collection('accounts').doc('alice').get()).data;
        const b = (await t.collection('accounts').doc('bob').get()).data;
        await t.collection('accounts').doc('alice').update({ balance: a.balance - amount });
        await t.collection('accounts').doc('bob').update({ balance: b.balance + amount });
      });
    await Promise.all([transfer(10), transfer(20)]);
    expect((await balance('alice'))! + (await balance('bob'))!).toBe(150);
    expect(await balance('alice')).toBe(70);
  });

  it('20 concurrent read-increment-write transactions add exactly 20', async () => {
    await db.collection('counters').doc('c').set({ n: 0 });
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.runTransaction(async (t: Tx) => {
          const c = (await t.collection('counters').doc('c').get()).data;
          await t.collection('counters').doc('c').update({ n: c.n + 1 });
        }),
      ),
    );
    expect((await db.collection('counters').doc('c').get()).data[0].n).toBe(20);
  });

  it('answers DATABASE_TRANSACTION_CONFLICT when a document it read changed outside it', async () => {
    const t = await db.startTransaction();
    const a = (await t.collection('accounts').doc('alice').get()).data;
    await db.collection('accounts').doc('alice').update({ balance: _.inc(1) });
    await t.collection('accounts').doc('alice').update({ balance: a.balance + 10 });
    await expect(t.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    expect(await balance('alice')).toBe(101);
  });

  it('runTransaction retries a conflict and then succeeds', async () => {
    let attempts = 0;
    await db.runTransaction(async (t: Tx) => {
      attempts++;
      const a = (await t.collection('accounts').doc('alice').get()).data;
      if (attempts === 1) await db.collection('accounts').doc('alice').update({ balance: _.inc(1) });
      await t.collection('accounts').doc('alice').update({ balance: a.balance * 2 });
    });
    expect(attempts).toBe(2);
    expect(await balance('alice')).toBe(202);
  });

  it('breaks a deadlock by failing one transaction with a conflict', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('accounts').doc('alice').get();
    await t2.collection('accounts').doc('bob').get();
    const first = t1.collection('accounts').doc('bob').get();
    await new Promise((r) => setTimeout(r, 20));
    await expect(t2.collection('accounts').doc('alice').get()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
    await first;
    await t1.collection('accounts').doc('bob').update({ balance: 1 });
    await t1.commit();
    expect(await balance('bob')).toBe(1);
    await expect(t2.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' });
  });

  it('makes concurrent upserts of one id take turns', async () => {
    const results = await Promise.allSettled(
      [1, 2].map((v) =>
        db.runTransaction(async (t: Tx) => {
          const existing = (await t.collection('accounts').doc('dave').get()).data;
          if (existing) await t.collection('accounts').doc('dave').update({ balance: _.inc(v) });
          else await t.collection('accounts').doc('dave').set({ balance: v });
        }),
      ),
    );
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(await balance('dave')).toBe(3);
  });
});

describe('compare-and-set without transactions', () => {
  it('exactly one of 50 concurrent conditional updates wins', async () => {
    await db.collection('slots').doc('s').set({ version: 1, holder: null });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_v, i) => db.collection('slots').where({ _id: 's', version: 1 }).update({ version: 2, holder: `user-${i}` })),
    );
    const winners = results.filter((r: { updated: number }) => r.updated === 1);
    expect(winners).toHaveLength(1);
    const doc = (await db.collection('slots').doc('s').get()).data[0];
    expect(doc.version).toBe(2);
    expect(doc.holder).toMatch(/^user-\d+$/);
  });

  it('capacity guard: concurrent conditional increments never exceed the limit', async () => {
    await db.collection('slots').doc('cap').set({ taken: 0, capacity: 5 });
    const results = await Promise.all(
      Array.from({ length: 30 }, () => db.collection('slots').where({ _id: 'cap', taken: _.lt(5) }).update({ taken: _.inc(1) })),
    );
    expect(results.filter((r: { updated: number }) => r.updated === 1)).toHaveLength(5);
    expect((await db.collection('slots').doc('cap').get()).data[0].taken).toBe(5);
  });
});
