/**
 * Subscription consent (订阅消息) without nagging: which templates a tap asks for, and what an
 * answer does to a person's setting. Pure; the app asks, the server keeps the answers.
 */
import type { ConsentAnswer, NoticeTemplate, NotificationSetting } from '../api/notify';

/** WeChat shows at most 3 templates in one dialog (wx.requestSubscribeMessage, tmplIds). */
export const MAX_TEMPLATES_PER_ASK = 3;

/** Worth asking at a tap: configured, not turned off by a rejection or a ban, no kept choice, and not a long-term template already granted. */
export function askable(s: NotificationSetting): boolean {
  if (!s.templateId) return false;
  if (s.keep) return false;
  if (s.answer === 'ban') return false;
  if (!s.on) return false;
  if (s.longTerm && s.answer === 'accept') return false;
  return true;
}

/**
 * The template names one tap asks for: those of `wanted` still askable, in the order given, at
 * most three, and of one kind (WeChat refuses one-time and long-term ids in one call: 20002).
 */
export function templatesToAsk(wanted: readonly NoticeTemplate[], settings: readonly NotificationSetting[]): NotificationSetting[] {
  const byName = new Map(settings.map((s) => [s.template, s]));
  const candidates = wanted.map((w) => byName.get(w)).filter((s): s is NotificationSetting => !!s && askable(s));
  if (candidates.length === 0) return [];
  const kind = candidates[0].longTerm;
  return candidates.filter((s) => s.longTerm === kind).slice(0, MAX_TEMPLATES_PER_ASK);
}

export interface ConsentState {
  answer?: ConsentAnswer;
  keep?: boolean;
  on: boolean;
  accepts: number;
}

/** An answer from the dialog: accept turns it on (and counts one more allowed send), reject or ban turns it off; 'filter' changes nothing. */
export function applyAnswer(prev: ConsentState | undefined, answer: ConsentAnswer, keep: boolean): ConsentState {
  const base: ConsentState = prev ?? { on: true, accepts: 0 };
  if (answer === 'filter') return base;
  if (answer === 'accept') return { answer, keep: keep || undefined, on: true, accepts: base.accepts + 1 };
  return { answer, keep: keep || undefined, on: false, accepts: base.accepts };
}

/** 我的 → 通知: turning one back on forgets the rejection (the next tap asks again); off keeps it off. */
export function applySwitch(prev: ConsentState | undefined, on: boolean): ConsentState {
  const base: ConsentState = prev ?? { on: true, accepts: 0 };
  return on ? { ...base, on: true, keep: undefined, answer: base.answer === 'accept' ? 'accept' : undefined } : { ...base, on: false };
}
