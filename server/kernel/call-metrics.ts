/**
 * Per-call figures for the structured log line: how many database requests one call made.
 *
 * Every database request of `@cloudbase/node-sdk` (queries, writes, aggregations, transactions)
 * goes through one requester class, `Db.reqClass` (TcbDBApiHttpRequester in the pinned 3.18.3);
 * its `send` is counted once per process. The count belongs to the call whose async context made
 * the request (AsyncLocalStorage), so concurrent calls in one instance never mix their counts.
 * The store and the patch live on `globalThis` under a registered symbol: several bundles loaded
 * into one process (the emulator's runner) share one SDK, so they must share one counter too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface CallMetrics {
  dbRequests: number;
}

interface Shared {
  als: AsyncLocalStorage<CallMetrics>;
  patched: WeakSet<object>;
}

const KEY = Symbol.for('industrial-community-service-desk.call-metrics');
const holder = globalThis as unknown as Record<symbol, Shared | undefined>;
const shared: Shared = (holder[KEY] ??= { als: new AsyncLocalStorage<CallMetrics>(), patched: new WeakSet<object>() });

/** Runs `fn` with a fresh counter; `metrics` is filled in as the call goes. */
export function withCallMetrics<T>(metrics: CallMetrics, fn: () => Promise<T>): Promise<T> {
  return shared.als.run(metrics, fn);
}

/** Counts one database request for the current call (a no-op outside a call). */
export function countDbRequest(): void {
  const m = shared.als.getStore();
  if (m) m.dbRequests += 1;
}

/** Hooks the SDK's database requester behind `db` (once per process). */
export function instrumentDatabase(db: object): void {
  const reqClass = (db.constructor as { reqClass?: { prototype: { send?: (...args: unknown[]) => unknown } } }).reqClass;
  const proto = reqClass?.prototype;
  if (!proto || typeof proto.send !== 'function' || shared.patched.has(proto)) return;
  const send = proto.send;
  proto.send = function countedSend(this: unknown, ...args: unknown[]) {
    countDbRequest();
    return send.apply(this, args);
  };
  shared.patched.add(proto);
}

/** Runs `fn` outside the current call's counter: instance housekeeping (a cache refresh at most once a minute) is not the call's cost. */
export function uncounted<T>(fn: () => Promise<T>): Promise<T> {
  return shared.als.exit(fn);
}
