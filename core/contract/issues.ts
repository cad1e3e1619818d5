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

export function fieldProblem(issue: Issue): FieldProblem {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? { kind: 'required' } : { kind: 'invalid' };
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
export function fieldProblems(issues: readonly Issue[]): Record<string, FieldProblem> {
  const fields: Record<string, FieldProblem> = {};
  for (const issue of issues) {
    const path = issuePath(issue);
    if (!fields[path]) fields[path] = fieldProblem(issue);
  }
  return fields;
}
