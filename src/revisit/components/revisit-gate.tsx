import type { Me } from '@core/api/user';
import type { PropsWithChildren } from 'react';
import { RoleGate } from '../../components/role-gate';
import { useRevisitT } from '../i18n';

/** A role's screen of the satisfaction feature. */
export function RevisitGate({ allowed, children }: PropsWithChildren<{ allowed: (me: Me) => boolean }>) {
  const t = useRevisitT();
  return (
    <RoleGate allowed={allowed} reason={t('revisit.forbidden')}>
      {children}
    </RoleGate>
  );
}
