import { create } from 'zustand';
import { useAppStore } from '..';
import { createRevisitCampaignsSlice } from './revisit-campaigns.slice';
import { createRevisitFiguresSlice } from './revisit-figures.slice';
import { createRevisitFormsSlice } from './revisit-forms.slice';
import { createRevisitRateSlice } from './revisit-rate.slice';
import { createRevisitSurveySlice } from './revisit-survey.slice';
import type { RevisitState } from './revisit-types';

export type { RevisitState } from './revisit-types';
export type { Loaded } from '../loaders';
export type { TargetFilter, RecordInput } from './revisit-campaigns.slice';

/**
 * The satisfaction store: its slices combined once. Its own store, imported only by the
 * `revisit/` subpackage's pages, so none of it weighs on the main package.
 */
export const useRevisitStore = create<RevisitState>()((...a) => ({
  ...createRevisitRateSlice(...a),
  ...createRevisitSurveySlice(...a),
  ...createRevisitCampaignsSlice(...a),
  ...createRevisitFormsSlice(...a),
  ...createRevisitFiguresSlice(...a),
}));

export function resetRevisitStore(): void {
  useRevisitStore.setState(useRevisitStore.getInitialState(), true);
}

// What one person saw is not for the next one (the dev login switches person).
useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) resetRevisitStore();
});
