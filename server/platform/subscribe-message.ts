/**
 * WeChat subscribe messages (`subscribeMessage.send`) through CloudBase's open-API gateway.
 * Template ids are configuration (each mini-program applies for its own in the WeChat console):
 * the function's environment variables below. A template that is not configured is skipped, and
 * a failed send is logged and answered, never thrown: a notification must never fail the act it
 * reports. The caller (server/modules/notify) records the outcome on the person's inbox item.
 *
 *   QA_TEMPLATE_ANSWERED        the asker: an answer arrived
 *   QA_TEMPLATE_INFO_REQUESTED  the asker: the responder asks for details
 *   QA_TEMPLATE_OVERDUE         community staff: a question passed its due time unanswered
 *   CLINIC_TEMPLATE_BOOKING     a booker: the booking is confirmed, or the clinic cancelled it
 *   CLINIC_TEMPLATE_REMINDER    三师 clinic: the booker and the volunteers on duty, the evening before
 *   CLINIC_TEMPLATE_GAP         community staff: a clinic session within 14 days lacks a profession
 *   CLINIC_TEMPLATE_HANDOVER    a volunteer: a colleague offers them a duty
 *   CLINIC_TEMPLATE_PROMOTED    a waitlisted booker: a seat freed up and is now theirs
 *   TICKETS_TEMPLATE_HANDOFF    enterprise demands: a ticket is handed to you (instructor, staff, unit handlers)
 *   TICKETS_TEMPLATE_UPDATE     enterprise demands: the manager — resolved, suspended (waiting for you), escalated
 *   TICKETS_TEMPLATE_OVERDUE    enterprise demands: 督办 — a deadline passed, to whoever must act
 *   REVISIT_TEMPLATE_EVALUATE   the person served: a ticket resolved, a question answered, a consultation held — please rate it (once per case)
 *   REVISIT_TEMPLATE_REMINDER   each manager of an enterprise that has not answered the yearly revisit survey (at most once a day)
 *   SUBSCRIBE_LONG_TERM         comma-separated template names that are long-term (长期订阅) in this
 *                               mini-program's service category (e.g. qaOverdue,ticketHandoff,ticketOverdue,clinicGap)
 */
import { dataProblems } from '../../core/rules/subscribe-fields';
import { getApp } from '../db/client';

/**
 * Each template: its environment variable and the fields (keys) a notification fills, as the
 * template applied for in the WeChat console has them; each key names its type (thing1 ≤ 20
 * characters, time2, phrase3 ≤ 5 Chinese characters …, core/rules/subscribe-fields.ts).
 */
export const Templates = {
  qaAnswered: { env: 'QA_TEMPLATE_ANSWERED', fields: ['thing1', 'thing2', 'time3'] },
  qaInfoRequested: { env: 'QA_TEMPLATE_INFO_REQUESTED', fields: ['thing1', 'thing2', 'time3'] },
  qaOverdue: { env: 'QA_TEMPLATE_OVERDUE', fields: ['thing1', 'time2', 'phrase3'] },
  clinicBooking: { env: 'CLINIC_TEMPLATE_BOOKING', fields: ['thing1', 'time2', 'phrase3'] },
  clinicReminder: { env: 'CLINIC_TEMPLATE_REMINDER', fields: ['thing1', 'time2', 'thing3'] },
  clinicGap: { env: 'CLINIC_TEMPLATE_GAP', fields: ['thing1', 'phrase2'] },
  clinicHandover: { env: 'CLINIC_TEMPLATE_HANDOVER', fields: ['thing1', 'thing2'] },
  clinicPromoted: { env: 'CLINIC_TEMPLATE_PROMOTED', fields: ['thing1', 'time2', 'phrase3'] },
  ticketHandoff: { env: 'TICKETS_TEMPLATE_HANDOFF', fields: ['thing1', 'character_string2', 'thing3'] },
  ticketUpdate: { env: 'TICKETS_TEMPLATE_UPDATE', fields: ['thing1', 'character_string2', 'thing3'] },
  ticketOverdue: { env: 'TICKETS_TEMPLATE_OVERDUE', fields: ['thing1', 'character_string2', 'thing3'] },
  evaluationInvite: { env: 'REVISIT_TEMPLATE_EVALUATE', fields: ['thing1', 'thing2', 'time3'] },
  revisitReminder: { env: 'REVISIT_TEMPLATE_REMINDER', fields: ['thing1', 'thing2', 'time3'] },
} as const satisfies Record<string, { env: string; fields: readonly string[] }>;

