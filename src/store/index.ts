import { create } from 'zustand';
import { createSessionSlice } from './session.slice';
import { createSettingsSlice } from './settings.slice';
import type { AppState } from './types';

export type { AppState, AdminState, Paged, LoadStatus } from './types';

/**
 * The app store: the session and the settings, which every package needs. Staff's admin lists
 * live in their own store (src/store/admin.ts), loaded with the staff subpackage only.
 */
export const useAppStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createSettingsSlice(...a),
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
