import type { InboxMessages } from './zh-CN';

/** 消息 and 通知 screens' strings in English. Same keys as zh-CN (typed). */
const inboxEn: InboxMessages = {
  'inbox.allRead': "Mark all read",
  'inbox.empty': "No messages yet.",
  'inbox.pushed': "Sent to WeChat",
  'inbox.kind.qa.answered': "Your question was answered",
  'inbox.kind.qa.info_requested': "More details requested",
  'inbox.kind.qa.overdue': "Question overdue",
  'inbox.kind.clinic.booked': "Consultation booked",
  'inbox.kind.clinic.reminder': "Your consultation is tomorrow",
  'inbox.kind.clinic.duty_reminder': "Your clinic duty is tomorrow",
  'inbox.kind.clinic.promoted': "A seat freed up: booked for you",
  'inbox.kind.clinic.cancelled': "Booking cancelled",
  'inbox.kind.clinic.gap': "Clinic roster gap",
  'inbox.kind.clinic.handover': "A colleague asks you to take a duty",
  'inbox.kind.ticket.submitted': "New demand to pass on",
  'inbox.kind.ticket.accepted': "Demand passed on, to dispatch",
  'inbox.kind.ticket.dispatched': "Demand dispatched",
  'inbox.kind.ticket.returned': "Demand returned, to re-dispatch",
  'inbox.kind.ticket.redispatched': "Demand re-dispatched",
  'inbox.kind.ticket.escalated': "Demand escalated",
  'inbox.kind.ticket.supervised': "Demand supervised",
  'inbox.kind.ticket.resolved': "Demand resolved",
  'inbox.kind.ticket.suspended': "Demand on hold, waiting for you",
  'inbox.kind.ticket.reopened': "Demand reopened",
  'inbox.kind.ticket.overdue': "Demand overdue",
  'inbox.kind.revisit.evaluate': "Please rate this service",
  'inbox.kind.revisit.survey': "Yearly satisfaction survey awaits",
  'notify.settings.text': "Messages always holds every notification; here you choose which also reach you in WeChat.",
  'notify.unconfigured': "Not enabled for this mini-program",
  'notify.longTerm': "On (long-term)",
  'notify.accepted': "Allowed; asked again when needed",
  'notify.off': "Off",
  'notify.notAsked': "Not asked yet",
};

export default inboxEn;
