import { useState } from 'react';

/**
 * The time the screen was opened, in ms: what "already over" and "still ahead" are judged
 * against, the same on every render (a render must not read the clock).
 */
export function useNow(): number {
  const [now] = useState(() => Date.now());
  return now;
}
