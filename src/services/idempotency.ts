/**
 * Idempotency keys: 8–64 characters of A-Za-z0-9_-, one per user intent (a tap on "submit"),
 * reused on every retry of that intent so the server performs the write once.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomBytes(n: number): number[] {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (c?.getRandomValues) return Array.from(c.getRandomValues(new Uint8Array(n)));
  // The mini-program runtime has no WebCrypto; the key only needs to be unique per caller.
  return Array.from({ length: n }, () => Math.floor(Math.random() * 256));
}

export function newIdempotencyKey(): string {
  const time = Date.now().toString(36);
  const rand = randomBytes(16)
    .map((b) => ALPHABET[b % ALPHABET.length])
    .join('');
  return `${time}-${rand}`;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isValidIdempotencyKey(key: string): boolean {
  return IDEMPOTENCY_KEY_PATTERN.test(key);
}
