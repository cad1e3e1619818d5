/**
 * Every action called as every role: allowed roles get past the gate, all others get
 * AUTH.FORBIDDEN. The expected table is the specification, written here independently of the
 * functions' own role lists; a new action without a row here fails the coverage check.
 */
import { Roles, type Role } from '../../core/api/roles';
import { AllFunctions } from '../../server/functions/all';
import { startTestEnv, type TestEnv } from '../support/harness';
import { Samples } from './samples';

const all = Roles;
const staffSide: Role[] = ['staff', 'instructor', 'admin'];
const staffOrAdmin: Role[] = ['staff', 'admin'];
const askers: Role[] = ['worker', 'manager'];
/** Staff-side roles, and volunteers (approved, of the category's profession: the harness makes lawyers). */
const responders: Role[] = ['volunteer', 'staff', 'instructor', 'admin'];
/** Who takes part in enterprise demands: the enterprise's manager, member units, the staff side. */
const ticketParties: Role[] = ['manager', 'unit', 'staff', 'instructor', 'admin'];

const Expected: Record<string, Record<string, readonly Role[]>> = {
  user: {
    me: all,
    communities: all,
    enterByScene: all,
    updateSettings: all.filter((r) => r !== 'guest'),
    joinEnterprise: ['guest', 'worker'],
    applyVolunteer: ['guest', 'worker'],
    // 消息, consent and 待办: everyone with a record has an inbox; 待办 answers guests too (nothing).
    inbox: all.filter((r) => r !== 'guest'),
    markRead: all.filter((r) => r !== 'guest'),
    markAllRead: all.filter((r) => r !== 'guest'),
    notificationSettings: all.filter((r) => r !== 'guest'),
    consent: all.filter((r) => r !== 'guest'),
    setNotification: all.filter((r) => r !== 'guest'),
    todos: all,
    // 我的数据: anyone with a record; 注销: anyone passes the gate (a guest is answered ACCOUNT.NONE, or a retry's first answer).
    myData: all.filter((r) => r !== 'guest'),
    deleteAccount: all,
  },
  admin: {
    listEnterprises: staffSide,
    createEnterprise: staffOrAdmin,
    issueInvite: staffSide,
    createEntryCode: staffOrAdmin,
    listEntryCodes: staffSide,
    listUsers: staffSide,
    reviewVolunteer: staffOrAdmin,
    setRole: ['admin'],
    listAudit: staffOrAdmin,
    // Staff console: the staff side records and reads; exports and master-data writes are staff and admin.
    recordVisit: staffSide,
    listVisits: staffSide,
    getVisit: staffSide,
    problemToTicket: staffSide,
    enterpriseOverview: staffSide,
    // The district role (区级督导) reads any community's figures; staff their own.
    problemList: [...staffSide, 'district'],
    dashboard: [...staffSide, 'district'],
    districtOverview: ['district'],
    exportData: staffOrAdmin,
    listExports: staffOrAdmin,
    updateEnterprise: staffOrAdmin,
    listUnits: staffSide,
    saveUnit: staffOrAdmin,
    setProfession: staffOrAdmin,
    listHolidays: staffSide,
    setHoliday: staffOrAdmin,
    holidayYear: staffSide,
    previewHolidayNotice: staffOrAdmin,
    importHolidayNotice: staffOrAdmin,
    // Content WeChat's check sent to review: staff and admins work the queue.
    heldQueue: staffOrAdmin,
    releaseHeld: staffOrAdmin,
    rejectHeld: staffOrAdmin,
  },
  qa: {
    similar: all,
    ask: askers,
    mine: askers,
    queue: responders,
    get: all.filter((r) => r !== 'guest' && r !== 'unit' && r !== 'district'),
    claim: responders,
    release: responders,
    answer: responders,
    requestInfo: responders,
    reply: askers,
    solve: askers,
    searchFaq: all,
    listFaq: all,
    getFaq: all,
    publishFaq: staffOrAdmin,
    updateFaq: staffOrAdmin,
    unpublishFaq: staffOrAdmin,
  },
  clinic: {
    settings: all,
    updateSettings: staffOrAdmin,
    calendar: all,
    onDuty: all,
    openDuties: ['volunteer'],
    myDuties: ['volunteer'],
    bookDuty: ['volunteer'],
    cancelDuty: ['volunteer'],
    offerHandover: ['volunteer'],
    acceptHandover: ['volunteer'],
    declineHandover: ['volunteer'],
    myHandovers: ['volunteer'],
    colleagues: ['volunteer'],
    planRotation: staffOrAdmin,
    coverage: staffSide,
    slots: all,
    book: askers,
    joinWaitlist: askers,
    leaveWaitlist: askers,
    cancelBooking: askers,
    reschedule: askers,
    myBookings: askers,
    checkIn: askers,
    recordOutcome: ['volunteer', 'staff', 'admin'],
    sessionBookings: ['volunteer', 'staff', 'instructor', 'admin'],
  },
  tickets: {
    submit: ['manager'],
    list: ticketParties,
    get: ticketParties,
    act: ticketParties,
    units: ticketParties,
    catalogue: ticketParties,
    setCatalogue: staffOrAdmin,
    agenda: staffSide,
    editAgenda: staffOrAdmin,
    recordDecision: staffOrAdmin,
  },
  revisit: {
    // The people served rate; the staff side reads; staff and admins act.
    pending: askers,
    evaluate: askers,
    getEvaluation: [...askers, ...staffSide],
    listEvaluations: staffSide,
    listFollowUps: staffSide,
    closeFollowUp: staffOrAdmin,
    saveForm: staffOrAdmin,
    listForms: staffSide,
    getForm: staffSide,
    launchCampaign: staffOrAdmin,
    listCampaigns: staffSide,
    getCampaign: staffSide,
    campaignTargets: staffSide,
    remind: staffOrAdmin,
    closeCampaign: staffOrAdmin,
    mySurveys: ['manager'],
    answerSurvey: ['manager'],
    recordRevisit: staffOrAdmin,
    responses: staffSide,
    figures: staffSide,
  },
};

const Functions = AllFunctions;

describe('authorization matrix', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

  it('has an expectation and a sample for every action of every function', () => {
    for (const [name, fn] of Object.entries(Functions)) {
      expect(Object.keys(Expected[name]).sort()).toEqual(Object.keys(fn.def.actions).sort());
      expect(Object.keys(Samples[name]).sort()).toEqual(Object.keys(fn.def.actions).sort());
    }
  });

  const cases = Object.entries(Expected).flatMap(([fn, actions]) =>
    Object.entries(actions).flatMap(([action, allowed]) => Roles.map((role) => ({ fn, action, role, allowed: allowed.includes(role) }))),
  );

  it.each(cases)('$fn.$action as $role -> allowed: $allowed', async ({ fn, action, role, allowed }) => {
    const as = await env.makeUser(role);
    const data = await Samples[fn][action](env, as);
    const res = await env.call(fn, action, data, { as, idempotencyKey: env.key() });
    const code = res.ok ? 'OK' : res.error.code;
    if (allowed) {
      expect(code).not.toBe('AUTH.FORBIDDEN');
      expect(code).not.toBe('INTERNAL');
      // The sample is valid for an allowed caller: it should simply work.
      expect(res.ok ? 'OK' : `${res.error.code}: ${res.error.message}`).toBe('OK');
    } else {
      expect(code).toBe('AUTH.FORBIDDEN');
    }
  });

  it('refuses a call with no WeChat identity', async () => {
    const res = await env.call('user', 'me', {}, { as: '' });
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.code).toBe('AUTH.REQUIRED');
  });
});
