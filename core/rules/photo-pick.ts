/**
 * Why picking photos failed, from the error `chooseMedia` rejects with. Since WeChat's privacy
 * rules (2023-09/10, https://developers.weixin.qq.com/miniprogram/dev/framework/user-privacy/PrivacyAuthorize.html)
 * a photo API can fail for reasons that are not a cancel, and the person must be told which:
 *
 * - `cancelled`: they closed the picker (`chooseMedia:fail cancel`): nothing to say.
 * - `privacy-undeclared`: errno 112, `api scope is not declared in the privacy agreement` — the
 *   mini-program's 用户隐私保护指引 (admin console) does not declare photos; nobody on the phone can
 *   fix it, the service centre must.
 * - `privacy-declined`: errno 104, `privacy permission is not authorized` — the person did not agree
 *   to the privacy guide in WeChat's prompt (or the prompt was dismissed); tapping again asks again.
 * - `permission-denied`: `auth deny` / `auth denied` / `authorize no response` (errno 103) — the
 *   album or camera permission is off for this mini-program (its settings page turns it on).
 * - `failed`: anything else.
 *
 * errno values from WeChat's error-code table (https://developers.weixin.qq.com/miniprogram/dev/framework/usability/PublicErrno.html);
 * the messages are matched as well because older clients send no errno.
 */
export type PhotoPickProblem = 'cancelled' | 'privacy-undeclared' | 'privacy-declined' | 'permission-denied' | 'failed';

/** WeChat's errno for a privacy interface not declared in the privacy guide. */
export const ERRNO_PRIVACY_UNDECLARED = 112;
/** WeChat's errno for a privacy interface the person has not authorised. */
export const ERRNO_PRIVACY_NOT_AUTHORIZED = 104;
/** WeChat's errno for a scope the person denied (album, camera). */
export const ERRNO_AUTH_DENY = 103;

export function photoPickProblem(err: unknown): PhotoPickProblem {
  const e = (err && typeof err === 'object' ? err : {}) as { errno?: unknown; errMsg?: unknown; message?: unknown };
  const errno = typeof e.errno === 'number' ? e.errno : undefined;
  const msg = `${typeof e.errMsg === 'string' ? e.errMsg : ''} ${typeof e.message === 'string' ? e.message : ''}`.toLowerCase();
  if (errno === ERRNO_PRIVACY_UNDECLARED || msg.includes('not declared in the privacy agreement')) return 'privacy-undeclared';
  if (errno === ERRNO_PRIVACY_NOT_AUTHORIZED || /privacy permission is not auth(o|)ri[sz]ed|privacy permission is not authroized/.test(msg)) return 'privacy-declined';
  if (errno === ERRNO_AUTH_DENY || /auth den(y|ied)|authorize no response|permission denied/.test(msg)) return 'permission-denied';
  // A cancel: WeChat's `:fail cancel`, the H5 picker's `cancel`/`abort`, an action sheet closed.
  if (/(^|[\s:])(cancel|canceled|cancelled|abort)\b/.test(msg)) return 'cancelled';
  return 'failed';
}
