/**
 * WeChat subscribe messages (`subscribeMessage.send`) through CloudBase's open-API gateway.
 * Template ids are configuration (each mini-program applies for its own in the WeChat console):
 * the function's environment variables below. A template that is not configured is skipped, and
 * a failed send is logged, never thrown: a notification must never fail the act it reports.
 *
 *   QA_TEMPLATE_ANSWERED        the asker: an answer arrived
 *   QA_TEMPLATE_INFO_REQUESTED  the asker: the responder asks for details
 *   QA_TEMPLATE_OVERDUE         community staff: a question passed its due time unanswered
 *   CLINIC_TEMPLATE_REMINDER    三师 clinic: the booker and the volunteers on duty, the evening before
 *   CLINIC_TEMPLATE_GAP         community staff: a clinic session within 14 days lacks a profession
 *   CLINIC_TEMPLATE_HANDOVER    a volunteer: a colleague offers them a duty
 *   CLINIC_TEMPLATE_PROMOTED    a waitlisted booker: a seat freed up and is now theirs
 *   TICKETS_TEMPLATE_HANDOFF    enterprise demands: a ticket is handed to you (instructor, staff, unit handlers)
 *   TICKETS_TEMPLATE_UPDATE     enterprise demands: the manager — resolved, suspended (waiting for you), escalated
 *   TICKETS_TEMPLATE_OVERDUE    enterprise demands: 督办 — a deadline passed, to whoever must act
 *   REVISIT_TEMPLATE_EVALUATE   the person served: a ticket resolved, a question answered, a consultation held — please rate it (once per case)
 *   REVISIT_TEMPLATE_REMINDER   each manager of an enterprise that has not answered the yearly revisit survey (at most once a day)
 */
import { getApp } from '../db/client';

export const TemplateEnv = {
  qaAnswered: 'QA_TEMPLATE_ANSWERED',
  qaInfoRequested: 'QA_TEMPLATE_INFO_REQUESTED',
  qaOverdue: 'QA_TEMPLATE_OVERDUE',
  clinicReminder: 'CLINIC_TEMPLATE_REMINDER',
  clinicGap: 'CLINIC_TEMPLATE_GAP',
  clinicHandover: 'CLINIC_TEMPLATE_HANDOVER',
  clinicPromoted: 'CLINIC_TEMPLATE_PROMOTED',
  ticketHandoff: 'TICKETS_TEMPLATE_HANDOFF',
  ticketUpdate: 'TICKETS_TEMPLATE_UPDATE',
  ticketOverdue: 'TICKETS_TEMPLATE_OVERDUE',
  evaluationInvite: 'REVISIT_TEMPLATE_EVALUATE',
  revisitReminder: 'REVISIT_TEMPLATE_REMINDER',
} as const;

export type TemplateName = keyof typeof TemplateEnv;

export interface SubscribeMessage {
  touser: string;
  template: TemplateName;
  /** Mini-program page the message opens, with its query. */
  page: string;
  /** Template fields (thing1, time2, ...) → text; WeChat limits `thing` fields to 20 characters. */
  data: Record<string, string>;
}

/** Sends one message; answers whether it went out. */
export async function sendSubscribeMessage(msg: SubscribeMessage): Promise<boolean> {
  const templateId = process.env[TemplateEnv[msg.template]];
  if (!templateId) return false;
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
      return false;
    }
    return true;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'subscribeMessage.send', template: msg.template, error: String(e) }));
    return false;
  }
}

/** WeChat's `thing` fields take at most 20 characters. */
export function thing(text: string): string {
  const chars = [...text];
  return chars.length <= 20 ? text : `${chars.slice(0, 19).join('')}…`;
}
