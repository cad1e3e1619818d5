import type { PropsWithChildren } from 'react';
import type { Role } from '@core/api/roles';
import { RoleGate } from '../components/role-gate';
import { useT } from '../i18n';

/** Staff screens open only for the roles given. */
export function StaffGate({ roles, children }: PropsWithChildren<{ roles: readonly Role[] }>) {
  const t = useT();
  return (
    <RoleGate allowed={(me) => roles.includes(me.role)} reason={t('staff.forbidden')}>
      {children}
    </RoleGate>
  );
}
