/**
 * The local CloudBase: one HTTP listener on loopback serving
 *   - the SDK's wire protocol (`POST /admin`): database, storage, functions, wx open APIs;
 *   - storage's upload and download URLs;
 *   - the dev gateway `POST /functions/<name>` (event as body, caller in `X-Openid`) for the H5 app
 *     and tests — a development tool, never part of what is deployed;
 *   - dev endpoints under `/__emulator/`: health, clock, triggers, outbox, stats, invocations.
 * Function code runs unchanged: the runner gives it the environment CloudBase gives it.
 */
import { mkdirSync, rmSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { EmulatorClock } from './clock';
import type { IndexDeclaration } from './contracts';
import { EmulatorError } from './contracts';
import { createDatabase, type Database } from './db';
import { FunctionRunner, payloadTooLarge, type InvocationRecord } from './functions/runner';
import { EmulatorHttpServer, sendJson } from './http/server';
import { createStorage, type Storage } from './storage';
import { TriggerScheduler } from './triggers/scheduler';
import { MediaChecks, type MessagePushRoute } from './wx/media-check';
import { WxOpenApi, type OutboxStatus } from './wx/open-api';
import { CONSENT_ANSWERS, ConsentRequestError, type ConsentAnswer, type SubscribeTemplates } from './wx/subscriptions';

export { EmulatorClock } from './clock';
export { EmulatorError } from './contracts';
export type { IndexDeclaration } from './contracts';
export type { InvocationRecord } from './functions/runner';
export type { OutboxMessage } from './wx/open-api';
export type { MessagePushRoute, PendingMediaCheck } from './wx/media-check';
export { MEDIA_MARKER_REVIEW, MEDIA_MARKER_RISKY } from './wx/media-check';
export type { ConsentAnswer, ConsentEntry, SubscribeTemplates } from './wx/subscriptions';
export { longTermTemplatesFromEnv } from './wx/subscriptions';

export type LogLevel = 'silent' | 'info' | 'debug';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where the data lives (created if missing). */
  dataDir: string;
  /** Wipe the data folder first. */
  reset?: boolean;
  /** Folder of functions: `<name>/index.js` + `<name>/config.json`. */
  functionsDir?: string;
  /** Where the H5 app is served (QR codes encode it). Default http://127.0.0.1:10086. */
  h5BaseUrl?: string;
  envId?: string;
  logLevel?: LogLevel;
  /** Run timer triggers on their schedule (default true). `fire()` works either way. */
  triggers?: boolean;
  indexes?: IndexDeclaration[];
  /** Refuse queries no declared index serves (see DatabaseOptions.strictIndexes). */
  strictIndexes?: boolean | 'all';
  /**
   * The subscribe-message templates the mini-program has (the ids the functions are configured
   * with). A send with another id is refused (40037), as is consent for it (HTTP 400). Long-term
   * templates need one `accept`, one-time templates one per send.
   */
  subscribeTemplates?: SubscribeTemplates;
  /**
   * The environment's 消息推送 settings (云开发 → 设置 → 其他设置 → 消息推送): which function each
   * `<MsgType, Event>` is pushed to. `security.mediaCheckAsync` verdicts go to the route for
   * `event`/`wxa_media_check`; without one they are dropped, as WeChat drops them.
   */
  messagePush?: MessagePushRoute[];
  /** How long after a mediaCheckAsync call its verdict is pushed while triggers run (default 3 s). */
  mediaCheckDelayMs?: number;
}

export interface Emulator {
  url: string;
  port: number;
  dataDir: string;
  envId: string;
  database: Database;
  storage: Storage;
  runner: FunctionRunner;
  wx: WxOpenApi;
  clock: EmulatorClock;
  triggers: TriggerScheduler;
  mediaChecks: MediaChecks;
  /** Recent invocations, newest last (at most 500). */
  invocations(): InvocationRecord[];
  close(): Promise<void>;
}

