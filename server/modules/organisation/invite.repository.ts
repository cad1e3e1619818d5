import { getDb, docOf } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';

export interface InviteDoc {
  _id: string;
  communityId: string;
  enterpriseId: string;
  maxUses: number;
  uses: number;
  expiresAt: Date;
  createdAt: Date;
  createdBy: string;
}


const col = (db: DbLike = getDb()) => db.collection(Collections.invites);

export const invitesRepository = {
  async get(code: string, db?: DbLike): Promise<InviteDoc | undefined> {
    const res = await col(db).doc(code).get();
    return docOf<InviteDoc>(res);
  },
  async insert(doc: InviteDoc): Promise<void> {
    await col().add(doc);
  },
  async setUses(code: string, uses: number, db?: DbLike): Promise<void> {
    await col(db).doc(code).update({ uses });
  },
};
