/**
 * The booking's reference data is read once and kept at most a minute by the call's clock: within
 * the minute one read, past it (or with the clock set back) a new one; a failed read is not kept;
 * a change made through the instance is forgotten at once.
 */
import { minuteCache, REFERENCE_TTL_MS } from './clinic-reference';

describe('minuteCache', () => {
  const t0 = new Date('2027-03-01T02:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it('reads once within the minute, again after it or when the clock goes back', async () => {
    const reads: string[] = [];
    const cache = minuteCache(async (k) => {
      reads.push(k);
      return `${k}#${reads.length}`;
    });
    expect(await cache.get('a', t0)).toBe('a#1');
    expect(await cache.get('a', at(REFERENCE_TTL_MS - 1))).toBe('a#1');
    expect(await cache.get('b', t0)).toBe('b#2');
    expect(await cache.get('a', at(REFERENCE_TTL_MS))).toBe('a#3');
    expect(await cache.get('a', at(-1))).toBe('a#4');
    cache.forget('a');
    expect(await cache.get('a', at(-1))).toBe('a#5');
    expect(reads).toEqual(['a', 'b', 'a', 'a', 'a']);
  });

  it('shares one read between calls at once, and keeps no failure', async () => {
    let n = 0;
    const cache = minuteCache(async () => {
      n += 1;
      if (n === 1) throw new Error('network');
      return n;
    });
    const [x, y] = await Promise.allSettled([cache.get('k', t0), cache.get('k', t0)]);
    expect([x.status, y.status]).toEqual(['rejected', 'rejected']);
    expect(await cache.get('k', t0)).toBe(2);
    expect(await cache.get('k', t0)).toBe(2);
    expect(n).toBe(2);
  });
});
