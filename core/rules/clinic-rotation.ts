/**
 * Fair rotation of the 三师 clinic duty roster (每周一、三、五上午轮流排班) for one month.
 *
 * Volunteers book the duties they want first; staff then generate the rotation, which fills only
 * the seats nobody booked. Pure: the month's sessions, the volunteers and the existing bookings
 * in, assignments and coverage gaps out. The same input gives the same output whatever the order
 * of its lists.
 *
 * The rule, and why:
 * - A volunteer's load is duties this month / weight (weight 2: happy to sit twice as often).
 *   Counts reset every month: last month's heavy sitter is not punished, and a newcomer does not
 *   get every duty to "catch up". Booked duties count towards the load and the monthly cap.
 * - Sessions are filled in date order; each open seat goes to the least-loaded eligible volunteer
 *   (right profession, available that weekday, not out of office, under the monthly cap, not
 *   already sitting in that session). Greedy least-loaded keeps any two volunteers of equal weight
 *   and equal availability within one duty of each other all month.
 * - Ties go by a stable hash of (month, volunteer id), then the id: deterministic, yet the one
 *   who goes first changes from month to month instead of always being the alphabetically first.
 * - A seat nobody can take is a coverage gap, reported so staff can chase it well ahead.
 */
import { Professions, type Profession } from '../api/roles';
import { isoWeekday } from './clinic-calendar';

/** Seats per session per profession (a missing profession: none). */
export type Seats = Partial<Record<Profession, number>>;

/** What the rotation needs of a session. */
export interface RotationSession {
  id: string;
  date: string;
}

export interface RotationVolunteer {
  id: string;
  profession: Profession;
  /** > 0, default 1. */
  weight?: number;
  /** ISO weekdays the volunteer can sit (Monday = 1); missing: any day the clinic is open. */
  availability?: readonly number[];
  /** 'YYYY-MM-DD' days away. */
  outOfOffice?: readonly string[];
  /** Most duties in a month, booked ones included; missing: no cap. */
  maxPerMonth?: number;
}

/** A duty the volunteer booked (or staff set by hand): kept as is. */
export interface DutyBooking {
  sessionId: string;
  volunteerId: string;
  /** Needed only when the volunteer is no longer in the list (e.g. left after booking). */
  profession?: Profession;
}

export interface DutyAssignment {
  sessionId: string;
  date: string;
  volunteerId: string;
  profession: Profession;
  source: 'booked' | 'rotation';
}

/** "Friday 2026-11-20: no lawyer" — `missing` seats of `profession` nobody fills. */
export interface CoverageGap {
  sessionId: string;
  date: string;
  /** ISO weekday of `date`. */
  weekday: number;
  profession: Profession;
  missing: number;
}

export interface RotationInput {
  /** 'YYYY-MM': every session must fall in it; loads and caps count this month only. */
  month: string;
  sessions: readonly RotationSession[];
  seats: Seats;
  volunteers: readonly RotationVolunteer[];
  /** Bookings in other months are ignored (counts reset monthly). */
  booked: readonly DutyBooking[];
}

export interface RotationPlan {
  /** Booked and generated duties, in date, profession, volunteer order. */
  assignments: DutyAssignment[];
  gaps: CoverageGap[];
}

/**
 * 32-bit FNV-1a of (month, volunteer id): the tie-break between equally loaded volunteers.
 * Stable across runs and machines; differs between months so the same person isn't always first.
 */
