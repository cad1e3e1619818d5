/**
 * revisit — 满意度 (每年一回访): per-case evaluations and their follow-ups, the yearly campaigns and
 * survey forms. Owns `evaluations`, `follow_ups`, `survey_forms`, `survey_form_versions`,
 * `revisit_campaigns`, `revisit_targets`, `survey_responses`, `evaluation_invites`.
 * It reads the cases (tickets, qa, clinic) through their modules; it records a manager's rating of a
 * ticket for the tickets module (provided below, at import).
 */
import type { CappedCount } from '../../db/reads';
import { provideTicketEvaluator } from '../tickets';
import { evaluateTicket } from './evaluations.use-cases';
import { followUpsRepository } from './revisit.repository';

provideTicketEvaluator(evaluateTicket);

export * as campaignsUseCases from './campaigns.use-cases';
export * as evaluationsUseCases from './evaluations.use-cases';
export { pending } from './evaluations.use-cases';
export { revisitQueries } from './revisit-queries';
export type { EvaluationDoc, ResponseDoc } from './revisit.repository';
export const openFollowUpCount = (communityId: string, cap: number): Promise<CappedCount> => followUpsRepository.openCount(communityId, cap);
