/**
 * Consultation booking at the 三师 clinic. Capacity is decided by the database, never by a count:
 * the pure rule (canBookSlot) names the lowest free seat, and the booking is inserted with three
 * unique keys — the seat (session, profession, slot, seat), the booker in the slot, and the
 * booker with the profession in the session. Of concurrent taps on one seat exactly one insert
 * succeeds; a loser re-reads and gets SLOT_TAKEN, SESSION_FULL (offer the waitlist) or its own
 * ALREADY_BOOKED. A cancellation renames the keys (the seat is free again) with a conditional
 * write, then offers the freed seat to the waitlist by inserting under the freed seat's key:
 * exactly one waitlisted person can win it (cancel.use-cases.ts).
 */
import { createHash } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import type { ClinicSettings, ConsultationView, SlotView, WaitlistView } from '../../../core/api/clinic';
import { ErrorCodes } from '../../../core/api/errors';
import type { Profession } from '../../../core/api/roles';
import type { ClinicSession } from '../../../core/rules/clinic-calendar';
import { canBookSlot, canRecordOutcome, canReschedule, type BookSlotInput } from '../../../core/rules/clinic-booking';
import { shanghaiDate } from '../../../core/rules/working-days';
import { isDuplicateKey } from '../../db/client';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { assertTextSafe, CheckScene } from '../../platform/content-security';
import { ownPhotos } from '../../platform/uploads';
import { screenPhotos } from '../moderation';
import { inviteToEvaluate, notifyQuietly } from '../notify';
import { entryCodesRepository } from '../organisation';
import {
  answeredBy,
  ATTEMPTS,
  bookingDoc,
  liveDuties,
  noShowsOf,
  ownBooking,
  releasedKeys,
  since,
  slotOf,
  toRule,
  uniqueById,
  viewOf,
  views,
  type BookerInfo,
} from './booking-support';
import { promoteQuietly } from './cancel.use-cases';
import { clinicError, communityOf, DAY_MS, loadSettings, readerCommunity, scoped, sessionKeyOf, sessionOf } from './clinic-common';
import { bookingNotice } from './clinic-notifications';
import { bookingSettings, enterpriseName } from './clinic-reference';
import { bookingsRepository, dutiesRepository, waitlistRepository, type BookingDoc, type DutyDoc, type WaitlistDoc } from './clinic.repository';
import { isStaffSide } from './roster.use-cases';

export { cancelBooking, promoteFromWaitlist } from './cancel.use-cases';

export const PAGE_SIZE = 20;
/** Photos a booker attaches: uploaded by the app straight to storage into their own folder (core/rules/uploads.ts). */
const ownFiles = (ctx: ActionContext, fileIDs: string[] | undefined): Promise<string[]> => ownPhotos(ctx.caller.openid, fileIDs, 'attachments');

/** What the rule needs to decide a booking in `session` by `bookerId`. */
async function situation(communityId: string, session: ClinicSession, profession: Profession, bookerId: string, now: Date) {
  const key = sessionKeyOf(communityId, session.id);
  const [duties, { here, mine }] = await Promise.all([dutiesRepository.bySession(key), bookingsRepository.sessionAndBooker(key, profession, bookerId, since(now))]);
  return {
    onDuty: liveDuties(duties, profession, now),
    here,
    mine,
    existing: uniqueById([...here, ...mine]),
  };
}

export async function slots(ctx: ActionContext, input: { sessionId: string; profession: Profession; communityId?: string }): Promise<SlotView[]> {
  const communityId = await readerCommunity(ctx, input.communityId);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const key = sessionKeyOf(communityId, session.id);
  const [duties, here] = await Promise.all([dutiesRepository.bySession(key), bookingsRepository.bySession(key, input.profession)]);
  const onDuty = duties.filter((d) => d.profession === input.profession).length;
  const held = here.filter((b) => b.status !== 'cancelled');
  return session.slots.map((slot) => ({
    index: slot.index,
    startsAt: slot.startsAt.toISOString(),
    endsAt: slot.endsAt.toISOString(),
    free: Math.max(0, onDuty - held.filter((b) => b.slotIndex === slot.index).length),
    mine: held.some((b) => b.slotIndex === slot.index && b.bookerId === ctx.caller.openid),
  }));
}

