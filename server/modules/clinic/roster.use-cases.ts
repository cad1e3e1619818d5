/**
 * The 三师 roster: the community's clinic settings, the calendar everyone reads ("who is on duty
 * this week"), volunteers booking, cancelling and handing over duties, and the staff's fair
 * rotation and coverage gaps. A duty's `_id` is its seat, its personKey and capKey are unique:
 * two volunteers tapping the last seat, or one volunteer tapping past the monthly cap, collide in
 * the database and exactly one insert wins.
 */
import { randomUUID } from 'node:crypto';
import type { ClinicSettings, ColleagueView, ConsultationView, CoverageGapView, HandoverView, SessionView } from '../../../core/api/clinic';
import { ErrorCodes } from '../../../core/api/errors';
import type { Profession } from '../../../core/api/roles';
import { clinicConfigProblems, clinicSessions, monthRange, type ClinicSession } from '../../../core/rules/clinic-calendar';
import { coverageGaps, planRotation as planRotationRule, type RotationVolunteer } from '../../../core/rules/clinic-rotation';
import { isDutyClosing, strandedBookings } from '../../../core/rules/clinic-booking';
import { addDays, shanghaiDate, type WorkingCalendar } from '../../../core/rules/working-days';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { visiblePhotos } from '../moderation';
import { usersRepository, type UserDoc } from '../organisation';
import {
  capKeyOf,
  capNumberOf,
  communityOf,
  DEFAULT_SETTINGS,
  dutyIdOf,
  loadSettings,
  lowestFree,
  monthKeyOf,
  monthOf,
  pastCutoff,
  personKeyOf,
  readerCommunity,
  sessionKeyOf,
  sessionOf,
} from './clinic-common';
import { settingsChanged } from './clinic-reference';
import { consultationView, handoverView, sessionView } from './clinic.mapper';
import type { RotationResult } from '../../../core/api/clinic';
import { isoWeekday } from '../../../core/rules/clinic-calendar';
import { gapReason } from '../../../core/rules/clinic-gap-reasons';
import { handoverNotice } from './clinic-notifications';
import { notifyQuietly } from '../notify';
import { bookingsRepository, clinicSettingsRepository, dutiesRepository, handoversRepository, type DutyDoc } from './clinic.repository';

const ATTEMPTS = 6;
const newId = () => randomUUID().replace(/-/g, '');
const STAFF_ROLES = ['staff', 'admin', 'instructor'];

/** Optional per-volunteer rotation preferences, when staff store them on the user record. */
type VolunteerUser = UserDoc & { clinicWeight?: number; clinicAvailability?: number[]; clinicOutOfOffice?: string[] };

// ---- settings ----

export async function settings(ctx: ActionContext, input: { communityId?: string }): Promise<ClinicSettings> {
  return loadSettings(await readerCommunity(ctx, input.communityId));
}

const SettingFields = ['weekdays', 'start', 'end', 'slotMinutes', 'seatsPerProfession', 'closures', 'extraDates', 'includeMakeUpDays'] as const;

export async function updateSettings(ctx: ActionContext, input: Partial<ClinicSettings>): Promise<ClinicSettings> {
  const communityId = communityOf(ctx);
  const next: ClinicSettings = { ...(await loadSettings(communityId)), ...input };
  const fields: Record<string, string> = {};
  for (const problem of clinicConfigProblems(next)) {
    const field =
      SettingFields.find((f) => problem.startsWith(f) || problem.includes(`${f} `)) ??
      (/seats|profession/.test(problem) ? 'seatsPerProfession' : /weekday/.test(problem) ? 'weekdays' : /closure|extra/.test(problem) ? 'closures' : '(root)');
    fields[field] ??= problem;
  }
  if (Object.keys(fields).length) {
    throw new DomainError(ErrorCodes.CLINIC_SETTINGS_INVALID, `invalid clinic settings: ${Object.values(fields)[0]}`, fields);
  }
  await clinicSettingsRepository.put({ _id: communityId, ...next, active: true, updatedAt: ctx.clock.now(), updatedBy: ctx.caller.openid });
  settingsChanged(communityId);
  return next;
}

