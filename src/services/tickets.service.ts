import type { TicketActions } from '@core/api/tickets';
import { callFunction } from './call-function';

type In<A extends keyof TicketActions> = TicketActions[A]['in'];

/** `tickets` (企业诉求): submission, the dispatch chain's acts, the catalogue and the monthly 会诊. */
export const ticketsService = {
  submit: (data: In<'submit'>, idempotencyKey?: string) => callFunction('tickets', 'submit', data, { write: true, idempotencyKey }),
  list: (data: In<'list'>) => callFunction('tickets', 'list', data),
  get: (data: In<'get'>) => callFunction('tickets', 'get', data),
  /** One act with the version the caller read (TICKET.VERSION_CONFLICT when it changed since). */
  act: (data: In<'act'>, idempotencyKey?: string) => callFunction('tickets', 'act', data, { write: true, idempotencyKey }),
  units: () => callFunction('tickets', 'units', {}),
  catalogue: () => callFunction('tickets', 'catalogue', {}),
  setCatalogue: (data: In<'setCatalogue'>, idempotencyKey?: string) => callFunction('tickets', 'setCatalogue', data, { write: true, idempotencyKey }),
  agenda: (data: In<'agenda'>) => callFunction('tickets', 'agenda', data),
  editAgenda: (data: In<'editAgenda'>, idempotencyKey?: string) => callFunction('tickets', 'editAgenda', data, { write: true, idempotencyKey }),
  recordDecision: (data: In<'recordDecision'>, idempotencyKey?: string) => callFunction('tickets', 'recordDecision', data, { write: true, idempotencyKey }),
};
