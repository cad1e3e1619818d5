/**
 * Every collection the functions use, with its indexes and its client-access rule, declared once.
 * The emulator creates the same indexes (and flags queries no index serves); deploy creates them
 * in CloudBase. Clients never touch collections directly: every rule denies client access and
 * only cloud functions (which bypass rules with admin rights) read and write.
 */
export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
}

export interface CollectionSpec {
  name: string;
  description: string;
  indexes: IndexSpec[];
  /** CloudBase security rule; "ADMINONLY" style rules deny every client read and write. */
  rule: { read: false; write: false };
}

const deny = { read: false, write: false } as const;

export const Collections = {
  communities: 'communities',
  users: 'users',
  enterprises: 'enterprises',
  invites: 'invites',
  entryCodes: 'entry_codes',
  audit: 'audit_log',
  requests: 'requests',
  questions: 'questions',
  qaMessages: 'qa_messages',
  faq: 'faq',
  clinicSettings: 'clinic_settings',
  clinicDuties: 'clinic_duties',
  clinicHandovers: 'clinic_handovers',
  clinicBookings: 'clinic_bookings',
  clinicWaitlist: 'clinic_waitlist',
  clinicReminders: 'clinic_reminders',
  tickets: 'tickets',
  ticketCounters: 'ticket_counters',
  ticketNotices: 'ticket_notices',
  memberUnits: 'member_units',
  dispatchCatalogue: 'dispatch_catalogue',
  ticketAgenda: 'ticket_agenda',
  // Satisfaction (function revisit)
  evaluations: 'evaluations',
  followUps: 'follow_ups',
  surveyForms: 'survey_forms',
  surveyFormVersions: 'survey_form_versions',
  campaigns: 'revisit_campaigns',
  campaignTargets: 'revisit_targets',
  surveyResponses: 'survey_responses',
  evaluationInvites: 'evaluation_invites',
  // Staff console (function admin)
  visits: 'visits',
  exports: 'exports',
  holidays: 'holiday_overrides',
  holidayArrangements: 'holiday_arrangements',
  // Reaching people: the inbox and subscription consent (server/modules/notify)
  inbox: 'inbox',
  notifyConsents: 'notify_consents',
  // Content security (server/modules/moderation)
  mediaChecks: 'media_checks',
  heldTexts: 'held_texts',
  // 注销: one record per account deletion, named by its pseudonym (server/modules/account/account.use-cases.ts)
  accountDeletions: 'account_deletions',
  // Figures (rollups) the dashboards read: server/modules/figures
  dailyFigures: 'daily_figures',
} as const;

export type CollectionName = (typeof Collections)[keyof typeof Collections];

/**
 * Who owns each collection: the only code that names it (reads or writes it). Every other module
 * asks the owner through its index.ts (its queries and commands). A module is server/modules/<name>;
 * `kernel` is server/kernel, `calendar` is server/platform/holiday-calendar.ts (the holiday data
 * every call's calendar is built from). Checked by scripts/collection-owners.test.ts, which also
 * lists the two places allowed to cross it and why.
 */
export const CollectionOwners: Record<keyof typeof Collections, string> = {
  communities: 'organisation',
  users: 'organisation',
  enterprises: 'organisation',
  invites: 'organisation',
  entryCodes: 'organisation',
  audit: 'organisation',
  memberUnits: 'organisation',
  requests: 'kernel',
  questions: 'qa',
  qaMessages: 'qa',
  faq: 'qa',
  clinicSettings: 'clinic',
  clinicDuties: 'clinic',
  clinicHandovers: 'clinic',
  clinicBookings: 'clinic',
  clinicWaitlist: 'clinic',
  clinicReminders: 'clinic',
  tickets: 'tickets',
  ticketCounters: 'tickets',
  ticketNotices: 'tickets',
  dispatchCatalogue: 'tickets',
  ticketAgenda: 'tickets',
  evaluations: 'revisit',
  followUps: 'revisit',
  surveyForms: 'revisit',
  surveyFormVersions: 'revisit',
  campaigns: 'revisit',
  campaignTargets: 'revisit',
  surveyResponses: 'revisit',
  evaluationInvites: 'revisit',
  visits: 'console',
  exports: 'console',
  holidays: 'calendar',
  holidayArrangements: 'calendar',
  inbox: 'notify',
  notifyConsents: 'notify',
  mediaChecks: 'moderation',
  heldTexts: 'moderation',
  accountDeletions: 'account',
  dailyFigures: 'figures',
};

