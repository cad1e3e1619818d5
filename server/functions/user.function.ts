import { userContract } from '../../core/contract/user';
import { defineFunction } from '../kernel/define-function';
import { meUseCases as uc } from '../modules/organisation';
import { accountUseCases as account } from '../modules/account';
import { notifyUseCases as notify } from '../modules/notify';
import { addStaffTodoSource, arrangementMissingTodo, todos } from '../modules/home';

// 待办: staff see the holiday arrangement to import (next year's from November) among their to-dos.
addStaffTodoSource(arrangementMissingTodo);

/** `user`: the contract's actions (core/contract/user.ts) and their handlers. */
export const userFunction = defineFunction(userContract, {
  handlers: {
    me: (ctx) => uc.getMe(ctx),
    communities: () => uc.listCommunities(),
    enterByScene: uc.enterByScene,
    updateSettings: uc.updateSettings,
    joinEnterprise: uc.joinEnterprise,
    applyVolunteer: uc.applyVolunteer,
    inbox: notify.inbox,
    markRead: notify.markRead,
    markAllRead: (ctx) => notify.markAllRead(ctx),
    notificationSettings: (ctx) => notify.settings(ctx),
    consent: notify.consent,
    setNotification: notify.setNotification,
    todos: (ctx) => todos(ctx),
    myData: (ctx) => account.myData(ctx),
    deleteAccount: account.deleteAccount,
  },
});
