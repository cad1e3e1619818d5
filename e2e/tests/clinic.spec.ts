/** 三师 clinic: claiming, booking, checking in and recording the outcome; outcomes and handovers; 服务联络站; 生成排班. */
import type { Page } from '@playwright/test';
import type { ClinicSettings, ConsultationView, SessionView } from '../../core/api/clinic';
import { DemoUsers } from '../../core/api/demo-users';
import { beijingMonth, callFn, issue15Writer, okFn, setEmulatorClock } from '../support/api';
import { DESKTOP, PHONE, STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, assertTargets, devLogin, issue15Combos, issue15Shot, norm, showMonth } from '../support/page';

test('三师 clinic: the volunteer lawyer claims a duty, a manager books a slot with him, checks in by the station QR (S-XPKZ), the lawyer records the outcome', async ({ env, newPage, shot }) => {
  const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
  const wang = DemoUsers.find((u) => u.openid === 'demo-manager-wang')!;
  // An upcoming session with an open lawyer seat, still bookable (before its cut-off).
  const settings = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, chen.openid);
  const months = [beijingMonth(0), beijingMonth(1)];
  let session: SessionView | undefined;
  for (const month of months) {
    const open = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'openDuties', { month }, chen.openid);
    session = open.find((s) => !s.closed && Date.parse(s.startsAt) - (settings.cutoffHours + 1) * 3_600_000 > Date.now());
    if (session) break;
  }
  assert(session, `no upcoming session with an open lawyer seat in ${months.join(', ')}`);
  const sid = session.id;
  const month = sid.slice(0, 7);

  // The volunteer claims the duty from 我的坐诊.
  const lawyer = await newPage();
  await devLogin(env, lawyer, chen);
  await lawyer.locator('[data-testid="nav-clinic-duties"]').click();
  await lawyer.locator('[data-testid="clinic-duties"]').waitFor();
  await showMonth(lawyer, month);
  await lawyer.locator(`[data-testid="clinic-duty-book"][data-session="${sid}"]`).click();
  await lawyer.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`).waitFor();
  await shot(lawyer, 'clinic-1-lawyer-duty');

  // The manager books a slot in that session with the lawyer.
  const manager = await newPage();
  await devLogin(env, manager, wang);
  await manager.locator('[data-testid="nav-clinic-book"]').click();
  await manager.locator('[data-testid="clinic-book"]').waitFor();
  await manager.locator('[data-testid="clinic-book-profession-lawyer"]').click();
  await showMonth(manager, month);
  const card = manager.locator(`[data-testid="clinic-session-card"][data-session="${sid}"]`);
  await card.click();
  assert(norm(await card.innerText()).includes('陈律师'), 'the session card should name the lawyer on duty');
  const free = manager.locator('[data-testid="clinic-slot"]:not([data-free="0"])').first();
  await free.waitFor();
  const slotIndex = Number(await free.getAttribute('data-index'));
  await free.click();
  const problem = '员工拒签劳动合同，企业该如何处理？';
  await manager.locator('[data-testid="clinic-description"] textarea').fill(problem);
  await shot(manager, 'clinic-2-manager-book');
  await manager.locator('[data-testid="clinic-book-submit"]').click();
  await manager.locator('[data-testid="clinic-book-done"]').waitFor();
  const bookingId = await manager.locator('[data-testid="clinic-book-done"]').getAttribute('data-id');
  assert(bookingId, 'the booking confirmation should carry the booking id');
  await shot(manager, 'clinic-3-manager-booked');

  // The session's morning: the manager scans the station's code and checks in.
  try {
    await setEmulatorClock(env.gatewayUrl, `${sid.slice(0, 10)}T08:40:00+08:00`);
    await manager.goto(appPath(env, 'pages/entry/index?scene=S-XPKZ'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    await manager.locator('[data-testid="clinic-checkin"]').waitFor();
    await manager.locator('[data-testid="clinic-checkin-submit"]').click();
    await manager.locator(`[data-testid="clinic-checkin-done"]`).waitFor();
    await manager.locator(`[data-testid="clinic-booking"][data-id="${bookingId}"]`).waitFor();
    await shot(manager, 'clinic-4-manager-checked-in');

    // The consultation has begun: its outcome is recorded from the slot's start on (issue 15 #3).
    const slotStart = Date.parse((await okFn<ConsultationView[]>(env.gatewayUrl, 'clinic', 'sessionBookings', { sessionId: sid }, chen.openid)).find((x) => x.id === bookingId)!.startsAt);
    await setEmulatorClock(env.gatewayUrl, new Date(Math.max(slotStart + 5 * 60_000, Date.parse(`${sid.slice(0, 10)}T08:40:00+08:00`))).toISOString());

    // The lawyer opens the session from his duties and records the outcome.
    await lawyer.reload();
    await showMonth(lawyer, month);
    const mine = lawyer.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`);
    await mine.locator('[data-testid="clinic-duty-session"]').click();
    await lawyer.locator(`[data-testid="clinic-session"][data-session="${sid}"]`).waitFor();
    // (H5 keeps the duties page underneath, with the same booking in it.)
    const row = lawyer.locator(`[data-testid="clinic-session"] [data-testid="clinic-booking"][data-id="${bookingId}"]`);
    await row.waitFor();
    assert(norm(await row.innerText()).includes(problem), 'the lawyer should see what the manager wants to ask');
    await row.locator('[data-testid="clinic-outcome-attended"]').click();
    const advice = '书面通知员工签订劳动合同并保留记录；经书面通知仍拒签的，可依法终止劳动关系。';
    await row.locator('[data-testid="clinic-outcome-advice"] textarea').fill(advice);
    await row.locator('[data-testid="clinic-outcome-submit"]').click();
    await lawyer.locator(`[data-testid="clinic-session"] [data-testid="clinic-booking"][data-id="${bookingId}"][data-status="attended"] [data-testid="clinic-outcome"]`).waitFor();
    await shot(lawyer, 'clinic-5-lawyer-outcome');

    const inSession = await okFn<ConsultationView[]>(env.gatewayUrl, 'clinic', 'sessionBookings', { sessionId: sid }, chen.openid);
    const b = inSession.find((x) => x.id === bookingId);
    assert(b, `clinic.sessionBookings of ${sid} should hold booking ${bookingId}`);
    assert(b.slotIndex === slotIndex && b.profession === 'lawyer', `booked slot ${b.slotIndex} (${b.profession}), expected ${slotIndex} (lawyer)`);
    assert(!!b.checkedInAt, 'the booking should be checked in');
    assert(b.status === 'attended' && b.outcome?.advice === advice, `status ${b.status}, outcome ${JSON.stringify(b.outcome)}`);
  } finally {
    await setEmulatorClock(env.gatewayUrl, null);
  }
});

