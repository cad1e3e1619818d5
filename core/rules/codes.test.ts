import { CODE_ALPHABET, codeFromBytes, isWellFormedScene, makeScene, normalizeInviteCode, SCENE_MAX_LENGTH } from './codes';

describe('scenes and codes', () => {
  it('makes scenes WeChat accepts (≤ 32 chars) and recognises them', () => {
    const s = makeScene('workshop', codeFromBytes([1, 2, 3, 250, 7, 9, 11, 13, 17, 19], 10));
    expect(s).toMatch(/^W-/);
    expect(s.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
    expect(isWellFormedScene(s)).toBe(true);
  });

  it('rejects foreign or ambiguous scenes', () => {
    expect(isWellFormedScene('X-ABCDEF')).toBe(false);
    expect(isWellFormedScene('E-AB0O')).toBe(false);
    expect(isWellFormedScene(`E-${'A'.repeat(31)}`)).toBe(false);
    expect(isWellFormedScene('E-ABC')).toBe(false);
  });

  it('only uses unambiguous characters', () => {
    const code = codeFromBytes(Array.from({ length: 256 }, (_, i) => i), 256);
    expect(code).not.toMatch(/[01ILO]/);
    expect(new Set(code).size).toBe(CODE_ALPHABET.length);
  });

  it('normalises invite codes typed with spaces, dashes or lower case', () => {
    expect(normalizeInviteCode('ysqc-mgr2')).toBe('YSQCMGR2');
    expect(normalizeInviteCode(' YSQC MGR2 ')).toBe('YSQCMGR2');
  });
});
