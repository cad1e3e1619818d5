/**
 * What a person does about their own identity: see who they are, enter through a QR code,
 * change settings, join an enterprise with an invite, apply to volunteer.
 */
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { ErrorCodes } from '../../../core/api/errors';
import type { Profession } from '../../../core/api/roles';
import type { EntryLanding, Locale, Me } from '../../../core/api/user';
import { canApplyAsVolunteer, canJoinAsManager } from '../../../core/rules/roles';
import { getDb } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import { Collections } from '../../db/schema';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError } from '../../kernel/errors';
import { auditRepository } from './audit.repository';
import { communitiesRepository } from './community.repository';
import { enterprisesRepository } from './enterprise.repository';
import { entryCodesRepository } from './entry-code.repository';
import { invitesRepository } from './invite.repository';
import { meOf, toMe } from './me.mapper';
import { usersRepository, type UserDoc } from './user.repository';

const LANDING_PAGE = {
  enterprise: 'pages/index/index',
  workshop: 'pages/index/index',
  station: 'pages/index/index',
} as const;

export function getMe(ctx: ActionContext): Promise<Me> {
  return meOf(ctx.caller);
}

/**
 * Opening the app through a QR code. A first-time visitor who accepts the privacy notice
 * becomes a worker of the code's enterprise (no registration form); anyone else just lands.
 * A person already bound keeps their enterprise: scanning another factory's poster must not
 * silently move them.
 */
export async function enterByScene(ctx: ActionContext, input: { scene: string; acceptPrivacy?: boolean }): Promise<EntryLanding> {
  const code = await entryCodesRepository.get(input.scene);
  if (!code) throw new DomainError(ErrorCodes.ENTRY_UNKNOWN_SCENE, 'this QR code is not known');
  if (code.disabled) throw new DomainError(ErrorCodes.ENTRY_DISABLED, 'this QR code has been withdrawn');
  const enterprise = code.enterpriseId ? await enterprisesRepository.get(code.enterpriseId) : undefined;
  const targetName = code.kind === 'station' ? code.label : `${enterprise?.name ?? code.label}${code.workshop ? ` · ${code.workshop}` : ''}`;

  let user = ctx.caller.user;
  let bound = false;
  if (!user && code.kind !== 'station') {
    if (!input.acceptPrivacy) throw new DomainError(ErrorCodes.USER_PRIVACY_REQUIRED, 'please read and accept the privacy notice first');
    const now = ctx.clock.now();
    const doc: UserDoc = {
      _id: ctx.caller.openid,
      role: 'worker',
      communityId: code.communityId,
      enterpriseId: code.enterpriseId,
      workshop: code.workshop,
      locale: 'zh-CN',
      largeText: false,
      privacyAcceptedAt: now,
      createdAt: now,
      updatedAt: now,
    };
    // Two taps on a slow network: the first insert wins, the second reads what it wrote.
    bound = await usersRepository.insertIfAbsent(doc);
    user = bound ? doc : await usersRepository.get(ctx.caller.openid);
  } else if (user && user.role === 'worker' && !user.enterpriseId && code.enterpriseId) {
    await usersRepository.update(user._id, { enterpriseId: code.enterpriseId, workshop: code.workshop, updatedAt: ctx.clock.now() });
    user = { ...user, enterpriseId: code.enterpriseId, workshop: code.workshop };
    bound = true;
  }
  return {
    me: await toMe(ctx.caller.openid, user),
    page: LANDING_PAGE[code.kind],
    kind: code.kind,
    targetName,
    bound,
  };
}

export async function updateSettings(ctx: ActionContext, input: { locale?: Locale; largeText?: boolean; name?: string }): Promise<Me> {
  const user = requireUser(ctx);
  // A name is profile text (msgSecCheck scene 1, 资料): a risky one is refused.
  if (input.name !== undefined) await assertTextSafe([input.name], ctx.caller.openid, CheckScene.profile);
  const patch: Partial<UserDoc> = { updatedAt: ctx.clock.now() };
  if (input.locale !== undefined) patch.locale = input.locale;
  if (input.largeText !== undefined) patch.largeText = input.largeText;
  if (input.name !== undefined) patch.name = input.name;
  await usersRepository.update(user._id, patch);
  return toMe(user._id, { ...user, ...patch });
}

/**
 * A manager joins with an invite code. The use count, the person's record and the audit entry
 * change together in one transaction, so an invite for 3 people never admits a 4th.
 */
