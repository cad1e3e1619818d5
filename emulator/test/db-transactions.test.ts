/**
 * Transactions through the real SDK, with CloudBase's semantics (MongoDB snapshot isolation):
 * a transaction reads one snapshot, reads never lock or wait, the first writer of a document
 * wins and the second fails at once with DATABASE_TRANSACTION_CONFLICT (the SDK's
 * runTransaction starts over), write skew commits, a non-transactional write waits for the
 * lock, and an ended transaction answers DATABASE_TRANSACTION_FAIL. Also the compare-and-set
 * the app builds optimistic concurrency on.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;
let db: DbHarness['db'];
let _: DbHarness['db']['command'];

type Tx = Awaited<ReturnType<DbHarness['db']['startTransaction']>>;

const CONFLICT = { code: 'DATABASE_TRANSACTION_CONFLICT' };
const GONE = { code: 'DATABASE_TRANSACTION_FAIL' };

beforeAll(async () => {
  h = await startDbHarness({
    indexes: [{ collection: 'seats', name: 'seat_key_unique', keys: { seatKey: 1 }, unique: true }],
  });
  db = h.db;
  _ = db.command;
  await h.createCollections('accounts', 'counters', 'slots', 'seats');
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

/** The document a transaction reads (the SDK answers one document, not a list, inside one). */
async function read(t: Tx, id: string): Promise<{ balance: number } | undefined> {
  const res = (await t.collection('accounts').doc(id).get()).data as unknown;
  return (Array.isArray(res) ? res[0] : res) ?? undefined;
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
    expect((await read(t, 'alice'))?.balance).toBe(1);
    expect((await read(t, 'carol'))?.balance).toBe(5);
    expect(await balance('alice')).toBe(100);
    expect((await db.collection('accounts').doc('carol').get()).data).toEqual([]);
    await t.commit();
    expect(await balance('alice')).toBe(1);
    expect(await balance('carol')).toBe(5);
  });

  it('reads one snapshot: changes committed after it started are invisible to it', async () => {
    const t = await db.startTransaction();
    expect((await read(t, 'alice'))?.balance).toBe(100);
    await db.collection('accounts').doc('alice').update({ balance: 1 });
    await db.collection('accounts').doc('bob').update({ balance: 2 });
    await db.collection('accounts').add({ _id: 'erin', balance: 3 });
    await db.collection('accounts').doc('alice').update({ balance: 4 });
    expect((await read(t, 'alice'))?.balance).toBe(100); // read before and after the change
    expect((await read(t, 'bob'))?.balance).toBe(50); // first read after the change
    expect(await read(t, 'erin')).toBeUndefined(); // inserted after the snapshot
    await t.commit(); // a read-only transaction commits
    expect(await balance('alice')).toBe(4);
  });

  it('a read does not lock: another transaction writes and commits what this one read, without waiting', async () => {
    const reader = await db.startTransaction();
    await read(reader, 'alice');
    const started = performance.now();
    await db.runTransaction(async (t: Tx) => {
      await t.collection('accounts').doc('alice').update({ balance: 7 });
    });
    expect(performance.now() - started).toBeLessThan(500);
    await reader.commit();
    expect(await balance('alice')).toBe(7);
  });

  it('the second writer of a document fails at once with a conflict, and its transaction is gone', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('accounts').doc('alice').update({ balance: 1 });
    const started = performance.now();
    await expect(t2.collection('accounts').doc('alice').update({ balance: 2 })).rejects.toMatchObject(CONFLICT);
    expect(performance.now() - started).toBeLessThan(500); // no lock wait
    await t1.commit();
    await expect(t2.commit()).rejects.toMatchObject(GONE);
    expect(await balance('alice')).toBe(1);
  });

  it('a write to a document committed by someone else since the snapshot is a conflict', async () => {
    const t = await db.startTransaction();
    const a = await read(t, 'alice');
    await db.collection('accounts').doc('alice').update({ balance: _.inc(1) });
    await expect(t.collection('accounts').doc('alice').update({ balance: a!.balance + 10 })).rejects.toMatchObject(CONFLICT);
    expect(await balance('alice')).toBe(101);
  });

  it('write skew commits: two transactions that each read what the other writes both commit', async () => {
    // The invariant "alice + bob >= 50" checked by each against its snapshot, then both withdraw.
    const withdraw = async (t: Tx, from: string) => {
      const a = (await read(t, 'alice'))!.balance;
      const b = (await read(t, 'bob'))!.balance;
      if (a + b - 60 < 50) throw new Error('would break the invariant');
      await t.collection('accounts').doc(from).update({ balance: _.inc(-60) });
    };
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await withdraw(t1, 'alice');
    await withdraw(t2, 'bob');
    await t1.commit();
    await t2.commit();
    expect((await balance('alice'))! + (await balance('bob'))!).toBe(30); // both committed: the invariant is broken
  });

  it('a non-transactional write to a document a transaction wrote waits for the transaction to end', async () => {
    const t = await db.startTransaction();
    await t.collection('accounts').doc('alice').update({ balance: _.inc(10) });
    let done = false;
    const outside = db
      .collection('accounts')
      .doc('alice')
      .update({ balance: _.inc(1) })
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false);
    await t.commit();
    await outside;
    expect(await balance('alice')).toBe(111);
  });

  it('any use of a committed, rolled back or unknown transaction answers DATABASE_TRANSACTION_FAIL', async () => {
    const t = await db.startTransaction();
    await t.collection('accounts').doc('alice').update({ balance: 0 });
    await t.commit();
    await expect(t.collection('accounts').doc('alice').get()).rejects.toMatchObject(GONE);
    await expect(t.collection('accounts').doc('alice').update({ balance: 5 })).rejects.toMatchObject(GONE);
    await expect(t.commit()).rejects.toMatchObject(GONE);
    await expect(t.rollback()).rejects.toMatchObject(GONE);
    const r = await db.startTransaction();
    await r.rollback();
    await expect(r.collection('accounts').add({ balance: 1 })).rejects.toMatchObject(GONE);
    expect(await h.post({ action: 'database.commitTransaction', transactionId: 'no-such-transaction' })).toMatchObject(GONE);
    expect(await balance('alice')).toBe(0);
  });

  it('takes single-document operations by _id only: a where query is refused', async () => {
    const t = await db.startTransaction();
    await expect(t.collection('accounts').where({ balance: _.gt(0) }).get()).rejects.toMatchObject({ code: 'INVALID_PARAM' });
    // The SDK sends a where count, update or remove without the transaction id (they run outside
    // it); a request that carries one is refused all the same.
    const inTx = { collectionName: 'accounts', queryType: 'WHERE', query: '{"balance":{"$gt":0}}', transactionId: t.getTransactionId() };
    expect(await h.post({ action: 'database.calculateDocument', ...inTx })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await h.post({ action: 'database.modifyDocument', ...inTx, data: '{"$set":{"balance":0}}', multi: true })).toMatchObject({ code: 'INVALID_PARAM' });
    expect(await h.post({ action: 'database.removeDocument', ...inTx, multi: true })).toMatchObject({ code: 'INVALID_PARAM' });
    await t.rollback();
    expect(await balance('alice')).toBe(100);
  });

  it('rolls back on abort', async () => {
    const t = await db.startTransaction();
    await t.collection('accounts').doc('alice').update({ balance: 0 });
    await t.collection('accounts').doc('bob').remove();
    await t.rollback();
    expect(await balance('alice')).toBe(100);
    expect(await balance('bob')).toBe(50);
    await expect(t.collection('accounts').doc('alice').get()).rejects.toMatchObject(GONE);
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

  it('two concurrent transfers on one document both end consistent (one retried by the SDK)', async () => {
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

  it('20 concurrent read-increment-write transactions never lose an update', async () => {
    await db.collection('counters').doc('c').set({ n: 0 });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        db.runTransaction(async (t: Tx) => {
          const c = (await t.collection('counters').doc('c').get()).data;
          await t.collection('counters').doc('c').update({ n: c.n + 1 });
        }),
      ),
    );
    // First writer wins: the SDK's three retries may not be enough for all 20 (the server's
    // inTransaction backs off and retries further); whatever committed is counted exactly.
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject(CONFLICT);
    expect(committed).toBeGreaterThan(0);
    expect((await db.collection('counters').doc('c').get()).data[0].n).toBe(committed);
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

  it('concurrent upserts of one id: one inserts, the other conflicts and on retry increments', async () => {
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

describe('unique indexes in transactions', () => {
  beforeEach(async () => {
    await db.collection('seats').where({ _id: _.exists(true) }).remove();
  });

  it('two transactions taking the same unique key: the second conflicts at once, then E11000 on retry', async () => {
    const t1 = await db.startTransaction();
    const t2 = await db.startTransaction();
    await t1.collection('seats').add({ _id: 'a', seatKey: 'S1' });
    await expect(t2.collection('seats').add({ _id: 'b', seatKey: 'S1' })).rejects.toMatchObject(CONFLICT);
    await t1.commit();
    const t3 = await db.startTransaction();
    await expect(t3.collection('seats').add({ _id: 'c', seatKey: 'S1' })).rejects.toMatchObject({ message: expect.stringMatching(/^E11000 /) });
    await t3.rollback();
    expect((await db.collection('seats').where({ seatKey: 'S1' }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['a']);
  });

  it('a unique key committed after the snapshot is a conflict; a non-transactional insert of a claimed key waits, then fails', async () => {
    const t = await db.startTransaction();
    await db.collection('seats').add({ _id: 'x', seatKey: 'S2' });
    await expect(t.collection('seats').add({ _id: 'y', seatKey: 'S2' })).rejects.toMatchObject(CONFLICT);

    const t2 = await db.startTransaction();
    await t2.collection('seats').add({ _id: 'p', seatKey: 'S3' });
    let settled = false;
    const outside = db
      .collection('seats')
      .add({ _id: 'q', seatKey: 'S3' })
      .then(
        () => 'inserted',
        (e: Error) => e.message,
      )
      .finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(settled).toBe(false);
    await t2.commit();
    expect(await outside).toMatch(/^E11000 /);
  });

  it('100 concurrent transactions on 5 seats: exactly 5 taken, the rest conflict or find them taken', async () => {
    const attempts = Array.from({ length: 100 }, (_v, i) =>
      db.runTransaction(async (t: Tx) => {
        await t.collection('seats').add({ _id: `p${i}`, seatKey: `T${i % 5}` });
      }),
    );
    const results = await Promise.allSettled(attempts);
    const taken = (await db.collection('seats').where({ seatKey: _.in(['T0', 'T1', 'T2', 'T3', 'T4']) }).get()).data;
    expect(taken).toHaveLength(5);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
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
