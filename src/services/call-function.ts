import type { AdminActions, ClinicActions, QaActions, RevisitActions, TicketActions, UserActions } from '@core/contract';
import { ErrorCodes } from '@core/api/errors';
import { ApiError, ClientErrorCodes } from './api-error';
import { newIdempotencyKey } from './idempotency';
import { defaultTransport, type Transport } from './transport';

/** Every function the app calls, and its actions' input and output types (from the contract, core/contract). */
export interface FunctionActions {
  user: UserActions;
  admin: AdminActions;
  qa: QaActions;
  clinic: ClinicActions;
  tickets: TicketActions;
  revisit: RevisitActions;
}
export type FunctionName = keyof FunctionActions;
export type ActionName<F extends FunctionName> = keyof FunctionActions[F] & string;
export type ActionIn<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends { in: infer I } ? I : never;
export type ActionOut<F extends FunctionName, A extends ActionName<F>> = FunctionActions[F][A] extends { out: infer O } ? O : never;

export interface CallOptions {
  /** A write: carries an idempotency key, the same one on every retry. */
  write?: boolean;
  /** The key of this user intent; generated once per call when absent. */
  idempotencyKey?: string;
}

/** Tries in all (the first call included), and the waits between them. */
export const RETRY = { attempts: 3, backoffMs: [400, 1200] };

let transport: Transport | undefined;
let sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Tests only: replace the transport or the clock of the backoff. */
export function __setTransportForTests(t: Transport | undefined, sleeper?: (ms: number) => Promise<void>): void {
  transport = t;
  if (sleeper) sleep = sleeper;
}

function retryable(e: ApiError): boolean {
  return e.code === ClientErrorCodes.NETWORK || e.code === ErrorCodes.REQUEST_IN_PROGRESS;
}

/**
 * The only way the app calls a cloud function. Resolves with the action's data or rejects with
 * an ApiError. On a weak network (no answer) or while the server still handles the same write
 * (REQUEST.IN_PROGRESS) it retries with backoff; a write keeps its idempotency key across
 * retries, so the server performs it once however many times it arrives.
 */
export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  data: ActionIn<F, A>,
  options: CallOptions = {},
): Promise<ActionOut<F, A>> {
  const send = transport ?? defaultTransport();
  const idempotencyKey = options.write ? options.idempotencyKey ?? newIdempotencyKey() : undefined;
  const event = idempotencyKey ? { action, data, idempotencyKey } : { action, data };
  let lastError: ApiError | undefined;
  for (let attempt = 0; attempt < RETRY.attempts; attempt++) {
    if (attempt > 0) await sleep(RETRY.backoffMs[Math.min(attempt - 1, RETRY.backoffMs.length - 1)]);
    try {
      const res = await send(name, event);
      if (res.ok) return res.data as ActionOut<F, A>;
      lastError = new ApiError(res.error.code, res.error.message, res.requestId, res.error.fields);
    } catch (e) {
      lastError = e instanceof ApiError ? e : new ApiError(ClientErrorCodes.NETWORK, e instanceof Error ? e.message : String(e));
    }
    if (!retryable(lastError)) break;
  }
  throw lastError as ApiError;
}
