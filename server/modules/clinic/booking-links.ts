/** Commands other modules call on a consultation (booking): the clinic is the only writer of `clinic_bookings`. */
import { getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import type { DbLike } from '../../db/transaction';

/** The link back from a consultation to the demand opened from it, written in the ticket's transaction. */
export async function linkBookingToTicket(bookingId: string, ticketId: string, now: Date, tx: DbLike): Promise<void> {
  await (tx ?? getDb()).collection(Collections.clinicBookings).doc(bookingId).update({ ticketId, updatedAt: now });
}
