/**
 * Community staff and admins manage who is who: enterprises, invite codes, QR entry codes,
 * volunteer approvals, role appointments, and the audit of all of it. Every use case is scoped
 * to the caller's community.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AuditEntry, EntryCode, EntryKind, Enterprise, MiniProgramEnvVersion, Invite, Page, UserRow } from '../../../core/api/admin';
import { ErrorCodes } from '../../../core/api/errors';
import type { Role } from '../../../core/api/roles';
import { codeFromBytes, makeScene } from '../../../core/rules/codes';
import { isValidCreditCode, normalizeCreditCode } from '../../../core/rules/credit-code';
import { maskPhone } from '../../../core/rules/privacy';
import { canSetRole } from '../../../core/rules/roles';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { temporaryUrls, uploadBytes } from '../../platform/storage';
import { getUnlimitedCode } from '../../platform/wx-open-api';
import { cursorDate } from '../../kernel/inputs';
import { auditRepository, type AuditDoc } from './audit.repository';
import { enterprisesRepository, type EnterpriseDoc } from './enterprise.repository';
import { entryCodesRepository, type EntryCodeDoc } from './entry-code.repository';
import { invitesRepository } from './invite.repository';
import { usersRepository, type UserDoc } from './user.repository';

const PAGE_SIZE = 20;
export const ENTRY_PAGE = 'pages/entry/index';

function communityOf(ctx: ActionContext): string {
  const id = ctx.caller.communityId;
  if (!id) throw forbidden('you do not belong to a community');
  return id;
}

const iso = (d: Date | string) => new Date(d).toISOString();

export function toEnterprise(e: EnterpriseDoc, revealPhone: boolean): Enterprise {
  const out: Enterprise = {
    id: e._id,
    communityId: e.communityId,
    name: e.name,
    nameEn: e.nameEn,
    creditCode: e.creditCode,
    address: e.address,
    contactName: e.contactName,
    contactPhone: revealPhone ? e.contactPhone : maskPhone(e.contactPhone),
    workshops: e.workshops,
    createdAt: iso(e.createdAt),
  };
  if (e.instructorOpenid) out.instructorOpenid = e.instructorOpenid;
  return out;
}

function toUserRow(u: UserDoc, enterpriseName?: string): UserRow {
  return {
    openid: u._id,
    role: u.role,
    name: u.name,
    enterpriseName,
    profession: u.profession,
    volunteerStatus: u.volunteerStatus,
    organisation: u.organisation,
    phone: maskPhone(u.phone),
    createdAt: iso(u.createdAt),
  };
}

async function enterpriseInCommunity(ctx: ActionContext, id: string): Promise<EnterpriseDoc> {
  const e = await enterprisesRepository.get(id);
  if (!e || e.communityId !== communityOf(ctx)) throw notFound('enterprise');
  return e;
}

export async function listEnterprises(ctx: ActionContext, input: { cursor?: string; keyword?: string }): Promise<Page<Enterprise>> {
  const rows = await enterprisesRepository.list(communityOf(ctx), { after: input.cursor, limit: PAGE_SIZE + 1, keyword: input.keyword });
  // Staff call enterprises' contacts; instructors only need to know who they are.
  const reveal = ctx.caller.role === 'staff' || ctx.caller.role === 'admin';
  return page(rows, (e) => toEnterprise(e, reveal), (e) => e._id);
}

export async function createEnterprise(
  ctx: ActionContext,
  input: { name: string; nameEn?: string; creditCode: string; address?: string; contactName?: string; contactPhone?: string; workshops?: string[] },
): Promise<Enterprise> {
  const creditCode = normalizeCreditCode(input.creditCode);
  if (!isValidCreditCode(creditCode)) {
    throw new DomainError(ErrorCodes.ENTERPRISE_CREDIT_CODE_INVALID, 'the unified social credit code is not valid', { creditCode: 'checksum does not match' });
  }
  const doc: EnterpriseDoc = {
    _id: `ent-${creditCode.toLowerCase()}`,
    communityId: communityOf(ctx),
    name: input.name,
    nameEn: input.nameEn,
    creditCode,
    address: input.address,
    contactName: input.contactName,
    contactPhone: input.contactPhone,
    workshops: input.workshops ?? [],
    createdAt: ctx.clock.now(),
    createdBy: ctx.caller.openid,
  };
  if (!(await enterprisesRepository.insert(doc))) throw new DomainError(ErrorCodes.ENTERPRISE_DUPLICATE, 'an enterprise with this credit code already exists');
  return toEnterprise(doc, true);
}

export async function issueInvite(ctx: ActionContext, input: { enterpriseId: string; maxUses?: number; validDays?: number }): Promise<Invite> {
  const enterprise = await enterpriseInCommunity(ctx, input.enterpriseId);
  const now = ctx.clock.now();
  const doc = {
    _id: codeFromBytes(randomBytes(8), 8),
    communityId: enterprise.communityId,
    enterpriseId: enterprise._id,
    maxUses: input.maxUses ?? 3,
    uses: 0,
    expiresAt: new Date(now.getTime() + (input.validDays ?? 14) * 86_400_000),
    createdAt: now,
    createdBy: ctx.caller.openid,
  };
  await invitesRepository.insert(doc);
  await auditRepository.append({ communityId: doc.communityId, at: now, actorOpenid: ctx.caller.openid, action: 'issue-invite', note: `${doc._id} for ${enterprise.name}` });
  return { code: doc._id, enterpriseId: enterprise._id, enterpriseName: enterprise.name, maxUses: doc.maxUses, uses: 0, expiresAt: iso(doc.expiresAt) };
}

/**
 * A QR entry point: the scene is generated here (short, unguessable, ≤ 32 chars), the
 * mini-program code comes from WeChat's wxacode.getUnlimited, and the PNG goes to cloud storage.
 */
