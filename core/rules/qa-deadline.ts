/**
 * 每日一问诊 rules: when an answer is due, whether it is late, and which status changes each act
 * makes. Pure: time is an argument.
 */
import type { QuestionStatus } from '../api/qa';
import { endOfWorkingDay, nextWorkingDay, shanghaiDate, type WorkingCalendar } from './working-days';

/**
 * An answer is due by the end of the next working day after `from` (the question, or the asker's
 * reply to a request for details: the clock paused while the responder waited for them).
 */
export function answerDueAt(from: Date, cal: WorkingCalendar): Date {
  return endOfWorkingDay(nextWorkingDay(cal, shanghaiDate(from)));
}

/** Late: the due time has passed while the question still waits for a responder. */
export function isOverdue(dueAt: Date | string | undefined | null, now: Date): boolean {
  return !!dueAt && new Date(dueAt).getTime() < now.getTime();
}

export type QaAct = 'claim' | 'release' | 'answer' | 'requestInfo' | 'reply' | 'solve';

/**
 * The state machine: for each act, the statuses it may start from and where each leads.
 * `reply` is the asker adding details (to a request for them, or before anyone answered) or
 * following up on an answer: the question goes back to its responder.
 */
export const QaTransitions: Record<QaAct, Partial<Record<QuestionStatus, QuestionStatus>>> = {
  claim: { open: 'claimed' },
  release: { claimed: 'open' },
  answer: { claimed: 'answered' },
  requestInfo: { claimed: 'awaiting_info' },
  reply: { open: 'open', claimed: 'claimed', awaiting_info: 'claimed', answered: 'claimed' },
  solve: { open: 'solved', claimed: 'solved', awaiting_info: 'solved', answered: 'solved' },
};

/** The status `act` leads to from `from`, or undefined when the act is not allowed there. */
export function nextStatus(act: QaAct, from: QuestionStatus): QuestionStatus | undefined {
  return QaTransitions[act][from];
}

/** Statuses in which a responder owes the asker something (the deadline clock runs). */
export const WAITING_ON_RESPONDER: readonly QuestionStatus[] = ['open', 'claimed'];

/**
 * The due time after an act: stopped (undefined) once nothing is owed (answered, solved) or
 * paused (awaiting_info); restarted from `at` when the question comes back to the responder
 * (the asker replied to a request or followed up); otherwise the running one is kept.
 */
export function dueAfter(act: QaAct, from: QuestionStatus, at: Date, current: Date | undefined, cal: WorkingCalendar): Date | undefined {
  const to = nextStatus(act, from);
  if (!to || !WAITING_ON_RESPONDER.includes(to)) return undefined;
  return WAITING_ON_RESPONDER.includes(from) ? current : answerDueAt(at, cal);
}
