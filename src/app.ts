import { useLaunch } from '@tarojs/taro';
import type { PropsWithChildren } from 'react';
import { i18n } from './i18n';
import { useAppStore } from './store';
import './app.css';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    useAppStore.getState().hydrateSettings();
    void i18n.changeLanguage(useAppStore.getState().locale);
  });
  return children;
}

export default App;
