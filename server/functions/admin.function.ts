import * as z from 'zod/mini';
import { adminContract } from '../../core/contract/admin';
import { defineFunction } from '../kernel/define-function';
import { parseInput } from '../kernel/validation';
import { directoryUseCases as uc, masterDataUseCases as master } from '../modules/organisation';
import { dashboardUseCases as dashboards, exportsUseCases as exportsUc, holidayUseCases as holidays, problemsUseCases as problems, visitsUseCases as visits } from '../modules/console';
import * as figures from '../modules/figures';
import * as moderation from '../modules/moderation';
// The moderation targets (what removing a photo or releasing a held text does to each module's documents):
// each module registers its own when imported (console's visits above).
import '../modules/clinic';
import '../modules/qa';
import '../modules/tickets';

/** What the handler reads of a wxa_media_check push (other fields are WeChat's and ignored). */
const MediaCheckPush = z.object({
  trace_id: z.string().check(z.minLength(1), z.maxLength(128)),
  result: z.optional(z.object({ suggest: z.optional(z.string().check(z.maxLength(16))), label: z.optional(z.union([z.number(), z.string().check(z.maxLength(16))])) })),
});

/** `admin`: the contract's actions (core/contract/admin.ts) and their handlers. */
export const adminFunction = defineFunction(adminContract, {
  handlers: {
    listEnterprises: uc.listEnterprises,
    createEnterprise: uc.createEnterprise,
    issueInvite: uc.issueInvite,
    createEntryCode: uc.createEntryCode,
    listEntryCodes: uc.listEntryCodes,
    listUsers: uc.listUsers,
    reviewVolunteer: uc.reviewVolunteer,
    setRole: uc.setRole,
    listAudit: uc.listAudit,
    recordVisit: visits.recordVisit,
    listVisits: visits.listVisits,
    getVisit: visits.getVisit,
    problemToTicket: visits.problemToTicket,
    enterpriseOverview: visits.enterpriseOverview,
    problemList: problems.problemList,
    dashboard: dashboards.dashboard,
    districtOverview: dashboards.districtOverview,
    exportData: exportsUc.exportData,
    listExports: exportsUc.listExports,
    updateEnterprise: master.updateEnterprise,
    listUnits: master.listUnits,
    saveUnit: master.saveUnit,
    setProfession: master.setProfession,
    listHolidays: master.listHolidays,
    setHoliday: master.setHoliday,
    holidayYear: holidays.holidayYear,
    previewHolidayNotice: holidays.previewHolidayNotice,
    importHolidayNotice: holidays.importHolidayNotice,
    heldQueue: moderation.heldQueue,
    releaseHeld: moderation.releaseHeld,
    rejectHeld: moderation.rejectHeld,
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
