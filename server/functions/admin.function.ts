import * as z from 'zod/mini';
import { action, defineFunction } from '../kernel/define-function';
import { parseInput } from '../kernel/validation';
import { cursor, docId, empty, intBetween, longText, mobile, openid, profession, role, shortText } from '../kernel/schemas';
import { ExportKinds } from '../../core/api/console';
import { TicketCategories } from '../../core/api/tickets';
import { directoryUseCases as uc, masterDataUseCases as master } from '../modules/organisation';
import { dashboardUseCases as dashboards, exportsUseCases as exportsUc, holidayUseCases as holidays, problemsUseCases as problems, visitsUseCases as visits } from '../modules/console';
import * as figures from '../modules/figures';
import { HeldStatuses } from '../../core/api/moderation';
import * as moderation from '../modules/moderation';
// The moderation targets (what removing a photo or releasing a held text does to each module's documents):
// each module registers its own when imported (console's visits above).
import '../modules/clinic';
import '../modules/qa';
import '../modules/tickets';

const staffSide = ['staff', 'instructor', 'admin'] as const;
const staffOrAdmin = ['staff', 'admin'] as const;
/** The staff side of a community, and the district role (区级督导) that reads every community's figures. */
const overseers = ['staff', 'instructor', 'admin', 'district'] as const;

// ---- staff console inputs ----
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
const category = z.enum(TicketCategories);
const period = { from: date, to: date };
const creditCode = z.string().check(z.trim(), z.minLength(18), z.maxLength(22));
const fileIds = z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9));
const problemInput = z.strictObject({ category, theme: z.optional(shortText(30)), description: longText(1000) });

/** What the handler reads of a wxa_media_check push (other fields are WeChat's and ignored). */
const MediaCheckPush = z.object({
  trace_id: z.string().check(z.minLength(1), z.maxLength(128)),
  result: z.optional(z.object({ suggest: z.optional(z.string().check(z.maxLength(16))), label: z.optional(z.union([z.number(), z.string().check(z.maxLength(16))])) })),
});

