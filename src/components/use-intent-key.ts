import { useMemo } from 'react';
import { newIdempotencyKey } from '../services/idempotency';

/**
 * One idempotency key per user intent: the same while the form says the same thing (so a
 * second tap after a lost answer is the same write), a new one once the input changes or the
 * write succeeded (bump `round`).
 */
export function useIntentKey(payload: unknown, round = 0): string {
  const signature = JSON.stringify(payload);
  return useMemo(() => newIdempotencyKey(), [signature, round]);
}

/**
 * Keys for many intents on one screen (a button per list row): the same signature gets the same
 * key until `done` says that intent succeeded.
 */
export function useIntentKeys(): { keyFor: (signature: unknown) => string; done: (signature: unknown) => void } {
  const keys = useMemo(() => new Map<string, string>(), []);
  return useMemo(
    () => ({
      keyFor: (signature: unknown) => {
        const s = JSON.stringify(signature);
        let k = keys.get(s);
        if (!k) {
          k = newIdempotencyKey();
          keys.set(s, k);
        }
        return k;
      },
      done: (signature: unknown) => {
        keys.delete(JSON.stringify(signature));
      },
    }),
    [keys],
  );
}
