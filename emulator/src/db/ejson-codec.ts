/**
 * Documents cross the wire as canonical Extended JSON and live in memory as plain JS values
 * (numbers, Date, RegExp, bson ObjectId...), which is what mingo evaluates. This module is the
 * only place that converts between the two, so every input gets the same validation: an invalid
 * `$date` or `$numberInt` is a client error, not a silently stored NaN.
 */
import { BSONRegExp, EJSON, ObjectId } from 'bson';
import { invalidParam } from './db-errors';

export type Doc = Record<string, unknown>;

const SERVER_DATE_KEY = '$tcb_server_date';
const INTEGER_TEXT = /^-?\d+$/;

/**
 * Parse one EJSON text from a request. `now` is read once per request so every
 * `db.serverDate()` in it resolves to the same instant, as one server-side write would.
 */
export function parseEjsonText(text: unknown, what: string, now: number): unknown {
  if (typeof text !== 'string') throw invalidParam(`${what} must be an EJSON string`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw invalidParam(`${what} is not valid JSON: ${(e as Error).message}`);
  }
  return fromEjsonValue(raw, what, now);
}

/** Convert an already JSON-parsed EJSON value (e.g. from the WAL or a request field). */
export function fromEjsonValue(raw: unknown, what: string, now: number): unknown {
  validateWrappers(raw, what, 0);
  let value: unknown;
  try {
    value = EJSON.deserialize(raw as Doc, { relaxed: true });
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return normalizeParsed(value, what, now);
}

/** Canonical EJSON text of a stored document, as the SDK expects in `data.list`. */
export function toEjsonText(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false });
}

/** Canonical EJSON object form (for the write-ahead log and snapshots). */
export function toEjsonObject(value: unknown): unknown {
  return EJSON.serialize(value as Doc, { relaxed: false });
}

/** Inverse of toEjsonObject for data the store wrote itself (already validated once). */
export function fromStoredEjson(raw: unknown): unknown {
  return normalizeParsed(EJSON.deserialize(raw as Doc, { relaxed: true }), 'stored document', Date.now());
}

export function newObjectIdString(): string {
  return new ObjectId().toHexString();
}

/**
 * Deep copy of a document's own data. Class instances (Date, RegExp, bson types) are copied or
 * shared as values; they are never mutated in place by the engine.
 */
export function cloneDoc<T>(value: T): T {
  return cloneValue(value) as T;
}

function cloneValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneValue);
  if (value instanceof Date) return new Date(value.getTime());
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const k of Object.keys(value)) out[k] = cloneValue((value as Doc)[k]);
    return out;
  }
  return value;
}

export function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Drop `undefined` object members (Mongo never stores them; EJSON would write them as null)
 * and turn `undefined` array slots into null, as Mongo does.
 */
export function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : stripUndefined(v)));
  if (isPlainObject(value)) {
    const out: Doc = {};
    for (const k of Object.keys(value)) {
      const v = value[k];
      if (v !== undefined) out[k] = stripUndefined(v);
    }
    return out;
  }
  return value;
}

function validateWrappers(raw: unknown, what: string, depth: number): void {
  if (depth > 100) throw invalidParam(`${what} nests deeper than 100 levels`);
  if (raw === null || typeof raw !== 'object') return;
  if (Array.isArray(raw)) {
    for (const v of raw) validateWrappers(v, what, depth + 1);
    return;
  }
  const obj = raw as Doc;
  if ('$numberInt' in obj && !(typeof obj.$numberInt === 'string' && INTEGER_TEXT.test(obj.$numberInt))) {
    throw invalidParam(`${what} has an invalid $numberInt: ${JSON.stringify(obj.$numberInt)}`);
  }
  if ('$numberLong' in obj && !(typeof obj.$numberLong === 'string' && INTEGER_TEXT.test(obj.$numberLong))) {
    throw invalidParam(`${what} has an invalid $numberLong: ${JSON.stringify(obj.$numberLong)}`);
  }
  if ('$numberDouble' in obj && !(typeof obj.$numberDouble === 'string' && isDoubleText(obj.$numberDouble))) {
    throw invalidParam(`${what} has an invalid $numberDouble: ${JSON.stringify(obj.$numberDouble)}`);
  }
  if ('$date' in obj && Object.keys(obj).length === 1) {
    const d = obj.$date;
    const ok =
      (typeof d === 'string' && !Number.isNaN(Date.parse(d))) ||
      (typeof d === 'number' && Number.isFinite(d)) ||
      (d !== null && typeof d === 'object' && typeof (d as Doc).$numberLong === 'string' && INTEGER_TEXT.test((d as Doc).$numberLong as string));
    if (!ok) throw invalidParam(`${what} has an invalid $date: ${JSON.stringify(d)}`);
    return;
  }
  for (const k of Object.keys(obj)) validateWrappers(obj[k], what, depth + 1);
}

function isDoubleText(s: string): boolean {
  return s === 'NaN' || s === 'Infinity' || s === '-Infinity' || s === '-0.0' || (s.trim() !== '' && !Number.isNaN(Number(s)));
}

function normalizeParsed(value: unknown, what: string, now: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => normalizeParsed(v, what, now));
  if (value instanceof BSONRegExp) return toNativeRegExp(value.pattern, value.options, what);
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidParam(`${what} contains an invalid date`);
    return value;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === SERVER_DATE_KEY) {
    const spec = value[SERVER_DATE_KEY] as Doc | null;
    const offset = spec && typeof spec === 'object' ? Number(spec.offset ?? 0) : 0;
    if (!Number.isFinite(offset)) throw invalidParam(`${what} has an invalid serverDate offset`);
    return new Date(now + offset);
  }
  const out: Doc = {};
  for (const k of keys) out[k] = normalizeParsed(value[k], what, now);
  return out;
}

/**
 * Mongo regex options i m s u x map onto JS flags; `x` (extended) has no JS flag, so its
 * whitespace and comments are removed here. `g`/`y` would make RegExp#test stateful between
 * documents, so they are dropped (the SDK forwards a JS RegExp's flags verbatim).
 */
export function toNativeRegExp(pattern: string, options: string, what: string): RegExp {
  let flags = '';
  let source = pattern;
  for (const ch of options) {
    if ('imsu'.includes(ch)) {
      if (!flags.includes(ch)) flags += ch;
    } else if (ch === 'x') {
      source = stripExtendedWhitespace(source);
    } else if (ch === 'g' || ch === 'y' || ch === 'l') {
      continue;
    } else {
      throw invalidParam(`${what} has an unsupported regular expression option '${ch}'`);
    }
  }
  try {
    return new RegExp(source, flags);
  } catch (e) {
    throw invalidParam(`${what} has an invalid regular expression: ${(e as Error).message}`);
  }
}

function stripExtendedWhitespace(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      out += ch + (source[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      continue;
    }
    if (ch === '#') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(ch)) continue;
    out += ch;
  }
  return out;
}
