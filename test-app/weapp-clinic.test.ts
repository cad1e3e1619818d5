/**
 * The clinic subpackage of the production weapp build (dist/clinic/), rendered headless: its pages
 * load their own chunk (store, service, strings) on top of the main package. Only the cloud is
 * stubbed, at wx.cloud.callFunction, with envelopes shaped as core/api/clinic says.
 */
import path from 'node:path';
import type { ConsultationView } from '@core/api/clinic';
import type { ApiResponse } from '@core/api/envelope';
import type { Me } from '@core/api/user';
import clinicZh from '../src/clinic/i18n/zh-CN';
import { assertWeappBuilt } from './global-setup';
import { launchWeapp } from './support/weapp';

const DIST = path.resolve(__dirname, '..', 'dist');
const SID = '2026-11-25-am';

const lawyerChen: Me = { openid: 'demo-lawyer-chen', role: 'volunteer', volunteerStatus: 'approved', profession: 'lawyer', name: '陈律师', communityId: 'xingping', communityName: '兴平工业社区', locale: 'zh-CN', largeText: false };

let seq = 0;
const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data, requestId: `req-${++seq}` });
const fail = (code: string): ApiResponse => ({ ok: false, error: { code, message: code }, requestId: `req-${++seq}` });

const booking: ConsultationView = {
  id: 'c-1',
  sessionId: SID,
  slotIndex: 0,
  profession: 'lawyer',
  startsAt: '2026-11-25T00:30:00.000Z',
  endsAt: '2026-11-25T01:00:00.000Z',
  status: 'confirmed',
  description: '员工拒签劳动合同，企业该如何处理？',
  attachments: [],
  bookerName: '王海燕',
  enterpriseName: '嘉兴甬森汽车零部件有限公司',
  can: { cancel: false, reschedule: false, checkIn: false, recordOutcome: true },
};

describe('weapp clinic subpackage, rendered headless', () => {
  beforeAll(assertWeappBuilt);

  test('the session page lists its consultations; a no-show is a keyed write that updates the row', async () => {
    const events: { name: string; action: string; data?: any; idempotencyKey?: string }[] = [];
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push({ name, ...event });
        if (name === 'user' && event.action === 'me') return ok(lawyerChen);
        if (name === 'clinic' && event.action === 'sessionBookings') return event.data.sessionId === SID ? ok([booking]) : fail('CLINIC.NO_SUCH_SESSION');
        if (name === 'clinic' && event.action === 'recordOutcome') return ok({ ...booking, status: 'no_show', can: { ...booking.can, recordOutcome: false } });
        return fail('INTERNAL');
      },
    });
    const page = await app.render('clinic/pages/session/index', { sessionId: SID });
    await app.until(() => page.text().includes(booking.description), 'the booking in the session');
    const text = page.text();
    expect(text).toContain('王海燕');
    expect(text).toContain(clinicZh['clinic.status.confirmed']);
    expect(text).toContain('08:30–09:00');

    await page.tap(page.byText(clinicZh['clinic.session.noShow'])!);
    await page.tap(page.byText(clinicZh['clinic.session.record'])!);
    // Recorded: the form is gone (its 已到场咨询 chip with it) and the row says 未到场.
    await app.until(() => !page.text().includes(clinicZh['clinic.session.attended']), 'the outcome form to close');
    expect(page.text()).toContain(clinicZh['clinic.status.no_show']);
    const record = events.find((e) => e.action === 'recordOutcome')!;
    expect(record.data).toEqual({ id: 'c-1', attended: false });
    expect(record.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(events.filter((e) => !['me', 'sessionBookings', 'recordOutcome'].includes(e.action))).toEqual([]);
    page.unload();
  });
});
