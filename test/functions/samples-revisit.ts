/** Samples for every `revisit` action. */
import type { Sample } from './samples';

export const RevisitSamples: Record<string, Sample> = {};
