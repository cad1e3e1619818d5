/** What the console's function tests share: the demo people, the pinned March 2027 period and raw reads. */
import type { ProblemItem, ProblemList, ProblemSummary } from '../../core/api/console';
import { addDays } from '../../core/rules/working-days';
import { getDb } from '../../server/db/client';
import type { TestEnv } from '../support/harness';

export const STAFF = 'demo-staff-zhang';
export const ADMIN = 'demo-admin';
export const INSTRUCTOR = 'demo-instructor-huang';
export const MANAGER = 'demo-manager-wang';
export const WORKER = 'demo-worker-li';
export const COMMUNITY = 'xingping';
export const PINNED = '2027-03-10T10:00:00+08:00';
export const FROM = '2027-02-01';
export const TO = '2027-03-10';

export { code } from '../support/harness';
/** A Beijing time of a day. */
export const b = (ymd: string, hm = '10:00') => new Date(`${ymd}T${hm}:00+08:00`);
export const inPeriod = (d: Date | string, from = FROM, to = TO) => +new Date(d) >= +b(from, '00:00') && +new Date(d) < +b(addDays(to, 1), '00:00');

/** Every document of a collection matching `where` (the community's by default), straight from the database. */
export async function all<T>(collection: string, where: Record<string, unknown> = { communityId: COMMUNITY }): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const res = await getDb().collection(collection).where(where).skip(skip).limit(1000).get();
    out.push(...(res.data as T[]));
    if (res.data.length < 1000) return out;
  }
}

/**
 * Every page of admin.problemList for `filter`, in order: its items, the first page's summary (only
 * the first page has one), and how many pages. A page holds at most 20 items and no item twice.
 */
export async function problemPages(env: TestEnv, filter: Record<string, unknown>, as = STAFF): Promise<{ items: ProblemItem[]; summary: ProblemSummary[]; pages: number }> {
  const items: ProblemItem[] = [];
  let summary: ProblemSummary[] | undefined;
  let cursor: string | undefined;
  for (let pages = 1; ; pages++) {
    if (pages > 2000) throw new Error('the cursor never ends');
    const page = await env.ok<ProblemList>('admin', 'problemList', { ...filter, ...(cursor ? { cursor } : {}) }, { as });
    if (page.items.length > 20) throw new Error(`a page of ${page.items.length} items`);
    if (pages === 1) summary = page.summary;
    else if (page.summary) throw new Error('a later page has a summary');
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return { items, summary: summary ?? [], pages };
  }
}
