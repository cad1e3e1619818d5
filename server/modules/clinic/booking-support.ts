/**
 * What the booking use cases share (booking.use-cases.ts, cancel.use-cases.ts): a booking as the
 * rule sees it, the views, the seat's live duties, the booking document and its keys, and the
 * lookup of a retried write's key on the documents a call already read.
 */
import { randomUUID } from 'node:crypto';
import type { ClinicSettings, ConsultationView } from '../../../core/api/clinic';
import type { Profession } from '../../../core/api/roles';
import type { ClinicSession } from '../../../core/rules/clinic-calendar';
import { bookerSlotKey, isDutyClosing, NO_SHOW_LIMIT, type ConsultationBooking } from '../../../core/rules/clinic-booking';
import type { ActionContext } from '../../kernel/define-function';
import { notFound } from '../../kernel/errors';
import { KEPT_MARKS, seenMark, type RequestMark } from '../../kernel/idempotency';
import { visiblePhotos } from '../moderation';
import { bookerProfessionKeyOf, communityOf, DAY_MS, dutyIdOf, monthKeyOf, monthOf, released, scoped, sessionKeyOf } from './clinic-common';
import { consultationView } from './clinic.mapper';
import { bookingsRepository, dutiesRepository, type BookingDoc, type DutyDoc } from './clinic.repository';

export const ATTEMPTS = 4;
export const newId = () => randomUUID().replace(/-/g, '');

export const toRule = (b: BookingDoc): ConsultationBooking => ({
  id: b._id,
  sessionId: b.sessionId,
  profession: b.profession,
  slotIndex: b.slotIndex,
  seat: b.seat,
  bookerId: b.bookerId,
  startsAt: new Date(b.startsAt),
  endsAt: new Date(b.endsAt),
  status: b.status,
});

export const noShowsOf = (rows: readonly BookingDoc[], bookerId: string) => rows.filter((b) => b.bookerId === bookerId && b.status === 'no_show').map((b) => new Date(b.startsAt));
export const since = (now: Date) => new Date(now.getTime() - NO_SHOW_LIMIT.windowDays * DAY_MS);
export const uniqueById = (rows: BookingDoc[]) => [...new Map(rows.map((b) => [b._id, b])).values()];

/** The consultations as the caller sees them; `read` = the session's duties when the caller has just read them. */
export async function views(ctx: ActionContext, rows: BookingDoc[], s: ClinicSettings, mayRecord: (b: BookingDoc) => boolean, read?: DutyDoc[]): Promise<ConsultationView[]> {
  const seatOf = (b: BookingDoc) => dutyIdOf(b.communityId, b.sessionId, b.profession, b.seat);
  const [urls, duties] = await Promise.all([
    // Photos still being checked show to their uploader only; rejected ones to nobody (server/modules/moderation).
    visiblePhotos(ctx.caller, [...new Set(rows.flatMap((b) => b.attachments))]),
    // Who sits in each booking's seat now (a handover changes it): one query by the duties' ids.
    read ?? dutiesRepository.byIds([...new Set(rows.filter((b) => b.status !== 'cancelled').map(seatOf))]),
  ]);
  const volunteers = new Map(duties.map((d) => [d._id, d.volunteerName]));
  const now = ctx.clock.now();
  const managerOf = ctx.caller.role === 'manager' ? ctx.caller.user?.enterpriseId : undefined;
  return rows.map((b) =>
    consultationView(b, { openid: ctx.caller.openid, now, cutoffHours: s.cutoffHours, mayRecord: mayRecord(b), urls, managerOf, volunteerName: volunteers.get(seatOf(b)), station: s.station }),
  );
}

export const viewOf = async (ctx: ActionContext, b: BookingDoc, s: ClinicSettings, duties?: DutyDoc[]) => (await views(ctx, [b], s, () => false, duties))[0];

/** The volunteers of `profession` on duty, a duty being cancelled (isDutyClosing) not counted. */
export const liveDuties = (duties: readonly DutyDoc[], profession: Profession, now: Date) => duties.filter((d) => d.profession === profession && !isDutyClosing(d, now)).length;

export interface BookerInfo {
  bookerId: string;
  bookerName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  enterpriseNameEn?: string;
}

/** The slot's times: a session's own slot, or (promotion) the freed booking's, whatever the settings say now. */
export type SessionSlot = Pick<ClinicSession, 'id' | 'date'> & { slot: { startsAt: Date; endsAt: Date } };
export const slotOf = (session: ClinicSession, slotIndex: number): SessionSlot => ({ id: session.id, date: session.date, slot: session.slots[slotIndex] });

/** A confirmed booking; `mark`: the key of the write that makes it (policy 'in-document'), kept on it. */
export function bookingDoc(communityId: string, session: SessionSlot, profession: Profession, slotIndex: number, seatKey: string, seat: number,
  who: BookerInfo, details: { description: string; attachments: string[]; via: BookingDoc['via'] }, now: Date, mark?: RequestMark): BookingDoc {
  const { slot } = session;
  return {
    _id: newId(),
    communityId,
    sessionId: session.id,
    sessionKey: sessionKeyOf(communityId, session.id),
    sessionDate: session.date,
    monthKey: monthKeyOf(communityId, monthOf(session.date)),
    profession,
    slotIndex,
    seat,
    startsAt: slot.startsAt,
    endsAt: slot.endsAt,
    status: 'confirmed',
    seatKey,
    bookerSlotKey: scoped(communityId, bookerSlotKey(session.id, slotIndex, who.bookerId)),
    bookerProfessionKey: bookerProfessionKeyOf(communityId, session.id, profession, who.bookerId),
    ...who,
    ...details,
    ...(mark ? { requests: [mark] } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

export async function ownBooking(ctx: ActionContext, id: string): Promise<BookingDoc> {
  const b = await bookingsRepository.get(id);
  if (!b || b.communityId !== communityOf(ctx) || b.bookerId !== ctx.caller.openid) throw notFound('booking');
  return b;
}

export const releasedKeys = (b: BookingDoc) => ({
  seatKey: released(b.seatKey, b._id),
  bookerSlotKey: released(b.bookerSlotKey, b._id),
  bookerProfessionKey: released(b.bookerProfessionKey, b._id),
});

/**
 * The booking a retried write made (its key among the booking's `requests`), among documents the
 * call has read anyway; REQUEST.KEY_REUSED when the key came with another payload.
 */
export function answeredBy(rows: readonly BookingDoc[], mark: RequestMark | undefined): BookingDoc | undefined {
  if (!mark) return undefined;
  return rows.find((b) => seenMark(b.requests, mark) === 'done');
}

/** `marks` with `mark` added: a document keeps its latest writes' keys (kernel KEPT_MARKS). */
export const withMark = (marks: readonly RequestMark[] | undefined, mark: RequestMark | undefined): RequestMark[] | undefined =>
  mark ? [...(marks ?? []), mark].slice(-KEPT_MARKS) : undefined;
