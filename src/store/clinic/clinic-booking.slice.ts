import type { ClinicActions } from '@core/contract';
import type { ConsultationView, SessionView, SlotView, WaitlistView } from '@core/api/clinic';
import { ErrorCodes } from '@core/api/errors';
import type { Profession } from '@core/api/roles';
import { toApiError } from '../../services/api-error';
import { clinicApi } from '../../services/api/clinic';
import { emptyPaged, type Paged } from '../types';
import { idle, loader, pagedLoader, type Loaded } from '../loaders';
import { type ClinicSlice, type ClinicState } from './clinic-types';
import { readerScope } from './reader-scope';

export interface ClinicBookingSlice {
  /** "Who is on duty this week": the next 7 days. */
  onDuty: Loaded<SessionView[]>;
  loadOnDuty: () => Promise<void>;
  /** A month's sessions (key `month|profession`). */
  calendar: Loaded<SessionView[]>;
  loadCalendar: (month: string, profession?: Profession) => Promise<void>;
  /** The slots of one session for one profession (key `sessionId|profession`). */
  slots: Loaded<SlotView[]>;
  loadSlots: (sessionId: string, profession: Profession) => Promise<void>;
  /** Set when a booking found the session full: the page offers the waitlist instead. */
  waitlistOffer?: { sessionId: string; profession: Profession };
  dismissWaitlistOffer: () => void;
  /** Books a slot; the slots shown refresh whatever the answer (the seat may be gone). */
  book: (input: ClinicActions['book']['in'], idempotencyKey: string) => Promise<ConsultationView>;
  joinWaitlist: (input: ClinicActions['joinWaitlist']['in'], idempotencyKey: string) => Promise<WaitlistView>;

  mine: Paged<ConsultationView>;
  mineWaitlist: WaitlistView[];
  loadMine: () => Promise<void>;
  loadMoreMine: () => Promise<void>;
  cancelBooking: (id: string, idempotencyKey: string) => Promise<ConsultationView>;
  reschedule: (input: ClinicActions['reschedule']['in'], idempotencyKey: string) => Promise<ConsultationView>;
  leaveWaitlist: (id: string, idempotencyKey: string) => Promise<void>;

  /** At the station: today's bookings once checked in. */
  checkIn: (scene: string, idempotencyKey: string) => Promise<ConsultationView[]>;
}

export const createClinicBookingSlice: ClinicSlice<ClinicBookingSlice> = (set, get) => {
  const load = loader<ClinicState>(get, set);
  const paged = pagedLoader<ClinicState>(get, set);

  const fetchMine = (cursor?: string) =>
    clinicApi.myBookings(cursor ? { cursor } : {}).then((page) => {
      if (!cursor) set({ mineWaitlist: page.waitlist });
      return page;
    });

  /** Puts a changed booking in the list (or first, when new). */
  const adopt = (b: ConsultationView) => {
    const mine = get().mine;
    if (mine.status !== 'ready') return;
    const has = mine.items.some((x) => x.id === b.id);
    set({ mine: { ...mine, items: has ? mine.items.map((x) => (x.id === b.id ? b : x)) : [b, ...mine.items] } });
  };

  const refreshSlots = () => {
    const key = get().slots.key;
    if (!key) return;
    const [sessionId, profession] = key.split('|');
    void get().loadSlots(sessionId, profession as Profession);
  };

  return {
    onDuty: idle(),
    loadOnDuty: () => load('onDuty', 'week', async () => clinicApi.onDuty({ days: 7, ...(await readerScope()) })),
    calendar: idle(),
    loadCalendar: (month, profession) =>
      load('calendar', `${month}|${profession ?? ''}`, async () => clinicApi.calendar({ month, ...(profession ? { profession } : {}), ...(await readerScope()) })),
    slots: idle(),
    loadSlots: (sessionId, profession) => load('slots', `${sessionId}|${profession}`, async () => clinicApi.slots({ sessionId, profession, ...(await readerScope()) })),

    waitlistOffer: undefined,
    dismissWaitlistOffer: () => set({ waitlistOffer: undefined }),
    book: async (input, key) => {
      set({ waitlistOffer: undefined });
      try {
        const booking = await clinicApi.book(input, key);
        adopt(booking);
        return booking;
      } catch (e) {
        const error = toApiError(e);
        if (error.code === ErrorCodes.CLINIC_SESSION_FULL) set({ waitlistOffer: { sessionId: input.sessionId, profession: input.profession } });
        throw error;
      } finally {
        refreshSlots();
      }
    },
    joinWaitlist: async (input, key) => {
      const entry = await clinicApi.joinWaitlist(input, key);
      set({ waitlistOffer: undefined, mineWaitlist: [...get().mineWaitlist.filter((w) => w.id !== entry.id), entry] });
      return entry;
    },

    mine: emptyPaged(),
    mineWaitlist: [],
    loadMine: () => paged<ConsultationView>('mine', fetchMine, false),
    loadMoreMine: () => paged<ConsultationView>('mine', fetchMine, true),
    cancelBooking: async (id, key) => {
      const b = await clinicApi.cancelBooking({ id }, key);
      adopt(b);
      return b;
    },
    reschedule: async (input, key) => {
      try {
        const b = await clinicApi.reschedule(input, key);
        adopt(b);
        return b;
      } finally {
        refreshSlots();
      }
    },
    leaveWaitlist: async (id, key) => {
      await clinicApi.leaveWaitlist({ id }, key);
      set({ mineWaitlist: get().mineWaitlist.filter((w) => w.id !== id) });
    },

    checkIn: async (scene, key) => {
      const today = await clinicApi.checkIn({ scene }, key);
      today.forEach(adopt);
      return today;
    },
  };
};
