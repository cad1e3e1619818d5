/**
 * Satisfaction data (function `revisit`): evaluations, follow-up tasks, survey forms and their
 * versions, the yearly campaigns, their targets and responses, and once-only invitations. Every
 * "only once" is an insert under a unique `_id` (an evaluation per case and person, a campaign per
 * community and year, a response per campaign and enterprise) or a conditional update (a reminder
 * per target and day), never a read-then-write.
 */
import type { CaseKind, FollowUpStatus, Localized, RevisitVia, Scores, SurveyAnswer, SurveyQuestion } from '../../../core/api/revisit';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { Collections } from '../../db/schema';
import { cappedCount, type CappedCount, type PageAfter } from '../../db/reads';
import type { DbLike } from '../../db/transaction';
import { consultationQueries } from '../clinic';
import { questionQueries, type AnsweredQuestionRow } from '../qa';
import { ticketQueries, type ResolvedTicketRow } from '../tickets';

export interface EvaluationDoc {
  /** <caseKind>:<caseId>:<raterOpenid> */
  _id: string;
  communityId: string;
  caseKind: CaseKind;
  caseId: string;
  caseTitle: string;
  raterOpenid: string;
  raterName?: string;
  raterRole: string;
  scores: Scores;
  overall: number;
  comment?: string;
  at: Date;
  /** Beijing calendar year and 'YYYY-MM' of `at` (figures group by them). */
  year: number;
  month: string;
  /** The case's own category: a ticket or Q&A category, a consultation's profession. */
  category: string;
  /** <caseKind>.<category>, e.g. ticket.permit (figures' byCategory). */
  categoryKey: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** A ticket's lead unit. */
  unitId?: string;
  unitName?: string;
  /** Who answered the question / sat the consultation. */
  volunteerOpenid?: string;
  volunteerName?: string;
  /** 1 when overall ≥ SATISFIED_SCORE, 1 when 5, 1 when 1–3: the figures sum them. */
  satisfied: 0 | 1;
  promoter: 0 | 1;
  detractor: 0 | 1;
  consequence?: { kind: 'reopened' | 'follow_up'; followUpId?: string };
}

export interface FollowUpDoc {
  _id: string;
  communityId: string;
  source: { kind: 'evaluation' | 'survey'; id: string };
  caseKind?: CaseKind;
  caseId?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  reason: string;
  score: number;
  status: FollowUpStatus;
  createdAt: Date;
  resolution?: string;
  doneAt?: Date;
  doneBy?: string;
  doneByName?: string;
}

export interface FormDoc {
  _id: string;
  communityId: string;
  title: Localized;
  version: number;
  questions: SurveyQuestion[];
  updatedAt: Date;
  updatedBy: string;
  updatedByName?: string;
}

/** _id = <formId>:<version>; never changed once written. */
export interface FormVersionDoc extends Omit<FormDoc, '_id'> {
  _id: string;
  formId: string;
}

export interface CampaignDoc {
  /** <communityId>:<year> */
  _id: string;
  communityId: string;
  year: number;
  formId: string;
  formVersion: number;
  title: Localized;
  status: 'open' | 'closed';
  launchedAt: Date;
  launchedBy: string;
  closedAt?: Date;
  targets: number;
  responded: number;
  /** Responses that had a score: their sum, their count, and how many were satisfied. */
  scoreSum: number;
  scored: number;
  satisfied: number;
}

export interface TargetDoc {
  /** <campaignId>:<enterpriseId> */
  _id: string;
  campaignId: string;
  communityId: string;
  year: number;
  enterpriseId: string;
  enterpriseName: string;
  served: { tickets: number; questions: number; consultations: number };
  status: 'pending' | 'answered';
  answeredAt?: Date;
  via?: RevisitVia;
  recordedBy?: string;
  recordedByName?: string;
  contactName?: string;
  reminders: number;
  lastRemindedAt?: Date;
  /** Beijing 'YYYY-MM-DD' of the last reminder: at most one a day. */
  lastRemindedDay?: string;
  score?: number;
  followUpId?: string;
}

