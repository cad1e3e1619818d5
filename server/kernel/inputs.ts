/** What every action reads the same way, whatever its module: the caller's community, dates and cursors of its input, ISO instants. */
import { ErrorCodes } from '../../core/api/errors';
import type { ActionContext } from './define-function';
import { DomainError, forbidden } from './errors';

export function communityOf(ctx: ActionContext): string {
  const id = ctx.caller.communityId;
  if (!id) throw forbidden('you do not belong to a community');
  return id;
}

export const iso = (d: Date | string) => new Date(d).toISOString();

export function isCalendarDate(ymd: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(ymd)) return false;
  const d = new Date(`${ymd}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === ymd;
}

export function cursorDate(cursor?: string): Date | undefined {
  if (!cursor) return undefined;
  const d = new Date(cursor);
  if (Number.isNaN(d.getTime())) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return d;
}
