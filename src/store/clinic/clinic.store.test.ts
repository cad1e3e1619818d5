import type { ConsultationView, SessionView, SlotView } from '@core/api/clinic';
import type { Me } from '@core/api/user';
import { resetTaroMock } from '../../test-support/taro-mock';
import { fail, flush, ok, installFakeTransport } from '../../test-support/fake-transport';
import { ApiError, ClientErrorCodes } from '../../services/api-error';
import { resetAppStore, useAppStore } from '..';
import { resetClinicStore, useClinicStore } from '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const { calls, handlers, actions } = installFakeTransport();

const SID = '2026-11-25-am';
const slot = (index: number, free: number, mine = false): SlotView => ({
  index,
  startsAt: `2026-11-25T0${1 + Math.floor(index / 2)}:${index % 2 ? '30' : '00'}:00Z`,
  endsAt: '2026-11-25T02:00:00Z',
  free,
  mine,
});
const booking = (over: Partial<ConsultationView> = {}): ConsultationView => ({
  id: 'b1',
  sessionId: SID,
  slotIndex: 0,
  profession: 'lawyer',
  startsAt: '2026-11-25T01:00:00Z',
  endsAt: '2026-11-25T01:30:00Z',
  weekday: 3,
  status: 'confirmed',
  description: '劳动合同纠纷',
  attachments: [],
  can: { cancel: true, reschedule: true, checkIn: false, recordOutcome: false },
  ...over,
});
const session = (id: string): SessionView => ({
  id,
  date: id.slice(0, 10),
  weekday: 3,
  kind: 'regular',
  startsAt: `${id.slice(0, 10)}T01:00:00Z`,
  endsAt: `${id.slice(0, 10)}T03:30:00Z`,
  duties: [],
  staffing: { lawyer: { seats: 1, staffed: 0 } },
  freeSlots: {},
});

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetClinicStore();
});

