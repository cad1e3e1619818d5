/** What content security does to a demand: a photo WeChat rejected comes off it (server/modules/moderation). */
import { registerTarget } from '../moderation';
import { TICKET_PAGE } from './tickets-notifications';
import { ticketsRepository } from './tickets.repository';

registerTarget('tickets.ticket', {
  removePhoto: (id, fileID) => ticketsRepository.pullAttachment(id, fileID),
  pageOf: async (id) => `${TICKET_PAGE}?id=${id}`,
});
