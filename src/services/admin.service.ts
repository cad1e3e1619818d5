import type { AdminActions } from '@core/api/admin';
import { callFunction } from './call-function';

type In<A extends keyof AdminActions> = AdminActions[A]['in'];

/** `admin`: staff-side management of the community's enterprises, entry codes and people. */
export const adminService = {
  listEnterprises: (data: In<'listEnterprises'>) => callFunction('admin', 'listEnterprises', data),
  createEnterprise: (data: In<'createEnterprise'>, idempotencyKey?: string) => callFunction('admin', 'createEnterprise', data, { write: true, idempotencyKey }),
  issueInvite: (data: In<'issueInvite'>, idempotencyKey?: string) => callFunction('admin', 'issueInvite', data, { write: true, idempotencyKey }),
  createEntryCode: (data: In<'createEntryCode'>, idempotencyKey?: string) => callFunction('admin', 'createEntryCode', data, { write: true, idempotencyKey }),
  listEntryCodes: (data: In<'listEntryCodes'>) => callFunction('admin', 'listEntryCodes', data),
  listUsers: (data: In<'listUsers'>) => callFunction('admin', 'listUsers', data),
  reviewVolunteer: (data: In<'reviewVolunteer'>, idempotencyKey?: string) => callFunction('admin', 'reviewVolunteer', data, { write: true, idempotencyKey }),
  setRole: (data: In<'setRole'>, idempotencyKey?: string) => callFunction('admin', 'setRole', data, { write: true, idempotencyKey }),
  listAudit: (data: In<'listAudit'>) => callFunction('admin', 'listAudit', data),
};
