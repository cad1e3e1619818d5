import type { TicketActions } from '@core/contract';
import type { TicketSummary } from '@core/api/tickets';
import { ticketsApi } from '../../services/api/tickets';
import { pagedLoader } from '../loaders';
import { emptyPaged, type Paged } from '../types';
import type { TicketsSlice, TicketsState } from './tickets-types';

/** The list's filters (instructor/staff); the server scopes managers and units to their own. */
export type TicketFilters = Omit<TicketActions['list']['in'], 'cursor'>;

export interface TicketsListSlice {
  filters: TicketFilters;
  list: Paged<TicketSummary>;
  /** Replaces the filters (when given) and loads the first page. */
  loadList: (filters?: TicketFilters) => Promise<void>;
  loadMoreList: () => Promise<void>;
}

/** Only the filters that say something go to the server (no `overdueOnly: false`, no empty keys). */
export function listInput(filters: TicketFilters, cursor?: string): TicketActions['list']['in'] {
  const input: TicketActions['list']['in'] = {};
  if (filters.status) input.status = filters.status;
  if (filters.overdueOnly) input.overdueOnly = true;
  if (filters.rung !== undefined) input.rung = filters.rung;
  if (filters.category) input.category = filters.category;
  if (cursor) input.cursor = cursor;
  return input;
}

export const createTicketsListSlice: TicketsSlice<TicketsListSlice> = (set, get) => {
  const paged = pagedLoader<TicketsState>(get, set);
  const fetch = (cursor?: string) => ticketsApi.list(listInput(get().filters, cursor));
  return {
    filters: {},
    list: emptyPaged<TicketSummary>(),
    loadList: (filters) => {
      if (filters) set({ filters });
      return paged<TicketSummary>('list', fetch, false);
    },
    loadMoreList: () => paged<TicketSummary>('list', fetch, true),
  };
};