describe('clinic store: booking a consultation', () => {
  it('books a slot with the given key, then shows the session’s slots as they are now', async () => {
    let taken = false;
    handlers['clinic.slots'] = () => ok([slot(0, taken ? 0 : 1), slot(1, 1)]);
    handlers['clinic.book'] = () => {
      taken = true;
      return ok(booking());
    };
    await useClinicStore.getState().loadSlots(SID, 'lawyer');
    expect(useClinicStore.getState().slots.data?.[0].free).toBe(1);

    const b = await useClinicStore.getState().book({ sessionId: SID, profession: 'lawyer', slotIndex: 0, description: '劳动合同纠纷' }, 'key-book-1');
    await flush();
    expect(b.id).toBe('b1');
    expect(actions()).toEqual(['clinic.slots', 'clinic.book', 'clinic.slots']);
    expect(calls[1].event).toMatchObject({ action: 'book', idempotencyKey: 'key-book-1', data: { sessionId: SID, profession: 'lawyer', slotIndex: 0 } });
    expect(calls[2].event.data).toEqual({ sessionId: SID, profession: 'lawyer' });
    expect(useClinicStore.getState().slots).toMatchObject({ key: `${SID}|lawyer`, status: 'ready' });
    expect(useClinicStore.getState().slots.data?.[0].free).toBe(0);
  });

  it('a full session (CLINIC.SESSION_FULL) turns into the waitlist offer; joining it ends the offer', async () => {
    handlers['clinic.slots'] = () => ok([slot(0, 0), slot(1, 0)]);
    handlers['clinic.book'] = () => fail('CLINIC.SESSION_FULL');
    handlers['clinic.joinWaitlist'] = () => ok({ id: 'w1', sessionId: SID, profession: 'lawyer', position: 2, createdAt: '2026-11-23T01:00:00Z' });
    await useClinicStore.getState().loadSlots(SID, 'lawyer');

    await expect(useClinicStore.getState().book({ sessionId: SID, profession: 'lawyer', slotIndex: 1, description: '出口退税' }, 'k')).rejects.toMatchObject({ code: 'CLINIC.SESSION_FULL' });
    expect(useClinicStore.getState().waitlistOffer).toEqual({ sessionId: SID, profession: 'lawyer' });
    // A slot taken by someone else is not a full session: no offer.
    handlers['clinic.book'] = () => fail('CLINIC.SLOT_TAKEN');
    await expect(useClinicStore.getState().book({ sessionId: SID, profession: 'lawyer', slotIndex: 1, description: '出口退税' }, 'k2')).rejects.toMatchObject({ code: 'CLINIC.SLOT_TAKEN' });
    expect(useClinicStore.getState().waitlistOffer).toBeUndefined();

    handlers['clinic.book'] = () => fail('CLINIC.SESSION_FULL');
    await expect(useClinicStore.getState().book({ sessionId: SID, profession: 'lawyer', slotIndex: 1, description: '出口退税' }, 'k3')).rejects.toBeInstanceOf(ApiError);
    const w = await useClinicStore.getState().joinWaitlist({ sessionId: SID, profession: 'lawyer', description: '出口退税' }, 'key-wait');
    expect(w.position).toBe(2);
    expect(calls.find((c) => c.event.action === 'joinWaitlist')?.event.idempotencyKey).toBe('key-wait');
    expect(useClinicStore.getState().waitlistOffer).toBeUndefined();
    expect(useClinicStore.getState().mineWaitlist.map((x) => x.id)).toEqual(['w1']);
  });

  it('a booking retried after a lost answer keeps its idempotency key (one booking on the server)', async () => {
    let tries = 0;
    handlers['clinic.book'] = () => {
      tries++;
      if (tries === 1) throw new ApiError(ClientErrorCodes.NETWORK, 'timeout');
      return ok(booking());
    };
    await useClinicStore.getState().book({ sessionId: SID, profession: 'lawyer', slotIndex: 0, description: 'x' }, 'key-same');
    const keys = calls.filter((c) => c.event.action === 'book').map((c) => c.event.idempotencyKey);
    expect(keys).toEqual(['key-same', 'key-same']);
  });

  it('my bookings: the list and the waitlist from one call; cancelling updates the row in place', async () => {
    handlers['clinic.myBookings'] = () => ok({ items: [booking(), booking({ id: 'b2', slotIndex: 2 })], waitlist: [{ id: 'w1', sessionId: SID, profession: 'tax_advisor', position: 1, createdAt: '2026-11-23T01:00:00Z' }] });
    handlers['clinic.cancelBooking'] = (e) => ok(booking({ id: (e.data as { id: string }).id, status: 'cancelled', can: { cancel: false, reschedule: false, checkIn: false, recordOutcome: false } }));
    await useClinicStore.getState().loadMine();
    expect(useClinicStore.getState().mine.items).toHaveLength(2);
    expect(useClinicStore.getState().mineWaitlist).toHaveLength(1);
    await useClinicStore.getState().cancelBooking('b2', 'key-cancel');
    expect(useClinicStore.getState().mine.items.map((b) => `${b.id}:${b.status}`)).toEqual(['b1:confirmed', 'b2:cancelled']);
  });

  it('drops the answer of a month no longer shown', async () => {
    let release!: () => void;
    handlers['clinic.calendar'] = (e) => {
      const month = (e.data as { month: string }).month;
      if (month === '2026-11') return new Promise((r) => (release = () => r(ok([session('2026-11-25-am')]))));
      return ok([session('2026-12-02-am')]);
    };
    const first = useClinicStore.getState().loadCalendar('2026-11', 'lawyer');
    await useClinicStore.getState().loadCalendar('2026-12', 'lawyer');
    release();
    await first;
    expect(useClinicStore.getState().calendar).toMatchObject({ key: '2026-12|lawyer', status: 'ready' });
    expect(useClinicStore.getState().calendar.data?.map((s) => s.id)).toEqual(['2026-12-02-am']);
  });
});

