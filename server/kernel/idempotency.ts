/**
 * Idempotent writes for a flaky network: the client sends one key per user intent and reuses it
 * on every retry. The first call claims the key by inserting a record with a deterministic `_id`
 * (an insert either wins or fails with a duplicate key: no count-then-insert race); the answer is
 * stored on success, so a retry gets the first answer instead of doing the write again.
 */
import { createHash } from 'node:crypto';
import { ErrorCodes } from '../../core/api/errors';
import { docOf, getDb, isDuplicateKey } from '../db/client';
import { Collections } from '../db/schema';
import type { Clock } from './clock';
import { DomainError } from './errors';

/** A claim older than this is taken to belong to a call that died mid-way and may be retaken. */
const STALE_CLAIM_MS = 60_000;

interface RequestRecord {
  _id: string;
  /** Whose request (注销 removes a person's records, whose answers may hold their name). */
  openid: string;
  scope: string;
  status: 'pending' | 'done';
  payloadHash: string;
  claimedAt: Date;
  response?: unknown;
}

export interface IdempotencyScope {
  openid: string;
  /** function.action */
  scope: string;
  key: string;
  payload: unknown;
  clock: Clock;
}

/**
 * A write's key as kept on the document it writes (actions with `idempotency: 'in-document'`):
 * the same id and payload hash as a request record, and when it was made.
 */
export interface RequestMark {
  id: string;
  payloadHash: string;
  at: Date;
}

/** How many marks a document keeps (its latest writes'): a retry comes within seconds, not after that many other writes. */
export const KEPT_MARKS = 20;

export function requestMark(s: IdempotencyScope): RequestMark {
  return {
    id: createHash('sha256').update(`${s.openid}\u0000${s.scope}\u0000${s.key}`).digest('hex').slice(0, 40),
    payloadHash: createHash('sha256').update(stableJson(s.payload)).digest('hex'),
    at: s.clock.now(),
  };
}

/**
 * Whether `mark` was already written on a document that keeps `marks`: 'done' (a retry: answer
 * from the document, write nothing), or 'new'. The same key with another payload is refused.
 */
export function seenMark(marks: readonly Pick<RequestMark, 'id' | 'payloadHash'>[] | undefined, mark: RequestMark | undefined): 'done' | 'new' {
  if (!mark) return 'new';
  const seen = marks?.find((m) => m.id === mark.id);
  if (!seen) return 'new';
  if (seen.payloadHash !== mark.payloadHash) throw new DomainError(ErrorCodes.REQUEST_KEY_REUSED, 'this idempotency key was used for a different request');
  return 'done';
}

export async function withIdempotency<T>(s: IdempotencyScope, run: () => Promise<T>): Promise<T> {
  const col = getDb().collection(Collections.requests);
  const { id, payloadHash, at: now } = requestMark(s);

  try {
    await col.add({ _id: id, openid: s.openid, scope: s.scope, status: 'pending', payloadHash, claimedAt: now });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = docOf<RequestRecord>(await col.doc(id).get());
    if (!existing) throw new DomainError(ErrorCodes.REQUEST_IN_PROGRESS, 'the same request is being handled, try again');
    if (existing.payloadHash !== payloadHash) {
      throw new DomainError(ErrorCodes.REQUEST_KEY_REUSED, 'this idempotency key was used for a different request');
    }
    if (existing.status === 'done') return existing.response as T;
    const age = now.getTime() - new Date(existing.claimedAt).getTime();
    if (age < STALE_CLAIM_MS) throw new DomainError(ErrorCodes.REQUEST_IN_PROGRESS, 'the same request is being handled, try again');
    // Take over a stale claim with a compare-and-set on the old claim time, so two retries can't both.
    const taken = await col.where({ _id: id, status: 'pending', claimedAt: existing.claimedAt }).update({ claimedAt: now });
    if (taken.updated !== 1) throw new DomainError(ErrorCodes.REQUEST_IN_PROGRESS, 'the same request is being handled, try again');
  }

  let response: T;
  try {
    response = await run();
  } catch (err) {
    // A failed call stored nothing: release the key so a corrected or later retry can run.
    await col.doc(id).remove().catch(() => undefined);
    throw err;
  }
  await col.doc(id).update({ status: 'done', response: response === undefined ? null : response });
  return response;
}

/** JSON with sorted keys, so the same payload hashes the same whatever its key order. */
function stableJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'undefined';
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
    .join(',')}}`;
}
