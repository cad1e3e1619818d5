/**
 * MongoDB semantics come from mingo; this module is the single adapter to it. It adds the
 * operators mingo 7.2 gets wrong or lacks ($week, $substr/$substrBytes with a negative length,
 * $indexOfCP, $elemMatch with field conditions, $jsonSchema), maps mingo's errors to CloudBase
 * codes, and keeps every evaluation on one shared, patched operator context.
 */
import { Aggregator as IndexAggregator, Context, ProcessingMode, Query as IndexQuery, update as mingoUpdate } from 'mingo';
import { EmulatorError } from '../contracts';
import { invalidOperator, requestFailed } from './db-errors';
import type { Doc } from './ejson-codec';
import { jsonSchemaValidator } from './json-schema';

// mingo's subpath exports are invisible to this repo's `moduleResolution: node`; the runtime
// resolves them, so they are loaded with a typed require. The classes exported by 'mingo' itself
// always put the built-in operators first (a custom context cannot override them), so the
// engine uses the base classes with its own complete, patched operator context.
type ExprOperator = (obj: unknown, expr: unknown, options: unknown) => unknown;
type QueryOperator = (selector: string, value: unknown, options: unknown) => (doc: unknown) => boolean;
type OperatorModule = Record<string, unknown>;
/* eslint-disable @typescript-eslint/no-require-imports */
const { evalExpr } = require('mingo/core') as { evalExpr: ExprOperator };
const { resolve } = require('mingo/util') as { resolve: (obj: unknown, selector: string, options?: { unwrapArray?: boolean }) => unknown };
const expressionOperators = require('mingo/operators/expression') as OperatorModule & { $substrBytes: ExprOperator };
const { Query } = require('mingo/query') as { Query: typeof IndexQuery };
const { Aggregator } = require('mingo/aggregator') as { Aggregator: typeof IndexAggregator };
const OPERATORS = {
  accumulator: require('mingo/operators/accumulator') as OperatorModule,
  pipeline: require('mingo/operators/pipeline') as OperatorModule,
  projection: require('mingo/operators/projection') as OperatorModule,
  query: require('mingo/operators/query') as OperatorModule,
  window: require('mingo/operators/window') as OperatorModule,
};
/* eslint-enable @typescript-eslint/no-require-imports */
const { $substrBytes } = expressionOperators;
const mingoElemMatch = (OPERATORS.query as Record<string, QueryOperator>).$elemMatch;

type MingoOptions = NonNullable<ConstructorParameters<typeof Query>[1]>;
type CollectionResolver = (name: string) => Doc[];

/**
 * MongoDB's $week: weeks start on Sunday, week 1 starts on the year's first Sunday and the days
 * before it are week 0 (mingo computes an ISO-like week instead).
 */
const $week: ExprOperator = (obj, expr, options) => {
  const spec = expr !== null && typeof expr === 'object' && !Array.isArray(expr) && 'date' in (expr as Doc) ? (expr as Doc) : { date: expr };
  const date = evalExpr(obj, spec.date, options);
  if (date === null || date === undefined) return null;
  if (!(date instanceof Date)) throw requestFailed(`$week requires a date, found ${typeof date}`);
  const tz = spec.timezone === undefined ? undefined : evalExpr(obj, spec.timezone, options);
  const { year, month, day } = datePartsIn(date, tz);
  const dayOfYear = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000);
  const jan1Weekday = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const firstSunday = (7 - jan1Weekday) % 7;
  return dayOfYear < firstSunday ? 0 : Math.floor((dayOfYear - firstSunday) / 7) + 1;
};

/**
 * MongoDB's $substr (an alias of $substrBytes): a negative length means "to the end of the
 * string" and a negative start gives "". mingo rejects both.
 */
const $substr: ExprOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length !== 3) throw requestFailed('$substr expects an array of 3 arguments');
  const [s, start, length] = evalExpr(obj, expr, options) as [unknown, unknown, unknown];
  if (s === null || s === undefined) return '';
  const text = typeof s === 'string' ? s : s instanceof Date ? s.toISOString() : String(s);
  if (typeof start !== 'number' || typeof length !== 'number') throw requestFailed('$substr start and length must be numbers');
  if (start < 0) return '';
  const byteLength = Buffer.byteLength(text, 'utf8');
  const from = Math.min(Math.trunc(start), byteLength);
  const count = length < 0 ? byteLength - from : Math.min(Math.trunc(length), byteLength - from);
  return $substrBytes(obj, [{ $literal: text }, from, count], options);
};

