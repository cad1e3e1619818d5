/** QR entry: a brand-new worker through the workshop code, and declining the privacy notice. */
import type { Me } from '../../core/api/user';
import { listAllUsers, okFn } from '../support/api';
import { STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, assertTargets, eventually, issue15Combos, issue15Shot, norm, openMe, waitHome } from '../support/page';

test('QR entry as a brand-new worker (W-YSCY): privacy notice, bound to 嘉兴甬森 · 冲压车间, one record, not asked again', async ({ env, newPage, shot }) => {
  const workersBefore = await listAllUsers(env.gatewayUrl, 'worker');
  const page = await newPage();
  const link = appPath(env, 'pages/entry/index?scene=W-YSCY');
  await page.goto(link, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  const accept = page.locator('[data-testid="privacy-accept"]');
  await accept.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  assert((await page.locator('[data-testid="home"]').count()) === 0, 'home shown before the privacy notice was accepted');
  await shot(page, 'entry-privacy-notice');
  await accept.click({ timeout: STEP_TIMEOUT_MS });
  await waitHome(page, 'worker');
  await eventually(async () => {
    const t = norm(await page.locator('[data-testid="home"]').innerText());
    return t.includes('嘉兴甬森') && t.includes('冲压车间');
  }, 'home of the new worker should show 嘉兴甬森 and 冲压车间');
  await shot(page, 'entry-worker-home');

  // Exactly one new worker record, the one this browser now is.
  const workersAfter = await listAllUsers(env.gatewayUrl, 'worker');
  const before = new Set(workersBefore.map((w) => w.openid));
  const added = workersAfter.filter((w) => !before.has(w.openid));
  assert(added.length === 1, `expected exactly 1 new worker record, found ${added.length}: ${JSON.stringify(added)}`);
  const openid = added[0].openid;
  const storage = await page.evaluate<string>('JSON.stringify(Object.fromEntries(Object.entries(localStorage)))');
  assert(storage.includes(openid), `the browser's storage does not hold the new worker's openid ${openid}`);
  const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, openid);
  assert(me.role === 'worker', `user.me of ${openid}: role ${me.role}, expected worker`);
  assert(me.enterprise?.id === 'ent-yongsen', `user.me of ${openid}: enterprise ${JSON.stringify(me.enterprise)}, expected ent-yongsen`);
  assert(me.workshop === '冲压车间', `user.me of ${openid}: workshop ${me.workshop}, expected 冲压车间`);
  assert(!!me.privacyAcceptedAt, `user.me of ${openid}: privacyAcceptedAt not recorded`);

  // The same link again: straight home, no privacy notice, still one record.
  await page.goto('about:blank');
  await page.goto(link, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await waitHome(page, 'worker');
  assert((await page.locator('[data-testid="privacy-accept"]').count()) === 0, 'the privacy notice was shown again on the second visit');
  const workersAgain = await listAllUsers(env.gatewayUrl, 'worker');
  assert(workersAgain.length === workersAfter.length, `reopening the link changed the number of workers: ${workersAfter.length} -> ${workersAgain.length}`);
  const meAgain = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, openid);
  assert(meAgain.role === 'worker' && meAgain.workshop === '冲压车间', 'the worker changed after reopening the link');
  await shot(page, 'entry-worker-home-again');
});

test('issue 15 #8 declining the privacy notice: what works without a record (FAQ, clinic calendar), the scanned code remembered on home, and the way back to join (zh/en, phone/desk)', async ({ env, newPage }) => {
  const combos = issue15Combos();
  for (const [i, c] of combos.entries()) {
    const page = await newPage({ viewport: c.viewport });
    if (c.locale === 'en') {
      // A visitor with no record (the code gives them a guest identity) picks English on the me page (kept on the device).
      await page.goto(appPath(env, 'pages/entry/index?scene=E-YSQC'), { waitUntil: 'load' });
      await page.locator('[data-testid="privacy-decline"]').waitFor();
      await openMe(env, page);
      await page.locator('[data-testid="lang-en"]').click();
      await page.waitForTimeout(200);
    }
    await page.goto(appPath(env, 'pages/entry/index?scene=E-YSQC'), { waitUntil: 'load' });
    await page.locator('[data-testid="privacy-decline"]').click();
    const declined = page.locator('[data-testid="privacy-declined"]');
    await declined.waitFor();
    if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="entry"]', `declined ${c.label}`);
    await issue15Shot(page, `privacy-declined-${c.label}`);
    if (i > 0) continue;
    // Without a record: the FAQ opens.
    await page.locator('[data-testid="declined-faq"]').click();
    await page.waitForURL(/qa\/pages\/faq/);
    await page.locator('[data-testid="qa-faq"]').waitFor();
    // Home remembers the scanned code and leads back to the notice; accepting joins 嘉兴甬森.
    await page.goto(appPath(env, 'pages/index/index'), { waitUntil: 'load' });
    await waitHome(page, 'guest');
    const pending = page.locator('[data-testid="guest-pending"]');
    await pending.waitFor();
    await issue15Shot(page, `privacy-home-pending-${c.label}`);
    await pending.locator('[data-testid="guest-pending-review"]').click();
    await page.locator('[data-testid="privacy-accept"]').click();
    await waitHome(page, 'worker');
    assert(norm(await page.locator('[data-testid="home"]').innerText()).includes('嘉兴甬森'), 'accepting later should join the scanned enterprise');
    assert((await page.locator('[data-testid="guest-pending"]').count()) === 0, 'nothing pending once joined');
  }
});
