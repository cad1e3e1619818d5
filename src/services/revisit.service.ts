import type { RevisitActions } from '@core/api/revisit';
import { callFunction } from './call-function';

type In<A extends keyof RevisitActions> = RevisitActions[A]['in'];
const write = (idempotencyKey?: string) => ({ write: true, idempotencyKey });

/** `revisit` (满意度): case evaluations, survey forms, the yearly revisit campaign, follow-ups and figures. */
export const revisitService = {
  pending: () => callFunction('revisit', 'pending', {}),
  evaluate: (data: In<'evaluate'>, idempotencyKey?: string) => callFunction('revisit', 'evaluate', data, write(idempotencyKey)),
  getEvaluation: (data: In<'getEvaluation'>) => callFunction('revisit', 'getEvaluation', data),
  listEvaluations: (data: In<'listEvaluations'>) => callFunction('revisit', 'listEvaluations', data),
  listFollowUps: (data: In<'listFollowUps'>) => callFunction('revisit', 'listFollowUps', data),
  closeFollowUp: (data: In<'closeFollowUp'>, idempotencyKey?: string) => callFunction('revisit', 'closeFollowUp', data, write(idempotencyKey)),
  saveForm: (data: In<'saveForm'>, idempotencyKey?: string) => callFunction('revisit', 'saveForm', data, write(idempotencyKey)),
  listForms: () => callFunction('revisit', 'listForms', {}),
  getForm: (data: In<'getForm'>) => callFunction('revisit', 'getForm', data),
  launchCampaign: (data: In<'launchCampaign'>, idempotencyKey?: string) => callFunction('revisit', 'launchCampaign', data, write(idempotencyKey)),
  listCampaigns: () => callFunction('revisit', 'listCampaigns', {}),
  getCampaign: (data: In<'getCampaign'>) => callFunction('revisit', 'getCampaign', data),
  campaignTargets: (data: In<'campaignTargets'>) => callFunction('revisit', 'campaignTargets', data),
  remind: (data: In<'remind'>, idempotencyKey?: string) => callFunction('revisit', 'remind', data, write(idempotencyKey)),
  closeCampaign: (data: In<'closeCampaign'>, idempotencyKey?: string) => callFunction('revisit', 'closeCampaign', data, write(idempotencyKey)),
  mySurveys: () => callFunction('revisit', 'mySurveys', {}),
  answerSurvey: (data: In<'answerSurvey'>, idempotencyKey?: string) => callFunction('revisit', 'answerSurvey', data, write(idempotencyKey)),
  recordRevisit: (data: In<'recordRevisit'>, idempotencyKey?: string) => callFunction('revisit', 'recordRevisit', data, write(idempotencyKey)),
  responses: (data: In<'responses'>) => callFunction('revisit', 'responses', data),
  figures: (data: In<'figures'>) => callFunction('revisit', 'figures', data),
};
