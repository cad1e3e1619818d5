import { clinicJobsDue, shanghaiHour } from './clinic-timer';

describe('the clinic timer: which jobs are due when the hourly trigger fires', () => {
  const at = (iso: string) => new Date(iso);

  it('runs the reminders every hour', () => {
    for (const iso of ['2027-03-11T00:05:00+08:00', '2027-03-11T08:05:00+08:00', '2027-03-11T18:05:00+08:00', '2027-03-11T23:05:00+08:00']) {
      expect(clinicJobsDue(at(iso))).toEqual(['reminders']);
    }
  });

  it('adds the coverage check once a day, in the 09:xx hour Shanghai time', () => {
    expect(clinicJobsDue(at('2027-03-11T09:05:00+08:00'))).toEqual(['reminders', 'coverage']);
    expect(clinicJobsDue(at('2027-03-11T09:00:00+08:00'))).toEqual(['reminders', 'coverage']);
    expect(clinicJobsDue(at('2027-03-11T09:59:59+08:00'))).toEqual(['reminders', 'coverage']);
    expect(clinicJobsDue(at('2027-03-11T10:00:00+08:00'))).toEqual(['reminders']);
    expect(clinicJobsDue(at('2027-03-11T08:59:59+08:00'))).toEqual(['reminders']);
  });

  it('reads the hour in Asia/Shanghai, not UTC or the process time zone', () => {
    // 01:05 UTC is 09:05 in Shanghai; 09:05 UTC is 17:05 there.
    expect(clinicJobsDue(at('2027-03-11T01:05:00Z'))).toEqual(['reminders', 'coverage']);
    expect(clinicJobsDue(at('2027-03-11T09:05:00Z'))).toEqual(['reminders']);
    // Across the date line: 2027-12-31T16:05Z is 00:05 on New Year's Day in Shanghai.
    expect(shanghaiHour(at('2027-12-31T16:05:00Z'))).toBe(0);
  });

  it('over a whole day of hourly firings, coverage runs exactly once and reminders 24 times', () => {
    const start = Date.parse('2027-03-11T00:05:00+08:00');
    const runs = Array.from({ length: 24 }, (_, h) => clinicJobsDue(new Date(start + h * 3_600_000)));
    expect(runs.filter((j) => j.includes('reminders'))).toHaveLength(24);
    expect(runs.filter((j) => j.includes('coverage'))).toHaveLength(1);
  });
});
