/**
 * The staff console (function `admin`, staff subpackage): the visit log (驻企服务员每日一问诊),
 * the enterprise problem list (企业问题清单), dashboards, .xlsx exports and master data. Pure types
 * shared by the app and the server.
 */
import type { Enterprise } from './admin';
import type { Attachment, QaCategory } from './qa';
import type { Profession } from './roles';
import type { TicketCategory, TicketRungView, TicketStatusView, TicketUrgencyView } from './tickets';

// ---- visit log ----

export type ProblemStatus = 'open' | 'ticketed' | 'resolved';

/** A problem raised during a visit; it can become a ticket in one action. */
export interface VisitProblem {
  id: string;
  category: TicketCategory;
  /** Free theme for grouping in the problem list (e.g. 用工, 融资, 消防验收). */
  theme?: string;
  description: string;
  status: ProblemStatus;
  ticketId?: string;
  ticketNumber?: string;
  /** An open problem whose enterprise already has a live demand of its category (getVisit only): the screen warns before making another. */
  similarTicket?: { id: string; number: string; title: string };
}

export interface VisitView {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  /** YYYY-MM-DD, Beijing. */
  date: string;
  visitorOpenid: string;
  visitorName?: string;
  /** Who was met (name and post). */
  met: string;
  topics: string[];
  notes?: string;
  photos: Attachment[];
  problems: VisitProblem[];
  createdAt: string;
}

export interface VisitInput {
  enterpriseId: string;
  date: string;
  met: string;
  topics: string[];
  notes?: string;
  /** fileIDs of photos the caller uploaded to their own folder (core/rules/uploads.ts), as for question photos. */
  photos?: string[];
  problems?: Array<{ category: TicketCategory; theme?: string; description: string }>;
}

/** One line of an enterprise's whole history. */
export interface EnterpriseTimelineItem {
  kind: 'visit' | 'question' | 'consultation' | 'ticket' | 'evaluation' | 'survey';
  id: string;
  at: string;
  title: string;
  /** The item's status key in its own vocabulary (ticket status, question status…). */
  status?: string;
  /** For a link: the page that shows it (the app maps kind + id to a route). */
  score?: number;
}

export interface EnterpriseOverview {
  enterprise: Enterprise;
  /** On the first page (no cursor). Each count stops at a page, 30 (a count reads a page and one more of its source, not the history). */
  counts?: { visits: number; questions: number; consultations: number; tickets: number; openTickets: number; evaluations: number };
  /** The counts that reached their cap: there are more than that ("30+"). */
  countsCapped?: Array<keyof NonNullable<EnterpriseOverview['counts']>>;
  timeline: EnterpriseTimelineItem[];
  /** Where the next page goes on: the last item's place (`<at>|<kind>|<id>`), opaque to the app. */
  nextCursor?: string;
}

// ---- problem list ----

export type ProblemSource = 'visit' | 'question' | 'ticket';

export interface ProblemItem {
  source: ProblemSource;
  /** The visit, question or ticket id (a visit problem: `<visitId>:<problemId>`). */
  id: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one. */
  enterpriseNameEn?: string;
  category: TicketCategory;
  theme: string;
  description: string;
  status: ProblemStatus;
  at: string;
}

/**
 * One category of the problem list's period, from the daily figures the acts keep (questions and
 * demands; a visit problem counts there once it became a demand).
 */
export interface ProblemSummary {
  category: TicketCategory;
  /** Questions asked in the period whose Q&A category falls in this category. */
  questions: number;
  /** Of them, answered (a first answer given). */
  answered: number;
  /** Demands submitted in the period, whatever their source (a visit problem or a question that became one too). */
  demands: number;
  /** Of them, done (resolved, evaluated, closed or merged). */
  done: number;
}

/** 企业问题清单: a page of the period's problems, newest first; the whole period is the export. */
export interface ProblemList {
  from: string;
  to: string;
  items: ProblemItem[];
  nextCursor?: string;
  /** On the first page (no cursor): per category, most first. */
  summary?: ProblemSummary[];
}

// ---- dashboards ----

export interface DashboardFilter {
  /** YYYY-MM-DD inclusive, Beijing. */
  from: string;
  to: string;
  /** The district role names the community it looks at; staff may only name their own. */
  communityId?: string;
  category?: TicketCategory;
  enterpriseId?: string;
}

