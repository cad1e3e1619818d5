/**
 * The 15-minute sweep reads only the tickets whose moment has come (a deadline just passed, or an
 * act since the last run), never every open ticket of every community, and a backlog larger
 * than one page is worked through in pages.
 */
import { PACKAGE_CALENDAR } from '../../core/rules/holiday-calendar';
import type { TicketDetail } from '../../core/api/tickets';
import { deadlinesFor } from '../../core/rules/ticket-deadlines';
import type { Ticket } from '../../core/rules/ticket-machine';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type ClockChange, type TestEnv } from '../support/harness';

const PINNED = '2027-04-06T10:00:00+08:00';

interface SweepResult {
  checked: number;
  flagged: number;
  escalated: number;
  reminded: number;
  more: boolean;
}

describe('tickets sweep', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    await setClock({ now: PINNED });
  });
  afterAll(async () => {
    await setClock({ reset: true });
    await env.close();
  });

  const setClock = (body: ClockChange) => env.setClock(body);
  async function sweep(): Promise<SweepResult> {
    const body = await env.fireTimer<{ result: { ok: boolean; data: SweepResult } }>('tickets', 'sweep');
    expect(body.result.ok).toBe(true);
    return body.result.data;
  }

  it('reads new and changed tickets once, then nothing until a deadline passes', async () => {
    const manager = await env.makeUser('manager');
    const made: TicketDetail[] = [];
    for (let i = 0; i < 5; i++) {
      made.push(await env.ok<TicketDetail>('tickets', 'submit', { title: `停电影响生产 ${i}`, description: '园区线路检修，请协调时间。', category: 'utilities' }, { as: manager, idempotencyKey: env.key() }));
    }
    expect((await sweep()).checked).toBeGreaterThanOrEqual(5);
    expect(await sweep()).toMatchObject({ checked: 0, flagged: 0, escalated: 0 });

    // An act makes its ticket due again; the run after it reads that one only.
    await env.ok('tickets', 'act', { id: made[0].id, version: made[0].version, act: 'accept' }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });
    expect((await sweep()).checked).toBe(1);
    expect((await sweep()).checked).toBe(0);

    // Past the resolution deadline every one of them is read again, flagged and escalated once.
    const doc = (await getDb().collection(Collections.tickets).doc(made[1].id).get()).data[0] as TicketDoc;
    const due = deadlinesFor({ ...doc, id: doc._id } as unknown as Ticket, PACKAGE_CALENDAR).resolve;
    await setClock({ now: new Date(due.getTime() - 60_000).toISOString() });
    expect((await sweep()).checked).toBe(0);
    await setClock({ now: new Date(due.getTime() + 60_000).toISOString() });
    const late = await sweep();
    expect(late).toMatchObject({ checked: 5, flagged: 5, escalated: 5 });
    expect((await sweep()).checked).toBe(0);
    await setClock({ now: PINNED });
  });

  it('works through a backlog of more than one page in one run', async () => {
    const manager = await env.makeUser('manager');
    const one = await env.ok<TicketDetail>('tickets', 'submit', { title: '用工缺口', description: '需要普工 20 人。', category: 'recruiting' }, { as: manager, idempotencyKey: env.key() });
    await sweep();
    const base = (await getDb().collection(Collections.tickets).doc(one.id).get()).data[0] as TicketDoc;
    const now = new Date(PINNED);
    const copies = Array.from({ length: 450 }, (_, i) => ({ ...base, _id: `${base._id}-copy-${i}`, number: `${base.number}-${i}`, sweepAt: now }));
    for (let i = 0; i < copies.length; i += 150) await getDb().collection(Collections.tickets).add(copies.slice(i, i + 150));
    expect(await sweep()).toMatchObject({ checked: 450, more: false });
    expect((await sweep()).checked).toBe(0);
  });
});
