import type { QaCategory, QuestionStatus } from '../../../core/api/qa';
import type { Profession } from '../../../core/api/roles';
import type { TextHold } from '../../../core/rules/moderation';
import { docOf, getDb } from '../../db/client';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';

/** One question. Its thread (answers, follow-ups) lives in qa_messages, never in here. */
export interface QuestionDoc {
  _id: string;
  communityId: string;
  askerOpenid: string;
  askerName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one (shown to English readers). */
  enterpriseNameEn?: string;
  anonymous: boolean;
  title: string;
  description: string;
  category: QaCategory;
  /** The volunteer profession that also answers this category, if any. */
  profession?: Profession;
  attachments: string[];
  status: QuestionStatus;
  claimedBy?: string;
  claimedByName?: string;
  /** Running deadline; null while paused (awaiting_info) or stopped (answered, solved). */
  dueAt: Date | null;
  /** Staff were told it went overdue (set once, by a conditional update). */
  overdueNotified: boolean;
  messageCount: number;
  /** The first answer (set once): when, and whether it came by the due time then running. */
  firstAnsweredAt?: Date;
  answeredOnTime?: boolean;
  faqId?: string;
  /** Held for staff (WeChat's text check answered review), or rejected by them (core/rules/moderation.ts). */
  held?: TextHold;
  createdAt: Date;
  updatedAt: Date;
}

export interface QuestionPage {
  /** createdAt of the last row seen. */
  cursor?: Date;
  limit: number;
}

/** Statuses whose deadline runs (dueAt set): the others are paused (awaiting_info) or stopped. */
const RUNNING_DEADLINE: readonly QuestionStatus[] = ['open', 'claimed'];

const col = (db: DbLike = getDb()) => db.collection(Collections.questions);

export const questionsRepository = {
  async get(id: string, db?: DbLike): Promise<QuestionDoc | undefined> {
    return docOf<QuestionDoc>(await col(db).doc(id).get());
  },

  async insert(doc: QuestionDoc, db?: DbLike): Promise<void> {
    await col(db).add(doc);
  },

  /** A field set to undefined in `patch` is removed from the document. */
  async update(id: string, patch: Partial<Omit<QuestionDoc, '_id'>>, db?: DbLike): Promise<void> {
    const _ = getDb().command;
    const ops = Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v === undefined ? _.remove() : v]));
    await col(db).doc(id).update(ops);
  },

  /** Claims an open question: exactly one of concurrent callers gets true. */
  /** Takes a photo WeChat rejected off the question. */
  async pullAttachment(id: string, fileID: string): Promise<void> {
    const _ = getDb().command;
    await col().doc(id).update({ attachments: _.pull(fileID) });
  },

  /** Sets or clears the hold (staff released or rejected the text). */
  async setHeld(id: string, held: TextHold | undefined, at: Date): Promise<void> {
    const _ = getDb().command;
    await col().doc(id).update({ held: held ?? _.remove(), updatedAt: at });
  },

  async claimIfOpen(id: string, patch: { claimedBy: string; claimedByName?: string; updatedAt: Date }): Promise<boolean> {
    const res = await col().where({ _id: id, status: 'open' }).update({ ...patch, status: 'claimed' });
    return res.updated === 1;
  },

  /** Sets the overdue flag once: true only for the call that set it. */
  async flagOverdueOnce(id: string, at: Date): Promise<boolean> {
    const res = await col().where({ _id: id, overdueNotified: false }).update({ overdueNotified: true, updatedAt: at });
    return res.updated === 1;
  },

  /** Past their due time and not yet flagged, across communities (the timer). */
  async overdueUnflagged(now: Date, limit: number): Promise<QuestionDoc[]> {
    const _ = getDb().command;
    const res = await col().where({ overdueNotified: false, dueAt: _.lte(now) }).limit(limit).get();
    return res.data as QuestionDoc[];
  },

  /** The asker's own, newest first; a manager's also include their enterprise's. */
  async listForAsker(
    filter: { communityId: string; askerOpenid: string; enterpriseId?: string; status?: QuestionStatus },
    page: QuestionPage,
  ): Promise<QuestionDoc[]> {
    const _ = getDb().command;
    const base: Record<string, unknown> = { communityId: filter.communityId };
    if (filter.status) base.status = filter.status;
    if (page.cursor) base.createdAt = _.lt(page.cursor);
    const who = filter.enterpriseId ? _.or([{ askerOpenid: filter.askerOpenid }, { enterpriseId: filter.enterpriseId }]) : { askerOpenid: filter.askerOpenid };
    const res = await col().where(_.and([who, base])).orderBy('createdAt', 'desc').limit(page.limit).get();
    return res.data as QuestionDoc[];
  },

  /**
   * A responder's queue, oldest first. One query per status, merged: with the status an equality,
   * the (community | profession, status, createdAt) index yields the order and a query reads its
   * page; a `status in [...]` would make the index walk every question of those statuses to sort
   * them (the whole backlog of open and claimed ones, growing with history).
   */
  async listQueue(
    filter: { communityId: string; statuses: readonly QuestionStatus[]; profession?: Profession; category?: QaCategory; dueBefore?: Date },
    page: QuestionPage,
  ): Promise<QuestionDoc[]> {
    const _ = getDb().command;
    // A paused or stopped question has no running deadline (dueAt null): never overdue.
    const statuses = [...new Set(filter.statuses)].filter((s) => !filter.dueBefore || RUNNING_DEADLINE.includes(s));
    const pages = await Promise.all(
      statuses.map(async (status) => {
        const where: Record<string, unknown> = { communityId: filter.communityId, status };
        if (filter.profession) where.profession = filter.profession;
        if (filter.category) where.category = filter.category;
        if (filter.dueBefore) where.dueAt = _.lt(filter.dueBefore);
        if (page.cursor) where.createdAt = _.gt(page.cursor);
        const res = await col().where(where).orderBy('createdAt', 'asc').limit(page.limit).get();
        return res.data as QuestionDoc[];
      }),
    );
    return pages
      .flat()
      .sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime())
      .slice(0, page.limit);
  },
};

/** The link back from a question to the ticket (enterprise demand) it became: a command the tickets module calls. */
export async function linkQuestionToTicket(questionId: string, ticketId: string): Promise<void> {
  await col().doc(questionId).update({ ticketId });
}
