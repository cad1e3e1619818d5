/**
 * The function runner: loads every function under `cloudfunctions/` (its bundled `index.js` and
 * its `config.json`) and invokes `main(event, context)` the way CloudBase does: the event and the
 * answer cross a JSON boundary, the SDK finds the emulator through `TCB_CONTEXT_CNFG`, and the
 * caller's identity is in `WX_OPENID`/`WX_APPID` (listed in `WX_CONTEXT_KEYS`), scoped to this one
 * invocation so concurrent callers never see each other's identity.
 *
 * A function that throws, rejects or runs past its timeout gives a clean CloudBase-style error
 * (`FUNCTIONS_EXECUTE_FAIL`, `FUNCTIONS_TIME_LIMIT_EXCEEDED`); the emulator keeps serving. A bundle
 * rebuilt on disk is reloaded on its next invocation (the watch build of `npm start`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AdminActionHandler, RequestMeta } from '../contracts';
import { EmulatorError } from '../contracts';
import { withInvocationEnv } from './invocation-env';
import { MAX_EVENT_DEPTH, nestsDeeperThan } from './event-depth';

export interface TriggerConfig {
  name: string;
  type: string;
  /** CloudBase's 7-field cron: second minute hour day month weekday year. */
  config: string;
}

export interface FunctionConfig {
  /** Seconds (CloudBase's default is 3; ours set 20). */
  timeout: number;
  envVariables: Record<string, string>;
  triggers: TriggerConfig[];
  /** `permissions.openapi`: the WeChat open APIs (云调用) the function may call, e.g. `subscribeMessage.send`. */
  openapi: string[];
}

/**
 * CloudBase: "云函数请求体最大限制：文本类型请求体 100KB" (EXCEED_MAX_PAYLOAD_SIZE). A call's event
 * travels as JSON text, so its UTF-8 size is what counts.
 */
export const MAX_REQUEST_BYTES = 100 * 1024;
export const PAYLOAD_DOC = 'https://docs.cloudbase.net/error-code/service/EXCEED_MAX_PAYLOAD_SIZE';

/** The error CloudBase answers for a call whose body is over the limit, or undefined. */
export function payloadTooLarge(bytes: number, name: string): EmulatorError | undefined {
  if (bytes <= MAX_REQUEST_BYTES) return undefined;
  return new EmulatorError(
    'EXCEED_MAX_PAYLOAD_SIZE',
    `the call to ${name} carries ${bytes} bytes; a cloud function's text request body is limited to 100 KB (${MAX_REQUEST_BYTES} bytes; ${PAYLOAD_DOC}) — put files in cloud storage and pass their fileID`,
  );
}

/** WeChat cloud's timer-trigger guide: "triggers 字段是触发器数组，目前仅支持一个触发器". */
export const MAX_TRIGGERS = 1;
export const TRIGGERS_DOC = 'https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/guide/functions/triggers.html';

export interface Identity {
  openid?: string;
  appid?: string;
  unionid?: string;
}

export interface InvocationRecord {
  requestId: string;
  fn: string;
  openid?: string;
  source: 'gateway' | 'sdk' | 'timer' | 'push';
  /** The event's `action` or timer name, for logs. */
  label?: string;
  ms: number;
  /** Database/storage/wx actions the invocation made, by action name. */
  actions: Record<string, number>;
  /** Database requests (every `database.*` action, transactions' start and commit included). */
  dbRequests: number;
  /**
   * Documents its database requests examined (fetched to test a query: inside an index's bounds,
   * or the whole collection) and returned (pages, changed documents, aggregation rows).
   */
  docsExamined: number;
  docsReturned: number;
  /** Its /admin actions in order, each as `action collection` (where the request names one): what a write costs, request by request. */
  trail: string[];
  error?: string;
}

