import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { useAppStore } from '../store';
import { DeskFrame, useDesk } from './desk-nav';
import { usePageFrame, type PageShellProps } from './page-frame';

export type { PageShellProps } from './page-frame';

/**
 * Every subpackage page's frame: base font (large-text mode), title in the current language,
 * session (page-frame.tsx), and for staff at a desk (≥ 1024 px) the sidebar of their screens.
 * Imported only by subpackage pages, so the desk is not in the main package (the main package's
 * pages use page-frame.tsx's PageShell).
 */
export function PageShell({ titleKey, rootProps, session = true, children }: PropsWithChildren<PageShellProps>) {
  const className = usePageFrame(titleKey, session);
  const role = useAppStore((s) => s.me?.role);
  const desk = useDesk(role);
  return (
    <View className={`${className}${desk.on ? ' page--desk' : ''}`} {...rootProps}>
      <DeskFrame role={role} desk={desk}>
        {children}
      </DeskFrame>
    </View>
  );
}
