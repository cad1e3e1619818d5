import type { EntryKind } from '../../../core/api/admin';
import { getDb, docOf } from '../../db/client';
import { Collections } from '../../db/schema';

/** A QR entry point; `_id` is the scene the QR carries. */
export interface EntryCodeDoc {
  _id: string;
  communityId: string;
  kind: EntryKind;
  enterpriseId?: string;
  workshop?: string;
  label: string;
  fileID: string;
  disabled: boolean;
  createdAt: Date;
  createdBy: string;
}

const col = () => getDb().collection(Collections.entryCodes);

export const entryCodesRepository = {
  async get(scene: string): Promise<EntryCodeDoc | undefined> {
    const res = await col().doc(scene).get();
    return docOf<EntryCodeDoc>(res);
  },
  async insert(doc: EntryCodeDoc): Promise<void> {
    await col().add(doc);
  },
  async list(communityId: string, page: { before?: Date; limit: number }): Promise<EntryCodeDoc[]> {
    const _ = getDb().command;
    const where: Record<string, unknown> = { communityId };
    if (page.before) where.createdAt = _.lt(page.before);
    const res = await col().where(where).orderBy('createdAt', 'desc').limit(page.limit).get();
    return res.data as EntryCodeDoc[];
  },
};
