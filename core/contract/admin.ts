/** `admin`: each action's input schema and output type; roles and writes in ./admin.policy. */
import * as z from 'zod/mini';
import { cursor, docId, empty, intBetween, longText, mobile, openid, profession, role, shortText, once } from './schemas';
import { ExportKinds } from '../api/console';
import { TicketCategories, TicketUrgencies } from '../api/tickets';
import { HeldStatuses } from '../api/moderation';
import type { AuditEntry, Dashboard, DistrictOverview, Enterprise, EnterpriseOverview, EntryCode, ExportRecord, ExportResult, HeldItem, HeldPage, HolidayOverride, HolidayYear, Invite, MemberUnitDetail, NoticePreview, Page, ProblemList, Profession, UserRow, VisitView } from '../api';
import { defineContract, out } from './define';
import { adminPolicy } from './admin.policy';

// ---- staff console inputs ----
const date = once(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')));
const category = once(() => z.enum(TicketCategories));
const period = once(() => ({ from: date(), to: date() }));
const creditCode = once(() => z.string().check(z.trim(), z.minLength(18), z.maxLength(22)));
const fileIds = once(() => z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9)));
const problemInput = once(() => z.strictObject({ category: category(), theme: z.optional(shortText(30)), description: longText(1000) }));

export const adminContract = defineContract('admin', adminPolicy, {
  listEnterprises: { input: () => z.strictObject({ cursor: cursor(), keyword: z.optional(shortText(40)) }), out: out<Page<Enterprise>>() },
  createEnterprise: { input: () => z.strictObject({
      name: shortText(60),
      nameEn: z.optional(shortText(100)),
      creditCode: z.string().check(z.trim(), z.minLength(18), z.maxLength(22)),
      address: z.optional(shortText(120)),
      contactName: z.optional(shortText()),
      contactPhone: z.optional(mobile()),
      workshops: z.optional(z.array(shortText(30)).check(z.maxLength(50))),
    }), out: out<Enterprise>() },
  issueInvite: { input: () => z.strictObject({ enterpriseId: docId(), maxUses: z.optional(intBetween(1, 20)), validDays: z.optional(intBetween(1, 90)) }), out: out<Invite>() },
  createEntryCode: { input: () => z.strictObject({ kind: z.enum(['enterprise', 'workshop', 'station']), enterpriseId: z.optional(docId()), workshop: z.optional(shortText(30)), label: z.optional(shortText(60)), envVersion: z.optional(z.enum(['release', 'trial', 'develop'])) }), out: out<EntryCode>() },
  listEntryCodes: { input: () => z.strictObject({ cursor: cursor() }), out: out<Page<EntryCode>>() },
  listUsers: { input: () => z.strictObject({ role: z.optional(role()), volunteerStatus: z.optional(z.enum(['pending', 'approved', 'rejected'])), cursor: cursor() }), out: out<Page<UserRow>>() },
  reviewVolunteer: { input: () => z.strictObject({ openid: openid(), approve: z.boolean(), note: z.optional(shortText(200)) }), out: out<UserRow>() },
  /** Admin only: appoint staff / instructors / member-unit handlers, or demote. */
  setRole: { input: () => z.strictObject({ openid: openid(), role: role(), unitId: z.optional(docId()), note: z.optional(shortText(200)) }), out: out<UserRow>() },
  listAudit: { input: () => z.strictObject({ cursor: cursor(), targetOpenid: z.optional(openid()) }), out: out<Page<AuditEntry>>() },
  recordVisit: { input: () => z.strictObject({
      enterpriseId: docId(),
      date: date(),
      met: shortText(60),
      topics: z.array(shortText(30)).check(z.minLength(1), z.maxLength(10)),
      notes: z.optional(longText(2000)),
      photos: z.optional(fileIds()),
      problems: z.optional(z.array(problemInput()).check(z.maxLength(20))),
    }), out: out<VisitView>() },
  listVisits: { input: () => z.strictObject({ cursor: cursor(), enterpriseId: z.optional(docId()), mine: z.optional(z.boolean()) }), out: out<Page<VisitView>>() },
  getVisit: { input: () => z.strictObject({ id: docId() }), out: out<VisitView>() },
  /** One action: a visit problem becomes a ticket submitted on the enterprise's behalf, linked both ways. */
  problemToTicket: { input: () => z.strictObject({ visitId: docId(), problemId: docId(), title: z.optional(shortText(60)), urgency: z.optional(z.enum(TicketUrgencies)) }), out: out<VisitView>() },
  enterpriseOverview: { input: () => z.strictObject({ enterpriseId: docId(), cursor: cursor() }), out: out<EnterpriseOverview>() },
  problemList: { input: () => z.strictObject({ ...period(), category: z.optional(category()), communityId: z.optional(docId()), cursor: cursor() }), out: out<ProblemList>() },
  dashboard: { input: () => z.strictObject({ ...period(), category: z.optional(category()), enterpriseId: z.optional(docId()), communityId: z.optional(docId()) }), out: out<Dashboard>() },
  /** District role: every community's key figures side by side. */
  districtOverview: { input: () => z.strictObject(period()), out: out<DistrictOverview>() },
  /** Builds the .xlsx in the function, stores it, answers a temporary link; audited. */
  exportData: { input: () => z.strictObject({ kind: z.enum(ExportKinds), ...period(), campaignId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_:-]{1,80}$/, 'not a campaign id'))), unmasked: z.optional(z.boolean()) }), out: out<ExportResult>() },
  listExports: { input: () => z.strictObject({ cursor: cursor() }), out: out<Page<ExportRecord>>() },
  updateEnterprise: { input: () => z.strictObject({
      id: docId(),
      name: z.optional(shortText(60)),
      nameEn: z.optional(shortText(100)),
      creditCode: z.optional(creditCode()),
      address: z.optional(shortText(120)),
      contactName: z.optional(shortText()),
      contactPhone: z.optional(mobile()),
      workshops: z.optional(z.array(shortText(30)).check(z.maxLength(50))),
      instructorOpenid: z.optional(z.union([openid(), z.literal('')])),
    }), out: out<Enterprise>() },
  listUnits: { input: () => empty(), out: out<MemberUnitDetail[]>() },
  saveUnit: { input: () => z.strictObject({ id: z.optional(docId()), name: shortText(60), nameEn: z.optional(shortText(100)), contactName: z.optional(shortText()), contactPhone: z.optional(mobile()), active: z.optional(z.boolean()) }), out: out<MemberUnitDetail>() },
  /** Staff: change an approved volunteer's profession. */
  setProfession: { input: () => z.strictObject({ openid: openid(), profession: profession() }), out: out<{ openid: string; profession: Profession }>() },
  listHolidays: { input: () => z.strictObject({ year: intBetween(2020, 2100) }), out: out<HolidayOverride[]>() },
  setHoliday: { input: () => z.strictObject({ date: date(), kind: z.enum(['holiday', 'workday', 'none']), name: z.optional(shortText(30)) }), out: out<HolidayOverride[]>() },
  /** The year's calendar as the deadlines see it, its coverage, and the holiday to-do. */
  holidayYear: { input: () => z.strictObject({ year: intBetween(2020, 2099) }), out: out<HolidayYear>() },
  /** Reads a pasted State Council notice: its days and every problem; saves nothing. */
  previewHolidayNotice: { input: () => z.strictObject({ text: longText(20000) }), out: out<NoticePreview>() },
  /** Imports the notice's arrangement for the community (HOLIDAY.NOT_A_NOTICE, HOLIDAY.ALREADY_IMPORTED, HOLIDAY.CONTRADICTS_RULE). */
  importHolidayNotice: { input: () => z.strictObject({ text: longText(20000) }), out: out<HolidayYear>() },
  /** Staff: texts WeChat's content check sent to review, held for them (newest first). */
  heldQueue: { input: () => z.strictObject({ status: z.optional(z.enum(HeldStatuses)), cursor: cursor() }), out: out<HeldPage>() },
  /** Staff: a held text becomes visible to everyone who sees its case (CONTENT.ALREADY_DECIDED when someone was first). */
  releaseHeld: { input: () => z.strictObject({ id: docId() }), out: out<HeldItem>() },
  /** Staff: a held text stays with its author only, who is told. */
  rejectHeld: { input: () => z.strictObject({ id: docId() }), out: out<HeldItem>() },
});

export type AdminContract = typeof adminContract;

