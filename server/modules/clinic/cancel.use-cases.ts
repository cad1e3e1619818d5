/**
 * Cancelling a booking, and offering the freed seat to the waitlist. The cancellation is one
 * conditional write that also keeps the call's idempotency key on the booking (policy
 * 'in-document': a retry finds it on the booking it reads anyway). A promotion inserts under the
 * freed seat's own key, so of two promotions of one seat (or a direct booker racing it) exactly
 * one stands, then checks that the seat still has a volunteer (as a booking does).
 *
 * Figures: when the freed seat goes to the waitlist, the cancelled booking and the promoted one
 * count the same (one booking of the profession on the session's day), so neither write moves the
 * day's counters; without a promotion the cancellation moves them once, after the promotion was
 * tried. A call that dies in between leaves a drift the nightly reconciliation repairs.
 */
import type { ConsultationView } from '../../../core/api/clinic';
import { ErrorCodes } from '../../../core/api/errors';
import { canCancel, nextFromWaitlist } from '../../../core/rules/clinic-booking';
import type { ActionContext } from '../../kernel/define-function';
import * as figures from '../figures';
import { notifyQuietly } from '../notify';
import { answeredBy, ATTEMPTS, bookingDoc, liveDuties, noShowsOf, ownBooking, releasedKeys, since, toRule, viewOf, withMark, type SessionSlot } from './booking-support';
import { clinicError } from './clinic-common';
import { bookingNotice } from './clinic-notifications';
import { bookingSettings } from './clinic-reference';
import { bookingsRepository, dutiesRepository, waitlistRepository, type BookingDoc } from './clinic.repository';

export async function cancelBooking(ctx: ActionContext, input: { id: string }): Promise<ConsultationView> {
  const b = await ownBooking(ctx, input.id);
  const now = ctx.clock.now();
  const s = await bookingSettings(b.communityId, now);
  if (answeredBy([b], ctx.request)) return viewOf(ctx, b, s); // a retry: this call's key is on the booking
  const may = canCancel({ status: b.status, startsAt: new Date(b.startsAt) }, now, s.cutoffHours);
  if (!may.ok) throw clinicError(may.reason);
  const requests = withMark(b.requests, ctx.request);
  const patch = { status: 'cancelled' as const, ...releasedKeys(b), cancelledAt: now, updatedAt: now, ...(requests ? { requests } : {}) };
  if (!(await bookingsRepository.updateIfConfirmed(b, patch, false))) {
    // Lost to another write: the same call retried at once (answer as it did), or it is not confirmed any more.
    const now2 = await bookingsRepository.get(b._id);
    const first = now2 && answeredBy([now2], ctx.request);
    if (first) return viewOf(ctx, first, s);
    throw clinicError(ErrorCodes.CLINIC_NOT_ACTIVE);
  }
  const before = { ...b, status: 'confirmed' as const };
  const promoted = await promoteQuietly(b, now, false);
  await figures.bookingChanged(before, promoted ?? { ...before, ...patch }, now);
  return viewOf(ctx, { ...b, ...patch }, s);
}

/**
 * Offers a freed seat to the waitlist: the first eligible person (nextFromWaitlist) gets a
 * booking inserted under the freed seat's own key, so of two promotions of one seat (or a direct
 * booker racing it) exactly one stands. Someone who can't take it is passed over for the next.
 * `counted: false`: the caller moves the figures (see above); the booking made is returned.
 */
export async function promoteFromWaitlist(freed: BookingDoc, now: Date, counted = true): Promise<BookingDoc | undefined> {
  let queue = await waitlistRepository.bySession(freed.sessionKey, freed.profession);
  if (!queue.length) return undefined;
  const session: SessionSlot = { id: freed.sessionId, date: freed.sessionDate, slot: { startsAt: new Date(freed.startsAt), endsAt: new Date(freed.endsAt) } };
  const theirs = await bookingsRepository.byBooker([...new Set(queue.map((w) => w.bookerId))], { since: since(now) });
  const slot = { sessionId: freed.sessionId, profession: freed.profession, slotIndex: freed.slotIndex, seat: freed.seat, startsAt: new Date(freed.startsAt), endsAt: new Date(freed.endsAt) };
  for (let attempt = 0; attempt < ATTEMPTS && queue.length; attempt++) {
    const entries = queue.map((w) => ({ bookerId: w.bookerId, sessionId: w.sessionId, profession: w.profession, joinedAt: new Date(w.joinedAt), noShows: noShowsOf(theirs, w.bookerId) }));
    const next = nextFromWaitlist(entries, slot, { existingBookings: theirs.filter((b) => b._id !== freed._id).map(toRule), now });
    if (!next) return undefined;
    const w = queue.find((q) => q.bookerId === next.bookerId)!;
    const who = { bookerId: w.bookerId, bookerName: w.bookerName, enterpriseId: w.enterpriseId, enterpriseName: w.enterpriseName, ...(w.enterpriseNameEn ? { enterpriseNameEn: w.enterpriseNameEn } : {}) };
    const doc = bookingDoc(freed.communityId, session, freed.profession, freed.slotIndex, freed.seatKey, freed.seat, who, { description: w.description, attachments: [], via: 'waitlist' }, now);
    if (await bookingsRepository.insertIfFree(doc, undefined, counted)) return settle(doc, w._id, now, counted);
    const here = await bookingsRepository.bySession(freed.sessionKey, freed.profession);
    if (here.some((b) => b.seatKey === freed.seatKey)) return undefined; // someone else took the seat
    queue = queue.filter((q) => q._id !== w._id);
  }
  return undefined;
}

/**
 * After a promotion's insert: the seat's volunteer cancelled meanwhile (the staffing check of
 * booking.use-cases book)? Then the booking is taken back. Otherwise the person leaves the waitlist and
 * hears of it. Answers the booking that stands, also when a later step failed (its figures count).
 */
async function settle(doc: BookingDoc, waitlistId: string, now: Date, counted: boolean): Promise<BookingDoc | undefined> {
  let stands = true;
  try {
    if (doc.seat >= liveDuties(await dutiesRepository.bySession(doc.sessionKey), doc.profession, now)) {
      stands = !(await bookingsRepository.removeIfConfirmed(doc, counted));
      return stands ? doc : undefined;
    }
    await waitlistRepository.remove(waitlistId);
    await notifyQuietly([bookingNotice(doc, 'promoted', now)], now);
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'clinic.promoteFromWaitlist', booking: doc._id, error: String(e) }));
  }
  return stands ? doc : undefined;
}

/** The cancellation stands whatever happens to the promotion: a failed one leaves the seat free to book. */
export async function promoteQuietly(freed: BookingDoc, now: Date, counted = true): Promise<BookingDoc | undefined> {
  try {
    return await promoteFromWaitlist(freed, now, counted);
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'clinic.promoteFromWaitlist', booking: freed._id, error: String(e) }));
    return undefined;
  }
}