// ---- calendar views ----

async function views(communityId: string, settingsOf: ClinicSettings, sessions: ClinicSession[], only?: Profession): Promise<SessionView[]> {
  const months = [...new Set(sessions.map((s) => monthOf(s.date)))].map((m) => monthKeyOf(communityId, m));
  const [duties, bookings] = await Promise.all([dutiesRepository.byMonths(months), bookingsRepository.byMonths(months)]);
  return sessions.map((s) => sessionView(s, settingsOf.seatsPerProfession, duties, bookings, only));
}

/** Marks the sessions of a year with no holiday arrangement: the calendar says only the statutory days are known. */
function flagStatutoryOnly(list: SessionView[], cal: WorkingCalendar): SessionView[] {
  return list.map((v) => (cal.coverage(Number(v.date.slice(0, 4))) === 'statutory_only' ? { ...v, statutoryOnly: true } : v));
}

function monthSessions(settingsOf: ClinicSettings, month: string, cal: WorkingCalendar): ClinicSession[] {
  monthRange(month);
  return clinicSessions(settingsOf, month, cal);
}

export async function calendar(ctx: ActionContext, input: { month: string; profession?: Profession; communityId?: string }): Promise<SessionView[]> {
  const communityId = await readerCommunity(ctx, input.communityId);
  const s = await loadSettings(communityId);
  const cal = ctx.calendars.for(communityId);
  return flagStatutoryOnly(await views(communityId, s, monthSessions(s, input.month, cal), input.profession), cal);
}

export async function onDuty(ctx: ActionContext, input: { days?: number; communityId?: string }): Promise<SessionView[]> {
  const communityId = await readerCommunity(ctx, input.communityId);
  const s = await loadSettings(communityId);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const cal = ctx.calendars.for(communityId);
  const sessions = clinicSessions(s, { from: today, to: addDays(today, (input.days ?? 7) - 1) }, cal).filter((x) => x.endsAt > now);
  return flagStatutoryOnly(await views(communityId, s, sessions), cal);
}

// ---- volunteers' duties ----

function approvedVolunteer(ctx: ActionContext): { communityId: string; profession: Profession; user: UserDoc } {
  const user = ctx.caller.user;
  if (!user || user.role !== 'volunteer' || user.volunteerStatus !== 'approved' || !user.profession) throw forbidden('only approved volunteers sit in clinic');
  return { communityId: communityOf(ctx), profession: user.profession, user };
}

export async function openDuties(ctx: ActionContext, input: { month: string }): Promise<SessionView[]> {
  const { communityId, profession } = approvedVolunteer(ctx);
  const s = await loadSettings(communityId);
  const now = ctx.clock.now();
  const all = await views(communityId, s, monthSessions(s, input.month, ctx.calendar).filter((x) => !pastCutoff(x.startsAt, now, s.cutoffHours)));
  return all.filter((v) => {
    const st = v.staffing[profession];
    return !!st && st.staffed < st.seats && !v.duties.some((d) => d.volunteerOpenid === ctx.caller.openid);
  });
}

