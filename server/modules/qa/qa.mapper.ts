import { heldTextVisible } from '../../../core/rules/moderation';
import type { Attachment, FaqEntry, QaMessage, QuestionDetail, QuestionSummary } from '../../../core/api/qa';
import { allowedActs, showsAskerName, type QaReader } from '../../../core/rules/qa-access';
import { isOverdue } from '../../../core/rules/qa-deadline';
import type { Caller } from '../../kernel/caller';
import type { FaqDoc } from './faq.repository';
import type { QaMessageDoc } from './qa-message.repository';
import type { QuestionDoc } from './question.repository';

const iso = (d: Date | string) => new Date(d).toISOString();

export function readerOf(caller: Caller): QaReader {
  const u = caller.user;
  return {
    openid: caller.openid,
    role: caller.role,
    communityId: caller.communityId,
    enterpriseId: u?.enterpriseId,
    profession: u?.profession,
    volunteerStatus: u?.volunteerStatus,
  };
}

/** A list row. Never a phone number; an anonymous asker's name only for the asker and staff. */
export function toSummary(q: QuestionDoc, reader: QaReader, now: Date): QuestionSummary {
  return {
    id: q._id,
    title: q.title,
    category: q.category,
    status: q.status,
    anonymous: q.anonymous,
    askerName: showsAskerName(reader, q) ? q.askerName : undefined,
    enterpriseName: q.enterpriseName,
    ...(q.enterpriseNameEn ? { enterpriseNameEn: q.enterpriseNameEn } : {}),
    createdAt: iso(q.createdAt),
    dueAt: q.dueAt ? iso(q.dueAt) : undefined,
    overdue: isOverdue(q.dueAt, now),
    claimedByName: q.claimedByName,
    messageCount: q.messageCount,
    faqId: q.faqId,
    ...(q.held ? { held: q.held } : {}),
  };
}

/** The photos the reader may see (`urls` holds only those: others' photos still being checked are left out). */
function toAttachments(fileIDs: string[], urls: Map<string, string>): Attachment[] {
  return fileIDs.filter((fileID) => urls.has(fileID)).map((fileID) => ({ fileID, url: urls.get(fileID), name: fileID.split('/').pop() }));
}

function toMessage(m: QaMessageDoc, q: QuestionDoc, reader: QaReader, urls: Map<string, string>): QaMessage {
  const hidden = m.authorRole === 'asker' && !showsAskerName(reader, q);
  return {
    id: m._id,
    kind: m.kind,
    authorRole: m.authorRole,
    authorName: hidden ? undefined : m.authorName,
    text: m.text,
    attachments: toAttachments(m.attachments, urls),
    createdAt: iso(m.createdAt),
    ...(m.held ? { held: m.held } : {}),
  };
}

export function toDetail(q: QuestionDoc, messages: QaMessageDoc[], reader: QaReader, now: Date, urls: Map<string, string>): QuestionDetail {
  return {
    ...toSummary(q, reader, now),
    description: q.description,
    attachments: toAttachments(q.attachments, urls),
    // A held message only for its author and staff (core/rules/moderation.ts).
    messages: messages.filter((m) => heldTextVisible(m.held, reader, m.authorOpenid)).map((m) => toMessage(m, q, reader, urls)),
    can: allowedActs(reader, q),
  };
}

export function toFaqEntry(f: FaqDoc): FaqEntry {
  return {
    id: f._id,
    category: f.category,
    question: f.question,
    answer: f.answer,
    sourceQuestionId: f.sourceQuestionId,
    publishedAt: iso(f.publishedAt),
    updatedAt: iso(f.updatedAt),
  };
}
