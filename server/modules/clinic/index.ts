/**
 * clinic — 三师坐诊: settings, the duty roster and handovers, bookings, the waitlist, reminders.
 * Owns `clinic_settings`, `clinic_duties`, `clinic_handovers`, `clinic_bookings`,
 * `clinic_waitlist`, `clinic_reminders`. Importing it registers what moderation does to bookings.
 */
import './clinic-moderation';

export * as bookingUseCases from './booking.use-cases';
export * as rosterUseCases from './roster.use-cases';
export { coverageGapsAhead, runClinicTimer } from './clinic-timers';
export { DEFAULT_SETTINGS, dutyIdOf, loadSettings } from './clinic-common';
export { dutyDoc } from './roster.use-cases';
export { linkBookingToTicket } from './booking-links';
export { clinicCounts, consultationQueries } from './clinic-queries';
export { bookingsRepository, dutiesRepository, type BookingDoc, type DutyDoc } from './clinic.repository';
