/** What the console reads of satisfaction: a campaign's answers (exports) and an enterprise's ratings (its timeline). */
import { ALL_INSTANTS, newestPage, selection, type InstantAfter, type Selection } from '../../db/reads';
import { Collections } from '../../db/schema';
import { campaignsRepository, type EvaluationDoc, type ResponseDoc } from './revisit.repository';

export const revisitQueries = {
  /** The campaign's community, if it exists. */
  campaignCommunity: async (campaignId: string): Promise<string | undefined> => (await campaignsRepository.get(campaignId))?.communityId,
  /** Every answer of a campaign. */
  responsesOf: (campaignId: string): Selection<ResponseDoc> => selection<ResponseDoc>(Collections.surveyResponses, { campaignId }),
  /** A page of an enterprise's ratings in a community, newest first by (at, _id), after `after`: along the (enterprise, at, _id) index. */
  evaluationsOfEnterprise(communityId: string, enterpriseId: string, limit: number, after?: InstantAfter, fields?: Record<string, boolean>): Promise<EvaluationDoc[]> {
    return newestPage<EvaluationDoc>(Collections.evaluations, { enterpriseId, communityId }, { field: 'at', ...ALL_INSTANTS }, limit, after, fields);
  },
};
