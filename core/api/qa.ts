/**
 * 每日一问诊: daily online Q&A with a searchable knowledge base (function `qa`).
 * Pure types and constants, shared by the app (services/) and the server.
 */
import type { Page } from './admin';
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

export interface QaActions {
  /** FAQ entries that look like the text being typed (deflection before asking). */
  similar: { in: { text: string; limit?: number }; out: FaqHit[] };
  ask: {
    in: { title: string; description: string; category: QaCategory; anonymous?: boolean; enterpriseId?: string; attachments?: string[] };
    out: QuestionDetail;
  };
  /** The caller's own questions (a manager: also their enterprise's). */
  mine: { in: { cursor?: string; status?: QuestionStatus }; out: Page<QuestionSummary> };
  /** Responders' queue: staff see every category, a volunteer their profession's. */
  queue: { in: { cursor?: string; status?: QuestionStatus; category?: QaCategory; overdueOnly?: boolean }; out: Page<QuestionSummary> };
  get: { in: { id: string }; out: QuestionDetail };
  claim: { in: { id: string }; out: QuestionDetail };
  release: { in: { id: string }; out: QuestionDetail };
  answer: { in: { id: string; text: string; attachments?: string[] }; out: QuestionDetail };
  requestInfo: { in: { id: string; text: string }; out: QuestionDetail };
  /** The asker adds details or follows up in the thread. */
  reply: { in: { id: string; text: string; attachments?: string[] }; out: QuestionDetail };
  solve: { in: { id: string }; out: QuestionDetail };
  searchFaq: { in: { q: string; category?: QaCategory; limit?: number }; out: FaqHit[] };
  listFaq: { in: { category?: QaCategory; cursor?: string }; out: Page<FaqEntry> };
  getFaq: { in: { id: string }; out: FaqEntry };
  publishFaq: { in: { questionId?: string; category: QaCategory; question: LocalizedText; answer: LocalizedText }; out: FaqEntry };
  updateFaq: { in: { id: string; category?: QaCategory; question?: LocalizedText; answer?: LocalizedText }; out: FaqEntry };
  unpublishFaq: { in: { id: string }; out: { id: string } };
}
