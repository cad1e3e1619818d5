/**
 * A cloud function is its contract (core/contract/<name>.ts: per action the input schema, the
 * allowed roles, whether it writes, the output type) and a handler per action, plus optional
 * timer and push handlers. `defineFunction` is typed by the contract: a handler that does not take
 * the schema's output or does not answer the contract's output does not compile. It turns the
 * table into CloudBase's `main(event, context)`:
 * parse the envelope, read the caller from the server context, check the role, validate the input,
 * honour the idempotency key of a write, run the handler, map errors to `{ code, message }`, and
 * write one structured log line. No if-ladders, no identity from the event.
 */
import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import type { ApiResponse } from '../../core/api/envelope';
import { ErrorCodes } from '../../core/api/errors';
import type { Role } from '../../core/api/roles';
import type { ActionNames, Contract, OutputOf, ParsedOf } from '../../core/contract/define';
import { callerOpenid } from '../db/client';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { DomainError } from './errors';
import { loadCaller, type Caller } from './caller';
import type { HolidayCalendar } from '../../core/rules/holiday-calendar';
import { calendarBook, type CalendarBook } from '../platform/holiday-calendar';
import { requestMark, withIdempotency, type RequestMark } from './idempotency';
import { parseInput } from './validation';
import { withCallMetrics, type CallMetrics } from './call-metrics';
import { logCall } from './log';

export interface ActionContext {
  caller: Caller;
  clock: Clock;
  /** The holiday calendar of the caller's community (statutory rule, its imported arrangements, the package, staff corrections). */
  calendar: HolidayCalendar;
  /** Every community's calendar (a use case that handles another community's documents, e.g. the district overview). */
  calendars: CalendarBook;
  requestId: string;
  /**
   * The write's idempotency key, for an action that keeps it on the document it writes
   * (`idempotency: 'in-document'`): absent when the caller sent none.
   */
  request?: RequestMark;
}

export interface ActionDef<S extends z.ZodMiniType = z.ZodMiniType, O = unknown> {
  input: S;
  /** Roles allowed to call it ('guest' = a caller with no user record yet). */
  roles: readonly Role[];
  /** A write: retried calls with the same idempotency key get the first answer. */
  write?: boolean;
  /** 'in-document': the handler keeps the key (ctx.request) on what it writes; see ActionPolicy. */
  idempotency?: 'record' | 'in-document';
  handler: (ctx: ActionContext, input: z.output<S>) => Promise<O>;
  /** Answered while the caller's 注销 is under way (only user.deleteAccount, which finishes it). */
  whileDeleting?: boolean;
}

export interface TimerContext {
  clock: Clock;
  /** Each community's holiday calendar: a timer handles documents of every community. */
  calendars: CalendarBook;
  requestId: string;
  triggerName: string;
}

/** A message WeChat pushes to the function (云开发 消息推送: `MsgType` + `Event`, no client caller). */
export interface PushContext {
  clock: Clock;
  requestId: string;
  /** The pushed event's `Event`. */
  event: string;
}

export interface FunctionDef {
  name: string;
  actions: Record<string, ActionDef>;
  timers?: Record<string, (ctx: TimerContext) => Promise<unknown>>;
  /**
   * Handlers of message pushes by `Event` (MsgType `event`), for the pairs the environment's
   * 消息推送 settings route to this function (server/platform/message-push.ts). A handler must
   * not trust the event's claims beyond what it can match to its own records: any client can
   * call a function with any event.
   */
  pushes?: Record<string, (ctx: PushContext, event: Record<string, unknown>) => Promise<unknown>>;
}

/** A handler per action of the contract: it takes what the schema parsed and answers the contract's output. */
export type Handlers<C extends Contract> = {
  [A in ActionNames<C>]: (ctx: ActionContext, input: ParsedOf<C, A>) => Promise<OutputOf<C, A>>;
};

export interface FunctionImpl<C extends Contract> {
  handlers: Handlers<C>;
  timers?: FunctionDef['timers'];
  pushes?: FunctionDef['pushes'];
}

/** The kernel's table of a function: the contract's actions, each with its handler. */
export function functionDef<C extends Contract>(contract: C, impl: FunctionImpl<C>): FunctionDef {
  const actions: Record<string, ActionDef> = {};
  for (const [key, spec] of Object.entries(contract.actions)) {
    const handler = (impl.handlers as Record<string, ActionDef['handler']>)[key];
    actions[key] = { get input() { return spec.input; }, roles: spec.roles, write: spec.write, idempotency: spec.idempotency, whileDeleting: spec.whileDeleting, handler };
  }
  return { name: contract.name, actions, timers: impl.timers, pushes: impl.pushes };
}

const IdempotencyKey = z.string().check(z.regex(/^[A-Za-z0-9_-]{8,64}$/, 'idempotencyKey must be 8-64 letters, digits, - or _'));

// Not strict: the platform adds its own keys (userInfo on WeChat), which are ignored, never trusted.
const Envelope = z.object({
  action: z.string().check(z.minLength(1), z.maxLength(64)),
  data: z.optional(z.unknown()),
  idempotencyKey: z.optional(IdempotencyKey),
});

