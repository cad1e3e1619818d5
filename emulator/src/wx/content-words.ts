/**
 * The emulator's stand-in for WeChat's content security model (`security.msgSecCheck`): a short
 * local list of clearly illegal or abusive test words. Text containing one (case-insensitive,
 * full-width folded) is answered as risky; everything else passes. Tests use these words to
 * exercise CONTENT.REJECTED; WeChat's real model is far broader.
 *
 *   办假证 / 代开发票   illegal services (forged certificates, fake invoices)  label 20006 (illegal)
 *   出售枪支 / 赌博网站 weapons, gambling                                      label 20006 (illegal)
 *   傻逼 / fuck        abuse                                                  label 20003 (abuse)
 */
export const ContentWords: readonly { word: string; label: number }[] = [
  { word: '办假证', label: 20006 },
  { word: '代开发票', label: 20006 },
  { word: '出售枪支', label: 20006 },
  { word: '赌博网站', label: 20006 },
  { word: '傻逼', label: 20003 },
  { word: 'fuck', label: 20003 },
];

/** The first listed word `text` contains, if any. */
export function riskyWordIn(text: string): { word: string; label: number } | undefined {
  const normal = text.normalize('NFKC').toLowerCase();
  return ContentWords.find((w) => normal.includes(w.word));
}

/**
 * Words the emulator answers with `suggest: 'review'` (msgSecCheck v2: the model is not sure; WeChat
 * leaves the decision to a person). Tests use them to exercise a text held for staff.
 *
 *   内部消息 / 投资回报   unverified claims, investment pitches               label 21000 (other)
 *   EMULATOR-TEXT:REVIEW  a marker for tests in any language                   label 21000
 */
export const ReviewWords: readonly { word: string; label: number }[] = [
  { word: '内部消息', label: 21000 },
  { word: '投资回报', label: 21000 },
  { word: 'emulator-text:review', label: 21000 },
];

/** The first review word `text` contains, if any (only asked when no risky word is in it). */
export function reviewWordIn(text: string): { word: string; label: number } | undefined {
  const normal = text.normalize('NFKC').toLowerCase();
  return ReviewWords.find((w) => normal.includes(w.word));
}
