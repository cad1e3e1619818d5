import type { StateCreator } from 'zustand';
import type { ConsoleInsightsSlice } from './console-insights.slice';
import type { ConsoleMasterSlice } from './console-master.slice';
import type { ConsoleReviewSlice } from './console-review.slice';
import type { ConsoleVisitsSlice } from './console-visits.slice';

export type ConsoleState = ConsoleVisitsSlice & ConsoleInsightsSlice & ConsoleMasterSlice & ConsoleReviewSlice;
export type ConsoleSlice<T> = StateCreator<ConsoleState, [], [], T>;