export interface RunnerOptions {
  functionsDir: string;
  /** The emulator's base URL (the SDK inside functions is pointed at `<url>/admin`). */
  emulatorUrl: string;
  envId: string;
  appId?: string;
  /** Called after every invocation (logging, tests). */
  onInvocation?: (record: InvocationRecord) => void;
  /** Values every invocation sees in its environment (e.g. LOG_LEVEL). */
  baseEnv?: Record<string, string>;
}

interface LoadedFunction {
  name: string;
  file: string;
  mtimeMs: number;
  main: (event: unknown, context: unknown) => unknown;
}

interface ActiveInvocation {
  record: InvocationRecord;
  identity: Identity;
}

const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,60}$/;

export const DEFAULT_APPID = 'wx0000000000emulator';

export class FunctionRunner implements AdminActionHandler {
  private readonly loaded = new Map<string, LoadedFunction>();
  /** Invocations in flight, by the WX_API_TOKEN each was given (the SDK sends it back). */
  private readonly active = new Map<string, ActiveInvocation>();
  private emulatorUrl: string;

  constructor(private readonly options: RunnerOptions) {
    this.emulatorUrl = options.emulatorUrl;
  }

  setEmulatorUrl(url: string): void {
    this.emulatorUrl = url;
  }

  /** Names of the functions present (a folder with a config.json or an index.js). */
  names(): string[] {
    const dir = this.options.functionsDir;
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((n) => {
        if (!FUNCTION_NAME.test(n)) return false;
        const d = path.join(dir, n);
        return statSync(d).isDirectory() && (existsSync(path.join(d, 'index.js')) || existsSync(path.join(d, 'config.json')));
      })
      .sort();
  }

