/** What other modules read of questions: counts (home's 待办), who asked (revisit), answered questions to rate. */
import { ALL_INSTANTS, cappedCount, countsByEnterprise, newestPage, type CappedCount, timeSelection, type InstantAfter, type PageAfter, type Selection } from '../../db/reads';
import { QuestionStatuses } from '../../../core/api/qa';
import type { QuestionDoc } from './question.repository';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';

const count = (where: Record<string, unknown>, cap: number): Promise<CappedCount> => cappedCount(Collections.questions, where, cap);

/** Backlogs of open questions (home's 待办), each counted up to `cap` (a page of ids along its index, not the backlog). */
export const questionCounts = {
  awaitingInfo: (askerOpenid: string, cap: number) => count({ askerOpenid, status: 'awaiting_info' }, cap),
  open: (communityId: string, profession: string | undefined, cap: number) => count(profession ? { profession, status: 'open', communityId } : { communityId, status: 'open' }, cap),
};

export interface AnsweredQuestionRow {
  _id: string;
  communityId: string;
  title: string;
  status: string;
  claimedByName?: string;
  updatedAt: Date;
}

export const questionQueries = {
  /** Questions asked in [from, to) per enterprise (the year's served enterprises). */
  askedByEnterprise: (communityId: string, from: Date, to: Date) => countsByEnterprise(Collections.questions, { communityId, createdAt: getDb().command.gte(from).and(getDb().command.lt(to)) }),
  /**
   * A person's answered or solved questions last changed since `since`, newest first (updatedAt,
   * then _id), after a position (revisit.pending's cursor): along the (asker, updatedAt, _id)
   * index, a page of `limit` plus the person's unfinished questions met on the way, not their history.
   */
  async answeredPage(askerOpenid: string, since: Date, after: PageAfter | undefined, limit: number): Promise<AnsweredQuestionRow[]> {
    const _ = getDb().command;
    const conds: object[] = [{ askerOpenid }, { updatedAt: _.gte(since) }, { status: _.in(['answered', 'solved']) }];
    if (after) conds.push({ updatedAt: _.lte(after.at) }, _.or([{ updatedAt: _.lt(after.at) }, { _id: after.inclusive ? _.lte(after.id) : _.lt(after.id) }]));
    const res = await getDb().collection(Collections.questions).where(_.and(conds)).orderBy('updatedAt', 'desc').orderBy('_id', 'desc').limit(limit).get();
    return res.data as AnsweredQuestionRow[];
  },
  /** A community's questions asked in [start, end), optionally of some categories (the console's lists and exports). */
  askedBetween(communityId: string, start: Date, end: Date, categories?: readonly string[]): Selection<QuestionDoc> {
    const where: Record<string, unknown> = { communityId };
    if (categories) where.category = getDb().command.in([...categories]);
    // Read per status: the (community, status, createdAt) index gives the time order only with the status an equality.
    return timeSelection<QuestionDoc>(Collections.questions, where, { field: 'createdAt', from: start, to: end, each: { field: 'status', values: QuestionStatuses } });
  },
  /** A page of a community's questions asked in [start, end), newest first (createdAt, _id), after `after`, optionally of some categories: along the (community, createdAt, _id) index. */
  newestBetween(communityId: string, start: Date, end: Date, opts: { categories?: readonly string[]; limit: number; after?: InstantAfter; fields?: Record<string, boolean> }): Promise<QuestionDoc[]> {
    const where: Record<string, unknown> = { communityId };
    if (opts.categories) where.category = getDb().command.in([...opts.categories]);
    return newestPage<QuestionDoc>(Collections.questions, where, { field: 'createdAt', from: start, to: end }, opts.limit, opts.after, opts.fields);
  },
  /** A page of an enterprise's questions in a community (its timeline), newest first by (createdAt, _id), after `after`: along the (enterprise, createdAt, _id) index. */
  ofEnterprise(communityId: string, enterpriseId: string, limit: number, after?: InstantAfter, fields?: Record<string, boolean>): Promise<QuestionDoc[]> {
    return newestPage<QuestionDoc>(Collections.questions, { enterpriseId, communityId }, { field: 'createdAt', ...ALL_INSTANTS }, limit, after, fields);
  },
};
