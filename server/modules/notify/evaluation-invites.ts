/**
 * The invitation to rate a finished case (每年一回访's per-case evaluation): the person served is
 * invited once per case and round (one event per case and round, so one inbox item per person
 * however often the finishing act is retried). The module that finishes the case (tickets, qa,
 * clinic) sends it; revisit reads the cases and records the ratings, so the invitation lives here,
 * below all of them. Never fails the act that finished the case.
 */
import type { CaseKind } from '../../../core/api/revisit';
import { shanghaiDateTime } from '../../../core/rules/working-days';
import { thing } from '../../platform/subscribe-message';
import { notifyQuietly, type Notice } from './notices';

/** The app page where a case is rated. */
export const RATE_PAGE = 'revisit/pages/rate/index';

const CaseNames: Record<CaseKind, string> = { ticket: '诉求已办结，请评价', question: '问题已解答，请评价', consultation: '三师坐诊已完成，请评价' };

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

