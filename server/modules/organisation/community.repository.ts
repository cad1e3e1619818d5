import { docOf, getDb } from '../../db/client';
import { Collections } from '../../db/schema';

export interface CommunityDoc {
  _id: string;
  name: string;
  nameEn?: string;
  district: string;
  createdAt: Date;
}

export const communitiesRepository = {
  /** Every community of the environment (a district has tens, not thousands). */
  async all(): Promise<CommunityDoc[]> {
    const res = await getDb().collection(Collections.communities).limit(1000).get();
    return res.data as CommunityDoc[];
  },
  async get(id: string): Promise<CommunityDoc | undefined> {
    const res = await getDb().collection(Collections.communities).doc(id).get();
    return docOf<CommunityDoc>(res);
  },
};
