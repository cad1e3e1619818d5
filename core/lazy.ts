/**
 * A constant computed the first time it is asked for, then kept: `once(() => build())`. For values
 * that depend on nothing but code and data shipped with it (a contract's input schemas, the holiday
 * tables parsed from their JSON text), so a cold function pays only for what its call uses. Not for
 * state: what varies (the clock, a community's calendar, settings) is an argument, never kept here
 * (scripts/architecture.test.ts forbids module-level `let` in core/).
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}
