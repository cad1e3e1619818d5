import * as z from 'zod/mini';
import { Roles } from '../../core/api/roles';
import { action, defineFunction } from '../kernel/define-function';
import { isServicePhone } from '../../core/rules/privacy';
import { cursor, docId, empty, intBetween, longText, openid, profession, shortText } from '../kernel/schemas';
import { CLINIC_TRIGGER } from '../../core/rules/clinic-timer';
// The clinic module (importing it also registers what content security does to a consultation).
import { bookingUseCases as booking, rosterUseCases as roster, runClinicTimer } from '../modules/clinic';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

const anyone = Roles;
const volunteers = ['volunteer'] as const;
const bookers = ['worker', 'manager'] as const;
const curators = ['staff', 'admin'] as const;
const staffSide = ['staff', 'instructor', 'admin'] as const;

const month = z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM'));
const sessionId = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}-(am|pm)$/, 'a session id YYYY-MM-DD-am'));
const date = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'));
const hhmm = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:mm'));
const slotIndex = intBetween(0, 47);
const fileIds = z.optional(z.array(z.string().check(z.minLength(1), z.maxLength(300))).check(z.maxLength(9)));
const seatCount = z.optional(intBetween(0, 10));
const seats = z.strictObject({ lawyer: seatCount, accountant: seatCount, tax_advisor: seatCount, finance: seatCount });
/** The 服务联络站: GCJ-02 coordinates within China's bounding box (wx.openLocation's system), the desk's phone. */
const station = z.strictObject({
  name: shortText(40),
  nameEn: z.optional(shortText(80)),
  address: shortText(120),
  addressEn: z.optional(shortText(200)),
  latitude: z.number().check(z.minimum(3.8), z.maximum(53.6)),
  longitude: z.number().check(z.minimum(73.5), z.maximum(135.1)),
  phone: z.string().check(z.trim(), z.refine(isServicePhone, 'a mobile, a landline with its area code (0573-85012345) or a 400/800 number')),
});

/** `clinic`: the 三师 clinic — roster, duties and handovers, consultations, waitlist, check-in, outcomes. */
export const clinicFunction = defineFunction({
  name: 'clinic',
  actions: {
    settings: action({ input: z.strictObject({ communityId: z.optional(docId) }), roles: anyone, handler: roster.settings }),
    updateSettings: action({
      input: z.strictObject({
        weekdays: z.optional(z.array(intBetween(1, 7)).check(z.minLength(1), z.maxLength(7))),
        start: z.optional(hhmm),
        end: z.optional(hhmm),
        slotMinutes: z.optional(intBetween(5, 240)),
        seatsPerProfession: z.optional(seats),
        closures: z.optional(z.array(date).check(z.maxLength(200))),
        extraDates: z.optional(z.array(date).check(z.maxLength(200))),
        includeMakeUpDays: z.optional(z.boolean()),
        cutoffHours: z.optional(intBetween(0, 168)),
        monthlyDutyCap: z.optional(intBetween(0, 31)),
        station: z.optional(station),
      }),
      roles: curators,
      write: true,
      handler: roster.updateSettings,
    }),
    calendar: action({ input: z.strictObject({ month, profession: z.optional(profession), communityId: z.optional(docId) }), roles: anyone, handler: roster.calendar }),
    onDuty: action({ input: z.strictObject({ days: z.optional(intBetween(1, 31)), communityId: z.optional(docId) }), roles: anyone, handler: roster.onDuty }),
    openDuties: action({ input: z.strictObject({ month }), roles: volunteers, handler: roster.openDuties }),
    myDuties: action({ input: z.strictObject({ month: z.optional(month) }), roles: volunteers, handler: roster.myDuties }),
    bookDuty: action({ input: z.strictObject({ sessionId }), roles: volunteers, write: true, handler: roster.bookDuty }),
    cancelDuty: action({ input: z.strictObject({ sessionId }), roles: volunteers, write: true, handler: roster.cancelDuty }),
    offerHandover: action({ input: z.strictObject({ sessionId, toOpenid: openid }), roles: volunteers, write: true, handler: roster.offerHandover }),
    acceptHandover: action({ input: z.strictObject({ handoverId: docId }), roles: volunteers, write: true, handler: roster.acceptHandover }),
    declineHandover: action({ input: z.strictObject({ handoverId: docId }), roles: volunteers, write: true, handler: roster.declineHandover }),
    myHandovers: action({ input: empty, roles: volunteers, handler: roster.myHandovers }),
    colleagues: action({ input: empty, roles: volunteers, handler: roster.colleagues }),
    planRotation: action({ input: z.strictObject({ month, preview: z.optional(z.boolean()) }), roles: curators, write: true, handler: roster.planRotation }),
    coverage: action({ input: z.strictObject({ month }), roles: staffSide, handler: roster.coverage }),
    slots: action({ input: z.strictObject({ sessionId, profession, communityId: z.optional(docId) }), roles: anyone, handler: booking.slots }),
    book: action({
      input: z.strictObject({ sessionId, profession, slotIndex, description: longText(500), attachments: fileIds }),
      roles: bookers,
      write: true,
      handler: booking.book,
    }),
    joinWaitlist: action({ input: z.strictObject({ sessionId, profession, description: longText(500) }), roles: bookers, write: true, handler: booking.joinWaitlist }),
    leaveWaitlist: action({ input: z.strictObject({ id: docId }), roles: bookers, write: true, handler: booking.leaveWaitlist }),
    cancelBooking: action({ input: z.strictObject({ id: docId }), roles: bookers, write: true, handler: booking.cancelBooking }),
    reschedule: action({ input: z.strictObject({ id: docId, sessionId, slotIndex }), roles: bookers, write: true, handler: booking.reschedule }),
    myBookings: action({ input: z.strictObject({ cursor }), roles: bookers, handler: booking.myBookings }),
    checkIn: action({ input: z.strictObject({ scene: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,32}$/, 'not a scene')) }), roles: bookers, write: true, handler: booking.checkIn }),
    recordOutcome: action({
      input: z.strictObject({ id: docId, attended: z.boolean(), advice: z.optional(longText(1000)), followUpNeeded: z.optional(z.boolean()) }),
      roles: ['volunteer', 'staff', 'admin'],
      write: true,
      handler: booking.recordOutcome,
    }),
    sessionBookings: action({ input: z.strictObject({ sessionId }), roles: ['volunteer', 'staff', 'instructor', 'admin'], handler: booking.sessionBookings }),
  },
  // One trigger per function on WeChat cloud: the hourly trigger runs whichever jobs are due.
  timers: {
    [CLINIC_TRIGGER]: (ctx) => runClinicTimer(ctx),
  },
});
