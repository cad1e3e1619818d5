/**
 * How deep an event may nest. No client event of this app nests beyond a handful of levels;
 * a few thousand levels overflow the stack of JSON.stringify (and of a validator) in the
 * function, which answered HTTP 500. The platform's answer to such an event is an input error.
 */
export const MAX_EVENT_DEPTH = 100;

/** Whether `value` nests objects or arrays deeper than `max` levels; iterative, so any depth is measured safely. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
