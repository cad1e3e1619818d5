/**
 * Round trips per write (issue 19 #4): the database requests one call makes, as the emulator
 * counts them per invocation (GET /__emulator/invocations: every `database.*` action of the
 * invocation, the caller lookup and the idempotency record included). Targets: an uncontested
 * booking ≤ 5, a ticket act ≤ 4; a cancellation that promotes from the waitlist is printed and
 * held to what it costs today so it can only get cheaper.
 */
import type { ConsultationView } from '../../core/api/clinic';
import type { TicketDetail } from '../../core/api/tickets';
import { startTestEnv, type TestEnv } from '../support/harness';

interface Invocation {
  requestId?: string;
  fn: string;
  label?: string;
  actions: Record<string, number>;
}

const BOOKING_MAX = 5;
const ACT_MAX = 4;
const CANCEL_WITH_PROMOTION_MAX = 10;

describe('database requests per write', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    await env.setClock({ now: '2027-03-01T10:00:00+08:00' });
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  const write = <T>(fn: string, as: string, action: string, data: unknown) => env.ok<T>(fn, action, data, { as, idempotencyKey: env.key() });

  /** The database requests of the last invocation of `fn`.`label`, and what they were. */
  async function lastCost(fn: string, label: string): Promise<{ n: number; actions: Record<string, number> }> {
    const all = ((await (await fetch(`${env.emulator.url}/__emulator/invocations`)).json()) as { invocations: Invocation[] }).invocations;
    const inv = all.filter((i) => i.fn === fn && i.label === label).pop();
    if (!inv) throw new Error(`no invocation of ${fn}.${label}`);
    const actions = Object.fromEntries(Object.entries(inv.actions).filter(([k]) => k.startsWith('database.')));
    return { n: Object.values(actions).reduce((a, b) => a + b, 0), actions };
  }

  it(`an uncontested booking makes at most ${BOOKING_MAX} requests; a cancellation promoting the waitlist at most ${CANCEL_WITH_PROMOTION_MAX}`, async () => {
    const sessionId = '2027-03-17-am';
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', name: '计数律师' });
    await write('clinic', lawyer, 'bookDuty', { sessionId });
    const [first, second] = [await env.makeUser('worker'), await env.makeUser('worker')];
    const booked = await write<ConsultationView>('clinic', first, 'book', { sessionId, profession: 'lawyer', slotIndex: 0, description: '劳动合同咨询' });
    const booking = await lastCost('clinic', 'book');
    console.info(`clinic.book: ${booking.n} requests ${JSON.stringify(booking.actions)}`);
    expect(booked.status).toBe('confirmed');
    expect(booking.n).toBeLessThanOrEqual(BOOKING_MAX);

    // Fill the other slots so the waitlist is open, then free one.
    for (let slotIndex = 1; slotIndex < 6; slotIndex++) await write('clinic', await env.makeUser('worker'), 'book', { sessionId, profession: 'lawyer', slotIndex, description: '占位' });
    await write('clinic', second, 'joinWaitlist', { sessionId, profession: 'lawyer', description: '等候' });
    await write('clinic', first, 'cancelBooking', { id: booked.id });
    const cancel = await lastCost('clinic', 'cancelBooking');
    console.info(`clinic.cancelBooking (promotion): ${cancel.n} requests ${JSON.stringify(cancel.actions)}`);
    const mine = await env.ok<{ items: ConsultationView[] }>('clinic', 'myBookings', {}, { as: second });
    expect(mine.items).toEqual([expect.objectContaining({ status: 'confirmed', slotIndex: 0 })]);
    expect(cancel.n).toBeLessThanOrEqual(CANCEL_WITH_PROMOTION_MAX);
  });

  it(`a ticket act makes at most ${ACT_MAX} requests`, async () => {
    const t = await write<TicketDetail>('tickets', 'demo-manager-wang', 'submit', { title: '计数用工需求', description: '计数', category: 'recruiting' });
    const costs: Record<string, number> = {};
    let v = t.version;
    for (const [as, act, extra] of [
      ['demo-instructor-huang', 'accept', { note: '已核实' }],
      ['demo-staff-zhang', 'dispatch', {}],
      ['demo-unit-hr', 'sign', {}],
    ] as const) {
      const next = await write<TicketDetail>('tickets', as, 'act', { id: t.id, version: v, act, ...extra });
      v = next.version;
      const c = await lastCost('tickets', 'act');
      console.info(`tickets.act ${act}: ${c.n} requests ${JSON.stringify(c.actions)}`);
      costs[act] = c.n;
    }
    for (const n of Object.values(costs)) expect(n).toBeLessThanOrEqual(ACT_MAX);
  });
});
