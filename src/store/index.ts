import { create } from 'zustand';
import { createAuditSlice } from './audit.slice';
import { createCodesSlice } from './codes.slice';
import { createEnterprisesSlice } from './enterprises.slice';
import { createSessionSlice } from './session.slice';
import { createSettingsSlice } from './settings.slice';
import type { AppState } from './types';
import { createUsersSlice } from './users.slice';
import { createVolunteersSlice } from './volunteers.slice';

export type { AppState, Paged, LoadStatus } from './types';

/** The one store: every slice combined once (zustand slices pattern). */
export const useAppStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createSettingsSlice(...a),
  ...createEnterprisesSlice(...a),
  ...createCodesSlice(...a),
  ...createVolunteersSlice(...a),
  ...createUsersSlice(...a),
  ...createAuditSlice(...a),
}));

/** Back to the first state: between tests, and when the dev login switches person. */
export function resetAppStore(): void {
  useAppStore.setState(useAppStore.getInitialState(), true);
}

/** Drops what one person saw before another signs in (settings stay with the device). */
export function resetUserData(): void {
  const initial = useAppStore.getInitialState();
  const { locale, largeText } = useAppStore.getState();
  useAppStore.setState({ ...initial, locale, largeText }, true);
}
