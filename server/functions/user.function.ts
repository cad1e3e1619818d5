import * as z from 'zod/mini';
import { Roles } from '../../core/api/roles';
import { isWellFormedScene, normalizeInviteCode } from '../../core/rules/codes';
import { action, defineFunction } from '../kernel/define-function';
import { docId, empty, locale, mobile, profession, shortText } from '../kernel/schemas';
import { meUseCases as uc } from '../modules/organisation';
import { accountUseCases as account } from '../modules/account';
import { notifyUseCases as notify } from '../modules/notify';
import { addStaffTodoSource, arrangementMissingTodo, todos } from '../modules/home';
import { cursor } from '../kernel/schemas';

// 待办: staff see the holiday arrangement to import (next year's from November) among their to-dos.
addStaffTodoSource(arrangementMissingTodo);

const anyone = Roles;
const members = Roles.filter((r) => r !== 'guest');
/** A template name or any other key: unknown names are refused by the use case with NOTIFY.UNKNOWN_TEMPLATE. */
const templateName = z.string().check(z.regex(/^[A-Za-z]{1,40}$/, 'not a template name'));
const consentAnswer = z.enum(['accept', 'reject', 'ban', 'filter']);

/** Only people with no role yet, or ordinary workers, take on a new role themselves. */
const newcomers = ['guest', 'worker'] as const;
const acceptPrivacy = z.optional(z.boolean());

/** `user`: a person's own identity and settings. Everyone may call it, guests included. */
export const userFunction = defineFunction({
  name: 'user',
  actions: {
    me: action({ input: empty, roles: anyone, whileDeleting: true, handler: (ctx) => uc.getMe(ctx) }),
    communities: action({ input: empty, roles: anyone, handler: () => uc.listCommunities() }),
    enterByScene: action({
      input: z.strictObject({ scene: z.string().check(z.refine(isWellFormedScene, 'not a scene of ours')), acceptPrivacy }),
      roles: anyone,
      write: true,
      handler: uc.enterByScene,
    }),
    updateSettings: action({
      input: z
        .strictObject({ locale: z.optional(locale), largeText: z.optional(z.boolean()), name: z.optional(shortText()) })
        .check(z.refine((v) => Object.keys(v).length > 0, 'nothing to change')),
      roles: Roles.filter((r) => r !== 'guest'),
      write: true,
      handler: uc.updateSettings,
    }),
    joinEnterprise: action({
      input: z.strictObject({
        inviteCode: z.string().check(z.maxLength(20), z.overwrite(normalizeInviteCode), z.regex(/^[2-9A-HJ-NP-Z]{8}$/, 'an invite code has 8 letters and digits')),
        name: shortText(),
        acceptPrivacy,
      }),
      roles: newcomers,
      write: true,
      handler: uc.joinEnterprise,
    }),
    applyVolunteer: action({
      input: z.strictObject({ profession, name: shortText(), organisation: shortText(60), phone: mobile, communityId: z.optional(docId), acceptPrivacy }),
      roles: newcomers,
      write: true,
      handler: uc.applyVolunteer,
    }),
    // 消息, 通知 and 待办: every person's own inbox, notification settings and to-do counts.
    inbox: action({ input: z.strictObject({ cursor }), roles: members, handler: notify.inbox }),
    markRead: action({ input: z.strictObject({ id: z.string().check(z.regex(/^n_[0-9a-f]{40}$/, 'not a message id')) }), roles: members, write: true, handler: notify.markRead }),
    markAllRead: action({ input: empty, roles: members, write: true, handler: (ctx) => notify.markAllRead(ctx) }),
    notificationSettings: action({ input: empty, roles: members, handler: (ctx) => notify.settings(ctx) }),
    consent: action({
      input: z.strictObject({
        answers: z.record(templateName, consentAnswer).check(z.refine((v) => Object.keys(v).length > 0 && Object.keys(v).length <= 20, 'one to twenty answers')),
        keep: z.optional(z.boolean()),
      }),
      roles: members,
      write: true,
      handler: notify.consent,
    }),
    setNotification: action({ input: z.strictObject({ template: templateName, on: z.boolean() }), roles: members, write: true, handler: notify.setNotification }),
    todos: action({ input: empty, roles: Roles, handler: (ctx) => todos(ctx) }),
    // 我的数据 and 注销 (PIPL): the caller's own data file, and deleting the caller's own account.
    myData: action({ input: empty, roles: members, write: true, handler: (ctx) => account.myData(ctx) }),
    // Guests may call it: a retried 注销 (the account gone) gets its first answer, a new one ACCOUNT.NONE.
    // No target in the input: only the caller's own account can be deleted (a strict schema refuses anything else).
    deleteAccount: action({ input: z.strictObject({ confirm: z.literal(true) }), roles: anyone, write: true, whileDeleting: true, handler: account.deleteAccount }),
  },
});
