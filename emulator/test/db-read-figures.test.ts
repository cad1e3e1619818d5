/**
 * Documents examined and returned per request, through the real SDK: an indexed query examines
 * only what its index bounds hold, a full scan examines the whole collection, an index that gives
 * the order stops its walk at the page, counts and aggregations count what they examine.
 */
import type { AdminObserver } from '../src/http/server';

type AdminEvent = Parameters<AdminObserver>[0];
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;
let db: DbHarness['db'];
let _: DbHarness['db']['command'];
const seen: AdminEvent[] = [];

const CITIES = ['Suzhou', 'Wuxi', 'Jiaxing', 'Pinghu'];
const N = 400; // 100 per city

beforeAll(async () => {
  h = await startDbHarness({
    indexes: [
      { collection: 'people', name: 'by_city_age', keys: { city: 1, age: -1 } },
      { collection: 'people', name: 'by_joined', keys: { joined: 1 } },
    ],
  });
  db = h.db;
  _ = db.command;
  await h.createCollections('people', 'cities');
  const docs = Array.from({ length: N }, (_v, i) => ({
    _id: `p${String(i).padStart(3, '0')}`,
    city: CITIES[i % CITIES.length],
    age: 20 + (i % 50),
    joined: i,
    active: i % 2 === 0,
  }));
  for (let i = 0; i < docs.length; i += 100) await db.collection('people').add(docs.slice(i, i + 100));
  await db.collection('cities').add(CITIES.map((c) => ({ _id: c, name: c })));
  h.server.onAdmin((e) => seen.push(e));
});

afterAll(async () => {
  await h.close();
});

/** The read figures of the requests `fn` makes through the SDK. */
async function figuresOf(fn: () => Promise<unknown>): Promise<{ requests: number; examined: number; returned: number }> {
  const from = seen.length;
  await fn();
  const mine = seen.slice(from).filter((e) => e.action.startsWith('database.'));
  return {
    requests: mine.length,
    examined: mine.reduce((n, e) => n + (e.meta.reads?.examined ?? 0), 0),
    returned: mine.reduce((n, e) => n + (e.meta.reads?.returned ?? 0), 0),
  };
}

