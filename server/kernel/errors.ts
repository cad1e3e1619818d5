import type { ApiErrorBody } from '../../core/api/envelope';
import { ErrorCodes, type ErrorCode } from '../../core/api/errors';

/**
 * A failure the caller can act on: it carries a stable code (core/api/errors.ts) that the app
 * translates. Anything else thrown inside a handler is a bug and is answered as INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    public readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toBody(): ApiErrorBody {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string) => new DomainError(ErrorCodes.NOT_FOUND, `${what} not found`);
export const forbidden = (why: string) => new DomainError(ErrorCodes.AUTH_FORBIDDEN, why);
