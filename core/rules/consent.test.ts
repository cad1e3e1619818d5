import type { NotificationSetting } from '../api/notify';
import { applyAnswer, applySwitch, askable, MAX_TEMPLATES_PER_ASK, templatesToAsk } from './consent';

const s = (template: NotificationSetting['template'], extra: Partial<NotificationSetting> = {}): NotificationSetting => ({ template, templateId: `id-${template}`, longTerm: false, on: true, ...extra });

describe('consent: what a tap asks for', () => {
  it('asks at most three, in the order the tap names them', () => {
    const all = [s('qaAnswered'), s('qaInfoRequested'), s('evaluationInvite'), s('clinicBooking')];
    expect(templatesToAsk(['clinicBooking', 'qaAnswered', 'qaInfoRequested', 'evaluationInvite'], all).map((x) => x.template)).toEqual(['clinicBooking', 'qaAnswered', 'qaInfoRequested']);
    expect(MAX_TEMPLATES_PER_ASK).toBe(3);
  });

  it('never asks for one rejected, banned, kept or not configured; nor a long-term one already accepted', () => {
    expect(askable(s('qaAnswered', { answer: 'reject', on: false }))).toBe(false);
    expect(askable(s('qaAnswered', { answer: 'ban', on: false }))).toBe(false);
    expect(askable(s('qaAnswered', { answer: 'accept', keep: true }))).toBe(false);
    expect(askable(s('qaAnswered', { templateId: undefined }))).toBe(false);
    expect(askable(s('qaOverdue', { longTerm: true, answer: 'accept' }))).toBe(false);
    // A one-time template accepted before allows one send: the next tap asks again.
    expect(askable(s('qaAnswered', { answer: 'accept' }))).toBe(true);
  });

  it('never mixes one-time and long-term templates in one dialog (WeChat refuses with 20002)', () => {
    const all = [s('qaOverdue', { longTerm: true }), s('ticketHandoff'), s('ticketOverdue', { longTerm: true })];
    expect(templatesToAsk(['qaOverdue', 'ticketHandoff', 'ticketOverdue'], all).map((x) => x.template)).toEqual(['qaOverdue', 'ticketOverdue']);
    expect(templatesToAsk(['ticketHandoff', 'qaOverdue'], all).map((x) => x.template)).toEqual(['ticketHandoff']);
  });
});

describe('consent: what an answer does', () => {
  it('accept turns it on and counts one more allowed send; reject and ban turn it off; filter changes nothing', () => {
    const a = applyAnswer(undefined, 'accept', false);
    expect(a).toEqual({ answer: 'accept', keep: undefined, on: true, accepts: 1 });
    expect(applyAnswer(a, 'accept', false).accepts).toBe(2);
    expect(applyAnswer(a, 'reject', true)).toEqual({ answer: 'reject', keep: true, on: false, accepts: 1 });
    expect(applyAnswer(a, 'ban', false).on).toBe(false);
    expect(applyAnswer(a, 'filter', false)).toBe(a);
  });

  it('turning one back on forgets a rejection and a kept choice; off keeps the rest', () => {
    const rejected = applyAnswer(undefined, 'reject', true);
    expect(applySwitch(rejected, true)).toEqual({ answer: undefined, keep: undefined, on: true, accepts: 0 });
    const accepted = applyAnswer(undefined, 'accept', false);
    expect(applySwitch(accepted, false)).toEqual({ ...accepted, on: false });
    expect(applySwitch(applySwitch(accepted, false), true).answer).toBe('accept');
  });
});
