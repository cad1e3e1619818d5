import type { ConsoleActions } from '@core/contract';
import type { Enterprise, UserRow } from '@core/api/admin';
import type { HolidayOverride, HolidayYear, MemberUnitDetail, NoticePreview } from '@core/api/console';
import { adminApi } from '../../services/api/admin';
import { useAdminStore } from '../admin';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import { idle, type Loaded, loader } from '../loaders';
import { type ConsoleSlice, type ConsoleState } from './console-types';

export interface ConsoleMasterSlice {
  /** Master data saved: the enterprise's page and the app's enterprise list show the new record. */
  updateEnterprise: (input: ConsoleActions['updateEnterprise']['in'], idempotencyKey: string) => Promise<Enterprise>;
  units: Loaded<MemberUnitDetail[]>;
  loadUnits: () => Promise<void>;
  saveUnit: (input: ConsoleActions['saveUnit']['in'], idempotencyKey: string) => Promise<MemberUnitDetail>;
  /** Holiday corrections of one year (key: the year). */
  holidays: Loaded<HolidayOverride[]>;
  loadHolidays: (year: number) => Promise<void>;
  setHoliday: (input: ConsoleActions['setHoliday']['in'], idempotencyKey: string) => Promise<HolidayOverride[]>;
  /** The year's calendar as the deadlines see it: coverage, statutory days, days off and 调休 (key: the year). */
  holidayYear: Loaded<HolidayYear>;
  loadHolidayYear: (year: number) => Promise<void>;
  /** Reads a pasted notice: what it would import and its problems (nothing saved). */
  previewHolidayNotice: (text: string) => Promise<NoticePreview>;
  importHolidayNotice: (text: string, idempotencyKey: string) => Promise<HolidayYear>;
  /** The community's instructors (党建指导员), to assign one to an enterprise. */
  instructors: Loaded<UserRow[]>;
  loadInstructors: () => Promise<void>;
  /** Approved volunteers, whose profession staff can change. */
  approvedVolunteers: Paged<UserRow>;
  loadApprovedVolunteers: () => Promise<void>;
  loadMoreApprovedVolunteers: () => Promise<void>;
  setProfession: (input: ConsoleActions['setProfession']['in'], idempotencyKey: string) => Promise<void>;
}

export const createConsoleMasterSlice: ConsoleSlice<ConsoleMasterSlice> = (set, get) => {
  const load = loader<ConsoleState>(get, set);
  const paged = pagedLoader<ConsoleState>(get, set);
  const fetchVolunteers = (cursor?: string) => adminApi.listUsers({ role: 'volunteer', volunteerStatus: 'approved', ...(cursor ? { cursor } : {}) });
  return {
    updateEnterprise: async (input, key) => {
      const e = await adminApi.updateEnterprise(input, key);
      const o = get().overview;
      if (o.key === e.id && o.data) set({ overview: { ...o, data: { ...o.data, enterprise: e } } });
      const app = useAdminStore.getState().enterprises;
      if (app.items.some((x) => x.id === e.id)) useAdminStore.setState({ enterprises: { ...app, items: app.items.map((x) => (x.id === e.id ? e : x)) } });
      return e;
    },
    units: idle<MemberUnitDetail[]>(),
    loadUnits: () => load<MemberUnitDetail[]>('units', 'all', () => adminApi.listUnits()),
    saveUnit: async (input, key) => {
      const u = await adminApi.saveUnit(input, key);
      const list = get().units.data ?? [];
      const items = list.some((x) => x.id === u.id) ? list.map((x) => (x.id === u.id ? u : x)) : [...list, u];
      set({ units: { key: 'all', data: items, status: 'ready' } });
      return u;
    },
    holidays: idle<HolidayOverride[]>(),
    loadHolidays: (year) => load<HolidayOverride[]>('holidays', String(year), () => adminApi.listHolidays({ year })),
    setHoliday: async (input, key) => {
      const list = await adminApi.setHoliday(input, key);
      set({ holidays: { key: input.date.slice(0, 4), data: list, status: 'ready' } });
      // A correction changes the year's days: read them again.
      void get().loadHolidayYear(Number(input.date.slice(0, 4)));
      return list;
    },
    holidayYear: idle<HolidayYear>(),
    loadHolidayYear: (year) => load<HolidayYear>('holidayYear', String(year), () => adminApi.holidayYear({ year })),
    previewHolidayNotice: (text) => adminApi.previewHolidayNotice({ text }),
    importHolidayNotice: async (text, key) => {
      const y = await adminApi.importHolidayNotice({ text }, key);
      set({ holidayYear: { key: String(y.year), data: y, status: 'ready' } });
      return y;
    },
    instructors: idle<UserRow[]>(),
    loadInstructors: () => load<UserRow[]>('instructors', 'all', async () => (await adminApi.listUsers({ role: 'instructor' })).items),
    approvedVolunteers: emptyPaged<UserRow>(),
    loadApprovedVolunteers: () => paged<UserRow>('approvedVolunteers', fetchVolunteers, false),
    loadMoreApprovedVolunteers: () => paged<UserRow>('approvedVolunteers', fetchVolunteers, true),
    setProfession: async (input, key) => {
      const r = await adminApi.setProfession(input, key);
      const list = get().approvedVolunteers;
      set({ approvedVolunteers: { ...list, items: list.items.map((u) => (u.openid === r.openid ? { ...u, profession: r.profession } : u)) } });
    },
  };
};
