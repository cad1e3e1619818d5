/**
 * WeChat open APIs reached through CloudBase (`callWxOpenApi`): mini-program codes now, subscribe
 * messages and content checks later. One adapter, so the shape CloudBase answers in is read in
 * one place.
 */
import { getApp } from '../db/client';

export class WxApiError extends Error {
  constructor(
    public readonly errcode: number | string,
    message: string,
  ) {
    super(message);
  }
}

/** Bytes out of a binary open-API answer, in the shapes CloudBase hands them back. */
function toBuffer(result: unknown): Buffer {
  if (Buffer.isBuffer(result)) return result;
  const r = result as { errcode?: number; errmsg?: string; buffer?: unknown; data?: unknown; type?: string };
  if (r && typeof r === 'object') {
    if (r.errcode) throw new WxApiError(r.errcode, r.errmsg ?? 'wx open api failed');
    if (typeof r.buffer === 'string') return Buffer.from(r.buffer, 'base64');
    if (r.type === 'Buffer' && Array.isArray(r.data)) return Buffer.from(r.data as number[]);
    if (r.buffer && typeof r.buffer === 'object') return toBuffer(r.buffer);
  }
  throw new WxApiError('UNEXPECTED', 'wx open api answered with no image');
}

/**
 * An unlimited mini-program code (wxacode.getUnlimited) for a page and a scene ≤ 32 chars, opening
 * the given version (env_version: release, trial or develop; check_path false so a page not yet
 * released is accepted): developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode.html
 */
export async function getUnlimitedCode(scene: string, page: string, envVersion: 'release' | 'trial' | 'develop' = 'release'): Promise<Buffer> {
  const res = (await getApp().callWxOpenApi({
    apiName: 'wxacode.getUnlimited',
    requestData: { scene, page, check_path: false, env_version: envVersion, width: 430 },
  })) as { result?: unknown; code?: string; message?: string };
  if (res.code) throw new WxApiError(res.code, res.message ?? 'wx open api failed');
  return toBuffer(res.result);
}