export async function myDuties(ctx: ActionContext, input: { month?: string }): Promise<Array<SessionView & { bookings: ConsultationView[]; cancellable: boolean }>> {
  const { communityId, profession } = approvedVolunteer(ctx);
  const s = await loadSettings(communityId);
  const now = ctx.clock.now();
  const mine = (await dutiesRepository.byVolunteer(ctx.caller.openid, input.month)).filter(
    (d) => d.communityId === communityId && (input.month || d.date >= shanghaiDate(now)),
  );
  const sessions = mine.flatMap((d) => {
    try {
      return [sessionOf(s, d.sessionId, ctx.calendar)];
    } catch {
      return []; // a session the settings no longer hold (closed later)
    }
  });
  const months = [...new Set(sessions.map((x) => monthKeyOf(communityId, monthOf(x.date))))];
  const [duties, bookings] = await Promise.all([dutiesRepository.byMonths(months), bookingsRepository.byMonths(months)]);
  const urls = await visiblePhotos(ctx.caller, [...new Set(bookings.filter((b) => b.profession === profession).flatMap((b) => b.attachments))]);
  return sessions.map((x) => ({
    ...sessionView(x, s.seatsPerProfession, duties, bookings),
    // What cancelDuty decides: cancellable when the others of the profession still sit every booking.
    cancellable:
      strandedBookings(
        bookings.filter((b) => b.sessionId === x.id && b.profession === profession),
        duties.filter((d) => d.sessionId === x.id && d.profession === profession && d.volunteerOpenid !== ctx.caller.openid && !isDutyClosing(d, now)).length,
      ).length === 0,
    bookings: bookings
      .filter((b) => b.sessionId === x.id && b.profession === profession)
      .sort((a, b) => a.slotIndex - b.slotIndex || a.seat - b.seat)
      .map((b) => consultationView(b, { openid: ctx.caller.openid, now, cutoffHours: s.cutoffHours, mayRecord: true, urls })),
  }));
}

async function sessionViewOf(communityId: string, s: ClinicSettings, session: ClinicSession): Promise<SessionView> {
  const key = sessionKeyOf(communityId, session.id);
  const [duties, bookings] = await Promise.all([dutiesRepository.bySession(key), bookingsRepository.bySession(key)]);
  return sessionView(session, s.seatsPerProfession, duties, bookings);
}

/**
 * The lowest free seat of the caller's profession and the lowest free number under the monthly
 * cap; the insert makes both stick (seat: `_id`, cap: unique capKey). A loser re-reads and
 * gets the honest reason.
 */
export async function bookDuty(ctx: ActionContext, input: { sessionId: string }): Promise<SessionView> {
  const { communityId, profession, user } = approvedVolunteer(ctx);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const now = ctx.clock.now();
  if (pastCutoff(session.startsAt, now, s.cutoffHours)) throw new DomainError(ErrorCodes.CLINIC_TOO_LATE, 'this session is too close to book a duty');
  const seats = s.seatsPerProfession[profession] ?? 0;
  const month = monthOf(session.date);
  const me = ctx.caller.openid;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [duties, mine] = await Promise.all([dutiesRepository.bySession(sessionKeyOf(communityId, session.id)), dutiesRepository.byVolunteer(me, month)]);
    if (duties.some((d) => d.volunteerOpenid === me)) throw new DomainError(ErrorCodes.CLINIC_ALREADY_BOOKED, 'you already sit in this session');
    const seat = lowestFree(duties.filter((d) => d.profession === profession).map((d) => d.seat), seats);
    if (seat === undefined) throw new DomainError(ErrorCodes.CLINIC_DUTY_TAKEN, 'every seat of your profession in this session is taken');
    const monthly = mine.filter((d) => d.communityId === communityId);
    const n = monthly.length >= s.monthlyDutyCap ? undefined : lowestFree(monthly.map((d) => capNumberOf(d.capKey)), s.monthlyDutyCap);
    if (n === undefined) throw new DomainError(ErrorCodes.CLINIC_DUTY_CAP, `at most ${s.monthlyDutyCap} duties a month`);
    const doc = dutyDoc(communityId, session, profession, seat, user, n, 'booked', now);
    if (await dutiesRepository.insertIfFree(doc)) return sessionViewOf(communityId, s, session);
  }
  const monthly = (await dutiesRepository.byVolunteer(me, month)).filter((d) => d.communityId === communityId);
  if (monthly.length >= s.monthlyDutyCap) throw new DomainError(ErrorCodes.CLINIC_DUTY_CAP, `at most ${s.monthlyDutyCap} duties a month`);
  throw new DomainError(ErrorCodes.CLINIC_DUTY_TAKEN, 'the seat was taken while you booked it');
}