export const Schema: CollectionSpec[] = [
  { name: Collections.communities, description: '工业社区: one service centre', indexes: [], rule: deny },
  {
    name: Collections.users,
    description: 'one document per WeChat openid (_id = openid): role, community, enterprise, settings',
    indexes: [
      { name: 'community_role', keys: { communityId: 1, role: 1 } },
      { name: 'enterprise', keys: { enterpriseId: 1 } },
      { name: 'community_volunteer_status', keys: { communityId: 1, volunteerStatus: 1 } },
      { name: 'unit', keys: { unitId: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.enterprises,
    description: '企业 of a community',
    indexes: [
      { name: 'community_name', keys: { communityId: 1, name: 1 } },
      { name: 'credit_code', keys: { creditCode: 1 }, unique: true }, { name: 'created_by', keys: { createdBy: 1 } }, { name: 'instructor', keys: { instructorOpenid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.invites,
    description: 'invite codes (_id = code) that make a person the manager of an enterprise',
    indexes: [{ name: 'enterprise', keys: { enterpriseId: 1 } }, { name: 'created_by', keys: { createdBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.entryCodes,
    description: 'QR entry codes (_id = scene) for an enterprise, a workshop or a clinic station',
    indexes: [{ name: 'community_created', keys: { communityId: 1, createdAt: -1 } }, { name: 'created_by', keys: { createdBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.audit,
    description: 'append-only audit of role changes and other privileged acts',
    indexes: [
      { name: 'community_at', keys: { communityId: 1, at: -1 } },
      { name: 'target', keys: { targetOpenid: 1 } }, { name: 'actor', keys: { actorOpenid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.requests,
    description: 'idempotency records: the answer to a write, by caller + action + client key',
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.questions,
    description: '每日一问诊 questions: asker, category, status, claim, due time; the thread lives in qa_messages',
    indexes: [
      { name: 'asker_created', keys: { askerOpenid: 1, createdAt: -1 } },
      { name: 'asker_status', keys: { askerOpenid: 1, status: 1 } },
      // revisit.pending: the asker's answered / solved questions, newest first, a page after its cursor (the status tested on the way).
      { name: 'asker_updated_id', keys: { askerOpenid: 1, updatedAt: -1, _id: -1 } },
      // The enterprise's page (admin.enterpriseOverview): newest first by (createdAt, _id), a page after its (instant, id) cursor.
      { name: 'enterprise_created_id', keys: { enterpriseId: 1, createdAt: -1, _id: -1 } },
      { name: 'community_status_created', keys: { communityId: 1, status: 1, createdAt: -1 } },
      // A community's questions newest first whatever their status (admin.problemList's pages).
      { name: 'community_created_id', keys: { communityId: 1, createdAt: -1, _id: -1 } },
      { name: 'profession_status_created', keys: { profession: 1, status: 1, createdAt: -1 } },
      { name: 'overdue_notified_due', keys: { overdueNotified: 1, dueAt: 1 } }, { name: 'claimed_by', keys: { claimedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.qaMessages,
    description: 'one message of a question thread (answer, request for details, follow-up), never an array in the question',
    indexes: [{ name: 'question_created', keys: { questionId: 1, createdAt: 1 } }, { name: 'author', keys: { authorOpenid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.faq,
    description: 'knowledge base entries (zh/en) with their search terms (Chinese bigrams + latin words)',
    indexes: [
      { name: 'terms', keys: { terms: 1 } },
      { name: 'community_published', keys: { communityId: 1, published: 1, publishedAt: -1 } },
      { name: 'published_at', keys: { published: 1, publishedAt: -1 } }, { name: 'created_by', keys: { createdBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.clinicSettings,
    description: '三师 clinic calendar settings of a community (_id = communityId), written by staff',
    indexes: [{ name: 'active', keys: { active: 1 } }, { name: 'updated_by', keys: { updatedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.clinicDuties,
    description:
      '三师 duty: one seat of one profession in one session (_id = duty:<community>:<session>:<profession>:<seat>, so two bookers of a seat collide); personKey stops a person sitting twice in a session, capKey numbers the monthly cap',
    indexes: [
      { name: 'session_key', keys: { sessionKey: 1 } },
      { name: 'month_key', keys: { monthKey: 1 } },
      { name: 'volunteer_month', keys: { volunteerOpenid: 1, month: 1 } },
      { name: 'date', keys: { date: 1 } },
      { name: 'community_date', keys: { communityId: 1, date: 1 } },
      { name: 'person_key', keys: { personKey: 1 }, unique: true },
      { name: 'cap_key', keys: { capKey: 1 }, unique: true },
    ],
    rule: deny,
  },
  {
    name: Collections.clinicHandovers,
    description: 'a duty offered by one volunteer to a colleague of the same profession, and its answer',
    indexes: [
      { name: 'to_status', keys: { toOpenid: 1, status: 1 } },
      { name: 'from_created', keys: { fromOpenid: 1, createdAt: -1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.clinicBookings,
    description:
      '三师 consultation: seatKey (one seat of one slot), bookerSlotKey (one booker per slot) and bookerProfessionKey (one booking per profession per session) are unique; a cancelled booking renames them',
    indexes: [
      { name: 'seat_key', keys: { seatKey: 1 }, unique: true },
      { name: 'booker_slot_key', keys: { bookerSlotKey: 1 }, unique: true },
      { name: 'booker_profession_key', keys: { bookerProfessionKey: 1 }, unique: true },
      { name: 'session_profession', keys: { sessionKey: 1, profession: 1 } },
      { name: 'month_key', keys: { monthKey: 1 } },
      { name: 'booker_starts', keys: { bookerId: 1, startsAt: -1 } },
      // revisit.pending: the booker's attended consultations, newest outcome first, a page after its cursor.
      { name: 'booker_status_recorded_id', keys: { bookerId: 1, status: 1, 'outcome.recordedAt': -1, _id: -1 } },
      { name: 'date_status', keys: { sessionDate: 1, status: 1 } },
      { name: 'community_date', keys: { communityId: 1, sessionDate: 1 } },
      { name: 'enterprise_starts_id', keys: { enterpriseId: 1, startsAt: -1, _id: -1 } }, { name: 'outcome_by', keys: { 'outcome.byOpenid': 1 } }],
    rule: deny,
  },
  {
    name: Collections.clinicWaitlist,
    description: 'waiting for a seat of a profession in a session (_id derived from community, session, profession and booker)',
    indexes: [
      { name: 'session_profession_joined', keys: { sessionKey: 1, profession: 1, joinedAt: 1 } },
      { name: 'booker_joined', keys: { bookerId: 1, joinedAt: -1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.clinicReminders,
    description: 'once-only notices (_id = reminder or gap key): inserted before sending, so overlapping timer runs send once',
    indexes: [],
    rule: deny,
  },
  {
    name: Collections.tickets,
    description: 'enterprise demand (企业点单): status, version (optimistic concurrency), units, rung, clocks, the timeline (history, one entry per version, pushed by the act that made it), the latest writes\' idempotency marks, the enterprise and unit names copied for the detail',
    indexes: [
      // The list (tickets.list): newest first by submittedAt then _id, a page after the cursor's row. Each index
      // ends in (submittedAt, _id) so it yields the list's order: a page reads its rows, not the history. A filter
      // leads its own index (equality fields before the order, in any sequence, serve the same page).
      { name: 'community_submitted_id', keys: { communityId: 1, submittedAt: -1, _id: -1 } },
      { name: 'enterprise_submitted_id', keys: { enterpriseId: 1, submittedAt: -1, _id: -1 } },
      { name: 'lead_unit_submitted_id', keys: { leadUnitId: 1, submittedAt: -1, _id: -1 } },
      { name: 'assist_units_submitted_id', keys: { assistUnitIds: 1, submittedAt: -1, _id: -1 } },
      // status also serves 待办 and the agenda (a community's tickets in some statuses)
      { name: 'status_community_submitted_id', keys: { status: 1, communityId: 1, submittedAt: -1, _id: -1 } },
      // An instructor's 待办 (to pass on): submitted demands of theirs or of no instructor, a page of ids each (also led by instructorId below).
      { name: 'status_community_instructor', keys: { status: 1, communityId: 1, instructorId: 1 } },
      { name: 'rung_community_submitted_id', keys: { rung: 1, communityId: 1, submittedAt: -1, _id: -1 } },
      { name: 'category_community_submitted_id', keys: { category: 1, communityId: 1, submittedAt: -1, _id: -1 } },
      // "Overdue only": the flag the acts and the sweep keep, so the read is the live overdue set.
      { name: 'overdue_community_submitted_id', keys: { overdue: 1, communityId: 1, submittedAt: -1, _id: -1 } },
      { name: 'lead_unit_status', keys: { leadUnitId: 1, status: 1 } },
      // A unit's 待办: to sign and flagged overdue (a page of ids each), and those not flagged whose timer moment (sweepAt) comes within two
      // days. Each also led by its other equality or the window: the planner starts from whichever matches fewer, the unit's history or not.
      { name: 'status_lead_unit', keys: { status: 1, leadUnitId: 1 } }, { name: 'overdue_lead_unit', keys: { overdue: 1, leadUnitId: 1 } },
      { name: 'lead_unit_overdue_sweep_id', keys: { leadUnitId: 1, overdue: 1, sweepAt: 1, _id: 1 } }, { name: 'sweep_lead_unit_overdue', keys: { sweepAt: 1, leadUnitId: 1, overdue: 1 } },
      // An enterprise's demands still being handled (admin.getVisit's similar demand, the overview's open count): its live set, not its history.
      { name: 'enterprise_status_submitted', keys: { enterpriseId: 1, status: 1, submittedAt: -1 } },
      // admin.getVisit: an enterprise's newest live demand of a visit problem's category, among that category's live ones (led by either equality).
      { name: 'enterprise_category_status_submitted', keys: { enterpriseId: 1, category: 1, status: 1, submittedAt: -1 } }, { name: 'category_enterprise_status_submitted', keys: { category: 1, enterpriseId: 1, status: 1, submittedAt: -1 } },
      // An enterprise's tickets in one status (its manager's 待办: resolved to rate, suspended awaiting details): those, not its history.
      // Status first: the planner starts from the narrower status, and this index then bounds it to the enterprise.
      { name: 'status_enterprise', keys: { status: 1, enterpriseId: 1 } },
      // revisit.pending: the enterprise's resolved tickets, newest resolution first, a page after its cursor. Led by
      // each of its two equalities: the planner starts from whichever matches fewer tickets, and either then yields the order.
      { name: 'status_enterprise_resolved_id', keys: { status: 1, enterpriseId: 1, resolvedAt: -1, _id: -1 } },
      { name: 'enterprise_status_resolved_id', keys: { enterpriseId: 1, status: 1, resolvedAt: -1, _id: -1 } },
      // 每月一会诊: a page of the month's draft, in agenda order after the cursor's key (tickets-agenda.ts).
      { name: 'community_agenda_key', keys: { communityId: 1, agendaKey: 1 } },
      { name: 'sweep_at', keys: { sweepAt: 1 } },
      { name: 'number', keys: { number: 1 }, unique: true }, { name: 'submitted_by', keys: { submittedBy: 1 } }, { name: 'instructor_status_community', keys: { instructorId: 1, status: 1, communityId: 1 } },
      // 我的数据 and 注销: the timeline entries a person made (personal-data.ts).
      { name: 'history_actor', keys: { 'history.actorId': 1 } }],
    rule: deny,
  },
  {
    name: Collections.ticketCounters,
    description: 'per community and year (_id = <communityId>:<year>): the last human ticket number, incremented in a transaction',
    indexes: [],
    rule: deny,
  },
  {
    name: Collections.ticketNotices,
    description: 'once-only ticket notices (_id = <ticketId>:overdue:<kind>:<due>): the overdue flag per deadline, inserted before the 督办 reminder is sent',
    indexes: [],
    rule: deny,
  },
  {
    name: Collections.memberUnits,
    description: '成员单位 (_id = unit id) of a community that take dispatched demands',
    indexes: [{ name: 'community', keys: { communityId: 1 } }],
    rule: deny,
  },
  {
    name: Collections.dispatchCatalogue,
    description: 'dispatch catalogue (_id = <communityId>:<category>): the lead (主办) and assisting (协办) units of a category',
    indexes: [{ name: 'community', keys: { communityId: 1 } }, { name: 'updated_by', keys: { updatedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.ticketAgenda,
    description: '每月一会诊 agenda (_id = <communityId>:<month>): what staff changed on the draft (tickets added, tickets removed) and the decisions per ticket',
    indexes: [],
    rule: deny,
  },
  // ---- satisfaction (function revisit): declared by its module's author ----
  {
    name: Collections.evaluations,
    description: 'one rating of a finished case by the person served (_id = <caseKind>:<caseId>:<openid>, so a second is refused), never updated; carries what the figures group by (year, month, category, unit, volunteer)',
    indexes: [
      { name: 'community_year', keys: { communityId: 1, year: 1 } },
      { name: 'community_at', keys: { communityId: 1, at: -1 } },
      // An enterprise's ratings newest first (its timeline in the console): a page, not the community's history.
      { name: 'enterprise_at_id', keys: { enterpriseId: 1, at: -1, _id: -1 } },
      { name: 'case', keys: { caseId: 1, caseKind: 1 } }, { name: 'rater', keys: { raterOpenid: 1 } }, { name: 'volunteer', keys: { volunteerOpenid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.followUps,
    description: 'staff follow-up tasks from poor ratings and low survey scores; the evaluation or response names its task (written with it)',
    indexes: [{ name: 'community_status_created', keys: { communityId: 1, status: 1, createdAt: -1 } }, { name: 'done_by', keys: { doneBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.surveyForms,
    description: 'survey questionnaires of a community (current version)',
    indexes: [{ name: 'community_updated', keys: { communityId: 1, updatedAt: -1 } }, { name: 'updated_by', keys: { updatedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.surveyFormVersions,
    description: 'every saved version of a form (_id = <formId>:<version>); answers point at one',
    indexes: [{ name: 'form_version', keys: { formId: 1, version: 1 }, unique: true }, { name: 'updated_by', keys: { updatedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.campaigns,
    description: '每年一回访 campaigns (_id = <communityId>:<year>: one per year); targets/responded counted in the answering transaction',
    indexes: [{ name: 'community_status_year', keys: { communityId: 1, status: 1, year: -1 } }, { name: 'launched_by', keys: { launchedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.campaignTargets,
    description: 'the enterprises a campaign targets (_id = <campaignId>:<enterpriseId>) and their response state; one reminder a day (conditional update on lastRemindedDay)',
    indexes: [{ name: 'campaign_status_enterprise', keys: { campaignId: 1, status: 1, enterpriseId: 1 } }, { name: 'recorded_by', keys: { recordedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.surveyResponses,
    description: 'one answer per campaign and enterprise (_id = <campaignId>:<enterpriseId>)',
    indexes: [{ name: 'campaign_enterprise', keys: { campaignId: 1, enterpriseId: 1 } }, { name: 'by', keys: { by: 1 } }],
    rule: deny,
  },
  {
    name: Collections.evaluationInvites,
    description: 'once-only invitations to rate a case (_id = <caseKind>:<caseId>): inserted before the subscribe message is sent',
    indexes: [],
    rule: deny,
  },
  // ---- end satisfaction ----
  // ---- staff console (function admin): declared by its module's author ----
  {
    name: Collections.visits,
    description: '驻企走访 visit log: who visited which enterprise when, topics, photos, problems raised',
    indexes: [
      // (date, _id) newest first: the problem list's order, so its pages read a page (admin.problemList).
      { name: 'community_date_id', keys: { communityId: 1, date: -1, _id: -1 } },
      { name: 'enterprise_date_id', keys: { enterpriseId: 1, date: -1, _id: -1 } },
      { name: 'visitor_date', keys: { visitorOpenid: 1, date: -1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.exports,
    description: 'audited .xlsx exports: who exported what, when, rows, file',
    indexes: [{ name: 'community_created', keys: { communityId: 1, createdAt: -1 } }, { name: 'by', keys: { byOpenid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.holidays,
    description: 'staff corrections of the holiday calendar (_id = YYYY-MM-DD): holiday or working day; national, like the calendar every deadline uses',
    indexes: [{ name: 'year', keys: { year: 1 } }, { name: 'updated_by', keys: { updatedBy: 1 } }],
    rule: deny,
  },
  {
    name: Collections.holidayArrangements,
    description: "a year's holiday arrangement (days off, 调休 working days) imported by a community's staff from the State Council's notice (_id = <communityId>:<year>, so a second import of the year is refused)",
    indexes: [{ name: 'year', keys: { year: 1 } }, { name: 'imported_by', keys: { importedBy: 1 } }],
    rule: deny,
  },
  // ---- end staff console ----
  {
    name: Collections.inbox,
    description:
      '消息: one item per event × recipient (_id derived from both, so a retried act or timer never writes a second); read flag, and what became of the subscribe message (sent, off, refused 43101, failed with its errcode)',
    indexes: [
      { name: 'openid_sort', keys: { openid: 1, sortKey: -1 } },
      { name: 'openid_read', keys: { openid: 1, read: 1 } },
      // Items whose message was never tried (the act's process ended after its commit): retried by a timer.
      { name: 'push_created', keys: { push: 1, createdAt: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.notifyConsents,
    description: "a person's answers in the subscription dialog, per template (_id = openid:template): last answer, kept choice, on/off",
    indexes: [{ name: 'openid', keys: { openid: 1 } }],
    rule: deny,
  },
  {
    name: Collections.mediaChecks,
    description:
      "one uploaded photo's WeChat check (_id derived from the fileID): pending until the wxa_media_check push, then pass / review / rejected; the trace_id it was asked under and the cases that show it",
    indexes: [
      { name: 'trace', keys: { traceId: 1 } },
      { name: 'uploader', keys: { uploader: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.heldTexts,
    description: "a text WeChat's check sent to review (msgSecCheck suggest review), held for staff: the case it belongs to, its author, held / released / rejected",
    indexes: [
      { name: 'community_status_sort', keys: { communityId: 1, status: 1, sortKey: -1 } },
      { name: 'author', keys: { author: 1 } },
      { name: 'decided_by', keys: { decidedBy: 1 } },
    ],
    rule: deny,
  },
  {
    name: Collections.accountDeletions,
    description:
      "注销: one per deletion (_id = the pseudonym the person's records now carry); while running it holds the openid, name and phone the steps look for, dropped when it finishes",
    indexes: [],
    rule: deny,
  },
  {
    name: Collections.dailyFigures,
    description:
      "figures of one community's Beijing day (_id = <communityId>:<YYYY-MM-DD>), and one of what is true of its open tickets now (_id = <communityId>:live, no day): counters under `n` kept by the acts in their own write step, recounted and repaired by admin's nightly figures timer (core/rules/figures.ts)",
    indexes: [{ name: 'community_day', keys: { communityId: 1, day: 1 } }],
    rule: deny,
  },
];

/** The emulator's IndexDeclaration shape (collection + name + keys). */
export function indexDeclarations() {
  return Schema.flatMap((c) => c.indexes.map((i) => ({ collection: c.name, ...i })));
}
