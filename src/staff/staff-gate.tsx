import { View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import type { Role } from '@core/api/roles';
import { Card, ErrorNote, Loading } from '../components/ui';
import { useT } from '../i18n';
import { useAppStore } from '../store';

/** Staff screens open only for the roles given; others see why, not an empty list. */
export function StaffGate({ roles, children }: PropsWithChildren<{ roles: readonly Role[] }>) {
  const t = useT();
  const me = useAppStore((s) => s.me);
  const meStatus = useAppStore((s) => s.meStatus);
  const meError = useAppStore((s) => s.meError);
  const loadMe = useAppStore((s) => s.loadMe);
  if (!me) return meStatus === 'error' ? <ErrorNote error={meError} onRetry={() => void loadMe()} /> : <Loading />;
  if (!roles.includes(me.role)) {
    return (
      <Card testId="forbidden">
        <View className="card__text">{t('staff.forbidden')}</View>
      </Card>
    );
  }
  return <>{children}</>;
}
