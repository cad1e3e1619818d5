/**
 * 每日一问诊: daily online Q&A with a searchable knowledge base (function `qa`).
 * Pure types and constants, shared by the app (services/) and the server.
 */
import type { Profession } from './roles';

export const QaCategories = ['legal', 'accounting', 'tax', 'finance', 'hr', 'policy', 'safety_env', 'life', 'other'] as const;
/** 法律 · 会计 · 税务 · 金融 · 人力资源与招聘 · 政策与补贴 · 安全与环保 · 生活服务 · 其他 */
export type QaCategory = (typeof QaCategories)[number];

/** The categories a professional volunteer answers besides the staff queue. */
export const CategoryProfession: Partial<Record<QaCategory, Profession>> = {
  legal: 'lawyer',
  accounting: 'accountant',
  tax: 'tax_advisor',
  finance: 'finance',
};

/**
 * open: waiting for a responder · claimed: a responder is on it · awaiting_info: the responder
 * asked the asker for details (the deadline clock pauses) · answered: an answer is there ·
 * solved: the asker marked it solved.
 */
export const QuestionStatuses = ['open', 'claimed', 'awaiting_info', 'answered', 'solved'] as const;
export type QuestionStatus = (typeof QuestionStatuses)[number];

export interface Attachment {
  fileID: string;
  /** Temporary download URL (filled on read). */
  url?: string;
  name?: string;
}

export interface QuestionSummary {
  id: string;
  title: string;
  category: QaCategory;
  status: QuestionStatus;
  anonymous: boolean;
  /** Absent when anonymous and the reader is not staff or the asker. */
  askerName?: string;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one (shown to English readers). */
  enterpriseNameEn?: string;
  createdAt: string;
  /** End of the next working day after asking (moved when the clock paused); absent once answered. */
  dueAt?: string;
  /** Years the due time was counted across with no holiday arrangement (only the statutory days off known); absent when every year is known. */
  calendarMissingYears?: number[];
  overdue: boolean;
  /** WeChat's check sent the question to review: `held` until staff release it (its asker and staff see it), `rejected` after (its asker only). */
  held?: 'held' | 'rejected';
  claimedByName?: string;
  messageCount: number;
  /** Set once the question has become an FAQ entry. */
  faqId?: string;
}

export type QaMessageKind = 'answer' | 'request_info' | 'follow_up' | 'info';

/** One message of a question's thread: answers live in their own collection, never inside the question. */
export interface QaMessage {
  id: string;
  kind: QaMessageKind;
  authorRole: 'asker' | 'responder' | 'staff';
  authorName?: string;
  text: string;
  attachments: Attachment[];
  createdAt: string;
  /** As QuestionSummary.held, for one message (seen by its author and staff only while held). */
  held?: 'held' | 'rejected';
}

export interface QuestionDetail extends QuestionSummary {
  description: string;
  attachments: Attachment[];
  messages: QaMessage[];
  /** What the reader may do now (the server decides; the app only shows the buttons). */
  can: { claim: boolean; answer: boolean; requestInfo: boolean; reply: boolean; solve: boolean; release: boolean; publishFaq: boolean };
}

export interface LocalizedText {
  zh: string;
  en?: string;
}

export interface FaqEntry {
  id: string;
  category: QaCategory;
  question: LocalizedText;
  answer: LocalizedText;
  sourceQuestionId?: string;
  publishedAt: string;
  updatedAt: string;
}

export interface FaqHit extends FaqEntry {
  /** Relevance, higher is better. */
  score: number;
}
