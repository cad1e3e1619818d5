/**
 * Who hears about what in the 三师 clinic. The adapter never throws: a notice never fails the
 * act it reports. Once-only notices (reminders, gaps) claim their key before sending.
 */
import type { Profession } from '../../../core/api/roles';
import { shanghaiDateTime } from '../../../core/rules/working-days';
import { sendSubscribeMessage, thing } from '../../platform/subscribe-message';
import type { BookingDoc, HandoverDoc } from './clinic.repository';

export const MY_BOOKINGS_PAGE = 'clinic/pages/mine/index';
export const MY_DUTIES_PAGE = 'clinic/pages/duties/index';
export const ROSTER_PAGE = 'clinic/pages/roster/index';

export const ProfessionNames: Record<Profession, string> = { lawyer: '律师', accountant: '会计师', tax_advisor: '税务师', finance: '金融专员' };

export function notifyReminder(to: string, kind: 'consultation' | 'duty', profession: Profession, startsAt: Date): Promise<boolean> {
  return sendSubscribeMessage({
    touser: to,
    template: 'clinicReminder',
    page: kind === 'duty' ? MY_DUTIES_PAGE : MY_BOOKINGS_PAGE,
    data: {
      thing1: thing(kind === 'duty' ? `三师坐诊·${ProfessionNames[profession]}` : `三师问诊·${ProfessionNames[profession]}`),
      time2: shanghaiDateTime(startsAt),
      thing3: thing('三师服务联络站，请准时到场'),
    },
  });
}

export function notifyGap(to: string, sessionId: string, date: string, profession: Profession, missing: number): Promise<boolean> {
  return sendSubscribeMessage({
    touser: to,
    template: 'clinicGap',
    page: `${ROSTER_PAGE}?session=${sessionId}`,
    data: { thing1: thing(`${date} 缺${ProfessionNames[profession]}${missing > 1 ? ` ${missing} 人` : ''}`), phrase2: '待排班' },
  });
}

export function notifyHandoverOffered(h: HandoverDoc): Promise<boolean> {
  return sendSubscribeMessage({
    touser: h.toOpenid,
    template: 'clinicHandover',
    page: `${MY_DUTIES_PAGE}?handover=${h._id}`,
    data: { thing1: thing(`${h.fromName ?? '同事'}请您代班`), thing2: thing(`${h.date} 三师坐诊`) },
  });
}

export function notifyPromoted(b: BookingDoc): Promise<boolean> {
  return sendSubscribeMessage({
    touser: b.bookerId,
    template: 'clinicPromoted',
    page: `${MY_BOOKINGS_PAGE}?id=${b._id}`,
    data: { thing1: thing(`三师问诊·${ProfessionNames[b.profession]}`), time2: shanghaiDateTime(new Date(b.startsAt)), phrase3: '已预约' },
  });
}
