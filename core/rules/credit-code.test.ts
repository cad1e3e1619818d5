import { creditCodeCheckChar, isValidCreditCode, normalizeCreditCode } from './credit-code';

describe('unified social credit code', () => {
  // Codes printed on real business licences, as published by their holders.
  it.each(['91350100M000100Y43', '91110000802100433B'])('accepts %s', (code) => {
    expect(isValidCreditCode(code)).toBe(true);
  });

  it('rejects a code whose check character is wrong', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
  });

  it('rejects letters outside the alphabet (I, O, Z, S, V) and wrong lengths', () => {
    expect(isValidCreditCode('91350100M000100YO3')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });

  it('tolerates spaces and lower case as typed on a phone', () => {
    expect(normalizeCreditCode(' 9135 0100 m000100y43 ')).toBe('91350100M000100Y43');
    expect(isValidCreditCode('9135 0100m000100y43')).toBe(true);
  });

  it('computes a check character that then validates, for every position of a changed character', () => {
    const base = '91330482MA2B7YH01';
    const full = base + creditCodeCheckChar(base);
    expect(isValidCreditCode(full)).toBe(true);
    for (let i = 0; i < 17; i++) {
      const changed = full.slice(0, i) + (full[i] === '1' ? '2' : '1') + full.slice(i + 1);
      expect(isValidCreditCode(changed)).toBe(false);
    }
  });
});
