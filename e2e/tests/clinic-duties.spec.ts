/** 三师 clinic (issue 15 share B): cancelling and handing over duties, the waitlist, cancelling and moving a booking. */
import type { ClinicSettings, ConsultationView, SessionView } from '../../core/api/clinic';
import { DemoUsers } from '../../core/api/demo-users';
import zh from '../../src/i18n/zh-CN';
import { beijingMonth, callFn, issue15Writer, okFn } from '../support/api';
import { DESKTOP } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, assertTargets, devLogin, issue15Shot, norm, openModal, showMonth, waitHome } from '../support/page';
import { i15bApprovedVolunteer } from '../support/people';

test('issue 15 三师 duties (share B): 陈律师 claims two duties of a later month, cancels the one nobody booked, and hands the other to a colleague lawyer picked by name, who declines once and accepts when asked again (zh/en, phone/desk)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  const chen = DemoUsers.find((u) => u.openid === 'demo-lawyer-chen')!;
  // Two months ahead: next month is the rotation's (生成排班 may fill 陈律师's cap there).
  const month = beijingMonth(2);
  // The colleague: a brand-new visitor whose application as a lawyer staff approved (setup through the API).
  const colleague = await newPage({ viewport: DESKTOP });
  const lv = await i15bApprovedVolunteer(env, colleague, { profession: 'lawyer', name: '吕律师', organisation: '平湖明理律师事务所' });
  await write('user', 'updateSettings', { locale: 'en' }, lv);

  const page = await newPage();
  await devLogin(env, page, chen);
  const openDuties = async () => {
    await page.goto(appPath(env, 'clinic/pages/duties/index'), { waitUntil: 'load' });
    await page.locator('[data-testid="clinic-duties"]').waitFor();
    await showMonth(page, month);
  };
  const mine = (sid: string) => page.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${sid}"]`);
  const claimable = (sid: string) => page.locator(`[data-testid="clinic-open-duties"] [data-testid="clinic-duty-book"][data-session="${sid}"]`);
  await openDuties();
  const claims = page.locator('[data-testid="clinic-open-duties"] [data-testid="clinic-duty-book"]');
  await claims.nth(1).waitFor();
  const [a, b] = [(await claims.nth(0).getAttribute('data-session'))!, (await claims.nth(1).getAttribute('data-session'))!];
  for (const sid of [a, b]) {
    await claimable(sid).click();
    await mine(sid).waitFor();
  }

  // 取消坐诊 of the duty nobody booked: asked first, then the seat is open again.
  const foot = await openModal(page, mine(b).locator('[data-testid="clinic-duty-cancel"]'));
  await issue15Shot(page, 'clinic-duty-cancel-confirm-zh-390');
  await foot.getByText(zh['common.confirm'], { exact: true }).click();
  await mine(b).waitFor({ state: 'detached' });
  await claimable(b).waitFor();
  const afterCancel = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'myDuties', { month }, chen.openid);
  assert(!afterCancel.some((s) => s.id === b) && afterCancel.some((s) => s.id === a), `陈律师's duties after the cancel: ${afterCancel.map((s) => s.id).join(', ')}`);

  // 转交同事: the colleague is picked by name (no user id to type), the offer is sent.
  const offer = async () => {
    await mine(a).locator('[data-testid="clinic-duty-handover"]').click();
    const pick = mine(a).locator(`[data-testid="clinic-handover-to-${lv}"]`);
    await pick.waitFor();
    assert(norm(await pick.innerText()).includes('吕律师'), `the colleague should be named: ${await pick.innerText()}`);
    assert((await mine(a).locator(`[data-testid="clinic-handover-to-${chen.openid}"]`).count()) === 0, 'the giver is not among the colleagues');
    await pick.click();
    await mine(a).locator(`[data-testid="clinic-handover-to-${lv}"][data-selected="true"]`).waitFor();
  };
  await offer();
  await assertTargets(page, '[data-testid="clinic-my-duties"]', 'handover picker (zh-390)');
  await issue15Shot(page, 'clinic-handover-pick-zh-390');
  await mine(a).locator('[data-testid="clinic-handover-send"]').click();
  await mine(a).locator('[data-testid="clinic-duty-handover"]').waitFor({ state: 'detached' });

  // The colleague (English, at a desk) declines the offer.
  // (Approved after the app loaded: a reload reads the new role.)
  await colleague.reload();
  await waitHome(colleague, 'volunteer');
  await colleague.goto(appPath(env, 'clinic/pages/duties/index'), { waitUntil: 'load' });
  await colleague.locator('[data-testid="clinic-duties"]').waitFor();
  const offered = colleague.locator('[data-testid="clinic-handovers"] [data-testid="clinic-handover"][data-status="offered"]');
  await offered.waitFor();
  const first = (await offered.getAttribute('data-id'))!;
  assert(norm(await offered.innerText()).includes('陈律师'), 'the offer should say who offers it');
  await issue15Shot(colleague, 'clinic-handover-offered-en-1280');
  await offered.locator('[data-testid="clinic-handover-decline"]').click();
  await colleague.locator(`[data-testid="clinic-handover"][data-id="${first}"][data-status="offered"]`).waitFor({ state: 'detached' });

  // Asked again, the colleague accepts: the duty is theirs, handed over. (A month away and back reloads the lists.)
  await page.locator('[data-testid="clinic-month-prev"]').click();
  await showMonth(page, month);
  await offer();
  await mine(a).locator('[data-testid="clinic-handover-send"]').click();
  await mine(a).locator('[data-testid="clinic-duty-handover"]').waitFor({ state: 'detached' });
  await colleague.locator('[data-testid="clinic-month-next"]').click();
  const again = colleague.locator('[data-testid="clinic-handovers"] [data-testid="clinic-handover"][data-status="offered"]');
  await again.waitFor();
  assert((await again.getAttribute('data-id')) !== first, 'the second offer is a new one');
  await again.locator('[data-testid="clinic-handover-accept"]').click();
  await again.waitFor({ state: 'detached' });
  await showMonth(colleague, month);
  await colleague.locator(`[data-testid="clinic-my-duties"] [data-testid="clinic-session-card"][data-session="${a}"]`).waitFor();
  await issue15Shot(colleague, 'clinic-handover-accepted-en-1280');
  const theirs = (await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'myDuties', { month }, lv)).find((s) => s.id === a);
  const duty = theirs?.duties.find((d) => d.volunteerOpenid === lv);
  assert(duty?.source === 'handover', `the duty should be the colleague's, handed over: ${JSON.stringify(theirs?.duties)}`);
  assert(!(await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'myDuties', { month }, chen.openid)).some((s) => s.id === a), '陈律师 should no longer hold it');
});

