import { create } from 'zustand';
import { useAppStore } from '..';
import { createClinicBookingSlice } from './clinic-booking.slice';
import { createClinicDutySlice } from './clinic-duty.slice';
import { createClinicRosterSlice } from './clinic-roster.slice';
import type { ClinicState } from './clinic-types';

export type { ClinicState } from './clinic-types';
export type { Loaded } from '../loaders';
export type { DutySession } from './clinic-duty.slice';

/**
 * The 三师 clinic store: its slices combined once. Its own store, imported only by the `clinic/`
 * subpackage's pages, so none of it weighs on the mini-program's main package.
 */
export const useClinicStore = create<ClinicState>()((...a) => ({
  ...createClinicBookingSlice(...a),
  ...createClinicDutySlice(...a),
  ...createClinicRosterSlice(...a),
}));

export function resetClinicStore(): void {
  useClinicStore.setState(useClinicStore.getInitialState(), true);
}

// What one person saw is not for the next one (the dev login switches person).
useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) resetClinicStore();
});
