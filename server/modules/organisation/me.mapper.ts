import type { Me } from '../../../core/api/user';
import type { Caller } from '../../kernel/caller';
import { communitiesRepository } from './community.repository';
import { enterprisesRepository } from './enterprise.repository';
import type { UserDoc } from './user.repository';

/** The caller as the app sees itself. Reads the enterprise and community names it shows. */
export async function toMe(openid: string, user: UserDoc | undefined): Promise<Me> {
  if (!user) return { openid, role: 'guest', locale: 'zh-CN', largeText: false };
  const [enterprise, community] = await Promise.all([
    user.enterpriseId ? enterprisesRepository.get(user.enterpriseId) : undefined,
    communitiesRepository.get(user.communityId),
  ]);
  return {
    openid,
    role: user.role,
    name: user.name,
    communityId: user.communityId,
    communityName: community?.name,
    communityNameEn: community?.nameEn,
    enterprise: enterprise ? { id: enterprise._id, name: enterprise.name, nameEn: enterprise.nameEn } : undefined,
    workshop: user.workshop,
    profession: user.profession,
    volunteerStatus: user.volunteerStatus,
    unitId: user.unitId,
    locale: user.locale,
    largeText: user.largeText,
    privacyAcceptedAt: user.privacyAcceptedAt ? new Date(user.privacyAcceptedAt).toISOString() : undefined,
    ...(user.deletion ? { deleting: true } : {}),
  };
}

export const meOf = (caller: Caller) => toMe(caller.openid, caller.user);
