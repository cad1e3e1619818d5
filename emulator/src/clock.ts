/**
 * The emulator's clock. Functions read time the ordinary way (`new Date()`), exactly as in
 * CloudBase, so the emulator moves time for the whole process: setting the clock travels there
 * and time keeps running from that point (timekeeper). Tests use it to reach a deadline, a
 * reminder or an escalation without waiting; `reset()` returns to real time.
 */
import timekeeper from 'timekeeper';

export class EmulatorClock {
  now(): Date {
    return new Date();
  }

  /** Travel to `at`; time keeps running from there. */
  set(at: Date | string | number): Date {
    const target = new Date(at);
    if (Number.isNaN(target.getTime())) throw new RangeError(`not a date: ${String(at)}`);
    timekeeper.travel(target);
    return this.now();
  }

  advance(ms: number): Date {
    return this.set(Date.now() + ms);
  }

  /** Back to the machine's real time. */
  reset(): Date {
    timekeeper.reset();
    return this.now();
  }

  isShifted(): boolean {
    return timekeeper.isKeepingTime();
  }
}