export interface ResponseDoc {
  /** <campaignId>:<enterpriseId> */
  _id: string;
  campaignId: string;
  communityId: string;
  enterpriseId: string;
  enterpriseName: string;
  formId: string;
  formVersion: number;
  answers: SurveyAnswer[];
  via: RevisitVia;
  /** When the enterprise answered (a recorded revisit: when the call or visit took place). */
  at: Date;
  recordedAt: Date;
  by: string;
  byName?: string;
  contactName?: string;
  score?: number;
  followUpId?: string;
}

const db = () => getDb();
const col = (name: string, tx?: DbLike) => (tx ?? db()).collection(name);
const MAX = 1000;

/**
 * One evaluation per case, person and round: a ticket the manager reopened and that was resolved
 * again is a new round (its reopenCount), rated anew; questions and consultations have one round.
 */
export const evaluationId = (caseKind: CaseKind, caseId: string, openid: string, round = 0) => `${caseKind}:${caseId}:${openid}${round > 0 ? `:${round}` : ''}`;
export const campaignIdOf = (communityId: string, year: number) => `${communityId}:${year}`;
export const targetIdOf = (campaignId: string, enterpriseId: string) => `${campaignId}:${enterpriseId}`;
export const formVersionId = (formId: string, version: number) => `${formId}:${version}`;

