/**
 * 三师 clinic calendar: which mornings the lawyers, accountants, tax advisors and finance
 * specialists sit in clinic (坐诊), and the consultation slots of each session.
 *
 * Pure: a community's config and a date range in, sessions out. Dates are 'YYYY-MM-DD' on the
 * Asia/Shanghai calendar; instants are built from the Shanghai wall clock (UTC+8) explicitly, so
 * nothing depends on the process's TZ. Public holidays and 调休 come from the shared calendar
 * (working-days.ts), never from a list kept here.
 *
 * Which days hold a session, in order:
 * 1. a configured weekday (ISO, Monday = 1) that is a working day: public holidays are skipped
 *    (Spring Festival 2026: Mon 16, Wed 18, Fri 20 Feb hold no clinic). Only Monday-Friday count
 *    here: a Saturday or Sunday is a working day only when it is 调休, and those follow rule 2;
 *    a clinic on ordinary weekends is what `extraDates` is for;
 * 2. a make-up working day (调休: a Saturday or Sunday the State Council declares a working day,
 *    e.g. Sat 2026-02-14 and Sat 2026-02-28) holds a session when `includeMakeUpDays` is true, the
 *    default. Decision: we do not try to work out which weekday a 调休 day "stands in for" (the
 *    calendar data does not say, and the notices don't either); the centre is staffed on a 调休 day
 *    like on any working day, and the clinic lost to the holiday is made up there. A community
 *    that doesn't want that sets `includeMakeUpDays: false`;
 * 3. minus `closures` (special dates: a park event, a power cut);
 * 4. plus `extraDates`, held even on a weekend or a holiday: staff added them on purpose.
 * A date may not be both closed and extra: the config is rejected rather than guessing.
 */
import { Professions, type Profession } from '../api/roles';
import { addDays, type WorkingCalendar } from './working-days';

export interface ClinicConfig {
  /** ISO weekdays holding a session (Monday = 1 ... Sunday = 7). */
  weekdays: readonly number[];
  /** 'HH:mm', Asia/Shanghai wall clock. */
  start: string;
  end: string;
  /** Length of one consultation; must divide the session window exactly. */
  slotMinutes: number;
  /** Professionals of each profession sitting in each session (a missing profession: none). */
  seatsPerProfession: Partial<Record<Profession, number>>;
  /** 'YYYY-MM-DD' dates with no clinic. */
  closures: readonly string[];
  /** 'YYYY-MM-DD' dates with a clinic although the rules above would give none. */
  extraDates?: readonly string[];
  /** Whether a 调休 make-up working day holds a session (default true). */
  includeMakeUpDays?: boolean;
}

/** The clinic as the sources describe it: Monday, Wednesday and Friday mornings. */
export const DEFAULT_CLINIC_CONFIG: ClinicConfig = {
  weekdays: [1, 3, 5],
  start: '08:30',
  end: '11:30',
  slotMinutes: 30,
  seatsPerProfession: { lawyer: 1, accountant: 1, tax_advisor: 1, finance: 1 },
  closures: [],
  extraDates: [],
  includeMakeUpDays: true,
};

export interface ClinicSlot {
  index: number;
  startsAt: Date;
  endsAt: Date;
}

/** Why a date holds a session: its weekday, a 调休 make-up day, or an extra date. */
export type SessionKind = 'regular' | 'make_up' | 'extra';

export interface ClinicSession {
  /** 'YYYY-MM-DD-am' ('-pm' when the clinic starts at noon or later): stable, one per day. */
  id: string;
  date: string;
  /** ISO weekday of `date` (a 调休 Saturday is 6). */
  weekday: number;
  kind: SessionKind;
  startsAt: Date;
  endsAt: Date;
  slots: ClinicSlot[];
}