  config(name: string): FunctionConfig {
    assertFunctionName(name);
    const file = path.join(this.options.functionsDir, name, 'config.json');
    let raw: Partial<FunctionConfig> = {};
    if (existsSync(file)) {
      try {
        raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<FunctionConfig>;
      } catch (e) {
        throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `${name}/config.json is not valid JSON: ${(e as Error).message}`);
      }
    }
    const permissions = (raw as { permissions?: { openapi?: unknown } }).permissions;
    return {
      timeout: typeof raw.timeout === 'number' && raw.timeout > 0 ? raw.timeout : 3,
      envVariables: raw.envVariables ?? {},
      triggers: Array.isArray(raw.triggers) ? raw.triggers : [],
      openapi: Array.isArray(permissions?.openapi) ? permissions.openapi.filter((a): a is string => typeof a === 'string') : [],
    };
  }

  /**
   * Why the platform would refuse this function's config.json (then the emulator does not load it
   * and serves the others), or undefined. Read afresh each time, so a fixed file takes effect at once.
   */
  refusal(name: string): string | undefined {
    let config: FunctionConfig;
    try {
      config = this.config(name);
    } catch (e) {
      if (e instanceof EmulatorError && e.code === 'FUNCTION_NOT_FOUND') return undefined;
      return (e as Error).message;
    }
    if (config.triggers.length > MAX_TRIGGERS) {
      return (
        `function ${name} is not loaded: its config.json declares ${config.triggers.length} triggers (${config.triggers.map((t) => t.name).join(', ')}); ` +
        `WeChat cloud supports one trigger per function (${TRIGGERS_DOC}) — make it one trigger whose handler runs every job due`
      );
    }
    return undefined;
  }

  /** Functions present but refused, with the reason (shown by /__emulator/health and at start). */
  refused(): Array<{ fn: string; reason: string }> {
    return this.names().flatMap((fn) => {
      const reason = this.refusal(fn);
      return reason ? [{ fn, reason }] : [];
    });
  }

  /** Functions present and loadable. */
  loadable(): string[] {
    return this.names().filter((fn) => !this.refusal(fn));
  }

  // ------------------------------------------------------------------ /admin: functions.*

  handles(action: string): boolean {
    return action.startsWith('functions.');
  }

  async handle(action: string, body: Record<string, unknown>, meta: RequestMeta): Promise<Record<string, unknown>> {
    if (action !== 'functions.invokeFunction') throw new EmulatorError('INVALID_ACTION', `unknown action: ${action}`);
    const name = body.function_name;
    if (typeof name !== 'string' || !name) throw new EmulatorError('INVALID_PARAM', 'function_name is required');
    let event: unknown = {};
    if (typeof body.request_data === 'string') {
      const tooLarge = payloadTooLarge(Buffer.byteLength(body.request_data, 'utf8'), name);
      if (tooLarge) throw tooLarge;
    }
    if (typeof body.request_data === 'string' && body.request_data !== '') {
      try {
        event = JSON.parse(body.request_data);
      } catch {
        throw new EmulatorError('INVALID_PARAM', 'request_data is not valid JSON');
      }
    }
    // Function-to-function calls carry on as the calling invocation's user, as in CloudBase.
    const caller = meta.invocationToken ? this.active.get(meta.invocationToken) : undefined;
    const { result } = await this.invoke(name, event, caller?.identity ?? {}, 'sdk');
    return { data: { response_data: JSON.stringify(result ?? null) } };
  }

  /** The function an in-flight invocation runs and its open-API permissions, by the token it was given. */
  invocationOf(token: string | undefined): { fn: string; openapi: string[] } | undefined {
    const inv = token ? this.active.get(token) : undefined;
    if (!inv) return undefined;
    let openapi: string[] = [];
    try {
      openapi = this.config(inv.record.fn).openapi;
    } catch {
      // A config.json broken since the call began grants nothing.
    }
    return { fn: inv.record.fn, openapi };
  }

  /** Counts an /admin action (and its documents read) against the invocation that made it (by its token). */
  attribute(token: string | undefined, action: string, reads?: { examined: number; returned: number }, collection?: string): void {
    const inv = token ? this.active.get(token) : undefined;
    if (!inv) return;
    const r = inv.record;
    r.actions[action] = (r.actions[action] ?? 0) + 1;
    if (r.trail.length < 200) r.trail.push(collection ? `${action} ${collection}` : action);
    if (action.startsWith('database.')) r.dbRequests += 1;
    if (reads) {
      r.docsExamined += reads.examined;
      r.docsReturned += reads.returned;
    }
  }

  // ------------------------------------------------------------------ invoking

  async invoke(
    name: string,
    event: unknown,
    identity: Identity,
    source: InvocationRecord['source'] = 'gateway',
  ): Promise<{ result: unknown; record: InvocationRecord }> {
    const refused = this.refusal(name);
    if (refused) throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', refused);
    if (nestsDeeperThan(event, MAX_EVENT_DEPTH)) throw new EmulatorError('INVALID_PARAM', `the event nests deeper than ${MAX_EVENT_DEPTH} levels`);
    const fn = this.load(name);
    const config = this.config(name);
    const requestId = randomUUID();
    const token = randomBytes(16).toString('hex');
    const record: InvocationRecord = { requestId, fn: name, openid: identity.openid || undefined, source, label: labelOf(event), ms: 0, actions: {}, dbRequests: 0, docsExamined: 0, docsReturned: 0, trail: [] };
    const started = performance.now();
    // The event crosses a JSON boundary, as it does between a client and CloudBase.
    const payload = event === undefined ? {} : JSON.parse(JSON.stringify(event));
    const env = this.environment(name, config, identity, token, requestId);
    const context = {
      request_id: requestId,
      function_name: name,
      function_version: '$LATEST',
      namespace: this.options.envId,
      memory_limit_in_mb: 256,
      time_limit_in_ms: config.timeout * 1000,
      environ: Object.entries(env)
        .filter(([k]) => k.startsWith('WX_') || k.startsWith('TCB_'))
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
    };
    this.active.set(token, { record, identity });
    let timer: NodeJS.Timeout | undefined;
    try {
      const run = withInvocationEnv(env, () => Promise.resolve().then(() => fn.main(payload, context)));
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new EmulatorError('FUNCTIONS_TIME_LIMIT_EXCEEDED', `function ${name} timed out after ${config.timeout} s (request ${requestId})`)),
          config.timeout * 1000,
        );
      });
      const raw = await Promise.race([run, timeout]);
      const result = raw === undefined ? null : JSON.parse(JSON.stringify(raw));
      return { result, record };
    } catch (err) {
      const e =
        err instanceof EmulatorError
          ? err
          : new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${name} failed (request ${requestId}): ${String((err as Error)?.message ?? err)}`);
      record.error = e.code;
      throw e;
    } finally {
      clearTimeout(timer);
      record.ms = performance.now() - started;
      this.active.delete(token);
      this.options.onInvocation?.(record);
    }
  }

  /** The variables CloudBase sets in a function's container, for one invocation. */
  private environment(name: string, config: FunctionConfig, identity: Identity, token: string, requestId: string): Record<string, string> {
    return {
      ...(this.options.baseEnv ?? {}),
      ...config.envVariables,
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${this.emulatorUrl}/admin` }),
      TENCENTCLOUD_SECRETID: 'local',
      TENCENTCLOUD_SECRETKEY: 'local',
      TENCENTCLOUD_SESSIONTOKEN: '',
      TENCENTCLOUD_RUNENV: 'SCF',
      // CloudBase sets it in every container; without it the SDK logs "[TCB][ERROR] missing
      // `TENCENTCLOUD_REGION`" on every call (TCB_CONTEXT_CNFG's URL still wins over the region's host).
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD: 'true',
      SCF_NAMESPACE: this.options.envId,
      SCF_FUNCTIONNAME: name,
      TCB_ENV: this.options.envId,
      TCB_SEQID: requestId,
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_API_TOKEN',
      WX_OPENID: identity.openid ?? '',
      WX_APPID: identity.openid ? (identity.appid ?? this.options.appId ?? DEFAULT_APPID) : '',
      WX_UNIONID: identity.unionid ?? '',
      WX_API_TOKEN: token,
    };
  }

  private load(name: string): LoadedFunction {
    assertFunctionName(name);
    const file = path.join(this.options.functionsDir, name, 'index.js');
    if (!existsSync(file)) {
      const hint = existsSync(path.join(this.options.functionsDir, name, 'index.ts')) ? ' (not built: run npm run build:functions)' : '';
      throw new EmulatorError('FUNCTION_NOT_FOUND', `function not found: ${name}${hint}`);
    }
    const mtimeMs = statSync(file).mtimeMs;
    const cached = this.loaded.get(name);
    if (cached && cached.mtimeMs === mtimeMs) return cached;
    const resolved = require.resolve(file);
    delete require.cache[resolved];
    let mod: { main?: unknown };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      mod = require(resolved);
    } catch (e) {
      throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${name} failed to load: ${(e as Error).message}`);
    }
    if (typeof mod.main !== 'function') throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', `function ${name} exports no main()`);
    const loaded: LoadedFunction = { name, file, mtimeMs, main: mod.main as LoadedFunction['main'] };
    this.loaded.set(name, loaded);
    return loaded;
  }
}

/** A function name is a folder name; anything else (`..`, slashes) names no function. */
function assertFunctionName(name: string): void {
  if (!FUNCTION_NAME.test(name)) throw new EmulatorError('FUNCTION_NOT_FOUND', `function not found: ${name}`);
}

function labelOf(event: unknown): string | undefined {
  if (!event || typeof event !== 'object') return undefined;
  const e = event as { action?: unknown; TriggerName?: unknown };
  const label = typeof e.action === 'string' ? e.action : typeof e.TriggerName === 'string' ? `timer:${e.TriggerName}` : undefined;
  return label?.slice(0, 64);
}
