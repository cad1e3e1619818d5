/**
 * Round trips per write (issue 19 #4): the database requests one call makes, as the emulator
 * counts them per invocation (GET /__emulator/invocations: every `database.*` action of the
 * invocation — the caller lookup, the idempotency record and the notices included).
 *
 * The issue's targets are booking ≤ 5 and ticket act ≤ 4. A ticket act is: the caller's user
 * record (1), the ticket's read (its privacy check, 1), ONE conditional write that answers the
 * document (version check, new fields, history entry and idempotency mark: 1) and the day's
 * rollup increment (1; an insert on the day's first write) — plus what the act itself must look
 * up (a dispatch: the member units and the catalogue entry). Its notices come after: who hears
 * of it (1 query), their inbox items (1 batch insert), their consents (1 query) and the outcome
 * of the sends (1 write per distinct outcome) — the same count for 1 person or 10. Counted
 * separately below ("act: N requests; notices: +M for K people"). Before this work: booking 14,
 * accept 21, dispatch 23, sign 13. A change that adds a request fails here. Each figure is printed.
 *
 * The clinic's own requests are counted apart from its notices' (the inbox items and the consents
 * they read, server/modules/notify): "booking: N; its notices: +M". A booking keeps its key on the
 * booking and reads the caller, the bookings its rule needs, inserts, counts, and reads the
 * duties after the insert (its staffing check); the settings and the enterprise's name are the
 * function instance's for a minute (server/modules/clinic/clinic-reference.ts), so the instance's
 * first booking reads them too (+2).
 */
import type { ConsultationView } from '../../core/api/clinic';
import type { TicketDetail } from '../../core/api/tickets';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { inboxId } from '../../server/modules/notify/notices';
import { useTestEnv } from '../support/harness';

interface Invocation {
  requestId?: string;
  fn: string;
  label?: string;
  actions: Record<string, number>;
  trail?: string[];
}

/** Ceilings (see above), the targets next to them in the test names; the clinic's without its notices. */
const BOOKING_MAX = 5;
const FIRST_BOOKING_OF_INSTANCE_MAX = 7;
const CANCEL_WITH_PROMOTION_MAX = 8;
/** The collections a clinic notice writes and reads (server/modules/notify): counted apart. */
const NOTICE_COLLECTIONS = new Set(['inbox', 'notify_consents']);
/** A ticket act's own requests (the notices apart), and its notices' whatever the number of people. */
const ACT_TARGET = 4;
const ACT_MAX: Record<string, number> = { accept: 4, dispatch: 6, sign: ACT_TARGET };
const NOTICES_MAX = 4;

