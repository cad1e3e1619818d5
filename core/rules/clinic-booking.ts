/**
 * 三师 clinic consultation booking: the decisions the booking use case makes inside its
 * transaction, and the keys that make the database itself refuse a double booking.
 *
 * Pure: the session, the bookings that matter and `now` are arguments. Capacity is never decided
 * by counting alone (count-then-insert sells the last seat twice): `canBookSlot` names the seat to
 * take and `deterministicBookingKey` gives it a key the database holds unique, so of two taps on
 * the last seat exactly one insert succeeds; the loser re-reads and gets SLOT_TAKEN or the waitlist.
 */
import type { Profession } from '../api/roles';
import type { ClinicSession } from './clinic-calendar';
import { addDays } from './working-days';

/** Reason codes, in the style of core/api/errors.ts (to be merged into ErrorCodes there). */
export const ClinicErrorCodes = {
  /** Every seat of this slot is taken; another slot of the session is free. */
  CLINIC_SLOT_TAKEN: 'CLINIC.SLOT_TAKEN',
  /** Every slot of this profession in the session is taken: offer the waitlist. */
  CLINIC_SESSION_FULL: 'CLINIC.SESSION_FULL',
  /** The booker already holds a booking whose time overlaps this slot. */
  CLINIC_OVERLAP: 'CLINIC.OVERLAP',
  /** The booker already holds a booking with this profession in this session. */
  CLINIC_ALREADY_BOOKED: 'CLINIC.ALREADY_BOOKED',
  /** Past the booking or cancellation cut-off. */
  CLINIC_TOO_LATE: 'CLINIC.TOO_LATE',
  /** Repeated no-shows: limited to NO_SHOW_LIMIT.maxActive upcoming booking(s). */
  CLINIC_BOOKING_LIMITED: 'CLINIC.BOOKING_LIMITED',
  /** The slot index does not exist in the session. */
  CLINIC_NO_SUCH_SLOT: 'CLINIC.NO_SUCH_SLOT',
  /** Nobody of this profession sits in the session. */
  CLINIC_NOT_ON_DUTY: 'CLINIC.NOT_ON_DUTY',
  /** The booking is not confirmed any more (cancelled, attended, no-show). */
  CLINIC_NOT_ACTIVE: 'CLINIC.NOT_ACTIVE',
  /** The consultation has not started yet: nobody can have attended it, nor missed it. */
  CLINIC_OUTCOME_TOO_EARLY: 'CLINIC.OUTCOME_TOO_EARLY',
  /** Cancelling this duty would leave confirmed bookings with nobody: hand it over first. */
  CLINIC_DUTY_HAS_BOOKINGS: 'CLINIC.DUTY_HAS_BOOKINGS',
} as const;
export type ClinicErrorCode = (typeof ClinicErrorCodes)[keyof typeof ClinicErrorCodes];

/**
 * Repeated no-shows limit future bookings: `count` no-shows within the last `windowDays` days
 * leave the booker at most `maxActive` upcoming booking(s). A limit, not a ban: a worker who
 * missed twice can still see a lawyer, one appointment at a time. The window slides, so the
 * limit lifts by itself 90 days after the second no-show.
 */
export const NO_SHOW_LIMIT = { count: 2, windowDays: 90, maxActive: 1 } as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export type ConsultationStatus = 'confirmed' | 'cancelled' | 'attended' | 'no_show';

export interface ConsultationBooking {
  id: string;
  sessionId: string;
  profession: Profession;
  slotIndex: number;
  /** Which of the professionals on duty (0-based): part of the unique key. */
  seat: number;
  bookerId: string;
  startsAt: Date;
  endsAt: Date;
  status: ConsultationStatus;
}

export interface Booker {
  id: string;
  /** When the booker's recorded no-shows happened (the sessions' start). */
  noShows: readonly Date[];
}

export type Decision<T = object> = ({ ok: true } & T) | { ok: false; reason: ClinicErrorCode };

