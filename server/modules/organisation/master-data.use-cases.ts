/**
 * Master data the staff keep: enterprises (credit code validated), member units (成员单位), the
 * professions of approved volunteers, and corrections of the holiday calendar that every
 * deadline (Q&A, tickets, clinic) reads. Every change is audited.
 */
import { createHash } from 'node:crypto';
import type { Enterprise } from '../../../core/api/admin';
import type { HolidayKind, HolidayOverride, MemberUnitDetail } from '../../../core/api/console';
import { ErrorCodes } from '../../../core/api/errors';
import type { Profession } from '../../../core/api/roles';
import { isValidCreditCode, normalizeCreditCode } from '../../../core/rules/credit-code';
import { maskPhone } from '../../../core/rules/privacy';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { Collections } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, notFound } from '../../kernel/errors';
import { calendarBook, holidayOverrideOn, putHolidayOverride, readHolidayOverrides, type HolidayDoc } from '../../platform/holiday-calendar';
import { auditRepository } from './audit.repository';
import type { EnterpriseDoc } from './enterprise.repository';
import { usersRepository } from './user.repository';
import { toEnterprise } from './admin.use-cases';
import { unitsRepository, type MemberUnitDoc } from './unit.repository';
import { communityOf, isCalendarDate, iso } from '../../kernel/inputs';

const audit = (ctx: ActionContext, action: string, note: string, extra: { targetOpenid?: string; from?: string; to?: string } = {}) =>
  auditRepository.append({ communityId: communityOf(ctx), at: ctx.clock.now(), actorOpenid: ctx.caller.openid, action, note, ...extra });

// ---- enterprises ----

export async function updateEnterprise(
  ctx: ActionContext,
  input: { id: string; name?: string; nameEn?: string; creditCode?: string; address?: string; contactName?: string; contactPhone?: string; workshops?: string[]; instructorOpenid?: string },
): Promise<Enterprise> {
  const communityId = communityOf(ctx);
  const { id, instructorOpenid, ...fields } = input;
  const patch: Partial<EnterpriseDoc> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) (patch as Record<string, unknown>)[k] = v;
  if (instructorOpenid !== undefined) {
    if (instructorOpenid) {
      const who = await usersRepository.get(instructorOpenid);
      if (!who || who.role !== 'instructor' || who.communityId !== communityId) {
        throw new DomainError(ErrorCodes.INPUT_INVALID, 'not an instructor of this community', { instructorOpenid: 'not an instructor of this community' });
      }
    }
    patch.instructorOpenid = instructorOpenid || null;
  }
  if (input.creditCode !== undefined) {
    const code = normalizeCreditCode(input.creditCode);
    if (!isValidCreditCode(code)) throw new DomainError(ErrorCodes.ENTERPRISE_CREDIT_CODE_INVALID, 'the unified social credit code is not valid', { creditCode: 'checksum does not match' });
    patch.creditCode = code;
  }
  const before = docOf<EnterpriseDoc>(await getDb().collection(Collections.enterprises).doc(id).get());
  if (!before || before.communityId !== communityId) throw notFound('enterprise');
  try {
    // The credit code is a unique index: a code another enterprise holds fails here, whoever writes first.
    if (Object.keys(patch).length) await getDb().collection(Collections.enterprises).doc(id).update({ ...patch, updatedAt: ctx.clock.now() });
  } catch (e) {
    if (isDuplicateKey(e)) throw new DomainError(ErrorCodes.ENTERPRISE_DUPLICATE, 'another enterprise has this credit code');
    throw e;
  }
  await audit(ctx, 'update-enterprise', `${before.name}: ${Object.keys(patch).join(', ') || '-'}`);
  // Staff call enterprises' contacts (the phone in full); the answer is what listEnterprises shows them.
  return toEnterprise({ ...before, ...patch }, true);
}

// ---- member units ----

type UnitDoc = MemberUnitDoc;

function unitDetail(u: UnitDoc, reveal: boolean): MemberUnitDetail {
  const d: MemberUnitDetail = { id: u._id, name: u.name, active: u.active !== false };
  if (u.nameEn) d.nameEn = u.nameEn;
  if (u.contactName) d.contactName = u.contactName;
  if (u.contactPhone) d.contactPhone = reveal ? u.contactPhone : maskPhone(u.contactPhone);
  return d;
}

const unitsOf = (communityId: string): Promise<UnitDoc[]> => unitsRepository.byCommunity(communityId);

export async function listUnits(ctx: ActionContext): Promise<MemberUnitDetail[]> {
  const reveal = ctx.caller.role === 'staff' || ctx.caller.role === 'admin';
  return (await unitsOf(communityOf(ctx))).map((u) => unitDetail(u, reveal));
}

