/** Every demo user's dev login and home, the staff pages at desk and phone width, the desk sidebar. */
import { DemoUsers } from '../../core/api/demo-users';
import { StaffRoles } from '../../core/api/roles';
import zh from '../../src/i18n/zh-CN';
import { okFn } from '../support/api';
import { DESKTOP, PHONE, STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, devLogin, eventually, settle, testIdText } from '../support/page';
import { NAV_LINKS, STAFF_LINKS, WHERE, YONGSEN } from '../support/people';

for (const user of DemoUsers) {
  test(`dev login as ${user.openid} (${user.role}, ${user.name})`, async ({ env, newPage, shot }) => {
    const page = await newPage();
    await devLogin(env, page, user);
    await eventually(async () => (await testIdText(page, 'whoami')).includes(user.name), `who-am-I card should show ${user.name}`);
    const where = WHERE[user.openid];
    if (where) {
      const card = await testIdText(page, 'whoami');
      assert(card.includes(where), `who-am-I card of ${user.name} should show "${where}": "${card}"`);
    }
    if (user.role === 'volunteer') {
      const status = user.openid === 'demo-applicant-xu' ? zh['volunteerStatus.pending'] : zh['volunteerStatus.approved'];
      await eventually(async () => (await testIdText(page, 'volunteer-status')).includes(status), `${user.name}'s volunteer card should say ${status}`);
    }
    const links = await Promise.all(NAV_LINKS.map(async (l) => [l, await page.locator(`[data-testid="nav-${l}"]`).count()] as const));
    const shown = links.filter(([, n]) => n > 0).map(([l]) => l);
    const expected = STAFF_LINKS[user.role];
    if (expected) {
      assert(shown.join(',') === expected.join(','), `${user.role} should see the staff links [${expected.join(', ')}], saw: [${shown.join(', ')}]`);
    } else {
      assert(shown.length === 0, `${user.role} must not see staff links, saw: [${shown.join(', ')}]`);
    }
    await shot(page, `home-${user.openid}`);
    if (StaffRoles.includes(user.role)) {
      await page.locator('[data-testid="nav-enterprises"]').first().click({ timeout: STEP_TIMEOUT_MS });
      await page.getByText(YONGSEN).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      assert(page.url().includes('staff/pages/enterprises'), `nav-enterprises led to ${page.url()}`);
      await shot(page, `enterprises-${user.openid}`);
    }
  });
}

test('staff page at desktop (1280x800) and phone (390x844) width', async ({ env, newPage, shot }) => {
  const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    const page = await newPage({ viewport });
    await devLogin(env, page, zhang);
    await shot(page, `home-staff-${label}`);
    await page.locator('[data-testid="nav-enterprises"]').first().click({ timeout: STEP_TIMEOUT_MS });
    await page.getByText(YONGSEN).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    // Nothing may stick out sideways at either width (measured once the page has slid in).
    await settle(page);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    assert(overflow <= 1, `${label}: the enterprises page is ${overflow}px wider than the ${viewport.width}px window`);
    await shot(page, `enterprises-staff-${label}`);
  }
});

test('issue 15 #16 desk: staff at 1280 px get a sidebar and a back button on every subpage; home and a phone keep their layout (zh/en)', async ({ env, newPage, shot }) => {
  const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
  const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
  try {
    for (const locale of ['zh-CN', 'en'] as const) {
      await setLocale(locale);
      const desk = await newPage({ viewport: DESKTOP });
      await devLogin(env, desk, zhang);
      assert((await desk.locator('[data-testid="home"] [data-testid="desk-nav"]').count()) === 0, 'home keeps its tiles, with no sidebar');
      for (const [route, root] of [
        ['tickets/pages/list/index', 'tickets-list'],
        ['clinic/pages/roster/index', 'clinic-roster'],
        ['staff/pages/exports/index', 'staff-exports'],
      ]) {
        await desk.goto(appPath(env, route), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
        const frame = desk.locator(`[data-testid="${root}"] [data-testid="desk-frame"]`);
        await frame.waitFor({ timeout: STEP_TIMEOUT_MS }).catch(() => {
          throw new Error(`no desk frame (sidebar and back) on ${route}`);
        });
        await frame.locator('[data-testid="desk-back"]').waitFor();
        const links = await frame.locator('[data-testid="desk-nav"] .desk__link').count();
        assert(links >= 10, `the sidebar lists the staff screens (${links})`);
      }
      await shot(desk, `issue15-desk-exports-${locale}-1280`);
      // The sidebar goes straight to another screen, marked as the current one.
      await desk.locator('[data-testid="staff-exports"] [data-testid="desk-staff-problems"]').click();
      await desk.locator('[data-testid="staff-problems"] .desk__link--on').waitFor();
      await desk.locator('[data-testid="staff-problems"] [data-testid="problem-list"]').waitFor();
      await shot(desk, `issue15-desk-problems-${locale}-1280`);
      // The list under the figures: this year's problems newest first, a page at a time.
      await desk.locator('[data-testid="staff-problems"] [data-testid="period-year"]').click();
      await desk.locator('[data-testid="staff-problems"] [data-testid="problem-item"]').first().scrollIntoViewIfNeeded();
      await shot(desk, `issue15-desk-problems-list-${locale}-1280`);
      // Back leaves the page.
      await desk.locator('[data-testid="staff-problems"] [data-testid="desk-back"]').click();
      await desk.waitForURL((u) => !u.hash.includes('staff/pages/problems'), { timeout: STEP_TIMEOUT_MS });

      const phone = await newPage({ viewport: PHONE });
      await devLogin(env, phone, zhang);
      await phone.goto(appPath(env, 'staff/pages/problems/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await phone.locator('[data-testid="staff-problems"] [data-testid="problem-list"]').waitFor();
      assert((await phone.locator('[data-testid="desk-frame"]').count()) === 0, 'a phone has no sidebar');
      await shot(phone, `issue15-desk-problems-${locale}-390`);
      await phone.locator('[data-testid="staff-problems"] [data-testid="period-year"]').click();
      await phone.locator('[data-testid="staff-problems"] [data-testid="problem-item"]').first().scrollIntoViewIfNeeded();
      await shot(phone, `issue15-desk-problems-list-${locale}-390`);
    }
  } finally {
    await setLocale('zh-CN');
  }
});
