/**
 * What content security does to the Q&A's documents (server/modules/moderation calls these):
 * a photo WeChat rejected comes off its question or message; a held question or message is
 * released (everyone who sees the question sees it; the asker is told of a released answer or
 * request for details, which they were not told of while it was held) or rejected (its author
 * alone still sees it, marked).
 */
import { registerTarget } from '../moderation';
import { notifyQuietly } from '../notify';
import { evaluationNotices } from '../notify';
import { qaMessagesRepository } from './qa-message.repository';
import { answeredNotice, DETAIL_PAGE, infoRequestedNotice } from './qa-notifications';
import { questionsRepository } from './question.repository';

registerTarget('qa.question', {
  removePhoto: (id, fileID) => questionsRepository.pullAttachment(id, fileID),
  pageOf: async (id) => `${DETAIL_PAGE}?id=${id}`,
  release: (id, at) => questionsRepository.setHeld(id, undefined, at),
  reject: (id, at) => questionsRepository.setHeld(id, 'rejected', at),
});

registerTarget('qa.message', {
  removePhoto: (id, fileID) => qaMessagesRepository.pullAttachment(id, fileID),
  pageOf: async (id) => {
    const m = await qaMessagesRepository.get(id);
    return m ? `${DETAIL_PAGE}?id=${m.questionId}` : undefined;
  },
  release: async (id, at) => {
    await qaMessagesRepository.setHeld(id, undefined);
    const m = await qaMessagesRepository.get(id);
    const q = m ? await questionsRepository.get(m.questionId) : undefined;
    if (!m || !q) return;
    if (m.kind === 'answer') {
      await notifyQuietly([answeredNotice(q, m._id, m.authorName, at), ...evaluationNotices('question', q._id, q.title, [q.askerOpenid], at, 0, q.communityId)], at);
    } else if (m.kind === 'request_info') {
      await notifyQuietly([infoRequestedNotice(q, m._id, m.text, at)], at);
    }
  },
  reject: (id) => qaMessagesRepository.setHeld(id, 'rejected'),
});