/** Who books, as the booking keeps it: the caller's record, and their enterprise's names (clinic-reference). */
async function bookerOf(ctx: ActionContext, now: Date): Promise<BookerInfo> {
  const user = ctx.caller.user;
  const enterprise = user?.enterpriseId ? await enterpriseName(user.enterpriseId, now) : undefined;
  return { bookerId: ctx.caller.openid, bookerName: user?.name, enterpriseId: enterprise?.id, enterpriseName: enterprise?.name, ...(enterprise?.nameEn ? { enterpriseNameEn: enterprise.nameEn } : {}) };
}

/**
 * Books a seat, in as few requests as the guarantees allow: the caller's record (the kernel), one
 * read of the bookings the rule needs (this session's, and the booker's own: the per-person rules
 * and a retry's first booking, found by this call's key on it), the insert that claims the seat
 * under its unique keys, the day's counter, and one read of the session's duties after the insert.
 * That read is the seat's staffing check: a duty's cancellation marks the duty closing, then reads
 * the bookings; a booking is inserted, then reads the duties. Whichever comes second sees the
 * other, so a booking never stands on a duty that is gone: here the booking is taken back (before
 * anyone relied on it) and decided again, there the cancellation is refused. The seat is chosen
 * before the duties are read, on the settings' seats per profession (no more volunteers sit). Any
 * refusal is decided on the duties as read, so its reason is exactly the rule's. The settings and
 * the enterprise's name are the instance's (clinic-reference).
 */
export async function book(
  ctx: ActionContext,
  input: { sessionId: string; profession: Profession; slotIndex: number; description: string; attachments?: string[] },
): Promise<ConsultationView> {
  const communityId = communityOf(ctx);
  const now = ctx.clock.now();
  const s = await bookingSettings(communityId, now);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const attachments = await ownFiles(ctx, input.attachments);
  const me = ctx.caller.openid;
  const key = sessionKeyOf(communityId, session.id);
  /** The session's duties once read (after an insert, or to decide a refusal). */
  let duties: DutyDoc[] | undefined;
  const decide = async (): Promise<{ first: BookingDoc } | { decision: ReturnType<typeof canBookSlot> }> => {
    const { here, mine } = await bookingsRepository.sessionAndBooker(key, input.profession, me, since(now));
    const first = answeredBy(mine, ctx.request);
    if (first) return { first };
    const rule = (onDuty: number) =>
      canBookSlot({
        session,
        slotIndex: input.slotIndex,
        profession: input.profession,
        onDuty,
        existingBookings: uniqueById([...here, ...mine]).map(toRule),
        booker: { id: me, noShows: noShowsOf(mine, me) },
        now,
        cutoffHours: s.cutoffHours,
      });
    const decision = rule(duties ? liveDuties(duties, input.profession, now) : (s.seatsPerProfession[input.profession] ?? 0));
    if (decision.ok || duties) return { decision };
    duties = await dutiesRepository.bySession(key);
    return { decision: rule(liveDuties(duties, input.profession, now)) };
  };
  let decided = await decide();
  if ('first' in decided) return retried(ctx, decided.first, s, now);
  if (!decided.decision.ok) throw clinicError(decided.decision.reason);
  await assertTextSafe([input.description], me, CheckScene.forum);
  const screening = await screenPhotos(ctx, attachments, CheckScene.forum);
  const who = await bookerOf(ctx, now);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if ('first' in decided) return retried(ctx, decided.first, s, now); // the same call, retried meanwhile, made it
    const { decision } = decided;
    if (!decision.ok) throw clinicError(decision.reason);
    const doc = bookingDoc(communityId, slotOf(session, input.slotIndex), input.profession, input.slotIndex, scoped(communityId, decision.key), decision.seat, who, { description: input.description, attachments, via: 'direct' }, now, ctx.request);
    if (await bookingsRepository.insertIfFree(doc)) {
      duties = await dutiesRepository.bySession(key);
      if (doc.seat < liveDuties(duties, doc.profession, now)) {
        await screening.attachTo({ kind: 'clinic.booking', id: doc._id });
        await notifyQuietly([bookingNotice(doc, 'booked', now)], now);
        return viewOf(ctx, doc, s, duties); // (the answer's volunteer comes from these)
      }
      // Nobody sits in that seat (any more): taken back before anyone relied on it, then decided again.
      await bookingsRepository.removeIfConfirmed(doc);
    }
    decided = await decide();
  }
  if ('first' in decided) return retried(ctx, decided.first, s, now);
  throw clinicError(decided.decision.ok ? ErrorCodes.CLINIC_SLOT_TAKEN : decided.decision.reason);
}

