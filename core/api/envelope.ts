/**
 * What every cloud function takes and returns. Shared by the app (services/) and the server.
 * Pure types and constants: no Taro, no SDK.
 */

/** The event a client sends: `callFunction({ name, data: ApiRequest })`. */
export interface ApiRequest<A extends string = string, D = unknown> {
  action: A;
  data?: D;
  /** Sent with every write; a retried write with the same key returns the first answer. */
  idempotencyKey?: string;
}

export interface ApiErrorBody {
  code: string;
  message: string;
  /** Field-level problems for INPUT.INVALID: path -> message. */
  fields?: Record<string, string>;
}

/** What a function returns (and the dev gateway wraps as `{ result }`). */
export type ApiResponse<T = unknown> =
  | { ok: true; data: T; requestId: string }
  | { ok: false; error: ApiErrorBody; requestId: string };