test('issue 15 #3 #5 三师: no outcome before the consultation starts; a booked duty offers a handover, not a cancel (zh/en, phone/desk)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
  const settings = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, chen.openid);
  // An upcoming session 陈律师 sits in, still bookable.
  const weeks = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'onDuty', { days: 28 }, chen.openid);
  const session = weeks.find((s) => s.duties.some((d) => d.volunteerOpenid === chen.openid) && Date.parse(s.startsAt) - (settings.cutoffHours + 1) * 3_600_000 > Date.now());
  assert(session, 'no upcoming session with 陈律师 on duty');
  const sid = session.id;
  const slots = await okFn<Array<{ index: number; free: number }>>(env.gatewayUrl, 'clinic', 'slots', { sessionId: sid, profession: 'lawyer' }, 'demo-worker-zhao');
  const slot = slots.find((s) => s.free > 0);
  assert(slot, `no free lawyer slot in ${sid}`);
  const booked = await write<ConsultationView>('clinic', 'book', { sessionId: sid, profession: 'lawyer', slotIndex: slot.index, description: '工伤认定需要准备哪些材料？' }, 'demo-worker-zhao');
  try {
    const early = await callFn(env.gatewayUrl, 'clinic', 'recordOutcome', { id: booked.id, attended: true, advice: '提前写的意见' }, chen.openid, `e2e-i15-early-${Date.now()}`);
    assert(!early.ok && early.error.code === 'CLINIC.OUTCOME_TOO_EARLY', `an outcome before the session should be refused: ${JSON.stringify(early)}`);
    const cancel = await callFn(env.gatewayUrl, 'clinic', 'cancelDuty', { sessionId: sid }, chen.openid, `e2e-i15-cancel-${Date.now()}`);
    assert(!cancel.ok && cancel.error.code === 'CLINIC.DUTY_HAS_BOOKINGS', `cancelling a booked duty should be refused: ${JSON.stringify(cancel)}`);
    for (const c of issue15Combos()) {
      await write('user', 'updateSettings', { locale: c.locale }, chen.openid);
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, chen);
      // 本场咨询 before it starts: the booking, when recording opens, and no 已到场 / 未到场.
      await page.goto(appPath(env, `clinic/pages/session/index?sessionId=${encodeURIComponent(sid)}`), { waitUntil: 'load' });
      const row = page.locator(`[data-testid="clinic-session"] [data-testid="clinic-booking"][data-id="${booked.id}"]`);
      await row.waitFor();
      await row.locator('[data-testid="clinic-outcome-later"]').waitFor();
      assert((await row.locator('[data-testid="clinic-outcome-form"]').count()) === 0, 'no outcome form before the consultation starts');
      const later = norm(await row.locator('[data-testid="clinic-outcome-later"]').innerText());
      assert(later.includes(sid.slice(0, 10)), `the note should say when the consultation starts: ${later}`);
      if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-session"]', `session page ${c.label}`);
      await issue15Shot(page, `clinic-outcome-later-${c.label}`);
      // 我的坐诊: the booked duty says to hand it over; there is no 取消坐诊.
      await page.goto(appPath(env, 'clinic/pages/duties/index'), { waitUntil: 'load' });
      await page.locator('[data-testid="clinic-duties"]').waitFor();
      await showMonth(page, sid.slice(0, 7));
      const card = page.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`);
      await card.locator('[data-testid="clinic-duty-locked"]').waitFor();
      assert((await card.locator('[data-testid="clinic-duty-cancel"]').count()) === 0, 'a booked duty should offer no cancel');
      assert(!/btn--(secondary|ghost)/.test((await card.locator('[data-testid="clinic-duty-handover"]').getAttribute('class')) ?? ''), 'the handover should be the primary action');
      await card.scrollIntoViewIfNeeded();
      if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-my-duties"]', `duties ${c.label}`);
      await issue15Shot(page, `clinic-duty-locked-${c.label}`);
    }
  } finally {
    await write('user', 'updateSettings', { locale: 'zh-CN' }, chen.openid);
    await callFn(env.gatewayUrl, 'clinic', 'cancelBooking', { id: booked.id }, 'demo-worker-zhao', `e2e-i15-unbook-${Date.now()}`);
  }
});

test('issue 15 #6 三师 服务联络站: staff edit where the clinic sits in the clinic settings — a phone without its area code is refused with the field named, the preview follows the form (zh desk, en phone)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
  const before = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, zhang.openid);
  assert(before.station, 'the demo community should have its station seeded');
  const newAddress = '平湖市兴平路 68 号 党群服务中心二楼';
  const newAddressEn = '2F, Community Service Centre, 68 Xingping Road, Pinghu';
  const newPhone = '0573-85012399';
  const input = (form: ReturnType<Page['locator']>, id: string) => form.locator(`[data-testid="${id}"] input, input[data-testid="${id}"]`).first();
  try {
    for (const c of [issue15Combos()[3], issue15Combos()[1]]) {
      await write('user', 'updateSettings', { locale: c.locale }, zhang.openid);
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, zhang);
      await page.goto(appPath(env, 'clinic/pages/roster/index'), { waitUntil: 'load' });
      const form = page.locator('[data-testid="clinic-station-form"]');
      await input(form, 'clinic-station-name').waitFor();
      await form.scrollIntoViewIfNeeded();
      if (c.locale === 'zh-CN') {
        await input(form, 'clinic-station-address-input').fill(newAddress);
        await input(form, 'clinic-station-address-en').fill(newAddressEn);
        // A number without its area code is refused with the field named; then the right one saves.
        await input(form, 'clinic-station-phone-input').fill('85012399');
        await form.locator('[data-testid="clinic-station-save"]').click();
        await form.locator('[data-testid="error"]').waitFor();
        assert(norm(await form.locator('[data-testid="error"]').innerText()).includes('联络站电话'), 'the error should name the station phone');
        await input(form, 'clinic-station-phone-input').fill(newPhone);
        assert(norm(await form.locator('[data-testid="clinic-station-address"]').innerText()) === newAddress, 'the preview follows the form');
        await form.locator('[data-testid="clinic-station-save"]').click();
        await form.locator('[data-testid="clinic-station-saved"]').waitFor();
        const after = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, 'demo-worker-li');
        assert(after.station?.address === newAddress && after.station.addressEn === newAddressEn && after.station.phone === newPhone, `the station should be saved: ${JSON.stringify(after.station)}`);
      }
      if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-station-form"]', `station form ${c.label}`);
      await issue15Shot(page, `clinic-station-form-${c.label}`);
    }
  } finally {
    await write('clinic', 'updateSettings', { station: before.station }, zhang.openid);
    await write('user', 'updateSettings', { locale: 'zh-CN' }, zhang.openid);
  }
});

test('issue 15 #6 三师 where to go: the booking confirmation and 我的预约 show the 服务联络站 (address, map, phone) with the volunteer and the weekday (zh phone→desk, en desk→phone)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  const { station, cutoffHours } = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, 'demo-worker-li');
  assert(station?.addressEn, 'the demo station should have its address in both languages');
  // An upcoming session 刘会计 sits in, still bookable.
  const weeks = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'onDuty', { days: 28 }, 'demo-worker-li');
  const session = weeks.find((s) => s.duties.some((d) => d.volunteerOpenid === 'demo-accountant-liu') && Date.parse(s.startsAt) - (cutoffHours + 1) * 3_600_000 > Date.now());
  assert(session, 'no upcoming session with 刘会计 on duty');
  const weekday = { 'zh-CN': ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'][session.weekday], en: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][session.weekday] };
  const bookers = [
    { user: DemoUsers.find((u) => u.openid === 'demo-worker-li')!, book: issue15Combos()[0], mine: issue15Combos()[3], restore: 'zh-CN' as const },
    { user: DemoUsers.find((u) => u.openid === 'demo-manager-schmidt')!, book: issue15Combos()[2], mine: issue15Combos()[1], restore: 'en' as const },
  ];
  const booked: Array<{ id: string; openid: string }> = [];
  try {
    for (const b of bookers) {
      const locale = b.book.locale;
      const address = locale === 'en' ? station.addressEn : station.address;
      await write('user', 'updateSettings', { locale }, b.user.openid);
      const page = await newPage({ viewport: b.book.viewport });
      await devLogin(env, page, b.user);
      await page.goto(appPath(env, `clinic/pages/book/index?sessionId=${encodeURIComponent(session.id)}&profession=accountant`), { waitUntil: 'load' });
      const free = page.locator('[data-testid="clinic-slot"]:not([data-free="0"])').first();
      await free.waitFor();
      await free.click();
      await page.locator('[data-testid="clinic-description"] textarea').fill(locale === 'en' ? 'Transfer pricing documentation for our parent company' : '个税汇算清缴怎么办理？');
      await page.locator('[data-testid="clinic-book-submit"]').click();
      const done = page.locator('[data-testid="clinic-book-done"]');
      await done.waitFor();
      booked.push({ id: (await done.getAttribute('data-id'))!, openid: b.user.openid });
      assert(norm(await done.innerText()).includes(weekday[locale]), `the confirmation should say the weekday: ${norm(await done.innerText())}`);
      const where = page.locator('[data-testid="clinic-book-station"]');
      await where.waitFor();
      const text = norm(await where.innerText());
      assert(text.includes(address) && text.includes(station.phone) && text.includes('刘会计'), `the confirmation should say where, the phone and who: ${text}`);
      if (b.book.viewport.width < 1000) await assertTargets(page, '[data-testid="clinic-book"]', `booking confirmation ${b.book.label}`);
      await issue15Shot(page, `clinic-booked-station-${b.book.label}`);
      // 查看地图 in a browser opens the web map at the station's point (answered locally here: no network).
      await page.context().route('https://uri.amap.com/**', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<title>map</title>' }));
      const [map] = await Promise.all([page.context().waitForEvent('page'), where.locator('[data-testid="clinic-station-map"]').click()]);
      assert(map.url().includes(encodeURIComponent(`${station.longitude},${station.latitude}`)), `the map should open at the station: ${map.url()}`);
      await map.close();

      // 我的预约 at the other width: the station card, the volunteer and the weekday on the booking.
      const mine = await newPage({ viewport: b.mine.viewport });
      await devLogin(env, mine, b.user);
      await mine.goto(appPath(env, 'clinic/pages/mine/index'), { waitUntil: 'load' });
      const row = mine.locator(`[data-testid="clinic-booking"][data-id="${booked[booked.length - 1].id}"]`);
      await row.waitFor();
      const rowText = norm(await row.innerText());
      assert(rowText.includes(weekday[locale]) && rowText.includes('刘会计'), `我的预约 should show the weekday and the volunteer: ${rowText}`);
      const card = norm(await mine.locator('[data-testid="clinic-mine-station"]').innerText());
      assert(card.includes(address) && card.includes(station.phone), `我的预约 should say where to go: ${card}`);
      if (b.mine.viewport.width < 1000) await assertTargets(mine, '[data-testid="clinic-mine"]', `我的预约 ${b.mine.label}`);
      await issue15Shot(mine, `clinic-mine-station-${b.mine.label}`);
    }
  } finally {
    for (const b of booked) await callFn(env.gatewayUrl, 'clinic', 'cancelBooking', { id: b.id }, b.openid, `e2e-i15-6-${Date.now()}-${b.id}`);
    for (const b of bookers) await write('user', 'updateSettings', { locale: b.restore }, b.user.openid);
  }
});

test('issue 15 #13 生成排班: a preview first (duties it would assign, each gap with its reason and fix), nothing written until 确认保存; a month grid at a desk; closed days picked, not typed (zh/en, phone/desk)', async ({ env, newPage, shot }) => {
  const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
  const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
  const month = beijingMonth(1);
  try {
    const combos = [
      { locale: 'zh-CN', viewport: PHONE, label: 'zh-390' },
      { locale: 'en', viewport: PHONE, label: 'en-390' },
      { locale: 'en', viewport: DESKTOP, label: 'en-1280' },
      { locale: 'zh-CN', viewport: DESKTOP, label: 'zh-1280' },
    ] as const;
    for (const [i, c] of combos.entries()) {
      await setLocale(c.locale);
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, zhang);
      await page.goto(appPath(env, 'clinic/pages/roster/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await page.locator('[data-testid="clinic-roster"] [data-testid="clinic-month-grid"]').waitFor();
      await showMonth(page, month);
      await page.locator('[data-testid="clinic-plan-rotation"]').click();
      const preview = page.locator('[data-testid="clinic-plan-preview"]');
      await preview.waitFor();
      const reasons = await page.evaluate<(string | null)[]>(`[...document.querySelectorAll('[data-testid="clinic-plan-preview"] [data-testid="clinic-gap-reason"]')].map((e) => e.getAttribute('data-reason'))`);
      assert(reasons.every((r) => r === 'no_volunteer' || r === 'cap_reached' || r === 'unavailable'), `every gap says why: ${reasons.join(',')}`);
      await shot(page, `issue15-roster-preview-${c.label}`);
      if (c.viewport === DESKTOP) {
        await page.locator('[data-testid="clinic-roster-calendar"]').scrollIntoViewIfNeeded();
        const cols = await page.evaluate<number>(`getComputedStyle(document.querySelector('[data-testid="clinic-roster"] [data-testid="clinic-month-grid"]')).gridTemplateColumns.split(' ').length`);
        assert(cols >= 3, `a month grid at a desk (${cols} columns)`);
        await shot(page, `issue15-roster-grid-${c.label}`);
      }
      if (i < combos.length - 1) {
        await page.locator('[data-testid="clinic-plan-cancel"]').click();
        await preview.waitFor({ state: 'hidden' });
        continue;
      }
      // The last one saves: the preview's count is what gets written.
      const proposed = await page.locator('[data-testid="clinic-proposed-duty"]').count();
      if (proposed > 0) {
        await page.locator('[data-testid="clinic-plan-save"]').click();
        await page.locator('[data-testid="clinic-planned"]').waitFor();
      }
      // Closed days: a date picker and chips, no typed list.
      const closures = page.locator('[data-testid="clinic-settings-closures"]');
      await closures.scrollIntoViewIfNeeded();
      await page.locator('[data-testid="clinic-settings-closures-add"]').waitFor();
      assert((await page.locator('[data-testid="clinic-settings"] input[maxlength="400"]').count()) === 0, 'no typed date lists');
      await shot(page, `issue15-roster-settings-${c.label}`);
    }
  } finally {
    await setLocale('zh-CN');
  }
});
