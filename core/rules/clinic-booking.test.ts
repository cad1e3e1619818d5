/**
 * Booking decisions with pinned instants around Monday 2026-03-02 (08:30-11:30 Shanghai, six
 * 30-minute slots) and the Spring Festival 2026 holiday. TZ-independent: run under TZ=UTC and
 * TZ=Asia/Shanghai; every instant is written with its offset.
 */
import fc from 'fast-check';
import type { Profession } from '../api/roles';
import { buildSession, DEFAULT_CLINIC_CONFIG } from './clinic-calendar';
import {
  bookerSlotKey,
  canBookSlot,
  canCancel,
  canRecordOutcome,
  canReschedule,
  ClinicErrorCodes as E,
  deterministicBookingKey,
  isBookingLimited,
  nextFromWaitlist,
  NO_SHOW_LIMIT,
  reminderDueAt,
  reminderKey,
  remindersToSend,
  type BookSlotInput,
  type ConsultationBooking,
  type Remindable,
  type WaitlistEntry,
} from './clinic-booking';

const at = (s: string) => new Date(s);
const MON = buildSession(DEFAULT_CLINIC_CONFIG, '2026-03-02', 'regular');
const WED = buildSession(DEFAULT_CLINIC_CONFIG, '2026-03-04', 'regular');
const SUNDAY_NOON = at('2026-03-01T12:00:00+08:00');

let seq = 0;
function booking(over: Partial<ConsultationBooking> & { slotIndex: number }, session = MON): ConsultationBooking {
  const slot = session.slots[over.slotIndex];
  return {
    id: `b${++seq}`,
    sessionId: session.id,
    profession: 'lawyer',
    seat: 0,
    bookerId: 'someone',
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: 'confirmed',
    ...over,
  };
}
const attempt = (over: Partial<BookSlotInput> = {}): BookSlotInput => ({
  session: MON,
  slotIndex: 0,
  profession: 'lawyer',
  onDuty: 1,
  existingBookings: [],
  booker: { id: 'me', noShows: [] },
  now: SUNDAY_NOON,
  cutoffHours: 2,
  ...over,
});
const reason = (over: Partial<BookSlotInput>) => {
  const d = canBookSlot(attempt(over));
  return d.ok ? 'ok' : d.reason;
};

