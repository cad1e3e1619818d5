/**
 * Where the clinic sits (issue 15 #6): the community's 服务联络站 — its address, map coordinates and
 * phone — entered by staff in the clinic settings, and carried to the booker on the booking
 * confirmation, in 我的预约 (with the volunteer sitting in the seat and the weekday) and in the
 * evening-before reminder. Through the emulator, the real SDK and the real bundle; clock pinned.
 */
import type { ClinicSettings, ClinicStation, ConsultationView, HandoverView } from '../../core/api/clinic';
import type { Page } from '../../core/api/admin';
import type { InboxItem } from '../../core/api/notify';
import { DEMO_STATION } from '../../scripts/seed';
import { code, useTestEnv } from '../support/harness';

process.env.CLINIC_TEMPLATE_REMINDER = 'TPL-CLINIC-REMINDER';

describe('clinic: the 服务联络站', () => {
  const env = useTestEnv('2027-03-01T10:00:00+08:00');

  const write = <T>(as: string, action: string, data: unknown) => env.call<T>('clinic', action, data, { as, idempotencyKey: env.key() });
  const okWrite = <T>(as: string, action: string, data: unknown) => env.ok<T>('clinic', action, data, { as, idempotencyKey: env.key() });

  it('the demo community has its station; guests and bookers read it with the settings', async () => {
    const guest = await env.ok<ClinicSettings>('clinic', 'settings', { communityId: 'xingping' }, { as: 'guest-visitor-9' });
    expect(guest.station).toEqual(DEMO_STATION);
    const worker = await env.ok<ClinicSettings>('clinic', 'settings', {}, { as: 'demo-worker-li' });
    expect(worker.station?.phone).toBe('0573-85012345');
  });

  it('staff change the station; a bad phone, coordinates outside China or a worker are refused and nothing changes', async () => {
    const moved: ClinicStation = { ...DEMO_STATION, address: '平湖市兴平路 68 号 二楼', latitude: 30.7101, longitude: 121.0433, phone: '0573-85012346' };
    const bad = [
      { ...moved, phone: '85012346' },
      { ...moved, latitude: 48.85, longitude: 2.35 },
      { ...moved, name: '' },
      { ...moved, extra: 'x' },
    ];
    for (const station of bad) {
      const r = await write('demo-staff-zhang', 'updateSettings', { station });
      expect(code(r)).toBe('INPUT.INVALID');
    }
    const phone = await write('demo-staff-zhang', 'updateSettings', { station: { ...moved, phone: '12345' } });
    expect(phone.ok).toBe(false);
    expect(Object.keys((!phone.ok && phone.error.fields) || {}).join(',')).toContain('phone');
    expect(code(await write('demo-worker-li', 'updateSettings', { station: moved }))).toBe('AUTH.FORBIDDEN');
    expect((await env.ok<ClinicSettings>('clinic', 'settings', {}, { as: 'demo-worker-li' })).station).toEqual(DEMO_STATION);

    const saved = await okWrite<ClinicSettings>('demo-staff-zhang', 'updateSettings', { station: moved });
    expect(saved.station).toEqual(moved);
    // Other settings are kept as they were.
    expect(saved.weekdays).toEqual([1, 3, 5]);
    expect((await env.ok<ClinicSettings>('clinic', 'settings', {}, { as: 'demo-manager-wang' })).station).toEqual(moved);
    await okWrite('demo-staff-zhang', 'updateSettings', { station: DEMO_STATION });
  });

  it('the booking says where, when (with the weekday) and with whom; after a handover, with the colleague', async () => {
    const sessionId = '2027-03-10-am';
    await okWrite('demo-lawyer-chen', 'bookDuty', { sessionId });
    const booked = await okWrite<ConsultationView>('demo-manager-wang', 'book', { sessionId, profession: 'lawyer', slotIndex: 1, description: '竞业限制协议怎么签？' });
    expect(booked).toMatchObject({ weekday: 3, volunteerName: '陈律师', station: DEMO_STATION });

    const mine = await env.ok<Page<ConsultationView>>('clinic', 'myBookings', {}, { as: 'demo-manager-wang' });
    expect(mine.items.find((b) => b.id === booked.id)).toMatchObject({ weekday: 3, volunteerName: '陈律师', station: DEMO_STATION });

    // 陈律师 hands the morning to a colleague: the booking now names the colleague.
    const colleague = await env.makeUser('volunteer', { profession: 'lawyer', name: '吴律师' });
    const offered = await okWrite<HandoverView>('demo-lawyer-chen', 'offerHandover', { sessionId, toOpenid: colleague });
    await okWrite(colleague, 'acceptHandover', { handoverId: offered.id });
    const after = await env.ok<Page<ConsultationView>>('clinic', 'myBookings', {}, { as: 'demo-manager-wang' });
    expect(after.items.find((b) => b.id === booked.id)).toMatchObject({ volunteerName: '吴律师', station: DEMO_STATION });
    // No phone number of a volunteer ever leaves; the station's own number does.
    expect(JSON.stringify(after)).not.toContain('1390000');
  });

  it('the evening-before reminder names the station and its address, in the inbox and the WeChat message', async () => {
    const sessionId = '2027-03-12-am';
    await okWrite('demo-accountant-liu', 'bookDuty', { sessionId });
    const worker = await env.makeUser('worker', { name: '路在何方' });
    await okWrite(worker, 'book', { sessionId, profession: 'accountant', slotIndex: 0, description: '个税专项附加扣除' });
    await env.grantConsent(worker, 'clinicReminder', 1);
    await env.setClock({ now: '2027-03-11T18:30:00+08:00' });
    await env.fireTimer('clinic', 'hourly');
    const inbox = await env.ok<Page<InboxItem>>('user', 'inbox', {}, { as: worker });
    const reminder = inbox.items.find((i) => i.kind === 'clinic.reminder');
    expect(reminder?.subject).toContain(DEMO_STATION.name);
    expect(reminder?.subject).toContain(DEMO_STATION.address);
    expect(reminder?.page).toBe('clinic/pages/mine/index');
    const sent = (await env.outbox()).filter((m) => m.touser === worker && m.templateId === 'TPL-CLINIC-REMINDER');
    expect(sent).toHaveLength(1);
    expect(sent[0].data.thing3.value).toBe(DEMO_STATION.name);
    await env.setClock({ now: '2027-03-01T10:00:00+08:00' });
  });
});
