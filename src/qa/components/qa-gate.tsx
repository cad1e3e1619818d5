import type { Me } from '@core/api/user';
import type { PropsWithChildren } from 'react';
import { RoleGate } from '../../components/role-gate';
import { useQaT } from '../i18n';

/** A responder's or FAQ editor's screen. */
export function QaGate({ allowed, children }: PropsWithChildren<{ allowed: (me: Me) => boolean }>) {
  const t = useQaT();
  return (
    <RoleGate allowed={allowed} reason={t('staff.forbidden')}>
      {children}
    </RoleGate>
  );
}