/**
 * Creates (no id) or edits a member unit. Names are unique within the community: a new unit's id
 * is derived from its name, so two staff adding the same unit at once make one (UNIT.DUPLICATE).
 */
export async function saveUnit(
  ctx: ActionContext,
  input: { id?: string; name: string; nameEn?: string; contactName?: string; contactPhone?: string; active?: boolean },
): Promise<MemberUnitDetail> {
  const communityId = communityOf(ctx);
  const units = await unitsOf(communityId);
  const sameName = units.find((u) => u.name.trim() === input.name.trim() && u._id !== input.id);
  const duplicate = () => new DomainError(ErrorCodes.UNIT_DUPLICATE, 'a member unit of this name already exists', { name: 'duplicate' });
  if (sameName) throw duplicate();
  const now = ctx.clock.now();
  let doc: UnitDoc;
  if (input.id) {
    const current = units.find((u) => u._id === input.id);
    if (!current) throw notFound('member unit');
    doc = { ...current, name: input.name, updatedAt: now };
    for (const k of ['nameEn', 'contactName', 'contactPhone', 'active'] as const) if (input[k] !== undefined) (doc as unknown as Record<string, unknown>)[k] = input[k];
    await unitsRepository.put(doc);
  } else {
    doc = {
      _id: `unit-${createHash('sha256').update(`${communityId}:${input.name.trim()}`).digest('hex').slice(0, 16)}`,
      communityId,
      name: input.name,
      active: input.active ?? true,
      updatedAt: now,
    };
    if (input.nameEn) doc.nameEn = input.nameEn;
    if (input.contactName) doc.contactName = input.contactName;
    if (input.contactPhone) doc.contactPhone = input.contactPhone;
    try {
      await unitsRepository.insert(doc);
    } catch (e) {
      if (isDuplicateKey(e)) throw duplicate();
      throw e;
    }
  }
  await audit(ctx, 'save-unit', `${doc.name} (${doc._id})`);
  return unitDetail(doc, true);
}

// ---- volunteers ----

export async function setProfession(ctx: ActionContext, input: { openid: string; profession: Profession }): Promise<{ openid: string; profession: Profession }> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  await inTransaction(async (tx) => {
    const u = await usersRepository.get(input.openid, tx);
    if (!u || u.communityId !== communityId) throw notFound('user');
    if (u.role !== 'volunteer' || u.volunteerStatus !== 'approved') {
      throw new DomainError(ErrorCodes.INPUT_INVALID, 'only an approved volunteer has a profession to change', { openid: 'not an approved volunteer' });
    }
    await usersRepository.put({ ...u, profession: input.profession, updatedAt: now }, tx);
    await auditRepository.append({ communityId, at: now, actorOpenid: ctx.caller.openid, action: 'set-profession', targetOpenid: u._id, from: u.profession, to: input.profession }, tx);
  });
  return { openid: input.openid, profession: input.profession };
}

// ---- the holiday calendar ----

function overrideView(d: HolidayDoc): HolidayOverride {
  return { date: d._id, kind: d.kind, name: d.name, updatedAt: iso(d.updatedAt) };
}

export async function listHolidays(_ctx: ActionContext, input: { year: number }): Promise<HolidayOverride[]> {
  return (await readHolidayOverrides([input.year])).map(overrideView).sort((a, b) => (a.date < b.date ? -1 : 1));
}

/**
 * A staff correction of the national calendar the deadlines use (a year chinese-days does not
 * know yet, a late 调休 notice): a day off, a working day, or 'none' to remove the correction.
 * Every function instance picks it up within a minute; this one at once.
 */
export async function setHoliday(ctx: ActionContext, input: { date: string; kind: HolidayKind | 'none'; name?: string }): Promise<HolidayOverride[]> {
  if (!isCalendarDate(input.date)) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a date', { date: 'invalid' });
  const year = Number(input.date.slice(0, 4));
  const now = ctx.clock.now();
  const before = await holidayOverrideOn(input.date);
  if (input.kind === 'none') {
    if (before) await putHolidayOverride(input.date, undefined);
  } else {
    const doc: Omit<HolidayDoc, '_id'> = { year, kind: input.kind, name: input.name ?? (input.kind === 'holiday' ? '节假日' : '调休上班'), communityId: communityOf(ctx), updatedAt: now, updatedBy: ctx.caller.openid };
    await putHolidayOverride(input.date, doc);
  }
  await audit(ctx, 'set-holiday', `${input.date} ${input.name ?? ''}`.trim(), { from: before?.kind ?? 'none', to: input.kind });
  await calendarBook(now, true);
  return listHolidays(ctx, { year });
}