/** A duty document: its `_id` is the seat, its personKey and capKey unique (the seed writes these too). */
export function dutyDoc(communityId: string, session: ClinicSession, profession: Profession, seat: number, user: UserDoc, n: number, source: DutyDoc['source'], now: Date): DutyDoc {
  const month = monthOf(session.date);
  return {
    _id: dutyIdOf(communityId, session.id, profession, seat),
    communityId,
    sessionId: session.id,
    sessionKey: sessionKeyOf(communityId, session.id),
    date: session.date,
    month,
    monthKey: monthKeyOf(communityId, month),
    profession,
    seat,
    volunteerOpenid: user._id,
    volunteerName: user.name,
    organisation: user.organisation,
    source,
    startsAt: session.startsAt,
    handoverTo: null,
    personKey: personKeyOf(communityId, session.id, user._id),
    capKey: capKeyOf(communityId, month, user._id, n),
    createdAt: now,
    updatedAt: now,
  };
}

async function myDutyIn(communityId: string, sessionId: string, openid: string): Promise<DutyDoc> {
  const duty = (await dutiesRepository.bySession(sessionKeyOf(communityId, sessionId))).find((d) => d.volunteerOpenid === openid);
  if (!duty) throw new DomainError(ErrorCodes.CLINIC_NOT_YOUR_DUTY, 'you do not sit in this session');
  return duty;
}

export async function cancelDuty(ctx: ActionContext, input: { sessionId: string }): Promise<SessionView> {
  const { communityId } = approvedVolunteer(ctx);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const duty = await myDutyIn(communityId, session.id, ctx.caller.openid);
  const now = ctx.clock.now();
  if (pastCutoff(session.startsAt, now, s.cutoffHours)) throw new DomainError(ErrorCodes.CLINIC_TOO_LATE, 'too close to the session to cancel: hand it over instead');
  // Closing first, then the bookings: a booking inserted meanwhile either is seen here (refused)
  // or sees the mark and backs off (booking.use-cases book: the staffing check). Never a booking with no one.
  await dutiesRepository.update(duty._id, { closingAt: now });
  const [duties, bookings] = await Promise.all([dutiesRepository.bySession(duty.sessionKey), bookingsRepository.bySession(duty.sessionKey, duty.profession)]);
  const remaining = duties.filter((d) => d._id !== duty._id && d.profession === duty.profession && !isDutyClosing(d, now)).length;
  if (strandedBookings(bookings, remaining).length) {
    await dutiesRepository.update(duty._id, { closingAt: null });
    throw new DomainError(ErrorCodes.CLINIC_DUTY_HAS_BOOKINGS, 'people have booked this duty: hand it over to a colleague before you cancel');
  }
  if (!(await dutiesRepository.removeIfHeldBy(duty._id, ctx.caller.openid))) throw new DomainError(ErrorCodes.CLINIC_NOT_YOUR_DUTY, 'this duty is not yours any more');
  return sessionViewOf(communityId, s, session);
}

const handoverInvalid = (why: string) => new DomainError(ErrorCodes.CLINIC_HANDOVER_INVALID, why);

export async function offerHandover(ctx: ActionContext, input: { sessionId: string; toOpenid: string }): Promise<HandoverView> {
  const { communityId, profession, user } = approvedVolunteer(ctx);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, input.sessionId, ctx.calendar);
  const duty = await myDutyIn(communityId, session.id, ctx.caller.openid);
  const now = ctx.clock.now();
  if (now >= session.startsAt) throw new DomainError(ErrorCodes.CLINIC_TOO_LATE, 'this session has started');
  const to = input.toOpenid === ctx.caller.openid ? undefined : await usersRepository.get(input.toOpenid);
  if (!to || to.communityId !== communityId || to.role !== 'volunteer' || to.volunteerStatus !== 'approved' || to.profession !== profession) {
    throw handoverInvalid('hand a duty over to an approved colleague of your profession');
  }
  if ((await dutiesRepository.bySession(duty.sessionKey)).some((d) => d.volunteerOpenid === to._id)) throw handoverInvalid('this colleague already sits in this session');
  const doc = {
    _id: newId(),
    communityId,
    dutyId: duty._id,
    sessionId: session.id,
    date: session.date,
    profession,
    fromOpenid: ctx.caller.openid,
    fromName: user.name,
    toOpenid: to._id,
    status: 'offered' as const,
    createdAt: now,
    updatedAt: now,
  };
  await handoversRepository.insert(doc);
  await dutiesRepository.update(duty._id, { handoverTo: to._id, updatedAt: now });
  await notifyQuietly([handoverNotice(doc, now)], now);
  return handoverView(doc);
}

