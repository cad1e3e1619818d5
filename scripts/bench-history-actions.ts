/**
 * The read actions bench-history measures: every list, count, get and dashboard action of
 * docs/api.md, each called as a demo user of the demo community (ids of things to get are the
 * seeded history's, or resolved from a list first). Context keys: month, year, today, and what a
 * `resolve` adds.
 */
import { DEMO_FORM_ID } from '../server/modules/revisit/revisit-demo';
import { backfillAgendaKeys } from '../server/modules/tickets/tickets-sweep';
import { bookOf } from '../server/platform/holiday-calendar';

type Ctx = Record<string, string>;
type Call = (fn: string, openid: string, action: string, data?: unknown) => Promise<{ ok: boolean; data?: unknown }>;

export interface ReadAction {
  fn: string;
  action: string;
  /** The caller's openid (a demo user). */
  as: string;
  data?: unknown | ((ctx: Ctx) => unknown);
  label?: string;
  /** Looks up ids this action needs (through other read actions), added to the context. */
  resolve?: (call: Call, ctx: Ctx) => Promise<Ctx>;
}

const STAFF = 'demo-staff-zhang';
const WORKER = 'demo-worker-li';
const MANAGER = 'demo-manager-wang';
const LAWYER = 'demo-lawyer-chen';
const C = 'xingping';
const period = (ctx: Ctx) => ({ from: `${ctx.year}-01-01`, to: ctx.today });
const firstId = async (call: Call, fn: string, as: string, action: string, data: unknown = {}): Promise<string> => {
  const r = await call(fn, as, action, data);
  const d = r.data as { items?: Array<{ id: string }> } | Array<{ id: string }> | undefined;
  const list = Array.isArray(d) ? d : (d?.items ?? []);
  return list[0]?.id ?? 'none';
};

