/**
 * The inbox (消息) and the consent answers. Only this module touches these collections; other
 * modules write notices through notices.ts.
 */
import type { ConsentAnswer, NoticeKind, NoticeTemplate, PushStatus } from '../../../core/api/notify';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { Collections } from '../../db/schema';
import type { DbLike } from '../../db/transaction';

export interface InboxDoc {
  _id: string;
  openid: string;
  /** What happened, as a stable key (e.g. qa.answered:<message id>); _id derives from it and the recipient. */
  event: string;
  kind: NoticeKind;
  communityId?: string;
  subject: string;
  page: string;
  /** Absent for an inbox-only notice (no subscribe message is sent). */
  template?: NoticeTemplate;
  /** The subscribe message's fields, kept so a later retry sends the same words. */
  data: Record<string, string>;
  read: boolean;
  createdAt: Date;
  /** createdAt (ISO) then _id: a total order for paging, newest first. */
  sortKey: string;
  push: PushStatus;
  errcode?: number;
  pushedAt?: Date;
}

export interface ConsentDoc {
  _id: string;
  openid: string;
  template: NoticeTemplate;
  answer?: ConsentAnswer;
  keep?: boolean;
  on: boolean;
  accepts: number;
  updatedAt: Date;
}

const inbox = (db: DbLike = getDb()) => db.collection(Collections.inbox);
const consents = (db: DbLike = getDb()) => db.collection(Collections.notifyConsents);

export const consentId = (openid: string, template: NoticeTemplate) => `${openid}:${template}`;

export const inboxRepository = {
  async get(id: string, db?: DbLike): Promise<InboxDoc | undefined> {
    return docOf<InboxDoc>(await inbox(db).doc(id).get());
  },

  /** Inside a transaction: writes the item unless it exists; true when this call wrote it. */
  async putIfAbsent(doc: InboxDoc, tx: DbLike): Promise<boolean> {
    if (await inboxRepository.get(doc._id, tx)) return false;
    const { _id, ...rest } = doc;
    await inbox(tx).doc(_id).set(rest);
    return true;
  },

  /** Outside a transaction: inserts the item; false when it was already there (a retry). */
  async insertOnce(doc: InboxDoc): Promise<boolean> {
    try {
      await inbox().add(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  },

  /** Outside a transaction: inserts all items in one request; false (nothing written) when one of them was already there. */
  async insertAll(docs: InboxDoc[]): Promise<boolean> {
    try {
      await inbox().add(docs);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  },

  /** Which of these items exist (one read). */
  async existing(ids: string[]): Promise<Set<string>> {
    const _ = getDb().command;
    const res = await inbox().where({ _id: _.in(ids) }).field({ _id: true }).limit(1000).get();
    return new Set((res.data as { _id: string }[]).map((d) => d._id));
  },

  /** Records one outcome on several items (one request). */
  async setPushMany(ids: string[], push: PushStatus, at: Date, errcode?: number): Promise<void> {
    const _ = getDb().command;
    if (ids.length === 1) return inboxRepository.setPush(ids[0], push, at, errcode);
    await inbox().where({ _id: _.in(ids) }).update({ push, pushedAt: at, errcode: errcode ?? _.remove() });
  },

  async setPush(id: string, push: PushStatus, at: Date, errcode?: number): Promise<void> {
    const _ = getDb().command;
    await inbox().doc(id).update({ push, pushedAt: at, errcode: errcode ?? _.remove() });
  },

  /** Items whose message was never tried, written before `cutoff` (oldest first). */
  async pendingBefore(cutoff: Date, limit: number): Promise<InboxDoc[]> {
    const _ = getDb().command;
    const res = await inbox().where({ push: 'pending', createdAt: _.lt(cutoff) }).orderBy('createdAt', 'asc').limit(limit).get();
    return res.data as InboxDoc[];
  },

  /** Takes a pending item for a retry: true for the one caller that moved it off 'pending'. */
  async claimPending(id: string, at: Date): Promise<boolean> {
    const res = await inbox().where({ _id: id, push: 'pending' }).update({ push: 'failed', pushedAt: at });
    return (res.updated ?? 0) === 1;
  },

  /** Newest first, after `before` (a sortKey). */
  async page(openid: string, before: string | undefined, limit: number): Promise<InboxDoc[]> {
    const _ = getDb().command;
    const where: Record<string, unknown> = { openid };
    if (before) where.sortKey = _.lt(before);
    const res = await inbox().where(where).orderBy('sortKey', 'desc').limit(limit).get();
    return res.data as InboxDoc[];
  },

  async unread(openid: string): Promise<number> {
    return (await inbox().where({ openid, read: false }).count()).total ?? 0;
  },

  /** Marks one read, only if it is `openid`'s: true when it is theirs. */
  async markRead(id: string, openid: string): Promise<boolean> {
    const res = await inbox().where({ _id: id, openid }).update({ read: true });
    return (res.updated ?? 0) === 1;
  },

  async markAllRead(openid: string): Promise<number> {
    const res = await inbox().where({ openid, read: false }).update({ read: true });
    return res.updated ?? 0;
  },
};

export const consentsRepository = {
  async get(openid: string, template: NoticeTemplate): Promise<ConsentDoc | undefined> {
    return docOf<ConsentDoc>(await consents().doc(consentId(openid, template)).get());
  },

  /** Several people's answers at once (one read; at most 1000 ids). */
  async byIds(ids: string[]): Promise<ConsentDoc[]> {
    if (ids.length === 0) return [];
    if (ids.length === 1) {
      const one = await consentsRepository.getById(ids[0]);
      return one ? [one] : [];
    }
    const _ = getDb().command;
    const res = await consents().where({ _id: _.in([...new Set(ids)]) }).limit(1000).get();
    return res.data as ConsentDoc[];
  },

  async getById(id: string): Promise<ConsentDoc | undefined> {
    return docOf<ConsentDoc>(await consents().doc(id).get());
  },

  async ofPerson(openid: string): Promise<ConsentDoc[]> {
    // At most one per template (a dozen).
    const res = await consents().where({ openid }).limit(100).get();
    return res.data as ConsentDoc[];
  },

  async put(doc: ConsentDoc): Promise<void> {
    const { _id, ...rest } = doc;
    // An answer or kept choice that no longer applies is left out, not stored as undefined.
    await consents().doc(_id).set(Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
  },
};
