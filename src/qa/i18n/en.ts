import type { QaMessages } from './zh-CN';

/** 每日一问诊 screens' strings in English. Same keys as zh-CN (typed). */
const qaEn: QaMessages = {
  'qa.category.legal': 'Legal',
  'qa.category.accounting': 'Accounting',
  'qa.category.tax': 'Tax',
  'qa.category.finance': 'Finance',
  'qa.category.hr': 'HR and recruiting',
  'qa.category.policy': 'Policies and subsidies',
  'qa.category.safety_env': 'Safety and environment',
  'qa.category.life': 'Daily life',
  'qa.category.other': 'Other',

  'qa.status.open': 'Waiting',
  'qa.status.claimed': 'In progress',
  'qa.status.awaiting_info': 'Details requested',
  'qa.status.answered': 'Answered',
  'qa.status.solved': 'Solved',

  'qa.kind.answer': 'Answer',
  'qa.kind.request_info': 'Details requested',
  'qa.kind.follow_up': 'Follow-up',
  'qa.kind.info': 'More details',

  'qa.author.asker': 'Asker',
  'qa.author.responder': 'Responder',
  'qa.author.staff': 'Community staff',

  'qa.all': 'All',

  'qa.dueAt': 'Answer due {{at}}',
  'qa.calendarMissing': "{{years}}'s holiday arrangement is not imported yet: the due time counts only the statutory holidays.",

  'qa.overdue': 'Overdue',

  'qa.anonymous': 'Anonymous',

  'qa.askedAt': 'Asked {{at}}',

  'qa.askedBy': 'Asked by {{who}}',

  'qa.claimedBy': 'Claimed by {{who}}',

  'qa.messages': '{{n}} replies',

  'qa.photos': 'Photos',
  'qa.photo.add': 'Add photo',
  'qa.photo.hint': 'Up to {{n}} photos, 2 MB each',
  'qa.photo.uploading': 'Uploading',
  'qa.photo.failed': 'Upload failed',
  'qa.photo.remove': 'Remove',
  'qa.held.held': 'Under review',
  'qa.held.rejected': 'Not approved',
  'qa.held.held.note': "WeChat's content check asked for a person to look at this: others see it once community staff approve it.",
  'qa.held.rejected.note': 'Staff did not approve it for others: only you can see it.',

  'qa.ask.subtitle': 'Community staff and professional volunteers answer by the end of the next working day.',
  'qa.ask.title': 'Title',
  'qa.ask.title.placeholder': 'Your question in one sentence',
  'qa.ask.description': 'Details',
  'qa.ask.description.placeholder': 'What happened, when, amounts or documents involved, so the answer fits',
  'qa.ask.category': 'Category',
  'qa.ask.anonymous': 'Ask anonymously',
  'qa.ask.anonymous.hint': 'Responders do not see your name or enterprise; community staff still do',
  'qa.ask.submit': 'Submit question',
  'qa.ask.similar': 'These answers may help you',
  'qa.ask.similar.hint': 'If one of them answers your question, there is no need to ask.',
  'qa.ask.photoPending': 'Please wait until the photos are uploaded',
  'qa.ask.tooShort': 'Please write at least {{n}} characters',

  'qa.mine.subtitle': 'The questions you asked and how far they are.',
  'qa.mine.empty': 'You have not asked any questions yet',

  'qa.queue.subtitle': 'Claim questions and answer them in time; overdue ones come first.',
  'qa.queue.subtitle.volunteer': 'Questions in your field waiting for an answer.',
  'qa.queue.pending': 'To do',
  'qa.queue.overdueOnly': 'Overdue only',
  'qa.queue.empty': 'No questions match',

  'qa.detail.description': 'Details',
  'qa.detail.thread': 'Answers and replies',
  'qa.detail.noMessages': 'No reply yet; the community will answer soon.',
  'qa.detail.claim': 'Claim',
  'qa.detail.release': 'Release',
  'qa.detail.noMessagesYet': 'No reply yet.',
  'qa.filter.status': 'Status',
  'qa.detail.answer': 'Answer',
  'qa.detail.answer.placeholder': 'Write your answer',
  'qa.detail.answer.submit': 'Send answer',
  'qa.detail.requestInfo': 'Ask the asker for details',
  'qa.detail.reply': 'Add details or follow up',
  'qa.detail.reply.placeholder': 'Tell us more, or ask a follow-up question',
  'qa.detail.reply.submit': 'Send',
  'qa.detail.solve': 'Mark as solved',
  'qa.detail.publishFaq': 'Publish as FAQ',
  'qa.detail.faqLink': 'Published as an FAQ entry',
  'qa.detail.solvedNote': 'The asker confirmed the question is solved.',
  'qa.detail.withdraw': 'Withdraw question',
  'qa.detail.withdraw.title': 'Withdraw this question?',
  'qa.detail.withdraw.confirm': 'Nobody has answered yet. Once withdrawn the question is closed and nobody will answer it; you can always ask again.',
  'qa.detail.withdraw.keep': 'Keep it',
  // A modal's buttons hold at most 4 Chinese characters or 8 letters (wx.showModal).
  'qa.detail.withdraw.go': 'Withdraw',
  'qa.detail.withdrawnNote': 'The asker withdrew this question.',

  'qa.faq.subtitle': 'Common questions from the park’s enterprises and workers, with answers.',
  'qa.faq.search': 'Search by keyword',
  'qa.faq.empty': 'No FAQ entries yet',
  'qa.faq.noMatch': 'Nothing found. You can ask your question directly.',
  'qa.faq.askInstead': 'No answer here? Ask a question',
  'qa.faq.new': 'New FAQ entry',
  'qa.faq.edit': 'Edit',
  'qa.faq.updatedAt': 'Updated {{at}}',
  'qa.faq.fromQuestion': 'From a real question',

  'qa.faqEdit.subtitle': 'Fill in Chinese and English: liaisons of foreign-invested enterprises read the English.',
  'qa.faqEdit.questionZh': 'Question (Chinese)',
  'qa.faqEdit.answerZh': 'Answer (Chinese)',
  'qa.faqEdit.questionEn': 'Question (English)',
  'qa.faqEdit.answerEn': 'Answer (English)',
  'qa.faqEdit.enHint': 'Optional; without it the English screen shows the Chinese text',
  'qa.faqEdit.publish': 'Publish',
  'qa.faqEdit.save': 'Save changes',
  'qa.faqEdit.unpublish': 'Unpublish',
  'qa.faqEdit.unpublish.title': 'Unpublish this FAQ entry?',
  'qa.faqEdit.unpublish.confirm': 'It leaves the FAQ list, the search and the similar questions shown while asking; its source question is no longer linked to it. You can publish it again later.',
  'qa.faqEdit.unpublish.keep': 'Keep it',
  'qa.faqEdit.unpublished': 'The FAQ entry has been unpublished.',

  // Issue 15 #9: the asker's own words for a question's state.
  'qa.askerStatus.open': 'Waiting for an answer',
  'qa.askerStatus.claimed': 'Being answered',
  'qa.askerStatus.awaiting_info': 'Please add details',
  'qa.askerStatus.answered': 'Answered',
  'qa.askerStatus.solved': 'Solved',
  'qa.handledBy': 'Answered by {{who}}',
};

export default qaEn;
