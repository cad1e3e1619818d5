/**
 * The photos' checks and the held texts. Only this module touches these collections; the
 * modules whose cases show photos or texts reach them through ./index.ts.
 */
import { createHash } from 'node:crypto';
import type { HeldKind, HeldStatus } from '../../../core/api/moderation';
import type { PhotoCheck } from '../../../core/rules/moderation';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { Collections } from '../../db/schema';

/** Where a photo is shown: a case of a module that registered a target for the kind. */
export interface PhotoRef {
  kind: string;
  id: string;
}

export interface MediaCheckDoc {
  _id: string;
  fileID: string;
  uploader: string;
  communityId?: string;
  status: PhotoCheck;
  /** WeChat's trace_id for the check; absent until mediaCheckAsync answered (or when it failed). */
  traceId?: string;
  refs: PhotoRef[];
  label?: number;
  createdAt: Date;
  decidedAt?: Date;
}

/** A verdict pushed before its trace_id was stored (kept until the check picks it up). */
export interface EarlyVerdictDoc {
  _id: string;
  traceId: string;
  suggest: string;
  label?: number;
  at: Date;
}

export interface HeldTextDoc {
  _id: string;
  kind: HeldKind;
  /** The held document (a question's or a message's _id). */
  refId: string;
  communityId: string;
  author: string;
  authorName?: string;
  text: string;
  subject: string;
  page: string;
  status: HeldStatus;
  createdAt: Date;
  /** createdAt (ISO) then _id: the queue's order, newest first. */
  sortKey: string;
  decidedAt?: Date;
  decidedBy?: string;
  decidedByName?: string;
}

/** A photo's check document id: one per fileID (hashed: fileIDs are long and hold slashes). */
export const mediaKey = (fileID: string) => `m_${createHash('sha256').update(fileID).digest('hex').slice(0, 40)}`;
const earlyKey = (traceId: string) => `early_${createHash('sha256').update(traceId).digest('hex').slice(0, 40)}`;

const media = () => getDb().collection(Collections.mediaChecks);
const held = () => getDb().collection(Collections.heldTexts);

/** getDb().command's `in` takes at most this many ids a query (CloudBase answers 100 rows a get by default). */
const IN_BATCH = 100;

export const mediaChecksRepository = {
  async get(fileID: string): Promise<MediaCheckDoc | undefined> {
    return docOf<MediaCheckDoc>(await media().doc(mediaKey(fileID)).get());
  },

  /** The checks of these files, by fileID (files never checked are absent). */
  async ofFiles(fileIDs: string[]): Promise<Map<string, MediaCheckDoc>> {
    const _ = getDb().command;
    const keys = [...new Set(fileIDs.map(mediaKey))];
    const out = new Map<string, MediaCheckDoc>();
    for (let i = 0; i < keys.length; i += IN_BATCH) {
      const res = await media().where({ _id: _.in(keys.slice(i, i + IN_BATCH)) }).limit(IN_BATCH).get();
      for (const d of res.data as MediaCheckDoc[]) out.set(d.fileID, d);
    }
    return out;
  },

  /** A new check (pending); false when the file was already checked (attached before). */
  async insertOnce(doc: MediaCheckDoc): Promise<boolean> {
    try {
      await media().add(doc);
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  },

  async setTrace(fileID: string, traceId: string): Promise<void> {
    await media().doc(mediaKey(fileID)).update({ traceId });
  },

  async addRef(fileID: string, ref: PhotoRef): Promise<void> {
    const _ = getDb().command;
    await media().doc(mediaKey(fileID)).update({ refs: _.push(ref) });
  },

  async byTrace(traceId: string): Promise<MediaCheckDoc | undefined> {
    const res = await media().where({ traceId }).limit(1).get();
    return (res.data as MediaCheckDoc[])[0];
  },

  /** Moves a pending (or review) check to its verdict once; false when another push got there first. */
  async decide(fileID: string, status: PhotoCheck, label: number | undefined, at: Date): Promise<boolean> {
    const _ = getDb().command;
    const res = await media()
      .where({ _id: mediaKey(fileID), status: _.in(['pending', 'review']) })
      .update({ status, decidedAt: at, ...(label === undefined ? {} : { label }) });
    return (res.updated ?? 0) > 0;
  },

  async keepEarly(doc: Omit<EarlyVerdictDoc, '_id'>): Promise<void> {
    try {
      await media().add({ _id: earlyKey(doc.traceId), ...doc });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  },

  async takeEarly(traceId: string): Promise<EarlyVerdictDoc | undefined> {
    const doc = docOf<EarlyVerdictDoc>(await media().doc(earlyKey(traceId)).get());
    if (doc) await media().doc(doc._id).remove();
    return doc;
  },
};

export const heldTextsRepository = {
  async get(id: string): Promise<HeldTextDoc | undefined> {
    return docOf<HeldTextDoc>(await held().doc(id).get());
  },

  async insert(doc: HeldTextDoc): Promise<void> {
    await held().add(doc);
  },

  async list(communityId: string, status: HeldStatus, cursor: string | undefined, limit: number): Promise<HeldTextDoc[]> {
    const _ = getDb().command;
    const res = await held()
      .where({ communityId, status, ...(cursor ? { sortKey: _.lt(cursor) } : {}) })
      .orderBy('sortKey', 'desc')
      .limit(limit)
      .get();
    return res.data as HeldTextDoc[];
  },

  /** held → released / rejected, once: false when someone decided it already. */
  async decide(id: string, status: Exclude<HeldStatus, 'held'>, by: { openid: string; name?: string }, at: Date): Promise<boolean> {
    const res = await held()
      .where({ _id: id, status: 'held' })
      .update({ status, decidedAt: at, decidedBy: by.openid, ...(by.name ? { decidedByName: by.name } : {}) });
    return (res.updated ?? 0) > 0;
  },
};
