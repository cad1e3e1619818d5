import { formatDate } from './labels';

describe('formatDate', () => {
  it('shows Beijing time whatever the device time zone', () => {
    // 10:00 UTC is the 18:00 end of a working day in the park.
    expect(formatDate('2026-11-24T10:00:00.000Z', true)).toBe('2026-11-24 18:00');
    // Past 16:00 UTC it is already the next day in Beijing.
    expect(formatDate('2026-12-31T16:30:00Z', true)).toBe('2027-01-01 00:30');
    expect(formatDate('2026-12-31T16:30:00Z')).toBe('2027-01-01');
  });

  it('passes through what it cannot read and shows nothing for nothing', () => {
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
