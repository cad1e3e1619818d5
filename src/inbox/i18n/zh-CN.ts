/**
 * 消息 and 通知 screens' strings (简体中文), loaded with the inbox subpackage so they do not weigh on
 * the main package. What home, 我的 and the consent dialog show lives in src/i18n.
 */
const inboxZhCN = {
  'inbox.allRead': "全部已读",
  'inbox.empty': "还没有消息。",
  'inbox.pushed': "已推送微信",
  'inbox.kind.qa.answered': "您的问题有了答复",
  'inbox.kind.qa.info_requested': "答复人请您补充情况",
  'inbox.kind.qa.overdue': "问题已超时未答",
  'inbox.kind.clinic.booked': "三师坐诊预约成功",
  'inbox.kind.clinic.reminder': "明天有三师坐诊预约",
  'inbox.kind.clinic.duty_reminder': "明天您坐诊",
  'inbox.kind.clinic.promoted': "候补成功，已为您预约",
  'inbox.kind.clinic.cancelled': "预约已被取消",
  'inbox.kind.clinic.gap': "坐诊排班缺人",
  'inbox.kind.clinic.handover': "同事请您代班",
  'inbox.kind.ticket.submitted': "新诉求待传单",
  'inbox.kind.ticket.accepted': "诉求已传单，待派单",
  'inbox.kind.ticket.dispatched': "诉求已派单",
  'inbox.kind.ticket.returned': "成员单位退单，待改派",
  'inbox.kind.ticket.redispatched': "诉求已改派",
  'inbox.kind.ticket.escalated': "诉求已升级",
  'inbox.kind.ticket.supervised': "诉求督办",
  'inbox.kind.ticket.resolved': "诉求已办结",
  'inbox.kind.ticket.suspended': "诉求挂起，待企业补充",
  'inbox.kind.ticket.reopened': "诉求重新办理",
  'inbox.kind.ticket.overdue': "诉求办理超时",
  'inbox.kind.revisit.evaluate': "请为本次服务评价",
  'inbox.kind.revisit.survey': "年度满意度问卷待填写",
  'inbox.kind.content.photo_removed': "图片未通过安全检测，已删除",
  'inbox.kind.content.text_rejected': "内容未通过审核，仅你自己可见",
  'notify.settings.text': "消息里总能看到全部通知；这里设置哪些同时通过微信提醒您。",
  'notify.unconfigured': "本小程序未开通此通知",
  'notify.longTerm': "已开启（长期）",
  'notify.accepted': "已同意，办理时会再次询问",
  'notify.off': "已关闭",
  'notify.notAsked': "尚未询问",
};

export type InboxMessageKey = keyof typeof inboxZhCN;
export type InboxMessages = Record<InboxMessageKey, string>;

export default inboxZhCN as InboxMessages;
