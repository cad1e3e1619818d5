import { create } from 'zustand';
import { useAppStore } from '..';
import { createTicketsDeskSlice } from './tickets-desk.slice';
import { createTicketsDetailSlice } from './tickets-detail.slice';
import { createTicketsListSlice } from './tickets-list.slice';
import type { TicketsState } from './tickets-types';

export type { TicketsState } from './tickets-types';
export type { Loaded } from '../loaders';
export type { TicketFilters } from './tickets-list.slice';
export type { ActInput } from './tickets-detail.slice';

/**
 * The enterprise-demands store: its slices combined once. Its own store, imported only by the
 * `tickets/` subpackage's pages, so none of it weighs on the main package.
 */
export const useTicketsStore = create<TicketsState>()((...a) => ({
  ...createTicketsListSlice(...a),
  ...createTicketsDetailSlice(...a),
  ...createTicketsDeskSlice(...a),
}));

export function resetTicketsStore(): void {
  useTicketsStore.setState(useTicketsStore.getInitialState(), true);
}

// What one person saw is not for the next one (the dev login switches person).
useAppStore.subscribe((s, prev) => {
  if (prev.me && s.me?.openid !== prev.me.openid) resetTicketsStore();
});
