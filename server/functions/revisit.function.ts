import { revisitContract } from '../../core/contract/revisit';
import { defineFunction } from '../kernel/define-function';
import * as campaigns from '../modules/revisit/campaigns.use-cases';
import * as evaluations from '../modules/revisit/evaluations.use-cases';

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
