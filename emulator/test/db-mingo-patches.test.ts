/**
 * Operators mingo 7.2 gets wrong or lacks, patched in the emulator to MongoDB's behaviour, checked
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

describe('$elemMatch with field conditions matches embedded documents only', () => {
  it.each<[unknown, unknown[], boolean]>([
    [{ value: { $gt: 0 } }, [1, 2], false],
    [{ value: { $gt: 0 } }, [{ value: 1 }], true],
    [{ value: { $gt: 0 } }, [{ value: 0 }, 5], false],
    [{ value: 1 }, [1], false],
    [{ $or: [{ value: 1 }, { v: 2 }] }, [1, 2], false],
    [{ $or: [{ value: 1 }, { v: 2 }] }, [3, { v: 2 }], true],
    [{ kind: 'cat', age: { $gte: 5 } }, [{ kind: 'cat', age: 2 }, { kind: 'dog', age: 5 }], false],
    [{ kind: 'cat', age: { $gte: 5 } }, [{ kind: 'dog', age: 5 }, { kind: 'cat', age: 9 }], true],
  ])('%j on %j', (criteria, value, expected) => {
    expect(compileQuery({ a: { $elemMatch: criteria } }).test({ a: value })).toBe(expected);
  });

  it('works on a nested path', () => {
    expect(compileQuery({ 'o.a': { $elemMatch: { value: { $gt: 0 } } } }).test({ o: { a: [1] } })).toBe(false);
    expect(compileQuery({ 'o.a': { $elemMatch: { value: { $gt: 0 } } } }).test({ o: { a: [{ value: 2 }] } })).toBe(true);
  });
});

describe('$substrBytes (what $substr aliases): a negative count runs to the end', () => {
  it.each<[unknown[], string]>([
    [['$s', 1, -1], 'ello'],
    [['$s', 0, -3], 'hello'],
    [['$s', 1, 2], 'el'],
    [['$s', -1, 2], ''],
  ])('%j', (args, expected) => {
    expect(project({ s: 'hello' }, { $substrBytes: args })).toBe(expected);
  });

  it('counts UTF-8 bytes and refuses a cut inside a character', () => {
    expect(project({ s: '工业园' }, { $substrBytes: ['$s', 3, -1] })).toBe('业园');
    expect(() => project({ s: '工业园' }, { $substrBytes: ['$s', 1, -1] })).toThrow();
  });
});

describe('$indexOfCP', () => {
  it.each<[unknown[], unknown]>([
    [['cafeteria', 'e'], 3],
    [['cafétéria', 'é'], 3],
    [['cafétéria', 'e'], -1],
    [['cafétéria', 't'], 4],
    [['foo.bar.fi', '.', 5], 7],
    [['vanilla', 'll', 0, 2], -1],
    [['vanilla', 'll', -1], 'error'],
    [['vanilla', 'll', 12], -1],
    [['vanilla', 'll', 5, 2], -1],
    [['vanilla', 'nilla', 3], -1],
    [['工业社区服务', '社区'], 2],
    [['😀a😀b', 'b'], 3],
    [[null, 'foo'], null],
    [['abc', null], 'error'],
    [[5, 'a'], 'error'],
    [['abc', 'b', 1.5], 'error'],
  ])('%j → %j', (args, expected) => {
    const expr = { $indexOfCP: args.map((a) => (typeof a === 'string' ? { $literal: a } : a)) };
    if (expected === 'error') expect(() => project({}, expr)).toThrow();
    else expect(project({}, expr)).toBe(expected);
  });

  it('is null for a missing field', () => {
    expect(project({}, { $indexOfCP: ['$missing', 'a'] })).toBeNull();
  });
});

describe('$jsonSchema (MongoDB draft-4 subset)', () => {
  const test = (schema: unknown, doc: Record<string, unknown>) => compileQuery({ $jsonSchema: schema }).test(doc);

  it.each<[string, unknown, Record<string, unknown>, boolean]>([
    ['required present', { required: ['name'] }, { name: 'a' }, true],
    ['required missing', { required: ['name'] }, { other: 1 }, false],
    ['bsonType string', { properties: { name: { bsonType: 'string' } } }, { name: 'x' }, true],
    ['bsonType string on a number', { properties: { name: { bsonType: 'string' } } }, { name: 1 }, false],
    ['bsonType int', { properties: { n: { bsonType: 'int' } } }, { n: 3 }, true],
    ['bsonType int on a double', { properties: { n: { bsonType: 'int' } } }, { n: 3.5 }, false],
    ['bsonType double', { properties: { n: { bsonType: 'double' } } }, { n: 3.5 }, true],
    ['bsonType list', { properties: { n: { bsonType: ['null', 'string'] } } }, { n: null }, true],
    ['bsonType date', { properties: { at: { bsonType: 'date' } } }, { at: new Date() }, true],
    ['bsonType number', { properties: { n: { bsonType: 'number' } } }, { n: 2 }, true],
    ['type number', { properties: { n: { type: 'number' } } }, { n: 2.5 }, true],
    ['type object on an array', { properties: { o: { type: 'object' } } }, { o: [] }, false],
    ['minimum inclusive', { properties: { n: { minimum: 2 } } }, { n: 2 }, true],
    ['minimum exclusive', { properties: { n: { minimum: 2, exclusiveMinimum: true } } }, { n: 2 }, false],
    ['maximum', { properties: { n: { maximum: 2 } } }, { n: 3 }, false],
    ['minimum ignores a string', { properties: { n: { minimum: 2 } } }, { n: 'a' }, true],
    ['multipleOf', { properties: { n: { multipleOf: 5 } } }, { n: 15 }, true],
    ['maxLength in code points', { properties: { s: { maxLength: 2 } } }, { s: '工业' }, true],
    ['minLength', { properties: { s: { minLength: 3 } } }, { s: 'ab' }, false],
    ['pattern', { properties: { s: { pattern: '^E-' } } }, { s: 'E-YSQC' }, true],
    ['enum', { properties: { s: { enum: ['a', 'b'] } } }, { s: 'c' }, false],
    ['items', { properties: { a: { items: { bsonType: 'int' } } } }, { a: [1, 2] }, true],
    ['items refused', { properties: { a: { items: { bsonType: 'int' } } } }, { a: [1, 'x'] }, false],
    ['tuple items, additionalItems false', { properties: { a: { items: [{ type: 'string' }], additionalItems: false } } }, { a: ['x', 'y'] }, false],
    ['minItems', { properties: { a: { minItems: 1 } } }, { a: [] }, false],
    ['uniqueItems', { properties: { a: { uniqueItems: true } } }, { a: [1, 1] }, false],
    ['additionalProperties false', { properties: { _id: {}, a: {} }, additionalProperties: false }, { _id: 'x', a: 1, b: 2 }, false],
    ['patternProperties', { patternProperties: { '^n': { bsonType: 'int' } }, additionalProperties: false }, { n1: 1, n2: 2 }, true],
    ['nested required', { properties: { address: { bsonType: 'object', required: ['zip'] } } }, { address: { street: 'x' } }, false],
    ['dependencies', { dependencies: { card: ['billing'] } }, { card: 1 }, false],
    ['anyOf', { anyOf: [{ required: ['a'] }, { required: ['b'] }] }, { b: 1 }, true],
    ['oneOf', { oneOf: [{ required: ['a'] }, { required: ['b'] }] }, { a: 1, b: 1 }, false],
    ['not', { not: { required: ['a'] } }, { a: 1 }, false],
    ['maxProperties', { maxProperties: 2 }, { _id: 1, a: 1, b: 1 }, false],
  ])('%s', (_name, schema, doc, expected) => {
    expect(test(schema, doc)).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['type integer', { properties: { n: { type: 'integer' } } }],
    ['$ref', { $ref: '#/definitions/x' }],
    ['format', { properties: { s: { format: 'email' } } }],
    ['default', { properties: { s: { default: 'x' } } }],
    ['unknown keyword', { properties: { s: { colour: 'red' } } }],
    ['unknown bsonType', { bsonType: 'text' }],
    ['type and bsonType', { type: 'object', bsonType: 'object' }],
    ['empty required', { required: [] }],
  ])('refuses %s as MongoDB does', (_name, schema) => {
    expect(() => compileQuery({ $jsonSchema: schema })).toThrow(expect.objectContaining({ code: 'DATABASE_REQUEST_FAILED' }));
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

  it('aggregates with $indexOfCP and a negative-count $substrBytes', async () => {
    const $ = h.db.command.aggregate;
    const res = await h.db
      .collection('events')
      .aggregate()
      .project({ _id: 1, dash: $.indexOfCP(['$code', '-']), serial: $.substrBytes(['$code', 5, -1]) })
      .sort({ _id: 1 })
      .end();
    expect(res.data).toEqual([
      { _id: 'e1', dash: 4, serial: '001' },
      { _id: 'e2', dash: 4, serial: '002' },
    ]);
  });

  it('$elemMatch with a field condition does not match plain numbers', async () => {
    const _ = h.db.command;
    await h.createCollections('tagged');
    await h.db.collection('tagged').add([
      { _id: 'plain', tags: [1, 2, 3] },
      { _id: 'docs', tags: [{ value: 0 }, { value: 2 }] },
      { _id: 'zero', tags: [{ value: 0 }] },
    ]);
    const res = await h.db.collection('tagged').where({ tags: _.elemMatch({ value: _.gt(0) }) }).get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['docs']);
  });

  it('$jsonSchema selects the documents a schema accepts and refuses what MongoDB refuses', async () => {
    const _ = h.db.command;
    await h.createCollections('students');
    await h.db.collection('students').add([
      { _id: 's1', name: 'Ann', gpa: 3.5, address: { zipcode: '314200' } },
      { _id: 's2', name: 'Bob', gpa: 'A' },
      { _id: 's3', gpa: 3.1 },
    ]);
    const schema = { required: ['name', 'gpa'], properties: { name: { bsonType: 'string' }, gpa: { bsonType: ['double', 'int'] }, address: { bsonType: 'object', required: ['zipcode'] } } };
    const res = await h.db.collection('students').where(_.jsonSchema(schema)).get();
    expect(res.data.map((d: { _id: string }) => d._id)).toEqual(['s1']);
    await expect(h.db.collection('students').where(_.jsonSchema({ properties: { gpa: { type: 'integer' } } })).get()).rejects.toMatchObject({ code: 'DATABASE_REQUEST_FAILED' });
  });
});