describe('canBookSlot', () => {
  it('books the first free seat and names its unique key', () => {
    expect(canBookSlot(attempt())).toEqual({ ok: true, seat: 0, key: 'clinic:2026-03-02-am:lawyer:0:0' });
    const two = canBookSlot(attempt({ onDuty: 2, existingBookings: [booking({ slotIndex: 0, seat: 0 })] }));
    expect(two).toEqual({ ok: true, seat: 1, key: 'clinic:2026-03-02-am:lawyer:0:1' });
    // A cancelled booking frees its seat.
    expect(canBookSlot(attempt({ existingBookings: [booking({ slotIndex: 0, status: 'cancelled' })] }))).toMatchObject({ ok: true, seat: 0 });
    // Seat 1 taken alone: seat 0 is offered.
    expect(canBookSlot(attempt({ onDuty: 2, existingBookings: [booking({ slotIndex: 0, seat: 1 })] }))).toMatchObject({ ok: true, seat: 0 });
  });

  it('SLOT_TAKEN when every seat of the slot is held, SESSION_FULL when every slot is', () => {
    expect(reason({ existingBookings: [booking({ slotIndex: 0 })] })).toBe(E.CLINIC_SLOT_TAKEN);
    expect(reason({ existingBookings: [booking({ slotIndex: 0, status: 'no_show' })] })).toBe(E.CLINIC_SLOT_TAKEN);
    const all = MON.slots.map((s) => booking({ slotIndex: s.index, bookerId: `p${s.index}` }));
    expect(reason({ existingBookings: all, slotIndex: 3 })).toBe(E.CLINIC_SESSION_FULL);
    expect(reason({ existingBookings: all, onDuty: 2, slotIndex: 3 })).toBe('ok');
    // Other professions' and other sessions' bookings don't take this seat.
    expect(reason({ existingBookings: [booking({ slotIndex: 0, profession: 'accountant', bookerId: 'x' }), booking({ slotIndex: 0, bookerId: 'y' }, WED)] })).toBe('ok');
  });

  it('ALREADY_BOOKED with this profession in this session; OVERLAP with anything at the same time', () => {
    expect(reason({ slotIndex: 4, existingBookings: [booking({ slotIndex: 1, bookerId: 'me' })] })).toBe(E.CLINIC_ALREADY_BOOKED);
    expect(reason({ slotIndex: 1, existingBookings: [booking({ slotIndex: 1, bookerId: 'me', profession: 'tax_advisor' })] })).toBe(E.CLINIC_OVERLAP);
    expect(reason({ slotIndex: 2, existingBookings: [booking({ slotIndex: 1, bookerId: 'me', profession: 'tax_advisor' })] })).toBe('ok'); // back to back
    // An overlapping booking elsewhere (another community's clinic at 09:15-09:45).
    const elsewhere = booking({ slotIndex: 0, bookerId: 'me', sessionId: 'other-2026-03-02-am', startsAt: at('2026-03-02T09:15:00+08:00'), endsAt: at('2026-03-02T09:45:00+08:00') });
    expect(reason({ slotIndex: 1, existingBookings: [elsewhere] })).toBe(E.CLINIC_OVERLAP);
    expect(reason({ slotIndex: 0, existingBookings: [elsewhere] })).toBe('ok');
    expect(reason({ slotIndex: 1, existingBookings: [{ ...elsewhere, status: 'cancelled' }] })).toBe('ok');
  });

  it('TOO_LATE from the cut-off before the slot starts (inclusive)', () => {
    // Slot 2 starts 09:30; a 2-hour cut-off closes it at 07:30.
    expect(reason({ slotIndex: 2, now: at('2026-03-02T07:29:59.999+08:00') })).toBe('ok');
    expect(reason({ slotIndex: 2, now: at('2026-03-02T07:30:00+08:00') })).toBe(E.CLINIC_TOO_LATE);
    expect(reason({ slotIndex: 2, cutoffHours: 0, now: at('2026-03-02T09:29:00+08:00') })).toBe('ok');
    expect(reason({ slotIndex: 2, cutoffHours: 0, now: at('2026-03-02T09:30:00+08:00') })).toBe(E.CLINIC_TOO_LATE);
    expect(reason({ slotIndex: 0, cutoffHours: 24, now: at('2026-03-01T08:30:00+08:00') })).toBe(E.CLINIC_TOO_LATE);
  });

  it('BOOKING_LIMITED: two no-shows in 90 days allow one upcoming booking at a time', () => {
    const noShows = [at('2026-01-05T08:30:00+08:00'), at('2026-02-25T08:30:00+08:00')];
    const booker = { id: 'me', noShows };
    const upcoming = booking({ slotIndex: 0, bookerId: 'me', profession: 'finance' }, WED);
    expect(reason({ booker })).toBe('ok'); // no upcoming booking yet: one allowed
    expect(reason({ booker, existingBookings: [upcoming] })).toBe(E.CLINIC_BOOKING_LIMITED);
    expect(reason({ booker, existingBookings: [{ ...upcoming, status: 'cancelled' }] })).toBe('ok');
    // A past booking is not an active one.
    const past = booking({ slotIndex: 0, bookerId: 'me', startsAt: at('2026-02-27T08:30:00+08:00'), endsAt: at('2026-02-27T09:00:00+08:00'), sessionId: '2026-02-27-am', status: 'attended' });
    expect(reason({ booker, existingBookings: [past] })).toBe('ok');
    // The window slides: 90 days after 2026-01-05 08:30 the first no-show drops out.
    const later = { booker, existingBookings: [upcoming] };
    const april = booking({ slotIndex: 0, bookerId: 'me' }, buildSession(DEFAULT_CLINIC_CONFIG, '2026-04-08', 'regular'));
    expect(isBookingLimited(booker, [april], at('2026-04-05T08:29:59.999+08:00'))).toBe(true);
    expect(isBookingLimited(booker, [april], at('2026-04-05T08:30:00+08:00'))).toBe(false);
    // A no-show recorded in the future (bad data) does not count.
    expect(isBookingLimited({ id: 'me', noShows: [noShows[1], at('2026-03-09T08:30:00+08:00')] }, [upcoming], SUNDAY_NOON)).toBe(false);
    expect(reason({ ...later, booker: { id: 'me', noShows: [noShows[1]] } })).toBe('ok'); // one no-show: no limit
    // Someone else's no-shows don't limit me.
    expect(reason({ existingBookings: [upcoming], booker: { id: 'me', noShows: [] } })).toBe('ok');
    expect(NO_SHOW_LIMIT).toEqual({ count: 2, windowDays: 90, maxActive: 1 });
  });

  it('NO_SUCH_SLOT and NOT_ON_DUTY, and the order of reasons', () => {
    expect(reason({ slotIndex: 6 })).toBe(E.CLINIC_NO_SUCH_SLOT);
    expect(reason({ slotIndex: -1 })).toBe(E.CLINIC_NO_SUCH_SLOT);
    expect(reason({ onDuty: 0 })).toBe(E.CLINIC_NOT_ON_DUTY);
    const full = MON.slots.map((s) => booking({ slotIndex: s.index, bookerId: `p${s.index}` }));
    const limited = { id: 'me', noShows: [at('2026-02-02T08:30:00+08:00'), at('2026-02-04T08:30:00+08:00')] };
    const mine = booking({ slotIndex: 0, bookerId: 'me', profession: 'finance' });
    // Every reason applies at once: TOO_LATE wins, then NOT_ON_DUTY, BOOKING_LIMITED, OVERLAP, SESSION_FULL.
    const everything = { existingBookings: [...full, mine], booker: limited, onDuty: 0, now: at('2026-03-02T08:00:00+08:00') };
    expect(reason(everything)).toBe(E.CLINIC_TOO_LATE);
    expect(reason({ ...everything, now: SUNDAY_NOON })).toBe(E.CLINIC_NOT_ON_DUTY);
    expect(reason({ ...everything, now: SUNDAY_NOON, onDuty: 1 })).toBe(E.CLINIC_BOOKING_LIMITED);
    expect(reason({ ...everything, now: SUNDAY_NOON, onDuty: 1, booker: { id: 'me', noShows: [] } })).toBe(E.CLINIC_OVERLAP);
    expect(reason({ ...everything, now: SUNDAY_NOON, onDuty: 1, booker: { id: 'me', noShows: [] }, existingBookings: full })).toBe(E.CLINIC_SESSION_FULL);
  });

  it('exports stable codes', () => {
    expect(Object.values(E).every((c) => /^CLINIC\.[A-Z_]+$/.test(c))).toBe(true);
    expect(E).toMatchObject({
      CLINIC_SLOT_TAKEN: 'CLINIC.SLOT_TAKEN',
      CLINIC_SESSION_FULL: 'CLINIC.SESSION_FULL',
      CLINIC_OVERLAP: 'CLINIC.OVERLAP',
      CLINIC_TOO_LATE: 'CLINIC.TOO_LATE',
      CLINIC_BOOKING_LIMITED: 'CLINIC.BOOKING_LIMITED',
    });
  });

  it('property: booking one accepted attempt after another never exceeds capacity, never collides on a key, never overlaps a person', () => {
    const professions: Profession[] = ['lawyer', 'accountant'];
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ booker: fc.integer({ min: 0, max: 15 }), slot: fc.integer({ min: 0, max: 6 }), profession: fc.constantFrom(...professions) }), { maxLength: 60 }),
        (onDuty, attempts) => {
          const held: ConsultationBooking[] = [];
          for (const a of attempts) {
            const d = canBookSlot(attempt({ onDuty, slotIndex: a.slot, profession: a.profession, booker: { id: `u${a.booker}`, noShows: [] }, existingBookings: held }));
            if (d.ok) held.push(booking({ slotIndex: a.slot, seat: d.seat, profession: a.profession, bookerId: `u${a.booker}` }));
            else if (d.reason === E.CLINIC_SESSION_FULL && held.filter((b) => b.profession === a.profession).length !== onDuty * MON.slots.length) return false;
          }
          const keys = held.map((b) => deterministicBookingKey(b.sessionId, b.profession, b.slotIndex, b.seat));
          if (new Set(keys).size !== keys.length) return false;
          if (held.some((b) => b.seat >= onDuty)) return false;
          const personSlots = held.map((b) => bookerSlotKey(b.sessionId, b.slotIndex, b.bookerId));
          if (new Set(personSlots).size !== personSlots.length) return false;
          const personProfession = held.map((b) => `${b.bookerId}:${b.profession}`);
          return new Set(personProfession).size === personProfession.length;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('unique keys', () => {
  it('are deterministic and distinct per seat, slot, profession and session', () => {
    expect(deterministicBookingKey('2026-03-02-am', 'lawyer', 3)).toBe('clinic:2026-03-02-am:lawyer:3:0');
    expect(deterministicBookingKey('2026-03-02-am', 'lawyer', 3, 0)).toBe(deterministicBookingKey('2026-03-02-am', 'lawyer', 3));
    const keys = new Set<string>();
    for (const s of ['2026-03-02-am', '2026-03-04-am']) for (const p of ['lawyer', 'finance'] as const) for (const i of [0, 1, 10]) for (const seat of [0, 1]) keys.add(deterministicBookingKey(s, p, i, seat));
    expect(keys.size).toBe(24);
    expect(bookerSlotKey('2026-03-02-am', 2, 'u1')).toBe('clinic:2026-03-02-am:slot:2:booker:u1');
  });
});

describe('canRecordOutcome', () => {
  const b = booking({ slotIndex: 2, bookerId: 'me' }); // 2026-03-02 09:30
  it('from the slot start on, never before; only a confirmed booking', () => {
    expect(canRecordOutcome(b, at('2026-02-27T09:30:00+08:00'))).toEqual({ ok: false, reason: E.CLINIC_OUTCOME_TOO_EARLY });
    expect(canRecordOutcome(b, at('2026-03-02T09:29:59+08:00'))).toEqual({ ok: false, reason: E.CLINIC_OUTCOME_TOO_EARLY });
    expect(canRecordOutcome(b, at('2026-03-02T09:30:00+08:00'))).toEqual({ ok: true });
    expect(canRecordOutcome(b, at('2026-03-05T18:00:00+08:00'))).toEqual({ ok: true });
    for (const status of ['cancelled', 'attended', 'no_show'] as const) {
      expect(canRecordOutcome({ ...b, status }, at('2026-03-02T10:00:00+08:00'))).toEqual({ ok: false, reason: E.CLINIC_NOT_ACTIVE });
    }
  });
});

describe('canCancel and canReschedule', () => {
  const mine = booking({ slotIndex: 2, bookerId: 'me' }); // 09:30
  it('cancels a confirmed booking until the cut-off', () => {
    expect(canCancel(mine, at('2026-03-02T07:29:59+08:00'), 2)).toEqual({ ok: true });
    expect(canCancel(mine, at('2026-03-02T07:30:00+08:00'), 2)).toEqual({ ok: false, reason: E.CLINIC_TOO_LATE });
    expect(canCancel(mine, at('2026-03-03T07:30:00+08:00'), 0)).toEqual({ ok: false, reason: E.CLINIC_TOO_LATE });
    for (const status of ['cancelled', 'attended', 'no_show'] as const) {
      expect(canCancel({ ...mine, status }, SUNDAY_NOON, 2)).toEqual({ ok: false, reason: E.CLINIC_NOT_ACTIVE });
    }
  });

  it('moves a booking within the session or to another, as if the old one were gone', () => {
    const others = [booking({ slotIndex: 3, bookerId: 'x' })];
    expect(canReschedule(mine, attempt({ slotIndex: 4, existingBookings: [mine, ...others] }))).toMatchObject({ ok: true, seat: 0 });
    expect(canReschedule(mine, attempt({ slotIndex: 3, existingBookings: [mine, ...others] }))).toEqual({ ok: false, reason: E.CLINIC_SLOT_TAKEN });
    expect(canReschedule(mine, attempt({ session: WED, slotIndex: 0, existingBookings: [mine] }))).toMatchObject({ ok: true });
    // A limited booker can move their one booking.
    const limited = { id: 'me', noShows: [at('2026-02-02T08:30:00+08:00'), at('2026-02-04T08:30:00+08:00')] };
    expect(canReschedule(mine, attempt({ session: WED, booker: limited, existingBookings: [mine] }))).toMatchObject({ ok: true });
    // Past the old booking's cut-off: stays.
    expect(canReschedule(mine, attempt({ session: WED, now: at('2026-03-02T08:00:00+08:00'), existingBookings: [mine] }))).toEqual({ ok: false, reason: E.CLINIC_TOO_LATE });
  });
});

describe('nextFromWaitlist', () => {
  const freed = { sessionId: MON.id, profession: 'lawyer' as const, slotIndex: 2, seat: 0, startsAt: MON.slots[2].startsAt, endsAt: MON.slots[2].endsAt };
  const entry = (bookerId: string, joined: string, over: Partial<WaitlistEntry> = {}): WaitlistEntry => ({
    bookerId,
    sessionId: MON.id,
    profession: 'lawyer',
    joinedAt: at(joined),
    noShows: [],
    ...over,
  });
  const ctx = (existingBookings: ConsultationBooking[] = []) => ({ existingBookings, now: SUNDAY_NOON });

  it('first come, first served', () => {
    const list = [entry('c', '2026-02-27T10:00:00+08:00'), entry('a', '2026-02-26T10:00:00+08:00'), entry('b', '2026-02-26T11:00:00+08:00')];
    expect(nextFromWaitlist(list, freed, ctx())?.bookerId).toBe('a');
    expect(nextFromWaitlist([...list].reverse(), freed, ctx())?.bookerId).toBe('a');
    expect(nextFromWaitlist([entry('z', '2026-02-26T10:00:00+08:00'), entry('y', '2026-02-26T10:00:00+08:00')], freed, ctx())?.bookerId).toBe('y');
    expect(nextFromWaitlist([], freed, ctx())).toBeUndefined();
  });

  it('only from this session and profession', () => {
    const list = [entry('wed', '2026-02-20T10:00:00+08:00', { sessionId: WED.id }), entry('acc', '2026-02-21T10:00:00+08:00', { profession: 'accountant' }), entry('me', '2026-02-25T10:00:00+08:00')];
    expect(nextFromWaitlist(list, freed, ctx())?.bookerId).toBe('me');
    expect(nextFromWaitlist(list.slice(0, 2), freed, ctx())).toBeUndefined();
  });

  it('skips people who now overlap, already got a seat with this profession, or are limited', () => {
    const list = [entry('overlaps', '2026-02-20T10:00:00+08:00'), entry('seated', '2026-02-21T10:00:00+08:00'), entry('limited', '2026-02-22T10:00:00+08:00', { noShows: [at('2026-02-02T08:30:00+08:00'), at('2026-02-04T08:30:00+08:00')] }), entry('next', '2026-02-23T10:00:00+08:00')];
    const bookings = [
      booking({ slotIndex: 2, bookerId: 'overlaps', profession: 'tax_advisor' }),
      booking({ slotIndex: 5, bookerId: 'seated' }),
      booking({ slotIndex: 0, bookerId: 'limited', profession: 'finance' }, WED),
    ];
    expect(nextFromWaitlist(list, freed, ctx(bookings))?.bookerId).toBe('next');
    // Their bookings cancelled: the first in line gets it again.
    expect(nextFromWaitlist(list, freed, ctx(bookings.map((b) => ({ ...b, status: 'cancelled' as const }))))?.bookerId).toBe('overlaps');
  });
});

describe('reminders', () => {
  it.each([
    ['a Monday: Sunday evening', '2026-03-02', '2026-03-01T18:00:00+08:00'],
    ['a Wednesday', '2026-03-04', '2026-03-03T18:00:00+08:00'],
    ['the 调休 Saturday: Friday evening', '2026-02-14', '2026-02-13T18:00:00+08:00'],
    ['the first day after Spring Festival: the holiday evening before', '2026-02-24', '2026-02-23T18:00:00+08:00'],
    ['across a month end', '2026-03-01', '2026-02-28T18:00:00+08:00'],
    ['across a year end', '2027-01-01', '2026-12-31T18:00:00+08:00'],
  ])('due 18:00 Shanghai the calendar day before: %s', (_label, date, due) => {
    expect(reminderDueAt({ date }).toISOString()).toBe(at(due).toISOString());
  });

  const dutyAndBooking: Remindable[] = [
    { id: 'bk1', kind: 'consultation', recipientId: 'worker', sessionDate: '2026-03-02', startsAt: MON.slots[1].startsAt, status: 'confirmed' },
    { id: 'duty1', kind: 'duty', recipientId: 'lawyer', sessionDate: '2026-03-02', startsAt: MON.startsAt, status: 'confirmed' },
    { id: 'bk2', kind: 'consultation', recipientId: 'gone', sessionDate: '2026-03-02', startsAt: MON.slots[2].startsAt, status: 'cancelled' },
    { id: 'bk3', kind: 'consultation', recipientId: 'wed', sessionDate: '2026-03-04', startsAt: WED.startsAt, status: 'confirmed' },
  ];

  it('sends each due reminder to the booker and the volunteer, and nothing early, late or cancelled', () => {
    expect(remindersToSend(dutyAndBooking, [], at('2026-03-01T17:59:59+08:00'))).toEqual([]);
    const due = remindersToSend(dutyAndBooking, [], at('2026-03-01T18:00:00+08:00'));
    expect(due.map((r) => [r.key, r.recipientId, r.dueAt.toISOString()])).toEqual([
      ['reminder:consultation:bk1:worker', 'worker', '2026-03-01T10:00:00.000Z'],
      ['reminder:duty:duty1:lawyer', 'lawyer', '2026-03-01T10:00:00.000Z'],
    ]);
    // Booked late on the evening before: reminded at once; once the session started: never.
    expect(remindersToSend(dutyAndBooking, [], at('2026-03-02T08:29:00+08:00')).map((r) => r.bookingId)).toEqual(['bk1', 'duty1']);
    expect(remindersToSend(dutyAndBooking, [], at('2026-03-02T08:30:00+08:00')).map((r) => r.bookingId)).toEqual(['bk1']);
    expect(remindersToSend(dutyAndBooking, [], at('2026-03-02T09:00:00+08:00'))).toEqual([]);
  });

  it('never returns an already-sent reminder: the trigger fired twice sends once', () => {
    const now = at('2026-03-03T20:00:00+08:00');
    const all = [...dutyAndBooking, { ...dutyAndBooking[3], startsAt: WED.slots[3].startsAt }]; // a duplicate row
    const first = remindersToSend(all, [], now);
    expect(first.map((r) => r.key)).toEqual(['reminder:consultation:bk3:wed']);
    expect(remindersToSend(all, first.map((r) => r.key), now)).toEqual([]);
    expect(remindersToSend(all, new Set([reminderKey(dutyAndBooking[3])]), now)).toEqual([]);
  });

  it('property: never an already-sent key, never the same key twice, all due and not started', () => {
    const base = at('2026-03-01T00:00:00+08:00').getTime();
    const remindable = fc.record({
      id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      kind: fc.constantFrom<Remindable['kind']>('consultation', 'duty'),
      recipientId: fc.constantFrom('u1', 'u2'),
      sessionDate: fc.constantFrom('2026-03-02', '2026-03-04', '2026-03-06'),
      slot: fc.integer({ min: 0, max: 5 }),
      status: fc.constantFrom<Remindable['status']>('confirmed', 'confirmed', 'cancelled', 'attended'),
    });
    fc.assert(
      fc.property(fc.array(remindable, { maxLength: 20 }), fc.array(fc.nat(), { maxLength: 10 }), fc.integer({ min: 0, max: 7 * 24 * 60 }), (rows, sentIdx, minutes) => {
        const bookings: Remindable[] = rows.map(({ slot, ...r }) => ({ ...r, startsAt: buildSession(DEFAULT_CLINIC_CONFIG, r.sessionDate, 'regular').slots[slot].startsAt }));
        const sent = sentIdx.filter(() => bookings.length).map((i) => reminderKey(bookings[i % bookings.length]));
        const now = new Date(base + minutes * 60_000);
        const out = remindersToSend(bookings, sent, now);
        const keys = out.map((r) => r.key);
        if (new Set(keys).size !== keys.length || keys.some((k) => sent.includes(k))) return false;
        if (out.some((r) => r.dueAt > now)) return false;
        const again = remindersToSend(bookings, [...sent, ...keys], now);
        return again.length === 0;
      }),
      { numRuns: 300 },
    );
  });
});
