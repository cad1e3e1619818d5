/**
 * Who hears about satisfaction: the person served is invited to rate a finished case (once per
 * case: the invitation is claimed before it is sent), and a campaign's pending enterprises are
 * reminded. The adapter never throws, and these helpers swallow their own failures: an
 * invitation never fails the act that finished the case.
 */
import type { CaseKind } from '../../../core/api/revisit';
import { shanghaiDateTime } from '../../../core/rules/working-days';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import { sendSubscribeMessage, thing } from '../../platform/subscribe-message';
import { invitesRepository } from './revisit.repository';

export const RATE_PAGE = 'revisit/pages/rate/index';
export const SURVEY_PAGE = 'revisit/pages/survey/index';

const CaseNames: Record<CaseKind, string> = { ticket: '诉求已办结，请评价', question: '问题已解答，请评价', consultation: '三师问诊已完成，请评价' };

/** The managers of an enterprise (up to 50; its workers, however many, are not read). */
export async function managersOf(enterpriseId: string): Promise<string[]> {
  const res = await getDb().collection(Collections.users).where({ enterpriseId, role: 'manager' }).limit(50).get();
  return (res.data as Array<{ _id: string }>).map((u) => u._id);
}

/**
 * Invites `to` to rate a finished case, once per case and round whatever happens later (a ticket
 * reopened after a poor rating and resolved again is a new round, rated anew). Answers how many
 * messages went out.
 */
export async function inviteToEvaluate(caseKind: CaseKind, caseId: string, title: string, to: string[] | (() => Promise<string[]>), at: Date, round = 0): Promise<number> {
  try {
    const people = [...new Set(typeof to === 'function' ? await to() : to)];
    if (people.length === 0) return 0;
    if (!(await invitesRepository.claim(caseKind, caseId, round, { to: people, at }))) return 0;
    const sent = await Promise.all(
      people.map((touser) =>
        sendSubscribeMessage({
          touser,
          template: 'evaluationInvite',
          page: `${RATE_PAGE}?caseKind=${caseKind}&caseId=${encodeURIComponent(caseId)}`,
          data: { thing1: thing(title), thing2: thing(CaseNames[caseKind]), time3: shanghaiDateTime(at) },
        }),
      ),
    );
    return sent.filter(Boolean).length;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'revisit.inviteToEvaluate', caseKind, caseId, error: String(e) }));
    return 0;
  }
}

/** A pending enterprise's managers: this year's survey awaits their answer. */
export async function remindSurvey(managers: string[], campaignId: string, year: number, at: Date): Promise<number> {
  try {
    const sent = await Promise.all(
      managers.map((touser) =>
        sendSubscribeMessage({
          touser,
          template: 'revisitReminder',
          page: `${SURVEY_PAGE}?campaignId=${encodeURIComponent(campaignId)}`,
          data: { thing1: thing(`${year} 年度满意度回访`), thing2: thing('请填写年度满意度问卷'), time3: shanghaiDateTime(at) },
        }),
      ),
    );
    return sent.filter(Boolean).length;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'revisit.remindSurvey', campaignId, error: String(e) }));
    return 0;
  }
}
