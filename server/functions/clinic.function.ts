import { CLINIC_TRIGGER } from '../../core/rules/clinic-timer';
import { clinicContract } from '../../core/contract/clinic';
import { defineFunction } from '../kernel/define-function';
// The clinic module (importing it also registers what content security does to a consultation).
import { bookingUseCases as booking, rosterUseCases as roster, runClinicTimer } from '../modules/clinic';
// Who is calling: the organisation module gives the kernel the caller's record (server/kernel/caller.ts).
import '../modules/organisation';

/** `clinic`: the contract's actions (core/contract/clinic.ts) and their handlers. */
export const clinicFunction = defineFunction(clinicContract, {
  handlers: {
    settings: roster.settings,
    updateSettings: roster.updateSettings,
    calendar: roster.calendar,
    onDuty: roster.onDuty,
    openDuties: roster.openDuties,
    myDuties: roster.myDuties,
    bookDuty: roster.bookDuty,
    cancelDuty: roster.cancelDuty,
    offerHandover: roster.offerHandover,
    acceptHandover: roster.acceptHandover,
    declineHandover: roster.declineHandover,
    myHandovers: roster.myHandovers,
    colleagues: roster.colleagues,
    planRotation: roster.planRotation,
    coverage: roster.coverage,
    slots: booking.slots,
    book: booking.book,
    joinWaitlist: booking.joinWaitlist,
    leaveWaitlist: booking.leaveWaitlist,
    cancelBooking: booking.cancelBooking,
    reschedule: booking.reschedule,
    myBookings: booking.myBookings,
    checkIn: booking.checkIn,
    recordOutcome: booking.recordOutcome,
    sessionBookings: booking.sessionBookings,
  },
  timers: {
    [CLINIC_TRIGGER]: (ctx) => runClinicTimer(ctx),
  },
});
