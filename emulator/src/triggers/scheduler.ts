/**
 * Timer triggers. Each function's `config.json` lists CloudBase triggers
 * (`{ name, type: 'timer', config: '<second> <minute> <hour> <day> <month> <weekday> <year>' }`,
 * evaluated in Asia/Shanghai time); the scheduler fires each one when the emulator's clock passes
 * its next time, with the event CloudBase sends (`{ Type: 'Timer', TriggerName, Time }`, no caller).
 * `fire()` runs one on demand. Moving the clock forward fires a due trigger once (not once per
 * missed period); moving it back re-plans every trigger.
 */
import { CronExpressionParser } from 'cron-parser';
import type { EmulatorClock } from '../clock';
import { EmulatorError } from '../contracts';
import type { FunctionRunner } from '../functions/runner';

export const TRIGGER_TIMEZONE = 'Asia/Shanghai';

export interface PlannedTrigger {
  fn: string;
  name: string;
  cron: string;
  nextAt: Date | undefined;
  lastFiredAt?: Date;
  lastError?: string;
}

/** The next time a CloudBase 7-field cron expression fires after `after`; undefined if never. */
export function nextFireTime(cron: string, after: Date, tz = TRIGGER_TIMEZONE): Date | undefined {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 7) throw new RangeError(`CloudBase cron needs 7 fields (second minute hour day month weekday year): "${cron}"`);
  const nextYear = yearMatcher(fields[6]);
  const yearOf = new Intl.DateTimeFormat('en', { timeZone: tz, year: 'numeric' });
  let from = after;
  // Each round either answers or jumps to the next allowed year (or gives up): a handful of rounds,
  // not one per firing of a fine-grained cron in a year that is not allowed.
  for (let round = 0; round < 1000; round++) {
    const expr = CronExpressionParser.parse(fields.slice(0, 6).join(' '), { currentDate: from, tz });
    let next: Date;
    try {
      next = expr.next().toDate();
    } catch {
      return undefined;
    }
    const year = Number(yearOf.format(next));
    const allowed = nextYear(year);
    if (allowed === year) return next;
    if (allowed === undefined || allowed > 2199) return undefined;
    // Just before midnight on 1 January of the next allowed year, in the trigger's time zone.
    from = new Date(startOfYear(allowed, tz).getTime() - 1000);
  }
  return undefined;
}

/** For a year, the first year >= it the field allows (undefined: none). */
function yearMatcher(field: string): (year: number) => number | undefined {
  if (field === '*') return (y) => y;
  const ranges = field.split(',').map((p) => {
    const m = /^(\d{4})(?:-(\d{4}))?$/.exec(p);
    if (!m) throw new RangeError(`unsupported year field "${field}"`);
    return { from: Number(m[1]), to: m[2] ? Number(m[2]) : Number(m[1]) };
  });
  return (y) => {
    const candidates = ranges.filter((r) => r.to >= y).map((r) => Math.max(r.from, y));
    return candidates.length ? Math.min(...candidates) : undefined;
  };
}

/** 00:00 on 1 January of `year` in `tz`. */
function startOfYear(year: number, tz: string): Date {
  const utcMidnight = Date.UTC(year, 0, 1);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
      .formatToParts(new Date(utcMidnight))
      .map((p) => [p.type, Number(p.value)]),
  );
  const offset = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second) - utcMidnight;
  return new Date(utcMidnight - offset);
}

export interface SchedulerOptions {
  runner: FunctionRunner;
  clock: EmulatorClock;
  tickMs?: number;
  onFire?: (t: PlannedTrigger, outcome: { ok: boolean; ms: number; result?: unknown; error?: string }) => void;
}

export class TriggerScheduler {
  private planned = new Map<string, PlannedTrigger>();
  private timer?: NodeJS.Timeout;
  /** The latest clock time the scheduler has seen (to notice the clock going back). */
  private lastSeen = 0;
  private readonly running = new Set<string>();

  constructor(private readonly options: SchedulerOptions) {}

  /** Reads every function's triggers and plans their next times. */
  plan(): PlannedTrigger[] {
    const now = this.options.clock.now();
    // The clock went back (reset, or set earlier): every next time is planned afresh from now.
    // Otherwise a planned time is kept, even one already passed: the next tick fires it once.
    const wentBack = now.getTime() < this.lastSeen - 1000;
    this.lastSeen = now.getTime();
    const next = new Map<string, PlannedTrigger>();
    // A function the platform would refuse (two triggers, a broken config.json) has no triggers.
    for (const fn of this.options.runner.loadable()) {
      for (const t of this.options.runner.config(fn).triggers) {
        if (t.type !== 'timer') continue;
        const key = `${fn}/${t.name}`;
        const old = this.planned.get(key);
        const keep = !wentBack && old && old.cron === t.config && old.nextAt !== undefined;
        next.set(key, keep ? old : { fn, name: t.name, cron: t.config, nextAt: nextFireTime(t.config, now), lastFiredAt: old?.lastFiredAt });
      }
    }
    this.planned = next;
    return this.list();
  }

  list(): PlannedTrigger[] {
    return [...this.planned.values()];
  }

  start(): void {
    this.plan();
    this.timer = setInterval(() => this.tick(), this.options.tickMs ?? 1000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Run one trigger now, as CloudBase would; answers what the function returned. */
  async fire(fn: string, name: string): Promise<unknown> {
    const refused = this.options.runner.refusal(fn);
    if (refused) throw new EmulatorError('FUNCTIONS_EXECUTE_FAIL', refused);
    const config = this.options.runner.config(fn);
    if (!config.triggers.some((t) => t.name === name)) throw new EmulatorError('TRIGGER_NOT_FOUND', `function ${fn} has no trigger ${name}`);
    const now = this.options.clock.now();
    const { result } = await this.options.runner.invoke(fn, { Type: 'Timer', TriggerName: name, Time: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: '' }, {}, 'timer');
    return result;
  }

  private tick(): void {
    const now = Date.now();
    // Every few seconds, or when the clock went back: re-read configs and re-plan.
    if (now < this.lastSeen - 1000 || Math.floor(now / 5000) !== Math.floor(this.lastSeen / 5000)) this.plan();
    this.lastSeen = now;
    for (const [key, t] of this.planned) {
      if (!t.nextAt || t.nextAt.getTime() > now || this.running.has(key)) continue;
      this.running.add(key);
      t.lastFiredAt = new Date(now);
      t.nextAt = nextFireTime(t.cron, new Date(now));
      const started = performance.now();
      this.fire(t.fn, t.name)
        .then((result) => this.options.onFire?.(t, { ok: true, ms: performance.now() - started, result }))
        .catch((e: Error) => {
          t.lastError = e.message;
          this.options.onFire?.(t, { ok: false, ms: performance.now() - started, error: e.message });
        })
        .finally(() => this.running.delete(key));
    }
  }
}
