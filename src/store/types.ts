import type { StateCreator } from 'zustand';
import type { ApiError } from '../services/api-error';
import type { AuditSlice } from './audit.slice';
import type { CodesSlice } from './codes.slice';
import type { EnterprisesSlice } from './enterprises.slice';
import type { SessionSlice } from './session.slice';
import type { SettingsSlice } from './settings.slice';
import type { UsersSlice } from './users.slice';
import type { VolunteersSlice } from './volunteers.slice';

/** The app store (every package): who the caller is and the device's settings. */
export type AppState = SessionSlice & SettingsSlice;

export type Slice<T> = StateCreator<AppState, [], [], T>;

/** The staff subpackage's admin store (enterprises, entry codes, volunteer review, users, audit): src/store/admin.ts. */
export type AdminState = EnterprisesSlice & CodesSlice & VolunteersSlice & UsersSlice & AuditSlice;

export type AdminSlice<T> = StateCreator<AdminState, [], [], T>;

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A server list read 20 at a time. */
export interface Paged<T> {
  items: T[];
  nextCursor?: string;
  status: LoadStatus;
  /** True while the next page is being fetched (the list stays on screen). */
  loadingMore: boolean;
  error?: ApiError;
}

export function emptyPaged<T>(): Paged<T> {
  return { items: [], nextCursor: undefined, status: 'idle', loadingMore: false, error: undefined };
}
