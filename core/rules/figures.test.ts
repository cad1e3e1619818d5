import fc from 'fast-check';
import { addInto, bookingContribution, changeOf, driftOf, flatten, nest, questionContribution, sumContributions, ticketContribution, evaluationContribution, type Figures } from './figures';

const ticket = (over: Partial<Parameters<typeof ticketContribution>[0]> = {}) => ({
  communityId: 'xingping',
  enterpriseId: 'ent-a',
  submittedAt: '2027-02-28T17:30:00Z', // 2027-03-01 01:30 in Beijing
  status: 'submitted',
  category: 'permit',
  urgency: 'normal',
  rung: 0,
  ...over,
});

describe('figures: what a case adds to its day', () => {
  it('counts a ticket on its Beijing submission day, by status, urgency, rungs reached and enterprise', () => {
    expect(ticketContribution(ticket({ rung: 2 }))).toEqual({
      communityId: 'xingping',
      day: '2027-03-01',
      figures: { 't.permit.s.submitted': 1, 't.permit.u.normal': 1, 't.permit.r1': 1, 't.permit.r2': 1, 'e.ent-a': 1 },
    });
  });

  it('an act moves one count from the old status to the new on the same day; an act that changes no figure writes nothing', () => {
    expect(changeOf(ticketContribution(ticket()), ticketContribution(ticket({ status: 'accepted' })))).toEqual([
      { communityId: 'xingping', day: '2027-03-01', figures: { 't.permit.s.submitted': -1, 't.permit.s.accepted': 1 } },
    ]);
    expect(changeOf(ticketContribution(ticket()), ticketContribution(ticket()))).toEqual([]);
  });

  it('a cancelled consultation counts nothing; attended counts the enterprise as served', () => {
    const b = { communityId: 'x', enterpriseId: 'ent-a', sessionDate: '2027-03-03', profession: 'lawyer', status: 'cancelled' };
    expect(bookingContribution(b).figures).toEqual({});
    expect(bookingContribution({ ...b, status: 'attended' }).figures).toEqual({ 'c.lawyer.booked': 1, 'c.lawyer.attended': 1, 'e.ent-a': 1 });
  });

  it('questions and evaluations', () => {
    expect(questionContribution({ communityId: 'x', createdAt: new Date('2027-03-01T02:00:00Z'), category: 'hr', status: 'solved', firstAnsweredAt: new Date(), answeredOnTime: true }).figures).toEqual({
      'q.hr.asked': 1,
      'q.hr.answered': 1,
      'q.hr.onTime': 1,
      'q.hr.solved': 1,
    });
    expect(evaluationContribution({ communityId: 'x', at: '2027-03-01T02:00:00Z', overall: 4, categoryKey: 'ticket.permit' }).figures).toEqual({ 's.ticket.permit.n': 1, 's.ticket.permit.ok': 1 });
  });

  it('applying every write’s change from nothing ends at the recount of the final states (any order of states)', () => {
    const state = fc.record({ status: fc.constantFrom('submitted', 'accepted', 'resolved', 'closed'), urgency: fc.constantFrom('normal', 'urgent'), rung: fc.constantFrom(0, 1, 2), category: fc.constantFrom('permit', 'legal') });
    fc.assert(
      fc.property(fc.array(fc.array(state, { minLength: 1, maxLength: 6 }), { maxLength: 6 }), (histories) => {
        const kept: Figures = {};
        for (const h of histories) {
          let prev: ReturnType<typeof ticketContribution> | undefined;
          for (const s of h) {
            const next = ticketContribution(ticket(s));
            for (const c of changeOf(prev, next)) addInto(kept, c.figures);
            prev = next;
          }
        }
        const recount = sumContributions(histories.map((h) => ticketContribution(ticket(h[h.length - 1]))));
        expect(driftOf(kept, recount.get('xingping:2027-03-01')?.figures ?? {})).toEqual([]);
      }),
    );
  });

  it('nest and flatten are inverse', () => {
    const f = { 't.permit.s.submitted': 2, 't.permit.u.normal': 1, 'e.ent-a': 3 };
    expect(flatten(nest(f))).toEqual(f);
    expect(flatten({ t: { x: { s: { a: 0 } } } })).toEqual({});
  });
});
