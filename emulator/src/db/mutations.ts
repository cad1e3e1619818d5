/**
 * How a write's `data` becomes a change: update operators or a whole replacement, applied to one
 * document (with the upsert's seed from its query), and the checks a new document passes.
 */
import { ObjectId } from 'bson';
import { invalidParam, requestFailed } from './db-errors';
import { cloneDoc, isPlainObject, newObjectIdString, stripUndefined, toEjsonText, type Doc } from './ejson-codec';
import { idKeyOf, type DocId } from './durable-store';
import { applyUpdateOperators } from './mingo-engine';
import { validateUpdateAgainst, validateUpdateShape } from './update-guard';

export type Mutation = { kind: 'modifier'; modifier: Doc } | { kind: 'replace'; doc: Doc };

/**
 * `merge: true` data: update operators as the SDK encodes them. A plain object (raw mode or
 * a hand-written request) is merged field by field, which is what `merge` promises.
 */
export function toModifier(raw: Doc): Mutation {
  const keys = Object.keys(raw);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (ops.length > 0 && ops.length !== keys.length) throw invalidParam(`update data mixes operators and plain fields`);
  const modifier = ops.length > 0 ? raw : { $set: raw };
  validateUpdateShape(modifier);
  return { kind: 'modifier', modifier };
}

export function toReplacement(raw: Doc): Mutation {
  assertStorableKeys(raw, 'data');
  if (raw._id !== undefined) throw invalidParam('a replacement document must not change _id');
  return { kind: 'replace', doc: raw };
}

/** The new version of `doc`, or null when the mutation leaves it unchanged. */
export function applyMutation(doc: Doc, mutation: Mutation, condition: Doc | undefined, inserting: boolean): Doc | null {
  if (mutation.kind === 'replace') {
    const next = stripUndefined({ _id: doc._id, ...cloneDoc(mutation.doc) }) as Doc;
    return toEjsonText(next) === toEjsonText(doc) ? null : next;
  }
  let modifier = mutation.modifier;
  if ('$setOnInsert' in modifier) {
    const { $setOnInsert, ...rest } = modifier;
    modifier = inserting ? { ...rest, $set: { ...((rest.$set as Doc) ?? {}), ...($setOnInsert as Doc) } } : rest;
    if (Object.keys(modifier).length === 0) return null;
  }
  validateUpdateAgainst(doc, modifier);
  const next = cloneDoc(doc);
  const changed = applyUpdateOperators(next, modifier, condition);
  if (!changed) return null;
  const clean = stripUndefined(next) as Doc;
  if (idKeyOf(clean._id as DocId) !== idKeyOf(doc._id as DocId)) throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
  return clean;
}

/** Fields an upsert takes from its query: top-level equalities, also inside `$and`. */
export function equalitySeed(query: Doc): Doc {
  const seed: Doc = {};
  const visit = (q: Doc) => {
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (isPlainObject(v) && Object.keys(v).some((x) => x.startsWith('$'))) {
        if ('$eq' in v) setPath(seed, k, v.$eq);
        continue;
      }
      if (v instanceof RegExp) continue;
      setPath(seed, k, v);
    }
  };
  visit(query);
  return seed;
}

export function setPath(target: Doc, path: string, value: unknown): void {
  const segs = path.split('.');
  let cur = target;
  for (let i = 0; i < segs.length - 1; i++) {
    const next = cur[segs[i]];
    if (!isPlainObject(next)) cur[segs[i]] = {};
    cur = cur[segs[i]] as Doc;
  }
  cur[segs[segs.length - 1]] = cloneDoc(value);
}

/** Validate a document about to be inserted and give it an `_id` if it has none. */
export function prepareNewDocument(value: unknown): Doc {
  if (!isPlainObject(value)) throw invalidParam('a document must be an object');
  assertStorableKeys(value, 'document');
  const doc = stripUndefined(value) as Doc;
  let id = doc._id;
  if (id === undefined || id === null) id = newObjectIdString();
  else if (id instanceof ObjectId) id = id.toHexString();
  else if (typeof id === 'string') {
    if (id === '') throw invalidParam('_id must not be empty');
  } else if (typeof id !== 'number' || !Number.isFinite(id)) {
    throw invalidParam('_id must be a string or a number');
  }
  return { _id: id, ...Object.fromEntries(Object.entries(doc).filter(([k]) => k !== '_id')) };
}

export function assertStorableKeys(value: unknown, what: string, depth = 0): void {
  if (Array.isArray(value)) {
    for (const v of value) assertStorableKeys(v, what, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (k.startsWith('$')) throw invalidParam(`${what} field names must not start with '$' ('${k}')`);
    if (k.includes('\u0000')) throw invalidParam(`${what} field names must not contain NUL`);
    assertStorableKeys(v, what, depth + 1);
  }
}