export interface BookSlotInput {
  session: Pick<ClinicSession, 'id' | 'slots'>;
  slotIndex: number;
  profession: Profession;
  /** Professionals of `profession` sitting in the session: each sees one booker per slot. */
  onDuty: number;
  /** This session's bookings and the booker's own bookings in any session (others are ignored). */
  existingBookings: readonly ConsultationBooking[];
  booker: Booker;
  now: Date;
  /** Booking closes this many hours before the slot starts (0: until it starts). */
  cutoffHours: number;
}

/** Cancelled bookings hold nothing; attended and no-show ones still hold their seat and time. */
const holds = (b: ConsultationBooking) => b.status !== 'cancelled';
const overlaps = (a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }) =>
  a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
const pastCutoff = (startsAt: Date, now: Date, cutoffHours: number) => now.getTime() >= startsAt.getTime() - cutoffHours * HOUR_MS;

/**
 * Limited: at least NO_SHOW_LIMIT.count no-shows less than `windowDays` days before `now`, and
 * already holding NO_SHOW_LIMIT.maxActive upcoming confirmed booking(s) (`bookings`: the booker's).
 */
export function isBookingLimited(booker: Booker, bookings: readonly ConsultationBooking[], now: Date): boolean {
  const since = now.getTime() - NO_SHOW_LIMIT.windowDays * DAY_MS;
  const recent = booker.noShows.filter((t) => t.getTime() > since && t.getTime() <= now.getTime()).length;
  if (recent < NO_SHOW_LIMIT.count) return false;
  const active = bookings.filter((b) => b.bookerId === booker.id && b.status === 'confirmed' && b.endsAt.getTime() > now.getTime()).length;
  return active >= NO_SHOW_LIMIT.maxActive;
}

/**
 * Whether `booker` may take `slotIndex` for `profession`, and which seat. Checked in this order,
 * so the reason is the most useful one: NO_SUCH_SLOT, TOO_LATE, NOT_ON_DUTY, BOOKING_LIMITED,
 * ALREADY_BOOKED, OVERLAP, SESSION_FULL (offer the waitlist), SLOT_TAKEN (offer another slot).
 * The seat is the lowest one free: insert it under `deterministicBookingKey` to make it stick.
 */
export function canBookSlot(input: BookSlotInput): Decision<{ seat: number; key: string }> {
  const { session, slotIndex, profession, onDuty, booker, now, cutoffHours } = input;
  const slot = session.slots.find((s) => s.index === slotIndex);
  if (!slot) return { ok: false, reason: ClinicErrorCodes.CLINIC_NO_SUCH_SLOT };
  if (pastCutoff(slot.startsAt, now, cutoffHours)) return { ok: false, reason: ClinicErrorCodes.CLINIC_TOO_LATE };
  if (onDuty <= 0) return { ok: false, reason: ClinicErrorCodes.CLINIC_NOT_ON_DUTY };

  const held = input.existingBookings.filter(holds);
  if (isBookingLimited(booker, held, now)) return { ok: false, reason: ClinicErrorCodes.CLINIC_BOOKING_LIMITED };
  const mine = held.filter((b) => b.bookerId === booker.id);
  if (mine.some((b) => b.sessionId === session.id && b.profession === profession)) return { ok: false, reason: ClinicErrorCodes.CLINIC_ALREADY_BOOKED };
  if (mine.some((b) => overlaps(b, slot))) return { ok: false, reason: ClinicErrorCodes.CLINIC_OVERLAP };

  const here = held.filter((b) => b.sessionId === session.id && b.profession === profession);
  const takenAt = (index: number) => here.filter((b) => b.slotIndex === index);
  if (session.slots.every((s) => takenAt(s.index).length >= onDuty)) return { ok: false, reason: ClinicErrorCodes.CLINIC_SESSION_FULL };
  const taken = takenAt(slotIndex);
  if (taken.length >= onDuty) return { ok: false, reason: ClinicErrorCodes.CLINIC_SLOT_TAKEN };
  const seats = new Set(taken.map((b) => b.seat));
  let seat = 0;
  while (seats.has(seat)) seat++;
  return { ok: true, seat, key: deterministicBookingKey(session.id, profession, slotIndex, seat) };
}

