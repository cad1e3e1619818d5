/**
 * Figures (rollups): what one case document adds to its community's counters of one Beijing day.
 * Pure: the acts apply the difference a write makes (after − before) in the write's own step, the
 * reconciliation recounts the same contributions from the raw documents, and the dashboards sum
 * the days of a period. Keeping one definition here is what makes "rollups = recount" checkable.
 *
 * A figure is a dotted path of plain segments (each a field of the counter document's `n`):
 *   t.<ticket category>.s.<status> | .u.<urgency> | .r1 (reached rung ≥ 1) | .r2     day of submittedAt
 *                     | .o (open and flagged overdue now: the `overdue` flag the acts and the sweep keep)
 *   q.<question category>.asked | .answered (first answer given) | .onTime | .solved  day of createdAt
 *   c.<profession>.booked (not cancelled) | .attended | .noShow                        the session's date
 *   s.<case kind>.<category>.n | .ok (overall ≥ SATISFIED_SCORE)                        day of the evaluation
 *   e.<enterpriseId>  the enterprise's cases that count as "served" (tickets, questions, attended
 *                     consultations) — distinct enterprises of a year are the keys above zero
 * Cases are counted on the day they began (a ticket's submission, a question's asking), in their
 * state now: an act later moves one count from the old state to the new on that same day.
 *
 * Besides the days, one document per community holds what is true of its open tickets now (the
 * `live` contribution, day LIVE): `overdue` (flagged overdue) and `escalated` (rung ≥ 1), so staff's
 * 待办 counts them with one read however many tickets are open; the same acts and the sweep keep it.
 */
import { OPEN } from './ticket-machine';
import { SATISFIED_SCORE } from '../api/revisit';
import { addDays, shanghaiDate } from './working-days';

/** Figure path → count. */
export type Figures = Record<string, number>;

type When = Date | string;

export interface TicketFacts {
  communityId: string;
  enterpriseId?: string | null;
  submittedAt: When;
  status: string;
  category: string;
  urgency: string;
  rung: number;
  /** The stored flag: a deadline had passed when an act or the sweep last looked (false once closed). */
  overdue?: boolean | null;
}

export interface QuestionFacts {
  communityId: string;
  enterpriseId?: string | null;
  createdAt: When;
  category: string;
  status: string;
  firstAnsweredAt?: When | null;
  answeredOnTime?: boolean | null;
}

export interface BookingFacts {
  communityId: string;
  enterpriseId?: string | null;
  sessionDate: string;
  profession: string;
  status: string;
}

export interface EvaluationFacts {
  communityId: string;
  at: When;
  overall: number;
  /** <caseKind>.<category> */
  categoryKey?: string;
}

/** One document's contribution: to which community's day, and how much to each figure. */
export interface Contribution {
  communityId: string;
  day: string;
  figures: Figures;
}

/** A path segment: a field name (no dots, no leading $). */
export const seg = (s: unknown): string => String(s ?? '').replace(/[.$\s]/g, '_') || 'none';

export const beijingDay = (at: When): string => shanghaiDate(new Date(at));

export function ticketContribution(t: TicketFacts): Contribution {
  const c = `t.${seg(t.category)}`;
  const f: Figures = { [`${c}.s.${seg(t.status)}`]: 1, [`${c}.u.${seg(t.urgency)}`]: 1 };
  if (t.rung >= 1) f[`${c}.r1`] = 1;
  if (t.rung >= 2) f[`${c}.r2`] = 1;
  if (overdueNow(t)) f[`${c}.o`] = 1;
  if (t.enterpriseId) f[`e.${seg(t.enterpriseId)}`] = 1;
  return { communityId: t.communityId, day: beijingDay(t.submittedAt), figures: f };
}

/** The day key of a community's document of what is true now (not a date: no period's range holds it). */
export const LIVE = 'live';

const isOpen = (status: string) => (OPEN as readonly string[]).includes(status);
const overdueNow = (t: Pick<TicketFacts, 'status' | 'overdue'>) => t.overdue === true && isOpen(t.status);

/**
 * What an open ticket adds to its community's figures of now: overdue (the flag), escalated
 * (rung ≥ 1). Nothing once closed or suspended. (Not its status: most acts would then write this
 * one document too, a request each and a conflict between any two acts of a community; a status's
 * open tickets are an indexed count of what is open.)
 */
export function liveTicketContribution(t: TicketFacts): Contribution {
  const f: Figures = {};
  if (isOpen(t.status)) {
    if (t.overdue === true) f.overdue = 1;
    if (t.rung >= 1) f.escalated = 1;
  }
  return { communityId: t.communityId, day: LIVE, figures: f };
}

