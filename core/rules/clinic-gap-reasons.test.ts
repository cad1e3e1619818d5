import { gapReason } from './clinic-gap-reasons';

describe('why a clinic seat stays empty', () => {
  const gap = { sessionId: 's-2026-12-07', date: '2026-12-07', profession: 'lawyer' as const }; // a Monday
  it('nobody of the profession at all', () => {
    expect(gapReason(gap, [{ id: 'a', profession: 'accountant' }], [])).toBe('no_volunteer');
  });
  it('every lawyer who could sit is at the monthly cap', () => {
    expect(gapReason(gap, [{ id: 'l', profession: 'lawyer', maxPerMonth: 2 }], [{ sessionId: 's-x', volunteerId: 'l' }])).toBe('cap_reached');
  });
  it('the lawyers cannot sit that day (weekdays, out of office, already in the session)', () => {
    expect(gapReason(gap, [{ id: 'l', profession: 'lawyer', availability: [3, 5] }], [])).toBe('unavailable');
    expect(gapReason(gap, [{ id: 'l', profession: 'lawyer', outOfOffice: ['2026-12-07'] }], [])).toBe('unavailable');
    expect(gapReason(gap, [{ id: 'l', profession: 'lawyer' }], [{ sessionId: 's-2026-12-07', volunteerId: 'l' }])).toBe('unavailable');
  });
});
