/**
 * Rotation rules over pinned months (November 2026: 13 Mon/Wed/Fri sessions; February 2026 with
 * Spring Festival and two 调休 Saturdays) and generated inputs. TZ-independent: run under TZ=UTC
 * and TZ=Asia/Shanghai.
 */
import { PACKAGE_CALENDAR as CAL } from './holiday-calendar';
import fc from 'fast-check';
import { Professions, type Profession } from '../api/roles';
import { clinicSessions, DEFAULT_CLINIC_CONFIG, isoWeekday } from './clinic-calendar';
import { coverageGaps, planRotation, rotationTieBreak, type DutyBooking, type RotationInput, type RotationPlan, type RotationSession, type RotationVolunteer } from './clinic-rotation';

const sessionsOf = (month: string): RotationSession[] => clinicSessions(DEFAULT_CLINIC_CONFIG, month, CAL).map(({ id, date }) => ({ id, date }));
const NOV = sessionsOf('2026-11');
const FEB = sessionsOf('2026-02');
const lawyers = (n: number, extra: Partial<RotationVolunteer> = {}): RotationVolunteer[] =>
  Array.from({ length: n }, (_, i) => ({ id: `law-${i + 1}`, profession: 'lawyer' as const, ...extra }));
const count = (plan: RotationPlan) => {
  const c: Record<string, number> = {};
  for (const a of plan.assignments) c[a.volunteerId] = (c[a.volunteerId] ?? 0) + 1;
  return c;
};

