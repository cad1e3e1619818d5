import Taro from '@tarojs/taro';

/**
 * The window's width and pixel ratio in the mini-program. `getSystemInfoSync` is no longer
 * maintained since base library 2.20.1, replaced by `getWindowInfo` / `getDeviceInfo` /
 * `getAppBaseInfo` (developers.weixin.qq.com/miniprogram/dev/api/base/system/wx.getSystemInfoSync.html);
 * an older base library lacks `getWindowInfo`, so it falls back to `getSystemInfoSync` there.
 */
type WindowInfo = { windowWidth: number; pixelRatio: number };

function has(api: 'getWindowInfo'): boolean {
  return typeof (Taro as unknown as Record<string, unknown>)[api] === 'function';
}

export function windowInfo(): WindowInfo {
  try {
    const w = has('getWindowInfo') ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return { windowWidth: w.windowWidth, pixelRatio: w.pixelRatio };
  } catch {
    return { windowWidth: 0, pixelRatio: 2 };
  }
}
