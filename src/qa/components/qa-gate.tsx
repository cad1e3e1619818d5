import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { Card, ErrorNote, Loading } from '../../components/ui';
import { useQaT } from '../i18n';
import { useAppStore } from '../../store';

/** A responder's or FAQ editor's screen: others see why, not an empty list. */
export function QaGate({ allowed, children }: PropsWithChildren<{ allowed: (me: NonNullable<ReturnType<typeof useAppStore.getState>['me']>) => boolean }>) {
  const t = useQaT();
  const me = useAppStore((s) => s.me);
  const meStatus = useAppStore((s) => s.meStatus);
  const meError = useAppStore((s) => s.meError);
  const loadMe = useAppStore((s) => s.loadMe);
  if (!me) return meStatus === 'error' ? <ErrorNote error={meError} onRetry={() => void loadMe()} /> : <Loading />;
  if (!allowed(me)) {
    return (
      <Card testId="forbidden">
        <View className="card__text">{t('staff.forbidden')}</View>
      </Card>
    );
  }
  return <>{children}</>;
}
