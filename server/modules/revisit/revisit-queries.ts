/** What the console reads of satisfaction: a campaign's answers (exports) and an enterprise's ratings (its timeline). */
import { getDb } from '../../db/client';
import { selection, type Selection } from '../../db/reads';
import { Collections } from '../../db/schema';
import { campaignsRepository, type EvaluationDoc, type ResponseDoc } from './revisit.repository';

export const revisitQueries = {
  /** The campaign's community, if it exists. */
  campaignCommunity: async (campaignId: string): Promise<string | undefined> => (await campaignsRepository.get(campaignId))?.communityId,
  /** Every answer of a campaign. */
  responsesOf: (campaignId: string): Selection<ResponseDoc> => selection<ResponseDoc>(Collections.surveyResponses, { campaignId }),
  /** An enterprise's ratings in a community, newest first (rated before `before` when given), up to `limit`: along the (enterprise, at) index. */
  async evaluationsOfEnterprise(communityId: string, enterpriseId: string, limit: number, before?: Date, fields?: Record<string, boolean>): Promise<EvaluationDoc[]> {
    const where: Record<string, unknown> = { enterpriseId, communityId };
    if (before) where.at = getDb().command.lt(before);
    let q = getDb().collection(Collections.evaluations).where(where);
    if (fields) q = q.field({ ...fields, _id: true, at: true });
    return (await q.orderBy('at', 'desc').limit(limit).get()).data as EvaluationDoc[];
  },
};
