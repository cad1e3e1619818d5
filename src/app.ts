import Taro, { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { i18n, translate } from './i18n';
import { useAppStore } from './store';
import './app.css';

/**
 * WeChat downloads a new release by itself on a cold start; once it is ready the person is asked
 * to restart into it (UpdateManager: developers.weixin.qq.com/miniprogram/dev/api/base/update/UpdateManager.html).
 * Trial and develop versions have no versions to update to.
 */
export function watchForUpdates(): void {
  if (process.env.TARO_ENV !== 'weapp' || typeof Taro.getUpdateManager !== 'function') return;
  const manager = Taro.getUpdateManager();
  manager.onUpdateReady(() => {
    const locale = useAppStore.getState().locale;
    void Taro.showModal({
      title: translate(locale, 'update.title'),
      content: translate(locale, 'update.text'),
      confirmText: translate(locale, 'update.restart'),
      cancelText: translate(locale, 'update.later'),
    }).then(({ confirm }) => {
      if (confirm) manager.applyUpdate();
    });
  });
}

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    useAppStore.getState().hydrateSettings();
    void i18n.changeLanguage(useAppStore.getState().locale);
    watchForUpdates();
  });
  return children;
}

export default App;
