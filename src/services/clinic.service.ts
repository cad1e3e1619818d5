import type { ClinicActions } from '@core/api/clinic';
import { callFunction } from './call-function';

type In<A extends keyof ClinicActions> = ClinicActions[A]['in'];

/** `clinic` (三师坐诊): the calendar, volunteers' duties and handovers, consultations and the waitlist. */
export const clinicService = {
  settings: (data: In<'settings'> = {}) => callFunction('clinic', 'settings', data),
  updateSettings: (data: In<'updateSettings'>, idempotencyKey?: string) => callFunction('clinic', 'updateSettings', data, { write: true, idempotencyKey }),
  calendar: (data: In<'calendar'>) => callFunction('clinic', 'calendar', data),
  onDuty: (data: In<'onDuty'>) => callFunction('clinic', 'onDuty', data),
  openDuties: (data: In<'openDuties'>) => callFunction('clinic', 'openDuties', data),
  myDuties: (data: In<'myDuties'>) => callFunction('clinic', 'myDuties', data),
  bookDuty: (data: In<'bookDuty'>, idempotencyKey?: string) => callFunction('clinic', 'bookDuty', data, { write: true, idempotencyKey }),
  cancelDuty: (data: In<'cancelDuty'>, idempotencyKey?: string) => callFunction('clinic', 'cancelDuty', data, { write: true, idempotencyKey }),
  offerHandover: (data: In<'offerHandover'>, idempotencyKey?: string) => callFunction('clinic', 'offerHandover', data, { write: true, idempotencyKey }),
  acceptHandover: (data: In<'acceptHandover'>, idempotencyKey?: string) => callFunction('clinic', 'acceptHandover', data, { write: true, idempotencyKey }),
  declineHandover: (data: In<'declineHandover'>, idempotencyKey?: string) => callFunction('clinic', 'declineHandover', data, { write: true, idempotencyKey }),
  myHandovers: () => callFunction('clinic', 'myHandovers', {}),
  colleagues: () => callFunction('clinic', 'colleagues', {}),
  planRotation: (data: In<'planRotation'>, idempotencyKey?: string) => callFunction('clinic', 'planRotation', data, { write: true, idempotencyKey }),
  coverage: (data: In<'coverage'>) => callFunction('clinic', 'coverage', data),
  slots: (data: In<'slots'>) => callFunction('clinic', 'slots', data),
  book: (data: In<'book'>, idempotencyKey?: string) => callFunction('clinic', 'book', data, { write: true, idempotencyKey }),
  joinWaitlist: (data: In<'joinWaitlist'>, idempotencyKey?: string) => callFunction('clinic', 'joinWaitlist', data, { write: true, idempotencyKey }),
  leaveWaitlist: (data: In<'leaveWaitlist'>, idempotencyKey?: string) => callFunction('clinic', 'leaveWaitlist', data, { write: true, idempotencyKey }),
  cancelBooking: (data: In<'cancelBooking'>, idempotencyKey?: string) => callFunction('clinic', 'cancelBooking', data, { write: true, idempotencyKey }),
  reschedule: (data: In<'reschedule'>, idempotencyKey?: string) => callFunction('clinic', 'reschedule', data, { write: true, idempotencyKey }),
  myBookings: (data: In<'myBookings'>) => callFunction('clinic', 'myBookings', data),
  checkIn: (data: In<'checkIn'>, idempotencyKey?: string) => callFunction('clinic', 'checkIn', data, { write: true, idempotencyKey }),
  recordOutcome: (data: In<'recordOutcome'>, idempotencyKey?: string) => callFunction('clinic', 'recordOutcome', data, { write: true, idempotencyKey }),
  sessionBookings: (data: In<'sessionBookings'>) => callFunction('clinic', 'sessionBookings', data),
};
