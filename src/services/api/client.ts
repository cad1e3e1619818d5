/**
 * The app's one client of the cloud functions, typed by the contract (core/contract): a call
 * takes what the action's schema accepts (z.input) and answers the contract's output type.
 * `client(name, policy)` builds a function's methods from its policy (zod-free, so the schemas
 * never reach the main package); `write` comes from the policy, so a write always carries an
 * idempotency key, the given one or a fresh one. Underneath it is `callFunction` (retry with
 * backoff, the same key on every retry, the transport).
 */
import type { ActionNames, Contract, InputOf, OutputOf, Policy } from '@core/contract/define';
import { callFunction, type CallOptions } from '../call-function';

/** callFunction without its per-name types: the client's own types (from the contract) stand in for them. */
const call = callFunction as (name: string, action: string, data: unknown, options: CallOptions) => Promise<unknown>;

/** A call of one action: `(data, idempotencyKey?)` — data may be left out when every field is optional. */
export type ClientMethod<I, O> = {} extends I ? (data?: I, idempotencyKey?: string) => Promise<O> : (data: I, idempotencyKey?: string) => Promise<O>;

export type ClientOf<C extends Contract> = { readonly [A in ActionNames<C>]: ClientMethod<InputOf<C, A>, OutputOf<C, A>> };

export function client<C extends Contract>(name: C['name'], policy: Policy): ClientOf<C> {
  const methods: Record<string, (data?: unknown, idempotencyKey?: string) => Promise<unknown>> = {};
  for (const action of Object.keys(policy)) {
    const write = !!policy[action].write;
    methods[action] = (data, idempotencyKey) => call(name, action, data ?? {}, write ? { write, idempotencyKey } : {});
  }
  return methods as unknown as ClientOf<C>;
}