describe('fair rotation: pinned examples', () => {
  it('three lawyers share November\'s 13 sessions 5/4/4, one per session', () => {
    const plan = planRotation({ month: '2026-11', sessions: NOV, seats: { lawyer: 1 }, volunteers: lawyers(3), booked: [] });
    expect(plan.assignments).toHaveLength(13);
    expect(Object.values(count(plan)).sort()).toEqual([4, 4, 5]);
    expect(new Set(plan.assignments.map((a) => a.sessionId)).size).toBe(13);
    expect(plan.gaps).toEqual([]);
    // Round-robin: nobody sits twice before everyone has sat once.
    const order = plan.assignments.map((a) => a.volunteerId);
    for (let i = 0; i + 3 <= order.length; i += 3) expect(new Set(order.slice(i, i + 3)).size).toBe(3);
  });

  it('reports "Friday 2026-11-20: no lawyer" when every lawyer is away that day', () => {
    const plan = planRotation({
      month: '2026-11',
      sessions: NOV,
      seats: { lawyer: 1 },
      volunteers: lawyers(2, { outOfOffice: ['2026-11-20'] }),
      booked: [],
    });
    expect(plan.gaps).toEqual([{ sessionId: '2026-11-20-am', date: '2026-11-20', weekday: 5, profession: 'lawyer', missing: 1 }]);
    expect(plan.assignments.some((a) => a.date === '2026-11-20')).toBe(false);
  });

  it('every profession with seats and nobody to fill them is a gap; professions without seats are not', () => {
    const plan = planRotation({ month: '2026-11', sessions: NOV.slice(0, 1), seats: { lawyer: 2, tax_advisor: 1 }, volunteers: lawyers(1), booked: [] });
    expect(plan.gaps).toEqual([
      { sessionId: '2026-11-02-am', date: '2026-11-02', weekday: 1, profession: 'lawyer', missing: 1 },
      { sessionId: '2026-11-02-am', date: '2026-11-02', weekday: 1, profession: 'tax_advisor', missing: 1 },
    ]);
  });

  it('keeps existing bookings, counts them towards the load, and ignores bookings of other months', () => {
    const booked: DutyBooking[] = [
      { sessionId: '2026-11-02-am', volunteerId: 'law-1' },
      { sessionId: '2026-11-04-am', volunteerId: 'law-1' },
      { sessionId: '2026-11-06-am', volunteerId: 'law-1' },
      { sessionId: '2026-10-30-am', volunteerId: 'law-2' }, // October: counts reset
      { sessionId: '2026-11-02-am', volunteerId: 'law-1' }, // duplicate
    ];
    const plan = planRotation({ month: '2026-11', sessions: NOV, seats: { lawyer: 1 }, volunteers: lawyers(2), booked });
    expect(plan.assignments.filter((a) => a.source === 'booked').map((a) => a.sessionId)).toEqual(['2026-11-02-am', '2026-11-04-am', '2026-11-06-am']);
    expect(plan.assignments).toHaveLength(13);
    const c = count(plan);
    expect(Math.abs(c['law-1'] - c['law-2'])).toBeLessThanOrEqual(1);
    expect(c['law-1'] + c['law-2']).toBe(13);
  });

  it('keeps a booking beyond the seat count and of a volunteer no longer listed (with a profession)', () => {
    const plan = planRotation({
      month: '2026-11',
      sessions: NOV.slice(0, 1),
      seats: { lawyer: 1 },
      volunteers: lawyers(1),
      booked: [
        { sessionId: '2026-11-02-am', volunteerId: 'law-1' },
        { sessionId: '2026-11-02-am', volunteerId: 'gone', profession: 'lawyer' },
      ],
    });
    expect(plan.assignments.map((a) => [a.volunteerId, a.source])).toEqual([['gone', 'booked'], ['law-1', 'booked']]);
    expect(plan.gaps).toEqual([]);
    expect(() =>
      planRotation({ month: '2026-11', sessions: NOV, seats: {}, volunteers: [], booked: [{ sessionId: '2026-11-02-am', volunteerId: 'gone' }] }),
    ).toThrow(/unknown volunteer and no profession/);
  });

  it('honours availability: a Monday-only lawyer sits only on Mondays, a 调休 Saturday needs someone available on Saturdays', () => {
    const plan = planRotation({
      month: '2026-02',
      sessions: FEB,
      seats: { lawyer: 1 },
      volunteers: [
        { id: 'mon', profession: 'lawyer', availability: [1] },
        { id: 'wf', profession: 'lawyer', availability: [3, 5] },
      ],
      booked: [],
    });
    for (const a of plan.assignments) expect([a.date, a.volunteerId === 'mon' ? [1] : [3, 5]]).toEqual([a.date, expect.arrayContaining([isoWeekday(a.date)])]);
    expect(plan.assignments.filter((a) => a.volunteerId === 'mon').map((a) => a.date)).toEqual(['2026-02-02', '2026-02-09']);
    expect(plan.gaps.map((g) => g.date)).toEqual(['2026-02-14', '2026-02-28']);
    expect(plan.gaps.every((g) => g.weekday === 6)).toBe(true);
  });

  it('respects monthly caps, booked duties included', () => {
    const plan = planRotation({
      month: '2026-11',
      sessions: NOV,
      seats: { lawyer: 1 },
      volunteers: [
        { id: 'a', profession: 'lawyer', maxPerMonth: 2 },
        { id: 'b', profession: 'lawyer', maxPerMonth: 3 },
      ],
      booked: [{ sessionId: '2026-11-02-am', volunteerId: 'a' }],
    });
    expect(count(plan)).toEqual({ a: 2, b: 3 });
    expect(plan.gaps.reduce((n, g) => n + g.missing, 0)).toBe(8);
  });

  it('balances by weight: weight 2 sits about twice as often', () => {
    const plan = planRotation({
      month: '2026-11',
      sessions: NOV,
      seats: { accountant: 1 },
      volunteers: [
        { id: 'heavy', profession: 'accountant', weight: 2 },
        { id: 'light', profession: 'accountant' },
      ],
      booked: [],
    });
    const c = count(plan);
    expect(c.heavy + c.light).toBe(13);
    expect(Math.abs(c.heavy / 2 - c.light)).toBeLessThanOrEqual(1);
    expect(c.heavy).toBeGreaterThanOrEqual(8);
  });

  it('never puts one person in two seats of the same session', () => {
    const plan = planRotation({ month: '2026-11', sessions: NOV, seats: { lawyer: 3 }, volunteers: lawyers(2), booked: [] });
    expect(plan.assignments).toHaveLength(26);
    expect(plan.gaps).toHaveLength(13);
    expect(plan.gaps.every((g) => g.missing === 1)).toBe(true);
  });

  it('rotates who goes first from month to month, yet is stable within a month', () => {
    const firsts = new Set<string>();
    for (let m = 1; m <= 12; m++) {
      const month = `2026-${String(m).padStart(2, '0')}`;
      const plan = planRotation({ month, sessions: sessionsOf(month), seats: { lawyer: 1 }, volunteers: lawyers(4), booked: [] });
      firsts.add(plan.assignments[0].volunteerId);
    }
    expect(firsts.size).toBeGreaterThan(1);
    expect(rotationTieBreak('2026-11', 'law-1')).toBe(rotationTieBreak('2026-11', 'law-1'));
    expect(rotationTieBreak('2026-11', 'law-1')).not.toBe(rotationTieBreak('2026-12', 'law-1'));
  });

  it('rejects inconsistent input', () => {
    const base: RotationInput = { month: '2026-11', sessions: NOV, seats: { lawyer: 1 }, volunteers: lawyers(2), booked: [] };
    expect(() => planRotation({ ...base, month: '2026-1' })).toThrow(/not YYYY-MM/);
    expect(() => planRotation({ ...base, sessions: [...NOV, { id: 'x', date: '2026-12-02' }] })).toThrow(/not in 2026-11/);
    expect(() => planRotation({ ...base, sessions: [...NOV, NOV[0]] })).toThrow(/listed twice/);
    expect(() => planRotation({ ...base, volunteers: [...lawyers(2), ...lawyers(1)] })).toThrow(/law-1 is listed twice/);
    expect(() => planRotation({ ...base, volunteers: lawyers(1, { weight: 0 }) })).toThrow(/weight must be > 0/);
    expect(() => planRotation({ ...base, volunteers: lawyers(1, { maxPerMonth: -1 }) })).toThrow(/maxPerMonth/);
    expect(() => planRotation({ ...base, seats: { lawyer: 1.5 } })).toThrow(/seats for lawyer/);
    expect(() => planRotation({ ...base, seats: { judge: 1 } as never })).toThrow(/unknown profession judge/);
  });

  it('coverageGaps counts what the assignments leave open', () => {
    const sessions = NOV.slice(0, 2);
    expect(
      coverageGaps(sessions, { lawyer: 2, finance: 1 }, [
        { sessionId: NOV[0].id, profession: 'lawyer' },
        { sessionId: NOV[0].id, profession: 'finance' },
        { sessionId: NOV[1].id, profession: 'lawyer' },
        { sessionId: NOV[1].id, profession: 'lawyer' },
        { sessionId: NOV[1].id, profession: 'lawyer' },
      ]),
    ).toEqual([
      { sessionId: NOV[0].id, date: NOV[0].date, weekday: 1, profession: 'lawyer', missing: 1 },
      { sessionId: NOV[1].id, date: NOV[1].date, weekday: 3, profession: 'finance', missing: 1 },
    ]);
  });
});