/**
 * The answer to a retried booking: the booking the first call made, as it stands. While that call
 * may still take it back (its seat has nobody: the staffing check is under way), the retry hears
 * REQUEST.IN_PROGRESS, as with a request record, rather than a booking about to go.
 */
async function retried(ctx: ActionContext, first: BookingDoc, s: ClinicSettings, now: Date): Promise<ConsultationView> {
  const duties = await dutiesRepository.bySession(first.sessionKey);
  if (first.status === 'confirmed' && first.seat >= liveDuties(duties, first.profession, now)) {
    throw new DomainError(ErrorCodes.REQUEST_IN_PROGRESS, 'the same request is being handled, try again');
  }
  return viewOf(ctx, first, s, duties);
}

const waitlistIdOf = (communityId: string, sessionId: string, profession: Profession, bookerId: string) =>
  createHash('sha256').update(`${communityId}\u0000${sessionId}\u0000${profession}\u0000${bookerId}`).digest('hex').slice(0, 32);

function waitlistView(w: WaitlistDoc, position: number): WaitlistView {
  return { id: w._id, sessionId: w.sessionId, profession: w.profession, position, createdAt: new Date(w.joinedAt).toISOString() };
}

export async function joinWaitlist(ctx: ActionContext, input: { sessionId: string; profession: Profession; description: string }): Promise<WaitlistView> {
  const communityId = communityOf(ctx);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const now = ctx.clock.now();
  const me = ctx.caller.openid;
  if (now >= session.startsAt) throw clinicError(ErrorCodes.CLINIC_TOO_LATE);
  const sit = await situation(communityId, session, input.profession, me, now);
  if (sit.onDuty <= 0) throw clinicError(ErrorCodes.CLINIC_NOT_ON_DUTY);
  if (sit.mine.some((b) => b.status !== 'cancelled' && b.sessionId === session.id && b.profession === input.profession)) throw clinicError(ErrorCodes.CLINIC_ALREADY_BOOKED);
  await assertTextSafe([input.description], me, CheckScene.forum);
  const who = await bookerOf(ctx, now);
  const doc: WaitlistDoc = {
    _id: waitlistIdOf(communityId, session.id, input.profession, me),
    communityId,
    sessionId: session.id,
    sessionKey: sessionKeyOf(communityId, session.id),
    profession: input.profession,
    ...who,
    description: input.description,
    joinedAt: now,
  };
  await waitlistRepository.insertIfAbsent(doc); // joining twice keeps the first place
  const queue = await waitlistRepository.bySession(doc.sessionKey, input.profession);
  const at = queue.findIndex((w) => w._id === doc._id);
  return waitlistView(at >= 0 ? queue[at] : doc, at + 1);
}

export async function leaveWaitlist(ctx: ActionContext, input: { id: string }): Promise<{ id: string }> {
  const w = await waitlistRepository.get(input.id);
  if (!w || w.bookerId !== ctx.caller.openid || w.communityId !== communityOf(ctx)) throw notFound('waitlist entry');
  await waitlistRepository.remove(w._id);
  return { id: w._id };
}

