import type { TicketActions } from '@core/contract';
import { ErrorCodes } from '@core/api/errors';
import type { TicketDetail, TicketSummary } from '@core/api/tickets';
import { toApiError } from '../../services/api-error';
import { ticketsApi } from '../../services/api/tickets';
import { idle, type Loaded, loader } from '../loaders';
import { type TicketsSlice, type TicketsState } from './tickets-types';

/** An act's own fields (the contract's input by act, without the ticket's id and version the store adds). */
export type ActInput = TicketActions['act']['in'] extends infer I ? (I extends unknown ? Omit<I, 'id' | 'version'> : never) : never;

export interface TicketsDetailSlice {
  /** The ticket on screen (key: its id). */
  detail: Loaded<TicketDetail>;
  loadDetail: (id: string) => Promise<void>;
  /** 企业点单: the new ticket becomes the one on screen. */
  submit: (input: TicketActions['submit']['in'], idempotencyKey: string) => Promise<TicketDetail>;
  /**
   * One act on the ticket on screen, with the version read. Someone else changed it meanwhile
   * (TICKET.VERSION_CONFLICT): the ticket reloads and the error goes to the page to show.
   */
  act: (input: ActInput, idempotencyKey: string) => Promise<TicketDetail>;
}

const summaryOf = (d: TicketDetail): TicketSummary => ({
  id: d.id,
  number: d.number,
  title: d.title,
  category: d.category,
  urgency: d.urgency,
  status: d.status,
  rung: d.rung,
  enterpriseName: d.enterpriseName,
  leadUnitName: d.leadUnitName,
  submittedAt: d.submittedAt,
  nextDeadline: d.nextDeadline,
  overdue: d.overdue,
  version: d.version,
});

export const createTicketsDetailSlice: TicketsSlice<TicketsDetailSlice> = (set, get) => {
  const load = loader<TicketsState>(get, set);

  /** The answer is the ticket as it is now: on screen, and in the list if it is there. */
  const adopt = (d: TicketDetail) => {
    set({ detail: { key: d.id, data: d, status: 'ready' } });
    const list = get().list;
    if (list.items.some((x) => x.id === d.id)) set({ list: { ...list, items: list.items.map((x) => (x.id === d.id ? summaryOf(d) : x)) } });
  };

  return {
    detail: idle<TicketDetail>(),
    loadDetail: (id) => load<TicketDetail>('detail', id, () => ticketsApi.get({ id })),
    submit: async (input, idempotencyKey) => {
      const d = await ticketsApi.submit(input, idempotencyKey);
      adopt(d);
      return d;
    },
    act: async (input, idempotencyKey) => {
      const read = get().detail.data;
      if (!read) throw new Error('no ticket on screen');
      try {
        const answer = await ticketsApi.act({ ...input, id: read.id, version: read.version }, idempotencyKey);
        // An act's answer leaves out the enterprise's contact (master data, not the act's): keep the one read.
        const d = answer.enterpriseContact || !read.enterpriseContact ? answer : { ...answer, enterpriseContact: read.enterpriseContact };
        adopt(d);
        return d;
      } catch (e) {
        const err = toApiError(e);
        if (err.code === ErrorCodes.TICKET_VERSION_CONFLICT) void get().loadDetail(read.id);
        throw err;
      }
    },
  };
};
