/**
 * What a schema's issues say about a form's fields, the same on both sides: the server answers
 * INPUT.INVALID with `fieldMessages` (server/kernel/validation.ts), the app's forms check the same
 * schema before sending and show the same answer (src/forms), each field's problem in words
 * (zh/en) from `fieldProblem`.
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

/** The path of an issue as a field name: `title`, `workshops.2`, or `(root)`. */
export const issuePath = (issue: Pick<Issue, 'path'>): string => (issue.path.length ? issue.path.map(String).join('.') : '(root)');

/** One message per field path (the first issue of each), as INPUT.INVALID carries them. */
export function fieldMessages(issues: readonly Issue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issuePath(issue);
    if (!fields[path]) fields[path] = issue.message;
  }
  return fields;
}

/** What is wrong with a field, in words a form can translate. */
export type FieldProblem = { kind: 'required' } | { kind: 'tooLong'; max: number } | { kind: 'tooShort'; min: number } | { kind: 'outOfRange' } | { kind: 'invalid' };

/** The value at an issue's path in what was checked. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const key of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** What is wrong with the field an issue names; `input` is what was checked (to tell a missing value). */
export function fieldProblem(issue: Issue, input?: unknown): FieldProblem {
  // Nothing there (a missing text, an unpicked choice): whatever the schema wanted, it is required.
  if (issue.code !== 'unrecognized_keys' && issue.path.length && valueAt(input, issue.path) === undefined) return { kind: 'required' };
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return Number(issue.minimum) <= 1 ? { kind: 'required' } : { kind: 'tooShort', min: Number(issue.minimum) };
      return { kind: 'outOfRange' };
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array' ? { kind: 'tooLong', max: Number(issue.maximum) } : { kind: 'outOfRange' };
    default:
      return { kind: 'invalid' };
  }
}

/** Each field's problem (the first issue of each path). */
export function fieldProblems(issues: readonly Issue[], input?: unknown): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of issues) {
    const path = issuePath(issue);
    if (!fields[path]) fields[path] = fieldProblem(issue, input);
  }
  return fields;
}
