import type { LocalizedText, QaCategory, QaMessage, QaMessageKind, QuestionStatus } from '@core/api/qa';
import type { Locale } from '@core/api/user';
import type { MessageKey, TFunction } from '../i18n';

export const categoryLabel = (t: TFunction, c: QaCategory) => t(`qa.category.${c}` as MessageKey);
export const statusLabel = (t: TFunction, s: QuestionStatus) => t(`qa.status.${s}` as MessageKey);
export const kindLabel = (t: TFunction, k: QaMessageKind) => t(`qa.kind.${k}` as MessageKey);
export const authorLabel = (t: TFunction, r: QaMessage['authorRole']) => t(`qa.author.${r}` as MessageKey);

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
