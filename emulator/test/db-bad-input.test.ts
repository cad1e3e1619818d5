/**
 * Malformed and unsupported requests, posted by hand: each gets a CloudBase-style
 * `{code, message}` answer with HTTP 200, nothing is written, and the server keeps serving.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;

beforeAll(async () => {
  h = await startDbHarness();
  await h.createCollections('things');
  await h.db.collection('things').add({ _id: 't1', n: 1, tags: ['a'] });
});

afterAll(async () => {
  await h.close();
});

async function rawStatus(body: string): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${h.url}/admin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const insert = (data: unknown) => ({ action: 'database.insertDocument', collectionName: 'things', data });
const modify = (data: string, query = '{"_id":"t1"}') => ({ action: 'database.modifyDocument', collectionName: 'things', queryType: 'DOC', query, data, multi: false, merge: true, upsert: false });
const get = (extra: Record<string, unknown>) => ({ action: 'database.getDocument', collectionName: 'things', queryType: 'WHERE', ...extra });

it.each<[string, unknown, string]>([
  ['a body that is not JSON', '{"action": "database.getDocument", ', 'INVALID_PARAM'],
  ['a JSON array body', '[1,2]', 'INVALID_PARAM'],
  ['an unknown database action', { action: 'database.dropEverything', collectionName: 'things' }, 'INVALID_ACTION'],
  ['an action nobody handles', { action: 'nothing.here' }, 'INVALID_ACTION'],
  ['a missing collectionName', { action: 'database.getDocument', queryType: 'WHERE' }, 'INVALID_PARAM'],
  ['an unknown queryType', get({ queryType: 'ALL' }), 'INVALID_PARAM'],
  ['a negative limit', get({ limit: -1 }), 'INVALID_PARAM'],
  ['a query that is not JSON', get({ query: '{nope' }), 'INVALID_PARAM'],
  ['an invalid $numberInt', get({ query: '{"n":{"$numberInt":"one"}}' }), 'INVALID_PARAM'],
  ['an unknown query operator', get({ query: '{"n":{"$almost":1}}' }), 'DATABASE_INVALID_OPERRATOR'],
  ['a geo query operator', get({ query: '{"loc":{"$near":{"$geometry":{"type":"Point","coordinates":[0,0]}}}}' }), 'DATABASE_INVALID_OPERRATOR'],
  ['$where (server-side JavaScript)', get({ query: '{"$where":"this.n > 0"}' }), 'DATABASE_INVALID_OPERRATOR'],
  ['an order direction that is not 1 or -1', get({ order: '{"n":"up"}' }), 'INVALID_PARAM'],
  ['an insert of a string that is not a document', insert(['"just text"']), 'INVALID_PARAM'],
  ['an insert with an invalid $date', insert(['{"when":{"$date":"yesterday"}}']), 'INVALID_PARAM'],
  ['an insert that is not JSON', insert(['{']), 'INVALID_PARAM'],
  ['an insert with a $-prefixed field', insert(['{"$evil":1}']), 'INVALID_PARAM'],
  ['an insert with an object _id', insert(['{"_id":{"a":1}}']), 'INVALID_PARAM'],
  ['an empty insert', insert([]), 'INVALID_PARAM'],
  ['an unknown update operator', modify('{"$frobnicate":{"n":1}}'), 'DATABASE_INVALID_OPERRATOR'],
  ['update data mixing operators and fields', modify('{"$set":{"n":2},"m":1}'), 'INVALID_PARAM'],
  ['an update of _id', modify('{"$set":{"_id":"other"}}'), 'DATABASE_REQUEST_FAILED'],
  ['conflicting update paths', modify('{"$set":{"tags":[]},"$push":{"tags":"b"}}'), 'DATABASE_REQUEST_FAILED'],
  ['a DOC query without _id', modify('{"$set":{"n":2}}', '{"n":1}'), 'INVALID_PARAM'],
  ['an unsupported aggregation stage', { action: 'database.aggregateDocuments', collectionName: 'things', stages: [{ stageKey: '$out', stageValue: '"elsewhere"' }] }, 'DATABASE_INVALID_OPERRATOR'],
  ['a malformed aggregation stage', { action: 'database.aggregateDocuments', collectionName: 'things', stages: [{ stageValue: '{}' }] }, 'INVALID_PARAM'],
  ['an unknown aggregation operator', { action: 'database.aggregateDocuments', collectionName: 'things', stages: [{ stageKey: '$project', stageValue: '{"x":{"$teleport":"$n"}}' }] }, 'DATABASE_INVALID_OPERRATOR'],
  ['a commit of an unknown transaction', { action: 'database.commitTransaction', transactionId: 'nope' }, 'DATABASE_TRANSACTION_FAIL'],
  ['a read inside an unknown transaction', get({ transactionId: 'nope' }), 'DATABASE_TRANSACTION_FAIL'],
])('%s', async (_name, body, code) => {
  const before = h.database.stats().seq;
  const { status, json } = await rawStatus(typeof body === 'string' ? body : JSON.stringify(body));
  expect(status).toBe(200);
  expect(json).toMatchObject({ code, message: expect.any(String), requestId: expect.any(String) });
  expect((json.message as string).length).toBeGreaterThan(5);
  expect(h.database.stats().seq).toBe(before);
});

it('still serves normal requests and the data is untouched', async () => {
  const doc = (await h.db.collection('things').doc('t1').get()).data[0];
  expect(doc).toEqual({ _id: 't1', n: 1, tags: ['a'] });
  expect((await h.db.collection('things').count()).total).toBe(1);
});

it('surfaces the same errors through the SDK as thrown {code, message}', async () => {
  const _ = h.db.command;
  await expect(h.db.collection('things').where({ n: _.geoNear({ geometry: new h.db.Geo.Point(0, 0) }) }).get()).rejects.toMatchObject({
    code: 'DATABASE_INVALID_OPERRATOR',
  });
});
