/**
 * A scripted stand-in for the cloud functions behind the app's transport, for store and page
 * tests: every event the app sends is recorded, and each `function.action` answers through the
 * handler the test sets (a list of handlers answers one call each, in order). An action with no
 * handler fails the call loudly. `callFunction` itself (envelope, errors, retries with the same
 * key) is the real one; only the wire is replaced, and retries do not wait.
 */
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import { __setTransportForTests } from '../services/call-function';

export type Handler = (event: ApiRequest) => ApiResponse | Promise<ApiResponse>;
export interface Call {
  name: string;
  event: ApiRequest;
}

export interface FakeTransport {
  /** Every call in order; emptied before each test. */
  readonly calls: Call[];
  /** `'tickets.act'` → its answer(s); emptied before each test. */
  readonly handlers: Record<string, Handler | Handler[]>;
  /** The calls as `function.action`. */
  actions(): string[];
  /** The data sent with each call of one action. */
  sent(action: string): unknown[];
}

export const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data, requestId: 'r' });
export const fail = (code: string): ApiResponse => ({ ok: false, error: { code, message: code }, requestId: 'r-fail' });

/** Lets pending promise callbacks run (the transport answers asynchronously). */
export const flush = async (): Promise<void> => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

/**
 * Installs the fake for every test of the calling file (before each: empty and installed; after
 * all: the real transport back). Call it at the top level of a test file, before its own hooks.
 */
export function installFakeTransport(): FakeTransport {
  const calls: Call[] = [];
  const handlers: Record<string, Handler | Handler[]> = {};
  beforeEach(() => {
    calls.length = 0;
    for (const k of Object.keys(handlers)) delete handlers[k];
    __setTransportForTests(
      async (name, event) => {
        calls.push({ name, event });
        const h = handlers[`${name}.${event.action}`];
        if (!h) throw new Error(`no handler for ${name}.${event.action}`);
        if (Array.isArray(h)) {
          const next = h.shift();
          if (!next) throw new Error(`no more answers for ${name}.${event.action}`);
          return next(event);
        }
        return h(event);
      },
      async () => undefined,
    );
  });
  afterAll(() => __setTransportForTests(undefined));
  return {
    calls,
    handlers,
    actions: () => calls.map((c) => `${c.name}.${c.event.action}`),
    sent: (action) => calls.filter((c) => c.event.action === action).map((c) => c.event.data),
  };
}
