/**
 * Declared indexes: unique constraints enforced on every write path (inserts, updates,
 * set(), transactions at commit), index-served vs full-scan accounting, and strict mode that
 * refuses unindexed queries.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;
let db: DbHarness['db'];
let _: DbHarness['db']['command'];

type Tx = Awaited<ReturnType<DbHarness['db']['startTransaction']>>;

beforeAll(async () => {
  h = await startDbHarness({
    indexes: [
      { collection: 'users', name: 'phone_unique', keys: { phone: 1 }, unique: true },
      { collection: 'users', name: 'by_city', keys: { city: 1, name: 1 } },
      { collection: 'bookings', name: 'slot_person', keys: { slot: 1, person: 1 }, unique: true },
    ],
  });
  db = h.db;
  _ = db.command;
  await h.createCollections('users', 'bookings', 'logs');
  await db.collection('users').add([
    { _id: 'u1', phone: '111', city: 'Suzhou', name: 'a' },
    { _id: 'u2', phone: '222', city: 'Wuxi', name: 'b' },
    { _id: 'u3', phone: '333', city: 'Suzhou', name: 'c' },
  ]);
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await h.close();
});

const E11000 = { code: 'DATABASE_REQUEST_FAILED', message: expect.stringMatching(/^E11000 duplicate key error collection: test-env\.users index: phone_unique/) };

describe('unique indexes', () => {
  it('refuses an insert with a taken value, and a batch with an internal duplicate', async () => {
    await expect(db.collection('users').add({ phone: '111' })).rejects.toMatchObject(E11000);
    await expect(db.collection('users').add([{ phone: '900' }, { phone: '900' }])).rejects.toMatchObject(E11000);
    expect((await db.collection('users').where({ phone: '900' }).count()).total).toBe(0);
  });

  it('refuses update(), where().update() and set() that would duplicate', async () => {
    await expect(db.collection('users').doc('u2').update({ phone: '111' })).rejects.toMatchObject(E11000);
    await expect(db.collection('users').where({ city: 'Suzhou' }).update({ phone: '444' })).rejects.toMatchObject(E11000);
    await expect(db.collection('users').doc('u9').set({ phone: '333' })).rejects.toMatchObject(E11000);
    expect((await db.collection('users').doc('u2').get()).data[0].phone).toBe('222');
    expect((await db.collection('users').where({ phone: '444' }).count()).total).toBe(0);
  });

  it('allows keeping or swapping values within one document or one commit', async () => {
    expect((await db.collection('users').doc('u1').update({ phone: '111', name: 'a2' })).updated).toBe(1);
    await db.runTransaction(async (t: Tx) => {
      await t.collection('users').doc('u1').update({ phone: 'tmp' });
      await t.collection('users').doc('u2').update({ phone: '111' });
      await t.collection('users').doc('u1').update({ phone: '222' });
    });
    expect((await db.collection('users').doc('u1').get()).data[0].phone).toBe('222');
    expect((await db.collection('users').doc('u2').get()).data[0].phone).toBe('111');
  });

  it('treats a missing field as null, like MongoDB: only one document may lack it', async () => {
    await db.collection('users').add({ _id: 'nophone-1', city: 'X' });
    await expect(db.collection('users').add({ _id: 'nophone-2', city: 'Y' })).rejects.toMatchObject(E11000);
    await db.collection('users').doc('nophone-1').remove();
  });

  it('enforces compound unique keys on the whole tuple', async () => {
    await db.collection('bookings').add([
      { slot: 's1', person: 'p1' },
      { slot: 's1', person: 'p2' },
      { slot: 's2', person: 'p1' },
    ]);
    await expect(db.collection('bookings').add({ slot: 's1', person: 'p1' })).rejects.toMatchObject({
      message: expect.stringContaining('index: slot_person dup key: { slot: "s1", person: "p1" }'),
    });
  });

  it('refuses a transaction that would duplicate at write time; a plain write of a key the transaction holds waits, then fails', async () => {
    await expect(
      db.runTransaction(async (t: Tx) => {
        await t.collection('users').add({ _id: 'tx-user', phone: '333' });
      }),
    ).rejects.toMatchObject(E11000);
    // The transaction's pending key is locked: the plain write waits for the commit, then finds it taken.
    const t = await db.startTransaction();
    await t.collection('users').add({ _id: 'tx-user-2', phone: '555' });
    const outsider = db
      .collection('users')
      .add({ _id: 'outsider', phone: '555' })
      .then(
        () => 'inserted',
        (e: { code?: string; message: string }) => e,
      );
    await t.commit();
    expect(await outsider).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: expect.stringContaining('E11000') });
    expect((await db.collection('users').doc('tx-user-2').get()).data).toHaveLength(1);
    expect((await db.collection('users').doc('outsider').get()).data).toEqual([]);
  });

  it('defineIndexes() refuses a unique index the existing data violates and keeps the old ones', () => {
    expect(() => h.database.defineIndexes([{ collection: 'users', name: 'city_unique', keys: { city: 1 }, unique: true }])).toThrow(/E11000/);
    expect(h.database.stats().indexes.map((i) => i.name)).toEqual(['phone_unique', 'by_city', 'slot_person']);
  });
});

describe('index use', () => {
  async function scansDuring(fn: () => Promise<unknown>): Promise<{ indexed: number; full: number }> {
    const before = h.database.stats().scans;
    await fn();
    const after = h.database.stats().scans;
    return { indexed: after.indexed - before.indexed, full: after.full - before.full };
  }

  it.each<[string, () => Promise<unknown>, { indexed: number; full: number }]>([
    ['equality on an indexed field', () => db.collection('users').where({ phone: '333' }).get(), { indexed: 1, full: 0 }],
    ['$in on an indexed field', () => db.collection('users').where({ phone: _.in(['333', '111']) }).get(), { indexed: 1, full: 0 }],
    ['first key of a compound index inside $and', () => db.collection('users').where(_.and([{ city: 'Suzhou' }, { name: _.gt('a') }])).get(), { indexed: 1, full: 0 }],
    ['$or whose every branch is indexed', () => db.collection('users').where(_.or([{ phone: '1' }, { city: 'Wuxi' }])).get(), { indexed: 1, full: 0 }],
    ['_id lookups', () => db.collection('users').doc('u3').get(), { indexed: 1, full: 0 }],
    ['count on an indexed field', () => db.collection('users').where({ city: 'Wuxi' }).count(), { indexed: 1, full: 0 }],
    ['second key of a compound index alone', () => db.collection('users').where({ name: 'c' }).get(), { indexed: 0, full: 1 }],
    ['a range on an indexed field', () => db.collection('users').where({ phone: _.gt('2') }).get(), { indexed: 1, full: 0 }],
    ['a two-sided range on the first key of a compound index', () => db.collection('users').where({ city: _.gte('S').and(_.lt('T')) }).get(), { indexed: 1, full: 0 }],
    ['a range on the second key of a compound index alone', () => db.collection('users').where({ name: _.gt('a') }).get(), { indexed: 0, full: 1 }],
    ['$or with one unindexed branch', () => db.collection('users').where(_.or([{ phone: '1' }, { name: 'b' }])).get(), { indexed: 0, full: 1 }],
  ])('%s', async (_name, query, expected) => {
    expect(await scansDuring(query)).toEqual(expected);
  });

  it('returns the same documents with and without an index', async () => {
    const viaIndex = await db.collection('users').where({ city: 'Suzhou' }).orderBy('_id', 'asc').get();
    const viaScan = await db.collection('users').where({ city: /^Suzhou$/ }).orderBy('_id', 'asc').get();
    expect(viaIndex.data).toEqual(viaScan.data);
    expect(viaIndex.data.length).toBeGreaterThan(0);
  });

  it('answers ranges through an index exactly as a scan does, bracketing types like MongoDB', async () => {
    h.database.defineIndexes([...h.database.stats().indexes.map(({ collection, name, keys, unique }) => ({ collection, name, keys, unique })), { collection: 'ranges', name: 'by_at', keys: { at: 1 } }]);
    await h.createCollections('ranges');
    const t = (d: number) => new Date(Date.UTC(2026, 10, d));
    await db.collection('ranges').add([
      { _id: 'r1', at: t(1) },
      { _id: 'r2', at: t(2) },
      { _id: 'r3', at: t(3) },
      { _id: 'r4', at: 3 },
      { _id: 'r5', at: '2026-11-02' },
      { _id: 'r6', at: null },
      { _id: 'r7' },
    ]);
    const ids = async (cond: object) => (await db.collection('ranges').where({ at: cond }).orderBy('_id', 'asc').get()).data.map((d: { _id: string }) => d._id);
    const before = h.database.stats().scans;
    expect(await ids(_.gte(t(2)))).toEqual(['r2', 'r3']);
    expect(await ids(_.gt(t(2)))).toEqual(['r3']);
    expect(await ids(_.lte(t(2)))).toEqual(['r1', 'r2']);
    expect(await ids(_.gt(t(1)).and(_.lt(t(3))))).toEqual(['r2']);
    expect(await ids(_.gt(2))).toEqual(['r4']);
    expect(await ids(_.lt('2027'))).toEqual(['r5']);
    const after = h.database.stats().scans;
    expect(after.full - before.full).toBe(0);
    expect(after.indexed - before.indexed).toBe(6);
  });

  it('keeps the index current through updates and removes', async () => {
    await db.collection('users').add({ _id: 'mover', phone: '777', city: 'A' });
    await db.collection('users').doc('mover').update({ city: 'B' });
    expect((await db.collection('users').where({ city: 'A' }).get()).data).toEqual([]);
    expect((await db.collection('users').where({ city: 'B' }).get()).data.map((d: { _id: string }) => d._id)).toEqual(['mover']);
    await db.collection('users').doc('mover').remove();
    expect((await db.collection('users').where({ city: 'B' }).get()).data).toEqual([]);
  });

  it('finds array elements through a multikey index', async () => {
    h.database.defineIndexes([...h.database.stats().indexes.map(({ collection, name, keys, unique }) => ({ collection, name, keys, unique })), { collection: 'logs', name: 'by_tag', keys: { tags: 1 } }]);
    await db.collection('logs').add([{ tags: ['red', 'blue'] }, { tags: ['blue'] }, { tags: 'red' }]);
    const before = h.database.stats().scans.indexed;
    expect((await db.collection('logs').where({ tags: 'red' }).count()).total).toBe(2);
    expect(h.database.stats().scans.indexed).toBe(before + 1);
  });
});

describe('strict index mode', () => {
  afterEach(() => h.database.setStrictIndexes(false));

  it("'all' refuses any full scan but serves indexed queries", async () => {
    h.database.setStrictIndexes('all');
    await expect(db.collection('users').where({ name: 'c' }).get()).rejects.toMatchObject({ code: 'DATABASE_QUERY_NOT_INDEXED', message: expect.stringContaining('{name}') });
    await expect(db.collection('users').where({ name: 'c' }).update({ x: 1 })).rejects.toMatchObject({ code: 'DATABASE_QUERY_NOT_INDEXED' });
    await expect(db.collection('users').aggregate().group({ _id: '$city' }).end()).rejects.toMatchObject({ code: 'DATABASE_QUERY_NOT_INDEXED' });
    expect((await db.collection('users').where({ phone: '333' }).get()).data).toHaveLength(1);
    expect((await db.collection('users').doc('u3').get()).data).toHaveLength(1);
  });

  it('true refuses full scans only above the size threshold', async () => {
    h.database.setStrictIndexes(true, 3);
    await db.collection('logs').add({ level: 'x' });
    expect((await db.collection('logs').count()).total).toBe(4);
    await expect(db.collection('logs').where({ level: 'x' }).get()).rejects.toMatchObject({ code: 'DATABASE_QUERY_NOT_INDEXED' });
    await expect(db.collection('logs').orderBy('level', 'asc').get()).rejects.toMatchObject({ code: 'DATABASE_QUERY_NOT_INDEXED' });
    // The first page in natural order and an unfiltered count read no more than they return.
    expect((await db.collection('logs').limit(2).get()).data).toHaveLength(2);
    h.database.setStrictIndexes(true, 10);
    expect((await db.collection('logs').where({ level: 'x' }).get()).data).toHaveLength(1);
  });

  it('lists the unindexed query shapes it saw', () => {
    const shapes = h.database.stats().scans.unindexed;
    expect(shapes).toContainEqual(expect.objectContaining({ collection: 'users', fields: ['name'] }));
  });
});
