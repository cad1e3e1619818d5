import { once } from './lazy';

describe('once', () => {
  it('computes on the first call only, and answers the same value after', () => {
    let calls = 0;
    const value = once(() => ({ n: ++calls }));
    expect(calls).toBe(0);
    const first = value();
    expect(value()).toBe(first);
    expect(calls).toBe(1);
  });

  it('keeps an undefined answer too (computed once)', () => {
    let calls = 0;
    const value = once(() => {
      calls += 1;
      return undefined;
    });
    value();
    value();
    expect(calls).toBe(1);
  });
});
