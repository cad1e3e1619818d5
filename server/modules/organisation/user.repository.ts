import type { Locale } from '../../../core/api/user';
import type { Profession, Role } from '../../../core/api/roles';
import { getDb, isDuplicateKey, docOf } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { cappedCount, type CappedCount } from '../../db/reads';
import { Collections } from '../../db/schema';

/** One person, keyed by their WeChat openid. */
export interface UserDoc {
  _id: string;
  role: Exclude<Role, 'guest'>;
  communityId: string;
  name?: string;
  phone?: string;
  enterpriseId?: string;
  workshop?: string;
  profession?: Profession;
  organisation?: string;
  volunteerStatus?: 'pending' | 'approved' | 'rejected';
  unitId?: string;
  locale: Locale;
  largeText: boolean;
  privacyAcceptedAt?: Date;
  /** 注销 under way: the deletion record (its pseudonym). Every action but user.deleteAccount is refused meanwhile. */
  deletion?: string;
  /** 我的数据: the newest data file in storage (deleted on the next download and on 注销). */
  dataFiles?: string[];
  createdAt: Date;
  updatedAt: Date;
}



const col = (db: DbLike = getDb()) => db.collection(Collections.users);

export const usersRepository = {
  async get(openid: string, db?: DbLike): Promise<UserDoc | undefined> {
    const res = await col(db).doc(openid).get();
    return docOf<UserDoc>(res);
  },

  /** Inserts a new user; returns false when a record with this openid already exists. */
  async insertIfAbsent(doc: UserDoc, db?: DbLike): Promise<boolean> {
    try {
      await col(db).add(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  },

  async update(openid: string, patch: Partial<Omit<UserDoc, '_id'>>, db?: DbLike): Promise<void> {
    await col(db).doc(openid).update(patch);
  },

  /** Replaces the whole record (inside a transaction, where update-by-query isn't available). */
  async put(doc: UserDoc, db?: DbLike): Promise<void> {
    const { _id, ...rest } = doc;
    await col(db).doc(_id).set(rest);
  },

  async list(
    filter: { communityId: string; role?: Role; volunteerStatus?: string },
    page: { after?: string; limit: number },
  ): Promise<UserDoc[]> {
    const _ = getDb().command;
    const where: Record<string, unknown> = { communityId: filter.communityId };
    if (filter.role) where.role = filter.role;
    if (filter.volunteerStatus) where.volunteerStatus = filter.volunteerStatus;
    if (page.after) where._id = _.gt(page.after);
    const res = await col().where(where).orderBy('_id', 'asc').limit(page.limit).get();
    return res.data as UserDoc[];
  },
};

/** Who must hear about a case: the people behind a role in a community, an enterprise or a unit (up to 50 each), optionally of one role. */
export async function peopleOf(where: { communityId: string; role: string } | { enterpriseId: string } | { unitId: string }, role?: string): Promise<string[]> {
  const res = await getDb().collection(Collections.users).where(where).limit(50).get();
  return (res.data as Array<{ _id: string; role: string }>).filter((u) => !role || u.role === role).map((u) => u._id);
}

/** Volunteer applications awaiting staff (home's 待办): counted up to `cap` along the (community, volunteerStatus) index. */
export function pendingVolunteerCount(communityId: string, cap: number): Promise<CappedCount> {
  return cappedCount(Collections.users, { communityId, volunteerStatus: 'pending' }, cap);
}
