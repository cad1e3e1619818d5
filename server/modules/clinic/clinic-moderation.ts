/** What content security does to a consultation: a photo WeChat rejected comes off it (server/modules/moderation). */
import { registerTarget } from '../moderation';
import { MY_BOOKINGS_PAGE } from './clinic-notifications';
import { bookingsRepository } from './clinic.repository';

registerTarget('clinic.booking', {
  removePhoto: (id, fileID) => bookingsRepository.pullAttachment(id, fileID),
  pageOf: async () => MY_BOOKINGS_PAGE,
});
