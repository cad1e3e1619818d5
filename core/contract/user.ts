/** `user`: each action's input schema and output type; roles and writes in ./user.policy. */
import * as z from 'zod/mini';
import { isWellFormedScene, normalizeInviteCode } from '../rules/codes';
import { docId, empty, locale, mobile, profession, shortText, once } from './schemas';
import { cursor } from './schemas';
import type { AccountDeleted, EntryLanding, InboxItem, Me, MyDataFile, NotificationSetting, Page, Todos } from '../api';
import { defineContract, out } from './define';
import { userPolicy } from './user.policy';

/** A template name or any other key: unknown names are refused by the use case with NOTIFY.UNKNOWN_TEMPLATE. */
const templateName = once(() => z.string().check(z.regex(/^[A-Za-z]{1,40}$/, 'not a template name')));
const consentAnswer = once(() => z.enum(['accept', 'reject', 'ban', 'filter']));
const acceptPrivacy = once(() => z.optional(z.boolean()));

export const userContract = defineContract('user', userPolicy, {
  me: { input: () => empty(), out: out<Me>() },
  /** The communities a volunteer can apply to (public). */
  communities: { input: () => empty(), out: out<{ id: string; name: string; nameEn?: string }[]>() },
  /** Resolve a QR scene; binds a guest to its enterprise as a worker (needs acceptPrivacy the first time). */
  enterByScene: { input: () => z.strictObject({ scene: z.string().check(z.refine(isWellFormedScene, 'not a scene of ours')), acceptPrivacy: acceptPrivacy() }), out: out<EntryLanding>() },
  updateSettings: { input: () => z
      .strictObject({ locale: z.optional(locale()), largeText: z.optional(z.boolean()), name: z.optional(shortText()) })
      .check(z.refine((v) => Object.keys(v).length > 0, 'nothing to change')), out: out<Me>() },
  /** A manager joins an enterprise with an invite code issued by staff. */
  joinEnterprise: { input: () => z.strictObject({
      inviteCode: z.string().check(z.maxLength(20), z.overwrite(normalizeInviteCode), z.regex(/^[2-9A-HJ-NP-Z]{8}$/, 'an invite code has 8 letters and digits')),
      name: shortText(),
      acceptPrivacy: acceptPrivacy(),
    }), out: out<Me>() },
  /** A professional asks to volunteer; staff approve. */
  applyVolunteer: { input: () => z.strictObject({ profession: profession(), name: shortText(), organisation: shortText(60), phone: mobile(), communityId: z.optional(docId()), acceptPrivacy: acceptPrivacy() }), out: out<Me>() },
  /** My inbox, newest first; `cursor` from the previous page. */
  inbox: { input: () => z.strictObject({ cursor: cursor() }), out: out<Page<InboxItem> & { unread: number }>() },
  /** Marks one of my items read (someone else's: NOTIFY.NOT_YOURS, nothing changed). */
  markRead: { input: () => z.strictObject({ id: z.string().check(z.regex(/^n_[0-9a-f]{40}$/, 'not a message id')) }), out: out<{ id: string; unread: number }>() },
  markAllRead: { input: () => empty(), out: out<{ marked: number; unread: number }>() },
  /** My notification settings: every template, configured or not, with my last answer. */
  notificationSettings: { input: () => empty(), out: out<NotificationSetting[]>() },
  /** What the consent dialog answered, per template name (an unknown name: NOTIFY.UNKNOWN_TEMPLATE, nothing stored). */
  consent: { input: () => z.strictObject({
      answers: z.record(templateName(), consentAnswer()).check(z.refine((v) => Object.keys(v).length > 0 && Object.keys(v).length <= 20, 'one to twenty answers')),
      keep: z.optional(z.boolean()),
    }), out: out<NotificationSetting[]>() },
  /** Turns a notification back on (or off) from 我的 → 通知. */
  setNotification: { input: () => z.strictObject({ template: templateName(), on: z.boolean() }), out: out<NotificationSetting[]>() },
  /** My 待办 counts and unread messages. */
  todos: { input: () => empty(), out: out<Todos>() },
  /** 我的数据: writes the caller's data file and answers a link to it (only the caller gets the link). */
  myData: { input: () => empty(), out: out<MyDataFile>() },
  /** 注销: deletes the caller's account; personal fields removed everywhere, case records kept anonymised. */
  deleteAccount: { input: () => z.strictObject({ confirm: z.literal(true) }), out: out<AccountDeleted>() },
});

export type UserContract = typeof userContract;

