import type { TicketActions } from '@core/contract';
import type { AgendaView, CatalogueEntry, MemberUnit } from '@core/api/tickets';
import { ticketsApi } from '../../services/api/tickets';
import { idle, type Loaded, loader } from '../loaders';
import { type TicketsSlice, type TicketsState } from './tickets-types';

/** The community desk: member units, the dispatch catalogue and the month's 会诊 agenda. */
export interface TicketsDeskSlice {
  units: Loaded<MemberUnit[]>;
  loadUnits: () => Promise<void>;
  catalogue: Loaded<CatalogueEntry[]>;
  loadCatalogue: () => Promise<void>;
  setCatalogue: (entry: CatalogueEntry, idempotencyKey: string) => Promise<void>;
  /** 每月一会诊 (key: the month, YYYY-MM). */
  agenda: Loaded<AgendaView>;
  loadAgenda: (month: string) => Promise<void>;
  editAgenda: (input: TicketActions['editAgenda']['in'], idempotencyKey: string) => Promise<void>;
  recordDecision: (input: TicketActions['recordDecision']['in'], idempotencyKey: string) => Promise<void>;
}

export const createTicketsDeskSlice: TicketsSlice<TicketsDeskSlice> = (set, get) => {
  const load = loader<TicketsState>(get, set);
  const showAgenda = (a: AgendaView) => set({ agenda: { key: a.month, data: a, status: 'ready' } });
  return {
    units: idle<MemberUnit[]>(),
    loadUnits: () => load<MemberUnit[]>('units', 'all', () => ticketsApi.units()),
    catalogue: idle<CatalogueEntry[]>(),
    loadCatalogue: () => load<CatalogueEntry[]>('catalogue', 'all', () => ticketsApi.catalogue()),
    setCatalogue: async (entry, idempotencyKey) => {
      const data = await ticketsApi.setCatalogue(entry, idempotencyKey);
      set({ catalogue: { key: 'all', data, status: 'ready' } });
    },
    agenda: idle<AgendaView>(),
    loadAgenda: (month) => load<AgendaView>('agenda', month, () => ticketsApi.agenda({ month })),
    editAgenda: async (input, idempotencyKey) => showAgenda(await ticketsApi.editAgenda(input, idempotencyKey)),
    recordDecision: async (input, idempotencyKey) => showAgenda(await ticketsApi.recordDecision(input, idempotencyKey)),
  };
};