test('issue 15 三师 bookings (share B): a full session offers the waitlist — 李小红 joins and leaves it; 王海燕 (en) cancels her booking, which promotes 赵建国 from the waitlist, and moves her other booking to another slot', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  type Slot = import('../../core/api/clinic').SlotView;
  type Mine = { items: ConsultationView[]; waitlist: import('../../core/api/clinic').WaitlistView[] };
  const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
  const settings = await okFn<ClinicSettings>(env.gatewayUrl, 'clinic', 'settings', {}, 'demo-worker-li');
  // Two upcoming sessions with the finance specialist on duty, still before their cut-off.
  const weeks = await okFn<SessionView[]>(env.gatewayUrl, 'clinic', 'onDuty', { days: 28 }, 'demo-worker-li');
  const bookable = weeks.filter((s) => s.duties.some((d) => d.profession === 'finance') && Date.parse(s.startsAt) - (settings.cutoffHours + 1) * 3_600_000 > Date.now());
  assert(bookable.length >= 2, `two bookable sessions with a finance specialist on duty, found ${bookable.length}`);
  const [x, y] = [bookable[0].id, bookable[1].id];
  const slots = (sessionId: string) => okFn<Slot[]>(env.gatewayUrl, 'clinic', 'slots', { sessionId, profession: 'finance' }, 'demo-worker-li');
  const book = (openid: string, sessionId: string, slotIndex: number) => write<ConsultationView>('clinic', 'book', { sessionId, profession: 'finance', slotIndex, description: '企业贷款贴息怎么申请？' }, openid);
  const cleanup: Array<{ id: string; openid: string }> = [];
  try {
    // Setup through the API: 王海燕 in both sessions, the rest of x filled by new workers, 赵建国 first on its waitlist.
    const slotsX = await slots(x);
    const wangX = await book('demo-manager-wang', x, slotsX[0].index);
    cleanup.push({ id: wangX.id, openid: 'demo-manager-wang' });
    const seats = slotsX.slice(1).flatMap((s) => Array.from({ length: s.free }, () => s.index));
    const stamp = Date.now();
    await Promise.all(
      seats.map(async (slotIndex, k) => {
        const openid = `e2e-i15b-${stamp}-${k}`;
        await write('user', 'enterByScene', { scene: 'W-YSCY', acceptPrivacy: true }, openid);
        cleanup.push({ id: (await book(openid, x, slotIndex)).id, openid });
      }),
    );
    assert((await slots(x)).every((s) => s.free <= 0), `session ${x} should be full`);
    const zhaoWait = await write<{ id: string; position: number }>('clinic', 'joinWaitlist', { sessionId: x, profession: 'finance', description: '小微企业贷款' }, 'demo-worker-zhao');
    const wangY = await book('demo-manager-wang', y, (await slots(y)).find((s) => s.free > 0)!.index);
    cleanup.push({ id: wangY.id, openid: 'demo-manager-wang' });

    // 李小红: the full session offers the waitlist (候补); she joins, then leaves it from 我的预约.
    const li = await newPage();
    await devLogin(env, li, user('demo-worker-li'));
    await li.locator('[data-testid="nav-clinic-book"]').click();
    await li.locator('[data-testid="clinic-book"]').waitFor();
    await li.locator('[data-testid="clinic-book-profession-finance"]').click();
    await showMonth(li, x.slice(0, 7));
    await li.locator(`[data-testid="clinic-session-card"][data-session="${x}"]`).click();
    await li.locator('[data-testid="clinic-book"][data-phase="waitlist"] [data-testid="clinic-waitlist-offer"]').waitFor();
    await li.locator('[data-testid="clinic-description"] textarea').fill('想咨询个人创业担保贷款。');
    await assertTargets(li, '[data-testid="clinic-book"]', 'waitlist offer (zh-390)');
    await issue15Shot(li, 'clinic-waitlist-offer-zh-390');
    await li.locator('[data-testid="clinic-waitlist-join"]').click();
    const joined = li.locator('[data-testid="clinic-book"][data-phase="waitlisted"] [data-testid="clinic-book-done"]');
    await joined.waitFor();
    const liWait = (await joined.getAttribute('data-id'))!;
    assert(norm(await joined.innerText()).includes(`${zhaoWait.position + 1}`), `李小红 should be told her place (${zhaoWait.position + 1}): ${await joined.innerText()}`);
    await li.locator('[data-testid="clinic-book-to-mine"]').click();
    const entry = li.locator(`[data-testid="clinic-waitlist-entry"][data-id="${liWait}"]`);
    await entry.waitFor();
    await assertTargets(li, '[data-testid="clinic-mine"]', '我的预约 with a waitlist place (zh-390)');
    await issue15Shot(li, 'clinic-waitlist-mine-zh-390');
    await entry.locator('[data-testid="clinic-waitlist-leave"]').click();
    await entry.waitFor({ state: 'detached' });
    const liMine = await okFn<Mine>(env.gatewayUrl, 'clinic', 'myBookings', {}, 'demo-worker-li');
    assert(!liMine.waitlist.some((w) => w.id === liWait), '李小红 should have left the waitlist');

    // 王海燕 (English): cancels her place in x (asked first); 赵建国 gets it from the waitlist.
    await write('user', 'updateSettings', { locale: 'en' }, 'demo-manager-wang');
    const wang = li; // the same phone, another dev login
    await devLogin(env, wang, user('demo-manager-wang'));
    await wang.goto(appPath(env, 'clinic/pages/mine/index'), { waitUntil: 'load' });
    const rowX = wang.locator(`[data-testid="clinic-mine"] [data-testid="clinic-booking"][data-id="${wangX.id}"]`);
    await rowX.waitFor();
    const foot = await openModal(wang, rowX.locator('[data-testid="clinic-booking-cancel"]'));
    await issue15Shot(wang, 'clinic-booking-cancel-confirm-en-390');
    await foot.getByText('Confirm', { exact: true }).click();
    await wang.locator(`[data-testid="clinic-mine"] [data-testid="clinic-booking"][data-id="${wangX.id}"][data-status="cancelled"]`).waitFor();
    const zhao = await okFn<Mine>(env.gatewayUrl, 'clinic', 'myBookings', {}, 'demo-worker-zhao');
    const promoted = zhao.items.find((b) => b.sessionId === x && b.profession === 'finance' && b.status === 'confirmed');
    assert(promoted && promoted.slotIndex === wangX.slotIndex, `赵建国 should have got the freed slot ${wangX.slotIndex}: ${JSON.stringify(zhao.items.filter((b) => b.sessionId === x))}`);
    cleanup.push({ id: promoted.id, openid: 'demo-worker-zhao' });
    assert(!zhao.waitlist.some((w) => w.id === zhaoWait.id), '赵建国 should have left the waitlist');

    // 改约: her booking in y moves to another free slot through the booking screen.
    await wang.locator(`[data-testid="clinic-mine"] [data-testid="clinic-booking"][data-id="${wangY.id}"] [data-testid="clinic-booking-reschedule"]`).click();
    await wang.locator('[data-testid="clinic-book"][data-phase="form"]').waitFor();
    const other = wang.locator(`[data-testid="clinic-slot"]:not([data-free="0"]):not([data-index="${wangY.slotIndex}"])`).first();
    await other.waitFor();
    const to = Number(await other.getAttribute('data-index'));
    await other.click();
    await assertTargets(wang, '[data-testid="clinic-book"]', 'reschedule (en-390)');
    await issue15Shot(wang, 'clinic-reschedule-en-390');
    await wang.locator('[data-testid="clinic-book-submit"]').click();
    const moved = wang.locator('[data-testid="clinic-book"][data-phase="booked"] [data-testid="clinic-book-done"]');
    await moved.waitFor();
    const movedId = (await moved.getAttribute('data-id'))!;
    cleanup.push({ id: movedId, openid: 'demo-manager-wang' });
    const wangMine = await okFn<Mine>(env.gatewayUrl, 'clinic', 'myBookings', {}, 'demo-manager-wang');
    const now = wangMine.items.find((b) => b.id === movedId);
    assert(now?.status === 'confirmed' && now.sessionId === y && now.slotIndex === to, `the moved booking: ${JSON.stringify(now)}`);
    assert(wangMine.items.find((b) => b.id === wangY.id)?.status === 'cancelled', 'the old booking should be cancelled');
  } finally {
    await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-manager-wang');
    // Leave the demo roster's finance slots free for later runs of the demo data.
    for (const c of cleanup) await callFn(env.gatewayUrl, 'clinic', 'cancelBooking', { id: c.id }, c.openid, `e2e-i15b-free-${c.id}`).catch(() => undefined);
  }
});
