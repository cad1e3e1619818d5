/** Member units (成员单位): the community's partner bodies demands are dispatched to. Organisation is their only writer. */
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';

export interface MemberUnitDoc {
  _id: string;
  communityId: string;
  name: string;
  nameEn?: string;
  /** Staff retire a unit (master data): it takes no new dispatch. Absent = active. */
  active?: boolean;
  contactName?: string;
  contactPhone?: string;
  updatedAt?: Date;
}

const col = () => getDb().collection(Collections.memberUnits);

export const unitsRepository = {
  /** A community's units, by id (up to 1000). */
  async byCommunity(communityId: string): Promise<MemberUnitDoc[]> {
    const res = await col().where({ communityId }).limit(1000).get();
    return (res.data as MemberUnitDoc[]).sort((a, b) => (a._id < b._id ? -1 : 1));
  },
  async put(doc: MemberUnitDoc): Promise<void> {
    const { _id, ...rest } = doc;
    await col().doc(_id).set(rest);
  },
  /** A new unit; its id derives from its name, so a duplicate fails with the store's duplicate-key error. */
  async insert(doc: MemberUnitDoc): Promise<void> {
    await col().add(doc);
  },
};
