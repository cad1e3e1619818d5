import type * as z from 'zod/mini';
import { ErrorCodes } from '../../core/api/errors';
import { DomainError } from './errors';

/** Parses input with a schema; a failure is INPUT.INVALID with one message per field path. */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const fields: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(root)';
    if (!fields[path]) fields[path] = issue.message;
  }
  const first = Object.entries(fields)[0];
  throw new DomainError(ErrorCodes.INPUT_INVALID, `invalid input: ${first[0]}: ${first[1]}`, fields);
}
