import { StaffRoles } from '@core/api/roles';
import type { Me } from '@core/api/user';

/** Who answers questions: staff-side roles, and professional volunteers once approved. */
export const isResponder = (me?: Pick<Me, 'role' | 'volunteerStatus'>) => !!me && (StaffRoles.includes(me.role) || (me.role === 'volunteer' && me.volunteerStatus === 'approved'));

/** Who keeps the FAQ: community staff and admins (as the qa function allows publishFaq). */
export const isFaqEditor = (me?: Pick<Me, 'role'>) => !!me && (me.role === 'staff' || me.role === 'admin');
