import type { RevisitActions } from '@core/contract';
import type { EvaluationView, SatisfactionFigures } from '@core/api/revisit';
import { revisitApi } from '../../services/api/revisit';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { idle, type Loaded, loader } from '../loaders';
import { type RevisitSlice, type RevisitState } from './revisit-types';

export type EvaluationFilter = Omit<RevisitActions['listEvaluations']['in'], 'cursor'>;

/** 满意度: a year's satisfaction figures (key: the year), and the ratings themselves, newest first. */
export interface RevisitFiguresSlice {
  figures: Loaded<SatisfactionFigures>;
  loadFigures: (year: number) => Promise<void>;
  evaluationFilter: EvaluationFilter;
  evaluations: Paged<EvaluationView>;
  /** Replaces the filter (e.g. only poor ratings: maxOverall 2) and loads the first page. */
  loadEvaluations: (filter: EvaluationFilter) => Promise<void>;
  loadMoreEvaluations: () => Promise<void>;
}

export const createRevisitFiguresSlice: RevisitSlice<RevisitFiguresSlice> = (set, get) => {
  const load = loader<RevisitState>(get, set);
  const paged = pagedLoader<RevisitState>(get, set);
  const fetchEvaluations = (cursor?: string) => {
    const { caseKind, maxOverall } = get().evaluationFilter;
    const input: RevisitActions['listEvaluations']['in'] = {};
    if (caseKind) input.caseKind = caseKind;
    if (maxOverall) input.maxOverall = maxOverall;
    if (cursor) input.cursor = cursor;
    return revisitApi.listEvaluations(input);
  };
  return {
    figures: idle<SatisfactionFigures>(),
    loadFigures: (year) => load<SatisfactionFigures>('figures', String(year), () => revisitApi.figures({ year })),
    evaluationFilter: {},
    evaluations: emptyPaged<EvaluationView>(),
    loadEvaluations: (filter) => {
      set({ evaluationFilter: filter });
      return paged<EvaluationView>('evaluations', fetchEvaluations, false);
    },
    loadMoreEvaluations: () => paged<EvaluationView>('evaluations', fetchEvaluations, true),
  };
};
