/**
 * A form checks its value with the action's own input schema (core/contract) before sending: the
 * same rules as the server, and the same answer — an INPUT.INVALID ApiError with one message per
 * field path, built by the function the server uses (core/contract/issues.ts), so ErrorNote shows
 * a refused form the same way whether the phone or the server refused it. Each field's problem
 * comes too, for the message under the field (src/forms/i18n.ts).
 */
import type * as z from 'zod/mini';
import { ErrorCodes } from '@core/api/errors';
import { fieldMessages, fieldProblems, type FieldProblem } from '@core/contract/issues';
import { ApiError } from '../services/api-error';

export type FormCheck<T> = { ok: true; data: T } | { ok: false; error: ApiError; fields: Record<string, FieldProblem> };

export function checkForm<S extends z.ZodMiniType>(schema: S, value: z.input<S>): FormCheck<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data as z.output<S> };
  const messages = fieldMessages(result.error.issues);
  const [path, message] = Object.entries(messages)[0];
  return { ok: false, error: new ApiError(ErrorCodes.INPUT_INVALID, `invalid input: ${path}: ${message}`, undefined, messages), fields: fieldProblems(result.error.issues, value) };
}
