/**
 * Who may read a ticket (privacy of demands): the caller as a machine actor, NOT_FOUND across
 * communities, TICKET.NOT_YOURS inside one.
 */
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import { type TicketActor } from '../../../core/rules/ticket-machine';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { ticketsRepository, type TicketDoc } from './tickets.repository';

export const ticketError = (code: ErrorCode, message: string = code) => new DomainError(code, message);

export function communityOf(ctx: ActionContext): string {
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  return ctx.caller.communityId;
}

export function actorOf(ctx: ActionContext): TicketActor {
  const u = ctx.caller.user;
  return { id: ctx.caller.openid, role: ctx.caller.role, unitId: u?.unitId, enterpriseId: u?.enterpriseId, communityId: ctx.caller.communityId };
}

export const SYSTEM_NAME = '系统';
export const SYSTEM: TicketActor = { id: 'system', role: 'system' };

// ---- privacy ---------------------------------------------------------------------------------

/** Whether `actor` may read `t`: NOT_FOUND across communities, TICKET.NOT_YOURS inside one. */
export function assertReadable(t: TicketDoc, actor: TicketActor): void {
  if (actor.role === 'system') return;
  if (actor.communityId !== t.communityId) throw notFound('ticket');
  switch (actor.role) {
    case 'manager':
      if (!actor.enterpriseId || actor.enterpriseId !== t.enterpriseId) throw ticketError(ErrorCodes.TICKET_NOT_YOURS, 'this ticket belongs to another enterprise');
      return;
    case 'unit':
      if (!actor.unitId || (actor.unitId !== t.leadUnitId && !(t.assistUnitIds ?? []).includes(actor.unitId))) {
        throw ticketError(ErrorCodes.TICKET_NOT_YOURS, 'this ticket is not dispatched to your unit');
      }
      return;
    case 'staff':
    case 'instructor':
    case 'admin':
      return;
    default:
      throw forbidden(`${actor.role} may not read tickets`);
  }
}

export async function loadReadable(id: string, actor: TicketActor): Promise<TicketDoc> {
  const doc = await ticketsRepository.get(id);
  if (!doc) throw notFound('ticket');
  assertReadable(doc, actor);
  return doc;
}