async function insertOnce(name: string, doc: { _id: string }, tx?: DbLike): Promise<boolean> {
  try {
    await col(name, tx).add(doc);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export const evaluationsRepository = {
  get: async (id: string) => docOf<EvaluationDoc>(await col(Collections.evaluations).doc(id).get()),
  /** False when this person already rated this case. */
  insertOnce: (doc: EvaluationDoc) => insertOnce(Collections.evaluations, doc),
  /** Undoes an insert whose consequence could not be written. */
  remove: async (id: string) => {
    await col(Collections.evaluations).doc(id).remove();
  },
  async byIds(ids: string[]): Promise<EvaluationDoc[]> {
    if (ids.length === 0) return [];
    const res = await col(Collections.evaluations).where({ _id: db().command.in(ids) }).limit(MAX).get();
    return res.data as EvaluationDoc[];
  },
  /** Of one case, by anyone (the staff's view). */
  async ofCase(caseKind: CaseKind, caseId: string): Promise<EvaluationDoc[]> {
    const res = await col(Collections.evaluations).where({ caseId, caseKind }).limit(50).get();
    return res.data as EvaluationDoc[];
  },
  async page(communityId: string, filter: { before?: Date; caseKind?: CaseKind; maxOverall?: number }, limit: number): Promise<EvaluationDoc[]> {
    const _ = db().command;
    const where: Record<string, unknown> = { communityId };
    if (filter.before) where.at = _.lt(filter.before);
    if (filter.caseKind) where.caseKind = filter.caseKind;
    if (filter.maxOverall !== undefined) where.overall = _.lte(filter.maxOverall);
    const res = await col(Collections.evaluations).where(where).orderBy('at', 'desc').limit(limit).get();
    return res.data as EvaluationDoc[];
  },
  /**
   * The year's evaluations of a community grouped by `key` (a field name, or null for all):
   * count, sum of overall, satisfied, promoters, detractors — an indexed $match, then $group.
   */
  async groupBy(communityId: string, year: number, key: string | null): Promise<GroupRow[]> {
    const $ = db().command.aggregate;
    const res = await col(Collections.evaluations)
      .aggregate()
      .match({ communityId, year })
      .group({
        _id: key ? `$${key}` : null,
        count: $.sum(1),
        sum: $.sum('$overall'),
        satisfied: $.sum('$satisfied'),
        promoters: $.sum('$promoter'),
        detractors: $.sum('$detractor'),
        label: $.first(labelField(key)),
      })
      .limit(MAX)
      .end();
    return (res.data ?? []) as GroupRow[];
  },
};

function labelField(key: string | null): string {
  if (key === 'unitId') return '$unitName';
  if (key === 'volunteerOpenid') return '$volunteerName';
  return '$categoryKey';
}

export interface GroupRow {
  _id: string | null;
  count: number;
  sum: number;
  satisfied: number;
  promoters: number;
  detractors: number;
  label?: string;
}

export const followUpsRepository = {
  get: async (id: string, tx?: DbLike) => docOf<FollowUpDoc>(await col(Collections.followUps, tx).doc(id).get()),
  insert: (doc: FollowUpDoc, tx?: DbLike) => insertOnce(Collections.followUps, doc, tx),
  remove: async (id: string) => {
    await col(Collections.followUps).doc(id).remove();
  },
  /** Open follow-ups of a community (home's 待办): one indexed count. */
  /** Open tasks (home's 待办), counted up to `cap` along the (community, status, createdAt) index. */
  openCount: (communityId: string, cap: number): Promise<CappedCount> => cappedCount(Collections.followUps, { communityId, status: 'open' }, cap),
  async page(communityId: string, filter: { status?: FollowUpStatus; before?: Date }, limit: number): Promise<FollowUpDoc[]> {
    const _ = db().command;
    const where: Record<string, unknown> = { communityId };
    if (filter.status) where.status = filter.status;
    if (filter.before) where.createdAt = _.lt(filter.before);
    const res = await col(Collections.followUps).where(where).orderBy('createdAt', 'desc').limit(limit).get();
    return res.data as FollowUpDoc[];
  },
  /** Closes an open task: false when it was already done (or someone closed it first). */
  async closeIfOpen(id: string, patch: { resolution: string; doneAt: Date; doneBy: string; doneByName?: string }): Promise<boolean> {
    const res = await col(Collections.followUps).where({ _id: id, status: 'open' }).update({ ...patch, status: 'done' });
    return res.updated === 1;
  },
};

export const formsRepository = {
  get: async (id: string, tx?: DbLike) => docOf<FormDoc>(await col(Collections.surveyForms, tx).doc(id).get()),
  async put(doc: FormDoc, tx: DbLike): Promise<void> {
    const { _id, ...rest } = doc;
    await col(Collections.surveyForms, tx).doc(_id).set(rest);
  },
  async byCommunity(communityId: string): Promise<FormDoc[]> {
    const res = await col(Collections.surveyForms).where({ communityId }).orderBy('updatedAt', 'desc').limit(100).get();
    return res.data as FormDoc[];
  },
  version: async (formId: string, version: number) => docOf<FormVersionDoc>(await col(Collections.surveyFormVersions).doc(formVersionId(formId, version)).get()),
  /** Adds version N; fails (duplicate key) when another save took N first. */
  async addVersion(doc: FormVersionDoc, tx: DbLike): Promise<void> {
    await col(Collections.surveyFormVersions, tx).add(doc);
  },
};

export const campaignsRepository = {
  get: async (id: string, tx?: DbLike) => docOf<CampaignDoc>(await col(Collections.campaigns, tx).doc(id).get()),
  /** False when the community already has this year's campaign. */
  insertOnce: (doc: CampaignDoc) => insertOnce(Collections.campaigns, doc),
  remove: async (id: string) => {
    await col(Collections.campaigns).doc(id).remove();
  },
  async byCommunity(communityId: string, status?: 'open' | 'closed'): Promise<CampaignDoc[]> {
    const where: Record<string, unknown> = { communityId };
    if (status) where.status = status;
    const res = await col(Collections.campaigns).where(where).orderBy('year', 'desc').limit(100).get();
    return res.data as CampaignDoc[];
  },
  async closeIfOpen(id: string, at: Date): Promise<boolean> {
    const res = await col(Collections.campaigns).where({ _id: id, status: 'open' }).update({ status: 'closed', closedAt: at });
    return res.updated === 1;
  },
  async update(id: string, patch: Record<string, unknown>, tx: DbLike): Promise<void> {
    await col(Collections.campaigns, tx).doc(id).update(patch);
  },
};

export const targetsRepository = {
  get: async (id: string, tx?: DbLike) => docOf<TargetDoc>(await col(Collections.campaignTargets, tx).doc(id).get()),
  insert: (doc: TargetDoc) => insertOnce(Collections.campaignTargets, doc),
  async removeOfCampaign(campaignId: string): Promise<void> {
    await col(Collections.campaignTargets).where({ campaignId }).remove();
  },
  async update(id: string, patch: Record<string, unknown>, tx: DbLike): Promise<void> {
    await col(Collections.campaignTargets, tx).doc(id).update(patch);
  },
  /** A campaign's targets, by enterprise id, after `after`. */
  async page(campaignId: string, filter: { status?: 'pending' | 'answered'; after?: string }, limit: number): Promise<TargetDoc[]> {
    const _ = db().command;
    const where: Record<string, unknown> = { campaignId };
    if (filter.status) where.status = filter.status;
    if (filter.after) where.enterpriseId = _.gt(filter.after);
    const res = await col(Collections.campaignTargets).where(where).orderBy('enterpriseId', 'asc').limit(limit).get();
    return res.data as TargetDoc[];
  },
  /** Claims today's reminder of a pending target: false when it was reminded today already or has answered. */
  async claimReminder(id: string, day: string, at: Date): Promise<boolean> {
    const _ = db().command;
    const res = await col(Collections.campaignTargets)
      .where({ _id: id, status: 'pending', lastRemindedDay: _.neq(day) })
      .update({ lastRemindedDay: day, lastRemindedAt: at, reminders: _.inc(1) });
    return res.updated === 1;
  },
};

export const responsesRepository = {
  get: async (id: string) => docOf<ResponseDoc>(await col(Collections.surveyResponses).doc(id).get()),
  async add(doc: ResponseDoc, tx: DbLike): Promise<void> {
    await col(Collections.surveyResponses, tx).add(doc);
  },
  async page(campaignId: string, after: string | undefined, limit: number): Promise<ResponseDoc[]> {
    const _ = db().command;
    const where: Record<string, unknown> = { campaignId };
    if (after) where.enterpriseId = _.gt(after);
    const res = await col(Collections.surveyResponses).where(where).orderBy('enterpriseId', 'asc').limit(limit).get();
    return res.data as ResponseDoc[];
  },
};

/** Once-only invitations to rate a case (_id = <caseKind>:<caseId>): claimed before sending. */
export const invitesRepository = {
  claim: (caseKind: CaseKind, caseId: string, round: number, body: { to: string[]; at: Date }) =>
    insertOnce(Collections.evaluationInvites, { _id: `${caseKind}:${caseId}${round > 0 ? `:${round}` : ''}`, ...body }),
};

/** Who served whom in a Beijing year: enterprise id → count, asked of the modules that own the cases. */
export const servedRepository = {
  tickets: (communityId: string, from: Date, to: Date): Promise<Map<string, number>> => ticketQueries.submittedByEnterprise(communityId, from, to),
  questions: (communityId: string, from: Date, to: Date): Promise<Map<string, number>> => questionQueries.askedByEnterprise(communityId, from, to),
  /** Consultations not cancelled nor missed, by the sessions' months (monthKey <community>:<YYYY-MM>). */
  consultations: (monthKeys: string[]): Promise<Map<string, number>> => consultationQueries.heldByEnterprise(monthKeys),
};

/** The finished cases a person may still rate (the in-app invitation), asked of the cases' modules. */
export const finishedCasesRepository = {
  /** An enterprise's tickets resolved since `since` (awaiting evaluation), newest first, a page after `after`. */
  resolvedTickets: (enterpriseId: string, since: Date, after: PageAfter | undefined, limit: number): Promise<ResolvedTicketRow[]> => ticketQueries.resolvedPage(enterpriseId, since, after, limit),
  /** A person's answered or solved questions, last changed since `since`, newest first, a page after `after`. */
  answeredQuestions: (askerOpenid: string, since: Date, after: PageAfter | undefined, limit: number): Promise<AnsweredQuestionRow[]> => questionQueries.answeredPage(askerOpenid, since, after, limit),
  /** A person's attended consultations with an outcome recorded since `since`, newest first, a page after `after`. */
  attendedConsultations: (bookerId: string, since: Date, after: PageAfter | undefined, limit: number) => consultationQueries.attendedPage(bookerId, since, after, limit),
};
