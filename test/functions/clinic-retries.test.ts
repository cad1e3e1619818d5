/**
 * The clinic's booking and cancellation keep their idempotency key on the booking (policy
 * 'in-document') instead of a request record: a retried call answers from the booking and writes
 * nothing more, also when the retry races the first call; the key with another payload is
 * refused. And the booking's cheaper path keeps its answers exact: the seat is chosen on the
 * settings' seats per profession before the duties are read, the settings are kept a minute per
 * function instance (clinic-reference), and a refusal is decided on the duties as read.
 */
import type { ConsultationView } from '../../core/api/clinic';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { BookingDoc } from '../../server/modules/clinic/clinic.repository';
import { code, useTestEnv } from '../support/harness';

describe('clinic retries and the booking path', () => {
  const env = useTestEnv('2027-03-01T10:00:00+08:00');

  const okWrite = <T>(as: string, action: string, data: unknown) => env.ok<T>('clinic', action, data, { as, idempotencyKey: env.key() });
  const withKey = <T>(as: string, action: string, data: unknown, idempotencyKey: string) => env.call<T>('clinic', action, data, { as, idempotencyKey });
  const lawyerOn = async (sessionId: string, name = '重试律师') => {
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', name });
    await okWrite(lawyer, 'bookDuty', { sessionId });
    return lawyer;
  };
  const bookingsOf = async (bookerId: string) => (await getDb().collection(Collections.clinicBookings).where({ bookerId }).limit(100).get()).data as BookingDoc[];
  const requestRecords = async (openid: string) => (await getDb().collection(Collections.requests).where({ openid }).limit(100).get()).data;

  it('a retried booking answers the first booking and books once, sequentially and racing; the key with another payload is refused', async () => {
    const sessionId = '2027-03-19-am';
    await lawyerOn(sessionId);
    const worker = await env.makeUser('worker');
    const input = { sessionId, profession: 'lawyer', slotIndex: 2, description: '劳动合同咨询' };
    const key = env.key();
    const first = await withKey<ConsultationView>(worker, 'book', input, key);
    const again = await withKey<ConsultationView>(worker, 'book', input, key);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    expect(again.data).toMatchObject({ id: first.data.id, status: 'confirmed', slotIndex: 2, volunteerName: '重试律师' });
    expect(await bookingsOf(worker)).toHaveLength(1);
    // The key lives on the booking, not in a request record of its own.
    expect(await requestRecords(worker)).toEqual([]);
    expect((await bookingsOf(worker))[0].requests).toEqual([expect.objectContaining({ id: expect.any(String), payloadHash: expect.any(String) })]);
    // The same key for another booking is a client bug: refused, nothing written.
    expect(code(await withKey(worker, 'book', { ...input, slotIndex: 3 }, key))).toBe('REQUEST.KEY_REUSED');
    expect(await bookingsOf(worker)).toHaveLength(1);

    // Three copies of one tap at once: one booking, the same answer to all.
    const racer = await env.makeUser('worker');
    const raceKey = env.key();
    const answers = await Promise.all([0, 1, 2].map(() => withKey<ConsultationView>(racer, 'book', { ...input, slotIndex: 4 }, raceKey)));
    expect(answers.map(code)).toEqual(['OK', 'OK', 'OK']);
    expect(new Set(answers.map((a) => (a.ok ? a.data.id : '')))).toEqual(new Set([(await bookingsOf(racer))[0]._id]));
    expect(await bookingsOf(racer)).toHaveLength(1);

    // A new key is a new intent: the rule answers it (already booked with this profession).
    expect(code(await withKey(worker, 'book', { ...input, slotIndex: 5 }, env.key()))).toBe('CLINIC.ALREADY_BOOKED');
  });

  it('a retry that finds the first booking with nobody in its seat (the first call is about to take it back) hears REQUEST.IN_PROGRESS', async () => {
    const sessionId = '2027-03-31-am';
    await lawyerOn(sessionId);
    const worker = await env.makeUser('worker');
    const input = { sessionId, profession: 'lawyer', slotIndex: 1, description: '咨询' };
    const key = env.key();
    expect(code(await withKey(worker, 'book', input, key))).toBe('OK');
    // As the first call sees it between its insert and its staffing check when the duty has just gone.
    await getDb().collection(Collections.clinicDuties).where({ sessionKey: `xingping:${sessionId}` }).remove();
    expect(code(await withKey(worker, 'book', input, key))).toBe('REQUEST.IN_PROGRESS');
  });

  it('a retried cancellation answers as the first did and promotes the waitlist once', async () => {
    const sessionId = '2027-03-22-am';
    await lawyerOn(sessionId);
    const holders = await Promise.all(Array.from({ length: 6 }, () => env.makeUser('worker')));
    const booked: ConsultationView[] = [];
    for (const [slotIndex, w] of holders.entries()) booked.push(await okWrite<ConsultationView>(w, 'book', { sessionId, profession: 'lawyer', slotIndex, description: '占位' }));
    const [a, b] = [await env.makeUser('worker'), await env.makeUser('worker')];
    await okWrite(a, 'joinWaitlist', { sessionId, profession: 'lawyer', description: '等候一' });
    await okWrite(b, 'joinWaitlist', { sessionId, profession: 'lawyer', description: '等候二' });
    const key = env.key();
    const answers = await Promise.all([0, 1].map(() => withKey<ConsultationView>(holders[0], 'cancelBooking', { id: booked[0].id }, key)));
    expect(answers.map(code)).toEqual(['OK', 'OK']);
    const late = await withKey<ConsultationView>(holders[0], 'cancelBooking', { id: booked[0].id }, key);
    for (const r of [...answers, late]) expect(r.ok && r.data).toMatchObject({ id: booked[0].id, status: 'cancelled' });
    // One promotion: the first in the queue has the seat, the second still waits.
    expect((await bookingsOf(a)).map((x) => [x.status, x.slotIndex, x.via])).toEqual([['confirmed', 0, 'waitlist']]);
    expect(await bookingsOf(b)).toEqual([]);
    // Another key is another intent: the booking is not confirmed any more.
    expect(code(await withKey(holders[0], 'cancelBooking', { id: booked[0].id }, env.key()))).toBe('CLINIC.NOT_ACTIVE');
    // The day's figures count the session's six bookings: the cancelled one's place went to the promoted one.
    const day = (await getDb().collection(Collections.dailyFigures).doc('xingping:2027-03-22').get()).data[0] as { n: { c: { lawyer: { booked: number } } } };
    expect(day.n.c.lawyer.booked).toBe(6);
  });

  it('refusals keep their exact reasons: nobody on duty, the slot taken, the settings just changed; a seat past the settings is booked when its volunteer sits', async () => {
    const worker = await env.makeUser('worker');
    const book = (sessionId: string, slotIndex: number, as = worker) => env.call<ConsultationView>('clinic', 'book', { sessionId, profession: 'lawyer', slotIndex, description: '咨询' }, { as, idempotencyKey: env.key() });
    // No lawyer in this session: refused, and no booking left behind.
    expect(code(await book('2027-03-24-am', 0))).toBe('CLINIC.NOT_ON_DUTY');
    expect(await bookingsOf(worker)).toEqual([]);

    const sessionId = '2027-03-26-am';
    await lawyerOn(sessionId, '甲律师');
    await okWrite(await env.makeUser('worker'), 'book', { sessionId, profession: 'lawyer', slotIndex: 0, description: '占位' });
    expect(code(await book(sessionId, 0))).toBe('CLINIC.SLOT_TAKEN');

    // Two lawyer seats, both taken by volunteers; then the settings go back to one seat. The
    // second volunteer still sits: the booking's first guess (one seat) is checked on the duties.
    const staff = 'demo-staff-zhang';
    const before = await env.ok<{ seatsPerProfession: Record<string, number> }>('clinic', 'settings', {}, { as: staff });
    await okWrite(staff, 'updateSettings', { seatsPerProfession: { ...before.seatsPerProfession, lawyer: 2 } });
    await lawyerOn(sessionId, '乙律师');
    await okWrite(staff, 'updateSettings', { seatsPerProfession: before.seatsPerProfession });
    const second = await book(sessionId, 0);
    expect(second.ok && second.data).toMatchObject({ status: 'confirmed', slotIndex: 0, volunteerName: '乙律师' });

    // A closure made through updateSettings is seen by the very next booking.
    await okWrite(staff, 'updateSettings', { closures: ['2027-03-29'] });
    expect(code(await book('2027-03-29-am', 1, await env.makeUser('worker')))).toBe('CLINIC.NO_SUCH_SESSION');
    await okWrite(staff, 'updateSettings', { closures: [] });
  });
});
