/**
 * Compile-time tests of the contract on the server side (checked by `npm run typecheck`, never
 * run): a handler that answers the wrong shape, or takes an input the schema does not produce,
 * does not compile. Each `@ts-expect-error` must meet an error: if the contract stopped catching
 * the drift, the unused directive itself fails the typecheck.
 */
import { expectTypeOf } from 'expect-type';
import * as z from 'zod/mini';
import type { TicketDetail } from '../../core/api/tickets';
import { defineContract, out, type InputOf, type OutputOf, type ParsedOf } from '../../core/contract/define';
import { ticketsContract, type TicketsContract } from '../../core/contract/tickets';
import type { TicketAct } from '../../core/rules/ticket-machine';
import { defineFunction, type Handlers } from '../../server/kernel/define-function';
import type { TestEnv } from '../support/harness';

declare const detail: TicketDetail;
declare const handlers: Handlers<TicketsContract>;

// The contract's types are what the handlers and the client see.
expectTypeOf<OutputOf<TicketsContract, 'get'>>().toEqualTypeOf<TicketDetail>();
expectTypeOf<ParsedOf<TicketsContract, 'get'>>().toEqualTypeOf<{ id: string }>();
// Every act of the machine has its input in the union, and no other.
expectTypeOf<InputOf<TicketsContract, 'act'>['act']>().toEqualTypeOf<TicketAct>();

export const wrongOutput: Handlers<TicketsContract> = {
  ...handlers,
  // @ts-expect-error a handler answering the wrong shape (a summary page where a detail is due) does not compile
  get: async () => ({ items: [] }),
};

export const wrongField: Handlers<TicketsContract> = {
  ...handlers,
  // @ts-expect-error a field the ticket view does not have type (title is a string)
  get: async () => ({ ...detail, title: 42 }),
};

export const wrongInput: Handlers<TicketsContract> = {
  ...handlers,
  // @ts-expect-error a handler that needs an input field the schema does not produce does not compile
  get: async (_ctx, input: { id: string; reason: string }) => ({ ...detail, title: input.reason }),
};

// @ts-expect-error an action of the contract without a handler does not compile
export const missing: Handlers<TicketsContract> = { get: handlers.get };

// A small contract end to end: the input schema drives the handler's input type.
const probe = defineContract('probe', { echo: { roles: ['staff'] }, twice: { roles: ['staff'], write: true } } as const, {
  echo: { input: () => z.strictObject({ text: z.string() }), out: out<{ text: string }>() },
  twice: { input: () => z.strictObject({ n: z.number() }), out: out<number>() },
});

export const probeFunction = defineFunction(probe, {
  handlers: {
    echo: async (_ctx, input) => ({ text: input.text }),
    // @ts-expect-error the contract answers a number; this handler answers a string
    twice: async (_ctx, input) => String(input.n * 2),
  },
});

// @ts-expect-error the schema table must name exactly the policy's actions (a schema with no policy)
defineContract('probe', { echo: { roles: ['staff'] } } as const, { echo: { input: () => z.strictObject({}), out: out<null>() }, extra: { input: () => z.strictObject({}), out: out<null>() } });

// @ts-expect-error … and every one of them (a policy with no schema)
defineContract('probe', { echo: { roles: ['staff'] }, other: { roles: ['staff'] } } as const, { echo: { input: () => z.strictObject({}), out: out<null>() } });

void ticketsContract;

// The test harness calls through the same types.
declare const env: TestEnv;
export async function harnessCalls(): Promise<void> {
  expectTypeOf(await env.ok('tickets', 'get', { id: 't1' })).toEqualTypeOf<TicketDetail>();
  expectTypeOf(await env.typed.ok('tickets', 'act', { id: 't1', version: 1, act: 'return', reason: '不属于本单位职责' })).toEqualTypeOf<TicketDetail>();
  // A test may still send a deliberately wrong input through `call` (the untyped form) …
  await env.call('tickets', 'act', { id: 't1', version: 1, act: 'return', note: 'x' });
  // @ts-expect-error … but not through the typed one
  await env.typed.call('tickets', 'act', { id: 't1', version: 1, act: 'return', note: 'x' });
}
