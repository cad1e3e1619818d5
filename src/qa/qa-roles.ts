import { StaffRoles } from '@core/api/roles';
import type { Me } from '@core/api/user';

/** Who answers questions: staff-side roles, and professional volunteers once approved. */
export const isResponder = (me?: Pick<Me, 'role' | 'volunteerStatus'>) => !!me && (StaffRoles.includes(me.role) || (me.role === 'volunteer' && me.volunteerStatus === 'approved'));

/** Who keeps the FAQ: the staff-side roles. */
export const isFaqEditor = (me?: Pick<Me, 'role'>) => !!me && StaffRoles.includes(me.role);
