/**
 * The shape of the API contract: per cloud function and action, who may call it and whether it
 * writes (the policy, zod-free, so the app's main package can read `write` without zod), the
 * input schema (zod/mini, shared by the server's validation and the app's forms) and the output
 * type. The server's `defineFunction` is typed by it (a handler must take the schema's output
 * and answer the output type); the app's client is typed by it (z.input of the schema in, the
 * output type out); the test harness calls through the same types.
 */
import type * as z from 'zod/mini';
import type { Role } from '../api/roles';

/** Who may call an action, and whether it writes (a retried write with the same idempotency key gets the first answer). */
export interface ActionPolicy {
  /** Roles allowed to call it ('guest' = a caller with no user record yet). */
  readonly roles: readonly Role[];
  /** A write: retried calls with the same idempotency key get the first answer. */
  readonly write?: boolean;
  /**
   * Where a write's idempotency key is kept: by default a record of its own (two more requests per
   * call: the claim and the answer); 'in-document' when the handler keeps it on the document it
   * writes, in the same request (ActionContext.request), and answers a retry from that document.
   */
  readonly idempotency?: 'record' | 'in-document';
  /** Answered while the caller's 注销 is under way (only user.deleteAccount, which finishes it). */
  readonly whileDeleting?: boolean;
}

export type Policy = Record<string, ActionPolicy>;

declare const OUTPUT: unique symbol;
/** A type-only marker of an action's output (nothing at runtime but an empty object). */
export interface Out<T> {
  readonly [OUTPUT]?: T;
}
/** `out: out<TicketDetail>()`: the action answers a TicketDetail. */
export const out = <T>(): Out<T> => ({}) as Out<T>;

export interface ActionSchema<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> {
  input: S;
  out: Out<O>;
}

/**
 * An action's schema as a contract file declares it: the input schema is built by `input()` the
 * first time the action's `input` is read, not when the contract module loads. A cold function
 * then builds the schema of the one action it answers, not every action's (`npm run bench --
 * bundles`: building them all was most of zod's share of a function's cold require).
 */
export interface ActionDecl<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> {
  input: () => S;
  out: Out<O>;
}

export type ContractAction<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> = ActionPolicy & ActionSchema<S, O>;

export interface Contract<N extends string = string, A extends Record<string, ContractAction> = Record<string, ContractAction>> {
  name: N;
  actions: A;
}

type Declared<D> = D extends ActionDecl<infer S, infer O> ? ActionSchema<S, O> : never;

/**
 * One function's contract from its policy (roles, write) and its schemas (input, output): both
 * tables must name the same actions, or it does not compile. Each action's `input` is built on
 * its first read and kept (ActionDecl).
 */
export function defineContract<N extends string, P extends Policy, S extends { [K in keyof P]: ActionDecl }>(
  name: N,
  policy: P,
  schemas: S & Record<Exclude<keyof S, keyof P>, never>,
): Contract<N, { [K in keyof P & keyof S & string]: P[K] & Declared<S[K]> }> {
  const actions: Record<string, ContractAction> = {};
  for (const key of Object.keys(policy)) {
    const decl = (schemas as Record<string, ActionDecl>)[key];
    let built: z.ZodMiniType | undefined;
    actions[key] = Object.defineProperty({ ...policy[key], out: decl.out }, 'input', {
      get: () => (built ??= decl.input()),
      enumerable: true,
    }) as ContractAction;
  }
  return { name, actions } as unknown as Contract<N, { [K in keyof P & keyof S & string]: P[K] & Declared<S[K]> }>;
}

export type ActionNames<C extends Contract> = keyof C['actions'] & string;
/** What a caller sends (before defaults, trims and transforms). */
export type InputOf<C extends Contract, A extends ActionNames<C>> = z.input<C['actions'][A]['input']>;
/** What a handler receives (after the schema parsed it). */
export type ParsedOf<C extends Contract, A extends ActionNames<C>> = z.output<C['actions'][A]['input']>;
/** What the action answers. */
export type OutputOf<C extends Contract, A extends ActionNames<C>> = C['actions'][A]['out'] extends Out<infer O> ? O : never;
/** Whether the action writes (a literal `true` in its policy). */
export type IsWrite<C extends Contract, A extends ActionNames<C>> = C['actions'][A] extends { write: true } ? true : false;

/** `{ in, out }` per action, as the app's stores and pages name them (e.g. TicketActions['act']['in']). */
export type ActionsOf<C extends Contract> = { [A in ActionNames<C>]: { in: InputOf<C, A>; out: OutputOf<C, A> } };
