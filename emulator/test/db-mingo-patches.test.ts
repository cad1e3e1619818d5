/**
 * Operators mingo 7.2 gets wrong, patched in the emulator to MongoDB's behaviour, checked
 * both on the engine and through the SDK's aggregate().
 */
import { runPipeline, compileQuery } from '../src/db/mingo-engine';
import { startDbHarness, type DbHarness } from './helpers/db-harness';

const noCollections = () => [];
const project = (doc: Record<string, unknown>, expr: unknown) => runPipeline([doc], [{ $project: { _id: 0, v: expr } }], noCollections)[0].v;

describe('$week (Sunday-based, week 0 before the first Sunday)', () => {
  it.each([
    ['2024-01-01T00:00:00Z', 0], // Monday, before the year's first Sunday
    ['2024-01-06T23:59:59Z', 0],
    ['2024-01-07T00:00:00Z', 1], // first Sunday
    ['2024-01-13T12:00:00Z', 1],
    ['2024-01-14T00:00:00Z', 2],
    ['2023-01-01T00:00:00Z', 1], // the year starts on a Sunday
    ['2023-12-31T00:00:00Z', 53],
    ['2024-12-31T00:00:00Z', 52],
  ])('%s is week %i', (iso, week) => {
    expect(project({ d: new Date(iso) }, { $week: '$d' })).toBe(week);
  });

  it('honours a timezone', () => {
    // 2024-01-06T20:00Z is already Sunday 7 January in Shanghai.
    expect(project({ d: new Date('2024-01-06T20:00:00Z') }, { $week: { date: '$d', timezone: 'Asia/Shanghai' } })).toBe(1);
    expect(project({ d: new Date('2024-01-06T20:00:00Z') }, { $week: { date: '$d', timezone: '+08:00' } })).toBe(1);
    expect(project({ d: new Date('2024-01-06T20:00:00Z') }, { $week: '$d' })).toBe(0);
  });

  it('is null for a missing date', () => {
    expect(project({}, { $week: '$d' })).toBeNull();
  });
});

describe('$substr', () => {
  it.each<[unknown[], string]>([
    [['$s', 1, 3], 'ell'],
    [['$s', 1, -1], 'ello'],
    [['$s', 0, -5], 'hello'],
    [['$s', 2, 100], 'llo'],
    [['$s', -1, 2], ''],
    [['$s', 9, 2], ''],
  ])('%j', (args, expected) => {
    expect(project({ s: 'hello' }, { $substr: args })).toBe(expected);
  });

  it('counts UTF-8 bytes like MongoDB', () => {
    expect(project({ s: '工业园' }, { $substr: ['$s', 3, -1] })).toBe('业园');
  });

  it('is empty for a missing string', () => {
    expect(project({}, { $substr: ['$s', 0, 2] })).toBe('');
  });
});

describe('$elemMatch with an operator on a plain-value array', () => {
  it.each<[unknown, unknown[], boolean]>([
    [{ $gt: 5 }, [1, 7], true],
    [{ $gt: 50 }, [1, 7], false],
    [{ $gte: 5, $lt: 8 }, [1, 9], false],
    [{ $gte: 5, $lt: 8 }, [1, 6], true],
    [{ $in: ['x'] }, ['y', 'x'], true],
    [{ $ne: 'x' }, ['x'], false],
    [{ $regex: '^x' }, ['ax', 'xy'], true],
  ])('%j on %j', (criteria, value, expected) => {
    expect(compileQuery({ a: { $elemMatch: criteria } }).test({ a: value })).toBe(expected);
  });
});

describe('through the SDK', () => {
  let h: DbHarness;

  beforeAll(async () => {
    h = await startDbHarness();
    await h.createCollections('events');
    await h.db.collection('events').add([
      { _id: 'e1', at: new Date('2024-01-06T10:00:00Z'), code: 'PARK-001' },
      { _id: 'e2', at: new Date('2024-01-08T10:00:00Z'), code: 'PARK-002' },
    ]);
  });

  afterAll(async () => {
    await h.close();
  });

  it('aggregates with $week and a negative-length $substr', async () => {
    const $ = h.db.command.aggregate;
    const res = await h.db
      .collection('events')
      .aggregate()
      .project({ _id: 1, week: $.week('$at'), serial: $.substr(['$code', 5, -1]) })
      .sort({ _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'e1', week: 0, serial: '001' },
      { _id: 'e2', week: 1, serial: '002' },
    ]);
  });
});
