import { ErrorCodes } from '@core/api/errors';

/** Codes the client itself raises when no envelope came back. */
export const ClientErrorCodes = {
  /** No answer: offline, timed out, or the transport failed before the function answered. */
  NETWORK: 'CLIENT.NETWORK',
} as const;

/** A failed call: a stable code (translated as `error.<code>`), and the request id to report. */
export class ApiError extends Error {
  readonly code: string;
  readonly requestId?: string;
  readonly fields?: Record<string, string>;

  constructor(code: string, message: string, requestId?: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.requestId = requestId;
    this.fields = fields;
  }

  get isNetwork(): boolean {
    return this.code === ClientErrorCodes.NETWORK;
  }
}

/** Anything thrown becomes an ApiError, so the UI has one shape to show. */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ApiError(ErrorCodes.INTERNAL, message);
}
