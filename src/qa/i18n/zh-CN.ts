/**
 * 每日一问诊 screens' strings (简体中文), loaded with the qa subpackage so they do not weigh on the
 * main package. Strings shown outside the subpackage (home entries, page titles, error codes,
 * field names) live in src/i18n. en.ts has exactly the same keys (typed, and tested).
 */
const qaZhCN = {
  'qa.category.legal': '法律',
  'qa.category.accounting': '会计',
  'qa.category.tax': '税务',
  'qa.category.finance': '金融',
  'qa.category.hr': '人力资源与招聘',
  'qa.category.policy': '政策与补贴',
  'qa.category.safety_env': '安全与环保',
  'qa.category.life': '生活服务',
  'qa.category.other': '其他',

  'qa.status.open': '待认领',
  'qa.status.claimed': '处理中',
  'qa.status.awaiting_info': '待补充信息',
  'qa.status.answered': '已答复',
  'qa.status.solved': '已解决',

  'qa.kind.answer': '答复',
  'qa.kind.request_info': '请补充信息',
  'qa.kind.follow_up': '追问',
  'qa.kind.info': '补充说明',

  'qa.author.asker': '提问人',
  'qa.author.responder': '答复人',
  'qa.author.staff': '社区工作者',

  'qa.all': '全部',

  'qa.dueAt': '答复时限 {{at}}',
  'qa.calendarMissing': '{{years}} 年放假安排尚未导入：时限只按法定节假日计算。',

  'qa.overdue': '已超时',

  'qa.anonymous': '匿名',

  'qa.askedAt': '{{at}} 提问',

  'qa.askedBy': '提问人：{{who}}',

  'qa.claimedBy': '认领人：{{who}}',

  'qa.messages': '{{n}} 条回复',

  'qa.photos': '图片',
  'qa.photo.add': '添加图片',
  'qa.photo.hint': '最多 {{n}} 张，每张不超过 2 MB',
  'qa.photo.uploading': '上传中',
  'qa.photo.failed': '上传失败',
  'qa.photo.remove': '删除',
  'qa.held.held': '审核中',
  'qa.held.rejected': '未通过审核',
  'qa.held.held.note': '微信内容安全检测建议人工复核，社区工作人员审核通过后其他人才能看到。',
  'qa.held.rejected.note': '工作人员审核后未予公开，只有你自己能看到。',

  'qa.ask.subtitle': '社区工作者和专业志愿者将在下一个工作日结束前答复您。',
  'qa.ask.title': '问题标题',
  'qa.ask.title.placeholder': '一句话说明您的问题',
  'qa.ask.description': '问题描述',
  'qa.ask.description.placeholder': '请写明经过、时间、涉及的金额或文件等，方便准确答复',
  'qa.ask.category': '问题类别',
  'qa.ask.anonymous': '匿名提问',
  'qa.ask.anonymous.hint': '答复人看不到您的姓名和企业，社区工作者仍可看到',
  'qa.ask.submit': '提交问题',
  'qa.ask.similar': '这些解答也许能帮到您',
  'qa.ask.similar.hint': '如果已经解决了您的问题，就不用再提问了。',
  'qa.ask.photoPending': '请等待图片上传完成',
  'qa.ask.tooShort': '请至少填写 {{n}} 个字',

  'qa.mine.subtitle': '您提过的问题和答复进度。',
  'qa.mine.empty': '您还没有提过问题',

  'qa.queue.subtitle': '认领问题并在时限内答复；超时的问题排在前面。',
  'qa.queue.subtitle.volunteer': '您专业领域内等待答复的问题。',
  'qa.queue.pending': '待处理',
  'qa.queue.overdueOnly': '只看超时',
  'qa.queue.empty': '没有符合条件的问题',

  'qa.detail.description': '问题描述',
  'qa.detail.thread': '答复与交流',
  'qa.detail.noMessages': '还没有回复，社区会尽快答复您。',
  'qa.detail.claim': '认领',
  'qa.detail.release': '放弃认领',
  'qa.detail.noMessagesYet': '还没有回复。',
  'qa.filter.status': '状态',
  'qa.detail.answer': '答复',
  'qa.detail.answer.placeholder': '请输入答复内容',
  'qa.detail.answer.submit': '提交答复',
  'qa.detail.requestInfo': '请提问人补充信息',
  'qa.detail.reply': '补充或追问',
  'qa.detail.reply.placeholder': '补充说明您的情况，或继续提问',
  'qa.detail.reply.submit': '发送',
  'qa.detail.solve': '问题已解决',
  'qa.detail.publishFaq': '发布为常见问题',
  'qa.detail.faqLink': '已发布为常见问题',
  'qa.detail.solvedNote': '提问人已确认问题解决。',
  'qa.detail.withdraw': '撤回提问',
  'qa.detail.withdraw.title': '撤回这个提问？',
  'qa.detail.withdraw.confirm': '还没有人答复。撤回后问题即关闭，不会再有人答复；如仍需帮助，可以重新提问。',
  'qa.detail.withdraw.keep': '不撤回',
  // A modal's buttons hold at most 4 Chinese characters or 8 letters (wx.showModal).
  'qa.detail.withdraw.go': '撤回',
  'qa.detail.withdrawnNote': '提问人已撤回这个问题。',

  'qa.faq.subtitle': '园区企业和职工的常见问题与答复。',
  'qa.faq.search': '输入关键词搜索',
  'qa.faq.empty': '暂无常见问题',
  'qa.faq.noMatch': '没有找到相关的常见问题，您可以直接提问。',
  'qa.faq.askInstead': '没有找到答案？我要提问',
  'qa.faq.new': '新建常见问题',
  'qa.faq.edit': '编辑',
  'qa.faq.updatedAt': '更新于 {{at}}',
  'qa.faq.fromQuestion': '来自一个实际提问',

  'qa.faqEdit.subtitle': '中英文都填写，外资企业的联络员可看到英文版本。',
  'qa.faqEdit.questionZh': '问题（中文）',
  'qa.faqEdit.answerZh': '答复（中文）',
  'qa.faqEdit.questionEn': '问题（英文）',
  'qa.faqEdit.answerEn': '答复（英文）',
  'qa.faqEdit.enHint': '选填；不填则英文界面显示中文内容',
  'qa.faqEdit.publish': '发布',
  'qa.faqEdit.save': '保存修改',
  'qa.faqEdit.unpublish': '撤下',
  'qa.faqEdit.unpublish.title': '撤下这条常见问题？',
  'qa.faqEdit.unpublish.confirm': '撤下后，它不再出现在常见问题列表、搜索和提问时的相似问题里；来源提问不再关联它。需要时可重新发布。',
  'qa.faqEdit.unpublish.keep': '不撤下',
  'qa.faqEdit.unpublished': '已撤下该常见问题。',

  // Issue 15 #9: the asker's own words for a question's state (待认领/认领人 are back-office words).
  'qa.askerStatus.open': '等待答复',
  'qa.askerStatus.claimed': '正在答复',
  'qa.askerStatus.awaiting_info': '请您补充信息',
  'qa.askerStatus.answered': '已答复',
  'qa.askerStatus.solved': '已解决',
  'qa.handledBy': '答复人：{{who}}',
} as const;

export type QaMessageKey = keyof typeof qaZhCN;
export type QaMessages = Record<QaMessageKey, string>;

export default qaZhCN as QaMessages;
