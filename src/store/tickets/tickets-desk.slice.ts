import type { TicketActions } from '@core/contract';
import type { AgendaView, CatalogueEntry, MemberUnit } from '@core/api/tickets';
import { ticketsApi } from '../../services/api/tickets';
import { toApiError } from '../../services/api-error';
import { idle, type Loaded, loader } from '../loaders';
import { type TicketsSlice, type TicketsState } from './tickets-types';

/** The month's 会诊 agenda on screen (key: the month): the pages read so far, merged. */
export type AgendaState = Loaded<AgendaView> & { loadingMore: boolean };

/** The community desk: member units, the dispatch catalogue and the month's 会诊 agenda. */
export interface TicketsDeskSlice {
  units: Loaded<MemberUnit[]>;
  loadUnits: () => Promise<void>;
  catalogue: Loaded<CatalogueEntry[]>;
  loadCatalogue: () => Promise<void>;
  setCatalogue: (entry: CatalogueEntry, idempotencyKey: string) => Promise<void>;
  /** 每月一会诊 (key: the month, YYYY-MM): its first page, then more with loadMoreAgenda. */
  agenda: AgendaState;
  loadAgenda: (month: string) => Promise<void>;
  /** The next page of the agenda on screen (nothing when there is none or one is on its way). */
  loadMoreAgenda: () => Promise<void>;
  /** An edit answers the agenda's first page, which replaces the pages on screen; a decision updates its item in place. */
  editAgenda: (input: TicketActions['editAgenda']['in'], idempotencyKey: string) => Promise<void>;
  recordDecision: (input: TicketActions['recordDecision']['in'], idempotencyKey: string) => Promise<void>;
}

export const createTicketsDeskSlice: TicketsSlice<TicketsDeskSlice> = (set, get) => {
  const load = loader<TicketsState>(get, set);
  // The agenda: a newer read (another month, a reload, an edit's answer) drops the answer of an older one.
  let agendaToken: object | undefined;
  const showAgenda = (a: AgendaView) => {
    agendaToken = {};
    set({ agenda: { key: a.month, data: a, status: 'ready', loadingMore: false } });
  };
  const readAgenda = async (month: string, more: boolean) => {
    const current = get().agenda;
    if (more && (current.key !== month || !current.data?.nextCursor || current.loadingMore || current.status !== 'ready')) return;
    const token = {};
    agendaToken = token;
    const kept = current.key === month ? current.data : undefined;
    set({ agenda: more ? { ...current, loadingMore: true, error: undefined } : { key: month, data: kept, status: 'loading', loadingMore: false } });
    try {
      const page = await ticketsApi.agenda(more && kept?.nextCursor ? { month, cursor: kept.nextCursor } : { month });
      if (agendaToken !== token) return;
      const data = more && kept ? { ...page, items: [...kept.items, ...page.items] } : page;
      set({ agenda: { key: month, data, status: 'ready', loadingMore: false } });
    } catch (e) {
      if (agendaToken !== token) return;
      const base = get().agenda;
      set({ agenda: { ...base, status: more ? base.status : 'error', loadingMore: false, error: toApiError(e) } });
    }
  };
  return {
    units: idle<MemberUnit[]>(),
    loadUnits: () => load<MemberUnit[]>('units', 'all', () => ticketsApi.units()),
    catalogue: idle<CatalogueEntry[]>(),
    loadCatalogue: () => load<CatalogueEntry[]>('catalogue', 'all', () => ticketsApi.catalogue()),
    setCatalogue: async (entry, idempotencyKey) => {
      const data = await ticketsApi.setCatalogue(entry, idempotencyKey);
      set({ catalogue: { key: 'all', data, status: 'ready' } });
    },
    agenda: { status: 'idle', loadingMore: false },
    loadAgenda: (month) => readAgenda(month, false),
    loadMoreAgenda: async () => {
      const month = get().agenda.key;
      if (month) await readAgenda(month, true);
    },
    editAgenda: async (input, idempotencyKey) => showAgenda(await ticketsApi.editAgenda(input, idempotencyKey)),
    // A decision changes one item: the pages on screen stay (the decided demand may be on a later
    // page than the answer's first), with its decision as the server answered it or as sent.
    recordDecision: async (input, idempotencyKey) => {
      const answer = await ticketsApi.recordDecision(input, idempotencyKey);
      const current = get().agenda;
      if (current.key !== answer.month || !current.data) return showAgenda(answer);
      const decision = answer.items.find((i) => i.ticket.id === input.ticketId)?.decision ?? { owner: input.owner, deadline: input.deadline, note: input.note, decidedAt: new Date().toISOString() };
      agendaToken = {};
      set({ agenda: { ...current, status: 'ready', loadingMore: false, data: { ...current.data, edited: answer.edited, items: current.data.items.map((i) => (i.ticket.id === input.ticketId ? { ...i, decision } : i)) } } });
    },
  };
};
