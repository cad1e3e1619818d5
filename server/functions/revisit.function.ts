import { revisitContract } from '../../core/contract/revisit';
import { defineFunction } from '../kernel/define-function';
import { campaignsUseCases as campaigns, evaluationsUseCases as evaluations } from '../modules/revisit';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

/** `revisit`: the contract's actions (core/contract/revisit.ts) and their handlers. */
export const revisitFunction = defineFunction(revisitContract, {
  handlers: {
    pending: evaluations.pending,
    evaluate: evaluations.evaluate,
    getEvaluation: evaluations.getEvaluation,
    listEvaluations: evaluations.listEvaluations,
    listFollowUps: evaluations.listFollowUps,
    closeFollowUp: evaluations.closeFollowUp,
    saveForm: campaigns.saveForm,
    listForms: campaigns.listForms,
    getForm: campaigns.getForm,
    launchCampaign: campaigns.launchCampaign,
    listCampaigns: campaigns.listCampaigns,
    getCampaign: campaigns.getCampaign,
    campaignTargets: campaigns.campaignTargets,
    remind: campaigns.remind,
    closeCampaign: campaigns.closeCampaign,
    mySurveys: campaigns.mySurveys,
    answerSurvey: campaigns.answerSurvey,
    recordRevisit: campaigns.recordRevisit,
    responses: campaigns.responses,
    figures: evaluations.figures,
  },
});
