/**
 * An abandoned transaction (a function that crashed between start and commit) must not hold
 * its documents forever: it expires (CloudBase: 30 s), its locks go, and a late commit is
 * answered DATABASE_TRANSACTION_FAIL (TransactionNotExist), as CloudBase answers it.
 */
import { startDbHarness, type DbHarness } from './helpers/db-harness';

let h: DbHarness;

beforeAll(async () => {
  h = await startDbHarness({ database: { transactionLifetimeMs: 200 } });
  await h.createCollections('k');
  await h.db.collection('k').add({ _id: 'x', v: 0 });
});

afterAll(async () => {
  await h.close();
});

it('expires an abandoned transaction and frees its documents', async () => {
  const abandoned = await h.db.startTransaction();
  await abandoned.collection('k').doc('x').update({ v: 1 });
  await new Promise((r) => setTimeout(r, 350));
  expect(h.database.stats().transactions).toMatchObject({ expired: 1, active: 0 });
  const started = performance.now();
  await h.db.runTransaction(async (t: typeof abandoned) => {
    const x = (await t.collection('k').doc('x').get()).data;
    await t.collection('k').doc('x').update({ v: x.v + 2 });
  });
  expect(performance.now() - started).toBeLessThan(150);
  await expect(abandoned.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_FAIL', message: expect.stringContaining('TransactionNotExist') });
  expect((await h.db.collection('k').doc('x').get()).data[0].v).toBe(2);
  expect(h.database.stats().transactions).toMatchObject({ expired: 1, active: 0, committed: 1 });
});
