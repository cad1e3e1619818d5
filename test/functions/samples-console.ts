/** Samples for the staff console's `admin` actions (visits, problems, dashboards, exports, master data). */
import type { Sample } from './samples';

export const ConsoleSamples: Record<string, Sample> = {};
