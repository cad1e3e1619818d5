/**
 * Data access of the 三师 clinic, and nothing else. Uniqueness lives in the database: a duty's
 * `_id` is its seat, a booking's seat and booker keys sit under unique indexes, a reminder's
 * `_id` is its key. Every "did I win?" is an insert or a conditional write, never a count.
 */
import type { ClinicSettings, HandoverView } from '../../../core/api/clinic';
import type { Profession } from '../../../core/api/roles';
import type { ConsultationStatus } from '../../../core/rules/clinic-booking';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { Collections } from '../../db/schema';
import type { DbLike } from '../../db/transaction';
import type { RequestMark } from '../../kernel/idempotency';
import * as figures from '../figures';

export interface ClinicSettingsDoc extends ClinicSettings {
  _id: string;
  /** Marks a community whose clinic runs (the coverage timer reads these). */
  active: true;
  updatedAt: Date;
  updatedBy: string;
}

export interface DutyDoc {
  /** duty:<community>:<session>:<profession>:<seat> */
  _id: string;
  communityId: string;
  sessionId: string;
  /** <community>:<session> */
  sessionKey: string;
  date: string;
  month: string;
  /** <community>:<month> */
  monthKey: string;
  profession: Profession;
  seat: number;
  volunteerOpenid: string;
  volunteerName?: string;
  organisation?: string;
  source: 'booked' | 'rotation' | 'handover';
  /** When the session starts (the reminder timer reads it). */
  startsAt: Date;
  /** A colleague this duty is offered to, until they answer (null: none). */
  handoverTo?: string | null;
  /** Set while the volunteer's cancellation checks the bookings (isDutyClosing): bookings do not count on it. */
  closingAt?: Date | null;
  /** Unique: <community>:<session>:<openid> — nobody sits twice in one session. */
  personKey: string;
  /** Unique: <community>:<month>:<openid>:<n>, n < monthly cap — the cap holds under concurrency. */
  capKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface HandoverDoc {
  _id: string;
  communityId: string;
  dutyId: string;
  sessionId: string;
  date: string;
  profession: Profession;
  fromOpenid: string;
  fromName?: string;
  toOpenid: string;
  status: HandoverView['status'];
  createdAt: Date;
  updatedAt: Date;
}

export interface BookingDoc {
  _id: string;
  communityId: string;
  sessionId: string;
  sessionKey: string;
  sessionDate: string;
  monthKey: string;
  profession: Profession;
  slotIndex: number;
  seat: number;
  startsAt: Date;
  endsAt: Date;
  status: ConsultationStatus;
  /** Unique while held; renamed `…#x#<id>` when cancelled, so the seat can be sold again. */
  seatKey: string;
  bookerSlotKey: string;
  bookerProfessionKey: string;
  bookerId: string;
  bookerName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one (shown to English readers). */
  enterpriseNameEn?: string;
  description: string;
  attachments: string[];
  /** 'waitlist' when promoted from the waitlist. */
  via: 'direct' | 'waitlist' | 'reschedule';
  checkedInAt?: Date;
  outcome?: { advice: string; followUpNeeded: boolean; recordedAt: Date; byOpenid: string; byName?: string };
  /**
   * The idempotency keys of the writes that made or changed this booking (policy 'in-document'):
   * a retried book or cancel finds its key here and answers from the booking.
   */
  requests?: RequestMark[];
  /** The demand (ticket) opened from this consultation (one at most). */
  ticketId?: string;
  cancelledAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface WaitlistDoc {
  _id: string;
  communityId: string;
  sessionId: string;
  sessionKey: string;
  profession: Profession;
  bookerId: string;
  bookerName?: string;
  enterpriseId?: string;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one (shown to English readers). */
  enterpriseNameEn?: string;
  description: string;
  joinedAt: Date;
}

const db = () => getDb();
const col = (name: string, tx?: DbLike) => (tx ?? db()).collection(name);
const MAX = 1000;

async function insertOnce(name: string, doc: object, tx?: DbLike): Promise<boolean> {
  try {
    await col(name, tx).add(doc);
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

export const clinicSettingsRepository = {
  async get(communityId: string): Promise<ClinicSettingsDoc | undefined> {
    return docOf<ClinicSettingsDoc>(await col(Collections.clinicSettings).doc(communityId).get());
  },
  async put(doc: ClinicSettingsDoc): Promise<void> {
    const { _id, ...rest } = doc;
    await col(Collections.clinicSettings).doc(_id).set(rest);
  },
  async activeCommunities(): Promise<string[]> {
    const res = await col(Collections.clinicSettings).where({ active: true }).limit(MAX).get();
    return (res.data as ClinicSettingsDoc[]).map((d) => d._id);
  },
};

export const dutiesRepository = {
  async get(id: string, tx?: DbLike): Promise<DutyDoc | undefined> {
    return docOf<DutyDoc>(await col(Collections.clinicDuties, tx).doc(id).get());
  },
  /**
   * False when the seat, the person in the session or the cap number is already taken. A duty
   * opens its session's day in the figures, so the bookings it takes count with one `inc` each.
   */
  async insertIfFree(doc: DutyDoc): Promise<boolean> {
    if (!(await insertOnce(Collections.clinicDuties, doc))) return false;
    await figures.openDay(doc.communityId, doc.date, new Date(doc.createdAt));
    return true;
  },
  /** The duties with these ids (one query; missing ids are simply absent). */
  async byIds(ids: string[]): Promise<DutyDoc[]> {
    if (!ids.length) return [];
    const _ = db().command;
    const res = await col(Collections.clinicDuties).where({ _id: _.in(ids) }).limit(MAX).get();
    return res.data as DutyDoc[];
  },
  async bySession(sessionKey: string): Promise<DutyDoc[]> {
    const res = await col(Collections.clinicDuties).where({ sessionKey }).limit(MAX).get();
    return res.data as DutyDoc[];
  },
  async byMonths(monthKeys: string[]): Promise<DutyDoc[]> {
    if (!monthKeys.length) return [];
    const _ = db().command;
    const res = await col(Collections.clinicDuties).where({ monthKey: _.in(monthKeys) }).limit(MAX).get();
    return res.data as DutyDoc[];
  },
  async byDates(dates: string[]): Promise<DutyDoc[]> {
    const _ = db().command;
    const res = await col(Collections.clinicDuties).where({ date: _.in(dates) }).limit(MAX).get();
    return res.data as DutyDoc[];
  },
  async byVolunteer(openid: string, month?: string): Promise<DutyDoc[]> {
    const where: Record<string, unknown> = { volunteerOpenid: openid };
    if (month) where.month = month;
    const res = await col(Collections.clinicDuties).where(where).orderBy('date', 'asc').limit(MAX).get();
    return res.data as DutyDoc[];
  },
  /** Removes the caller's own duty: false when it is not (any more) theirs. */
  async removeIfHeldBy(id: string, openid: string): Promise<boolean> {
    const res = await col(Collections.clinicDuties).where({ _id: id, volunteerOpenid: openid }).remove();
    return (res.deleted ?? 0) === 1;
  },
  async update(id: string, patch: Partial<Omit<DutyDoc, '_id'>>, tx?: DbLike): Promise<void> {
    await col(Collections.clinicDuties, tx).doc(id).update(patch);
  },
};

export const handoversRepository = {
  async get(id: string, tx?: DbLike): Promise<HandoverDoc | undefined> {
    return docOf<HandoverDoc>(await col(Collections.clinicHandovers, tx).doc(id).get());
  },
  async insert(doc: HandoverDoc): Promise<void> {
    await col(Collections.clinicHandovers).add(doc);
  },
  async update(id: string, patch: Partial<Omit<HandoverDoc, '_id'>>, tx: DbLike): Promise<void> {
    await col(Collections.clinicHandovers, tx).doc(id).update(patch);
  },
  /** Conditional status change: true for the one call that made it. */
  async answerIfOffered(id: string, toOpenid: string, status: HandoverDoc['status'], at: Date): Promise<boolean> {
    const res = await col(Collections.clinicHandovers).where({ _id: id, toOpenid, status: 'offered' }).update({ status, updatedAt: at });
    return res.updated === 1;
  },
  async offeredTo(openid: string): Promise<HandoverDoc[]> {
    const res = await col(Collections.clinicHandovers).where({ toOpenid: openid, status: 'offered' }).limit(100).get();
    return res.data as HandoverDoc[];
  },
  async offeredBy(openid: string, limit: number): Promise<HandoverDoc[]> {
    const res = await col(Collections.clinicHandovers).where({ fromOpenid: openid }).orderBy('createdAt', 'desc').limit(limit).get();
    return res.data as HandoverDoc[];
  },
};

export const bookingsRepository = {
  async get(id: string, tx?: DbLike): Promise<BookingDoc | undefined> {
    return docOf<BookingDoc>(await col(Collections.clinicBookings, tx).doc(id).get());
  },
  /** Takes a photo WeChat's check rejected off the booking. */
  async pullAttachment(id: string, fileID: string): Promise<void> {
    const _ = getDb().command;
    await col(Collections.clinicBookings).doc(id).update({ attachments: _.pull(fileID) });
  },
  /**
   * False when one of its unique keys is taken (the seat, or the booker's slot or profession).
   * Every write of a booking below moves its day's figures in the same step (server/modules/figures),
   * but for `counted: false`: the caller moves them itself (a cancellation and the promotion into
   * its seat, whose figures cancel out).
   */
  async insertIfFree(doc: BookingDoc, tx?: DbLike, counted = true): Promise<boolean> {
    if (!(await insertOnce(Collections.clinicBookings, doc, tx))) return false;
    if (counted) await figures.bookingChanged(undefined, doc, new Date(doc.updatedAt), tx);
    return true;
  },
  async bySession(sessionKey: string, profession?: Profession): Promise<BookingDoc[]> {
    const where: Record<string, unknown> = { sessionKey };
    if (profession) where.profession = profession;
    const res = await col(Collections.clinicBookings).where(where).limit(MAX).get();
    return res.data as BookingDoc[];
  },
  async byMonths(monthKeys: string[]): Promise<BookingDoc[]> {
    if (!monthKeys.length) return [];
    const _ = db().command;
    const res = await col(Collections.clinicBookings).where({ monthKey: _.in(monthKeys), status: _.neq('cancelled') }).limit(MAX).get();
    return res.data as BookingDoc[];
  },
  /** A booker's bookings starting after `since` (newest first), or before `before` for paging. */
  async byBooker(bookerIds: string[], opts: { since?: Date; before?: Date; limit?: number } = {}): Promise<BookingDoc[]> {
    if (!bookerIds.length) return [];
    const _ = db().command;
    const where: Record<string, unknown> = { bookerId: bookerIds.length === 1 ? bookerIds[0] : _.in(bookerIds) };
    if (opts.since && opts.before) where.startsAt = _.gt(opts.since).and(_.lt(opts.before));
    else if (opts.since) where.startsAt = _.gt(opts.since);
    else if (opts.before) where.startsAt = _.lt(opts.before);
    const res = await col(Collections.clinicBookings).where(where).orderBy('startsAt', 'desc').limit(opts.limit ?? MAX).get();
    return res.data as BookingDoc[];
  },
  /**
   * What a booking decision needs, in one query: the bookings of one session and profession, and
   * the booker's own bookings starting after `since` (the no-show window, other sessions).
   */
  async sessionAndBooker(sessionKey: string, profession: Profession, bookerId: string, since: Date): Promise<{ here: BookingDoc[]; mine: BookingDoc[] }> {
    const _ = db().command;
    const res = await col(Collections.clinicBookings)
      .where(_.or([{ sessionKey, profession }, { bookerId, startsAt: _.gt(since) }]))
      .limit(MAX)
      .get();
    const rows = res.data as BookingDoc[];
    return {
      here: rows.filter((b) => b.sessionKey === sessionKey && b.profession === profession),
      mine: rows.filter((b) => b.bookerId === bookerId && new Date(b.startsAt).getTime() > since.getTime()).sort((a, b) => new Date(b.startsAt).getTime() - new Date(a.startsAt).getTime()),
    };
  },
  async confirmedOn(dates: string[]): Promise<BookingDoc[]> {
    const _ = db().command;
    const res = await col(Collections.clinicBookings).where({ sessionDate: _.in(dates), status: 'confirmed' }).limit(MAX).get();
    return res.data as BookingDoc[];
  },
  /** Takes back a booking just inserted whose seat lost its volunteer meanwhile (nobody has seen it yet). */
  async removeIfConfirmed(was: BookingDoc, counted = true): Promise<boolean> {
    const res = await col(Collections.clinicBookings).where({ _id: was._id, status: 'confirmed' }).remove();
    if ((res.deleted ?? 0) !== 1) return false;
    if (counted) await figures.bookingChanged({ ...was, status: 'confirmed' }, undefined, new Date());
    return true;
  },
  /** Conditional update of a confirmed booking: true for the one call that changed it (`counted`: see insertIfFree). */
  async updateIfConfirmed(was: BookingDoc, patch: Partial<Omit<BookingDoc, '_id'>>, counted = true): Promise<boolean> {
    const res = await col(Collections.clinicBookings).where({ _id: was._id, status: 'confirmed' }).update(patch);
    if (res.updated !== 1) return false;
    const before = { ...was, status: 'confirmed' as const };
    if (counted) await figures.bookingChanged(before, { ...before, ...patch }, new Date(), undefined);
    return true;
  },
  /** `was`: the booking as it stands in the transaction (its figures move from that to the patched one). */
  async update(was: BookingDoc, patch: Partial<Omit<BookingDoc, '_id'>>, tx: DbLike): Promise<void> {
    await col(Collections.clinicBookings, tx).doc(was._id).update(patch);
    await figures.bookingChanged(was, { ...was, ...patch }, new Date(), tx);
  },
};

export const waitlistRepository = {
  async get(id: string): Promise<WaitlistDoc | undefined> {
    return docOf<WaitlistDoc>(await col(Collections.clinicWaitlist).doc(id).get());
  },
  insertIfAbsent: (doc: WaitlistDoc) => insertOnce(Collections.clinicWaitlist, doc),
  async remove(id: string): Promise<boolean> {
    const res = await col(Collections.clinicWaitlist).doc(id).remove();
    return (res.deleted ?? 0) === 1;
  },
  async bySession(sessionKey: string, profession: Profession): Promise<WaitlistDoc[]> {
    const res = await col(Collections.clinicWaitlist).where({ sessionKey, profession }).orderBy('joinedAt', 'asc').limit(MAX).get();
    return res.data as WaitlistDoc[];
  },
  async byBooker(bookerId: string): Promise<WaitlistDoc[]> {
    const res = await col(Collections.clinicWaitlist).where({ bookerId }).orderBy('joinedAt', 'desc').limit(100).get();
    return res.data as WaitlistDoc[];
  },
};

export const remindersRepository = {
  /** Claims a once-only key: true for the one caller that inserted it. */
  claim: (key: string, doc: object) => insertOnce(Collections.clinicReminders, { _id: key, ...doc }),
};
