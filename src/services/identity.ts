import Taro from '@tarojs/taro';

/**
 * H5 only: who the browser acts as. The dev gateway takes the caller's openid from the
 * `X-Openid` header (the mini-program gets it from WeChat itself, never from the app).
 */
const STORAGE_KEY = 'dev-openid';

export function getDevOpenid(): string | undefined {
  try {
    const v = Taro.getStorageSync(STORAGE_KEY);
    return typeof v === 'string' && v ? v : undefined;
  } catch {
    return undefined;
  }
}

export function setDevOpenid(openid: string): void {
  Taro.setStorageSync(STORAGE_KEY, openid);
}

export function clearDevOpenid(): void {
  Taro.removeStorageSync(STORAGE_KEY);
}

/** A brand-new visitor, as if a first-time WeChat user opened the app. */
export function newGuestOpenid(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < 12; i++) s += alphabet[Math.floor(Math.random() * alphabet.length)];
  return `h5-guest-${s}`;
}
