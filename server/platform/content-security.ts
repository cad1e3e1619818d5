/**
 * WeChat content security (`security.msgSecCheck`, v2) through CloudBase's open-API gateway.
 * Every piece of user text a function stores (questions, messages, FAQ entries) passes here
 * first; CloudBase and the local emulator answer the same call, so there is no local switch.
 *
 * v2 answers `pass`, `review` or `risky` per scene (1 资料 profile, 2 评论 comment, 3 论坛 forum,
 * 4 社交日志 social log; https://developers.weixin.qq.com/miniprogram/dev/server/API/sec-center/sec-check/api_msgseccheck.html):
 * each caller names the scene that fits its text (core/rules/moderation.ts CheckScene). `risky` is
 * refused (CONTENT.REJECTED); `review` means WeChat wants a person to look: `checkText` answers it
 * and the Q&A holds the text for staff (server/modules/moderation).
 */
import { ErrorCodes } from '../../core/api/errors';
import { getApp } from '../db/client';
import { DomainError } from '../kernel/errors';
import { WxApiError } from './wx-open-api';

import { CheckScene } from '../../core/rules/moderation';

export { CheckScene };
/** WeChat's "content is risky" error code. */
const RISKY = 87014;
/** msgSecCheck takes at most 2,500 characters per call. */
export const MSG_SEC_MAX_CHARS = 2500;

interface MsgSecCheckResult {
  errcode?: number;
  errmsg?: string;
  result?: { suggest?: string; label?: number };
}

export type TextVerdict = 'pass' | 'review' | 'risky';

/** WeChat's verdict on one piece of text (≤ 2,500 characters) in a scene. */
export async function textVerdict(content: string, openid: string, scene: CheckScene): Promise<TextVerdict> {
  const res = (await getApp().callWxOpenApi({
    apiName: 'security.msgSecCheck',
    requestData: { content, version: 2, scene, openid },
  })) as { result?: MsgSecCheckResult | string; code?: string; message?: string };
  if (res.code) throw new WxApiError(res.code, res.message ?? 'wx open api failed');
  const result: MsgSecCheckResult = typeof res.result === 'string' ? JSON.parse(res.result) : (res.result ?? {});
  if (result.errcode === RISKY) return 'risky';
  if (result.errcode) throw new WxApiError(result.errcode, result.errmsg ?? 'msgSecCheck failed');
  const suggest = result.result?.suggest;
  // An answer with no suggestion is not a pass: a person looks at it.
  return suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'risky' : 'review';
}

/** The texts joined, cut into pieces msgSecCheck accepts (a word cut in two is also checked across the cut). */
export function checkChunks(texts: (string | undefined)[], max = MSG_SEC_MAX_CHARS): string[] {
  const chars = [...texts.filter((t): t is string => !!t && t.trim().length > 0).join('\n')];
  if (chars.length === 0) return [];
  const overlap = 20;
  const chunks: string[] = [];
  for (let start = 0; start < chars.length; start += max - overlap) {
    chunks.push(chars.slice(start, start + max).join(''));
    if (start + max >= chars.length) break;
  }
  return chunks;
}

const rejected = () => new DomainError(ErrorCodes.CONTENT_REJECTED, 'this text cannot be published: please remove offensive or illegal content');

/**
 * Checks every text (one call per 2,500 characters) in `scene`: throws CONTENT.REJECTED when any
 * piece is risky; answers 'review' when WeChat wants a person to look at any piece, else 'pass'.
 */
export async function checkText(texts: (string | undefined)[], openid: string, scene: CheckScene): Promise<'pass' | 'review'> {
  const verdicts = await Promise.all(checkChunks(texts).map((c) => textVerdict(c, openid, scene)));
  if (verdicts.includes('risky')) throw rejected();
  return verdicts.includes('review') ? 'review' : 'pass';
}

/**
 * For texts nothing holds yet (demands, ratings, FAQ entries, visit logs …): risky is refused
 * (CONTENT.REJECTED); a `review` verdict is let through and logged for the operators, since
 * WeChat asks for a person's look, not a refusal (only the Q&A holds texts for staff so far).
 */
export async function assertTextSafe(texts: (string | undefined)[], openid: string, scene: CheckScene): Promise<void> {
  if ((await checkText(texts, openid, scene)) === 'review') {
    console.warn(JSON.stringify({ level: 'warn', what: 'content.review_not_held', scene, openid }));
  }
}