/**
 * The unique key of one seat of one slot: two taps on the last seat compute the same key and the
 * database's unique index lets exactly one insert through. A cancelled booking must give its key
 * up (the use case renames it, e.g. `${key}#cancelled#${id}`), or the seat could never be sold again.
 */
export function deterministicBookingKey(sessionId: string, profession: Profession, slotIndex: number, seat = 0): string {
  return `clinic:${sessionId}:${profession}:${slotIndex}:${seat}`;
}

/**
 * The unique key of one booker in one slot of a session, whatever the profession: held beside
 * the seat key, it stops the same person's two simultaneous taps from holding two bookings at
 * the same time (the OVERLAP rule, enforced by the database under concurrency).
 */
export function bookerSlotKey(sessionId: string, slotIndex: number, bookerId: string): string {
  return `clinic:${sessionId}:slot:${slotIndex}:booker:${bookerId}`;
}

/**
 * Cancel (or move) a booking until `cutoffHours` before it starts: after that the seat could not
 * be offered to anyone else in time. Only a confirmed booking can be cancelled.
 */
export function canCancel(booking: Pick<ConsultationBooking, 'status' | 'startsAt'>, now: Date, cutoffHours: number): Decision {
  if (booking.status !== 'confirmed') return { ok: false, reason: ClinicErrorCodes.CLINIC_NOT_ACTIVE };
  if (pastCutoff(booking.startsAt, now, cutoffHours)) return { ok: false, reason: ClinicErrorCodes.CLINIC_TOO_LATE };
  return { ok: true };
}

/**
 * A duty being cancelled is "closing" from the moment its cancellation starts until it is gone
 * (or the cancellation is refused): bookings treat it as absent, so a booking that arrives while
 * a duty is cancelled never counts on it. A mark left by a cancellation that died midway lapses.
 */
export const DUTY_CLOSING_MS = 60_000;
export function isDutyClosing(duty: { closingAt?: Date | string | null }, now: Date): boolean {
  if (!duty.closingAt) return false;
  const at = new Date(duty.closingAt).getTime();
  return now.getTime() >= at && now.getTime() - at < DUTY_CLOSING_MS;
}

/**
 * The confirmed bookings nobody would sit with if only `remaining` volunteers of their profession
 * stayed on duty: a booking holds seat n of its slot, and seat n needs n + 1 volunteers (the rule
 * canBookSlot books by). A volunteer may cancel a duty only when this is empty; otherwise they hand
 * it over to a colleague first, so a confirmed booking is never left with no one.
 */
export function strandedBookings<B extends Pick<ConsultationBooking, 'status' | 'seat'>>(bookings: readonly B[], remaining: number): B[] {
  return bookings.filter((b) => b.status === 'confirmed' && b.seat >= remaining);
}

/**
 * The outcome (已到场 with advice, or 未到场) is recorded from the moment the slot starts: before
 * that nobody has attended nor missed it, and an early 已到场 would invite the booker to rate a
 * consultation that has not happened.
 */
export function canRecordOutcome(booking: Pick<ConsultationBooking, 'status' | 'startsAt'>, now: Date): Decision {
  if (booking.status !== 'confirmed') return { ok: false, reason: ClinicErrorCodes.CLINIC_NOT_ACTIVE };
  if (now.getTime() < booking.startsAt.getTime()) return { ok: false, reason: ClinicErrorCodes.CLINIC_OUTCOME_TOO_EARLY };
  return { ok: true };
}

/**
 * Reschedule = cancel the old booking (its cut-off) and book the new slot as if the old one were
 * already gone, so it neither overlaps nor counts against the no-show limit.
 */
export function canReschedule(booking: ConsultationBooking, to: BookSlotInput): Decision<{ seat: number; key: string }> {
  const cancel = canCancel(booking, to.now, to.cutoffHours);
  if (!cancel.ok) return cancel;
  return canBookSlot({ ...to, existingBookings: to.existingBookings.filter((b) => b.id !== booking.id) });
}

export interface WaitlistEntry {
  bookerId: string;
  sessionId: string;
  profession: Profession;
  joinedAt: Date;
  /** The booker's recorded no-shows, for the limit. */
  noShows: readonly Date[];
}

