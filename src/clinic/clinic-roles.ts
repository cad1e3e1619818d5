import { StaffRoles } from '@core/api/roles';
import type { Me } from '@core/api/user';

type Who = Pick<Me, 'role' | 'volunteerStatus'>;

/** Who books consultations: workers and enterprise managers. */
export const isBooker = (me?: Who) => !!me && (me.role === 'worker' || me.role === 'manager');
/** Who sits in clinic: approved professional volunteers. */
export const isClinicVolunteer = (me?: Who) => !!me && me.role === 'volunteer' && me.volunteerStatus === 'approved';
/** Who runs the roster: staff, instructors and admins. */
export const isRosterStaff = (me?: Who) => !!me && StaffRoles.includes(me.role);
