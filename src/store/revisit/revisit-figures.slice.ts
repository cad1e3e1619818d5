import type { SatisfactionFigures } from '@core/api/revisit';
import { revisitService } from '../../services/revisit.service';
import { idle, loader, type Loaded, type RevisitSlice, type RevisitState } from './revisit-types';

/** 满意度: a year's satisfaction figures (key: the year). */
export interface RevisitFiguresSlice {
  figures: Loaded<SatisfactionFigures>;
  loadFigures: (year: number) => Promise<void>;
}

export const createRevisitFiguresSlice: RevisitSlice<RevisitFiguresSlice> = (set, get) => {
  const load = loader<RevisitState>(get, set);
  return {
    figures: idle<SatisfactionFigures>(),
    loadFigures: (year) => load<SatisfactionFigures>('figures', String(year), () => revisitService.figures({ year })),
  };
};