/** `admin`: staff and admin management of the community's people and entry points. */
export const adminFunction = defineFunction({
  name: 'admin',
  actions: {
    listEnterprises: action({
      input: z.strictObject({ cursor, keyword: z.optional(shortText(40)) }),
      roles: staffSide,
      handler: uc.listEnterprises,
    }),
    createEnterprise: action({
      input: z.strictObject({
        name: shortText(60),
        nameEn: z.optional(shortText(100)),
        creditCode: z.string().check(z.trim(), z.minLength(18), z.maxLength(22)),
        address: z.optional(shortText(120)),
        contactName: z.optional(shortText()),
        contactPhone: z.optional(mobile),
        workshops: z.optional(z.array(shortText(30)).check(z.maxLength(50))),
      }),
      roles: staffOrAdmin,
      write: true,
      handler: uc.createEnterprise,
    }),
    issueInvite: action({
      input: z.strictObject({ enterpriseId: docId, maxUses: z.optional(intBetween(1, 20)), validDays: z.optional(intBetween(1, 90)) }),
      roles: staffSide,
      write: true,
      handler: uc.issueInvite,
    }),
    createEntryCode: action({
      input: z.strictObject({ kind: z.enum(['enterprise', 'workshop', 'station']), enterpriseId: z.optional(docId), workshop: z.optional(shortText(30)), label: z.optional(shortText(60)), envVersion: z.optional(z.enum(['release', 'trial', 'develop'])) }),
      roles: staffOrAdmin,
      write: true,
      handler: uc.createEntryCode,
    }),
    listEntryCodes: action({ input: z.strictObject({ cursor }), roles: staffSide, handler: uc.listEntryCodes }),
    listUsers: action({
      input: z.strictObject({ role: z.optional(role), volunteerStatus: z.optional(z.enum(['pending', 'approved', 'rejected'])), cursor }),
      roles: staffSide,
      handler: uc.listUsers,
    }),
    reviewVolunteer: action({
      input: z.strictObject({ openid, approve: z.boolean(), note: z.optional(shortText(200)) }),
      roles: staffOrAdmin,
      write: true,
      handler: uc.reviewVolunteer,
    }),
    setRole: action({
      input: z.strictObject({ openid, role, unitId: z.optional(docId), note: z.optional(shortText(200)) }),
      roles: ['admin'],
      write: true,
      handler: uc.setRole,
    }),
    listAudit: action({ input: z.strictObject({ cursor, targetOpenid: z.optional(openid) }), roles: staffOrAdmin, handler: uc.listAudit }),

    // ---- staff console: visit log ----
    recordVisit: action({
      input: z.strictObject({
        enterpriseId: docId,
        date,
        met: shortText(60),
        topics: z.array(shortText(30)).check(z.minLength(1), z.maxLength(10)),
        notes: z.optional(longText(2000)),
        photos: z.optional(fileIds),
        problems: z.optional(z.array(problemInput).check(z.maxLength(20))),
      }),
      roles: staffSide,
      write: true,
      handler: visits.recordVisit,
    }),
    listVisits: action({ input: z.strictObject({ cursor, enterpriseId: z.optional(docId), mine: z.optional(z.boolean()) }), roles: staffSide, handler: visits.listVisits }),
    getVisit: action({ input: z.strictObject({ id: docId }), roles: staffSide, handler: visits.getVisit }),
    problemToTicket: action({
      input: z.strictObject({ visitId: docId, problemId: docId, title: z.optional(shortText(60)), urgency: z.optional(z.enum(['normal', 'urgent', 'critical'])) }),
      roles: staffSide,
      write: true,
      handler: visits.problemToTicket,
    }),
    enterpriseOverview: action({ input: z.strictObject({ enterpriseId: docId, cursor }), roles: staffSide, handler: visits.enterpriseOverview }),

    // ---- problem list, dashboards, exports ----
    problemList: action({ input: z.strictObject({ ...period, category: z.optional(category), communityId: z.optional(docId) }), roles: overseers, handler: problems.problemList }),
    dashboard: action({
      input: z.strictObject({ ...period, category: z.optional(category), enterpriseId: z.optional(docId), communityId: z.optional(docId) }),
      roles: overseers,
      handler: dashboards.dashboard,
    }),
    districtOverview: action({ input: z.strictObject(period), roles: ['district'], handler: dashboards.districtOverview }),
    exportData: action({
      input: z.strictObject({ kind: z.enum(ExportKinds), ...period, campaignId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_:-]{1,80}$/, 'not a campaign id'))), unmasked: z.optional(z.boolean()) }),
      roles: staffOrAdmin,
      write: true,
      handler: exportsUc.exportData,
    }),
    listExports: action({ input: z.strictObject({ cursor }), roles: staffOrAdmin, handler: exportsUc.listExports }),

    // ---- master data ----
    updateEnterprise: action({
      input: z.strictObject({
        id: docId,
        name: z.optional(shortText(60)),
        nameEn: z.optional(shortText(100)),
        creditCode: z.optional(creditCode),
        address: z.optional(shortText(120)),
        contactName: z.optional(shortText()),
        contactPhone: z.optional(mobile),
        workshops: z.optional(z.array(shortText(30)).check(z.maxLength(50))),
        instructorOpenid: z.optional(z.union([openid, z.literal('')])),
      }),
      roles: staffOrAdmin,
      write: true,
      handler: master.updateEnterprise,
    }),
    listUnits: action({ input: empty, roles: staffSide, handler: master.listUnits }),
    saveUnit: action({
      input: z.strictObject({ id: z.optional(docId), name: shortText(60), nameEn: z.optional(shortText(100)), contactName: z.optional(shortText()), contactPhone: z.optional(mobile), active: z.optional(z.boolean()) }),
      roles: staffOrAdmin,
      write: true,
      handler: master.saveUnit,
    }),
    setProfession: action({ input: z.strictObject({ openid, profession }), roles: staffOrAdmin, write: true, handler: master.setProfession }),
    listHolidays: action({ input: z.strictObject({ year: intBetween(2020, 2100) }), roles: staffSide, handler: master.listHolidays }),
    setHoliday: action({
      input: z.strictObject({ date, kind: z.enum(['holiday', 'workday', 'none']), name: z.optional(shortText(30)) }),
      roles: staffOrAdmin,
      write: true,
      handler: master.setHoliday,
    }),
    holidayYear: action({ input: z.strictObject({ year: intBetween(2020, 2099) }), roles: staffSide, handler: holidays.holidayYear }),
    previewHolidayNotice: action({ input: z.strictObject({ text: longText(20000) }), roles: staffOrAdmin, handler: holidays.previewHolidayNotice }),
    importHolidayNotice: action({ input: z.strictObject({ text: longText(20000) }), roles: staffOrAdmin, write: true, handler: holidays.importHolidayNotice }),
    // Content held for review (WeChat's check answered review): the staff queue.
    heldQueue: action({ input: z.strictObject({ status: z.optional(z.enum(HeldStatuses)), cursor }), roles: staffOrAdmin, handler: moderation.heldQueue }),
    releaseHeld: action({ input: z.strictObject({ id: docId }), roles: staffOrAdmin, write: true, handler: moderation.releaseHeld }),
    rejectHeld: action({ input: z.strictObject({ id: docId }), roles: staffOrAdmin, write: true, handler: moderation.rejectHeld }),
  },
  timers: {
    // Nightly: recount the figures (rollups) of recent days and one older month from the raw cases; repair and log any drift.
    figures: (ctx) => figures.reconcileNightly(ctx.clock.now()),
  },
  pushes: {
    // security.mediaCheckAsync's verdict (消息推送 event wxa_media_check; server/platform/message-push.ts).
    wxa_media_check: (ctx, event) => moderation.onMediaCheck(ctx, parseInput(MediaCheckPush, event)),
  },
});
