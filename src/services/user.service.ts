import type { UserActions } from '@core/api/user';
import { callFunction } from './call-function';

type In<A extends keyof UserActions> = UserActions[A]['in'];

/** `user`: the caller's own identity and settings. */
export const userService = {
  me: () => callFunction('user', 'me', {}),
  communities: () => callFunction('user', 'communities', {}),
  enterByScene: (data: In<'enterByScene'>, idempotencyKey?: string) => callFunction('user', 'enterByScene', data, { write: true, idempotencyKey }),
  updateSettings: (data: In<'updateSettings'>, idempotencyKey?: string) => callFunction('user', 'updateSettings', data, { write: true, idempotencyKey }),
  joinEnterprise: (data: In<'joinEnterprise'>, idempotencyKey?: string) => callFunction('user', 'joinEnterprise', data, { write: true, idempotencyKey }),
  applyVolunteer: (data: In<'applyVolunteer'>, idempotencyKey?: string) => callFunction('user', 'applyVolunteer', data, { write: true, idempotencyKey }),
  // 消息, 通知 and 待办
  inbox: (data: In<'inbox'>) => callFunction('user', 'inbox', data),
  markRead: (data: In<'markRead'>) => callFunction('user', 'markRead', data, { write: true }),
  markAllRead: () => callFunction('user', 'markAllRead', {}, { write: true }),
  notificationSettings: () => callFunction('user', 'notificationSettings', {}),
  consent: (data: In<'consent'>) => callFunction('user', 'consent', data, { write: true }),
  setNotification: (data: In<'setNotification'>) => callFunction('user', 'setNotification', data, { write: true }),
  todos: () => callFunction('user', 'todos', {}),
  // 我的数据 and 注销
  myData: () => callFunction('user', 'myData', {}, { write: true }),
  deleteAccount: (idempotencyKey: string) => callFunction('user', 'deleteAccount', { confirm: true }, { write: true, idempotencyKey }),
};