export async function createEntryCode(ctx: ActionContext, input: { kind: EntryKind; enterpriseId?: string; workshop?: string; label?: string; envVersion?: MiniProgramEnvVersion }): Promise<EntryCode> {
  const communityId = communityOf(ctx);
  let enterprise: EnterpriseDoc | undefined;
  if (input.kind !== 'station') {
    if (!input.enterpriseId) throw new DomainError(ErrorCodes.INPUT_INVALID, 'choose the enterprise', { enterpriseId: 'required' });
    enterprise = await enterpriseInCommunity(ctx, input.enterpriseId);
    if (input.kind === 'workshop' && (!input.workshop || !enterprise.workshops.includes(input.workshop))) {
      throw new DomainError(ErrorCodes.INPUT_INVALID, 'choose one of the enterprise workshops', { workshop: 'unknown workshop' });
    }
  }
  const label = input.label ?? (enterprise ? `${enterprise.name}${input.workshop ? ` · ${input.workshop}` : ''}` : '三师服务联络站');
  const scene = makeScene(input.kind, codeFromBytes(randomBytes(10), 10));
  // A code made from a trial or develop build opens that version (else the release, which may not have the page yet).
  const png = await getUnlimitedCode(scene, ENTRY_PAGE, input.envVersion ?? 'release');
  const fileID = await uploadBytes(`entry-codes/${communityId}/${scene}.png`, png);
  const doc: EntryCodeDoc = {
    _id: scene,
    communityId,
    kind: input.kind,
    enterpriseId: enterprise?._id,
    workshop: input.kind === 'workshop' ? input.workshop : undefined,
    label,
    fileID,
    disabled: false,
    createdAt: ctx.clock.now(),
    createdBy: ctx.caller.openid,
  };
  await entryCodesRepository.insert(doc);
  const urls = await temporaryUrls([fileID]);
  return toEntryCode(doc, urls.get(fileID) ?? '');
}

function toEntryCode(d: EntryCodeDoc, imageUrl: string): EntryCode {
  return { scene: d._id, kind: d.kind, enterpriseId: d.enterpriseId, workshop: d.workshop, label: d.label, imageUrl, fileID: d.fileID, createdAt: iso(d.createdAt), disabled: d.disabled };
}

export async function listEntryCodes(ctx: ActionContext, input: { cursor?: string }): Promise<Page<EntryCode>> {
  const rows = await entryCodesRepository.list(communityOf(ctx), { before: cursorDate(input.cursor), limit: PAGE_SIZE + 1 });
  const urls = await temporaryUrls(rows.slice(0, PAGE_SIZE).map((r) => r.fileID));
  return page(rows, (r) => toEntryCode(r, urls.get(r.fileID) ?? ''), (r) => iso(r.createdAt));
}

