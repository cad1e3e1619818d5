/**
 * What every clinic use case shares: the caller's community, the community's settings (stored,
 * or the defaults), a session looked up by its id through the pure calendar, the keys that make
 * the database refuse double bookings, and the mapping of rule reasons to error codes.
 */
import type { ClinicSettings } from '../../../core/api/clinic';
import { ErrorCodes, type ErrorCode } from '../../../core/api/errors';
import type { Profession } from '../../../core/api/roles';
import { buildSession, DEFAULT_CLINIC_CONFIG, isDate, sessionKind, type ClinicSession } from '../../../core/rules/clinic-calendar';
import type { WorkingCalendar } from '../../../core/rules/working-days';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { communitiesRepository } from '../organisation';
import { clinicSettingsRepository } from './clinic.repository';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const DEFAULT_SETTINGS: ClinicSettings = {
  weekdays: [...DEFAULT_CLINIC_CONFIG.weekdays],
  start: DEFAULT_CLINIC_CONFIG.start,
  end: DEFAULT_CLINIC_CONFIG.end,
  slotMinutes: DEFAULT_CLINIC_CONFIG.slotMinutes,
  seatsPerProfession: { ...DEFAULT_CLINIC_CONFIG.seatsPerProfession },
  closures: [],
  extraDates: [],
  includeMakeUpDays: true,
  cutoffHours: 2,
  monthlyDutyCap: 4,
};

export function communityOf(ctx: ActionContext): string {
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  return ctx.caller.communityId;
}

/**
 * The community a read view is about: the caller's own; a guest (no record yet) names one
 * (from user.communities), since "who is on duty" is public.
 */
export async function readerCommunity(ctx: ActionContext, requested?: string): Promise<string> {
  if (ctx.caller.communityId) return ctx.caller.communityId;
  if (!requested) throw new DomainError(ErrorCodes.INPUT_INVALID, 'name the community to read', { communityId: 'required for guests' });
  if (!(await communitiesRepository.get(requested))) throw notFound('community');
  return requested;
}

export async function loadSettings(communityId: string): Promise<ClinicSettings> {
  const doc = await clinicSettingsRepository.get(communityId);
  if (!doc) return DEFAULT_SETTINGS;
  return {
    weekdays: doc.weekdays,
    start: doc.start,
    end: doc.end,
    slotMinutes: doc.slotMinutes,
    seatsPerProfession: doc.seatsPerProfession,
    closures: doc.closures,
    extraDates: doc.extraDates,
    includeMakeUpDays: doc.includeMakeUpDays,
    cutoffHours: doc.cutoffHours,
    monthlyDutyCap: doc.monthlyDutyCap,
    ...(doc.station ? { station: doc.station } : {}),
  };
}

const SESSION_ID = /^(\d{4}-\d{2}-\d{2})-(am|pm)$/;

/** The session with this id under the settings, or CLINIC.NO_SUCH_SESSION. */
export function sessionOf(settings: ClinicSettings, sessionId: string, cal: WorkingCalendar): ClinicSession {
  const m = SESSION_ID.exec(sessionId);
  const kind = m && isDate(m[1]) ? sessionKind(settings, m[1], cal) : undefined;
  const session = m && kind ? buildSession(settings, m[1], kind) : undefined;
  if (!session || session.id !== sessionId) throw new DomainError(ErrorCodes.CLINIC_NO_SUCH_SESSION, `there is no clinic session ${sessionId}`);
  return session;
}

export const monthOf = (date: string) => date.slice(0, 7);
export const sessionKeyOf = (communityId: string, sessionId: string) => `${communityId}:${sessionId}`;
export const monthKeyOf = (communityId: string, month: string) => `${communityId}:${month}`;
export const dutyIdOf = (communityId: string, sessionId: string, profession: Profession, seat: number) => `duty:${communityId}:${sessionId}:${profession}:${seat}`;
export const personKeyOf = (communityId: string, sessionId: string, openid: string) => `${communityId}:${sessionId}:${openid}`;
export const capKeyOf = (communityId: string, month: string, openid: string, n: number) => `${communityId}:${month}:${openid}:${n}`;
export const capNumberOf = (capKey: string) => Number(capKey.slice(capKey.lastIndexOf(':') + 1));
/** A key of one community: session ids repeat across communities. */
export const scoped = (communityId: string, key: string) => `${communityId}/${key}`;
export const bookerProfessionKeyOf = (communityId: string, sessionId: string, profession: Profession, bookerId: string) =>
  `${communityId}/clinic:${sessionId}:${profession}:booker:${bookerId}`;
/** What a released unique key becomes: unique still (it carries the booking id), and never a live key. */
export const released = (key: string, id: string) => `${key}#x#${id}`;

/** Lowest whole number >= 0 not in `used` and below `limit`; undefined when none. */
export function lowestFree(used: Iterable<number>, limit: number): number | undefined {
  const taken = new Set(used);
  for (let n = 0; n < limit; n++) if (!taken.has(n)) return n;
  return undefined;
}

export function pastCutoff(startsAt: Date, now: Date, cutoffHours: number): boolean {
  return now.getTime() >= startsAt.getTime() - cutoffHours * HOUR_MS;
}

/** A rule's reason code (same strings as ErrorCodes) as a DomainError. */
export function clinicError(reason: string, message?: string): DomainError {
  const code = (Object.values(ErrorCodes) as string[]).includes(reason) ? (reason as ErrorCode) : ErrorCodes.INTERNAL;
  return new DomainError(code, message ?? Messages[reason] ?? reason);
}

const Messages: Record<string, string> = {
  [ErrorCodes.CLINIC_SLOT_TAKEN]: 'this slot has just been taken: pick another one',
  [ErrorCodes.CLINIC_SESSION_FULL]: 'every slot of this session is taken: join the waitlist',
  [ErrorCodes.CLINIC_OVERLAP]: 'you already hold a booking at this time',
  [ErrorCodes.CLINIC_ALREADY_BOOKED]: 'you already hold a booking with this profession in this session',
  [ErrorCodes.CLINIC_TOO_LATE]: 'past the cut-off for this session',
  [ErrorCodes.CLINIC_BOOKING_LIMITED]: 'after repeated no-shows you may hold one upcoming booking at a time',
  [ErrorCodes.CLINIC_NO_SUCH_SLOT]: 'this session has no such slot',
  [ErrorCodes.CLINIC_NOT_ON_DUTY]: 'nobody of this profession sits in this session',
  [ErrorCodes.CLINIC_NOT_ACTIVE]: 'this booking is not confirmed any more',
  [ErrorCodes.CLINIC_OUTCOME_TOO_EARLY]: 'the consultation has not started yet: record its outcome once its slot begins',
  [ErrorCodes.CLINIC_DUTY_HAS_BOOKINGS]: 'people have booked this duty: hand it over to a colleague before you cancel',
};

export function toIso(d: Date | string | undefined | null): string | undefined {
  return d ? new Date(d).toISOString() : undefined;
}
