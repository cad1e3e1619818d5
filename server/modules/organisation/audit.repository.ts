import { getDb } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';

/** Append-only: nothing updates or removes an audit entry. */
export interface AuditDoc {
  _id?: string;
  communityId: string;
  at: Date;
  actorOpenid: string;
  action: string;
  targetOpenid?: string;
  from?: string;
  to?: string;
  note?: string;
}


const col = (db: DbLike = getDb()) => db.collection(Collections.audit);

export const auditRepository = {
  async append(entry: AuditDoc, db?: DbLike): Promise<void> {
    await col(db).add(entry);
  },

  async list(filter: { communityId: string; targetOpenid?: string }, page: { before?: Date; limit: number }): Promise<AuditDoc[]> {
    const _ = getDb().command;
    const where: Record<string, unknown> = { communityId: filter.communityId };
    if (filter.targetOpenid) where.targetOpenid = filter.targetOpenid;
    if (page.before) where.at = _.lt(page.before);
    const res = await col().where(where).orderBy('at', 'desc').limit(page.limit).get();
    return res.data as AuditDoc[];
  },
};
