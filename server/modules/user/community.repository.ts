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
  async get(id: string): Promise<CommunityDoc | undefined> {
    const res = await getDb().collection(Collections.communities).doc(id).get();
    return docOf<CommunityDoc>(res);
  },
};