describe('documents examined and returned', () => {
  it('an equality on an index examines only the documents with that key', async () => {
    const f = await figuresOf(() => db.collection('people').where({ city: 'Wuxi' }).limit(1000).get());
    expect(f).toEqual({ requests: 1, examined: 100, returned: 100 });
  });

  it('the conditions on an index’s later fields bound what it yields; a filter on other fields does not', async () => {
    // age 20..69 cycles with i; in one city (i ≡ 1 mod 4) ages ≥ 60 are the i with i % 50 ≥ 40.
    const inRange = Array.from({ length: N }, (_v, i) => i).filter((i) => i % 4 === 1 && 20 + (i % 50) >= 60);
    const f = await figuresOf(() => db.collection('people').where({ city: 'Wuxi', age: _.gte(60) }).limit(1000).get());
    expect(f).toEqual({ requests: 1, examined: inRange.length, returned: inRange.length });
    const active = await figuresOf(() => db.collection('people').where({ city: 'Wuxi', active: true }).limit(1000).get());
    expect(active.examined).toBe(100);
    expect(active.returned).toBe(Array.from({ length: N }, (_v, i) => i).filter((i) => i % 4 === 1 && i % 2 === 0).length);
  });

  it('a query no index serves examines the whole collection', async () => {
    const f = await figuresOf(() => db.collection('people').where({ active: false }).limit(10).get());
    // Unordered: it stops once the page is full, having examined every document up to there.
    expect(f.returned).toBe(10);
    expect(f.examined).toBe(20);
    const sorted = await figuresOf(() => db.collection('people').where({ active: false }).orderBy('joined', 'desc').limit(10).get());
    expect(sorted).toEqual({ requests: 1, examined: N, returned: 10 });
  });

  it('an index that gives the order stops its walk at the page; one that does not examines every key', async () => {
    const byIndex = await figuresOf(() => db.collection('people').where({ city: 'Suzhou' }).orderBy('age', 'desc').limit(5).get());
    expect(byIndex).toEqual({ requests: 1, examined: 5, returned: 5 });
    // The reverse direction walks the index backwards: the same.
    const reversed = await figuresOf(() => db.collection('people').where({ city: 'Suzhou' }).orderBy('age', 'asc').skip(5).limit(5).get());
    expect(reversed).toEqual({ requests: 1, examined: 10, returned: 5 });
    // Sorting by a field the index does not hold after the equality: every document in bounds.
    const bySort = await figuresOf(() => db.collection('people').where({ city: 'Suzhou' }).orderBy('joined', 'desc').limit(5).get());
    expect(bySort).toEqual({ requests: 1, examined: 100, returned: 5 });
    // A range on an index's first field, ordered by it: the page.
    const range = await figuresOf(() => db.collection('people').where({ joined: _.lt(300) }).orderBy('joined', 'desc').limit(20).get());
    expect(range).toEqual({ requests: 1, examined: 20, returned: 20 });
  });

  it('a doc(id) read examines the one document', async () => {
    expect(await figuresOf(() => db.collection('people').doc('p007').get())).toEqual({ requests: 1, examined: 1, returned: 1 });
    expect(await figuresOf(() => db.collection('people').doc('nobody').get())).toEqual({ requests: 1, examined: 0, returned: 0 });
  });

  it('counts examine what they match against and return nothing; an unfiltered count is metadata', async () => {
    const indexed = await figuresOf(() => db.collection('people').where({ city: 'Pinghu' }).count());
    expect(indexed).toEqual({ requests: 1, examined: 100, returned: 0 });
    const full = await figuresOf(() => db.collection('people').where({ active: true }).count());
    expect(full).toEqual({ requests: 1, examined: N, returned: 0 });
    const all = await figuresOf(() => db.collection('people').count());
    expect(all).toEqual({ requests: 1, examined: 0, returned: 0 });
  });

  it('aggregations examine their $match’s documents (and a $lookup’s foreign collection), and return their rows', async () => {
    const grouped = await figuresOf(() =>
      db.collection('people').aggregate().match({ city: 'Jiaxing' }).group({ _id: '$age', n: { $sum: 1 } }).end(),
    );
    const ages = new Set(Array.from({ length: N }, (_v, i) => i).filter((i) => i % 4 === 2).map((i) => 20 + (i % 50)));
    expect(grouped).toEqual({ requests: 1, examined: 100, returned: ages.size });
    const whole = await figuresOf(() => db.collection('people').aggregate().group({ _id: '$city', n: { $sum: 1 } }).end());
    expect(whole).toEqual({ requests: 1, examined: N, returned: 4 });
    const joined = await figuresOf(() =>
      db
        .collection('people')
        .aggregate()
        .match({ city: 'Jiaxing', age: _.gte(65) })
        .lookup({ from: 'cities', localField: 'city', foreignField: '_id', as: 'c' })
        .end(),
    );
    const rows = Array.from({ length: N }, (_v, i) => i).filter((i) => i % 4 === 2 && 20 + (i % 50) >= 65).length;
    expect(joined).toEqual({ requests: 1, examined: rows + CITIES.length, returned: rows });
  });

  it('writes examine what they match; a transaction’s reads are by id', async () => {
    const upd = await figuresOf(() => db.collection('people').where({ city: 'Pinghu', age: _.gte(68) }).update({ flagged: true }));
    expect(upd.requests).toBe(1);
    expect(upd.examined).toBe(Array.from({ length: N }, (_v, i) => i).filter((i) => i % 4 === 3 && 20 + (i % 50) >= 68).length);
    expect(upd.returned).toBe(0);
    const tx = await figuresOf(() =>
      db.runTransaction(async (t: Awaited<ReturnType<DbHarness['db']['startTransaction']>>) => {
        await t.collection('people').doc('p001').get();
        await t.collection('people').doc('p001').update({ seen: true });
      }),
    );
    expect(tx).toEqual({ requests: 4, examined: 2, returned: 1 });
  });
});
