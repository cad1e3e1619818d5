/** `clinic`: each action's input schema and output type; roles and writes in ./clinic.policy. */
import * as z from 'zod/mini';
import { isServicePhone } from '../rules/privacy';
import { cursor, docId, empty, intBetween, longText, openid, profession, shortText, once } from './schemas';
import type { ClinicSettings, ColleagueView, ConsultationView, CoverageGapView, HandoverView, Page, RotationResult, SessionView, SlotView, WaitlistView } from '../api';
import { defineContract, out } from './define';
import { clinicPolicy } from './clinic.policy';

const month = once(() => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')));
const sessionId = once(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}-(am|pm)$/, 'a session id YYYY-MM-DD-am')));
const date = once(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')));
const hhmm = once(() => z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm')));
const slotIndex = once(() => intBetween(0, 47));
const fileIds = once(() => z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9))));
const seatCount = once(() => z.optional(intBetween(0, 10)));
const seats = once(() => z.strictObject({ lawyer: seatCount(), accountant: seatCount(), tax_advisor: seatCount(), finance: seatCount() }));
/** The 服务联络站: GCJ-02 coordinates within China's bounding box (wx.openLocation's system), the desk's phone. */
const station = once(() => z.strictObject({
  name: shortText(40),
  nameEn: z.optional(shortText(80)),
  address: shortText(120),
  addressEn: z.optional(shortText(200)),
  latitude: z.number().check(z.minimum(3.8), z.maximum(53.6)),
  longitude: z.number().check(z.minimum(73.5), z.maximum(135.1)),
  phone: z.string().check(z.trim(), z.refine(isServicePhone, 'a mobile, a landline with its area code (0573-85012345) or a 400/800 number')),
}));

export const clinicContract = defineContract('clinic', clinicPolicy, {
  settings: { input: () => z.strictObject({ communityId: z.optional(docId()) }), out: out<ClinicSettings>() },
  updateSettings: { input: () => z.strictObject({
      weekdays: z.optional(z.array(intBetween(1, 7)).check(z.minLength(1), z.maxLength(7))),
      start: z.optional(hhmm()),
      end: z.optional(hhmm()),
      slotMinutes: z.optional(intBetween(5, 240)),
      seatsPerProfession: z.optional(seats()),
      closures: z.optional(z.array(date()).check(z.maxLength(200))),
      extraDates: z.optional(z.array(date()).check(z.maxLength(200))),
      includeMakeUpDays: z.optional(z.boolean()),
      cutoffHours: z.optional(intBetween(0, 168)),
      monthlyDutyCap: z.optional(intBetween(0, 31)),
      station: z.optional(station()),
    }), out: out<ClinicSettings>() },
  /** Sessions of a month with who is on duty and free slots (everyone). */
  calendar: { input: () => z.strictObject({ month: month(), profession: z.optional(profession()), communityId: z.optional(docId()) }), out: out<SessionView[]>() },
  /** "Who is on duty this week" (everyone): the next `days` days from today. */
  onDuty: { input: () => z.strictObject({ days: z.optional(intBetween(1, 31)), communityId: z.optional(docId()) }), out: out<SessionView[]>() },
  /** Volunteer: sessions of a month with an open seat for the caller's profession. */
  openDuties: { input: () => z.strictObject({ month: month() }), out: out<SessionView[]>() },
  /** `cancellable`: no confirmed booking would be left with nobody (else hand it over: CLINIC.DUTY_HAS_BOOKINGS). */
  myDuties: { input: () => z.strictObject({ month: z.optional(month()) }), out: out<Array<SessionView & { bookings: ConsultationView[]; cancellable: boolean }>>() },
  bookDuty: { input: () => z.strictObject({ sessionId: sessionId() }), out: out<SessionView>() },
  cancelDuty: { input: () => z.strictObject({ sessionId: sessionId() }), out: out<SessionView>() },
  offerHandover: { input: () => z.strictObject({ sessionId: sessionId(), toOpenid: openid() }), out: out<HandoverView>() },
  acceptHandover: { input: () => z.strictObject({ handoverId: docId() }), out: out<SessionView>() },
  declineHandover: { input: () => z.strictObject({ handoverId: docId() }), out: out<HandoverView>() },
  myHandovers: { input: () => empty(), out: out<HandoverView[]>() },
  /** Volunteer: the approved colleagues of the caller's profession, to pick whom to hand a duty to. */
  colleagues: { input: () => empty(), out: out<ColleagueView[]>() },
  /** Staff: fill the month's unbooked seats fairly; answers the plan and the gaps left. */
  planRotation: { input: () => z.strictObject({ month: month(), preview: z.optional(z.boolean()) }), out: out<RotationResult>() },
  coverage: { input: () => z.strictObject({ month: month() }), out: out<CoverageGapView[]>() },
  /** Booker (worker, manager): the slots of a session for a profession. */
  slots: { input: () => z.strictObject({ sessionId: sessionId(), profession: profession(), communityId: z.optional(docId()) }), out: out<SlotView[]>() },
  book: { input: () => z.strictObject({ sessionId: sessionId(), profession: profession(), slotIndex: slotIndex(), description: longText(500), attachments: fileIds() }), out: out<ConsultationView>() },
  joinWaitlist: { input: () => z.strictObject({ sessionId: sessionId(), profession: profession(), description: longText(500) }), out: out<WaitlistView>() },
  leaveWaitlist: { input: () => z.strictObject({ id: docId() }), out: out<{ id: string }>() },
  cancelBooking: { input: () => z.strictObject({ id: docId() }), out: out<ConsultationView>() },
  reschedule: { input: () => z.strictObject({ id: docId(), sessionId: sessionId(), slotIndex: slotIndex() }), out: out<ConsultationView>() },
  myBookings: { input: () => z.strictObject({ cursor: cursor() }), out: out<Page<ConsultationView> & { waitlist: WaitlistView[] }>() },
  /** At the station: the booker checks in by the station's QR scene (S-…) for today's session. */
  checkIn: { input: () => z.strictObject({ scene: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a scene')) }), out: out<ConsultationView[]>() },
  /** The volunteer on duty (or staff) records what happened. */
  recordOutcome: { input: () => z.strictObject({ id: docId(), attended: z.boolean(), advice: z.optional(longText(1000)), followUpNeeded: z.optional(z.boolean()) }), out: out<ConsultationView>() },
  /** Volunteers on duty and staff: the consultations of a session. */
  sessionBookings: { input: () => z.strictObject({ sessionId: sessionId() }), out: out<ConsultationView[]>() },
});

export type ClinicContract = typeof clinicContract;

