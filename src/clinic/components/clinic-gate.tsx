import type { Me } from '@core/api/user';
import type { PropsWithChildren } from 'react';
import { RoleGate } from '../../components/role-gate';
import { useClinicT } from '../i18n';

/** A role's screen of the clinic; `reason` replaces the generic explanation. */
export function ClinicGate({ allowed, reason, children }: PropsWithChildren<{ allowed: (me: Me) => boolean; reason?: string }>) {
  const t = useClinicT();
  return (
    <RoleGate allowed={allowed} reason={reason ?? t('clinic.forbidden')}>
      {children}
    </RoleGate>
  );
}
