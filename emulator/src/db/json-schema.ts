/**
 * The `$jsonSchema` query operator as MongoDB implements it: JSON Schema draft 4 with MongoDB's
 * extensions and omissions (mongodb.com/docs/manual/reference/operator/query/jsonSchema):
 *   - `bsonType` (the `$type` aliases) beside `type` (JSON types, without "integer");
 *   - draft-4 `exclusiveMinimum`/`exclusiveMaximum` (booleans qualifying minimum/maximum);
 *   - no `$ref`, `$schema`, `default`, `definitions`, `format`, `id`: refused, as MongoDB refuses them.
 * Written here rather than taken from a general validator: none implements bsonType or MongoDB's
 * refusals, and the subset is small. Numbers live in memory as JS numbers, so `int` is an integer
 * in int32 range, `long` any other integer, `double` a number that is not an integer.
 */
import { ObjectId } from 'bson';
import { requestFailed } from './db-errors';

type Schema = Record<string, unknown>;
type Check = (value: unknown) => boolean;

const KEYWORDS = new Set([
  'additionalItems', 'additionalProperties', 'allOf', 'anyOf', 'bsonType', 'dependencies', 'description', 'enum',
  'exclusiveMaximum', 'exclusiveMinimum', 'items', 'maximum', 'maxItems', 'maxLength', 'maxProperties', 'minimum',
  'minItems', 'minLength', 'minProperties', 'multipleOf', 'not', 'oneOf', 'pattern', 'patternProperties', 'properties',
  'required', 'title', 'type', 'uniqueItems',
]);
const OMITTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);
const JSON_TYPES = new Set(['object', 'array', 'number', 'boolean', 'string', 'null']);

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp) && !(v instanceof ObjectId) && !Buffer.isBuffer(v);
const isInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647;