describe('clinic store: duties and outcomes', () => {
  it('claiming a duty reloads the open seats and my duties of the month shown', async () => {
    let claimed = false;
    handlers['clinic.openDuties'] = () => ok(claimed ? [] : [session(SID)]);
    handlers['clinic.myDuties'] = () => ok(claimed ? [{ ...session(SID), bookings: [] }] : []);
    handlers['clinic.myHandovers'] = () => ok([]);
    handlers['clinic.bookDuty'] = () => {
      claimed = true;
      return ok(session(SID));
    };
    await useClinicStore.getState().loadDuties('2026-11');
    await useClinicStore.getState().bookDuty(SID, 'key-duty');
    expect(calls.find((c) => c.event.action === 'bookDuty')?.event).toMatchObject({ data: { sessionId: SID }, idempotencyKey: 'key-duty' });
    expect(useClinicStore.getState().openDuties.data).toEqual([]);
    expect(useClinicStore.getState().myDuties.data?.map((s) => s.id)).toEqual([SID]);
    expect(calls.filter((c) => c.event.action === 'openDuties').map((c) => c.event.data)).toEqual([{ month: '2026-11' }, { month: '2026-11' }]);
  });

  it('recording an outcome replaces the consultation in the session’s list', async () => {
    handlers['clinic.sessionBookings'] = () => ok([booking({ can: { cancel: false, reschedule: false, checkIn: false, recordOutcome: true } })]);
    handlers['clinic.recordOutcome'] = () => ok(booking({ status: 'attended', outcome: { advice: '补签合同', followUpNeeded: true, recordedAt: '2026-11-25T02:00:00Z' } }));
    await useClinicStore.getState().loadSessionBookings(SID);
    await useClinicStore.getState().recordOutcome({ id: 'b1', attended: true, advice: '补签合同', followUpNeeded: true }, 'key-outcome');
    expect(calls[1].event).toMatchObject({ action: 'recordOutcome', idempotencyKey: 'key-outcome' });
    expect(useClinicStore.getState().sessionBookings.data?.[0]).toMatchObject({ status: 'attended', outcome: { advice: '补签合同' } });
  });

  it('forgets what the previous person saw when the dev login switches person', async () => {
    handlers['clinic.onDuty'] = () => ok([session(SID)]);
    useAppStore.setState({ me: { openid: 'demo-worker-li', role: 'worker', locale: 'zh-CN', largeText: false } as Me });
    await useClinicStore.getState().loadOnDuty();
    expect(useClinicStore.getState().onDuty.data).toHaveLength(1);
    useAppStore.setState({ me: { openid: 'demo-lawyer-chen', role: 'volunteer', locale: 'zh-CN', largeText: false } as Me });
    expect(useClinicStore.getState().onDuty.status).toBe('idle');
  });
});

describe('clinic store: whose roster', () => {
  it('a member reads their own community; a guest (a QR visitor) names the community the service lists', async () => {
    handlers['clinic.onDuty'] = () => ok([session(SID)]);
    handlers['clinic.calendar'] = () => ok([session(SID)]);
    handlers['user.communities'] = () => ok([{ id: 'xingping', name: '兴平工业社区' }]);
    useAppStore.setState({ me: { openid: 'demo-worker-li', role: 'worker', communityId: 'xingping', locale: 'zh-CN', largeText: false } as Me });
    await useClinicStore.getState().loadOnDuty();
    expect(calls.find((c) => c.event.action === 'onDuty')?.event.data).toEqual({ days: 7 });

    useAppStore.setState({ me: { openid: 'h5-guest-1', role: 'guest', locale: 'zh-CN', largeText: false } as Me });
    calls.length = 0;
    await useClinicStore.getState().loadOnDuty();
    await useClinicStore.getState().loadCalendar('2026-11');
    expect(actions()).toEqual(['user.communities', 'clinic.onDuty', 'clinic.calendar']);
    expect(calls[1].event.data).toEqual({ days: 7, communityId: 'xingping' });
    expect(calls[2].event.data).toEqual({ month: '2026-11', communityId: 'xingping' });
    expect(useClinicStore.getState().onDuty.status).toBe('ready');
  });
});
