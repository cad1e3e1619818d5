import type { TicketsContract } from '@core/contract/tickets';
import { ticketsPolicy } from '@core/contract/tickets.policy';
import { client } from './client';

/** `tickets`: the contract's actions (core/contract/tickets.ts), typed. */
export const ticketsApi = client<TicketsContract>('tickets', ticketsPolicy);