export function rotationTieBreak(month: string, volunteerId: string): number {
  let h = 0x811c9dc5;
  const s = `${month}\u0000${volunteerId}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const professionOrder = (p: Profession) => Professions.indexOf(p);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySession = (a: RotationSession, b: RotationSession) => byString(a.date, b.date) || byString(a.id, b.id);

function checkInput({ month, sessions, seats, volunteers }: RotationInput): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RangeError(`month ${month} is not YYYY-MM`);
  const sessionIds = new Set<string>();
  for (const s of sessions) {
    if (!s.date.startsWith(`${month}-`)) throw new RangeError(`session ${s.id} on ${s.date} is not in ${month}`);
    if (sessionIds.has(s.id)) throw new RangeError(`session ${s.id} is listed twice`);
    sessionIds.add(s.id);
  }
  for (const [p, n] of Object.entries(seats)) {
    if (!(Professions as readonly string[]).includes(p)) throw new RangeError(`unknown profession ${p}`);
    if (!Number.isInteger(n) || (n as number) < 0) throw new RangeError(`seats for ${p} must be a whole number >= 0`);
  }
  const ids = new Set<string>();
  for (const v of volunteers) {
    if (ids.has(v.id)) throw new RangeError(`volunteer ${v.id} is listed twice`);
    ids.add(v.id);
    if (v.weight !== undefined && !(Number.isFinite(v.weight) && v.weight > 0)) throw new RangeError(`volunteer ${v.id}: weight must be > 0`);
    if (v.maxPerMonth !== undefined && !(Number.isInteger(v.maxPerMonth) && v.maxPerMonth >= 0)) {
      throw new RangeError(`volunteer ${v.id}: maxPerMonth must be a whole number >= 0`);
    }
  }
}

/** Seats of each session nobody fills, in date and profession order. */
export function coverageGaps(
  sessions: readonly RotationSession[],
  seats: Seats,
  assignments: readonly { sessionId: string; profession: Profession }[],
): CoverageGap[] {
  const filled = new Map<string, number>();
  for (const a of assignments) filled.set(`${a.sessionId}\u0000${a.profession}`, (filled.get(`${a.sessionId}\u0000${a.profession}`) ?? 0) + 1);
  const gaps: CoverageGap[] = [];
  for (const s of [...sessions].sort(bySession)) {
    for (const p of Professions) {
      const missing = (seats[p] ?? 0) - (filled.get(`${s.id}\u0000${p}`) ?? 0);
      if (missing > 0) gaps.push({ sessionId: s.id, date: s.date, weekday: isoWeekday(s.date), profession: p, missing });
    }
  }
  return gaps;
}

/** Fills the month's unbooked seats fairly; see the module comment for the rule. */
export function planRotation(input: RotationInput): RotationPlan {
  checkInput(input);
  const { month, seats } = input;
  const sessions = [...input.sessions].sort(bySession);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const volunteers = [...input.volunteers].sort((a, b) => byString(a.id, b.id));
  const volunteerById = new Map(volunteers.map((v) => [v.id, v]));
  const duties = new Map<string, number>(volunteers.map((v) => [v.id, 0]));
  /** `${sessionId}\u0000${volunteerId}`: who already sits where. */
  const sitting = new Set<string>();
  const assignments: DutyAssignment[] = [];

  const booked = [...input.booked].sort(
    (a, b) => byString(a.sessionId, b.sessionId) || byString(a.volunteerId, b.volunteerId) || byString(a.profession ?? '', b.profession ?? ''),
  );
  for (const b of booked) {
    const session = sessionById.get(b.sessionId);
    if (!session || sitting.has(`${b.sessionId}\u0000${b.volunteerId}`)) continue; // another month, or a duplicate
    const profession = b.profession ?? volunteerById.get(b.volunteerId)?.profession;
    if (!profession) throw new RangeError(`booking of ${b.volunteerId} on ${b.sessionId}: unknown volunteer and no profession`);
    sitting.add(`${b.sessionId}\u0000${b.volunteerId}`);
    duties.set(b.volunteerId, (duties.get(b.volunteerId) ?? 0) + 1);
    assignments.push({ sessionId: session.id, date: session.date, volunteerId: b.volunteerId, profession, source: 'booked' });
  }

  const weight = (v: RotationVolunteer) => v.weight ?? 1;
  const tie = new Map(volunteers.map((v) => [v.id, rotationTieBreak(month, v.id)]));
  /** Least loaded first: duties/weight compared by cross-multiplying (no float drift), then the hash, then the id. */
  const before = (a: RotationVolunteer, b: RotationVolunteer) =>
    duties.get(a.id)! * weight(b) - duties.get(b.id)! * weight(a) || tie.get(a.id)! - tie.get(b.id)! || byString(a.id, b.id);

  for (const session of sessions) {
    const weekday = isoWeekday(session.date);
    for (const profession of Professions) {
      let open = (seats[profession] ?? 0) - assignments.filter((a) => a.sessionId === session.id && a.profession === profession).length;
      while (open > 0) {
        const eligible = volunteers.filter(
          (v) =>
            v.profession === profession &&
            (!v.availability || v.availability.includes(weekday)) &&
            !(v.outOfOffice ?? []).includes(session.date) &&
            (v.maxPerMonth === undefined || duties.get(v.id)! < v.maxPerMonth) &&
            !sitting.has(`${session.id}\u0000${v.id}`),
        );
        if (!eligible.length) break;
        const chosen = eligible.reduce((best, v) => (before(v, best) < 0 ? v : best));
        sitting.add(`${session.id}\u0000${chosen.id}`);
        duties.set(chosen.id, duties.get(chosen.id)! + 1);
        assignments.push({ sessionId: session.id, date: session.date, volunteerId: chosen.id, profession, source: 'rotation' });
        open--;
      }
    }
  }

  assignments.sort(
    (a, b) =>
      byString(a.date, b.date) ||
      byString(a.sessionId, b.sessionId) ||
      professionOrder(a.profession) - professionOrder(b.profession) ||
      byString(a.volunteerId, b.volunteerId),
  );
  return { assignments, gaps: coverageGaps(sessions, seats, assignments) };
}
