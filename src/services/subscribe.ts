import Taro from '@tarojs/taro';
import type { ConsentAnswer, NoticeTemplate, NotificationSetting } from '@core/api/notify';
import { templatesToAsk } from '@core/rules/consent';
import { gatewayUrl } from '../env';
import { getDevOpenid } from './identity';
import { userApi } from './api/user';

/**
 * Subscription consent at the taps that create a need (asking, booking, submitting a demand,
 * claiming, staff opening their desk). WeChat shows its dialog only from a tap, so the settings
 * are loaded beforehand (preloadNotificationSettings) and the dialog opens at once. Templates the
 * person rejected or kept off are not asked again (core/rules/consent.ts); every answer is told
 * to the server. On H5 the dialog is a modal, and the answer goes to the emulator's consent
 * ledger through the dev gateway, as the phone's answer reaches WeChat.
 */
let cached: NotificationSetting[] | undefined;

export async function preloadNotificationSettings(): Promise<NotificationSetting[] | undefined> {
  try {
    cached = await userApi.notificationSettings();
  } catch {
    // A hint: without settings nothing is asked at the next tap.
  }
  return cached;
}

export function notificationSettingsCache(): NotificationSetting[] | undefined {
  return cached;
}

export function setNotificationSettingsCache(s: NotificationSetting[]): void {
  cached = s;
}

/** What the platform's dialog answered, by template id, and whether "always keep this choice" was ticked. */
async function dialog(ask: NotificationSetting[], words: ConsentWords, text: string): Promise<{ byId: Record<string, ConsentAnswer>; keep: boolean }> {
  const ids = ask.map((s) => s.templateId!);
  // Not isWeapp(): a constant here lets the weapp build drop the H5 branch (see env.ts).
  if (process.env.TARO_ENV === 'weapp') {
    const res = (await Taro.requestSubscribeMessage({ tmplIds: ids } as Parameters<typeof Taro.requestSubscribeMessage>[0])) as unknown as Record<string, string>;
    const byId = Object.fromEntries(ids.filter((id) => ['accept', 'reject', 'ban', 'filter'].includes(res[id])).map((id) => [id, res[id] as ConsentAnswer]));
    let keep = false;
    try {
      const setting = (await Taro.getSetting({ withSubscriptions: true } as Parameters<typeof Taro.getSetting>[0])) as { subscriptionsSetting?: { itemSettings?: Record<string, string> } };
      keep = ids.some((id) => !!setting.subscriptionsSetting?.itemSettings?.[id]);
    } catch {
      // Older clients: no kept choice known.
    }
    return { byId, keep };
  }
  const { confirm } = await Taro.showModal({ title: words.title, content: text, confirmText: words.allow, cancelText: words.deny });
  const answer: ConsentAnswer = confirm ? 'accept' : 'reject';
  const byId = Object.fromEntries(ids.map((id) => [id, answer]));
  const openid = getDevOpenid();
  if (openid) {
    await fetch(`${gatewayUrl()}/__emulator/subscribe`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ openid, answers: byId }) });
  }
  return { byId, keep: false };
}

/**
 * Asks for the templates of `wanted` still worth asking (at most three, one kind) and tells the
 * server the answers. Never throws and never blocks the act for long: a failure asks nothing.
 */
export interface ConsentWords {
  title: string;
  allow: string;
  deny: string;
  body: (names: NoticeTemplate[]) => string;
}

export async function askConsent(wanted: readonly NoticeTemplate[], text: ConsentWords): Promise<void> {
  try {
    const ask = templatesToAsk(wanted, cached ?? []);
    if (ask.length === 0) return;
    const { byId, keep } = await dialog(ask, text, text.body(ask.map((s) => s.template)));
    const answers: Partial<Record<NoticeTemplate, ConsentAnswer>> = {};
    for (const s of ask) if (byId[s.templateId!]) answers[s.template] = byId[s.templateId!];
    if (Object.keys(answers).length === 0) return;
    cached = await userApi.consent({ answers, keep });
  } catch {
    // The dialog failed (closed, offline): the act goes on; the next tap may ask again.
  }
}

/** Where each tap's templates are named once. */
export const ConsentAt = {
  ask: ['qaAnswered', 'qaInfoRequested', 'evaluationInvite'],
  claimQuestion: ['qaOverdue'],
  book: ['clinicBooking', 'clinicReminder', 'clinicPromoted'],
  claimDuty: ['clinicReminder', 'clinicHandover'],
  submitDemand: ['ticketUpdate', 'evaluationInvite'],
  staffDesk: ['ticketHandoff', 'ticketOverdue', 'qaOverdue', 'clinicGap'],
} as const satisfies Record<string, readonly NoticeTemplate[]>;