export async function listUsers(ctx: ActionContext, input: { role?: Role; volunteerStatus?: 'pending' | 'approved' | 'rejected'; cursor?: string }): Promise<Page<UserRow>> {
  const rows = await usersRepository.list({ communityId: communityOf(ctx), role: input.role, volunteerStatus: input.volunteerStatus }, { after: input.cursor, limit: PAGE_SIZE + 1 });
  const names = await enterprisesRepository.namesByIds(rows.map((r) => r.enterpriseId).filter((x): x is string => !!x));
  return page(rows, (u) => toUserRow(u, u.enterpriseId ? names.get(u.enterpriseId) : undefined), (u) => u._id);
}

export async function reviewVolunteer(ctx: ActionContext, input: { openid: string; approve: boolean; note?: string }): Promise<UserRow> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const updated = await inTransaction(async (tx) => {
    const u = await usersRepository.get(input.openid, tx);
    if (!u || u.communityId !== communityId) throw notFound('user');
    if (u.role !== 'volunteer' || u.volunteerStatus !== 'pending') throw new DomainError(ErrorCodes.VOLUNTEER_NOT_PENDING, 'this application is not waiting for review');
    const next: UserDoc = { ...u, volunteerStatus: input.approve ? 'approved' : 'rejected', updatedAt: now };
    await usersRepository.put(next, tx);
    await auditRepository.append(
      { communityId, at: now, actorOpenid: ctx.caller.openid, action: input.approve ? 'approve-volunteer' : 'reject-volunteer', targetOpenid: u._id, from: 'pending', to: next.volunteerStatus, note: input.note },
      tx,
    );
    return next;
  });
  return toUserRow(updated);
}

/** Admin appoints staff, instructors and member-unit handlers; every change is audited. */
export async function setRole(ctx: ActionContext, input: { openid: string; role: Role; unitId?: string; note?: string }): Promise<UserRow> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  if (input.role === 'unit' && !input.unitId) throw new DomainError(ErrorCodes.INPUT_INVALID, 'a member-unit handler needs a unit', { unitId: 'required' });
  const updated = await inTransaction(async (tx) => {
    const u = await usersRepository.get(input.openid, tx);
    if (!u || u.communityId !== communityId) throw notFound('user');
    if (!canSetRole(ctx.caller, { role: u.role, openid: u._id }, input.role)) {
      throw new DomainError(ErrorCodes.ROLE_CHANGE_INVALID, `cannot change ${u.role} to ${input.role}`);
    }
    const next: UserDoc = { ...u, role: input.role as UserDoc['role'], unitId: input.role === 'unit' ? input.unitId : undefined, updatedAt: now };
    await usersRepository.put(next, tx);
    await auditRepository.append({ communityId, at: now, actorOpenid: ctx.caller.openid, action: 'set-role', targetOpenid: u._id, from: u.role, to: input.role, note: input.note }, tx);
    return next;
  });
  return toUserRow(updated);
}

export async function listAudit(ctx: ActionContext, input: { cursor?: string; targetOpenid?: string }): Promise<Page<AuditEntry>> {
  const rows = await auditRepository.list({ communityId: communityOf(ctx), targetOpenid: input.targetOpenid }, { before: cursorDate(input.cursor), limit: PAGE_SIZE + 1 });
  return page(
    rows,
    (a: AuditDoc) => ({ id: a._id ?? randomUUID(), at: iso(a.at), actorOpenid: a.actorOpenid, action: a.action, targetOpenid: a.targetOpenid, from: a.from, to: a.to, note: a.note }),
    (a) => iso(a.at),
  );
}

/** Rows were read with one extra to know whether another page follows. */
function page<D, T>(rows: D[], map: (d: D) => T, cursorOf: (d: D) => string): Page<T> {
  const items = rows.slice(0, PAGE_SIZE);
  return { items: items.map(map), nextCursor: rows.length > PAGE_SIZE ? cursorOf(items[items.length - 1]) : undefined };
}
