/**
 * Who hears about what in the 三师 clinic: each builds the notices of one event, keyed so a
 * retried act or timer writes one inbox item per person (server/modules/notify).
 */
import type { ClinicStation } from '../../../core/api/clinic';
import type { Profession } from '../../../core/api/roles';
import { shanghaiDateTime } from '../../../core/rules/working-days';
import { thing } from '../../platform/subscribe-message';
import type { Notice } from '../notify';
import type { BookingDoc, HandoverDoc } from './clinic.repository';

export const MY_BOOKINGS_PAGE = 'clinic/pages/mine/index';
export const MY_DUTIES_PAGE = 'clinic/pages/duties/index';
export const ROSTER_PAGE = 'clinic/pages/roster/index';

export const ProfessionNames: Record<Profession, string> = { lawyer: '律师', accountant: '会计师', tax_advisor: '税务师', finance: '金融专员' };

/**
 * The evening-before reminder; `key` is the reminder's own (booking or duty, and its day). It says
 * where to go: the community's 服务联络站 (name and address in the item, the name in the message's
 * 20-character field; the page it opens shows the map and the phone).
 */
export function reminderNotice(
  key: string,
  to: string,
  kind: 'consultation' | 'duty',
  profession: Profession,
  startsAt: Date,
  at: Date,
  communityId?: string,
  station?: ClinicStation,
): Notice {
  const title = `三师坐诊·${ProfessionNames[profession]}`;
  const where = station ? ` · ${station.name}（${station.address}）` : '';
  return {
    event: `clinic.reminder:${key}`,
    to,
    kind: kind === 'duty' ? 'clinic.duty_reminder' : 'clinic.reminder',
    communityId,
    subject: `${title} ${shanghaiDateTime(startsAt)}${where}`,
    page: kind === 'duty' ? MY_DUTIES_PAGE : MY_BOOKINGS_PAGE,
    template: 'clinicReminder',
    data: { thing1: thing(title), time2: shanghaiDateTime(startsAt), thing3: thing(station ? station.name : '三师服务联络站，请准时到场') },
    at,
  };
}

/** Staff: a session within the coming days lacks a profession (once per session and profession). */
export function gapNotices(staff: string[], communityId: string, sessionId: string, date: string, profession: Profession, missing: number, at: Date): Notice[] {
  const text = `${date} 缺${ProfessionNames[profession]}${missing > 1 ? ` ${missing} 人` : ''}`;
  return staff.map((to) => ({
    event: `clinic.gap:${communityId}:${sessionId}:${profession}`,
    to,
    kind: 'clinic.gap' as const,
    communityId,
    subject: text,
    page: `${ROSTER_PAGE}?session=${sessionId}`,
    template: 'clinicGap' as const,
    data: { thing1: thing(text), phrase2: '待排班' },
    at,
  }));
}

export function handoverNotice(h: HandoverDoc, at: Date): Notice {
  return {
    event: `clinic.handover:${h._id}`,
    to: h.toOpenid,
    kind: 'clinic.handover',
    communityId: h.communityId,
    subject: `${h.fromName ?? '同事'} · ${h.date}`,
    page: `${MY_DUTIES_PAGE}?handover=${h._id}`,
    template: 'clinicHandover',
    data: { thing1: thing(`${h.fromName ?? '同事'}请您代班`), thing2: thing(`${h.date} 三师坐诊`) },
    at,
  };
}

/** The booker: booked (directly, or promoted from the waitlist), or cancelled by the clinic. */
export function bookingNotice(b: BookingDoc, what: 'booked' | 'promoted' | 'cancelled', at: Date): Notice {
  const title = `三师坐诊·${ProfessionNames[b.profession]}`;
  const startsAt = shanghaiDateTime(new Date(b.startsAt));
  return {
    event: `clinic.${what}:${b._id}`,
    to: b.bookerId,
    kind: `clinic.${what}`,
    communityId: b.communityId,
    subject: `${title} ${startsAt}`,
    page: `${MY_BOOKINGS_PAGE}?id=${b._id}`,
    template: what === 'promoted' ? 'clinicPromoted' : 'clinicBooking',
    data: { thing1: thing(title), time2: startsAt, phrase3: { booked: '已预约', promoted: '已递补', cancelled: '已取消' }[what] },
    at,
  };
}
