/**
 * Who hears about what in 每日一问诊: each builds the notices of one event (server/modules/notify
 * writes them as inbox items and tries the subscribe message).
 */
import { shanghaiDateTime } from '../../../core/rules/working-days';
import { thing } from '../../platform/subscribe-message';
import type { Notice } from '../notify';
import { usersRepository } from '../organisation';
import type { QuestionDoc } from './question.repository';

export const DETAIL_PAGE = 'qa/pages/detail/index';
/** Staff told about one overdue question (a community has a handful of staff). */
const MAX_STAFF_NOTIFIED = 50;

const pageOf = (q: QuestionDoc) => `${DETAIL_PAGE}?id=${q._id}`;

/** The asker: an answer arrived (one event per answer message). */
export function answeredNotice(q: QuestionDoc, messageId: string, responderName: string | undefined, at: Date): Notice {
  return {
    event: `qa.answered:${messageId}`,
    to: q.askerOpenid,
    kind: 'qa.answered',
    communityId: q.communityId,
    subject: q.title,
    page: pageOf(q),
    template: 'qaAnswered',
    data: { thing1: thing(q.title), thing2: thing(responderName ?? '社区服务专窗'), time3: shanghaiDateTime(at) },
    at,
  };
}

/** The asker: the responder needs more details. */
export function infoRequestedNotice(q: QuestionDoc, messageId: string, text: string, at: Date): Notice {
  return {
    event: `qa.info_requested:${messageId}`,
    to: q.askerOpenid,
    kind: 'qa.info_requested',
    communityId: q.communityId,
    subject: q.title,
    page: pageOf(q),
    template: 'qaInfoRequested',
    data: { thing1: thing(q.title), thing2: thing(text), time3: shanghaiDateTime(at) },
    at,
  };
}

/**
 * The community's staff and the responder who holds it: the question passed its due time. One
 * event per deadline (a deadline restarted after a request for details is a new one).
 */
export async function overdueNotices(q: QuestionDoc, staffOf: (communityId: string) => Promise<string[]>, at: Date): Promise<Notice[]> {
  const due = q.dueAt ? new Date(q.dueAt) : at;
  const to = [...(await staffOf(q.communityId)), ...(q.claimedBy ? [q.claimedBy] : [])];
  return to.map((touser) => ({
    event: `qa.overdue:${q._id}:${due.toISOString()}`,
    to: touser,
    kind: 'qa.overdue' as const,
    communityId: q.communityId,
    subject: q.title,
    page: pageOf(q),
    template: 'qaOverdue' as const,
    data: { thing1: thing(q.title), time2: shanghaiDateTime(due), phrase3: '已超时' },
    at,
  }));
}

/** Staff openids of a community, read once per community per run. */
export function staffDirectory(): (communityId: string) => Promise<string[]> {
  const cache = new Map<string, Promise<string[]>>();
  return (communityId) => {
    let hit = cache.get(communityId);
    if (!hit) {
      hit = usersRepository.list({ communityId, role: 'staff' }, { limit: MAX_STAFF_NOTIFIED }).then((rows) => rows.map((u) => u._id));
      cache.set(communityId, hit);
    }
    return hit;
  };
}
