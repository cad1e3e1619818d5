/**
 * The invariants that span documents, raced under CloudBase's snapshot isolation (the emulator
 * no longer locks reads: two transactions that each read what the other writes both commit
 * unless they write a common document or a unique key). Each case is a write skew that
 * succeeded or would succeed without the shared write that now protects it:
 *
 * - 并单: two tickets merged into each other at once, or a ticket merged into one that is merged
 *   elsewhere at the same moment. Protected by writing the target (its `mergedFrom`) in the merge.
 * - Reschedule: two bookers moving into the one free seat at once; the move is both-or-neither.
 *   Protected by the seat's unique key.
 * The other multi-document transactions are raced in their own flows: invites (the invite's use
 * count), yearly revisit answers (the campaign's counters), duty claims and handovers (seat, person
 * and cap keys), consultation → demand (the deterministic ticket id and the booking's link).
 */
import type { ConsultationView } from '../../core/api/clinic';
import type { TicketDetail } from '../../core/api/tickets';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { BookingDoc } from '../../server/modules/clinic/clinic.repository';
import type { TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { code, useTestEnv } from '../support/harness';

const STAFF = 'demo-staff-zhang';
describe('multi-document invariants under snapshot isolation', () => {
  const env = useTestEnv('2027-03-01T10:00:00+08:00');

  const write = <T>(fn: string, as: string, action: string, data: unknown) => env.call<T>(fn, action, data, { as, idempotencyKey: env.key() });
  const okWrite = <T>(fn: string, as: string, action: string, data: unknown) => env.ok<T>(fn, action, data, { as, idempotencyKey: env.key() });
  const ticket = async (id: string) => (await getDb().collection(Collections.tickets).doc(id).get()).data[0] as TicketDoc;

  async function acceptedTicket(manager: string, title: string): Promise<TicketDetail> {
    const t = await okWrite<TicketDetail>('tickets', manager, 'submit', { title, description: `${title}，请社区协调。`, category: 'recruiting' });
    return okWrite<TicketDetail>('tickets', STAFF, 'act', { id: t.id, version: t.version, act: 'accept' });
  }
  const merge = (from: TicketDetail, into: TicketDetail) => write<TicketDetail>('tickets', STAFF, 'act', { id: from.id, version: from.version, act: 'merge', targetId: into.id });

  it('two tickets merged into each other at once: never both merged, and the survivor lists the merged one', async () => {
    const manager = await env.makeUser('manager');
    for (let round = 0; round < 6; round++) {
      const [a, b] = await Promise.all([acceptedTicket(manager, `重复诉求甲${round}`), acceptedTicket(manager, `重复诉求乙${round}`)]);
      const results = await Promise.all([merge(a, b), merge(b, a)]);
      const [da, db] = await Promise.all([ticket(a.id), ticket(b.id)]);
      const merged = [da, db].filter((d) => d.status === 'merged');
      expect(merged).toHaveLength(1);
      expect(results.map(code).filter((c) => c === 'OK')).toHaveLength(1);
      for (const c of results.map(code)) expect(['OK', 'TICKET.VERSION_CONFLICT', 'TICKET.MERGE_TARGET_INVALID', 'TICKET.WRONG_STATUS']).toContain(c);
      const survivor = merged[0]._id === a.id ? db : da;
      expect(survivor.status).toBe('accepted');
      expect(survivor.mergedFrom).toEqual([merged[0]._id]);
      expect(merged[0].mergedInto).toBe(survivor._id);
    }
  });

  it('a ticket merged into one that is merged elsewhere at the same moment: the chain never ends on a merged ticket', async () => {
    const manager = await env.makeUser('manager');
    for (let round = 0; round < 6; round++) {
      const [a, b, c] = await Promise.all([acceptedTicket(manager, `链甲${round}`), acceptedTicket(manager, `链乙${round}`), acceptedTicket(manager, `链丙${round}`)]);
      await Promise.all([merge(a, b), merge(b, c)]);
      const [da, db] = await Promise.all([ticket(a.id), ticket(b.id)]);
      // Whenever A is merged into B, B's record carries A — also when B went on into C (only in
      // that order: a merge of A that read B before B's merge committed conflicts and starts over).
      if (da.status === 'merged') expect((await ticket(da.mergedInto!)).mergedFrom).toContain(a.id);
      if (db.status === 'merged' && da.status === 'merged') expect(db.mergedFrom).toEqual([a.id]);
    }
  });

  it('two bookers reschedule into the one free seat at once: exactly one moves, the other keeps their booking', async () => {
    await okWrite('clinic', STAFF, 'updateSettings', { seatsPerProfession: { lawyer: 1, accountant: 1, tax_advisor: 1, finance: 1 } });
    const lawyer = await env.makeUser('volunteer', { profession: 'lawyer', name: '快照律师' });
    for (const sessionId of ['2027-03-17-am', '2027-03-19-am']) await okWrite('clinic', lawyer, 'bookDuty', { sessionId });
    for (let round = 0; round < 3; round++) {
      const [m1, m2] = await Promise.all([env.makeUser('manager', { name: `改约甲${round}` }), env.makeUser('manager', { name: `改约乙${round}` })]);
      const b1 = await okWrite<ConsultationView>('clinic', m1, 'book', { sessionId: '2027-03-17-am', profession: 'lawyer', slotIndex: 2 * round, description: '劳动合同咨询' });
      const b2 = await okWrite<ConsultationView>('clinic', m2, 'book', { sessionId: '2027-03-17-am', profession: 'lawyer', slotIndex: 2 * round + 1, description: '劳动合同咨询' });
      const results = await Promise.all([
        write<ConsultationView>('clinic', m1, 'reschedule', { id: b1.id, sessionId: '2027-03-19-am', slotIndex: round }),
        write<ConsultationView>('clinic', m2, 'reschedule', { id: b2.id, sessionId: '2027-03-19-am', slotIndex: round }),
      ]);
      expect(results.map(code).sort()).toEqual(['CLINIC.SLOT_TAKEN', 'OK']);
      const mine = async (who: string) =>
        ((await getDb().collection(Collections.clinicBookings).where({ bookerId: who }).limit(100).get()).data as BookingDoc[]).filter((b) => b.status === 'confirmed');
      const [c1, c2] = await Promise.all([mine(m1), mine(m2)]);
      // Each still holds exactly one confirmed booking: the winner's new one, the loser's old one.
      expect(c1).toHaveLength(1);
      expect(c2).toHaveLength(1);
      const inNew = [...c1, ...c2].filter((b) => b.sessionKey === 'xingping:2027-03-19-am' && b.slotIndex === round);
      expect(inNew).toHaveLength(1);
    }
  });
});
