import type * as z from 'zod/mini';
import { ErrorCodes } from '../../core/api/errors';
import { fieldMessages } from '../../core/contract/issues';
import { DomainError } from './errors';

/** Parses input with a schema; a failure is INPUT.INVALID with one message per field path (the app's forms build the same, core/contract/issues.ts). */
export function parseInput<S extends z.ZodMiniType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data as z.output<S>;
  const fields = fieldMessages(result.error.issues);
  const first = Object.entries(fields)[0];
  throw new DomainError(ErrorCodes.INPUT_INVALID, `invalid input: ${first[0]}: ${first[1]}`, fields);
}
