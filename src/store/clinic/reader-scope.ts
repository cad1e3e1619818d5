import { userApi } from '../../services/api/user';
import { useAppStore } from '..';

let guestCommunity: Promise<string | undefined> | undefined;

/**
 * The community whose roster a reader sees. A member reads their own (the server knows it from
 * their record); a guest, e.g. a visitor who scanned the station's QR code, has no community yet
 * and names one: the first the service lists (one community per deployment today).
 */
export async function readerScope(): Promise<{ communityId?: string }> {
  const me = useAppStore.getState().me;
  if (me?.role !== 'guest') return {};
  guestCommunity ??= userApi.communities().then(
    (list) => list[0]?.id,
    (e) => {
      guestCommunity = undefined;
      throw e;
    },
  );
  const id = await guestCommunity;
  return id ? { communityId: id } : {};
}
