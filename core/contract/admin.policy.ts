/** `admin`: who may call each action and whether it writes (zod-free: the app reads `write` from it). */
import type { Policy } from './define';
import { CuratorRoles, StaffRoles } from '../api/roles';

const staffSide = StaffRoles;
const staffOrAdmin = CuratorRoles;
/** The staff side of a community, and the district role (区级督导) that reads every community's figures. */
const overseers = ['staff', 'instructor', 'admin', 'district'] as const;

export const adminPolicy = {
  listEnterprises: { roles: staffSide },
  createEnterprise: { roles: staffOrAdmin, write: true },
  issueInvite: { roles: staffSide, write: true },
  createEntryCode: { roles: staffOrAdmin, write: true },
  listEntryCodes: { roles: staffSide },
  listUsers: { roles: staffSide },
  reviewVolunteer: { roles: staffOrAdmin, write: true },
  setRole: { roles: ['admin'], write: true },
  listAudit: { roles: staffOrAdmin },
  // ---- staff console: visit log ----
  recordVisit: { roles: staffSide, write: true },
  listVisits: { roles: staffSide },
  getVisit: { roles: staffSide },
  problemToTicket: { roles: staffSide, write: true },
  enterpriseOverview: { roles: staffSide },
  // ---- problem list, dashboards, exports ----
  problemList: { roles: overseers },
  dashboard: { roles: overseers },
  districtOverview: { roles: ['district'] },
  exportData: { roles: staffOrAdmin, write: true },
  listExports: { roles: staffOrAdmin },
  // ---- master data ----
  updateEnterprise: { roles: staffOrAdmin, write: true },
  listUnits: { roles: staffSide },
  saveUnit: { roles: staffOrAdmin, write: true },
  setProfession: { roles: staffOrAdmin, write: true },
  listHolidays: { roles: staffSide },
  setHoliday: { roles: staffOrAdmin, write: true },
  holidayYear: { roles: staffSide },
  previewHolidayNotice: { roles: staffOrAdmin },
  importHolidayNotice: { roles: staffOrAdmin, write: true },
  // Content held for review (WeChat's check answered review): the staff queue.
  heldQueue: { roles: staffOrAdmin },
  releaseHeld: { roles: staffOrAdmin, write: true },
  rejectHeld: { roles: staffOrAdmin, write: true },
} as const satisfies Policy;