/** The duty changes hands and the offer closes in one transaction; the unique keys re-checked at commit. */
export async function acceptHandover(ctx: ActionContext, input: { handoverId: string }): Promise<SessionView> {
  const { communityId, user } = approvedVolunteer(ctx);
  const h = await handoversRepository.get(input.handoverId);
  if (!h || h.communityId !== communityId || h.toOpenid !== ctx.caller.openid) throw notFound('handover');
  if (h.status !== 'offered') throw handoverInvalid(`this handover is ${h.status}`);
  const s = await loadSettings(communityId);
  const session = sessionOf(s, h.sessionId, ctx.calendar);
  const now = ctx.clock.now();
  if (now >= session.startsAt) throw new DomainError(ErrorCodes.CLINIC_TOO_LATE, 'this session has started');
  const mine = (await dutiesRepository.byVolunteer(ctx.caller.openid, monthOf(session.date))).filter((d) => d.communityId === communityId);
  const n = mine.length >= s.monthlyDutyCap ? undefined : lowestFree(mine.map((d) => capNumberOf(d.capKey)), s.monthlyDutyCap);
  if (n === undefined) throw new DomainError(ErrorCodes.CLINIC_DUTY_CAP, `at most ${s.monthlyDutyCap} duties a month`);
  if (mine.some((d) => d.sessionId === session.id)) throw handoverInvalid('you already sit in this session');
  try {
    await inTransaction(async (tx) => {
      const offer = await handoversRepository.get(h._id, tx);
      const duty = await dutiesRepository.get(h.dutyId, tx);
      if (!offer || offer.status !== 'offered') throw handoverInvalid('this handover was answered already');
      if (!duty || duty.volunteerOpenid !== h.fromOpenid) throw handoverInvalid('the duty is no longer your colleague’s to give');
      await dutiesRepository.update(
        duty._id,
        {
          volunteerOpenid: user._id,
          volunteerName: user.name,
          organisation: user.organisation,
          source: 'handover',
          handoverTo: null,
          personKey: personKeyOf(communityId, session.id, user._id),
          capKey: capKeyOf(communityId, monthOf(session.date), user._id, n),
          updatedAt: now,
        },
        tx,
      );
      await handoversRepository.update(h._id, { status: 'accepted', updatedAt: now }, tx);
    });
  } catch (e) {
    if (e instanceof DomainError) throw e;
    if (/DUPLICATE|E11000|duplicate key/i.test(`${(e as { code?: string })?.code ?? ''} ${(e as Error)?.message ?? ''}`)) {
      throw handoverInvalid('you took another duty meanwhile: try again');
    }
    throw e;
  }
  return sessionViewOf(communityId, s, session);
}

export async function declineHandover(ctx: ActionContext, input: { handoverId: string }): Promise<HandoverView> {
  const { communityId } = approvedVolunteer(ctx);
  const h = await handoversRepository.get(input.handoverId);
  if (!h || h.communityId !== communityId || h.toOpenid !== ctx.caller.openid) throw notFound('handover');
  const now = ctx.clock.now();
  if (!(await handoversRepository.answerIfOffered(h._id, ctx.caller.openid, 'declined', now))) throw handoverInvalid(`this handover is ${h.status}`);
  const duty = await dutiesRepository.get(h.dutyId);
  if (duty?.handoverTo === ctx.caller.openid) await dutiesRepository.update(duty._id, { handoverTo: null, updatedAt: now });
  return handoverView({ ...h, status: 'declined', updatedAt: now });
}