describe('database requests per write', () => {
  const env = useTestEnv('2027-03-01T10:00:00+08:00');

  const write = <T>(fn: string, as: string, action: string, data: unknown) => env.ok<T>(fn, action, data, { as, idempotencyKey: env.key() });

  /** The database requests of the last invocation of `fn`.`label`, and what they were. */
  async function lastCost(fn: string, label: string): Promise<{ n: number; actions: Record<string, number>; trail: string[]; own: string[]; notices: string[] }> {
    const all = ((await (await fetch(`${env.emulator.url}/__emulator/invocations`)).json()) as { invocations: Invocation[] }).invocations;
    const inv = all.filter((i) => i.fn === fn && i.label === label).pop();
    if (!inv) throw new Error(`no invocation of ${fn}.${label}`);
    const actions = Object.fromEntries(Object.entries(inv.actions).filter(([k]) => k.startsWith('database.')));
    const trail = (inv.trail ?? []).filter((t) => t.startsWith('database.'));
    const n = Object.values(actions).reduce((a, b) => a + b, 0);
    // The trail is the same requests in order (each "action collection"): it must account for all of them.
    expect(trail).toHaveLength(n);
    const isNotice = (t: string) => NOTICE_COLLECTIONS.has(t.split(' ')[1] ?? '');
    return { n, actions, trail, own: trail.filter((t) => !isNotice(t)), notices: trail.filter(isNotice) };
  }
  const split = (c: { own: string[]; notices: string[] }) => `${c.own.length}; its notices: +${c.notices.length}`;

  it(`an uncontested booking makes at most ${BOOKING_MAX} requests (target 5) besides its notices; a cancellation promoting the waitlist at most ${CANCEL_WITH_PROMOTION_MAX}`, async () => {
    const sessionId = '2027-03-17-am';
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', name: '计数律师' });
    await write('clinic', lawyer, 'bookDuty', { sessionId });
    // The function instance's first booking also reads the settings and the enterprise (kept a minute).
    const [opener, first, second] = [await env.makeUser('worker'), await env.makeUser('worker'), await env.makeUser('worker')];
    await write('clinic', opener, 'book', { sessionId, profession: 'lawyer', slotIndex: 1, description: '占位' });
    const cold = await lastCost('clinic', 'book');
    console.info(`clinic.book, the instance's first: ${split(cold)}:\n  ${cold.trail.join('\n  ')}`);
    const booked = await write<ConsultationView>('clinic', first, 'book', { sessionId, profession: 'lawyer', slotIndex: 0, description: '劳动合同咨询' });
    const booking = await lastCost('clinic', 'book');
    console.info(`clinic.book: ${split(booking)}:\n  ${booking.trail.join('\n  ')}`);
    expect(booked).toMatchObject({ status: 'confirmed', volunteerName: '计数律师' });
    // The booker hears of it: the notices are there, only counted apart.
    expect(booking.notices.length).toBeGreaterThan(0);

    // Fill the other slots so the waitlist is open, then free one.
    for (let slotIndex = 2; slotIndex < 6; slotIndex++) await write('clinic', await env.makeUser('worker'), 'book', { sessionId, profession: 'lawyer', slotIndex, description: '占位' });
    await write('clinic', second, 'joinWaitlist', { sessionId, profession: 'lawyer', description: '等候' });
    await write('clinic', first, 'cancelBooking', { id: booked.id });
    const cancel = await lastCost('clinic', 'cancelBooking');
    console.info(`clinic.cancelBooking (promotion): ${split(cancel)}:\n  ${cancel.trail.join('\n  ')}`);
    const mine = await env.ok<{ items: ConsultationView[] }>('clinic', 'myBookings', {}, { as: second });
    expect(mine.items).toEqual([expect.objectContaining({ status: 'confirmed', slotIndex: 0 })]);
    expect(cold.own.length).toBeLessThanOrEqual(FIRST_BOOKING_OF_INSTANCE_MAX);
    expect(booking.own.length).toBeLessThanOrEqual(BOOKING_MAX);
    expect(cancel.own.length).toBeLessThanOrEqual(CANCEL_WITH_PROMOTION_MAX);
  });

  it(`a ticket act makes at most ${ACT_TARGET} requests with nobody to notify (sign), its notices at most ${NOTICES_MAX} more however many people`, async () => {
    const t = await write<TicketDetail>('tickets', 'demo-manager-wang', 'submit', { title: '计数用工需求', description: '计数', category: 'recruiting' });
    const costs: Record<string, { act: number; notices: number; people: number }> = {};
    const community = ((await getDb().collection(Collections.users).where({ communityId: 'xingping' }).limit(1000).get()).data as { _id: string }[]).map((u) => u._id);
    let v = t.version;
    for (const [as, act, extra] of [
      ['demo-instructor-huang', 'accept', { note: '已核实' }],
      ['demo-staff-zhang', 'dispatch', {}],
      ['demo-unit-hr', 'sign', {}],
    ] as const) {
      const next = await write<TicketDetail>('tickets', as, 'act', { id: t.id, version: v, act, ...extra });
      v = next.version;
      const c = await lastCost('tickets', 'act');
      // The notices' requests: who hears of it (users, after the caller's own record), their inbox items and consents.
      const notices = c.trail.filter((r, i) => / (inbox|notify_consents)$/.test(r) || (/ users$/.test(r) && i > 0)).length;
      // Who got an item of this act: the community's people whose item for the event exists (items are keyed by event and person).
      const ids = community.map((p) => inboxId(`ticket:${t.id}:v${v}:${act}`, p));
      const people = (await getDb().collection(Collections.inbox).where({ _id: getDb().command.in(ids) }).count()).total ?? 0;
      costs[act] = { act: c.n - notices, notices, people };
      console.info(`tickets.act ${act}: act: ${c.n - notices} requests; notices: +${notices} for ${people} people:\n  ${c.trail.join('\n  ')}`);
    }
    expect(costs.sign).toEqual({ act: expect.any(Number), notices: 0, people: 0 });
    expect(costs.accept.people).toBeGreaterThan(1);
    for (const [act, c] of Object.entries(costs)) expect([act, c.act <= ACT_MAX[act], c.notices <= NOTICES_MAX]).toEqual([act, true, true]);
    expect(costs.sign.act).toBeLessThanOrEqual(ACT_TARGET);
  });
});