const TimerEvent = z.object({ Type: z.literal('Timer'), TriggerName: z.string(), Time: z.optional(z.string()) });
const PushEvent = z.object({ MsgType: z.literal('event'), Event: z.string().check(z.minLength(1), z.maxLength(64)) });

interface CloudContext {
  request_id?: string;
}

export function defineFunction<C extends Contract>(contract: C, impl: FunctionImpl<C>, options: { clock?: Clock } = {}) {
  const def = functionDef(contract, impl);
  const clock = options.clock ?? systemClock;

  function main(event: unknown, context?: CloudContext): Promise<ApiResponse> {
    const metrics: CallMetrics = { dbRequests: 0 };
    return withCallMetrics(metrics, () => handle(event, context, metrics));
  }

  async function handle(event: unknown, context: CloudContext | undefined, metrics: CallMetrics): Promise<ApiResponse> {
    const requestId = context?.request_id || randomUUID();
    const started = Date.now();
    const openid = callerOpenid();
    let actionName = '(none)';
    let role: Role | 'system' = 'guest';
    try {
      // A timer trigger arrives with no caller; a user can never forge one, because every user
      // call carries the caller's openid from the platform.
      const push = def.pushes && event && typeof event === 'object' && 'MsgType' in event ? PushEvent.safeParse(event) : undefined;
      if (push?.success) {
        actionName = `push:${push.data.Event}`;
        role = 'system';
        const run = Object.prototype.hasOwnProperty.call(def.pushes, push.data.Event) ? def.pushes?.[push.data.Event] : undefined;
        if (!run) throw new DomainError(ErrorCodes.ACTION_UNKNOWN, `${def.name} takes no pushed event ${push.data.Event}`);
        const data = await run({ clock, requestId, event: push.data.Event }, event as Record<string, unknown>);
        return done({ ok: true, data: data ?? null, requestId });
      }
      const timer = !openid ? TimerEvent.safeParse(event) : undefined;
      if (timer?.success) {
        actionName = `timer:${timer.data.TriggerName}`;
        role = 'system';
        const run = def.timers?.[timer.data.TriggerName];
        if (!run) throw new DomainError(ErrorCodes.ACTION_UNKNOWN, `no timer ${timer.data.TriggerName} in ${def.name}`);
        const calendars = await calendarBook(clock.now());
        const data = await run({ clock, calendars, requestId, triggerName: timer.data.TriggerName });
        return done({ ok: true, data, requestId });
      }

      const envelope = parseInput(Envelope, event);
      actionName = envelope.action;
      const act = Object.prototype.hasOwnProperty.call(def.actions, envelope.action) ? def.actions[envelope.action] : undefined;
      if (!act) throw new DomainError(ErrorCodes.ACTION_UNKNOWN, `${def.name} has no action ${envelope.action}`);
      if (!openid) throw new DomainError(ErrorCodes.AUTH_REQUIRED, 'this action needs a signed-in WeChat user');

      const caller = await loadCaller(openid);
      role = caller.role;
      if (!act.roles.includes(caller.role)) {
        throw new DomainError(ErrorCodes.AUTH_FORBIDDEN, `${caller.role} may not call ${def.name}.${envelope.action}`);
      }
      if (caller.user?.deletion && !act.whileDeleting) {
        throw new DomainError(ErrorCodes.ACCOUNT_DELETING, 'this account is being deleted: finish 注销 (user.deleteAccount)');
      }
      const input = parseInput(act.input, envelope.data ?? {});
      // The holiday calendar every deadline and session of this call is computed on.
      const calendars = await calendarBook(clock.now());
      const ctx: ActionContext = { caller, clock, calendar: calendars.for(caller.communityId), calendars, requestId };
      const scope = { openid, scope: `${def.name}.${envelope.action}`, payload: envelope.data ?? {}, clock };
      if (act.write && envelope.idempotencyKey && act.idempotency === 'in-document') ctx.request = requestMark({ ...scope, key: envelope.idempotencyKey });
      const run = () => act.handler(ctx, input);
      const data =
        act.write && envelope.idempotencyKey && act.idempotency !== 'in-document'
          ? await withIdempotency(
              { openid, scope: `${def.name}.${envelope.action}`, key: envelope.idempotencyKey, payload: envelope.data ?? {}, clock },
              run,
            )
          : await run();
      return done({ ok: true, data: data ?? null, requestId });
    } catch (err) {
      if (err instanceof DomainError) return done({ ok: false, error: err.toBody(), requestId });
      console.error(JSON.stringify({ level: 'error', fn: def.name, action: actionName, requestId, error: String((err as Error)?.stack ?? err) }));
      return done({
        ok: false,
        error: { code: ErrorCodes.INTERNAL, message: `internal error, request id ${requestId}` },
        requestId,
      });
    }

    function done(res: ApiResponse): ApiResponse {
      logCall({
        fn: def.name,
        action: actionName,
        role,
        ms: Date.now() - started,
        db: metrics.dbRequests,
        code: res.ok ? 'OK' : res.error.code,
        requestId,
      });
      return res;
    }
  }

  return { main, def };
}