/**
 * MongoDB's $indexOfCP: the code-point index of the first occurrence at or after <start> that
 * ends by <end>; null for a null or missing string; -1 when absent or when start > end or start
 * is past the string; an error for a non-string, a null substring or a negative index.
 */
const $indexOfCP: ExprOperator = (obj, expr, options) => {
  if (!Array.isArray(expr) || expr.length < 2 || expr.length > 4) throw requestFailed('$indexOfCP expects an array of 2 to 4 arguments');
  const [s, sub, start, end] = evalExpr(obj, expr, options) as [unknown, unknown, unknown, unknown];
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string') throw requestFailed(`$indexOfCP requires a string as the first argument, found: ${typeName(s)}`);
  if (typeof sub !== 'string') throw requestFailed(`$indexOfCP requires a string as the second argument, found: ${typeName(sub)}`);
  const index = (v: unknown, what: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) throw requestFailed(`$indexOfCP requires an integral ${what} index, found: ${typeName(v)}`);
    if (v < 0) throw requestFailed(`$indexOfCP requires a nonnegative ${what} index, found: ${v}`);
    return v;
  };
  const cps = [...s];
  const subCps = [...sub];
  const from = start === undefined ? 0 : index(start, 'start');
  const to = end === undefined ? cps.length : Math.min(index(end, 'ending'), cps.length);
  if (from > to || from > cps.length) return -1;
  for (let i = from; i + subCps.length <= to; i++) {
    let hit = true;
    for (let j = 0; j < subCps.length && hit; j++) hit = cps[i + j] === subCps[j];
    if (hit) return i;
  }
  return -1;
};

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  return typeof v === 'number' ? (Number.isInteger(v) ? 'int' : 'double') : typeof v;
}

/**
 * $elemMatch: with field conditions (`{value: {$gt: 0}}`, or `$and`/`$or`/`$nor` of them) only
 * embedded documents can match, as in MongoDB; mingo also tries plain values (so [1, 2] matched
 * `{value: {$gt: 0}}`). Operator-only criteria (`{$gt: 5}`) keep mingo's value matching.
 */
const $elemMatch: QueryOperator = (selector, criteria, options) => {
  const fieldLevel =
    criteria !== null && typeof criteria === 'object' && !Array.isArray(criteria) && Object.keys(criteria).some((k) => !k.startsWith('$') || k === '$and' || k === '$or' || k === '$nor');
  if (!fieldLevel) return mingoElemMatch(selector, criteria, options);
  const q = new Query(criteria as Doc, options as MingoOptions);
  const isDocument = (v: unknown) => v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof RegExp);
  return (doc) => {
    const arr = resolve(doc, selector, { unwrapArray: true });
    return Array.isArray(arr) && arr.some((el) => isDocument(el) && q.test(el as Doc));
  };
};

function datePartsIn(date: Date, tz: unknown): { year: number; month: number; day: number } {
  if (tz === undefined || tz === null) {
    return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  }
  if (typeof tz !== 'string') throw requestFailed('timezone must be a string');
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(tz);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0));
    const shifted = new Date(date.getTime() + minutes * 60_000);
    return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
  }
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
  } catch {
    throw requestFailed(`unrecognized time zone identifier: ${tz}`);
  }
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day') };
}

// mingo's declared operator types are narrower than the functions it calls; the cast is the seam.
// $substrBytes is the operator $substr aliases (MongoDB's docs: "$substr is now an alias for
// $substrBytes"): one implementation, so a negative count means "to the end" for both.
const CONTEXT = Context.init({
  ...OPERATORS,
  query: { ...OPERATORS.query, $elemMatch },
  expression: { ...expressionOperators, $week, $substr, $substrBytes: $substr, $indexOfCP },
} as never);

function options(extra?: Partial<MingoOptions> & { collectionResolver?: CollectionResolver }): Partial<MingoOptions> {
  return { idKey: '_id', context: CONTEXT, processingMode: ProcessingMode.CLONE_OFF, jsonSchemaValidator, ...extra } as Partial<MingoOptions>;
}

