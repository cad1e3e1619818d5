import { heldTextVisible, photoVisible } from './moderation';

describe('photoVisible', () => {
  const uploader = 'u1';
  it.each([
    ['pass', 'u2', true],
    ['pass', 'u1', true],
    ['pending', 'u1', true],
    ['pending', 'u2', false],
    [undefined, 'u1', true],
    [undefined, 'u2', false],
    ['review', 'u1', true],
    ['review', 'u2', false],
    ['rejected', 'u1', false],
    ['rejected', 'u2', false],
  ] as const)('%s photo seen by %s: %s', (check, reader, visible) => {
    expect(photoVisible(check, { openid: reader }, uploader)).toBe(visible);
  });
});

describe('heldTextVisible', () => {
  it('shows a text that is not held to everyone', () => {
    expect(heldTextVisible(undefined, { openid: 'x', role: 'worker' }, 'a')).toBe(true);
  });
  it('shows a held text to its author and to staff and admins only', () => {
    expect(heldTextVisible('held', { openid: 'a', role: 'worker' }, 'a')).toBe(true);
    expect(heldTextVisible('held', { openid: 's', role: 'staff' }, 'a')).toBe(true);
    expect(heldTextVisible('held', { openid: 'ad', role: 'admin' }, 'a')).toBe(true);
    expect(heldTextVisible('held', { openid: 'v', role: 'volunteer' }, 'a')).toBe(false);
    expect(heldTextVisible('held', { openid: 'i', role: 'instructor' }, 'a')).toBe(false);
    expect(heldTextVisible('held', { openid: 'm', role: 'manager' }, 'a')).toBe(false);
  });
  it('shows a rejected text to its author only', () => {
    expect(heldTextVisible('rejected', { openid: 'a', role: 'worker' }, 'a')).toBe(true);
    expect(heldTextVisible('rejected', { openid: 's', role: 'staff' }, 'a')).toBe(false);
  });
});
