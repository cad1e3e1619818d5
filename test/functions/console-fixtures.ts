/** What the console's function tests share: the demo people, the pinned March 2027 period and raw reads. */
import { addDays } from '../../core/rules/working-days';
import { getDb } from '../../server/db/client';

export const STAFF = 'demo-staff-zhang';
export const ADMIN = 'demo-admin';
export const INSTRUCTOR = 'demo-instructor-huang';
export const MANAGER = 'demo-manager-wang';
export const WORKER = 'demo-worker-li';
export const COMMUNITY = 'xingping';
export const PINNED = '2027-03-10T10:00:00+08:00';
export const FROM = '2027-02-01';
export const TO = '2027-03-10';

export const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error!.code);
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
