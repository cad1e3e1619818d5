import type { Me } from '@core/api/user';
import type { PropsWithChildren } from 'react';
import { RoleGate } from '../../components/role-gate';
import { useTicketsT } from '../i18n';

/** A role's screen of the demands feature. */
export function TicketsGate({ allowed, children }: PropsWithChildren<{ allowed: (me: Me) => boolean }>) {
  const t = useTicketsT();
  return (
    <RoleGate allowed={allowed} reason={t('tickets.forbidden')}>
      {children}
    </RoleGate>
  );
}
