import type { QaMessageKind } from '../../../core/api/qa';
import type { TextHold } from '../../../core/rules/moderation';
import { docOf, getDb } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';

/** One message of a question's thread: its own document, appended, never edited. */
export interface QaMessageDoc {
  _id: string;
  questionId: string;
  communityId: string;
  kind: QaMessageKind;
  authorOpenid: string;
  authorRole: 'asker' | 'responder' | 'staff';
  authorName?: string;
  text: string;
  attachments: string[];
  /** Held for staff (WeChat's text check answered review), or rejected by them. */
  held?: TextHold;
  createdAt: Date;
}

/** A thread longer than this shows its first messages (a question is not a chat room). */
export const MAX_THREAD = 200;

const col = (db: DbLike = getDb()) => db.collection(Collections.qaMessages);

export const qaMessagesRepository = {
  async insert(doc: QaMessageDoc, db?: DbLike): Promise<void> {
    await col(db).add(doc);
  },

  async get(id: string): Promise<QaMessageDoc | undefined> {
    return docOf<QaMessageDoc>(await col().doc(id).get());
  },

  async pullAttachment(id: string, fileID: string): Promise<void> {
    const _ = getDb().command;
    await col().doc(id).update({ attachments: _.pull(fileID) });
  },

  async setHeld(id: string, held: TextHold | undefined): Promise<void> {
    const _ = getDb().command;
    await col().doc(id).update({ held: held ?? _.remove() });
  },

  async listByQuestion(questionId: string): Promise<QaMessageDoc[]> {
    const res = await col().where({ questionId }).orderBy('createdAt', 'asc').limit(MAX_THREAD).get();
    return res.data as QaMessageDoc[];
  },
};
