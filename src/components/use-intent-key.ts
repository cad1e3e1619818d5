import { useState } from 'react';
import { newIdempotencyKey } from '../services/idempotency';

/**
 * One idempotency key per user intent: the same while the form says the same thing (so a
 * second tap after a lost answer is the same write), a new one once the input changes or the
 * write succeeded (bump `round`).
 */
export function useIntentKey(payload: unknown, round = 0): string {
  const signature = JSON.stringify(payload);
  const [intent, setIntent] = useState(() => ({ signature, round, key: newIdempotencyKey() }));
  if (intent.signature === signature && intent.round === round) return intent.key;
  // Another intent: a new key from this render on.
  const next = { signature, round, key: newIdempotencyKey() };
  setIntent(next);
  return next.key;
}

/** The keys of one screen's intents, by signature (see useIntentKeys). */
function intentKeys(): { keyFor: (signature: unknown) => string; done: (signature: unknown) => void } {
  const keys = new Map<string, string>();
  return {
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
  };
}

/**
 * Keys for many intents on one screen (a button per list row): the same signature gets the same
 * key until `done` says that intent succeeded.
 */
export function useIntentKeys(): { keyFor: (signature: unknown) => string; done: (signature: unknown) => void } {
  const [keys] = useState(intentKeys);
  return keys;
}
