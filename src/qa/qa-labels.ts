import type { LocalizedText, QaCategory, QaMessage, QaMessageKind, QuestionStatus } from '@core/api/qa';
import type { Locale } from '@core/api/user';
import type { QaMessageKey, QaT } from './i18n';

export const categoryLabel = (t: QaT, c: QaCategory) => t(`qa.category.${c}` as QaMessageKey);
/** A status in the reader's words: the asker sees 等待答复/正在答复, responders 待认领/处理中. */
export const statusLabel = (t: QaT, s: QuestionStatus, asker = false) => t(`${asker ? 'qa.askerStatus' : 'qa.status'}.${s}` as QaMessageKey);
/** Who holds the question: 认领人 for responders, 答复人 for the asker. */
export const holderLabel = (t: QaT, who: string, asker = false) => t(asker ? 'qa.handledBy' : 'qa.claimedBy', { who });
export const kindLabel = (t: QaT, k: QaMessageKind) => t(`qa.kind.${k}` as QaMessageKey);
export const authorLabel = (t: QaT, r: QaMessage['authorRole']) => t(`qa.author.${r}` as QaMessageKey);

/** Badge colour of a status: waiting is a warning, answered/solved are good news. */
export function statusKind(s: QuestionStatus): 'warn' | 'ok' | 'muted' | undefined {
  if (s === 'open' || s === 'awaiting_info') return 'warn';
  if (s === 'answered' || s === 'solved') return 'ok';
  return undefined;
}

/** FAQ text in the reader's language; Chinese when there is no English. */
export function faqText(locale: Locale, text: LocalizedText): string {
  return locale === 'en' && text.en?.trim() ? text.en : text.zh;
}
