/**
 * Satisfaction (function `revisit`): per-case evaluation of every handled demand, question and
 * consultation, survey forms with versions, the yearly revisit campaign (每年一回访), follow-up
 * tasks from low scores, and the satisfaction figures. Pure types shared by the app and the server.
 */

/** What can be evaluated: a demand (ticket), a Q&A question, a clinic consultation (booking). */
export const CaseKinds = ['ticket', 'question', 'consultation'] as const;
export type CaseKind = (typeof CaseKinds)[number];

/** 办理速度 · 服务态度 · 办理结果 */
export const RatingDimensions = ['speed', 'attitude', 'result'] as const;
export type RatingDimension = (typeof RatingDimensions)[number];
export type Scores = Record<RatingDimension, number>;

/** A dimension at or below this makes a rating dissatisfied (isDissatisfied): the ticket reopens or staff get a follow-up. */
export const POOR_SCORE = 2;
/** At or above this a rating counts as satisfied (满意率 = satisfied / rated). */
export const SATISFIED_SCORE = 4;

export interface EvaluationView {
  id: string;
  caseKind: CaseKind;
  caseId: string;
  caseTitle: string;
  scores: Scores;
  /** Rounded mean of the dimensions, 1–5. */
  overall: number;
  comment?: string;
  at: string;
  /** Set when the rating was poor: the ticket was reopened, or a follow-up task was opened. */
  consequence?: { kind: 'reopened' | 'follow_up'; followUpId?: string };
  /** Staff views only. */
  raterName?: string;
  enterpriseName?: string;
}

/** A case the caller was served in and may still rate (the in-app invitation). */
export interface PendingEvaluation {
  caseKind: CaseKind;
  caseId: string;
  title: string;
  /** When it was resolved / solved / completed. */
  servedAt: string;
  handlerName?: string;
}

export type FollowUpStatus = 'open' | 'done';

/** A task for staff: a poor case rating, or a low campaign score. */
export interface FollowUpView {
  id: string;
  source: { kind: 'evaluation' | 'survey'; id: string };
  caseKind?: CaseKind;
  caseId?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** What was said: the score and the comment. */
  reason: string;
  score: number;
  status: FollowUpStatus;
  createdAt: string;
  resolution?: string;
  doneAt?: string;
  doneByName?: string;
}

// ---- survey forms ----

export type Localized = { zh: string; en?: string };
export const SurveyQuestionKinds = ['single', 'multiple', 'rating', 'text'] as const;
export type SurveyQuestionKind = (typeof SurveyQuestionKinds)[number];

export interface SurveyQuestion {
  /** Stable within a form across versions (q1, q2…), so answers of different versions line up. */
  id: string;
  kind: SurveyQuestionKind;
  required: boolean;
  text: Localized;
  /** single / multiple only: 2–10 options. */
  options?: Array<{ id: string; text: Localized }>;
  /** rating only: counts in the campaign's satisfaction score (1–5 stars). */
  scored?: boolean;
}

export interface SurveyForm {
  id: string;
  title: Localized;
  /** Every save makes a new version; answers keep the version they answered. */
  version: number;
  questions: SurveyQuestion[];
  updatedAt: string;
  updatedByName?: string;
}

export interface SurveyAnswer {
  questionId: string;
  /** single: one option id; multiple: one or more. */
  choices?: string[];
  /** rating: 1–5. */
  rating?: number;
  text?: string;
}

// ---- the yearly campaign ----

export type RevisitVia = 'self' | 'phone' | 'onsite';

export interface CampaignView {
  id: string;
  year: number;
  formId: string;
  formVersion: number;
  title: Localized;
  status: 'open' | 'closed';
  launchedAt: string;
  targets: number;
  responded: number;
  /** responded / targets, 0–1. */
  responseRate: number;
  /** Mean of the scored rating answers, 1–5 (absent before any answer). */
  averageScore?: number;
  /** Share of responses whose mean scored rating ≥ SATISFIED_SCORE. */
  satisfactionRate?: number;
}

export interface CampaignTargetView {
  enterpriseId: string;
  enterpriseName: string;
  /** Why it is a target: what it was served with that year. */
  served: { tickets: number; questions: number; consultations: number };
  status: 'pending' | 'answered';
  answeredAt?: string;
  via?: RevisitVia;
  /** Staff who recorded a phone / on-site revisit. */
  recordedByName?: string;
  contactName?: string;
  reminders: number;
  lastRemindedAt?: string;
  score?: number;
  followUpId?: string;
}

/** A campaign as the enterprise's manager sees it: the survey (both languages) and whether they answered. */
export interface MySurveyView {
  campaignId: string;
  year: number;
  form: SurveyForm;
  answered: boolean;
  answeredAt?: string;
  answers?: SurveyAnswer[];
}

export interface SurveyResponseView {
  id: string;
  campaignId: string;
  enterpriseId: string;
  enterpriseName: string;
  formId: string;
  formVersion: number;
  answers: SurveyAnswer[];
  via: RevisitVia;
  at: string;
  score?: number;
}

// ---- figures ----

export interface RateRow {
  key: string;
  /** Display name (a unit's or volunteer's name, or a category key the app translates). */
  label?: string;
  count: number;
  /** Share satisfied, 0–1. */
  rate: number;
  average: number;
}

export interface SatisfactionFigures {
  year: number;
  /** Case evaluations in the year. */
  evaluations: number;
  satisfactionRate: number;
  averageScore: number;
  /** Net-promoter-style: % of 5-star overall minus % of 1–3-star overall, −100…100. */
  nps: number;
  byMonth: Array<{ month: string; count: number; rate: number }>;
  byCaseKind: RateRow[];
  /** Ticket categories. */
  byCategory: RateRow[];
  /** Member units (lead unit of the rated tickets). */
  byUnit: RateRow[];
  /** Volunteers (who answered the question / sat the consultation). */
  byVolunteer: RateRow[];
  /** The year's campaign, if launched. */
  campaign?: CampaignView;
  lastYear: { evaluations: number; satisfactionRate: number; averageScore: number; nps: number };
}