/** Template name → its environment variable (deploy and `npm start` set them). */
export const TemplateEnv = Object.fromEntries(Object.entries(Templates).map(([name, t]) => [name, t.env])) as { [K in keyof typeof Templates]: (typeof Templates)[K]['env'] };

export type TemplateName = keyof typeof Templates;

export interface SubscribeMessage {
  touser: string;
  template: TemplateName;
  /** Mini-program page the message opens, with its query. */
  page: string;
  /** Template fields (thing1, time2, ...) → text; WeChat limits `thing` fields to 20 characters. */
  data: Record<string, string>;
}

/** What WeChat answered: sent, refused (43101: no consent), failed (another errcode), or not tried. */
export interface SendOutcome {
  status: 'sent' | 'refused' | 'failed' | 'unconfigured';
  errcode?: number;
}

/** WeChat's "the user has not subscribed" (no consent left for this template). */
export const NO_CONSENT = 43101;

/** The template id deployed for `name` (absent: not configured). */
export function templateIdOf(name: TemplateName): string | undefined {
  return process.env[Templates[name].env] || undefined;
}

/** Templates this deployment declares long-term (长期订阅: one consent, every later send). */
export function isLongTerm(name: TemplateName): boolean {
  return (process.env.SUBSCRIBE_LONG_TERM ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes(name);
}

/**
 * Sends one message and answers what WeChat said; "sent" only on errcode 0. A message WeChat
 * would refuse for its fields (47003) is not sent and answered as failed with 47003.
 */
export async function sendSubscribeMessage(msg: SubscribeMessage): Promise<SendOutcome> {
  const templateId = templateIdOf(msg.template);
  if (!templateId) return { status: 'unconfigured' };
  const problems = dataProblems(Templates[msg.template].fields, msg.data);
  if (problems.length > 0) {
    console.warn(JSON.stringify({ level: 'warn', what: 'subscribeMessage.send', template: msg.template, refused: problems }));
    return { status: 'failed', errcode: 47003 };
  }
  try {
    const res = (await getApp().callWxOpenApi({
      apiName: 'subscribeMessage.send',
      requestData: {
        touser: msg.touser,
        template_id: templateId,
        page: msg.page,
        data: Object.fromEntries(Object.entries(msg.data).map(([k, v]) => [k, { value: v }])),
      },
    })) as { result?: { errcode?: number; errmsg?: string } | string; code?: string; message?: string };
    const result = typeof res.result === 'string' ? (JSON.parse(res.result) as { errcode?: number; errmsg?: string }) : res.result;
    if (res.code || result?.errcode) {
      console.warn(JSON.stringify({ level: 'warn', what: 'subscribeMessage.send', template: msg.template, code: res.code ?? result?.errcode, message: res.message ?? result?.errmsg }));
      const errcode = typeof result?.errcode === 'number' ? result.errcode : undefined;
      return { status: errcode === NO_CONSENT ? 'refused' : 'failed', errcode };
    }
    if (!result) return { status: 'failed' };
    return { status: 'sent' };
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'subscribeMessage.send', template: msg.template, error: String(e) }));
    return { status: 'failed' };
  }
}

/** WeChat's `thing` fields take at most 20 characters. */
export function thing(text: string): string {
  const chars = [...text];
  return chars.length <= 20 ? text : `${chars.slice(0, 19).join('')}…`;
}
