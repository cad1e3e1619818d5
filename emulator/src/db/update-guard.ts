/**
 * MongoDB refuses updates that mingo silently ignores: `$inc` on a string, `$push` onto a
 * non-array, a path through a scalar, two operators on overlapping paths, changing `_id`.
 * The app's code must see those errors locally, before production shows them; this module
 * checks an update against the document it is about to change, before anything is written.
 */
import { invalidOperator, invalidParam, requestFailed } from './db-errors';
import { isPlainObject, type Doc } from './ejson-codec';

export const SUPPORTED_UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$currentDate',
  '$bit',
  '$setOnInsert',
]);

const NUMERIC_OPS = new Set(['$inc', '$mul', '$bit']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

/** Shape checks that do not depend on the target document. */
export function validateUpdateShape(modifier: Doc): void {
  const keys = Object.keys(modifier);
  if (keys.length === 0) throw invalidParam('update data must not be empty');
  const paths: Array<{ op: string; path: string }> = [];
  for (const op of keys) {
    if (!op.startsWith('$')) throw invalidParam(`update data mixes operators and plain fields ('${op}')`);
    if (!SUPPORTED_UPDATE_OPERATORS.has(op)) throw invalidOperator(`update operator ${op} is not supported`);
    const spec = modifier[op];
    if (!isPlainObject(spec)) throw requestFailed(`Modifiers operate on fields but we found type ${typeName(spec)} instead for ${op}`);
    for (const [path, arg] of Object.entries(spec)) {
      if (path === '' || path.split('.').some((s) => s === '')) throw requestFailed(`An update path '${path}' contains an empty field name, which is not allowed.`);
      checkOperand(op, path, arg);
      paths.push({ op, path });
      if (op === '$rename') paths.push({ op, path: arg as string });
    }
  }
  for (const { path } of paths) {
    if (path === '_id' || path.startsWith('_id.')) throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const a = paths[i].path;
      const b = paths[j].path;
      if (a === b || a.startsWith(b + '.') || b.startsWith(a + '.')) {
        throw requestFailed(`Updating the path '${paths[j].path}' would create a conflict at '${a.length < b.length ? a : b}'`);
      }
    }
  }
}

function checkOperand(op: string, path: string, arg: unknown): void {
  switch (op) {
    case '$inc':
    case '$mul':
      if (typeof arg !== 'number') throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`);
      break;
    case '$pullAll':
      if (!Array.isArray(arg)) throw requestFailed(`$pullAll requires an array argument but was given a ${typeName(arg)}`);
      break;
    case '$pop':
      if (arg !== 1 && arg !== -1) throw requestFailed(`$pop expects 1 or -1, found: ${JSON.stringify(arg)}`);
      break;
    case '$rename':
      if (typeof arg !== 'string' || arg === '' || arg.startsWith('$')) throw requestFailed(`The 'to' field for $rename must be a string: ${path}: ${JSON.stringify(arg)}`);
      if (arg === path) throw requestFailed(`The source and target field for $rename must differ: ${path}: ${JSON.stringify(arg)}`);
      if (hasPositional(path) || hasPositional(arg)) throw requestFailed('$rename does not support positional paths');
      break;
    case '$push':
    case '$addToSet':
      if (isPlainObject(arg) && '$each' in arg && !Array.isArray(arg.$each)) {
        throw requestFailed(`The argument to $each in ${op} must be an array but it was of type: ${typeName(arg.$each)}`);
      }
      if (op === '$push' && isPlainObject(arg) && '$each' in arg) {
        for (const k of Object.keys(arg)) {
          if (!['$each', '$slice', '$sort', '$position'].includes(k)) throw requestFailed(`Unrecognized clause in $push: ${k}`);
        }
        if ('$slice' in arg && !Number.isInteger(arg.$slice)) throw requestFailed('The value for $slice must be an integer value');
        if ('$position' in arg && !Number.isInteger(arg.$position)) throw requestFailed('The value for $position must be an integer value');
      }
      break;
    case '$currentDate':
      if (!(arg === true || (isPlainObject(arg) && (arg.$type === 'date' || arg.$type === 'timestamp')))) {
        throw requestFailed(`${path} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`);
      }
      break;
    default:
      break;
  }
}

/**
 * Checks that depend on the document: type of the current value and paths through scalars.
 * Paths with positional segments are checked up to the positional segment; mingo resolves the rest.
 */
export function validateUpdateAgainst(doc: Doc, modifier: Doc): void {
  for (const op of Object.keys(modifier)) {
    const spec = modifier[op] as Doc;
    for (const path of Object.keys(spec)) {
      const target = resolveForWrite(doc, path);
      if (op === '$rename') {
        resolveForWrite(doc, spec[path] as string);
        continue;
      }
      if (target.kind !== 'value') continue;
      const current = target.value;
      if (current === undefined) continue;
      if (NUMERIC_OPS.has(op) && typeof current !== 'number') {
        throw requestFailed(`Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${lastSegment(path)}' of non-numeric type ${typeName(current)}`);
      }
      if (ARRAY_OPS.has(op) && !Array.isArray(current)) {
        if (op === '$pull' || op === '$pullAll') throw requestFailed(`Cannot apply ${op} to a non-array value`);
        if (op === '$pop') throw requestFailed(`Path '${path}' contains an element of non-array type '${typeName(current)}'`);
        throw requestFailed(`The field '${path}' must be an array but is of type ${typeName(current)} in document {_id: ${JSON.stringify(doc._id)}}`);
      }
    }
  }
}

type WriteTarget = { kind: 'value'; value: unknown } | { kind: 'positional' };

function resolveForWrite(doc: Doc, path: string): WriteTarget {
  const segments = path.split('.');
  let current: unknown = doc;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg === '$' || seg.startsWith('$[')) {
      if (current !== undefined && !Array.isArray(current)) {
        throw requestFailed(`The positional operator did not find the match needed from the query.`);
      }
      return { kind: 'positional' };
    }
    if (current === undefined || current === null) {
      if (current === null && i > 0) throw requestFailed(`Cannot create field '${seg}' in element {${segments[i - 1]}: null}`);
      return { kind: 'value', value: undefined };
    }
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(seg)) {
        throw requestFailed(`Cannot create field '${seg}' in element {${segments[i - 1]}: ${shortJson(current)}}`);
      }
      current = current[Number(seg)];
      continue;
    }
    if (!isPlainObject(current)) {
      throw requestFailed(`Cannot create field '${seg}' in element {${segments[i - 1]}: ${shortJson(current)}}`);
    }
    current = current[seg];
  }
  return { kind: 'value', value: current };
}

function hasPositional(path: string): boolean {
  return path.split('.').some((s) => s === '$' || s.startsWith('$['));
}

function lastSegment(path: string): string {
  const segs = path.split('.');
  return segs[segs.length - 1];
}

function shortJson(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'object') return isPlainObject(v) ? 'object' : (v as object).constructor?.name ?? 'object';
  return typeof v;
}
