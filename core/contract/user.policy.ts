/** `user`: who may call each action and whether it writes (zod-free: the app reads `write` from it). */
import type { Policy } from './define';
import { MemberRoles, Roles } from '../api/roles';

const anyone = Roles;
const members = MemberRoles;
/** Only people with no role yet, or ordinary workers, take on a new role themselves. */
const newcomers = ['guest', 'worker'] as const;

export const userPolicy = {
  me: { roles: anyone, whileDeleting: true },
  communities: { roles: anyone },
  enterByScene: { roles: anyone, write: true },
  updateSettings: { roles: MemberRoles, write: true },
  joinEnterprise: { roles: newcomers, write: true },
  applyVolunteer: { roles: newcomers, write: true },
  // 消息, 通知 and 待办: every person's own inbox, notification settings and to-do counts.
  inbox: { roles: members },
  markRead: { roles: members, write: true },
  markAllRead: { roles: members, write: true },
  notificationSettings: { roles: members },
  consent: { roles: members, write: true },
  setNotification: { roles: members, write: true },
  todos: { roles: Roles },
  // 我的数据 and 注销 (PIPL): the caller's own data file, and deleting the caller's own account.
  myData: { roles: members, write: true },
  // Guests may call it: a retried 注销 (the account gone) gets its first answer, a new one ACCOUNT.NONE.
  // No target in the input: only the caller's own account can be deleted (a strict schema refuses anything else).
  deleteAccount: { roles: anyone, write: true, whileDeleting: true },
} as const satisfies Policy;
