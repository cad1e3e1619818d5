/** What content security does to a visit log: a photo WeChat rejected comes off it (server/modules/moderation). */
import { registerTarget } from '../moderation';
import { visitsRepository } from './visits.repository';

registerTarget('admin.visit', {
  removePhoto: (id, fileID) => visitsRepository.pullPhoto(id, fileID),
  pageOf: async (id) => `staff/pages/visit/index?id=${id}`,
});