export interface Dashboard {
  filter: DashboardFilter;
  questions: {
    total: number;
    answered: number;
    /** Answered (first answer) by the due time. */
    answeredOnTime: number;
    onTimeRate: number;
    perDay: Array<{ date: string; asked: number; answeredOnTime: number }>;
    byCategory: Array<{ category: QaCategory; count: number }>;
  };
  tickets: {
    total: number;
    byStatus: Array<{ status: TicketStatusView; count: number }>;
    overdue: number;
    /** Tickets that reached each rung above the community (1 锋领企服队, 2 锋领企服联盟). */
    escalationsByRung: Array<{ rung: TicketRungView; count: number }>;
    byCategory: Array<{ category: TicketCategory; count: number }>;
    byUrgency: Array<{ urgency: TicketUrgencyView; count: number }>;
  };
  clinic: {
    byProfession: Array<{ profession: Profession; seats: number; booked: number; attended: number; noShow: number }>;
    /** booked / seats. */
    utilisation: number;
    /** no-shows / (attended + no-shows). */
    noShowRate: number;
  };
  satisfaction: {
    byMonth: Array<{ month: string; count: number; rate: number }>;
    rate: number;
    count: number;
  };
  /** Year to date (the year of `filter.to`), whatever the filter. */
  ytd: { year: number; requestsResolved: number; enterprisesServed: number; visits: number; questions: number; consultations: number; tickets: number };
}

// ---- district ----

/** One community's figures in the district overview (the same definitions as its dashboard). */
export interface DistrictCommunityRow {
  communityId: string;
  name: string;
  nameEn?: string;
  questions: number;
  onTimeRate: number;
  tickets: number;
  /** Open now (submitted … in progress), of those submitted in the period. */
  open: number;
  overdue: number;
  /** Reached the service team or the alliance. */
  escalated: number;
  satisfactionRate: number;
  evaluations: number;
  /** Year to date. */
  requestsResolved: number;
  enterprisesServed: number;
  /** Whether the community has the holiday arrangement of the year its staff must have now (next year from November). */
  holidayArrangement: HolidayArrangementStatus;
}

export interface DistrictOverview {
  from: string;
  to: string;
  communities: DistrictCommunityRow[];
  totals: Omit<DistrictCommunityRow, 'communityId' | 'name' | 'nameEn' | 'holidayArrangement'> & {
    /** Communities whose holiday arrangement is missing. */
    holidayArrangementMissing: number;
  };
}

// ---- exports ----

export const ExportKinds = ['tickets', 'questions', 'consultations', 'visits', 'survey_answers', 'problems'] as const;
export type ExportKind = (typeof ExportKinds)[number];

export interface ExportResult {
  id: string;
  kind: ExportKind;
  fileName: string;
  fileID: string;
  /** Temporary download link. */
  url: string;
  rows: number;
  createdAt: string;
}

export interface ExportRecord {
  id: string;
  kind: ExportKind;
  fileName: string;
  rows: number;
  byName?: string;
  createdAt: string;
  /** Phone numbers were left unmasked (admin only). */
  unmasked: boolean;
}

// ---- master data ----

export interface MemberUnitDetail {
  id: string;
  name: string;
  nameEn?: string;
  contactName?: string;
  /** Masked unless the role needs it. */
  contactPhone?: string;
  active: boolean;
}

export type HolidayKind = 'holiday' | 'workday';

/** A staff correction of the holiday calendar (a year the library does not know yet, a local 调休). */
export interface HolidayOverride {
  /** YYYY-MM-DD. */
  date: string;
  kind: HolidayKind;
  name: string;
  updatedAt: string;
}

/** How a year's days off and 调休 working days are known: the package, a notice staff imported, or only the statutory rule. */
export type CalendarCoverageView = 'package' | 'imported' | 'statutory_only';

/** The holiday to-do: the year whose arrangement staff must have now (this year; next year from November). */
export interface HolidayArrangementStatus {
  year: number;
  coverage: CalendarCoverageView;
  /** Only the statutory days are known for `year`: staff should import its notice. */
  missing: boolean;
}

export type HolidayDayKind = 'statutory' | 'arranged_off' | 'make_up' | 'corrected_off' | 'corrected_work';

/** A day that is not an ordinary weekday or weekend: why it is off or worked. */
export interface HolidayDayView {
  date: string;
  kind: HolidayDayKind;
  working: boolean;
  name?: string;
}

export interface HolidayYear {
  year: number;
  coverage: CalendarCoverageView;
  /** Statutory days, days off and make-up working days of the year (corrections included), in date order. */
  days: HolidayDayView[];
  /** When and by whom the arrangement was imported (coverage 'imported'). */
  importedAt?: string;
  todo: HolidayArrangementStatus;
}

export type NoticeProblemCode = 'not_a_notice' | 'statutory_not_off' | 'statutory_is_work' | 'off_and_work' | 'work_on_weekday' | 'bad_date' | 'already_imported' | 'in_package';

export interface NoticeProblemView {
  code: NoticeProblemCode;
  date?: string;
  name?: string;
}

/** What a pasted notice would import: shown to staff before they confirm; nothing is saved. */
export interface NoticePreview {
  year?: number;
  items: { name: string; off: string[]; work: string[] }[];
  /** The notice's days off and working days, each marked when statutory. */
  days: { date: string; working: boolean; name: string; statutory: boolean }[];
  problems: NoticeProblemView[];
  /** No problem: confirming imports it. */
  canImport: boolean;
}
