/**
 * 三师 clinic end to end through the emulator, the real SDK and the real bundle: a volunteer
 * books a duty, a manager books a slot, checks in at the station, the volunteer records the
 * outcome; 500 concurrent booking attempts for 12 seats; a cancellation promoting exactly one
 * waitlisted person; reminders sent once when the trigger fires twice; duty seat and cap races;
 * the rotation filling gaps idempotently. The clock is pinned to March 2027 and reset after.
 */
import type { ColleagueView, ConsultationView, CoverageGapView, HandoverView, SessionView, SlotView, WaitlistView } from '../../core/api/clinic';
import type { Page } from '../../core/api/admin';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { BookingDoc, DutyDoc } from '../../server/modules/clinic/clinic.repository';
import { startTestEnv, type ClockChange, type TestEnv, code } from '../support/harness';

process.env.CLINIC_TEMPLATE_REMINDER = 'TPL-CLINIC-REMINDER';
process.env.CLINIC_TEMPLATE_GAP = 'TPL-CLINIC-GAP';
process.env.CLINIC_TEMPLATE_HANDOVER = 'TPL-CLINIC-HANDOVER';
process.env.CLINIC_TEMPLATE_PROMOTED = 'TPL-CLINIC-PROMOTED';

describe('clinic flows', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    await setClock({ now: '2027-03-01T10:00:00+08:00' });
  });
  afterAll(async () => {
    await setClock({ reset: true });
    await env.close();
  });

  const setClock = (body: ClockChange) => env.setClock(body);
  const fire = (trigger: string): Promise<unknown> => env.fireTimer('clinic', trigger);
  const outbox = async (templateId: string) => (await env.outbox()).filter((m) => m.templateId === templateId);
  const write = <T>(as: string, action: string, data: unknown) => env.call<T>('clinic', action, data, { as, idempotencyKey: env.key() });
  const okWrite = <T>(as: string, action: string, data: unknown) => env.ok<T>('clinic', action, data, { as, idempotencyKey: env.key() });
  const volunteer = (profession: string, name = `测试${profession}`) => env.makeUser('volunteer', { profession: profession as 'lawyer', name });
  const confirmedIn = async (sessionId: string) =>
    ((await getDb().collection(Collections.clinicBookings).where({ sessionKey: `xingping:${sessionId}` }).limit(1000).get()).data as BookingDoc[]).filter((b) => b.status === 'confirmed');

  it('the seeded demo roster shows the four professionals in the next three sessions', async () => {
    await setClock({ reset: true });
    const weeks = await env.ok<SessionView[]>('clinic', 'onDuty', { days: 21 }, { as: 'demo-worker-li' });
    const staffed = weeks.filter((x) => x.duties.length === 4);
    expect(staffed).toHaveLength(3);
    expect(staffed[0].duties.map((d) => d.volunteerName)).toEqual(['陈律师', '刘会计', '周税务师', '孙专员']);
    await setClock({ now: '2027-03-01T10:00:00+08:00' });
  });

  it('a volunteer books a duty, a manager books a slot, checks in at the station, the volunteer records the outcome', async () => {
    const roster = await okWrite<SessionView>('demo-lawyer-chen', 'bookDuty', { sessionId: '2027-03-03-am' });
    expect(roster.duties).toEqual([expect.objectContaining({ profession: 'lawyer', seat: 0, volunteerOpenid: 'demo-lawyer-chen', volunteerName: '陈律师', source: 'booked' })]);
    expect(JSON.stringify(roster)).not.toContain('1390000');
    expect(roster.staffing.lawyer).toEqual({ seats: 1, staffed: 1 });

    // Everyone, guests included, sees who is on duty.
    const week = await env.ok<SessionView[]>('clinic', 'onDuty', { days: 7, communityId: 'xingping' }, { as: 'guest-visitor-1' });
    expect(week.map((s) => s.id)).toEqual(['2027-03-01-am', '2027-03-03-am', '2027-03-05-am']);
    expect(week[1].freeSlots.lawyer).toBe(6);

    const slots = await env.ok<SlotView[]>('clinic', 'slots', { sessionId: '2027-03-03-am', profession: 'lawyer' }, { as: 'demo-manager-wang' });
    expect(slots).toHaveLength(6);
    expect(slots[0]).toMatchObject({ index: 0, free: 1, mine: false, startsAt: '2027-03-03T00:30:00.000Z' });
    expect(code(await write('demo-manager-wang', 'book', { sessionId: '2027-03-03-am', profession: 'accountant', slotIndex: 0, description: '账务问题' }))).toBe('CLINIC.NOT_ON_DUTY');

    const booked = await okWrite<ConsultationView>('demo-manager-wang', 'book', { sessionId: '2027-03-03-am', profession: 'lawyer', slotIndex: 0, description: '劳动合同到期不续签，要不要支付经济补偿？' });
    expect(booked).toMatchObject({ status: 'confirmed', slotIndex: 0, bookerName: '王海燕', enterpriseName: '嘉兴甬森汽车零部件有限公司', can: { cancel: true, reschedule: true, checkIn: false } });
    expect(code(await write('demo-manager-wang', 'book', { sessionId: '2027-03-03-am', profession: 'lawyer', slotIndex: 1, description: '再约一次' }))).toBe('CLINIC.ALREADY_BOOKED');
    expect(code(await write('demo-worker-li', 'book', { sessionId: '2027-03-03-am', profession: 'lawyer', slotIndex: 0, description: '工伤' }))).toBe('CLINIC.SLOT_TAKEN');
    expect(code(await write('demo-worker-li', 'checkIn', { scene: 'S-XPKZ' }))).toBe('CLINIC.NOTHING_TO_CHECK_IN');

    await setClock({ now: '2027-03-03T08:20:00+08:00' });
    expect(code(await write('demo-manager-wang', 'cancelBooking', { id: booked.id }))).toBe('CLINIC.TOO_LATE');
    expect(code(await write('demo-manager-wang', 'checkIn', { scene: 'E-YSQC' }))).toBe('NOT_FOUND');
    const checked = await okWrite<ConsultationView[]>('demo-manager-wang', 'checkIn', { scene: 'S-XPKZ' });
    expect(checked).toEqual([expect.objectContaining({ id: booked.id, status: 'confirmed' })]);
    expect(checked[0].checkedInAt).toBeDefined();

    // Checked in at 08:20 for 08:30: the consultation has not started, so no outcome yet (issue 15 #3).
    const early = await env.ok<ConsultationView[]>('clinic', 'sessionBookings', { sessionId: '2027-03-03-am' }, { as: 'demo-lawyer-chen' });
    expect(early).toEqual([expect.objectContaining({ id: booked.id, bookerName: '王海燕', can: expect.objectContaining({ recordOutcome: false }) })]);
    expect(code(await write('demo-lawyer-chen', 'recordOutcome', { id: booked.id, attended: true, advice: '提前写好的意见' }))).toBe('CLINIC.OUTCOME_TOO_EARLY');
    expect(code(await write('demo-lawyer-chen', 'recordOutcome', { id: booked.id, attended: false }))).toBe('CLINIC.OUTCOME_TOO_EARLY');
    expect(code(await write('demo-staff-zhang', 'recordOutcome', { id: booked.id, attended: false }))).toBe('CLINIC.OUTCOME_TOO_EARLY');
    expect(((await getDb().collection(Collections.clinicBookings).doc(booked.id).get()).data as BookingDoc[])[0]).toMatchObject({ status: 'confirmed' });

    await setClock({ now: '2027-03-03T08:30:00+08:00' });
    const board = await env.ok<ConsultationView[]>('clinic', 'sessionBookings', { sessionId: '2027-03-03-am' }, { as: 'demo-lawyer-chen' });
    expect(board).toEqual([expect.objectContaining({ id: booked.id, bookerName: '王海燕', can: expect.objectContaining({ recordOutcome: true }) })]);
    expect(code(await env.call('clinic', 'sessionBookings', { sessionId: '2027-03-03-am' }, { as: 'demo-accountant-liu' }))).toBe('CLINIC.NOT_ON_DUTY');
    expect(code(await write('demo-accountant-liu', 'recordOutcome', { id: booked.id, attended: true, advice: '无' }))).toBe('CLINIC.NOT_ON_DUTY');

    await setClock({ now: '2027-03-03T09:10:00+08:00' });
    const done = await okWrite<ConsultationView>('demo-lawyer-chen', 'recordOutcome', { id: booked.id, attended: true, advice: '合同期满不续签，单位应支付经济补偿。', followUpNeeded: true });
    expect(done).toMatchObject({ status: 'attended', outcome: { advice: '合同期满不续签，单位应支付经济补偿。', followUpNeeded: true, byName: '陈律师' } });
    expect(code(await write('demo-lawyer-chen', 'recordOutcome', { id: booked.id, attended: false }))).toBe('CLINIC.NOT_ACTIVE');
    const mine = await env.ok<Page<ConsultationView> & { waitlist: WaitlistView[] }>('clinic', 'myBookings', {}, { as: 'demo-manager-wang' });
    expect(mine.items[0]).toMatchObject({ id: booked.id, status: 'attended' });
    await setClock({ now: '2027-03-01T10:00:00+08:00' });
  });

  it('20 volunteers race for one duty seat: one wins; the monthly cap holds under concurrency', async () => {
    const accountants = await Promise.all(Array.from({ length: 20 }, (_, i) => volunteer('accountant', `会计${i}`)));
    const results = await Promise.all(accountants.map((a) => write<SessionView>(a, 'bookDuty', { sessionId: '2027-03-08-am' })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map(code))).toEqual(new Set(['CLINIC.DUTY_TAKEN']));
    const duties = (await getDb().collection(Collections.clinicDuties).where({ sessionKey: 'xingping:2027-03-08-am' }).get()).data as DutyDoc[];
    expect(duties.filter((d) => d.profession === 'accountant')).toHaveLength(1);

    const tax = await volunteer('tax_advisor', '钱税务师');
    const april = ['2027-04-02-am', '2027-04-07-am', '2027-04-09-am', '2027-04-12-am', '2027-04-14-am', '2027-04-16-am'];
    const capped = await Promise.all(april.map((sessionId) => write(tax, 'bookDuty', { sessionId })));
    expect(capped.filter((r) => r.ok)).toHaveLength(4);
    expect(capped.filter((r) => !r.ok).map(code)).toEqual(['CLINIC.DUTY_CAP', 'CLINIC.DUTY_CAP']);

    // Cancel before the cut-off frees both the seat and the cap.
    const winner = accountants[results.findIndex((r) => r.ok)];
    await okWrite(winner, 'cancelDuty', { sessionId: '2027-03-08-am' });
    expect(code(await write(winner, 'cancelDuty', { sessionId: '2027-03-08-am' }))).toBe('CLINIC.NOT_YOUR_DUTY');
    await okWrite(accountants[0] === winner ? accountants[1] : accountants[0], 'bookDuty', { sessionId: '2027-03-08-am' });
  });

  it('hands a duty over to a colleague who accepts', async () => {
    const from = await volunteer('finance', '周专员');
    const to = await volunteer('finance', '吴专员');
    await env.grantConsent(to, 'clinicHandover');
    // 转交同事 offers the approved colleagues of the giver's profession by name: not the giver, not other professions, no phones.
    const colleagues = await env.ok<ColleagueView[]>('clinic', 'colleagues', {}, { as: from });
    expect(colleagues).toContainEqual(expect.objectContaining({ openid: to, name: '吴专员' }));
    expect(colleagues.map((c) => c.openid)).not.toContain(from);
    expect(colleagues.map((c) => c.openid)).not.toContain('demo-lawyer-chen');
    expect(JSON.stringify(colleagues)).not.toMatch(/phone|1[3-9]\d{9}/);
    await okWrite(from, 'bookDuty', { sessionId: '2027-03-10-am' });
    expect(code(await write(from, 'offerHandover', { sessionId: '2027-03-10-am', toOpenid: 'demo-lawyer-chen' }))).toBe('CLINIC.HANDOVER_INVALID');
    const offer = await okWrite<HandoverView>(from, 'offerHandover', { sessionId: '2027-03-10-am', toOpenid: to });
    expect(offer).toMatchObject({ status: 'offered', fromName: '周专员', toOpenid: to });
    expect((await env.ok<HandoverView[]>('clinic', 'myHandovers', {}, { as: to })).map((h) => h.id)).toEqual([offer.id]);
    expect(await outbox('TPL-CLINIC-HANDOVER')).toEqual([expect.objectContaining({ touser: to })]);
    const after = await okWrite<SessionView>(to, 'acceptHandover', { handoverId: offer.id });
    expect(after.duties.find((d) => d.profession === 'finance')).toMatchObject({ volunteerOpenid: to, volunteerName: '吴专员', source: 'handover' });
    expect(code(await write(to, 'acceptHandover', { handoverId: offer.id }))).toBe('CLINIC.HANDOVER_INVALID');
    expect(code(await write(from, 'cancelDuty', { sessionId: '2027-03-10-am' }))).toBe('CLINIC.NOT_YOUR_DUTY');
  });

  it('a booked duty is not cancelled (handover first); a colleague still on duty lets it go; staff-free sessions stay cancellable (issue 15 #5)', async () => {
    const session = '2027-04-28-am'; // (04-05 is 清明 in 2027: no session)
    const lawyer = await volunteer('lawyer', '甲律师');
    await okWrite(lawyer, 'bookDuty', { sessionId: session });
    const worker = await env.makeUser('worker');
    const booked = await okWrite<ConsultationView>(worker, 'book', { sessionId: session, profession: 'lawyer', slotIndex: 2, description: '劳动合同' });
    expect(code(await write(lawyer, 'cancelDuty', { sessionId: session }))).toBe('CLINIC.DUTY_HAS_BOOKINGS');
    const mine = await env.ok<Array<SessionView & { cancellable: boolean }>>('clinic', 'myDuties', { month: '2027-04' }, { as: lawyer });
    expect(mine.find((s) => s.id === session)).toMatchObject({ cancellable: false });
    // The refused cancellation left the duty as it was: others still book it.
    expect((await okWrite<ConsultationView>(await env.makeUser('worker'), 'book', { sessionId: session, profession: 'lawyer', slotIndex: 3, description: '工伤' })).status).toBe('confirmed');
    // A second lawyer on duty (two lawyer seats): seat 0 of every slot still has someone, so the first may go.
    const before = await env.ok<{ seatsPerProfession: Record<string, number> }>('clinic', 'settings', {}, { as: 'demo-staff-zhang' });
    await okWrite('demo-staff-zhang', 'updateSettings', { seatsPerProfession: { ...before.seatsPerProfession, lawyer: 2 } });
    const second = await volunteer('lawyer', '乙律师');
    await okWrite(second, 'bookDuty', { sessionId: session });
    expect((await env.ok<Array<SessionView & { cancellable: boolean }>>('clinic', 'myDuties', { month: '2027-04' }, { as: lawyer })).find((s) => s.id === session)).toMatchObject({ cancellable: true });
    await okWrite(lawyer, 'cancelDuty', { sessionId: session });
    expect(code(await write(second, 'cancelDuty', { sessionId: session }))).toBe('CLINIC.DUTY_HAS_BOOKINGS');
    // Once the bookings are cancelled, the duty can go.
    await okWrite(worker, 'cancelBooking', { id: booked.id });
    const rest = await confirmedIn(session);
    for (const b of rest) await okWrite(b.bookerId, 'cancelBooking', { id: b._id });
    await okWrite(second, 'cancelDuty', { sessionId: session });
    await okWrite('demo-staff-zhang', 'updateSettings', { seatsPerProfession: before.seatsPerProfession });
  });

  it('a cancellation racing bookings, through the emulator: never a confirmed booking with nobody on duty', async () => {
    const sessions = ['2027-04-07-am', '2027-04-09-am', '2027-04-12-am', '2027-04-14-am', '2027-04-16-am', '2027-04-19-am', '2027-04-21-am', '2027-04-23-am'];
    const outcomes: string[] = [];
    for (const session of sessions) {
      const lawyer = await volunteer('lawyer', `竞速律师${session}`);
      await okWrite(lawyer, 'bookDuty', { sessionId: session });
      const workers = await Promise.all(Array.from({ length: 6 }, () => env.makeUser('worker')));
      // The cancellation fired among six bookings, all at once.
      const calls = [
        write(lawyer, 'cancelDuty', { sessionId: session }).then((r) => ['cancel', code(r)] as const),
        ...workers.map((w, i) => write(w, 'book', { sessionId: session, profession: 'lawyer', slotIndex: i, description: `并发预约 ${i}` }).then((r) => ['book', code(r)] as const)),
      ];
      const results = await Promise.all(calls);
      for (const [kind, c] of results) {
        outcomes.push(`${kind}:${c}`);
        expect(['OK', 'CLINIC.DUTY_HAS_BOOKINGS', 'CLINIC.NOT_ON_DUTY', 'CLINIC.SESSION_FULL', 'CLINIC.SLOT_TAKEN']).toContain(c);
      }
      const duties = ((await getDb().collection(Collections.clinicDuties).where({ sessionKey: `xingping:${session}` }).limit(100).get()).data as DutyDoc[]).filter((d) => d.profession === 'lawyer');
      const confirmed = (await confirmedIn(session)).filter((b) => b.profession === 'lawyer');
      // The invariant: every confirmed booking's seat has a volunteer.
      for (const b of confirmed) expect(b.seat).toBeLessThan(duties.length);
      if (results[0][1] === 'OK') expect(confirmed).toEqual([]);
      else expect(duties).toHaveLength(1);
      // No mark left behind by a refused cancellation.
      for (const d of duties) expect(d.closingAt ?? null).toBeNull();
      // Every booking the callers were told about stands.
      expect(confirmed).toHaveLength(results.filter(([k, c]) => k === 'book' && c === 'OK').length);
    }
    // Both sides of the race happened (the cancellation won some rounds, the bookings others) — printed for the record.
    console.log(outcomes.filter((o) => o.startsWith('cancel')).join(' '));
  });

  it('500 concurrent attempts for 12 seats: exactly 12 confirmed, each person at most once; a cancellation promotes exactly one waitlisted person', async () => {
    const staff = 'demo-staff-zhang';
    await okWrite(staff, 'updateSettings', { seatsPerProfession: { lawyer: 2, accountant: 1, tax_advisor: 1, finance: 1 } });
    const sessionId = '2027-03-12-am';
    const [l1, l2] = await Promise.all([volunteer('lawyer', '甲律师'), volunteer('lawyer', '乙律师')]);
    await okWrite(l1, 'bookDuty', { sessionId });
    await okWrite(l2, 'bookDuty', { sessionId });
    const workers = await Promise.all(Array.from({ length: 100 }, (_, i) => env.makeUser(i % 2 ? 'worker' : 'manager', { name: `职工${i}` })));
    const attempts = workers.flatMap((w, i) => Array.from({ length: 5 }, (_, k) => ({ w, slotIndex: (i + k) % 6 })));
    const started = Date.now();
    const results = await Promise.all(attempts.map((a) => write<ConsultationView>(a.w, 'book', { sessionId, profession: 'lawyer', slotIndex: a.slotIndex, description: '劳动争议咨询' })));
    const ms = Date.now() - started;
    const codes = results.map(code);
    expect(codes.filter((c) => c === 'OK')).toHaveLength(12);
    expect(new Set(codes.filter((c) => c !== 'OK'))).toEqual(expect.any(Set));
    for (const c of codes) expect(['OK', 'CLINIC.SLOT_TAKEN', 'CLINIC.SESSION_FULL', 'CLINIC.ALREADY_BOOKED', 'CLINIC.OVERLAP']).toContain(c);
    const confirmed = await confirmedIn(sessionId);
    expect(confirmed).toHaveLength(12);
    expect(new Set(confirmed.map((b) => b.bookerId)).size).toBe(12);
    expect(new Set(confirmed.map((b) => `${b.slotIndex}:${b.seat}`)).size).toBe(12);
    console.log(`500 concurrent booking attempts: ${ms} ms`);

    const slots = await env.ok<SlotView[]>('clinic', 'slots', { sessionId, profession: 'lawyer' }, { as: workers[0] });
    expect(slots.every((s) => s.free === 0)).toBe(true);
    const losers = workers.filter((w) => !confirmed.some((b) => b.bookerId === w));
    expect(code(await write(losers[0], 'book', { sessionId, profession: 'lawyer', slotIndex: 3, description: '再试' }))).toBe('CLINIC.SESSION_FULL');

    const waiting: WaitlistView[] = [];
    for (const w of losers.slice(0, 3)) waiting.push(await okWrite<WaitlistView>(w, 'joinWaitlist', { sessionId, profession: 'lawyer', description: '等候律师咨询' }));
    expect(waiting.map((w) => w.position)).toEqual([1, 2, 3]);
    for (const w of losers.slice(0, 3)) await env.grantConsent(w, 'clinicPromoted');
    const holder = confirmed[0];
    const cancelled = await okWrite<ConsultationView>(holder.bookerId, 'cancelBooking', { id: holder._id });
    expect(cancelled.status).toBe('cancelled');
    const now = await confirmedIn(sessionId);
    expect(now).toHaveLength(12);
    const promoted = now.filter((b) => b.via === 'waitlist');
    expect(promoted).toHaveLength(1);
    expect(promoted[0]).toMatchObject({ bookerId: losers[0], slotIndex: holder.slotIndex, seat: holder.seat, description: '等候律师咨询' });
    expect(await outbox('TPL-CLINIC-PROMOTED')).toEqual([expect.objectContaining({ touser: losers[0] })]);
    const second = await env.ok<Page<ConsultationView> & { waitlist: WaitlistView[] }>('clinic', 'myBookings', {}, { as: losers[1] });
    expect(second.waitlist).toEqual([expect.objectContaining({ position: 1 })]);

    // Reschedule the promoted booking to another session: the seat frees and the next in line gets it.
    await okWrite(l1, 'bookDuty', { sessionId: '2027-03-15-am' });
    const moved = await okWrite<ConsultationView>(losers[0], 'reschedule', { id: promoted[0]._id, sessionId: '2027-03-15-am', slotIndex: 2 });
    expect(moved).toMatchObject({ sessionId: '2027-03-15-am', slotIndex: 2, status: 'confirmed' });
    const after = await confirmedIn(sessionId);
    expect(after).toHaveLength(12);
    expect(after.filter((b) => b.bookerId === losers[1])).toHaveLength(1);
  }, 180_000);

  it('reminders: the hourly trigger fired twice (and concurrently) sends each reminder once; coverage waits for 09:xx', async () => {
    // Everyone to remind consented three times over: a reminder sent twice would reach them twice.
    const remindable = new Set([
      ...(await confirmedIn('2027-03-12-am')).map((b) => b.bookerId),
      ...((await getDb().collection(Collections.clinicDuties).where({ sessionKey: 'xingping:2027-03-12-am' }).get()).data as DutyDoc[]).map((d) => d.volunteerOpenid),
    ]);
    for (const p of remindable) await env.grantConsent(p, 'clinicReminder', 3);
    await setClock({ now: '2027-03-11T18:30:00+08:00' });
    const [first] = (await Promise.all([fire('hourly'), fire('hourly')])) as Array<{ result: { ok: boolean; data: { jobs: string[] } } }>;
    expect(first.result).toMatchObject({ ok: true, data: { jobs: ['reminders'] } });
    await fire('hourly');
    const sent = await outbox('TPL-CLINIC-REMINDER');
    const bookings = await confirmedIn('2027-03-12-am');
    const duties = (await getDb().collection(Collections.clinicDuties).where({ sessionKey: 'xingping:2027-03-12-am' }).get()).data as DutyDoc[];
    expect(sent).toHaveLength(bookings.length + duties.length);
    expect(new Set(sent.map((m) => m.touser)).size).toBe(sent.length);
    for (const b of bookings) expect(sent.some((m) => m.touser === b.bookerId)).toBe(true);
    for (const d of duties) expect(sent.some((m) => m.touser === d.volunteerOpenid)).toBe(true);
    await setClock({ now: '2027-03-01T10:00:00+08:00' });
  });

  it('staff plan a fair rotation that fills the gaps and is idempotent; the coverage timer flags gaps once', async () => {
    const staff = 'demo-staff-zhang';
    const before = await env.ok<CoverageGapView[]>('clinic', 'coverage', { month: '2027-05' }, { as: 'demo-instructor-huang' });
    expect(before.length).toBeGreaterThan(0);
    const plan = await okWrite<{ assigned: number; gaps: CoverageGapView[] }>(staff, 'planRotation', { month: '2027-05' });
    expect(plan.assigned).toBeGreaterThan(0);
    const again = await okWrite<{ assigned: number; gaps: CoverageGapView[] }>(staff, 'planRotation', { month: '2027-05' });
    expect(again.assigned).toBe(0);
    expect(again.gaps).toEqual(plan.gaps);
    const duties = (await getDb().collection(Collections.clinicDuties).where({ monthKey: 'xingping:2027-05' }).limit(1000).get()).data as DutyDoc[];
    const perPerson = new Map<string, number>();
    for (const d of duties) perPerson.set(d.volunteerOpenid, (perPerson.get(d.volunteerOpenid) ?? 0) + 1);
    expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(4);
    expect(new Set(duties.map((d) => `${d.sessionId}:${d.volunteerOpenid}`)).size).toBe(duties.length);
    const cal = await env.ok<SessionView[]>('clinic', 'calendar', { month: '2027-05' }, { as: 'demo-worker-li' });
    expect(cal.reduce((n, s) => n + s.duties.length, 0)).toBe(duties.length);

    // The community's staff consented to more gap notices than there can be gaps: a gap told twice would show.
    const staffIds = ((await getDb().collection(Collections.users).where({ communityId: 'xingping', role: 'staff' }).limit(1000).get()).data as Array<{ _id: string }>).map((u) => u._id);
    for (const s of staffIds) await env.grantConsent(s, 'clinicGap', 40);
    await setClock({ now: '2027-04-26T09:05:00+08:00' });
    const [run] = (await Promise.all([fire('hourly'), fire('hourly')])) as Array<{ result: { ok: boolean; data: { jobs: string[] } } }>;
    expect(run.result).toMatchObject({ ok: true, data: { jobs: ['reminders', 'coverage'] } });
    const flagged = await outbox('TPL-CLINIC-GAP');
    expect(flagged.length).toBeGreaterThan(0);
    expect((await env.outbox({ status: 'refused' })).filter((m) => m.templateId === 'TPL-CLINIC-GAP')).toEqual([]);
    expect(new Set(flagged.map((m) => `${m.touser}|${m.page}|${m.data.thing1.value}`)).size).toBe(flagged.length);
    await fire('hourly');
    expect(await outbox('TPL-CLINIC-GAP')).toHaveLength(flagged.length);
    await setClock({ now: '2027-03-01T10:00:00+08:00' });
  });

  it('two no-shows limit a booker to one upcoming booking', async () => {
    const lawyer = await volunteer('lawyer', '丙律师');
    const days = ['2027-03-17-am', '2027-03-19-am', '2027-03-24-am', '2027-03-26-am'];
    for (const sessionId of days) await okWrite(lawyer, 'bookDuty', { sessionId });
    const worker = await env.makeUser('worker', { name: '爽约者' });
    const first = await okWrite<ConsultationView>(worker, 'book', { sessionId: days[0], profession: 'lawyer', slotIndex: 5, description: '咨询一' });
    const second = await okWrite<ConsultationView>(worker, 'book', { sessionId: days[1], profession: 'lawyer', slotIndex: 5, description: '咨询二' });
    await setClock({ now: '2027-03-19T12:00:00+08:00' });
    for (const b of [first, second]) expect((await okWrite<ConsultationView>(lawyer, 'recordOutcome', { id: b.id, attended: false })).status).toBe('no_show');
    await okWrite(worker, 'book', { sessionId: days[2], profession: 'lawyer', slotIndex: 5, description: '咨询三' });
    expect(code(await write(worker, 'book', { sessionId: days[3], profession: 'lawyer', slotIndex: 5, description: '咨询四' }))).toBe('CLINIC.BOOKING_LIMITED');
    await setClock({ now: '2027-03-01T10:00:00+08:00' });
  });

  it('settings: staff update with validation', async () => {
    const bad = await write('demo-staff-zhang', 'updateSettings', { start: '11:00', end: '10:00' });
    expect(code(bad)).toBe('CLINIC.SETTINGS_INVALID');
    if (!bad.ok) expect(Object.keys(bad.error.fields ?? {})).toContain('start');
    const s = await okWrite<{ cutoffHours: number; closures: string[] }>('demo-staff-zhang', 'updateSettings', { closures: ['2027-03-22'], cutoffHours: 4 });
    expect(s).toMatchObject({ cutoffHours: 4, closures: ['2027-03-22'] });
    const cal = await env.ok<SessionView[]>('clinic', 'calendar', { month: '2027-03' }, { as: 'demo-worker-li' });
    expect(cal.map((x) => x.id)).not.toContain('2027-03-22-am');
    expect(code(await write('demo-worker-li', 'slots', { sessionId: '2027-03-22-am', profession: 'lawyer' }))).toBe('CLINIC.NO_SUCH_SESSION');
  });
});
