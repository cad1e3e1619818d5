/** Documents to the contract's views (core/api/clinic.ts). No phone numbers ever leave here. */
import type { ClinicStation, ConsultationView, HandoverView, SessionView } from '../../../core/api/clinic';
import type { Attachment } from '../../../core/api/qa';
import { Professions, type Profession } from '../../../core/api/roles';
import type { ClinicSession } from '../../../core/rules/clinic-calendar';
import { canCancel, canRecordOutcome } from '../../../core/rules/clinic-booking';
import { isoWeekdayOf, shanghaiDate } from '../../../core/rules/working-days';
import { toIso } from './clinic-common';
import type { BookingDoc, DutyDoc, HandoverDoc } from './clinic.repository';

export function sessionView(
  session: ClinicSession,
  seats: Partial<Record<Profession, number>>,
  duties: readonly DutyDoc[],
  bookings: readonly BookingDoc[],
  only?: Profession,
): SessionView {
  const mine = duties.filter((d) => d.sessionId === session.id && (!only || d.profession === only));
  const held = bookings.filter((b) => b.sessionId === session.id && b.status !== 'cancelled');
  const staffing: SessionView['staffing'] = {};
  const freeSlots: SessionView['freeSlots'] = {};
  for (const p of Professions) {
    if (only && p !== only) continue;
    const staffed = mine.filter((d) => d.profession === p).length;
    if ((seats[p] ?? 0) > 0 || staffed > 0) staffing[p] = { seats: seats[p] ?? 0, staffed };
    if (staffed > 0) freeSlots[p] = Math.max(0, staffed * session.slots.length - held.filter((b) => b.profession === p).length);
  }
  return {
    id: session.id,
    date: session.date,
    weekday: session.weekday,
    kind: session.kind,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    duties: mine
      .sort((a, b) => Professions.indexOf(a.profession) - Professions.indexOf(b.profession) || a.seat - b.seat)
      .map((d) => ({
        profession: d.profession,
        seat: d.seat,
        volunteerOpenid: d.volunteerOpenid,
        volunteerName: d.volunteerName,
        organisation: d.organisation,
        source: d.source,
        ...(d.handoverTo ? { handoverTo: d.handoverTo } : {}),
      })),
    staffing,
    freeSlots,
  };
}

export interface ConsultationReader {
  openid: string;
  now: Date;
  cutoffHours: number;
  /** Staff, admins and the volunteers on duty in the booking's session may record its outcome. */
  mayRecord: boolean;
  urls: Map<string, string>;
  /** The reader is the manager of this enterprise (may open a demand from its attended consultations). */
  managerOf?: string;
  /** Who sits in the booking's seat now. */
  volunteerName?: string;
  station?: ClinicStation;
}

export function consultationView(b: BookingDoc, r: ConsultationReader): ConsultationView {
  const mine = b.bookerId === r.openid;
  const movable = mine && canCancel({ status: b.status, startsAt: new Date(b.startsAt) }, r.now, r.cutoffHours).ok;
  // `urls` holds only the photos the reader may see (others' still being checked are left out).
  const attachments: Attachment[] = b.attachments.filter((fileID) => r.urls.has(fileID)).map((fileID) => ({ fileID, url: r.urls.get(fileID) }));
  return {
    id: b._id,
    sessionId: b.sessionId,
    slotIndex: b.slotIndex,
    profession: b.profession,
    startsAt: new Date(b.startsAt).toISOString(),
    endsAt: new Date(b.endsAt).toISOString(),
    weekday: isoWeekdayOf(b.sessionDate),
    status: b.status,
    description: b.description,
    attachments,
    ...(r.volunteerName ? { volunteerName: r.volunteerName } : {}),
    ...(r.station ? { station: r.station } : {}),
    bookerName: b.bookerName,
    enterpriseName: b.enterpriseName,
    ...(b.enterpriseNameEn ? { enterpriseNameEn: b.enterpriseNameEn } : {}),
    checkedInAt: toIso(b.checkedInAt),
    outcome: b.outcome
      ? { advice: b.outcome.advice, followUpNeeded: b.outcome.followUpNeeded, recordedAt: new Date(b.outcome.recordedAt).toISOString(), byName: b.outcome.byName }
      : undefined,
    can: {
      cancel: movable,
      reschedule: movable,
      checkIn: mine && b.status === 'confirmed' && !b.checkedInAt && b.sessionDate === shanghaiDate(r.now),
      recordOutcome: r.mayRecord && canRecordOutcome({ status: b.status, startsAt: new Date(b.startsAt) }, r.now).ok,
      // tickets.submit with sourceConsultationId: the manager who booked it, or whose enterprise did.
      toTicket: b.status === 'attended' && !b.ticketId && !!r.managerOf && (mine || b.enterpriseId === r.managerOf),
    },
    ...(b.ticketId ? { ticketId: b.ticketId } : {}),
  };
}

export function handoverView(h: HandoverDoc): HandoverView {
  return { id: h._id, sessionId: h.sessionId, date: h.date, profession: h.profession, fromName: h.fromName, toOpenid: h.toOpenid, status: h.status };
}