/* ---------- generated inputs ---------- */

const MONTHS = ['2026-02', '2026-05', '2026-10', '2026-11'];
const SESSIONS: Record<string, RotationSession[]> = Object.fromEntries(MONTHS.map((m) => [m, sessionsOf(m)]));

/** A seeded Fisher-Yates shuffle: the same seed, the same order. */
function shuffle<T>(xs: readonly T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Volunteers come in "twins": groups sharing profession, weight, availability and absences. */
const group = (month: string) =>
  fc.record({
    profession: fc.constantFrom<Profession>(...Professions),
    weight: fc.constantFrom(1, 1, 2, 3),
    availability: fc.option(fc.uniqueArray(fc.constantFrom(1, 3, 5, 6), { minLength: 1 }), { nil: undefined }),
    outOfOffice: fc.subarray(SESSIONS[month].map((s) => s.date), { maxLength: 4 }),
    maxPerMonth: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
    size: fc.integer({ min: 1, max: 3 }),
  });

const input = fc
  .constantFrom(...MONTHS)
  .chain((month) =>
    fc.record({
      month: fc.constant(month),
      seats: fc.record({ lawyer: fc.integer({ min: 0, max: 2 }), accountant: fc.integer({ min: 0, max: 2 }), tax_advisor: fc.integer({ min: 0, max: 1 }), finance: fc.integer({ min: 0, max: 1 }) }),
      groups: fc.array(group(month), { minLength: 1, maxLength: 6 }),
      bookings: fc.array(fc.record({ session: fc.nat(), volunteer: fc.nat() }), { maxLength: 8 }),
      withCaps: fc.boolean(),
    }),
  )
  .map(({ month, seats, groups, bookings, withCaps }) => {
    const volunteers: RotationVolunteer[] = groups.flatMap((g, gi) =>
      Array.from({ length: g.size }, (_, k) => ({
        id: `g${gi}-v${k}`,
        profession: g.profession,
        weight: g.weight,
        availability: g.availability,
        outOfOffice: g.outOfOffice,
        maxPerMonth: withCaps ? g.maxPerMonth : undefined,
      })),
    );
    const sessions = SESSIONS[month];
    const booked = bookings.map((b) => ({ sessionId: sessions[b.session % sessions.length].id, volunteerId: volunteers[b.volunteer % volunteers.length].id }));
    return { input: { month, sessions, seats, volunteers, booked } as RotationInput, groups: groups.map((g, gi) => ({ ...g, ids: volunteers.filter((v) => v.id.startsWith(`g${gi}-`)).map((v) => v.id) })), withCaps };
  });

describe('fair rotation: properties', () => {
  it('fairness: twins of equal weight and availability end within one duty of each other (no bookings, no caps)', () => {
    fc.assert(
      fc.property(input, ({ input: i, groups }) => {
        const plan = planRotation({ ...i, booked: [], volunteers: i.volunteers.map((v) => ({ ...v, maxPerMonth: undefined })) });
        const c = count(plan);
        for (const g of groups) {
          const ns = g.ids.map((id) => c[id] ?? 0);
          if (Math.max(...ns) - Math.min(...ns) > 1) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  // One seat per session: with two, a heavy weight could not take both seats of a session, so a
  // weight-3 volunteer is capped at one duty per session whatever their weight says.
  it('weighted fairness: two always-eligible volunteers differ in load (duties/weight) by at most one duty of the lighter weight', () => {
    fc.assert(
      fc.property(fc.constantFrom(...MONTHS), fc.constantFrom(1, 2, 3, 1.5), fc.constantFrom(1, 2, 3, 0.5), fc.constant(1), (month, wa, wb, seats) => {
        const plan = planRotation({
          month,
          sessions: SESSIONS[month],
          seats: { lawyer: seats },
          volunteers: [
            { id: 'a', profession: 'lawyer', weight: wa },
            { id: 'b', profession: 'lawyer', weight: wb },
            { id: 'c', profession: 'lawyer' },
          ],
          booked: [],
        });
        const c = count(plan);
        return Math.abs((c.a ?? 0) / wa - (c.b ?? 0) / wb) <= Math.max(1 / wa, 1 / wb) + 1e-9;
      }),
    );
  });

  it('respects profession, availability, out-of-office, caps and seats; never double-books; keeps bookings', () => {
    fc.assert(
      fc.property(input, ({ input: i }) => {
        const plan = planRotation(i);
        const byId = new Map(i.volunteers.map((v) => [v.id, v]));
        const pairs = new Set<string>();
        for (const a of plan.assignments) {
          const key = `${a.sessionId}|${a.volunteerId}`;
          if (pairs.has(key)) return false; // double-booked
          pairs.add(key);
          const v = byId.get(a.volunteerId)!;
          if (a.profession !== v.profession) return false;
          if (a.source === 'rotation') {
            if (v.availability && !v.availability.includes(isoWeekday(a.date))) return false;
            if (v.outOfOffice?.includes(a.date)) return false;
          }
        }
        for (const b of i.booked) if (!plan.assignments.some((a) => a.source === 'booked' && a.sessionId === b.sessionId && a.volunteerId === b.volunteerId)) return false;
        const c = count(plan);
        for (const v of i.volunteers) {
          const booked = new Set(i.booked.filter((b) => b.volunteerId === v.id).map((b) => b.sessionId)).size;
          if (v.maxPerMonth !== undefined && (c[v.id] ?? 0) > Math.max(v.maxPerMonth, booked)) return false;
        }
        for (const s of i.sessions) {
          for (const p of Professions) {
            const here = plan.assignments.filter((a) => a.sessionId === s.id && a.profession === p);
            const rotated = here.filter((a) => a.source === 'rotation').length;
            if (rotated > 0 && here.length > (i.seats[p] ?? 0)) return false; // rotation never overfills
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('reports a gap only when nobody eligible was left, and the gaps match coverageGaps', () => {
    fc.assert(
      fc.property(input, ({ input: i }) => {
        const plan = planRotation(i);
        if (JSON.stringify(plan.gaps) !== JSON.stringify(coverageGaps(i.sessions, i.seats, plan.assignments))) return false;
        const c = count(plan);
        for (const g of plan.gaps) {
          const someoneFree = i.volunteers.some(
            (v) =>
              v.profession === g.profession &&
              (!v.availability || v.availability.includes(g.weekday)) &&
              !v.outOfOffice?.includes(g.date) &&
              (v.maxPerMonth === undefined || (c[v.id] ?? 0) < v.maxPerMonth) &&
              !plan.assignments.some((a) => a.sessionId === g.sessionId && a.volunteerId === v.id),
          );
          if (someoneFree) return false;
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same input, in any order, gives the same plan', () => {
    fc.assert(
      fc.property(input, fc.integer(), ({ input: i }, seed) => {
        const plan = planRotation(i);
        const again = planRotation(JSON.parse(JSON.stringify(i)));
        const shuffled = planRotation({
          ...i,
          sessions: shuffle(i.sessions, seed),
          volunteers: shuffle(i.volunteers, seed + 1),
          booked: shuffle(i.booked, seed + 2),
        });
        return JSON.stringify(plan) === JSON.stringify(again) && JSON.stringify(plan) === JSON.stringify(shuffled);
      }),
      { numRuns: 200 },
    );
  });
});
