/** `revisit`: who may call each action and whether it writes (zod-free: the app reads `write` from it). */
import type { Policy } from './define';
import { CuratorRoles, ServedRoles, StaffRoles } from '../api/roles';

/** The people served: workers (questions, consultations) and managers (also their enterprise's tickets). */
const served = ServedRoles;
/** The staff side reads the figures, evaluations, forms, campaigns and follow-ups. */
const staffSide = StaffRoles;
/** Staff and admins act: forms, campaigns, reminders, recorded revisits, follow-ups. */
const curators = CuratorRoles;

export const revisitPolicy = {
  pending: { roles: served },
  evaluate: { roles: served, write: true },
  getEvaluation: { roles: [...served, ...staffSide] },
  listEvaluations: { roles: staffSide },
  listFollowUps: { roles: staffSide },
  closeFollowUp: { roles: curators, write: true },
  saveForm: { roles: curators, write: true },
  listForms: { roles: staffSide },
  getForm: { roles: staffSide },
  launchCampaign: { roles: curators, write: true },
  listCampaigns: { roles: staffSide },
  getCampaign: { roles: staffSide },
  campaignTargets: { roles: staffSide },
  remind: { roles: curators, write: true },
  closeCampaign: { roles: curators, write: true },
  mySurveys: { roles: ['manager'] },
  answerSurvey: { roles: ['manager'], write: true },
  recordRevisit: { roles: curators, write: true },
  responses: { roles: staffSide },
  figures: { roles: staffSide },
} as const satisfies Policy;
