import type { StateCreator } from 'zustand';
import type { ApiError } from '../../services/api-error';
import type { LoadStatus } from '../types';
import type { ClinicBookingSlice } from './clinic-booking.slice';
import type { ClinicDutySlice } from './clinic-duty.slice';
import type { ClinicRosterSlice } from './clinic-roster.slice';

export type ClinicState = ClinicBookingSlice & ClinicDutySlice & ClinicRosterSlice;
export type ClinicSlice<T> = StateCreator<ClinicState, [], [], T>;

/** One server answer held by the store, with the request's key (a month, a session…). */
export interface Loaded<T> {
  key?: string;
  data?: T;
  status: LoadStatus;
  error?: ApiError;
}

export const idle = <T>(): Loaded<T> => ({ status: 'idle' });
