/**
 * WeChat content security (`security.msgSecCheck`, v2) through CloudBase's open-API gateway.
 * Every piece of user text a function stores (questions, messages, FAQ entries) passes here
 * first; CloudBase and the local emulator answer the same call, so there is no local switch.
 */
import { ErrorCodes } from '../../core/api/errors';
import { getApp } from '../db/client';
import { DomainError } from '../kernel/errors';
import { WxApiError } from './wx-open-api';

/** msgSecCheck v2 scenes: 1 profile, 2 comment, 3 forum post, 4 social log. */
export const MSG_SEC_SCENE_PROFILE = 1;
/** WeChat's "content is risky" error code. */
const RISKY = 87014;
/** msgSecCheck takes at most 2,500 characters per call. */
export const MSG_SEC_MAX_CHARS = 2500;

interface MsgSecCheckResult {
  errcode?: number;
  errmsg?: string;
  result?: { suggest?: string; label?: number };
}

/** True when WeChat passes the text; false when it is risky or needs review. */
export async function isTextSafe(content: string, openid: string): Promise<boolean> {
  const res = (await getApp().callWxOpenApi({
    apiName: 'security.msgSecCheck',
    requestData: { content, version: 2, scene: MSG_SEC_SCENE_PROFILE, openid },
  })) as { result?: MsgSecCheckResult | string; code?: string; message?: string };
  if (res.code) throw new WxApiError(res.code, res.message ?? 'wx open api failed');
  const result: MsgSecCheckResult = typeof res.result === 'string' ? JSON.parse(res.result) : (res.result ?? {});
  if (result.errcode === RISKY) return false;
  if (result.errcode) throw new WxApiError(result.errcode, result.errmsg ?? 'msgSecCheck failed');
  return result.result?.suggest === 'pass';
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

/** Checks every text (one call per 2,500 characters) and throws CONTENT.REJECTED when WeChat does not pass it. */
export async function assertTextSafe(texts: (string | undefined)[], openid: string): Promise<void> {
  const verdicts = await Promise.all(checkChunks(texts).map((c) => isTextSafe(c, openid)));
  if (verdicts.includes(false)) {
    throw new DomainError(ErrorCodes.CONTENT_REJECTED, 'this text cannot be published: please remove offensive or illegal content');
  }
}