const MAX_INVOCATIONS = 500;
const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const dataDir = path.resolve(options.dataDir);
  if (options.reset) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const envId = options.envId ?? 'local-dev';
  const logLevel = options.logLevel ?? 'info';
  const log = (line: string) => {
    if (logLevel !== 'silent') console.log(line);
  };

  const clock = new EmulatorClock();
  const database = await createDatabase({ dataDir, indexes: options.indexes, envName: envId, strictIndexes: options.strictIndexes });
  const storage = createStorage({ dataDir, publicBaseUrl: 'http://127.0.0.1', envName: envId });
  const recent: InvocationRecord[] = [];
  const runner = new FunctionRunner({
    functionsDir: options.functionsDir ?? path.resolve(__dirname, '..', '..', 'cloudfunctions'),
    emulatorUrl: 'http://127.0.0.1',
    envId,
    // Functions' own structured lines only at debug: the emulator prints one line per call.
    baseEnv: { LOG_LEVEL: logLevel === 'debug' ? 'info' : 'silent', TZ: process.env.TZ ?? 'Asia/Shanghai' },
    onInvocation: (r) => {
      recent.push(r);
      if (recent.length > MAX_INVOCATIONS) recent.shift();
      log(formatInvocation(r));
    },
  });
  let baseUrl = 'http://127.0.0.1';
  const mediaChecks = new MediaChecks({
    clock,
    appid: 'wx-emulator',
    delayMs: options.mediaCheckDelayMs,
    routes: () => options.messagePush ?? [],
    // The checker downloads media_url: here, a temporary URL of this emulator's storage.
    readUrl: async (u) => {
      const prefix = `${baseUrl}/storage/files/`;
      if (!u.startsWith(prefix)) return undefined;
      const cloudPath = decodeURIComponent(u.slice(prefix.length).split('?')[0]);
      return (await storage.getFile(cloudPath).catch(() => undefined))?.content;
    },
    // A push runs the function with the event and no client caller (the platform sends it).
    push: async (fn, event) => {
      const { result } = await runner.invoke(fn, event, {}, 'push');
      return JSON.stringify(result);
    },
  });
  const wx = new WxOpenApi({
    mediaChecks,
    dataDir,
    h5BaseUrl: options.h5BaseUrl ?? 'http://127.0.0.1:10086',
    // 云调用 permissions: the calling invocation's function and its config.json permissions.openapi.
    callerOf: (token) => runner.invocationOf(token),
    templates: options.subscribeTemplates,
  });
  const triggers = new TriggerScheduler({
    runner,
    clock,
    onFire: (t, o) => log(`[trigger] ${t.fn}/${t.name} ${o.ok ? 'ok' : `failed: ${o.error}`} (${o.ms.toFixed(0)} ms)`),
  });

  const server = new EmulatorHttpServer();
  server.addAdminHandler(database);
  server.addAdminHandler(storage);
  server.addAdminHandler(runner);
  server.addAdminHandler(wx);
  storage.register(server);
  server.onAdmin((e) => {
    runner.attribute(e.meta.invocationToken, e.action, e.meta.reads, e.meta.collection);
    if (logLevel === 'debug') log(`[admin] ${e.action} ${e.code ?? 'ok'} ${e.ms.toFixed(1)} ms`);
  });

  server.route('POST', '/functions/', (req, res, url, body) => gateway(req, res, url, body));
  for (const method of ['GET', 'POST', 'DELETE']) server.route(method, '/__emulator/', (req, res, url, body) => devEndpoint(req, res, url, body));

  async function gateway(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const name = decodeURIComponent(url.pathname.slice('/functions/'.length));
    const fail = (status: number, code: string, message: string) => sendJson(res, status, { error: { code, message } });
    // wx.cloud.callFunction's body is held to CloudBase's limit, as the SDK's callFunction is.
    const tooLarge = payloadTooLarge(raw.length, name);
    if (tooLarge) return fail(413, tooLarge.code, tooLarge.message);
    let event: unknown;
    try {
      event = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch (e) {
      return fail(400, 'INVALID_PARAM', `the body is not valid JSON: ${(e as Error).message}`);
    }
    // Only the platform invokes a timer trigger; no client can send one.
    if (event && typeof event === 'object' && (event as { Type?: unknown }).Type === 'Timer') {
      return fail(400, 'INVALID_PARAM', 'timer events come only from triggers (POST /__emulator/triggers/<fn>/<name>)');
    }
    const openid = String(req.headers['x-openid'] ?? '').trim();
    if (openid && !OPENID.test(openid)) return fail(400, 'INVALID_PARAM', 'X-Openid must be 1-64 letters, digits, - or _');
    try {
      const { result, record } = await runner.invoke(name, event, { openid }, 'gateway');
      res.setHeader('x-request-id', record.requestId);
      sendJson(res, 200, { result });
    } catch (e) {
      if (!(e instanceof EmulatorError)) throw e;
      fail(e.code === 'FUNCTION_NOT_FOUND' ? 404 : e.code === 'INVALID_PARAM' ? 400 : 502, e.code, e.message);
    }
  }

  async function devEndpoint(req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer): Promise<void> {
    const parts = url.pathname.split('/').filter(Boolean).slice(1).map(decodeURIComponent);
    const method = req.method ?? 'GET';
    const invalid = (message: string) => sendJson(res, 400, { error: { code: 'INVALID_PARAM', message } });
    let body: Record<string, unknown>;
    try {
      body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    } catch (e) {
      return invalid(`the body is not valid JSON: ${(e as Error).message}`);
    }
    if (!body || typeof body !== 'object') return invalid('the body must be a JSON object');
    const route = `${method} ${parts[0] ?? ''}`;
    switch (route) {
      case 'GET health':
        return sendJson(res, 200, { ok: true, envId, url: emulator.url, functions: runner.loadable(), refused: runner.refused(), now: clock.now().toISOString(), clockShifted: clock.isShifted() });
      case 'GET clock':
        return sendJson(res, 200, { now: clock.now().toISOString(), shifted: clock.isShifted() });
      case 'POST clock': {
        let now: Date;
        try {
          if (body.reset === true) now = clock.reset();
          else if (typeof body.advanceMs === 'number') now = clock.advance(body.advanceMs);
          else if (typeof body.now === 'string' || typeof body.now === 'number') now = clock.set(body.now);
          else return invalid('give { now } (ISO time), { advanceMs } or { reset: true }');
        } catch (e) {
          // clock.set refuses what is not a date (RangeError): the caller's mistake, not ours.
          if (e instanceof RangeError) return invalid((e as Error).message);
          throw e;
        }
        triggers.plan();
        log(`[clock] now ${now.toISOString()}`);
        return sendJson(res, 200, { now: now.toISOString(), shifted: clock.isShifted() });
      }
      case 'GET triggers':
        return sendJson(res, 200, { triggers: triggers.plan() });
      case 'POST triggers': {
        const [, fn, name] = parts;
        if (!fn || !name) return sendJson(res, 400, { error: { code: 'INVALID_PARAM', message: 'POST /__emulator/triggers/<function>/<trigger>' } });
        try {
          return sendJson(res, 200, { result: await triggers.fire(fn, name) });
        } catch (e) {
          if (!(e instanceof EmulatorError)) throw e;
          return sendJson(res, e.code === 'TRIGGER_NOT_FOUND' || e.code === 'FUNCTION_NOT_FOUND' ? 404 : 502, { error: { code: e.code, message: e.message } });
        }
      }
      case 'GET outbox': {
        const status = url.searchParams.get('status') ?? 'delivered';
        if (!['delivered', 'refused', 'all'].includes(status)) return invalid('status must be delivered (the default), refused or all');
        return sendJson(res, 200, {
          messages: wx.list({ touser: url.searchParams.get('touser') ?? undefined, templateId: url.searchParams.get('templateId') ?? undefined, status: status as OutboxStatus }),
        });
      }
      case 'GET subscribe': {
        const openid = url.searchParams.get('openid') ?? undefined;
        return sendJson(res, 200, { templates: wx.subscriptions.templates(), ledger: wx.subscriptions.list(openid) });
      }
      case 'POST subscribe': {
        // What wx.requestSubscribeMessage does on a phone: the person's answer per template id.
        if (Array.isArray(body)) return invalid('the body must be { openid, answers: { <templateId>: "accept" | "reject" | "ban" } }');
        const { openid, answers } = body as { openid?: unknown; answers?: unknown };
        if (typeof openid !== 'string' || !OPENID.test(openid)) return invalid('openid must be 1-64 letters, digits, - or _');
        if (!answers || typeof answers !== 'object' || Array.isArray(answers)) {
          return invalid(`answers must be an object { <templateId>: ${CONSENT_ANSWERS.map((a) => `"${a}"`).join(' | ')} }`);
        }
        try {
          const results = wx.subscriptions.answer(openid, answers as Record<string, ConsentAnswer>);
          log(`[subscribe] ${openid} ${Object.entries(results).map(([t, a]) => `${t}:${a}`).join(' ')}`);
          return sendJson(res, 200, { errMsg: 'requestSubscribeMessage:ok', results, ledger: wx.subscriptions.list(openid) });
        } catch (e) {
          if (e instanceof ConsentRequestError) return invalid(e.message);
          throw e;
        }
      }
      case 'DELETE subscribe':
        wx.subscriptions.clear(url.searchParams.get('openid') ?? undefined);
        return sendJson(res, 200, { ok: true });
      case 'GET media-checks':
        return sendJson(res, 200, mediaChecks.list());
      case 'POST media-checks': {
        // POST /__emulator/media-checks/flush: every queued verdict pushed now, in order.
        if (parts[1] !== 'flush') return invalid('POST /__emulator/media-checks/flush');
        return sendJson(res, 200, { delivered: await mediaChecks.flush() });
      }
      case 'DELETE outbox':
        wx.clear();
        return sendJson(res, 200, { ok: true });
      case 'GET stats':
        return sendJson(res, 200, database.stats());
      case 'GET invocations':
        return sendJson(res, 200, { invocations: recent });
      default:
        return sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no dev endpoint ${route}` } });
    }
  }

  // A function's stray promise must not take the emulator down (Node exits on an unhandled rejection).
  const onUnhandled = (reason: unknown) => console.error('[emulator] unhandled rejection in function code:', reason);
  process.on('unhandledRejection', onUnhandled);

  const { port, url } = await server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  storage.setPublicBaseUrl(url);
  runner.setEmulatorUrl(url);
  baseUrl = url;
  if (options.triggers !== false) {
    triggers.start();
    mediaChecks.start();
  }
  // What the platform would refuse is said once, loudly; the other functions are served.
  if (logLevel !== 'silent') for (const r of runner.refused()) console.error(`[emulator] ${r.reason}`);

  const emulator: Emulator = {
    url,
    port,
    dataDir,
    envId,
    database,
    storage,
    runner,
    wx,
    clock,
    triggers,
    mediaChecks,
    invocations: () => [...recent],
    async close() {
      triggers.stop();
      mediaChecks.stop();
      process.off('unhandledRejection', onUnhandled);
      await server.close();
      await database.close();
    },
  };
  return emulator;
}

function formatInvocation(r: InvocationRecord): string {
  const actions = Object.entries(r.actions)
    .map(([a, n]) => `${a.replace(/^database\./, '')}×${n}`)
    .join(' ');
  const who = r.source === 'timer' ? 'timer' : r.source === 'push' ? 'message push' : r.openid ? `as ${r.openid}` : 'anonymous';
  const docs = r.dbRequests ? ` · docs ${r.docsExamined} examined, ${r.docsReturned} returned` : '';
  return `[fn] ${r.fn}${r.label ? `.${r.label}` : ''} ${who} · ${r.ms.toFixed(0)} ms · ${actions || 'no db'}${docs} · ${r.error ?? 'ok'}`;
}
