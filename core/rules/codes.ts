/**
 * Short codes people read, type or scan: QR scenes (WeChat allows ≤ 32 visible characters) and
 * invite codes. Crockford-style alphabet without 0/O/1/I/L so a code read aloud is unambiguous.
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Turns random bytes into a code; the randomness is an argument so this stays pure. */
export function codeFromBytes(bytes: ArrayLike<number>, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i % bytes.length] % CODE_ALPHABET.length];
  return out;
}

export const SCENE_MAX_LENGTH = 32;

/** Scene format: `<kind letter>-<code>`, e.g. `E-7K2P9QXA`: readable in logs, well under 32. */
export function makeScene(kind: 'enterprise' | 'workshop' | 'station', code: string): string {
  const prefix = kind === 'enterprise' ? 'E' : kind === 'workshop' ? 'W' : 'S';
  return `${prefix}-${code}`;
}

export function isWellFormedScene(scene: string): boolean {
  return scene.length <= SCENE_MAX_LENGTH && /^[EWS]-[2-9A-HJ-NP-Z]{4,29}$/.test(scene);
}

export function normalizeInviteCode(code: string): string {
  return code.replace(/[\s-]+/g, '').toUpperCase();
}
