/**
 * Who hears about what in 每日一问诊. Sending goes through the subscribe-message adapter, which
 * never throws: a notification never fails the act it reports.
 */
import { shanghaiDateTime } from '../../../core/rules/working-days';
import { sendSubscribeMessage, thing } from '../../platform/subscribe-message';
import { usersRepository } from '../user/user.repository';
import type { QuestionDoc } from './question.repository';

export const DETAIL_PAGE = 'qa/pages/detail/index';
/** Staff told about one overdue question (a community has a handful of staff). */
const MAX_STAFF_NOTIFIED = 50;

const pageOf = (q: QuestionDoc) => `${DETAIL_PAGE}?id=${q._id}`;

/** The asker: an answer arrived. */
export async function notifyAnswered(q: QuestionDoc, responderName: string | undefined, at: Date): Promise<boolean> {
  return sendSubscribeMessage({
    touser: q.askerOpenid,
    template: 'qaAnswered',
    page: pageOf(q),
    data: { thing1: thing(q.title), thing2: thing(responderName ?? '社区服务专窗'), time3: shanghaiDateTime(at) },
  });
}

/** The asker: the responder needs more details. */
export async function notifyInfoRequested(q: QuestionDoc, text: string, at: Date): Promise<boolean> {
  return sendSubscribeMessage({
    touser: q.askerOpenid,
    template: 'qaInfoRequested',
    page: pageOf(q),
    data: { thing1: thing(q.title), thing2: thing(text), time3: shanghaiDateTime(at) },
  });
}

/** Every staff member of the question's community: it is past its due time. Answers how many were sent. */
export async function notifyOverdue(q: QuestionDoc, staffOf: (communityId: string) => Promise<string[]>): Promise<number> {
  const staff = await staffOf(q.communityId);
  const due = q.dueAt ? shanghaiDateTime(new Date(q.dueAt)) : '';
  const sent = await Promise.all(
    staff.map((touser) =>
      sendSubscribeMessage({ touser, template: 'qaOverdue', page: pageOf(q), data: { thing1: thing(q.title), time2: due, phrase3: '已超时' } }),
    ),
  );
  return sent.filter(Boolean).length;
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
