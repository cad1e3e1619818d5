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

/** `admin`, the staff console: visit log, problem list, dashboards, exports and master data. */
export const consoleService = {
  recordVisit: (data: In<'recordVisit'>, idempotencyKey?: string) => callFunction('admin', 'recordVisit', data, { write: true, idempotencyKey }),
  listVisits: (data: In<'listVisits'>) => callFunction('admin', 'listVisits', data),
  getVisit: (data: In<'getVisit'>) => callFunction('admin', 'getVisit', data),
  problemToTicket: (data: In<'problemToTicket'>, idempotencyKey?: string) => callFunction('admin', 'problemToTicket', data, { write: true, idempotencyKey }),
  enterpriseOverview: (data: In<'enterpriseOverview'>) => callFunction('admin', 'enterpriseOverview', data),
  problemList: (data: In<'problemList'>) => callFunction('admin', 'problemList', data),
  dashboard: (data: In<'dashboard'>) => callFunction('admin', 'dashboard', data),
  districtOverview: (data: In<'districtOverview'>) => callFunction('admin', 'districtOverview', data),
  exportData: (data: In<'exportData'>, idempotencyKey?: string) => callFunction('admin', 'exportData', data, { write: true, idempotencyKey }),
  listExports: (data: In<'listExports'>) => callFunction('admin', 'listExports', data),
  updateEnterprise: (data: In<'updateEnterprise'>, idempotencyKey?: string) => callFunction('admin', 'updateEnterprise', data, { write: true, idempotencyKey }),
  listUnits: () => callFunction('admin', 'listUnits', {}),
  saveUnit: (data: In<'saveUnit'>, idempotencyKey?: string) => callFunction('admin', 'saveUnit', data, { write: true, idempotencyKey }),
  setProfession: (data: In<'setProfession'>, idempotencyKey?: string) => callFunction('admin', 'setProfession', data, { write: true, idempotencyKey }),
  listHolidays: (data: In<'listHolidays'>) => callFunction('admin', 'listHolidays', data),
  setHoliday: (data: In<'setHoliday'>, idempotencyKey?: string) => callFunction('admin', 'setHoliday', data, { write: true, idempotencyKey }),
  holidayYear: (data: In<'holidayYear'>) => callFunction('admin', 'holidayYear', data),
  previewHolidayNotice: (data: In<'previewHolidayNotice'>) => callFunction('admin', 'previewHolidayNotice', data),
  importHolidayNotice: (data: In<'importHolidayNotice'>, idempotencyKey?: string) => callFunction('admin', 'importHolidayNotice', data, { write: true, idempotencyKey }),
  heldQueue: (data: In<'heldQueue'>) => callFunction('admin', 'heldQueue', data),
  releaseHeld: (data: In<'releaseHeld'>, idempotencyKey?: string) => callFunction('admin', 'releaseHeld', data, { write: true, idempotencyKey }),
  rejectHeld: (data: In<'rejectHeld'>, idempotencyKey?: string) => callFunction('admin', 'rejectHeld', data, { write: true, idempotencyKey }),
};
