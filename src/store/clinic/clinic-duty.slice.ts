import type { ClinicActions } from '@core/contract';
import type { ColleagueView, ConsultationView, HandoverView, SessionView } from '@core/api/clinic';
import { clinicApi } from '../../services/api/clinic';
import { idle, loader, type Loaded } from '../loaders';
import { type ClinicSlice, type ClinicState } from './clinic-types';

/** `cancellable` false: cancelling would leave bookings with nobody (CLINIC.DUTY_HAS_BOOKINGS): hand it over instead. */
export type DutySession = SessionView & { bookings: ConsultationView[]; cancellable?: boolean };

export interface ClinicDutySlice {
  /** Volunteer: sessions of a month with an open seat in their profession (key: month). */
  openDuties: Loaded<SessionView[]>;
  myDuties: Loaded<DutySession[]>;
  handovers: Loaded<HandoverView[]>;
  /** Approved colleagues of the volunteer's profession: whom 转交同事 can offer a duty to. */
  colleagues: Loaded<ColleagueView[]>;
  loadColleagues: () => Promise<void>;
  /** The three lists of the duties screen for a month. */
  loadDuties: (month: string) => Promise<void>;
  bookDuty: (sessionId: string, idempotencyKey: string) => Promise<SessionView>;
  cancelDuty: (sessionId: string, idempotencyKey: string) => Promise<void>;
  offerHandover: (sessionId: string, toOpenid: string, idempotencyKey: string) => Promise<HandoverView>;
  answerHandover: (handoverId: string, accept: boolean, idempotencyKey: string) => Promise<void>;

  /** Volunteer on duty or staff: a session's consultations (key: sessionId). */
  sessionBookings: Loaded<ConsultationView[]>;
  loadSessionBookings: (sessionId: string) => Promise<void>;
  recordOutcome: (input: ClinicActions['recordOutcome']['in'], idempotencyKey: string) => Promise<ConsultationView>;
}

export const createClinicDutySlice: ClinicSlice<ClinicDutySlice> = (set, get) => {
  const load = loader<ClinicState>(get, set);
  const month = () => get().openDuties.key ?? get().myDuties.key;
  const reloadMine = () => {
    const m = month();
    return m ? load('myDuties', m, () => clinicApi.myDuties({ month: m })) : Promise.resolve();
  };
  const reloadOpen = () => {
    const m = month();
    return m ? load('openDuties', m, () => clinicApi.openDuties({ month: m })) : Promise.resolve();
  };
  const reloadHandovers = () => load('handovers', 'mine', () => clinicApi.myHandovers());

  return {
    openDuties: idle(),
    myDuties: idle(),
    handovers: idle(),
    colleagues: idle(),
    loadColleagues: () => load('colleagues', 'mine', () => clinicApi.colleagues()),
    loadDuties: async (m) => {
      await Promise.all([load('openDuties', m, () => clinicApi.openDuties({ month: m })), load('myDuties', m, () => clinicApi.myDuties({ month: m })), reloadHandovers()]);
    },
    bookDuty: async (sessionId, key) => {
      const session = await clinicApi.bookDuty({ sessionId }, key);
      await Promise.all([reloadOpen(), reloadMine()]);
      return session;
    },
    cancelDuty: async (sessionId, key) => {
      await clinicApi.cancelDuty({ sessionId }, key);
      await Promise.all([reloadOpen(), reloadMine()]);
    },
    offerHandover: async (sessionId, toOpenid, key) => {
      const h = await clinicApi.offerHandover({ sessionId, toOpenid }, key);
      await reloadMine();
      return h;
    },
    answerHandover: async (handoverId, accept, key) => {
      if (accept) await clinicApi.acceptHandover({ handoverId }, key);
      else await clinicApi.declineHandover({ handoverId }, key);
      await Promise.all([reloadHandovers(), reloadMine()]);
    },

    sessionBookings: idle(),
    loadSessionBookings: (sessionId) => load('sessionBookings', sessionId, () => clinicApi.sessionBookings({ sessionId })),
    recordOutcome: async (input, key) => {
      const b = await clinicApi.recordOutcome(input, key);
      const list = get().sessionBookings;
      if (list.data) set({ sessionBookings: { ...list, data: list.data.map((x) => (x.id === b.id ? b : x)) } });
      return b;
    },
  };
};
