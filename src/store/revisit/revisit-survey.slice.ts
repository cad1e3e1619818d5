import type { MySurveyView, SurveyAnswer, SurveyResponseView } from '@core/api/revisit';
import { revisitApi } from '../../services/api/revisit';
import { idle, type Loaded, loader } from '../loaders';
import { type RevisitSlice, type RevisitState } from './revisit-types';

/** 年度回访问卷: the manager's open campaigns with their forms, answered once per enterprise. */
export interface RevisitSurveySlice {
  surveys: Loaded<MySurveyView[]>;
  loadSurveys: () => Promise<void>;
  /** Answers a campaign's survey; the survey on screen becomes answered with the answers sent. */
  answerSurvey: (campaignId: string, answers: SurveyAnswer[], idempotencyKey: string) => Promise<SurveyResponseView>;
}

export const createRevisitSurveySlice: RevisitSlice<RevisitSurveySlice> = (set, get) => {
  const load = loader<RevisitState>(get, set);
  return {
    surveys: idle<MySurveyView[]>(),
    loadSurveys: () => load<MySurveyView[]>('surveys', 'mine', () => revisitApi.mySurveys()),
    answerSurvey: async (campaignId, answers, idempotencyKey) => {
      const r = await revisitApi.answerSurvey({ campaignId, answers }, idempotencyKey);
      const surveys = get().surveys;
      if (surveys.data) {
        const data = surveys.data.map((s) => (s.campaignId === campaignId ? { ...s, answered: true, answeredAt: r.at, answers: r.answers } : s));
        set({ surveys: { ...surveys, data } });
      }
      return r;
    },
  };
};
