import Taro from '@tarojs/taro';

/**
 * The QR code a visitor scanned but did not (yet) accept the privacy notice for: kept on the
 * device, so home can lead back to the notice and accepting then binds to the scanned enterprise.
 */
const KEY = 'pending-scene';

export function getPendingScene(): string | undefined {
  try {
    const v = Taro.getStorageSync(KEY);
    return typeof v === 'string' && v ? v : undefined;
  } catch {
    return undefined;
  }
}

export function setPendingScene(scene: string): void {
  Taro.setStorageSync(KEY, scene);
}

export function clearPendingScene(): void {
  Taro.removeStorageSync(KEY);
}
