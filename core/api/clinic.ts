/**
 * 三师 clinic (function `clinic`): lawyers, accountants, tax advisors and bank finance specialists
 * sit in clinic (坐诊) on a rotating Monday/Wednesday/Friday-morning roster that volunteers book
 * and enterprises reserve. Pure types, shared by the app (services/) and the server.
 * The rules behind them are in core/rules/clinic-{calendar,rotation,booking}.ts.
 */
import type { Attachment } from './qa';
import type { Profession } from './roles';

export type ClinicSessionKind = 'regular' | 'make_up' | 'extra';

/**
 * The community's 服务联络站: where the clinic sits. Coordinates are GCJ-02 (国测局), what
 * wx.openLocation expects; the phone is the station's desk, shown to bookers.
 */
export interface ClinicStation {
  name: string;
  nameEn?: string;
  address: string;
  addressEn?: string;
  latitude: number;
  longitude: number;
  phone: string;
}

/** A community's clinic calendar settings (staff edit them). */
export interface ClinicSettings {
  /** ISO weekdays (Mon = 1) that hold a session; default [1, 3, 5]. */
  weekdays: number[];
  /** Wall-clock times in Asia/Shanghai, 'HH:mm'. */
  start: string;
  end: string;
  slotMinutes: number;
  /** Professionals of each profession sitting in one session. */
  seatsPerProfession: Partial<Record<Profession, number>>;
  /** Dates (YYYY-MM-DD) with no clinic; extra dates with one. */
  closures: string[];
  extraDates: string[];
  /** 调休 working days hold a session too. */
  includeMakeUpDays: boolean;
  /** Bookings and cancellations close this many hours before a slot starts. */
  cutoffHours: number;
  /** Most duties one volunteer may book in a month. */
  monthlyDutyCap: number;
  /** Where the clinic sits; unset until staff enter it. */
  station?: ClinicStation;
}

export interface DutyView {
  profession: Profession;
  seat: number;
  volunteerOpenid: string;
  volunteerName?: string;
  organisation?: string;
  source: 'booked' | 'rotation' | 'handover';
  /** A handover offered to a colleague and not yet accepted. */
  handoverTo?: string;
}

export interface SessionView {
  /** 'YYYY-MM-DD-am' */
  id: string;
  date: string;
  weekday: number;
  kind: ClinicSessionKind;
  startsAt: string;
  endsAt: string;
  duties: DutyView[];
  /** Per profession: seats to staff and seats staffed. */
  staffing: Partial<Record<Profession, { seats: number; staffed: number }>>;
  /** Per profession on duty: consultation slots free (for bookers). */
  freeSlots: Partial<Record<Profession, number>>;
  closed?: boolean;
  /** The session's year has no holiday arrangement yet: only the statutory days off are known (a 调休 or 补假 may still move it). */
  statutoryOnly?: boolean;
}

export interface SlotView {
  index: number;
  startsAt: string;
  endsAt: string;
  /** How many can still book this slot for the profession (one per professional on duty). */
  free: number;
  /** The caller holds a booking in this slot. */
  mine: boolean;
}

export type ConsultationStatusView = 'confirmed' | 'cancelled' | 'attended' | 'no_show';

export interface ConsultationView {
  id: string;
  sessionId: string;
  slotIndex: number;
  profession: Profession;
  startsAt: string;
  endsAt: string;
  /** ISO weekday (Mon = 1) of the consultation in Beijing time. */
  weekday: number;
  status: ConsultationStatusView;
  description: string;
  /** The volunteer sitting in the booking's seat now (a handover changes it). */
  volunteerName?: string;
  /** Where to go: the community's 服务联络站, when staff have entered it. */
  station?: ClinicStation;
  attachments: Attachment[];
  /** Shown to the booker, the volunteers on duty and staff. */
  bookerName?: string;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one (shown to English readers). */
  enterpriseNameEn?: string;
  checkedInAt?: string;
  outcome?: { advice: string; followUpNeeded: boolean; recordedAt: string; byName?: string };
  /** The demand (ticket) the booker opened from this consultation, if any. */
  ticketId?: string;
  can: { cancel: boolean; reschedule: boolean; checkIn: boolean; recordOutcome: boolean; toTicket?: boolean; evaluate?: boolean };
}

export interface WaitlistView {
  id: string;
  sessionId: string;
  profession: Profession;
  position: number;
  createdAt: string;
}

export interface CoverageGapView {
  sessionId: string;
  date: string;
  weekday: number;
  profession: Profession;
  missing: number;
  /** Why the rotation left it (planRotation only; see core/rules/clinic-gap-reasons.ts). */
  reason?: GapReason;
}

/** no_volunteer: nobody of the profession · cap_reached: all at the monthly cap · unavailable: none can sit that day. */
export type GapReason = 'no_volunteer' | 'cap_reached' | 'unavailable';

/** A duty 生成排班 would assign (preview). */
export interface ProposedDutyView {
  sessionId: string;
  date: string;
  weekday: number;
  profession: Profession;
  volunteerName: string;
}

export interface RotationResult {
  assigned: number;
  gaps: CoverageGapView[];
  /** With `preview`: the duties it would assign; nothing is written. */
  proposed?: ProposedDutyView[];
  /** The monthly cap the plan ran under (the fix for cap_reached gaps). */
  cap: number;
}

/** An approved volunteer of the caller's profession a duty can be handed to (no phone). */
export interface ColleagueView {
  openid: string;
  name?: string;
  organisation?: string;
}

export interface HandoverView {
  id: string;
  sessionId: string;
  date: string;
  profession: Profession;
  fromName?: string;
  toOpenid: string;
  status: 'offered' | 'accepted' | 'declined' | 'withdrawn';
}

/** Read views open to guests name the community (a caller with a record always reads their own). */
export interface CommunityChoice {
  communityId?: string;
}
