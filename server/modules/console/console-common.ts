/** What the staff console's use cases share: the caller's community, periods in Beijing days, paging. */
import type { Page } from '../../../core/api/admin';
import { ErrorCodes } from '../../../core/api/errors';
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, notFound } from '../../kernel/errors';
import { communityOf, cursorDate, isCalendarDate, iso } from '../../kernel/inputs';
import { communitiesRepository, enterprisesRepository, type EnterpriseDoc } from '../organisation';

export const PAGE_SIZE = 20;
/** A period (dashboards, problem list, exports) spans at most this many days. */
export const MAX_PERIOD_DAYS = 366;

// Shared with every module's actions (server/kernel/inputs.ts); re-exported for the console's files.
export { communityOf, cursorDate, isCalendarDate, iso };

/**
 * The community a read looks at: the district role names any (it must exist); everyone else reads
 * their own, and naming another answers NOT_FOUND, as if it did not exist.
 */
export async function scopedCommunity(ctx: ActionContext, requested?: string): Promise<string> {
  if (ctx.caller.role === 'district') {
    if (!requested) throw new DomainError(ErrorCodes.INPUT_INVALID, 'name the community to look at', { communityId: 'required' });
    if (!(await communitiesRepository.get(requested))) throw notFound('community');
    return requested;
  }
  const own = communityOf(ctx);
  if (requested && requested !== own) throw notFound('community');
  return own;
}

/** An enterprise of the caller's community (else NOT_FOUND, as if it did not exist). */
export async function enterpriseInCommunity(ctx: ActionContext, id: string): Promise<EnterpriseDoc> {
  const e = await enterprisesRepository.get(id);
  if (!e || e.communityId !== communityOf(ctx)) throw notFound('enterprise');
  return e;
}

/** Midnight (Beijing) starting `ymd`, as an instant. */
export const beijingStart = (ymd: string) => new Date(`${ymd}T00:00:00+08:00`);

export interface Period {
  from: string;
  to: string;
  /** [start, end): Beijing midnight of `from` to Beijing midnight after `to`. */
  start: Date;
  end: Date;
}

/** from ≤ to, real dates, at most 366 days: else PERIOD.INVALID. */
export function periodOf(from: string, to: string): Period {
  if (!isCalendarDate(from) || !isCalendarDate(to) || from > to) throw new DomainError(ErrorCodes.PERIOD_INVALID, 'the period must run from a date to a later one', { from: 'invalid period' });
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (days > MAX_PERIOD_DAYS) throw new DomainError(ErrorCodes.PERIOD_INVALID, `a period spans at most ${MAX_PERIOD_DAYS} days`, { to: 'period too long' });
  return { from, to, start: beijingStart(from), end: beijingStart(addDays(to, 1)) };
}

export const todayOf = (ctx: ActionContext) => shanghaiDate(ctx.clock.now());

/** Rows were read with one extra to know whether another page follows. */
export function page<D, T>(rows: D[], map: (d: D) => T, cursorOf: (d: D) => string, size = PAGE_SIZE): Page<T> {
  const items = rows.slice(0, size);
  return { items: items.map(map), nextCursor: rows.length > size ? cursorOf(items[items.length - 1]) : undefined };
}
