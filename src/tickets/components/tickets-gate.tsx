import { View } from '@tarojs/components';
import type { Me } from '@core/api/user';
import type { PropsWithChildren } from 'react';
import { Card, ErrorNote, Loading } from '../../components/ui';
import { useAppStore } from '../../store';
import { useTicketsT } from '../i18n';

/** A role's screen: others see why, not an empty list (the tickets function enforces the same). */
export function TicketsGate({ allowed, children }: PropsWithChildren<{ allowed: (me: Me) => boolean }>) {
  const t = useTicketsT();
  const me = useAppStore((s) => s.me);
  const meStatus = useAppStore((s) => s.meStatus);
  const meError = useAppStore((s) => s.meError);
  const loadMe = useAppStore((s) => s.loadMe);
  if (!me) return meStatus === 'error' ? <ErrorNote error={meError} onRetry={() => void loadMe()} /> : <Loading />;
  if (!allowed(me)) {
    return (
      <Card testId="forbidden">
        <View className="card__text">{t('tickets.forbidden')}</View>
      </Card>
    );
  }
  return <>{children}</>;
}
