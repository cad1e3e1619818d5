/**
 * The clinic's one timer trigger. WeChat cloud takes one trigger per function (config.json
 * `triggers` "目前仅支持一个触发器"), so the clinic function has a single hourly trigger
 * (`0 5 * * * * *`, five past every hour, Asia/Shanghai) and this decides which of its jobs are
 * due at the time it fires: the day-before reminders every hour, the coverage-gap check once a
 * day in the 09:xx hour. Pure: the time is an argument, read in Asia/Shanghai.
 */

/** The trigger's name in cloudfunctions/clinic/config.json. */
export const CLINIC_TRIGGER = 'hourly';

export type ClinicJob = 'reminders' | 'coverage';

/** The Shanghai hour in which the daily coverage check runs. */
export const COVERAGE_HOUR = 9;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** The Asia/Shanghai wall-clock hour (0-23) of an instant. */
export function shanghaiHour(at: Date): number {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).getUTCHours();
}

/** The jobs the hourly trigger runs when it fires at `at`: reminders always, coverage in the 09:xx hour. */
export function clinicJobsDue(at: Date): ClinicJob[] {
  return shanghaiHour(at) === COVERAGE_HOUR ? ['reminders', 'coverage'] : ['reminders'];
}
