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
  /** An enterprise's ratings in a community (up to `limit`). */
  async evaluationsOfEnterprise(communityId: string, enterpriseId: string, limit: number): Promise<EvaluationDoc[]> {
    return (await getDb().collection(Collections.evaluations).where({ communityId, enterpriseId }).limit(limit).get()).data as EvaluationDoc[];
  },
};
