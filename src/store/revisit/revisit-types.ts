import type { StateCreator } from 'zustand';
import type { RevisitCampaignsSlice } from './revisit-campaigns.slice';
import type { RevisitFiguresSlice } from './revisit-figures.slice';
import type { RevisitFormsSlice } from './revisit-forms.slice';
import type { RevisitRateSlice } from './revisit-rate.slice';
import type { RevisitSurveySlice } from './revisit-survey.slice';

export type RevisitState = RevisitRateSlice & RevisitSurveySlice & RevisitCampaignsSlice & RevisitFormsSlice & RevisitFiguresSlice;
export type RevisitSlice<T> = StateCreator<RevisitState, [], [], T>;



/** The store key of one case's evaluation. */
export const caseKey = (caseKind: string, caseId: string) => `${caseKind}:${caseId}`;