export async function joinEnterprise(ctx: ActionContext, input: { inviteCode: string; name: string; acceptPrivacy?: boolean }): Promise<Me> {
  if (!canJoinAsManager(ctx.caller.role)) {
    throw new DomainError(ErrorCodes.ROLE_CHANGE_INVALID, `a ${ctx.caller.role} cannot become an enterprise manager by invite`);
  }
  if (!ctx.caller.user && !input.acceptPrivacy) {
    throw new DomainError(ErrorCodes.USER_PRIVACY_REQUIRED, 'please read and accept the privacy notice first');
  }
  await assertTextSafe([input.name], ctx.caller.openid, CheckScene.profile);
  const now = ctx.clock.now();
  const openid = ctx.caller.openid;
  const user = await inTransaction(async (tx) => {
    const invite = await invitesRepository.get(input.inviteCode, tx);
    if (!invite) throw new DomainError(ErrorCodes.INVITE_INVALID, 'this invite code is not valid');
    if (new Date(invite.expiresAt).getTime() <= now.getTime()) throw new DomainError(ErrorCodes.INVITE_EXPIRED, 'this invite code has expired');
    if (invite.uses >= invite.maxUses) throw new DomainError(ErrorCodes.INVITE_USED_UP, 'this invite code has been used up');
    const existing = await usersRepository.get(openid, tx);
    if (existing && !canJoinAsManager(existing.role)) {
      throw new DomainError(ErrorCodes.ROLE_CHANGE_INVALID, `a ${existing.role} cannot become an enterprise manager by invite`);
    }
    const next: UserDoc = {
      ...(existing ?? { _id: openid, locale: 'zh-CN' as const, largeText: false, createdAt: now, privacyAcceptedAt: now }),
      role: 'manager',
      name: input.name,
      communityId: invite.communityId,
      enterpriseId: invite.enterpriseId,
      updatedAt: now,
    };
    await invitesRepository.setUses(invite._id, invite.uses + 1, tx);
    await usersRepository.put(next, tx);
    await auditRepository.append(
      { communityId: invite.communityId, at: now, actorOpenid: openid, action: 'join-by-invite', targetOpenid: openid, from: existing?.role ?? 'guest', to: 'manager', note: `invite ${invite._id}` },
      tx,
    );
    return next;
  });
  return toMe(openid, user);
}

/** A professional asks to volunteer; they stay 'pending' (and can't act as one) until staff approve. */
export async function applyVolunteer(
  ctx: ActionContext,
  input: { profession: Profession; name: string; organisation: string; phone: string; communityId?: string; acceptPrivacy?: boolean },
): Promise<Me> {
  if (!canApplyAsVolunteer(ctx.caller.role)) throw new DomainError(ErrorCodes.VOLUNTEER_ALREADY_APPLIED, `a ${ctx.caller.role} cannot apply to volunteer`);
  if (!ctx.caller.user && !input.acceptPrivacy) throw new DomainError(ErrorCodes.USER_PRIVACY_REQUIRED, 'please read and accept the privacy notice first');
  const communityId = ctx.caller.user?.communityId ?? input.communityId;
  if (!communityId || !(await communitiesRepository.get(communityId))) {
    throw new DomainError(ErrorCodes.INPUT_INVALID, 'choose the community you volunteer for', { communityId: 'unknown community' });
  }
  await assertTextSafe([input.name, input.organisation], ctx.caller.openid, CheckScene.profile);
  const now = ctx.clock.now();
  const openid = ctx.caller.openid;
  const user = await inTransaction(async (tx) => {
    const existing = await usersRepository.get(openid, tx);
    if (existing && !canApplyAsVolunteer(existing.role)) throw new DomainError(ErrorCodes.VOLUNTEER_ALREADY_APPLIED, 'you have already applied');
    const next: UserDoc = {
      ...(existing ?? { _id: openid, locale: 'zh-CN' as const, largeText: false, createdAt: now, privacyAcceptedAt: now }),
      role: 'volunteer',
      communityId,
      name: input.name,
      organisation: input.organisation,
      phone: input.phone,
      profession: input.profession,
      volunteerStatus: 'pending',
      updatedAt: now,
    };
    await usersRepository.put(next, tx);
    await auditRepository.append(
      { communityId, at: now, actorOpenid: openid, action: 'apply-volunteer', targetOpenid: openid, from: existing?.role ?? 'guest', to: 'volunteer', note: input.profession },
      tx,
    );
    return next;
  });
  return toMe(openid, user);
}

export async function listCommunities(): Promise<{ id: string; name: string; nameEn?: string }[]> {
  const res = await getDb().collection(Collections.communities).limit(100).get();
  return (res.data as { _id: string; name: string; nameEn?: string }[]).map((c) => ({ id: c._id, name: c.name, nameEn: c.nameEn }));
}

function requireUser(ctx: ActionContext): UserDoc {
  if (!ctx.caller.user) throw new DomainError(ErrorCodes.AUTH_REQUIRED, 'enter through a QR code or an invite first');
  return ctx.caller.user;
}
