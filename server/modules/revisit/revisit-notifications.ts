/**
 * Who hears about satisfaction: the person served is invited to rate a finished case (one event
 * per case and round, so one inbox item per person however often the finishing act is retried),
 * and a campaign's pending enterprises are reminded. Inbox items and the subscribe messages go
 * through server/modules/notify; these helpers never fail the act that finished the case.
 */
import type { CaseKind } from '../../../core/api/revisit';
import { shanghaiDate, shanghaiDateTime } from '../../../core/rules/working-days';
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import { thing } from '../../platform/subscribe-message';
import { notifyQuietly, type Notice } from '../notify/notices';

export const RATE_PAGE = 'revisit/pages/rate/index';
export const SURVEY_PAGE = 'revisit/pages/survey/index';

const CaseNames: Record<CaseKind, string> = { ticket: '诉求已办结，请评价', question: '问题已解答，请评价', consultation: '三师坐诊已完成，请评价' };

/** The managers of an enterprise (up to 50; its workers, however many, are not read). */
export async function managersOf(enterpriseId: string): Promise<string[]> {
  const res = await getDb().collection(Collections.users).where({ enterpriseId, role: 'manager' }).limit(50).get();
  return (res.data as Array<{ _id: string }>).map((u) => u._id);
}

/**
 * The invitation to rate a finished case: once per case and round (a ticket reopened after a poor
 * rating and resolved again is a new round, rated anew), one notice per person.
 */
export function evaluationNotices(caseKind: CaseKind, caseId: string, title: string, people: string[], at: Date, round = 0, communityId?: string): Notice[] {
  return [...new Set(people)].map((to) => ({
    event: `revisit.evaluate:${caseKind}:${caseId}:${round}`,
    to,
    kind: 'revisit.evaluate' as const,
    communityId,
    subject: title,
    page: `${RATE_PAGE}?caseKind=${caseKind}&caseId=${encodeURIComponent(caseId)}`,
    template: 'evaluationInvite' as const,
    data: { thing1: thing(title), thing2: thing(CaseNames[caseKind]), time3: shanghaiDateTime(at) },
    at,
  }));
}

/** Invites outside a transaction (the act's own write was a single update); answers how many messages went out. */
export async function inviteToEvaluate(caseKind: CaseKind, caseId: string, title: string, to: string[] | (() => Promise<string[]>), at: Date, round = 0): Promise<number> {
  try {
    const people = typeof to === 'function' ? await to() : to;
    return (await notifyQuietly(evaluationNotices(caseKind, caseId, title, people, at, round), at)).sent;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'revisit.inviteToEvaluate', caseKind, caseId, error: String(e) }));
    return 0;
  }
}

/** A pending enterprise's managers: this year's survey awaits their answer (one event per campaign, enterprise and day). */
export async function remindSurvey(managers: string[], campaignId: string, year: number, at: Date, enterpriseId = ''): Promise<number> {
  try {
    const day = shanghaiDate(at);
    const notices: Notice[] = managers.map((to) => ({
      event: `revisit.survey:${campaignId}:${enterpriseId}:${day}`,
      to,
      kind: 'revisit.survey',
      subject: `${year}`,
      page: `${SURVEY_PAGE}?campaignId=${encodeURIComponent(campaignId)}`,
      template: 'revisitReminder',
      data: { thing1: thing(`${year} 年度满意度回访`), thing2: thing('请填写年度满意度问卷'), time3: shanghaiDateTime(at) },
      at,
    }));
    return (await notifyQuietly(notices, at)).sent;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'revisit.remindSurvey', campaignId, error: String(e) }));
    return 0;
  }
}
