import { View } from '@tarojs/components';
import type { Me } from '@core/api/user';
import type { PropsWithChildren } from 'react';
import { useAppStore } from '../store';
import { Card, ErrorNote, Loading } from './ui';

/**
 * A screen for some people only: while `me` loads it waits, and anyone else sees why (`reason`,
 * already translated) rather than an empty list. The functions enforce the same rule.
 */
export function RoleGate({ allowed, reason, children }: PropsWithChildren<{ allowed: (me: Me) => boolean; reason: string }>) {
  const me = useAppStore((s) => s.me);
  const meStatus = useAppStore((s) => s.meStatus);
  const meError = useAppStore((s) => s.meError);
  const loadMe = useAppStore((s) => s.loadMe);
  if (!me) return meStatus === 'error' ? <ErrorNote error={meError} onRetry={() => void loadMe()} /> : <Loading />;
  if (!allowed(me)) {
    return (
      <Card testId="forbidden">
        <View className="card__text">{reason}</View>
      </Card>
    );
  }
  return <>{children}</>;
}
