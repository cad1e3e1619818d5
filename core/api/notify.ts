
/**
 * Reaching people: the inbox (消息), subscription consent (订阅消息) and the to-do counts (待办).
 * Every event that concerns a person writes one inbox item for them (one per event × person,
 * however often the act or the timer is retried); the WeChat subscribe message is tried after,
 * where the person has not turned that notification off, and its outcome is kept on the item.
 */

/** The subscribe-message templates, by name (the server maps each to its configured id). */
export const NoticeTemplates = [
  'qaAnswered',
  'qaInfoRequested',
  'qaOverdue',
  'clinicBooking',
  'clinicReminder',
  'clinicGap',
  'clinicHandover',
  'clinicPromoted',
  'ticketHandoff',
  'ticketUpdate',
  'ticketOverdue',
  'evaluationInvite',
  'revisitReminder',
] as const;
export type NoticeTemplate = (typeof NoticeTemplates)[number];

/** What happened, as the inbox shows it (i18n key `inbox.kind.<kind>`). */
export const NoticeKinds = [
  'qa.answered',
  'qa.info_requested',
  'qa.overdue',
  'clinic.booked',
  'clinic.reminder',
  'clinic.duty_reminder',
  'clinic.promoted',
  'clinic.cancelled',
  'clinic.gap',
  'clinic.handover',
  'ticket.submitted',
  'ticket.accepted',
  'ticket.dispatched',
  'ticket.returned',
  'ticket.redispatched',
  'ticket.escalated',
  'ticket.supervised',
  'ticket.resolved',
  'ticket.suspended',
  'ticket.reopened',
  'ticket.overdue',
  'revisit.evaluate',
  'revisit.survey',
  'content.photo_removed',
  'content.text_rejected',
] as const;
export type NoticeKind = (typeof NoticeKinds)[number];

/**
 * What became of the subscribe message: sent (WeChat answered ok), off (the person turned it
 * off, not tried), refused (WeChat said no consent: 43101), failed (another errcode or no answer),
 * unconfigured (no template id deployed), pending (not tried yet), none (an inbox-only notice:
 * no WeChat message exists for it, e.g. a photo removed by the content check).
 */
export type PushStatus = 'pending' | 'sent' | 'off' | 'refused' | 'failed' | 'unconfigured' | 'none';

export interface InboxItem {
  id: string;
  kind: NoticeKind;
  /** The case's own words (a question's title, a ticket's title, a date), shown under the kind. */
  subject: string;
  /** The app page (with its query) a tap opens. */
  page: string;
  read: boolean;
  createdAt: string;
  push: PushStatus;
  errcode?: number;
}

/** A person's answer in the consent dialog (what wx.requestSubscribeMessage answers per template). */
export type ConsentAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export interface NotificationSetting {
  template: NoticeTemplate;
  /** The template id WeChat knows (absent: not configured in this deployment, nothing to ask). */
  templateId?: string;
  /** A long-term template (长期订阅): one consent allows every later send. */
  longTerm: boolean;
  /** The person's last answer; absent: never asked. */
  answer?: ConsentAnswer;
  /** They ticked "always keep this choice" (总是保持以上选择). */
  keep?: boolean;
  /** On: the server tries to send it (not rejected, banned or kept off). */
  on: boolean;
}

/** One line of 待办: how many, and the list that shows them. */
export interface TodoItem {
  key: TodoKey;
  count: number;
  /** The count is of a first page only and there are more (home shows "20+"). */
  more?: boolean;
  /** App page with its filter, e.g. 'tickets/pages/list/index?status=submitted'. */
  page: string;
}

export const TodoKeys = [
  'infoRequested',
  'toEvaluate',
  'nextBooking',
  'questionsWaiting',
  'dutiesThisWeek',
  'handoversOffered',
  'toPassOn',
  'toDispatch',
  'overdue',
  'escalated',
  'coverageGaps',
  'volunteerApplications',
  'followUps',
  'toSign',
  'deadlinesNear',
  'arrangementMissing',
] as const;
export type TodoKey = (typeof TodoKeys)[number];

export interface Todos {
  items: TodoItem[];
  unread: number;
}
