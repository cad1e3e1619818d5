import { defineFunction } from '../kernel/define-function';

/** `revisit`: per-case evaluation, survey forms, the yearly revisit campaign (每年一回访), follow-ups and figures. */
export const revisitFunction = defineFunction({
  name: 'revisit',
  actions: {},
});