/** A config that cannot produce sessions; `problems` lists every reason, for the staff form. */
export class ClinicConfigError extends Error {
  readonly code = 'CLINIC.CONFIG_INVALID';
  constructor(readonly problems: string[]) {
    super(`invalid clinic config: ${problems.join('; ')}`);
    this.name = 'ClinicConfigError';
  }
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** A range longer than this is a mistake (a typo'd year), not a plan. */
export const MAX_RANGE_DAYS = 366;

/** A real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isDate(s: unknown): s is string {
  return typeof s === 'string' && DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
}

/** ISO weekday (Monday = 1 ... Sunday = 7) of a calendar date. */
export function isoWeekday(ymd: string): number {
  const d = new Date(`${ymd}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Minutes after midnight of an 'HH:mm' time. */
function minutes(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

/** The instant of a Shanghai wall-clock time on `ymd`. */
function shanghaiInstant(ymd: string, minuteOfDay: number): Date {
  return new Date(Date.parse(`${ymd}T00:00:00+08:00`) + minuteOfDay * 60_000);
}

/** Every problem with a config (empty: valid). */
export function clinicConfigProblems(config: ClinicConfig): string[] {
  const problems: string[] = [];
  const { weekdays, start, end, slotMinutes, seatsPerProfession, closures } = config;
  const extraDates = config.extraDates ?? [];

  if (!Array.isArray(weekdays)) problems.push('weekdays must be a list of ISO weekdays 1-7');
  else {
    for (const w of weekdays) if (!Number.isInteger(w) || w < 1 || w > 7) problems.push(`weekday ${String(w)} is not an ISO weekday 1-7`);
    if (new Set(weekdays).size !== weekdays.length) problems.push('weekdays are repeated');
  }

  const timesOk = typeof start === 'string' && TIME.test(start) && typeof end === 'string' && TIME.test(end);
  if (typeof start !== 'string' || !TIME.test(start)) problems.push(`start ${String(start)} is not a time HH:mm`);
  if (typeof end !== 'string' || !TIME.test(end)) problems.push(`end ${String(end)} is not a time HH:mm`);
  if (timesOk && minutes(start) >= minutes(end)) problems.push(`start ${start} is not before end ${end}`);
  if (!Number.isInteger(slotMinutes) || slotMinutes <= 0) problems.push(`slotMinutes ${String(slotMinutes)} is not a positive whole number`);
  else if (timesOk && minutes(start) < minutes(end) && (minutes(end) - minutes(start)) % slotMinutes !== 0) {
    problems.push(`slotMinutes ${slotMinutes} does not divide the ${minutes(end) - minutes(start)}-minute session ${start}-${end}`);
  }

  if (!seatsPerProfession || typeof seatsPerProfession !== 'object') problems.push('seatsPerProfession must map professions to seat counts');
  else {
    for (const [p, n] of Object.entries(seatsPerProfession)) {
      if (!(Professions as readonly string[]).includes(p)) problems.push(`unknown profession ${p}`);
      if (!Number.isInteger(n) || (n as number) < 0) problems.push(`seats for ${p} must be a whole number >= 0, got ${String(n)}`);
    }
  }

  for (const [name, list] of [['closures', closures], ['extraDates', extraDates]] as const) {
    if (!Array.isArray(list)) {
      problems.push(`${name} must be a list of dates`);
      continue;
    }
    for (const d of list) if (!isDate(d)) problems.push(`${name}: ${String(d)} is not a date YYYY-MM-DD`);
  }
  if (Array.isArray(closures) && Array.isArray(extraDates)) {
    const closed = new Set(closures);
    for (const d of extraDates) if (closed.has(d)) problems.push(`${d} is both a closure and an extra date`);
  }
  return problems;
}

/** Throws a ClinicConfigError listing every problem. */
export function assertClinicConfig(config: ClinicConfig): void {
  const problems = clinicConfigProblems(config);
  if (problems.length) throw new ClinicConfigError(problems);
}

export interface DateRange {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

/** The first and last day of a month 'YYYY-MM'. */
export function monthRange(month: string): DateRange {
  const m = MONTH.exec(month);
  if (!m) throw new RangeError(`month ${month} is not YYYY-MM`);
  const next = Number(m[2]) === 12 ? `${Number(m[1]) + 1}-01` : `${m[1]}-${String(Number(m[2]) + 1).padStart(2, '0')}`;
  return { from: `${month}-01`, to: addDays(`${next}-01`, -1) };
}

/** Whether and why `ymd` holds a session under a (valid) config; undefined: no clinic. */
export function sessionKind(config: ClinicConfig, ymd: string, cal: WorkingCalendar): SessionKind | undefined {
  if (config.closures.includes(ymd)) return undefined;
  if (cal.isWorkingDay(ymd)) {
    const weekday = isoWeekday(ymd);
    if (weekday <= 5 && config.weekdays.includes(weekday)) return 'regular';
    if (weekday >= 6 && config.includeMakeUpDays !== false) return 'make_up';
  }
  return (config.extraDates ?? []).includes(ymd) ? 'extra' : undefined;
}

/** The session of one day with its slots (the caller decided the day holds one). */
export function buildSession(config: ClinicConfig, ymd: string, kind: SessionKind): ClinicSession {
  const from = minutes(config.start);
  const to = minutes(config.end);
  const slots: ClinicSlot[] = [];
  for (let m = from, index = 0; m < to; m += config.slotMinutes, index++) {
    slots.push({ index, startsAt: shanghaiInstant(ymd, m), endsAt: shanghaiInstant(ymd, m + config.slotMinutes) });
  }
  return {
    id: `${ymd}-${from < 12 * 60 ? 'am' : 'pm'}`,
    date: ymd,
    weekday: isoWeekday(ymd),
    kind,
    startsAt: shanghaiInstant(ymd, from),
    endsAt: shanghaiInstant(ymd, to),
    slots,
  };
}

/**
 * The sessions in a month ('2026-02') or an inclusive date range, in date order.
 * Throws ClinicConfigError for a bad config, RangeError for a bad range.
 */
export function clinicSessions(config: ClinicConfig, range: string | DateRange, cal: WorkingCalendar): ClinicSession[] {
  assertClinicConfig(config);
  const { from, to } = typeof range === 'string' ? monthRange(range) : range;
  if (!isDate(from) || !isDate(to)) throw new RangeError(`range ${String(from)}..${String(to)} is not two dates YYYY-MM-DD`);
  if (from > to) throw new RangeError(`range starts ${from} after it ends ${to}`);
  const sessions: ClinicSession[] = [];
  for (let d = from, n = 0; d <= to; d = addDays(d, 1), n++) {
    if (n >= MAX_RANGE_DAYS) throw new RangeError(`range ${from}..${to} is longer than ${MAX_RANGE_DAYS} days`);
    const kind = sessionKind(config, d, cal);
    if (kind) sessions.push(buildSession(config, d, kind));
  }
  return sessions;
}
