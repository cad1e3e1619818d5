/**
 * A test environment: a fresh emulator on a random port with its own data folder, the real
 * function bundles, demo data, and helpers to call functions as anyone through the dev gateway
 * and to read the database through the real SDK.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ApiResponse } from '../../core/api/envelope';
import type { Role } from '../../core/api/roles';
import type { ActionNames, Contracts, FunctionName, InputOf, OutputOf } from '../../core/contract';
import { startEmulator } from '../../emulator/src/index';
import { FUNCTIONS_DIR } from '../../scripts/build-functions';
import { subscribeTemplatesFromEnv } from '../../scripts/lib/subscribe-templates';
import { DEMO_COMMUNITY_ID, seedDemo } from '../../scripts/seed';
import { getDb } from '../../server/db/client';
import { Collections, indexDeclarations } from '../../server/db/schema';
import type { UserDoc } from '../../server/modules/organisation/user.repository';
import { MessagePushRoutes } from '../../server/platform/message-push';
import { Templates, type TemplateName } from '../../server/platform/subscribe-message';

/** The smallest JPEG header-and-body a photo check accepts (SOI, JFIF APP0, EOI). */
export const TINY_JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

export interface CallOptions {
  as?: string;
  idempotencyKey?: string;
}

export type TestEnv = Awaited<ReturnType<typeof startTestEnv>>;

export interface ClockChange {
  now?: string;
  advanceMs?: number;
  reset?: boolean;
}

/** A subscribe message as the emulator's outbox keeps it. */
export interface OutboxMessage {
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  /** `delivered` reached the person; `refused` did not (WeChat's `errcode`: 43101 no consent, 47003 bad data …). */
  status: 'delivered' | 'refused';
  errcode: number;
}