export interface FreedSlot {
  sessionId: string;
  profession: Profession;
  slotIndex: number;
  seat: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Who gets a freed seat: the earliest to join this session's waitlist for this profession (first
 * come, first served; ties by booker id), skipping anyone who meanwhile holds an overlapping
 * booking, already has one with this profession in the session, or is limited by no-shows.
 * `existingBookings`: the bookings of the waitlisted people (the freed one already cancelled).
 * No cut-off here: a cancellation is only allowed before the cut-off, so a freed seat is still
 * worth offering; the use case decides about seats freed later (e.g. by staff).
 */
export function nextFromWaitlist(
  waitlist: readonly WaitlistEntry[],
  freed: FreedSlot,
  context: { existingBookings: readonly ConsultationBooking[]; now: Date },
): WaitlistEntry | undefined {
  const held = context.existingBookings.filter(holds);
  const queue = waitlist
    .filter((w) => w.sessionId === freed.sessionId && w.profession === freed.profession)
    .sort((a, b) => a.joinedAt.getTime() - b.joinedAt.getTime() || (a.bookerId < b.bookerId ? -1 : a.bookerId > b.bookerId ? 1 : 0));
  return queue.find((w) => {
    const mine = held.filter((b) => b.bookerId === w.bookerId);
    return (
      !mine.some((b) => overlaps(b, freed) || (b.sessionId === freed.sessionId && b.profession === freed.profession)) &&
      !isBookingLimited({ id: w.bookerId, noShows: w.noShows }, held, context.now)
    );
  });
}

/** Reminders go out at 18:00 Asia/Shanghai the calendar day before the session. */
export const REMINDER_TIME = { hour: 18, minute: 0 } as const;

/**
 * 18:00 Asia/Shanghai the calendar day before the session, even when that day is a holiday or a
 * weekend (a Monday session is reminded on Sunday evening): the reminder is for the person, who
 * needs it the evening before, not for the office.
 */
export function reminderDueAt(session: { date: string }): Date {
  const hh = String(REMINDER_TIME.hour).padStart(2, '0');
  const mm = String(REMINDER_TIME.minute).padStart(2, '0');
  return new Date(`${addDays(session.date, -1)}T${hh}:${mm}:00+08:00`);
}

/** A booking someone should be reminded of: a consultation (to the booker) or a duty (to the volunteer). */
export interface Remindable {
  id: string;
  kind: 'consultation' | 'duty';
  recipientId: string;
  sessionDate: string;
  /** When the consultation or duty starts: no reminder once it has begun. */
  startsAt: Date;
  /** Only a confirmed booking is reminded. */
  status: ConsultationStatus;
}

export interface Reminder {
  /** Unique per booking and recipient: record it when sending, and the same reminder is never sent twice. */
  key: string;
  kind: Remindable['kind'];
  bookingId: string;
  recipientId: string;
  dueAt: Date;
}

export function reminderKey(b: Pick<Remindable, 'kind' | 'id' | 'recipientId'>): string {
  return `reminder:${b.kind}:${b.id}:${b.recipientId}`;
}

/**
 * The reminders due at `now` and not yet sent: confirmed, due time reached, not started yet, and
 * whose key is not in `sent`. A booking made after 18:00 the day before is reminded at once.
 * Idempotent: run twice with the first run's keys in `sent`, the second returns nothing; the use
 * case should also insert each key under a unique index so two overlapping runs send once.
 */
export function remindersToSend(bookings: readonly Remindable[], sent: Iterable<string>, now: Date): Reminder[] {
  const done = new Set(sent);
  const due = new Map<string, Reminder>();
  for (const b of bookings) {
    const key = reminderKey(b);
    const dueAt = reminderDueAt({ date: b.sessionDate });
    if (b.status !== 'confirmed' || done.has(key) || due.has(key)) continue;
    if (dueAt.getTime() > now.getTime() || b.startsAt.getTime() <= now.getTime()) continue;
    due.set(key, { key, kind: b.kind, bookingId: b.id, recipientId: b.recipientId, dueAt });
  }
  return [...due.values()].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
