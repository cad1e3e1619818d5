import type { StateCreator } from 'zustand';
import type { ClinicBookingSlice } from './clinic-booking.slice';
import type { ClinicDutySlice } from './clinic-duty.slice';
import type { ClinicRosterSlice } from './clinic-roster.slice';

export type ClinicState = ClinicBookingSlice & ClinicDutySlice & ClinicRosterSlice;
export type ClinicSlice<T> = StateCreator<ClinicState, [], [], T>;