const BSON_TYPES: Record<string, Check> = {
  double: (v) => typeof v === 'number' && !Number.isInteger(v),
  string: (v) => typeof v === 'string',
  object: isObject,
  array: Array.isArray,
  binData: (v) => Buffer.isBuffer(v) || v instanceof Uint8Array,
  objectId: (v) => v instanceof ObjectId,
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: isInt32,
  long: (v) => typeof v === 'number' && Number.isInteger(v) && !isInt32(v),
  decimal: () => false,
  number: (v) => typeof v === 'number',
  timestamp: () => false,
  undefined: (v) => v === undefined,
  minKey: () => false,
  maxKey: () => false,
  javascript: () => false,
  symbol: () => false,
  dbPointer: () => false,
  javascriptWithScope: () => false,
};
const JSON_TYPE_CHECKS: Record<string, Check> = {
  object: isObject,
  array: Array.isArray,
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

function fail(message: string): never {
  throw requestFailed(`$jsonSchema: ${message}`);
}

function nonNegativeInt(schema: Schema, key: string): number {
  const v = schema[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(`${key} must be a non-negative integer`);
  return v;
}

function schemaArray(schema: Schema, key: string): Check[] {
  const v = schema[key];
  if (!Array.isArray(v) || v.length === 0) fail(`${key} must be a non-empty array of schemas`);
  return v.map((s) => compile(s));
}

function typeChecks(names: unknown, table: Record<string, Check>, key: string): Check {
  const list = Array.isArray(names) ? names : [names];
  if (list.length === 0) fail(`${key} must name at least one type`);
  const checks = list.map((n) => {
    if (typeof n !== 'string') fail(`${key} must be a string or an array of strings`);
    if (key === 'type' && n === 'integer') fail(`"integer" is not supported as a type; use bsonType "int" or "long"`);
    const check = table[n];
    if (!check || (key === 'type' && !JSON_TYPES.has(n))) fail(`unknown ${key} ${JSON.stringify(n)}`);
    return check;
  });
  return (v) => checks.some((c) => c(v));
}

/** Deep equality for `enum` and `uniqueItems` (MongoDB compares BSON values; key order matters). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (a instanceof ObjectId && b instanceof ObjectId) return a.equals(b);
  if (a instanceof RegExp && b instanceof RegExp) return String(a) === String(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same(a[k], b[k]));
  }
  return false;
}

/** Compile a schema into a predicate; an invalid schema throws (MongoDB refuses the query). */
export function compile(schema: unknown): Check {
  if (!isObject(schema)) fail('a schema must be an object');
  for (const key of Object.keys(schema)) {
    if (OMITTED.has(key)) fail(`keyword '${key}' is not supported`);
    if (!KEYWORDS.has(key)) fail(`unknown keyword: ${key}`);
  }
  if ('type' in schema && 'bsonType' in schema) fail('cannot specify both type and bsonType');
  const checks: Check[] = [];
  const when = (applies: Check, check: Check) => checks.push((v) => !applies(v) || check(v));
  const isNumber: Check = (v) => typeof v === 'number';
  const isString: Check = (v) => typeof v === 'string';

  if ('type' in schema) checks.push(typeChecks(schema.type, JSON_TYPE_CHECKS, 'type'));
  if ('bsonType' in schema) checks.push(typeChecks(schema.bsonType, BSON_TYPES, 'bsonType'));
  if ('enum' in schema) {
    const values = schema.enum;
    if (!Array.isArray(values) || values.length === 0) fail('enum must be a non-empty array');
    checks.push((v) => values.some((e) => same(v, e)));
  }

  // Numbers
  for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    if (key in schema && typeof schema[key] !== 'boolean') fail(`${key} must be a boolean`);
    if (key in schema && !((key === 'exclusiveMinimum' ? 'minimum' : 'maximum') in schema)) fail(`${key} requires ${key === 'exclusiveMinimum' ? 'minimum' : 'maximum'}`);
  }
  if ('minimum' in schema) {
    const min = schema.minimum;
    if (typeof min !== 'number') fail('minimum must be a number');
    const exclusive = schema.exclusiveMinimum === true;
    when(isNumber, (v) => (exclusive ? (v as number) > min : (v as number) >= min));
  }
  if ('maximum' in schema) {
    const max = schema.maximum;
    if (typeof max !== 'number') fail('maximum must be a number');
    const exclusive = schema.exclusiveMaximum === true;
    when(isNumber, (v) => (exclusive ? (v as number) < max : (v as number) <= max));
  }
  if ('multipleOf' in schema) {
    const m = schema.multipleOf;
    if (typeof m !== 'number' || !(m > 0)) fail('multipleOf must be a positive number');
    when(isNumber, (v) => Number.isInteger((v as number) / m));
  }

  // Strings (lengths in code points, as MongoDB counts them)
  if ('minLength' in schema) {
    const n = nonNegativeInt(schema, 'minLength');
    when(isString, (v) => [...(v as string)].length >= n);
  }
  if ('maxLength' in schema) {
    const n = nonNegativeInt(schema, 'maxLength');
    when(isString, (v) => [...(v as string)].length <= n);
  }
  if ('pattern' in schema) {
    if (typeof schema.pattern !== 'string') fail('pattern must be a string');
    let re: RegExp;
    try {
      re = new RegExp(schema.pattern, 'u');
    } catch (e) {
      fail(`pattern is not a valid regular expression: ${(e as Error).message}`);
    }
    when(isString, (v) => re.test(v as string));
  }

  // Arrays
  if ('minItems' in schema) {
    const n = nonNegativeInt(schema, 'minItems');
    when(Array.isArray, (v) => (v as unknown[]).length >= n);
  }
  if ('maxItems' in schema) {
    const n = nonNegativeInt(schema, 'maxItems');
    when(Array.isArray, (v) => (v as unknown[]).length <= n);
  }
  if ('uniqueItems' in schema) {
    if (typeof schema.uniqueItems !== 'boolean') fail('uniqueItems must be a boolean');
    if (schema.uniqueItems) when(Array.isArray, (v) => (v as unknown[]).every((x, i, all) => all.findIndex((y) => same(x, y)) === i));
  }
  if ('items' in schema) {
    const items = schema.items;
    if (Array.isArray(items)) {
      const tuple = items.map((s) => compile(s));
      let rest: Check = () => true;
      if ('additionalItems' in schema) {
        const extra = schema.additionalItems;
        rest = typeof extra === 'boolean' ? () => extra : compile(extra);
      }
      when(Array.isArray, (v) => (v as unknown[]).every((x, i) => (i < tuple.length ? tuple[i](x) : rest(x))));
    } else {
      const each = compile(items);
      when(Array.isArray, (v) => (v as unknown[]).every(each));
    }
  } else if ('additionalItems' in schema && typeof schema.additionalItems !== 'boolean') {
    compile(schema.additionalItems); // validated; without a tuple `items` it has no effect (draft 4)
  }

  // Objects
  if ('required' in schema) {
    const req = schema.required;
    if (!Array.isArray(req) || req.length === 0 || req.some((r) => typeof r !== 'string') || new Set(req).size !== req.length) {
      fail('required must be a non-empty array of unique strings');
    }
    when(isObject, (v) => (req as string[]).every((k) => Object.prototype.hasOwnProperty.call(v, k)));
  }
  if ('minProperties' in schema) {
    const n = nonNegativeInt(schema, 'minProperties');
    when(isObject, (v) => Object.keys(v as object).length >= n);
  }
  if ('maxProperties' in schema) {
    const n = nonNegativeInt(schema, 'maxProperties');
    when(isObject, (v) => Object.keys(v as object).length <= n);
  }
  const properties: Record<string, Check> = {};
  if ('properties' in schema) {
    if (!isObject(schema.properties)) fail('properties must be an object');
    for (const [k, s] of Object.entries(schema.properties)) properties[k] = compile(s);
  }
  const patterns: Array<[RegExp, Check]> = [];
  if ('patternProperties' in schema) {
    if (!isObject(schema.patternProperties)) fail('patternProperties must be an object');
    for (const [p, s] of Object.entries(schema.patternProperties)) {
      let re: RegExp;
      try {
        re = new RegExp(p, 'u');
      } catch (e) {
        fail(`patternProperties key is not a valid regular expression: ${(e as Error).message}`);
      }
      patterns.push([re, compile(s)]);
    }
  }
  let additional: Check | undefined;
  if ('additionalProperties' in schema) {
    const extra = schema.additionalProperties;
    additional = typeof extra === 'boolean' ? () => extra : compile(extra);
  }
  if ('properties' in schema || 'patternProperties' in schema || additional) {
    when(isObject, (v) =>
      Object.entries(v as Record<string, unknown>).every(([k, x]) => {
        let matched = false;
        if (k in properties) {
          matched = true;
          if (!properties[k](x)) return false;
        }
        for (const [re, check] of patterns) {
          if (re.test(k)) {
            matched = true;
            if (!check(x)) return false;
          }
        }
        return matched || !additional || additional(x);
      }),
    );
  }
  if ('dependencies' in schema) {
    if (!isObject(schema.dependencies)) fail('dependencies must be an object');
    for (const [k, dep] of Object.entries(schema.dependencies)) {
      if (Array.isArray(dep)) {
        if (dep.length === 0 || dep.some((d) => typeof d !== 'string')) fail('a property dependency must be a non-empty array of strings');
        when(isObject, (v) => !(k in (v as object)) || dep.every((d) => d in (v as object)));
      } else {
        const check = compile(dep);
        when(isObject, (v) => !(k in (v as object)) || check(v));
      }
    }
  }

  // Combinators
  if ('allOf' in schema) {
    const all = schemaArray(schema, 'allOf');
    checks.push((v) => all.every((c) => c(v)));
  }
  if ('anyOf' in schema) {
    const any = schemaArray(schema, 'anyOf');
    checks.push((v) => any.some((c) => c(v)));
  }
  if ('oneOf' in schema) {
    const one = schemaArray(schema, 'oneOf');
    checks.push((v) => one.filter((c) => c(v)).length === 1);
  }
  if ('not' in schema) {
    const not = compile(schema.not);
    checks.push((v) => !not(v));
  }
  for (const key of ['title', 'description'] as const) if (key in schema && typeof schema[key] !== 'string') fail(`${key} must be a string`);

  return (v) => checks.every((c) => c(v));
}

/** mingo's `jsonSchemaValidator` option: schema → document predicate. */
export function jsonSchemaValidator(schema: unknown): (doc: unknown) => boolean {
  return compile(schema);
}
