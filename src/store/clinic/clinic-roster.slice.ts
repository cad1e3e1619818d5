import type { ClinicSettings, CoverageGapView, RotationResult, SessionView } from '@core/api/clinic';
import { clinicApi } from '../../services/api/clinic';
import { idle, loader, type Loaded } from '../loaders';
import { type ClinicSlice, type ClinicState } from './clinic-types';
import { readerScope } from './reader-scope';

export interface ClinicRosterSlice {
  /** Staff: a month's sessions with their staffing, and the gaps (key: month). */
  roster: Loaded<SessionView[]>;
  coverage: Loaded<CoverageGapView[]>;
  loadRoster: (month: string) => Promise<void>;
  /** The last rotation generated on this screen. */
  planned?: RotationResult & { month: string };
  /** 生成排班's preview: what it would assign and why each gap would stay; nothing written. */
  previewRotation: (month: string, idempotencyKey: string) => Promise<RotationResult>;
  planRotation: (month: string, idempotencyKey: string) => Promise<void>;
  /** The community's clinic settings (staff edit them; everyone reads the station from them). */
  settings: Loaded<ClinicSettings>;
  loadSettings: () => Promise<void>;
  saveSettings: (patch: Partial<ClinicSettings>, idempotencyKey: string) => Promise<ClinicSettings>;
}

export const createClinicRosterSlice: ClinicSlice<ClinicRosterSlice> = (set, get) => {
  const load = loader<ClinicState>(get, set);
  const loadRoster = async (month: string) => {
    await Promise.all([load('roster', month, () => clinicApi.calendar({ month })), load('coverage', month, () => clinicApi.coverage({ month }))]);
  };
  return {
    roster: idle(),
    coverage: idle(),
    loadRoster,
    planned: undefined,
    previewRotation: (month, key) => clinicApi.planRotation({ month, preview: true }, key),
    planRotation: async (month, key) => {
      const result = await clinicApi.planRotation({ month }, key);
      set({ planned: { month, ...result } });
      await loadRoster(month);
    },
    settings: idle(),
    loadSettings: () => load('settings', 'settings', async () => clinicApi.settings(await readerScope())),
    saveSettings: async (patch, key) => {
      const saved = await clinicApi.updateSettings(patch, key);
      set({ settings: { key: 'settings', data: saved, status: 'ready' } });
      return saved;
    },
  };
};
