/**
 * qa — 每日一问诊: questions, their messages, the FAQ. Owns `questions`, `qa_messages`, `faq`.
 * Importing it registers what moderation does to its questions and messages.
 */
import './qa-moderation';

export * as qaUseCases from './qa.use-cases';
export * as faqUseCases from './faq.use-cases';
export { linkQuestionToTicket, questionsRepository, type QuestionDoc } from './question.repository';
export { qaMessagesRepository, type QaMessageDoc } from './qa-message.repository';
export { staffDirectory } from './qa-notifications';
export { questionCounts, questionQueries, type AnsweredQuestionRow } from './qa-queries';