export async function myHandovers(ctx: ActionContext): Promise<HandoverView[]> {
  const { communityId } = approvedVolunteer(ctx);
  const [to, from] = await Promise.all([handoversRepository.offeredTo(ctx.caller.openid), handoversRepository.offeredBy(ctx.caller.openid, 50)]);
  return [...to, ...from]
    .filter((h) => h.communityId === communityId)
    .sort((a, b) => new Date(b.createdAt).getTime() - new Date(a.createdAt).getTime())
    .map(handoverView);
}

/** Whom a duty can be handed to: the community's other approved volunteers of the caller's profession, by name (no phones). */
export async function colleagues(ctx: ActionContext): Promise<ColleagueView[]> {
  const { communityId, profession } = approvedVolunteer(ctx);
  return (await approvedVolunteers(communityId))
    .filter((u) => u.profession === profession && u._id !== ctx.caller.openid)
    .map((u) => ({ openid: u._id, ...(u.name ? { name: u.name } : {}), ...(u.organisation ? { organisation: u.organisation } : {}) }))
    .sort((a, b) => (a.name ?? a.openid).localeCompare(b.name ?? b.openid, 'zh-CN'));
}

// ---- staff: rotation and coverage ----

async function approvedVolunteers(communityId: string): Promise<VolunteerUser[]> {
  const out: VolunteerUser[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await usersRepository.list({ communityId, role: 'volunteer', volunteerStatus: 'approved' }, { after, limit: 100 });
    out.push(...(page as VolunteerUser[]));
    if (page.length < 100) return out;
    after = page[page.length - 1]._id;
  }
}

const toGapView = (g: CoverageGapView) => ({ sessionId: g.sessionId, date: g.date, weekday: g.weekday, profession: g.profession, missing: g.missing });

/**
 * Fills the month's seats nobody booked (sessions not yet past the cut-off) with the pure rule;
 * each duty goes in under its seat's `_id`, so a second run, or a volunteer booking meanwhile,
 * simply wins the seat and the rotation skips it.
 */
/**
 * 生成排班: with `preview` it answers what it would assign and why each remaining gap stays (nothing
 * written), so staff see the plan before saving; without, it writes the duties.
 */