export const READ_ACTIONS: ReadAction[] = [
  // user
  { fn: 'user', action: 'me', as: WORKER },
  { fn: 'user', action: 'communities', as: WORKER },
  { fn: 'user', action: 'inbox', as: WORKER },
  { fn: 'user', action: 'notificationSettings', as: WORKER },
  { fn: 'user', action: 'todos', as: WORKER },
  { fn: 'user', action: 'todos', as: MANAGER },
  { fn: 'user', action: 'todos', as: STAFF },
  // admin: management and the staff console
  { fn: 'admin', action: 'listEnterprises', as: STAFF },
  { fn: 'admin', action: 'listEntryCodes', as: STAFF },
  { fn: 'admin', action: 'listUsers', as: STAFF, data: { role: 'worker' } },
  { fn: 'admin', action: 'listAudit', as: STAFF },
  { fn: 'admin', action: 'listVisits', as: STAFF },
  { fn: 'admin', action: 'getVisit', as: STAFF, data: (c: Ctx) => ({ id: c.visit }), resolve: async (call) => ({ visit: await firstId(call, 'admin', STAFF, 'listVisits') }) },
  { fn: 'admin', action: 'enterpriseOverview', as: STAFF, data: { enterpriseId: 'ent-yongsen' } },
  { fn: 'admin', action: 'problemList', as: STAFF, data: (c: Ctx) => ({ ...period(c), communityId: C }) },
  { fn: 'admin', action: 'dashboard', as: STAFF, data: (c: Ctx) => ({ ...period(c), communityId: C }), label: 'admin.dashboard (staff, this year)' },
  { fn: 'admin', action: 'districtOverview', as: 'demo-district-qian', data: period, label: 'admin.districtOverview (district, this year)' },
  { fn: 'admin', action: 'listExports', as: STAFF },
  { fn: 'admin', action: 'listUnits', as: STAFF },
  { fn: 'admin', action: 'listHolidays', as: STAFF, data: (c: Ctx) => ({ year: Number(c.year) }) },
  { fn: 'admin', action: 'holidayYear', as: STAFF, data: (c: Ctx) => ({ year: Number(c.year) }) },
  { fn: 'admin', action: 'heldQueue', as: STAFF },
  // qa
  { fn: 'qa', action: 'similar', as: WORKER, data: { text: '工伤认定需要什么材料' } },
  { fn: 'qa', action: 'mine', as: WORKER },
  { fn: 'qa', action: 'queue', as: STAFF, label: 'qa.queue (staff, open)' },
  { fn: 'qa', action: 'queue', as: STAFF, data: { overdueOnly: true }, label: 'qa.queue (staff, overdue)' },
  { fn: 'qa', action: 'queue', as: LAWYER, label: 'qa.queue (lawyer)' },
  { fn: 'qa', action: 'get', as: WORKER, data: { id: 'bh-q0' } },
  { fn: 'qa', action: 'searchFaq', as: WORKER, data: { q: '加班费' } },
  { fn: 'qa', action: 'listFaq', as: WORKER },
  // The demo data has no FAQ entry (scripts/seed-faq.ts is separate): staff publish one first.
  {
    fn: 'qa',
    action: 'getFaq',
    as: WORKER,
    data: (c: Ctx) => ({ id: c.faq }),
    resolve: async (call) => {
      const r = await call('qa', STAFF, 'publishFaq', { category: 'hr', question: { zh: '年假有几天？', en: 'How many days of annual leave?' }, answer: { zh: '工作满1年不满10年的，年休假5天。' } });
      return { faq: (r.data as { id?: string } | undefined)?.id ?? 'none' };
    },
  },
  // clinic
  { fn: 'clinic', action: 'settings', as: WORKER, data: { communityId: C } },
  { fn: 'clinic', action: 'calendar', as: WORKER, data: (c: Ctx) => ({ month: c.month, communityId: C }) },
  { fn: 'clinic', action: 'onDuty', as: WORKER, data: { days: 7, communityId: C } },
  { fn: 'clinic', action: 'openDuties', as: LAWYER, data: (c: Ctx) => ({ month: c.month }) },
  { fn: 'clinic', action: 'myDuties', as: LAWYER },
  { fn: 'clinic', action: 'myHandovers', as: LAWYER },
  { fn: 'clinic', action: 'colleagues', as: LAWYER },
  { fn: 'clinic', action: 'coverage', as: STAFF, data: (c: Ctx) => ({ month: c.month }) },
  { fn: 'clinic', action: 'myBookings', as: WORKER },
  // tickets
  { fn: 'tickets', action: 'list', as: MANAGER, label: 'tickets.list (manager)' },
  { fn: 'tickets', action: 'list', as: STAFF, label: 'tickets.list (staff desk)' },
  { fn: 'tickets', action: 'list', as: STAFF, data: { overdueOnly: true }, label: 'tickets.list (staff, overdue)' },
  { fn: 'tickets', action: 'list', as: 'demo-unit-hr', label: 'tickets.list (unit)' },
  { fn: 'tickets', action: 'get', as: MANAGER, data: { id: 'bh-t0' } },
  { fn: 'tickets', action: 'units', as: STAFF },
  { fn: 'tickets', action: 'catalogue', as: STAFF },
  // The history is written straight to the database, as an import would be: the one-off backfill
  // of agenda keys (docs/api.md, 每月一会诊) runs first, as it would after an import. The first page.
  {
    fn: 'tickets',
    action: 'agenda',
    as: STAFF,
    data: (c: Ctx) => ({ month: c.month }),
    resolve: async () => {
      await backfillAgendaKeys(C, new Date(), bookOf([], []));
      return {};
    },
  },
  // The page after the first (the first again when the draft fits on one page).
  {
    fn: 'tickets',
    action: 'agenda',
    as: STAFF,
    label: 'tickets.agenda (staff, next page)',
    data: (c: Ctx) => (c.agendaCursor ? { month: c.month, cursor: c.agendaCursor } : { month: c.month }),
    resolve: async (call, ctx) => ({ agendaCursor: ((await call('tickets', STAFF, 'agenda', { month: ctx.month })).data as { nextCursor?: string } | undefined)?.nextCursor ?? '' }),
  },
  // revisit
  { fn: 'revisit', action: 'pending', as: WORKER },
  { fn: 'revisit', action: 'getEvaluation', as: WORKER, data: { caseKind: 'question', caseId: 'bh-q0' } },
  { fn: 'revisit', action: 'listEvaluations', as: STAFF },
  { fn: 'revisit', action: 'listFollowUps', as: STAFF, data: { status: 'open' } },
  { fn: 'revisit', action: 'listForms', as: STAFF },
  { fn: 'revisit', action: 'getForm', as: STAFF, data: { id: DEMO_FORM_ID } },
  // The demo data has no 每年一回访 campaign: staff launch this year's first.
  {
    fn: 'revisit',
    action: 'listCampaigns',
    as: STAFF,
    resolve: async (call, ctx) => {
      await call('revisit', STAFF, 'launchCampaign', { year: Number(ctx.year), formId: DEMO_FORM_ID });
      return { campaign: await firstId(call, 'revisit', STAFF, 'listCampaigns') };
    },
  },
  { fn: 'revisit', action: 'getCampaign', as: STAFF, data: (c: Ctx) => ({ id: c.campaign }) },
  { fn: 'revisit', action: 'campaignTargets', as: STAFF, data: (c: Ctx) => ({ id: c.campaign }) },
  { fn: 'revisit', action: 'responses', as: STAFF, data: (c: Ctx) => ({ id: c.campaign }) },
  { fn: 'revisit', action: 'mySurveys', as: MANAGER },
  { fn: 'revisit', action: 'figures', as: STAFF, data: (c: Ctx) => ({ year: Number(c.year) }) },
];
