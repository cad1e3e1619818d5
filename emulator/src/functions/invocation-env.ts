/**
 * Per-invocation environment variables in one process. CloudBase gives every function container
 * its own `process.env` (WX_OPENID, WX_API_TOKEN, ...), and the SDK reads the caller's identity
 * from there on every call. The runner serves many invocations concurrently in one process, so
 * `process.env` becomes a view: inside an invocation (an AsyncLocalStorage scope) its own values
 * shadow the process's; outside, it is the process's own environment, unchanged.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

type EnvValues = Record<string, string>;

const scope = new AsyncLocalStorage<EnvValues>();
let installed = false;

/** Replace `process.env` with the scoped view (idempotent). */
export function installInvocationEnv(): void {
  if (installed) return;
  installed = true;
  const base = process.env;
  const own = (key: string | symbol): EnvValues | undefined => {
    if (typeof key !== 'string') return undefined;
    const values = scope.getStore();
    return values && Object.prototype.hasOwnProperty.call(values, key) ? values : undefined;
  };
  process.env = new Proxy(base, {
    get(target, key) {
      const values = own(key);
      return values ? values[key as string] : Reflect.get(target, key);
    },
    set(target, key, value) {
      // A function writing process.env inside an invocation changes only its own view.
      const values = own(key) ?? (typeof key === 'string' ? scope.getStore() : undefined);
      if (values && typeof key === 'string') {
        values[key] = String(value);
        return true;
      }
      return Reflect.set(target, key, String(value));
    },
    has(target, key) {
      return own(key) !== undefined || Reflect.has(target, key);
    },
    deleteProperty(target, key) {
      const values = own(key);
      if (values) {
        delete values[key as string];
        return true;
      }
      return Reflect.deleteProperty(target, key);
    },
    ownKeys(target) {
      const keys = new Set<string | symbol>(Reflect.ownKeys(target));
      for (const k of Object.keys(scope.getStore() ?? {})) keys.add(k);
      return [...keys];
    },
    getOwnPropertyDescriptor(target, key) {
      const values = own(key);
      if (values) return { value: values[key as string], writable: true, enumerable: true, configurable: true };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** Run `fn` with `values` layered over the process environment for everything it awaits. */
export function withInvocationEnv<T>(values: EnvValues, fn: () => T): T {
  installInvocationEnv();
  return scope.run({ ...values }, fn);
}

/** The current invocation's own values (undefined outside an invocation). */
export function currentInvocationEnv(): Readonly<EnvValues> | undefined {
  return scope.getStore();
}
