/** Checks on the fields of a `database.*` request, with the errors CloudBase answers. */
import type { EmulatorError } from '../contracts';
import { invalidParam } from './db-errors';
import { isPlainObject, parseEjsonText, type Doc } from './ejson-codec';

export type QueryType = 'WHERE' | 'DOC';

export function validCollectionName(name: unknown): string {
  if (typeof name !== 'string' || name === '') throw invalidParam('collectionName must be a non-empty string');
  if (name.length > 128 || name.includes('$') || name.includes('\u0000') || name.startsWith('system.')) {
    throw invalidParam(`invalid collection name: ${JSON.stringify(name)}`);
  }
  return name;
}

export function parseQueryType(value: unknown, fallback?: QueryType): QueryType {
  if (value === undefined && fallback) return fallback;
  if (value === 'WHERE' || value === 'DOC') return value;
  throw invalidParam(`queryType must be 'WHERE' or 'DOC'`);
}

export function parseOrder(value: unknown): Record<string, 1 | -1> | undefined {
  if (!isPlainObject(value)) throw invalidParam('order must be an object of field -> 1 | -1');
  const out: Record<string, 1 | -1> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== 1 && v !== -1) throw invalidParam(`order direction for ${k} must be 1 or -1`);
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}

export function parseProjection(value: unknown): Doc | undefined {
  if (!isPlainObject(value)) throw invalidParam('projection must be an object');
  return Object.keys(value).length ? value : undefined;
}

export function nonNegativeInt(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidParam(`${what} must be a non-negative integer`);
  return value;
}

export function optionalBool(value: unknown, what: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidParam(`${what} must be a boolean`);
  return value;
}

/** What a transaction refuses: CloudBase transactions take single-document operations by _id only. */
export function notInTransaction(op: string): EmulatorError {
  return invalidParam(`${op} is not supported in a transaction: transactions take single-document operations by _id only (doc(id).get/set/update/remove, add)`);
}

/** The request's query (EJSON text or an object); a DOC query must name an `_id`. */
export function parseQuery(body: Record<string, unknown>, now: number): Doc {
  const type = parseQueryType(body.queryType, 'WHERE');
  const text = body.query;
  let query: unknown = {};
  if (text !== undefined && text !== '') {
    query = isPlainObject(text) ? text : parseEjsonText(text, 'query', now);
  }
  if (!isPlainObject(query)) throw invalidParam('query must be an object');
  if (type === 'DOC') {
    const id = query._id;
    if (typeof id !== 'string' && typeof id !== 'number') throw invalidParam('a DOC query needs an _id');
  }
  return query;
}