export function questionContribution(q: QuestionFacts): Contribution {
  const c = `q.${seg(q.category)}`;
  const f: Figures = { [`${c}.asked`]: 1 };
  if (q.firstAnsweredAt) f[`${c}.answered`] = 1;
  if (q.answeredOnTime === true) f[`${c}.onTime`] = 1;
  if (q.status === 'solved') f[`${c}.solved`] = 1;
  if (q.enterpriseId) f[`e.${seg(q.enterpriseId)}`] = 1;
  return { communityId: q.communityId, day: beijingDay(q.createdAt), figures: f };
}

export function bookingContribution(b: BookingFacts): Contribution {
  const f: Figures = {};
  if (b.status !== 'cancelled') {
    const c = `c.${seg(b.profession)}`;
    f[`${c}.booked`] = 1;
    if (b.status === 'attended') {
      f[`${c}.attended`] = 1;
      if (b.enterpriseId) f[`e.${seg(b.enterpriseId)}`] = 1;
    }
    if (b.status === 'no_show') f[`${c}.noShow`] = 1;
  }
  return { communityId: b.communityId, day: b.sessionDate, figures: f };
}

export function evaluationContribution(e: EvaluationFacts): Contribution {
  const key = e.categoryKey ?? '';
  const dot = key.indexOf('.');
  const c = dot < 0 ? `s.${seg(key)}.none` : `s.${seg(key.slice(0, dot))}.${seg(key.slice(dot + 1))}`;
  const f: Figures = { [`${c}.n`]: 1 };
  if (e.overall >= SATISFIED_SCORE) f[`${c}.ok`] = 1;
  return { communityId: e.communityId, day: beijingDay(e.at), figures: f };
}

export const dayKey = (communityId: string, day: string) => `${communityId}:${day}`;

/** Adds `f` times `sign` into `into` (zeros dropped). */
export function addInto(into: Figures, f: Figures, sign = 1): Figures {
  for (const [k, v] of Object.entries(f)) {
    const n = (into[k] ?? 0) + sign * v;
    if (n === 0) delete into[k];
    else into[k] = n;
  }
  return into;
}

/**
 * What a write changes: after − before, per community day (a document's day does not move, but
 * the difference is taken per day all the same). Empty when the write touched no figure.
 */
export function changeOf(before: Contribution | undefined, after: Contribution | undefined): Contribution[] {
  const out = new Map<string, Contribution>();
  const put = (c: Contribution | undefined, sign: number) => {
    if (!c) return;
    const key = dayKey(c.communityId, c.day);
    const cur = out.get(key) ?? { communityId: c.communityId, day: c.day, figures: {} };
    addInto(cur.figures, c.figures, sign);
    out.set(key, cur);
  };
  put(before, -1);
  put(after, 1);
  return [...out.values()].filter((c) => Object.keys(c.figures).length > 0);
}

/** The recount: every contribution summed per community day (only days with a figure). */
export function sumContributions(all: Iterable<Contribution>): Map<string, Contribution> {
  const out = new Map<string, Contribution>();
  for (const c of all) {
    const key = dayKey(c.communityId, c.day);
    const cur = out.get(key) ?? { communityId: c.communityId, day: c.day, figures: {} };
    addInto(cur.figures, c.figures);
    out.set(key, cur);
  }
  for (const [k, c] of out) if (!Object.keys(c.figures).length) out.delete(k);
  return out;
}

/** Nested `{ a: { b: 1 } }` → `{ 'a.b': 1 }` (the counter document's `n` back to figures). */
export function flatten(nested: unknown, prefix = '', into: Figures = {}): Figures {
  if (!nested || typeof nested !== 'object') return into;
  for (const [k, v] of Object.entries(nested as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') {
      if (v !== 0) into[path] = v;
    } else flatten(v, path, into);
  }
  return into;
}

/** Figures → the nested object stored as `n`. */
export function nest(f: Figures): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [path, v] of Object.entries(f)) {
    const parts = path.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = (at[p] ??= {}) as Record<string, unknown>;
    at[parts[parts.length - 1]] = v;
  }
  return out;
}

export interface FigureDrift {
  figure: string;
  was: number;
  now: number;
}

/** Where stored figures differ from a recount (every figure of either side). */
export function driftOf(stored: Figures, recount: Figures): FigureDrift[] {
  const keys = new Set([...Object.keys(stored), ...Object.keys(recount)]);
  const out: FigureDrift[] = [];
  for (const k of [...keys].sort()) {
    const was = stored[k] ?? 0;
    const now = recount[k] ?? 0;
    if (was !== now) out.push({ figure: k, was, now });
  }
  return out;
}

/** Every day from `from` to `to` inclusive. */
export function daysOf(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}
