import { create } from 'zustand';
import { useAppStore } from '..';
import { createConsoleInsightsSlice } from './console-insights.slice';
import { createConsoleMasterSlice } from './console-master.slice';
import { createConsoleReviewSlice } from './console-review.slice';
import { createConsoleVisitsSlice } from './console-visits.slice';
import type { ConsoleState } from './console-types';

export type { ConsoleState } from './console-types';
export type { Loaded } from '../loaders';
export type { VisitScope, OverviewState } from './console-visits.slice';
export type { ProblemFilter, ExportInput } from './console-insights.slice';

/**
 * The staff console's store (visits, enterprise pages, problem list, dashboards, exports, master
 * data): its slices combined once, imported only by the `staff/` subpackage's console pages.
 */
export const useConsoleStore = create<ConsoleState>()((...a) => ({
  ...createConsoleVisitsSlice(...a),
  ...createConsoleInsightsSlice(...a),
  ...createConsoleMasterSlice(...a),
  ...createConsoleReviewSlice(...a),
}));

export function resetConsoleStore(): void {
  useConsoleStore.setState(useConsoleStore.getInitialState(), true);
}

// What one person saw is not for the next one (the dev login switches person).
useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) resetConsoleStore();
});