export async function startTestEnv() {
  process.env.LOG_LEVEL = 'silent';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'icsd-test-'));
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    functionsDir: FUNCTIONS_DIR,
    logLevel: 'silent',
    triggers: false,
    indexes: indexDeclarations(),
    // Every query a function makes must be served by a declared index (or read by _id): a query
    // that would scan a collection in production fails here, on a laptop.
    strictIndexes: 'all',
    // The templates this test configured (process.env *_TEMPLATE_*): sends need the person's consent.
    subscribeTemplates: subscribeTemplatesFromEnv(),
    // 消息推送: mediaCheckAsync verdicts go to the function the environment is configured with.
    messagePush: [...MessagePushRoutes],
  });
  await seedDemo(emulator.url);

  // Typed by the contract when the call matches it (function, action, an input its schema takes):
  // the answer has the action's output type. A test that sends a deliberately wrong input, or names
  // the answer's type itself (`call<T>`), falls through to the untyped form.
  function call<F extends FunctionName, A extends ActionNames<Contracts[F]>>(fn: F, action: A, data: InputOf<Contracts[F], A>, opts?: CallOptions): Promise<ApiResponse<OutputOf<Contracts[F], A>>>;
  function call<T = unknown>(fn: string, action: string, data?: unknown, opts?: CallOptions): Promise<ApiResponse<T>>;
  async function call<T = unknown>(fn: string, action: string, data?: unknown, opts: CallOptions = {}): Promise<ApiResponse<T>> {
    const res = await fetch(`${emulator.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-openid': opts.as ?? '' },
      body: JSON.stringify({ action, data, idempotencyKey: opts.idempotencyKey }),
    });
    const body = (await res.json()) as { result?: ApiResponse<T>; error?: { code: string; message: string } };
    if (body.error) throw new Error(`gateway error ${body.error.code}: ${body.error.message}`);
    return body.result as ApiResponse<T>;
  }

  /** Calls and expects success; returns the data. */
  function ok<F extends FunctionName, A extends ActionNames<Contracts[F]>>(fn: F, action: A, data: InputOf<Contracts[F], A>, opts?: CallOptions): Promise<OutputOf<Contracts[F], A>>;
  function ok<T = unknown>(fn: string, action: string, data?: unknown, opts?: CallOptions): Promise<T>;
  async function ok<T = unknown>(fn: string, action: string, data?: unknown, opts: CallOptions = {}): Promise<T> {
    const res = await call<T>(fn, action, data, opts);
    if (!res.ok) throw new Error(`${fn}.${action} failed: ${res.error.code} ${res.error.message}`);
    return res.data;
  }

  /** A brand-new person of a role, written straight to the database (guests have no record). */
  async function makeUser(role: Role, extra: Partial<UserDoc> = {}): Promise<string> {
    const openid = `t-${role}-${randomBytes(6).toString('hex')}`;
    if (role === 'guest') return openid;
    const now = new Date();
    const doc: UserDoc = {
      _id: openid,
      role,
      communityId: DEMO_COMMUNITY_ID,
      name: `测试${role}`,
      locale: 'zh-CN',
      largeText: false,
      createdAt: now,
      updatedAt: now,
      privacyAcceptedAt: now,
      ...(role === 'worker' || role === 'manager' ? { enterpriseId: 'ent-yongsen' } : {}),
      ...(role === 'volunteer' ? { profession: 'lawyer' as const, volunteerStatus: 'approved' as const, organisation: '测试律所', phone: '13900009999' } : {}),
      ...(role === 'unit' ? { unitId: 'unit-hrss' } : {}),
      ...extra,
    };
    await getDb().collection(Collections.users).add(doc);
    return openid;
  }

  /** Document counts of every collection: "nothing written" is the same counts before and after. */
  async function counts(): Promise<Record<string, number>> {
    // One read of the emulator's own figures (GET /__emulator/stats), not a count query per
    // collection: the fuzzer takes this before and after every input.
    const res = await fetch(`${emulator.url}/__emulator/stats`);
    if (res.status !== 200) throw new Error(`stats: ${res.status} ${await res.text()}`);
    const { perCollection } = (await res.json()) as { perCollection: Record<string, number> };
    return Object.fromEntries(Object.values(Collections).map((c) => [c, perCollection[c] ?? 0]));
  }

  /** Moves the emulator's clock: `{ now: iso }`, `{ advanceMs }`, or `{ reset: true }` back to the real time. */
  async function setClock(body: ClockChange): Promise<void> {
    const res = await fetch(`${emulator.url}/__emulator/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${await res.text()}`);
  }

  /** Fires a function's timer trigger now, as the scheduler would; answers the gateway's body (`{ result }`). */
  async function fireTimer<T = { result: ApiResponse }>(fn: string, trigger: string): Promise<T> {
    const res = await fetch(`${emulator.url}/__emulator/triggers/${fn}/${trigger}`, { method: 'POST' });
    if (res.status !== 200) throw new Error(`trigger ${fn}/${trigger}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /**
   * The subscribe messages that reached people so far (the emulator's outbox); `{ status: 'refused' }`
   * the sends WeChat refused (no consent: 43101), `'all'` both.
   */
  async function outbox(opts: { status?: 'delivered' | 'refused' | 'all' } = {}): Promise<OutboxMessage[]> {
    const res = await fetch(`${emulator.url}/__emulator/outbox?status=${opts.status ?? 'delivered'}`);
    return ((await res.json()) as { messages: OutboxMessage[] }).messages;
  }

  /**
   * What the person's taps in the subscribe dialog (wx.requestSubscribeMessage) do: `count` accepts
   * of each template (a template name of server/platform/subscribe-message.ts, configured by this
   * test's process.env), each allowing one send of a one-time template. Without it a send is refused
   * with 43101, as WeChat refuses it.
   */
  async function grantConsent(openid: string, templates: TemplateName | TemplateName[], count = 1): Promise<void> {
    for (const name of Array.isArray(templates) ? templates : [templates]) {
      const id = process.env[Templates[name].env];
      if (!id) throw new Error(`grantConsent: template ${name} is not configured (set process.env.${Templates[name].env} before startTestEnv)`);
      for (let i = 0; i < count; i++) {
        const res = await fetch(`${emulator.url}/__emulator/subscribe`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ openid, answers: { [id]: 'accept' } }),
        });
        if (res.status !== 200) throw new Error(`grantConsent ${openid} ${name}: ${res.status} ${await res.text()}`);
      }
    }
  }

  /**
   * Uploads a file as `as` through the dev gateway's upload (`PUT /upload/<cloud path>`, what the H5
   * app does; the mini-program uses wx.cloud.uploadFile), by default a small JPEG into the caller's
   * own folder. Answers the HTTP status and body.
   */
  async function upload(as: string, opts: { path?: string; body?: Buffer; contentType?: string } = {}): Promise<{ status: number; fileID?: string; error?: { code: string; message: string } }> {
    const cloudPath = opts.path ?? `uploads/${as}/${randomUUID().replace(/-/g, '')}.jpg`;
    const res = await fetch(`${emulator.url}/upload/${cloudPath.split('/').map(encodeURIComponent).join('/')}`, {
      method: 'PUT',
      headers: { 'content-type': opts.contentType ?? 'image/jpeg', 'x-openid': as },
      body: opts.body ?? TINY_JPEG,
    });
    return { status: res.status, ...((await res.json()) as { fileID?: string; error?: { code: string; message: string } }) };
  }

  /** Uploads a photo as `as` into their own folder and answers its fileID. */
  async function uploadPhoto(as: string): Promise<string> {
    const r = await upload(as);
    if (!r.fileID) throw new Error(`upload failed: ${r.status} ${r.error?.code} ${r.error?.message}`);
    return r.fileID;
  }

  async function close(): Promise<void> {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  /** The contract's forms only, no untyped fallback: a field the action does not take does not compile. */
  const typed = {
    call: call as <F extends FunctionName, A extends ActionNames<Contracts[F]>>(fn: F, action: A, data: InputOf<Contracts[F], A>, opts?: CallOptions) => Promise<ApiResponse<OutputOf<Contracts[F], A>>>,
    ok: ok as <F extends FunctionName, A extends ActionNames<Contracts[F]>>(fn: F, action: A, data: InputOf<Contracts[F], A>, opts?: CallOptions) => Promise<OutputOf<Contracts[F], A>>,
  };

  return { emulator, call, ok, typed, makeUser, counts, setClock, fireTimer, outbox, grantConsent, upload, uploadPhoto, close, key: () => randomUUID().replace(/-/g, '') };
}

/**
 * A test file's env with its clock pinned at `now`: started before the file's tests, its clock
 * reset and the env closed after them. Call it at the top of a describe, before any beforeAll that
 * uses the env (Jest runs them in order). The answer is filled in once the env has started.
 */
export function useTestEnv(now: string): TestEnv {
  const env = {} as TestEnv;
  beforeAll(async () => {
    Object.assign(env, await startTestEnv());
    await env.setClock({ now });
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });
  return env;
}

/** A call's outcome as one word: 'OK' or its error code. */
export const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);
