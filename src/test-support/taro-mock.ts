/**
 * A stand-in for `@tarojs/taro` in unit tests: in-memory storage and a mockable cloud. Only
 * the platform boundary is faked; the app's own code runs as built.
 */
const storage = new Map<string, unknown>();

export const taroMock = {
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  cloud: {
    init: jest.fn(),
    callFunction: jest.fn(),
  },
  setTabBarItem: jest.fn(() => Promise.resolve()),
  setNavigationBarTitle: jest.fn(() => Promise.resolve()),
};

export function resetTaroMock(): void {
  storage.clear();
  taroMock.cloud.init.mockReset();
  taroMock.cloud.callFunction.mockReset();
}
