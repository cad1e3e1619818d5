import { getDb, isDuplicateKey, docOf } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';
import { byIds } from '../../db/reads';

export interface EnterpriseDoc {
  _id: string;
  communityId: string;
  name: string;
  nameEn?: string;
  creditCode: string;
  address?: string;
  contactName?: string;
  contactPhone?: string;
  workshops: string[];
  /** The assigned liaison instructor (党建指导员); tickets of the enterprise go to them first. */
  instructorOpenid?: string | null;
  createdAt: Date;
  createdBy: string;
}


const col = (db: DbLike = getDb()) => db.collection(Collections.enterprises);

export const enterprisesRepository = {
  async get(id: string, db?: DbLike): Promise<EnterpriseDoc | undefined> {
    const res = await col(db).doc(id).get();
    return docOf<EnterpriseDoc>(res);
  },

  /** Inserts; false when the credit code (a unique index) or the id is already taken. */
  async insert(doc: EnterpriseDoc): Promise<boolean> {
    try {
      await col().add(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  },

  /** id -> name for a page of rows, in one query. */
  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    return new Map([...(await this.labelsByIds(ids))].map(([id, l]) => [id, l.name]));
  },

  /** The enterprises' names in Chinese and, where they have one, in English. */
  async labelsByIds(ids: string[]): Promise<Map<string, { name: string; nameEn?: string }>> {
    const unique = [...new Set(ids)];
    const labels = new Map<string, { name: string; nameEn?: string }>();
    if (unique.length === 0) return labels;
    const res = await col().where({ _id: getDb().command.in(unique) }).field({ name: true, nameEn: true }).limit(1000).get();
    for (const e of res.data as { _id: string; name: string; nameEn?: string }[]) labels.set(e._id, e.nameEn ? { name: e.name, nameEn: e.nameEn } : { name: e.name });
    return labels;
  },

  /** The enterprises of `ids` (any number, batches of 1000). */
  async byIds(ids: readonly string[]): Promise<Map<string, EnterpriseDoc>> {
    return new Map((await byIds<EnterpriseDoc>(Collections.enterprises, ids)).map((e) => [e._id, e]));
  },

  async list(communityId: string, page: { after?: string; limit: number; keyword?: string }): Promise<EnterpriseDoc[]> {
    const db = getDb();
    const _ = db.command;
    const where: Record<string, unknown> = { communityId };
    if (page.after) where._id = _.gt(page.after);
    if (page.keyword) where.name = db.RegExp({ regexp: escapeRegExp(page.keyword), options: 'i' });
    const res = await col().where(where).orderBy('_id', 'asc').limit(page.limit).get();
    return res.data as EnterpriseDoc[];
  },
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
