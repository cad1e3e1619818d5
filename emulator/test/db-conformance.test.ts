/**
 * Conformance of the emulator's database with CloudBase, driven through the real
 * @cloudbase/node-sdk: every action, the common query and update operators, paging,
 * projection, aggregation and the EJSON round trip.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;
let db: DbHarness['db'];
let _: DbHarness['db']['command'];

beforeAll(async () => {
  h = await startDbHarness();
  db = h.db;
  _ = db.command;
  await h.createCollections('people', 'orders', 'items', 'paging', 'misc');
  await db.collection('people').add([
    { _id: 'p1', name: 'Ann', age: 31, city: 'Suzhou', tags: ['a', 'b'], scores: [3, 9], profile: { level: 2, langs: ['zh', 'en'] }, pets: [{ kind: 'cat', age: 2 }] },
    { _id: 'p2', name: 'Bob', age: 25, city: 'Wuxi', tags: ['b'], scores: [1, 2], profile: { level: 1, langs: ['zh'] }, pets: [] },
    { _id: 'p3', name: 'Cai', age: 40, city: 'Suzhou', tags: [], scores: [7], profile: { level: 3, langs: [] }, nick: null },
    { _id: 'p4', name: 'dan', age: 25, city: 'Nanjing', tags: ['c', 'a'], scores: [10, 4], profile: { level: 2, langs: ['en'] }, pets: [{ kind: 'dog', age: 5 }, { kind: 'cat', age: 9 }] },
  ]);
});

afterAll(async () => {
  await h.close();
});

async function ids(query: Record<string, unknown>): Promise<string[]> {
  const res = await db.collection('people').where(query).orderBy('_id', 'asc').get();
  return (res.data as Array<{ _id: string }>).map((d) => d._id);
}

describe('collections', () => {
  it('creates a collection once and refuses a second create', async () => {
    await db.createCollection('fresh');
    await expect(db.createCollection('fresh')).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_ALREADY_EXIST' });
  });

  it('refuses reads and writes on a collection never created', async () => {
    await expect(db.collection('ghost').get()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(db.collection('ghost').add({ a: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(db.collection('ghost').doc('x').update({ a: 1 })).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
    await expect(db.collection('ghost').count()).rejects.toMatchObject({ code: 'DATABASE_COLLECTION_NOT_EXIST' });
  });
});

describe('query operators', () => {
  it.each<[string, () => Record<string, unknown>, string[]]>([
    ['eq', () => ({ city: _.eq('Suzhou') }), ['p1', 'p3']],
    ['plain equality', () => ({ age: 25 }), ['p2', 'p4']],
    ['neq', () => ({ city: _.neq('Suzhou') }), ['p2', 'p4']],
    ['gt', () => ({ age: _.gt(30) }), ['p1', 'p3']],
    ['gte', () => ({ age: _.gte(31) }), ['p1', 'p3']],
    ['lt', () => ({ age: _.lt(31) }), ['p2', 'p4']],
    ['lte', () => ({ age: _.lte(31) }), ['p1', 'p2', 'p4']],
    ['range with and()', () => ({ age: _.gt(24).and(_.lt(35)) }), ['p1', 'p2', 'p4']],
    ['in', () => ({ city: _.in(['Wuxi', 'Nanjing']) }), ['p2', 'p4']],
    ['nin', () => ({ city: _.nin(['Wuxi', 'Nanjing']) }), ['p1', 'p3']],
    ['or', () => _.or([{ age: _.gt(35) }, { city: 'Wuxi' }]) as unknown as Record<string, unknown>, ['p2', 'p3']],
    ['nor', () => _.nor([{ age: _.gt(35) }, { city: 'Wuxi' }]) as unknown as Record<string, unknown>, ['p1', 'p4']],
    ['field-level or', () => ({ age: _.lt(26).or(_.gt(39)) }), ['p2', 'p3', 'p4']],
    ['not', () => ({ age: _.not(_.gt(30)) }), ['p2', 'p4']],
    ['exists true', () => ({ pets: _.exists(true) }), ['p1', 'p2', 'p4']],
    ['exists false', () => ({ pets: _.exists(false) }), ['p3']],
    ['null matches null and missing', () => ({ nick: null }), ['p1', 'p2', 'p3', 'p4']],
    ['size', () => ({ tags: _.size(2) }), ['p1', 'p4']],
    ['all', () => ({ tags: _.all(['a', 'b']) }), ['p1']],
    ['array contains', () => ({ tags: 'a' }), ['p1', 'p4']],
    ['elemMatch on objects', () => ({ pets: _.elemMatch({ kind: 'cat', age: _.gt(5) }) }), ['p4']],
    ['elemMatch with an operator on plain values', () => ({ scores: _.elemMatch(_.gt(8)) }), ['p1', 'p4']],
    // The SDK cannot serialize a chained command inside elemMatch; raw operators are the documented form.
    ['elemMatch range on plain values needs one element in range', () => ({ scores: _.elemMatch({ $gt: 2, $lt: 4 }) }), ['p1']],
    ['nested dot path', () => ({ 'profile.level': 2 }), ['p1', 'p4']],
    ['nested object in where() becomes a dot path', () => ({ profile: { level: 3 } }), ['p3']],
    ['array inside a nested path', () => ({ 'profile.langs': 'en' }), ['p1', 'p4']],
    ['array of objects by dot path', () => ({ 'pets.kind': 'dog' }), ['p4']],
    // The SDK's typings declare mod() without its [divisor, remainder] argument; the runtime takes it.
    ['mod', () => ({ age: (_.mod as unknown as (v: number[]) => unknown)([5, 0]) }), ['p2', 'p3', 'p4']],
  ])('%s', async (_name, query, expected) => {
    expect(await ids(query())).toEqual(expected);
  });

  it('and() across fields', async () => {
    expect(await ids(_.and([{ city: 'Suzhou' }, { age: _.lt(35) }]) as unknown as Record<string, unknown>)).toEqual(['p1']);
  });

  it('regular expressions via db.RegExp and a JS RegExp', async () => {
    expect(await ids({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) })).toEqual(['p1', 'p2', 'p3']);
    expect(await ids({ name: /^d/ })).toEqual(['p4']);
    expect(await ids({ name: /^D/i })).toEqual(['p4']);
  });

  it('counts with and without a filter', async () => {
    expect((await db.collection('people').count()).total).toBe(4);
    expect((await db.collection('people').where({ city: 'Suzhou' }).count()).total).toBe(2);
  });
});

describe('reads: order, paging, projection', () => {
  it('orders by several fields', async () => {
    const res = await db.collection('people').orderBy('age', 'asc').orderBy('name', 'desc').get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['p4', 'p2', 'p1', 'p3']);
  });

  it('skips and limits after ordering', async () => {
    const res = await db.collection('people').orderBy('age', 'desc').skip(1).limit(2).get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['p1', 'p2']);
  });

  it('projects included and excluded fields, _id included by default', async () => {
    const inc = await db.collection('people').doc('p1').field({ name: true, 'profile.level': true }).get();
    expect(inc.data).toEqual([{ _id: 'p1', name: 'Ann', profile: { level: 2 } }]);
    const exc = await db.collection('people').where({ _id: 'p2' }).field({ tags: false, scores: false, profile: false, pets: false, _id: false }).get();
    expect(exc.data).toEqual([{ name: 'Bob', age: 25, city: 'Wuxi' }]);
  });

  it('returns 100 documents by default and at most 1000', async () => {
    const docs = Array.from({ length: 1200 }, (_v, i) => ({ i }));
    await db.collection('paging').add(docs);
    expect((await db.collection('paging').get()).data).toHaveLength(100);
    // The SDK clamps limit() to 1000 before sending; a hand-written request is clamped too.
    expect((await db.collection('paging').limit(1500).get()).data).toHaveLength(1000);
    const raw = await h.post({ action: 'database.getDocument', collectionName: 'paging', queryType: 'WHERE', limit: 5000 });
    expect(((raw.data as { list: unknown[] }).list).length).toBe(1000);
    const last = await db.collection('paging').orderBy('i', 'desc').skip(1150).limit(100).get();
    expect(last.data.map((d: { i: number }) => d.i)).toEqual(Array.from({ length: 50 }, (_v, k) => 49 - k));
  });

  it('doc().get() of a missing document is an empty list', async () => {
    expect((await db.collection('people').doc('nobody').get()).data).toEqual([]);
  });
});

describe('inserts and round trips', () => {
  it('round-trips dates, numbers, nested objects, arrays, null and booleans', async () => {
    const when = new Date('2024-05-06T07:08:09.123Z');
    const doc = { _id: 'rt', when, int: 7, neg: -3, float: 1.25, big: 2 ** 40, zero: 0, flag: false, nil: null, text: '中文 ✓', nested: { a: { b: [1, { c: when }] } }, empty: {}, list: [] };
    await db.collection('misc').add(doc);
    const back = (await db.collection('misc').doc('rt').get()).data[0];
    expect(back).toEqual(doc);
    expect(back.when).toBeInstanceOf(Date);
    expect(back.nested.a.b[1].c).toBeInstanceOf(Date);
  });

  it('generates ObjectId-like string ids and keeps custom ones', async () => {
    const { id } = await db.collection('misc').add({ x: 1 });
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const many = await db.collection('misc').add([{ _id: 'c-1', x: 2 }, { x: 3 }]);
    expect(many.ids![0]).toBe('c-1');
    expect(many.ids![1]).toMatch(/^[0-9a-f]{24}$/);
    // create() exists at runtime (@cloudbase/database) but not in the node-sdk typings.
    const ref = db.collection('misc').doc('c-2') as unknown as { create(d: object): Promise<{ id: string }> };
    const created = await ref.create({ x: 4 });
    expect(created.id).toBe('c-2');
  });

  it('refuses a duplicate _id and writes nothing of the batch', async () => {
    await db.collection('misc').add({ _id: 'dup', v: 1 });
    await expect(db.collection('misc').add({ _id: 'dup', v: 2 })).rejects.toMatchObject({
      code: 'DATABASE_REQUEST_FAILED',
      message: expect.stringContaining('E11000 duplicate key error'),
    });
    const before = (await db.collection('misc').count()).total;
    await expect(db.collection('misc').add([{ _id: 'fresh-1' }, { _id: 'dup' }])).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    await expect(db.collection('misc').add([{ _id: 'twin' }, { _id: 'twin' }])).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect((await db.collection('misc').count()).total).toBe(before);
    expect((await db.collection('misc').doc('dup').get()).data[0].v).toBe(1);
  });

  it('replaces db.serverDate() with the server time, offset included', async () => {
    const before = Date.now();
    await db.collection('misc').add({ _id: 'sd', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) });
    const after = Date.now();
    const back = (await db.collection('misc').doc('sd').get()).data[0];
    expect(back.at).toBeInstanceOf(Date);
    expect(back.at.getTime()).toBeGreaterThanOrEqual(before);
    expect(back.at.getTime()).toBeLessThanOrEqual(after);
    expect(back.later.getTime() - back.at.getTime()).toBe(60_000);
    await db.collection('misc').doc('sd').update({ touched: db.serverDate() });
    const touched = (await db.collection('misc').doc('sd').get()).data[0].touched;
    expect(touched.getTime()).toBeGreaterThanOrEqual(back.at.getTime());
    const found = await db.collection('misc').where({ at: _.lte(db.serverDate()) , _id: 'sd' }).get();
    expect(found.data).toHaveLength(1);
  });
});

describe('update operators', () => {
  const base = () => ({
    n: 10,
    m: 3,
    lo: 5,
    hi: 5,
    gone: 'x',
    old: 'renamed',
    list: [3, 1, 2],
    set: ['a'],
    nums: [1, 2, 3, 2],
    deep: { keep: 1, inner: { a: 1 } },
  });

  async function fresh(id: string): Promise<void> {
    await db.collection('items').doc(id).set(base());
  }

  async function read(id: string): Promise<Record<string, unknown>> {
    return (await db.collection('items').doc(id).get()).data[0];
  }

  it('set, inc, mul, min, max, remove, rename', async () => {
    await fresh('u1');
    const res = await db.collection('items').doc('u1').update({
      n: _.inc(5),
      m: _.mul(4),
      lo: _.min(2),
      hi: _.max(9),
      gone: _.remove(),
      old: _.rename('renamedTo'),
      extra: _.set({ fresh: true }),
    });
    expect(res.updated).toBe(1);
    const doc = await read('u1');
    expect(doc).toMatchObject({ n: 15, m: 12, lo: 2, hi: 9, renamedTo: 'renamed', extra: { fresh: true } });
    expect(doc).not.toHaveProperty('gone');
    expect(doc).not.toHaveProperty('old');
  });

  it('push with each/position/slice/sort, unshift, pop, shift', async () => {
    await fresh('u2');
    await db.collection('items').doc('u2').update({ list: _.push({ each: [9, 0], sort: 1, slice: 4 }) });
    expect((await read('u2')).list).toEqual([0, 1, 2, 3]);
    await db.collection('items').doc('u2').update({ list: _.push({ each: [7], position: 1 }) });
    expect((await read('u2')).list).toEqual([0, 7, 1, 2, 3]);
    await db.collection('items').doc('u2').update({ list: _.push([8]) });
    expect((await read('u2')).list).toEqual([0, 7, 1, 2, 3, 8]);
    await db.collection('items').doc('u2').update({ list: _.unshift([-1]) });
    expect((await read('u2')).list).toEqual([-1, 0, 7, 1, 2, 3, 8]);
    await db.collection('items').doc('u2').update({ list: _.pop() });
    await db.collection('items').doc('u2').update({ set: _.shift() });
    const doc = await read('u2');
    expect(doc.list).toEqual([-1, 0, 7, 1, 2, 3]);
    expect(doc.set).toEqual([]);
  });

  it('pull, pullAll, addToSet', async () => {
    await fresh('u3');
    await db.collection('items').doc('u3').update({ nums: _.pull(2) });
    expect((await read('u3')).nums).toEqual([1, 3]);
    await db.collection('items').doc('u3').update({ list: _.pullAll([3, 2]) });
    expect((await read('u3')).list).toEqual([1]);
    await db.collection('items').doc('u3').update({ set: _.addToSet('a') });
    await db.collection('items').doc('u3').update({ set: _.addToSet({ $each: ['b', 'a', 'c'] }) });
    expect((await read('u3')).set).toEqual(['a', 'b', 'c']);
    await db.collection('items').doc('u3').update({ nums: _.pull(_.gt(2)) });
    expect((await read('u3')).nums).toEqual([1]);
  });

  it('merges nested objects instead of replacing them', async () => {
    await fresh('u4');
    await db.collection('items').doc('u4').update({ deep: { inner: { b: 2 }, added: true } });
    expect((await read('u4')).deep).toEqual({ keep: 1, inner: { a: 1, b: 2 }, added: true });
  });

  it('set() replaces the whole document and upserts a missing one', async () => {
    await fresh('u5');
    const replaced = await db.collection('items').doc('u5').set({ only: 1 });
    expect(replaced.updated).toBe(1);
    expect(await read('u5')).toEqual({ _id: 'u5', only: 1 });
    const created = await db.collection('items').doc('u6-new').set({ only: 2 });
    expect(created).toMatchObject({ updated: 0, upsertedId: 'u6-new' });
    expect(await read('u6-new')).toEqual({ _id: 'u6-new', only: 2 });
  });

  it('update() of a missing document updates nothing and creates nothing', async () => {
    const res = await db.collection('items').doc('missing').update({ a: 1 });
    expect(res.updated).toBe(0);
    expect((await db.collection('items').doc('missing').get()).data).toEqual([]);
  });

  it('counts every matched document in updated, changed or not (as CloudBase does)', async () => {
    await fresh('u7');
    expect((await db.collection('items').doc('u7').update({ n: 10 })).updated).toBe(1);
    expect((await db.collection('items').doc('u7').update({ n: 11 })).updated).toBe(1);
    expect((await db.collection('items').doc('u7').get()).data[0].n).toBe(11);
    await db.collection('items').add([{ batch: 'same', v: 1 }, { batch: 'same', v: 2 }]);
    expect((await db.collection('items').where({ batch: 'same' }).update({ v: 1 })).updated).toBe(2);
    expect((await db.collection('items').where({ batch: 'nothing' }).update({ v: 1 })).updated).toBe(0);
  });

  it('where().update() updates every match; where().remove() removes every match', async () => {
    await db.collection('items').add([{ batch: 'w', v: 1 }, { batch: 'w', v: 2 }, { batch: 'w', v: 3 }, { batch: 'other', v: 4 }]);
    const res = await db.collection('items').where({ batch: 'w', v: _.gte(2) }).update({ hit: true, v: _.inc(10) });
    expect(res.updated).toBe(2);
    const hit = await db.collection('items').where({ hit: true }).orderBy('v', 'asc').get();
    expect(hit.data.map((d: { v: number }) => d.v)).toEqual([12, 13]);
    const removed = await db.collection('items').where({ batch: 'w' }).remove();
    expect(removed.deleted).toBe(3);
    expect((await db.collection('items').where({ batch: _.in(['w', 'other']) }).count()).total).toBe(1);
  });

  it('doc().remove() removes one document', async () => {
    await fresh('u8');
    expect((await db.collection('items').doc('u8').remove()).deleted).toBe(1);
    expect((await db.collection('items').doc('u8').remove()).deleted).toBe(0);
  });

  it('updateAndReturn() returns the updated document', async () => {
    await fresh('u9');
    const res = await db.collection('items').where({ _id: 'u9' }).updateAndReturn({ n: _.inc(1) });
    expect(res.updated).toBe(1);
    expect(res.doc).toMatchObject({ _id: 'u9', n: 11 });
    const none = await db.collection('items').where({ _id: 'nobody' }).updateAndReturn({ n: 1 });
    expect(none).toMatchObject({ updated: 0, doc: null });
  });

  it.each<[string, () => Record<string, unknown>]>([
    ['$inc on a string', () => ({ gone: _.inc(1) })],
    ['$mul on an array', () => ({ list: _.mul(2) })],
    ['$push onto a non-array', () => ({ n: _.push([1]) })],
    ['$addToSet onto a non-array', () => ({ gone: _.addToSet(1) })],
    ['$pull from a non-array', () => ({ n: _.pull(1) })],
    ['$pop from a non-array', () => ({ n: _.pop() })],
    ['a path through a scalar', () => ({ 'n.deeper': 1 })],
  ])('refuses %s and writes nothing', async (_name, update) => {
    await fresh('t1');
    const before = await read('t1');
    await expect(db.collection('items').doc('t1').update({ ...update(), touched: true })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    expect(await read('t1')).toEqual(before);
  });

  it('a multi update with a type error on one match writes none of them', async () => {
    await db.collection('items').add([{ grp: 'te', c: 1 }, { grp: 'te', c: 'text' }]);
    await expect(db.collection('items').where({ grp: 'te' }).update({ c: _.inc(1) })).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
    const docs = await db.collection('items').where({ grp: 'te' }).get();
    expect(docs.data.map((d: { c: unknown }) => d.c).sort()).toEqual([1, 'text']);
  });
});

describe('aggregation', () => {
  beforeAll(async () => {
    await db.collection('orders').add([
      { _id: 'o1', person: 'p1', amount: 10, items: ['x', 'y'] },
      { _id: 'o2', person: 'p1', amount: 5, items: ['x'] },
      { _id: 'o3', person: 'p2', amount: 7, items: [] },
    ]);
  });

  it('matches, groups and sorts', async () => {
    const $ = _.aggregate;
    const res = await db.collection('orders').aggregate().match({ amount: _.gte(5) }).group({ _id: '$person', total: $.sum('$amount'), n: $.sum(1) }).sort({ total: -1 }).end();
    expect(res.data).toEqual([
      { _id: 'p1', total: 15, n: 2 },
      { _id: 'p2', total: 7, n: 1 },
    ]);
  });

  it('looks up another collection', async () => {
    const res = await db
      .collection('orders')
      .aggregate()
      .lookup({ from: 'people', localField: 'person', foreignField: '_id', as: 'who' })
      .project({ _id: 1, name: { $arrayElemAt: ['$who.name', 0] } })
      .sort({ _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'o1', name: 'Ann' },
      { _id: 'o2', name: 'Ann' },
      { _id: 'o3', name: 'Bob' },
    ]);
  });

  it('unwinds, skips, limits and counts', async () => {
    const unwound = await db.collection('orders').aggregate().unwind('$items').sort({ _id: 1, items: 1 }).skip(1).limit(1).end();
    expect(unwound.data).toEqual([{ _id: 'o1', person: 'p1', amount: 10, items: 'y' }]);
    const counted = await db.collection('orders').aggregate().unwind('$items').count('n').end();
    expect(counted.data).toEqual([{ n: 3 }]);
  });

  it('does not let a pipeline change stored documents', async () => {
    await db.collection('orders').aggregate().addFields({ amount: 0 }).end();
    expect((await db.collection('orders').doc('o1').get()).data[0].amount).toBe(10);
  });
});

describe('wire shapes of @cloudbase/node-sdk 3.18.3', () => {
  it('sends the request shapes this emulator is built on', async () => {
    const seen: Array<Record<string, unknown>> = [];
    const original = h.database.handle.bind(h.database);
    const spy = jest.spyOn(h.database, 'handle').mockImplementation((action, body, meta) => {
      seen.push({ action, ...body });
      return original(action, body, meta);
    });
    try {
      await db.collection('people').where({ nested: { k: 1 } }).orderBy('age', 'desc').orderBy('name', 'asc').skip(1).limit(2).field({ name: true, _id: false }).get();
      await db.collection('people').doc('p1').update({ age: _.inc(0), tags: _.push(['b']), profile: { level: 2 }, nick: _.remove() });
      await db.collection('people').add({ at: db.serverDate() }).then((r) => db.collection('people').doc(r.id!).remove());
    } finally {
      spy.mockRestore();
    }
    expect(seen[0]).toMatchObject({
      action: 'database.getDocument',
      queryType: 'WHERE',
      query: '{"nested.k":{"$numberInt":"1"}}',
      order: '{"age":{"$numberInt":"-1"},"name":{"$numberInt":"1"}}',
      offset: 1,
      limit: 2,
      projection: '{"name":{"$numberInt":"1"},"_id":{"$numberInt":"0"}}',
    });
    expect(seen[1]).toMatchObject({ action: 'database.modifyDocument', queryType: 'DOC', multi: false, merge: true, upsert: false });
    expect(JSON.parse(seen[1].data as string)).toEqual({
      $inc: { age: { $numberInt: '0' } },
      $push: { tags: { $each: ['b'] } },
      $set: { 'profile.level': { $numberInt: '2' } },
      $unset: { nick: '' },
    });
    expect(seen[2]).toMatchObject({ action: 'database.insertDocument' });
    expect(JSON.parse((seen[2].data as string[])[0])).toEqual({ at: { $tcb_server_date: { offset: { $numberInt: '0' } } } });
  });
});
