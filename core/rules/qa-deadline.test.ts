process.env.TZ = 'Asia/Shanghai';
import { PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import { QuestionStatuses } from '../api/qa';
import { answerDueAt, dueAfter, isOverdue, nextStatus, QaTransitions, type QaAct } from './qa-deadline';

const at = (s: string) => new Date(s);
const due = (s: string) => answerDueAt(at(s), CAL).toISOString();

describe('answer deadline: end of the next working day, 18:00 Asia/Shanghai', () => {
  it.each([
    ['an ordinary Tuesday morning', '2026-03-03T09:00:00+08:00', '2026-03-04T18:00:00+08:00'],
    ['a Friday evening, after hours', '2026-03-06T20:30:00+08:00', '2026-03-09T18:00:00+08:00'],
    ['a plain Saturday', '2026-03-07T10:00:00+08:00', '2026-03-09T18:00:00+08:00'],
    ['the Friday before Spring Festival: due on the 调休 Saturday', '2026-02-13T10:00:00+08:00', '2026-02-14T18:00:00+08:00'],
    ['the 调休 Saturday itself: due after the whole holiday', '2026-02-14T09:00:00+08:00', '2026-02-24T18:00:00+08:00'],
    ['during the holiday (除夕)', '2026-02-16T12:00:00+08:00', '2026-02-24T18:00:00+08:00'],
    ['the last holiday Monday, late at night', '2026-02-23T23:59:00+08:00', '2026-02-24T18:00:00+08:00'],
    ['the Friday before the second 调休 Saturday', '2026-02-27T17:00:00+08:00', '2026-02-28T18:00:00+08:00'],
    ['the second 调休 Saturday', '2026-02-28T17:59:00+08:00', '2026-03-02T18:00:00+08:00'],
    ['just after midnight Shanghai (still the previous day in UTC)', '2026-02-13T00:10:00+08:00', '2026-02-14T18:00:00+08:00'],
    ['National Day week', '2026-09-30T15:00:00+08:00', '2026-10-08T18:00:00+08:00'],
  ])('%s', (_label, asked, expected) => {
    expect(due(asked)).toBe(at(expected).toISOString());
  });

  it('is late only strictly after the due time', () => {
    const d = at('2026-02-24T18:00:00+08:00');
    expect(isOverdue(d, at('2026-02-24T17:59:59+08:00'))).toBe(false);
    expect(isOverdue(d, d)).toBe(false);
    expect(isOverdue(d, at('2026-02-24T18:00:01+08:00'))).toBe(true);
    expect(isOverdue(undefined, at('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('question state machine', () => {
  it('allows exactly the listed transitions', () => {
    const allowed: Record<QaAct, string[]> = {
      claim: ['open>claimed'],
      release: ['claimed>open'],
      answer: ['claimed>answered'],
      requestInfo: ['claimed>awaiting_info'],
      reply: ['open>open', 'claimed>claimed', 'awaiting_info>claimed', 'answered>claimed'],
      solve: ['open>solved', 'claimed>solved', 'awaiting_info>solved', 'answered>solved'],
    };
    for (const act of Object.keys(QaTransitions) as QaAct[]) {
      const got = QuestionStatuses.flatMap((s) => (nextStatus(act, s) ? [`${s}>${nextStatus(act, s)}`] : []));
      expect([act, got]).toEqual([act, allowed[act]]);
    }
    for (const act of Object.keys(QaTransitions) as QaAct[]) expect(nextStatus(act, 'solved')).toBeUndefined();
  });

  it('pauses the clock while waiting for details and restarts it from the reply', () => {
    const asked = at('2026-02-13T10:00:00+08:00');
    const first = answerDueAt(asked, CAL);
    expect(dueAfter('claim', 'open', at('2026-02-13T11:00:00+08:00'), first, CAL)).toEqual(first);
    expect(dueAfter('requestInfo', 'claimed', at('2026-02-13T12:00:00+08:00'), first, CAL)).toBeUndefined();
    // The asker answers on the 调休 Saturday: due after the whole Spring Festival.
    expect(dueAfter('reply', 'awaiting_info', at('2026-02-14T09:00:00+08:00'), undefined, CAL)?.toISOString()).toBe(at('2026-02-24T18:00:00+08:00').toISOString());
    // Adding details while the responder works keeps the running deadline.
    expect(dueAfter('reply', 'claimed', at('2026-02-14T09:00:00+08:00'), first, CAL)).toEqual(first);
    expect(dueAfter('answer', 'claimed', at('2026-02-13T12:00:00+08:00'), first, CAL)).toBeUndefined();
    expect(dueAfter('reply', 'answered', at('2026-02-27T10:00:00+08:00'), undefined, CAL)?.toISOString()).toBe(at('2026-02-28T18:00:00+08:00').toISOString());
    expect(dueAfter('solve', 'claimed', asked, first, CAL)).toBeUndefined();
    expect(dueAfter('release', 'claimed', asked, first, CAL)).toEqual(first);
  });
});