export async function planRotation(ctx: ActionContext, input: { month: string; preview?: boolean }): Promise<RotationResult> {
  const communityId = communityOf(ctx);
  const s = await loadSettings(communityId);
  const now = ctx.clock.now();
  const sessions = monthSessions(s, input.month, ctx.calendar);
  const open = new Set(sessions.filter((x) => !pastCutoff(x.startsAt, now, s.cutoffHours)).map((x) => x.id));
  const [volunteers, duties] = await Promise.all([approvedVolunteers(communityId), dutiesRepository.byMonths([monthKeyOf(communityId, input.month)])]);
  const rotationVolunteers: RotationVolunteer[] = volunteers
    .filter((v) => v.profession)
    .map((v) => ({
      id: v._id,
      profession: v.profession!,
      weight: typeof v.clinicWeight === 'number' && v.clinicWeight > 0 ? v.clinicWeight : undefined,
      availability: Array.isArray(v.clinicAvailability) ? v.clinicAvailability : undefined,
      outOfOffice: Array.isArray(v.clinicOutOfOffice) ? v.clinicOutOfOffice : undefined,
      maxPerMonth: s.monthlyDutyCap,
    }));
  // Past sessions take part as booked only: nobody is sent back in time.
  const plan = planRotationRule({
    month: input.month,
    sessions: sessions.filter((x) => open.has(x.id) || duties.some((d) => d.sessionId === x.id)),
    seats: s.seatsPerProfession,
    volunteers: rotationVolunteers,
    booked: duties.map((d) => ({ sessionId: d.sessionId, volunteerId: d.volunteerOpenid, profession: d.profession })),
  });
  const byId = new Map(volunteers.map((v) => [v._id, v]));
  const sessionById = new Map(sessions.map((x) => [x.id, x]));
  const withReason = (assignments: { sessionId: string; volunteerId: string }[]) => (g: CoverageGapView) => ({ ...toGapView(g), reason: gapReason(g, rotationVolunteers, assignments) });
  if (input.preview) {
    const proposed = plan.assignments.filter((a) => a.source === 'rotation' && open.has(a.sessionId) && byId.has(a.volunteerId));
    const gaps = coverageGaps(sessions.filter((x) => open.has(x.id)), s.seatsPerProfession, plan.assignments).map(withReason(plan.assignments));
    return {
      assigned: proposed.length,
      gaps,
      proposed: proposed.map((a) => ({ sessionId: a.sessionId, date: a.date, weekday: isoWeekday(a.date), profession: a.profession, volunteerName: byId.get(a.volunteerId)?.name ?? '' })),
      cap: s.monthlyDutyCap,
    };
  }
  const seatsTaken = new Map<string, number[]>();
  const capTaken = new Map<string, number[]>();
  for (const d of duties) {
    (seatsTaken.get(`${d.sessionId}|${d.profession}`) ?? seatsTaken.set(`${d.sessionId}|${d.profession}`, []).get(`${d.sessionId}|${d.profession}`)!).push(d.seat);
    (capTaken.get(d.volunteerOpenid) ?? capTaken.set(d.volunteerOpenid, []).get(d.volunteerOpenid)!).push(capNumberOf(d.capKey));
  }
  let assigned = 0;
  const written: DutyDoc[] = [];
  for (const a of plan.assignments) {
    if (a.source !== 'rotation' || !open.has(a.sessionId)) continue;
    const user = byId.get(a.volunteerId);
    const session = sessionById.get(a.sessionId);
    if (!user || !session) continue;
    const seatKey = `${a.sessionId}|${a.profession}`;
    const seat = lowestFree(seatsTaken.get(seatKey) ?? [], s.seatsPerProfession[a.profession] ?? 0);
    const n = lowestFree(capTaken.get(user._id) ?? [], s.monthlyDutyCap);
    if (seat === undefined || n === undefined) continue;
    const doc = dutyDoc(communityId, session, a.profession, seat, user, n, 'rotation', now);
    seatsTaken.set(seatKey, [...(seatsTaken.get(seatKey) ?? []), seat]);
    capTaken.set(user._id, [...(capTaken.get(user._id) ?? []), n]);
    if (await dutiesRepository.insertIfFree(doc)) {
      assigned += 1;
      written.push(doc);
    }
  }
  const after = [...duties, ...written];
  const gaps = coverageGaps(sessions.filter((x) => open.has(x.id)), s.seatsPerProfession, after).map(withReason(after.map((d) => ({ sessionId: d.sessionId, volunteerId: d.volunteerOpenid }))));
  return { assigned, gaps, cap: s.monthlyDutyCap };
}

export async function coverage(ctx: ActionContext, input: { month: string }): Promise<CoverageGapView[]> {
  const communityId = communityOf(ctx);
  const s = await loadSettings(communityId);
  return gapsOf(communityId, s, monthSessions(s, input.month, ctx.calendar), ctx.clock.now());
}

/** Seats still missing in the sessions that have not started. */
export async function gapsOf(communityId: string, s: ClinicSettings, sessions: ClinicSession[], now: Date): Promise<CoverageGapView[]> {
  const upcoming = sessions.filter((x) => x.startsAt > now);
  const months = [...new Set(upcoming.map((x) => monthKeyOf(communityId, monthOf(x.date))))];
  const duties = await dutiesRepository.byMonths(months);
  return coverageGaps(upcoming, s.seatsPerProfession, duties).map(toGapView);
}

/** Staff-side roles read every session's consultations. */
export const isStaffSide = (role: string) => STAFF_ROLES.includes(role);
export { DEFAULT_SETTINGS };