/** Cancel the old booking and take the new slot in one transaction: both or neither. */
export async function reschedule(ctx: ActionContext, input: { id: string; sessionId: string; slotIndex: number }): Promise<ConsultationView> {
  const old = await ownBooking(ctx, input.id);
  const communityId = old.communityId;
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const now = ctx.clock.now();
  const me = ctx.caller.openid;
  const who = { bookerId: me, bookerName: old.bookerName, enterpriseId: old.enterpriseId, enterpriseName: old.enterpriseName, ...(old.enterpriseNameEn ? { enterpriseNameEn: old.enterpriseNameEn } : {}) };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const sit = await situation(communityId, session, old.profession, me, now);
    const to: BookSlotInput = {
      session,
      slotIndex: input.slotIndex,
      profession: old.profession,
      onDuty: sit.onDuty,
      existingBookings: sit.existing.map(toRule),
      booker: { id: me, noShows: noShowsOf(sit.mine, me) },
      now,
      cutoffHours: s.cutoffHours,
    };
    const decision = canReschedule(toRule(old), to);
    if (!decision.ok) throw clinicError(decision.reason);
    const doc = bookingDoc(communityId, slotOf(session, input.slotIndex), old.profession, input.slotIndex, scoped(communityId, decision.key), decision.seat, who, { description: old.description, attachments: old.attachments, via: 'reschedule' }, now);
    try {
      await inTransaction(async (tx) => {
        const current = await bookingsRepository.get(old._id, tx);
        if (!current || current.status !== 'confirmed') throw clinicError(ErrorCodes.CLINIC_NOT_ACTIVE);
        await bookingsRepository.update(current, { status: 'cancelled', ...releasedKeys(current), cancelledAt: now, updatedAt: now }, tx);
        if (!(await bookingsRepository.insertIfFree(doc, tx))) throw new DuplicateInTransaction();
      });
    } catch (e) {
      if (e instanceof DuplicateInTransaction || isDuplicateKey(e)) continue;
      throw e;
    }
    if (!(await movedSeatStaffed(old, doc, now))) continue;
    // The photos move with the booking: a later rejection takes them off the new one too.
    await (await screenPhotos(ctx, doc.attachments, CheckScene.forum)).attachTo({ kind: 'clinic.booking', id: doc._id });
    await promoteQuietly(old, now);
    return viewOf(ctx, doc, s);
  }
  throw clinicError(ErrorCodes.CLINIC_SLOT_TAKEN);
}

class DuplicateInTransaction extends Error {}

/**
 * The staffing check (see book) for a move: when the new seat lost its volunteer meanwhile, the move is undone
 * in one transaction (the new booking taken back, the old one confirmed again with its keys) and
 * the caller decides again. If the old seat was taken in that instant, the move is taken back
 * alone and the caller hears that the slot has no volunteer: never a booking with nobody.
 */