/** Translate a mingo failure into the CloudBase code an app would see for the same mistake. */
export function mapMingoError(err: unknown, what: string): EmulatorError {
  if (err instanceof EmulatorError) return err;
  const message = String((err as Error)?.message ?? err);
  if (/unknown (query|update|projection) operator|unregistered \w+ operator|is not registered|Unknown update operator|invalid (query|pipeline) operator/i.test(message)) {
    return invalidOperator(`${what}: ${message}`);
  }
  return requestFailed(`${what}: ${message}`);
}

export interface CompiledQuery {
  test(doc: Doc): boolean;
  readonly criteria: Doc;
}

export function compileQuery(criteria: Doc): CompiledQuery {
  rejectUnsupportedQueryOperators(criteria);
  try {
    const q = new Query(criteria, options());
    return { test: (doc) => q.test(doc), criteria };
  } catch (e) {
    throw mapMingoError(e, 'query');
  }
}

/** Operators CloudBase rejects or mingo cannot evaluate; named here so the error says which. */
const UNSUPPORTED_QUERY_OPERATORS = new Set(['$where', '$text', '$near', '$nearSphere', '$geoWithin', '$geoIntersects', '$function', '$accumulator']);

function rejectUnsupportedQueryOperators(value: unknown): void {
  if (Array.isArray(value)) {
    for (const v of value) rejectUnsupportedQueryOperators(v);
    return;
  }
  if (value === null || typeof value !== 'object' || value instanceof Date || value instanceof RegExp) return;
  for (const [k, v] of Object.entries(value as Doc)) {
    if (UNSUPPORTED_QUERY_OPERATORS.has(k)) throw invalidOperator(`query operator ${k} is not supported by the local emulator`);
    rejectUnsupportedQueryOperators(v);
  }
}

export function sortDocs(docs: Doc[], order: Record<string, 1 | -1> | undefined): Doc[] {
  if (!order || Object.keys(order).length === 0) return docs;
  try {
    return new Query({}, options()).find<Doc>(docs).sort(order).all();
  } catch (e) {
    throw mapMingoError(e, 'orderBy');
  }
}

export function projectDocs(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  try {
    return new Query({}, options({ processingMode: ProcessingMode.CLONE_INPUT })).find<Doc>(docs, projection).all();
  } catch (e) {
    throw mapMingoError(e, 'projection');
  }
}

const UNSUPPORTED_STAGES = new Set(['$geoNear', '$out', '$merge', '$search', '$searchMeta', '$changeStream', '$collStats', '$indexStats', '$currentOp', '$listSessions', '$planCacheStats']);

export function runPipeline(docs: Doc[], pipeline: Doc[], resolveCollection: CollectionResolver): Doc[] {
  for (const stage of pipeline) {
    const keys = Object.keys(stage);
    if (keys.length !== 1 || !keys[0].startsWith('$')) throw requestFailed(`aggregation stage must have exactly one $-operator, got ${JSON.stringify(keys)}`);
    if (UNSUPPORTED_STAGES.has(keys[0])) throw invalidOperator(`aggregation stage ${keys[0]} is not supported by the local emulator`);
    if (keys[0] === '$match') rejectUnsupportedQueryOperators(stage.$match);
  }
  try {
    // CLONE_INPUT: stages such as $addFields must not reach into the stored documents.
    return new Aggregator(pipeline, options({ processingMode: ProcessingMode.CLONE_INPUT, collectionResolver: resolveCollection })).run(docs) as Doc[];
  } catch (e) {
    throw mapMingoError(e, 'aggregate');
  }
}

/**
 * Apply update operators to `doc` (already a private copy). Returns whether anything changed.
 * `condition` is the query that selected the document, for the positional `$` operator.
 */
export function applyUpdateOperators(doc: Doc, modifier: Doc, condition: Doc | undefined): boolean {
  try {
    const changed = mingoUpdate(doc, modifier as Parameters<typeof mingoUpdate>[1], undefined, condition, {
      cloneMode: 'deep',
      queryOptions: options(),
    });
    return changed.length > 0;
  } catch (e) {
    throw mapMingoError(e, 'update');
  }
}