async function movedSeatStaffed(old: BookingDoc, moved: BookingDoc, now: Date): Promise<boolean> {
  if (moved.seat < liveDuties(await dutiesRepository.bySession(moved.sessionKey), moved.profession, now)) return true;
  const takeBack = { status: 'cancelled' as const, ...releasedKeys(moved), cancelledAt: now, updatedAt: now };
  try {
    await inTransaction(async (tx) => {
      await bookingsRepository.update(moved, takeBack, tx);
      // The old booking was cancelled by the move: it is confirmed again.
      await bookingsRepository.update({ ...old, status: 'cancelled' }, { status: 'confirmed', seatKey: old.seatKey, bookerSlotKey: old.bookerSlotKey, bookerProfessionKey: old.bookerProfessionKey, cancelledAt: null, updatedAt: now }, tx);
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    await bookingsRepository.updateIfConfirmed(moved, takeBack);
    throw clinicError(ErrorCodes.CLINIC_NOT_ON_DUTY);
  }
  return false;
}

export async function myBookings(ctx: ActionContext, input: { cursor?: string }): Promise<Page<ConsultationView> & { waitlist: WaitlistView[] }> {
  const communityId = communityOf(ctx);
  const before = input.cursor ? new Date(input.cursor) : undefined;
  if (before && Number.isNaN(before.getTime())) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  const [s, rows, waiting] = await Promise.all([
    loadSettings(communityId),
    bookingsRepository.byBooker([ctx.caller.openid], { before, limit: PAGE_SIZE + 1 }),
    input.cursor ? Promise.resolve([]) : waitlistRepository.byBooker(ctx.caller.openid),
  ]);
  const page = rows.filter((b) => b.communityId === communityId).slice(0, PAGE_SIZE);
  const items = await views(ctx, page, s, () => false);
  const waitlist = await Promise.all(
    waiting
      .filter((w) => w.communityId === communityId)
      .map(async (w) => {
        const queue = await waitlistRepository.bySession(w.sessionKey, w.profession);
        return waitlistView(w, queue.findIndex((q) => q._id === w._id) + 1);
      }),
  );
  return { items, nextCursor: rows.length > PAGE_SIZE ? new Date(page[page.length - 1].startsAt).toISOString() : undefined, waitlist };
}

/** At the station: the caller's confirmed bookings of today, checked in by the station's QR scene. */
export async function checkIn(ctx: ActionContext, input: { scene: string }): Promise<ConsultationView[]> {
  const communityId = communityOf(ctx);
  const code = await entryCodesRepository.get(input.scene);
  if (!code || code.kind !== 'station' || code.communityId !== communityId || code.disabled) throw notFound('clinic station');
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const s = await loadSettings(communityId);
  const mine = (await bookingsRepository.byBooker([ctx.caller.openid], { since: new Date(now.getTime() - DAY_MS) })).filter(
    (b) => b.communityId === communityId && b.sessionDate === today && b.status === 'confirmed',
  );
  if (!mine.length) throw new DomainError(ErrorCodes.CLINIC_NOTHING_TO_CHECK_IN, 'you have no consultation booked here today');
  const checked = await Promise.all(
    mine.map(async (b) => {
      if (b.checkedInAt) return b;
      await bookingsRepository.updateIfConfirmed(b, { checkedInAt: now, updatedAt: now });
      return { ...b, checkedInAt: now };
    }),
  );
  return views(ctx, checked.sort((a, b) => a.slotIndex - b.slotIndex), s, () => false);
}

/** May the caller record outcomes in this session (staff, admins, the volunteers on duty of the profession)? */
async function mayRecordIn(ctx: ActionContext, sessionKey: string, profession?: Profession): Promise<boolean> {
  if (ctx.caller.role === 'staff' || ctx.caller.role === 'admin') return true;
  if (ctx.caller.role !== 'volunteer' || ctx.caller.user?.volunteerStatus !== 'approved') return false;
  const duties = await dutiesRepository.bySession(sessionKey);
  return duties.some((d) => d.volunteerOpenid === ctx.caller.openid && (!profession || d.profession === profession));
}

export async function recordOutcome(ctx: ActionContext, input: { id: string; attended: boolean; advice?: string; followUpNeeded?: boolean }): Promise<ConsultationView> {
  const communityId = communityOf(ctx);
  const b = await bookingsRepository.get(input.id);
  if (!b || b.communityId !== communityId) throw notFound('booking');
  if (!(await mayRecordIn(ctx, b.sessionKey, b.profession))) throw new DomainError(ErrorCodes.CLINIC_NOT_ON_DUTY, 'only the volunteers on duty in this session or staff record outcomes');
  const now = ctx.clock.now();
  const may = canRecordOutcome({ status: b.status, startsAt: new Date(b.startsAt) }, now);
  if (!may.ok) throw clinicError(may.reason);
  if (input.attended && input.advice) await assertTextSafe([input.advice], ctx.caller.openid, CheckScene.comment);
  const outcome = { advice: input.attended ? (input.advice ?? '') : '', followUpNeeded: input.attended ? !!input.followUpNeeded : false, recordedAt: now, byOpenid: ctx.caller.openid, byName: ctx.caller.user?.name };
  const patch = { status: input.attended ? ('attended' as const) : ('no_show' as const), outcome, updatedAt: now };
  if (!(await bookingsRepository.updateIfConfirmed(b, patch))) throw clinicError(ErrorCodes.CLINIC_NOT_ACTIVE);
  // The invitation to rate (revisit): once per consultation, never failing the outcome.
  if (input.attended) await inviteToEvaluate('consultation', b._id, `三师坐诊 ${b.sessionDate}`, [b.bookerId], now);
  const s = await loadSettings(communityId);
  return (await views(ctx, [{ ...b, ...patch }], s, () => false))[0];
}

export async function sessionBookings(ctx: ActionContext, input: { sessionId: string }): Promise<ConsultationView[]> {
  const communityId = communityOf(ctx);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const key = sessionKeyOf(communityId, session.id);
  let profession: Profession | undefined;
  if (!isStaffSide(ctx.caller.role)) {
    if (ctx.caller.role !== 'volunteer') throw forbidden('volunteers on duty and staff only');
    const duty = (await dutiesRepository.bySession(key)).find((d) => d.volunteerOpenid === ctx.caller.openid);
    if (!duty || ctx.caller.user?.volunteerStatus !== 'approved') throw new DomainError(ErrorCodes.CLINIC_NOT_ON_DUTY, 'you do not sit in this session');
    profession = duty.profession;
  }
  const rows = (await bookingsRepository.bySession(key, profession))
    .filter((b) => b.status !== 'cancelled')
    .sort((a, b) => a.slotIndex - b.slotIndex || a.profession.localeCompare(b.profession) || a.seat - b.seat);
  const mayRecord = ctx.caller.role === 'staff' || ctx.caller.role === 'admin' || profession !== undefined;
  return views(ctx, rows, s, () => mayRecord);
}
