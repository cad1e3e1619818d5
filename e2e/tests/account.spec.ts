/** 我的: language, large text (also on a slow network), a saved English locale, a name and a new role, 我的数据 and 注销. */
import fs from 'node:fs';
import path from 'node:path';
import { DemoUsers } from '../../core/api/demo-users';
import type { Me } from '../../core/api/user';
import { listAllUsers, okFn } from '../support/api';
import { DESKTOP, PHONE, SHOTS, STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, assertTargets, devLogin, eventually, hasCJK, issue15Combos, norm, openHome, openMe, shot, tabBarText, waitForAction, waitHome, whoamiFontPx, withoutData } from '../support/page';
import { coverageAFill, coverageAShot, coverageAUser } from '../support/people';

test('language: the me page switches to English (home and tab bar) and back to Chinese', async ({ env, newPage, shot }) => {
  const page = await newPage();
  const li = DemoUsers.find((u) => u.openid === 'demo-worker-li')!;
  await devLogin(env, page, li);
  const zhTabs = await tabBarText(page);
  assert(hasCJK(zhTabs), `tab bar should start in Chinese: "${zhTabs}"`);

  await openMe(env, page);
  let saved = waitForAction(env, page, 'updateSettings');
  await page.locator('[data-testid="lang-en"]').click({ timeout: STEP_TIMEOUT_MS });
  await saved;
  await eventually(async () => !hasCJK(await tabBarText(page)), 'tab bar should turn English on the me page');
  await shot(page, 'me-english');
  await openHome(env, page, 'worker');
  await eventually(async () => {
    const home = norm(await page.locator('[data-testid="home"]').innerText());
    // Data stays as entered (the person's name and its first character on the avatar, the
    // workshop, the community's name); everything around it must be English.
    const ui = withoutData(home, ['李小红', '李', '冲压车间', '兴平工业社区']);
    return home.includes('Jiaxing Yongsen Auto Parts') && /[A-Za-z]{3,}/.test(ui) && !hasCJK(ui);
  }, 'home should be in English apart from names');
  const enTabs = await tabBarText(page);
  assert(!hasCJK(enTabs) && /[A-Za-z]/.test(enTabs), `tab bar should be English: "${enTabs}"`);
  await shot(page, 'home-worker-english');
  const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, li.openid);
  assert(me.locale === 'en', `the language choice was not saved on the server: locale ${me.locale}`);

  await openMe(env, page);
  saved = waitForAction(env, page, 'updateSettings');
  await page.locator('[data-testid="lang-zh"]').click({ timeout: STEP_TIMEOUT_MS });
  await saved;
  await eventually(async () => hasCJK(await tabBarText(page)), 'tab bar should return to Chinese');
  await openHome(env, page, 'worker');
  const back = await tabBarText(page);
  assert(back === zhTabs, `tab bar after switching back: "${back}", expected "${zhTabs}"`);
  const meBack = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, li.openid);
  assert(meBack.locale === 'zh-CN', `switching back was not saved: locale ${meBack.locale}`);
  await shot(page, 'home-worker-chinese-again');
});

test('large text: the me page switch enlarges every page and is saved; switching it off restores the size', async ({ env, newPage, shot }) => {
  const page = await newPage();
  const zhao = DemoUsers.find((u) => u.openid === 'demo-worker-zhao')!;
  await devLogin(env, page, zhao);
  const normal = await whoamiFontPx(page);
  await openMe(env, page);
  const toggle = page.locator('[data-testid="large-text"]');
  assert((await toggle.getAttribute('data-checked')) === 'false', 'large text should start off');
  // Each switch is saved before we leave the page (see the slow-network case below for why).
  let saved = waitForAction(env, page, 'updateSettings');
  await toggle.click({ timeout: STEP_TIMEOUT_MS });
  await saved;
  await eventually(async () => (await toggle.getAttribute('data-checked')) === 'true', 'the switch should turn on');
  await eventually(async () => (await page.locator('.page--large').count()) > 0, 'the me page should switch to large text');
  await shot(page, 'me-large-text');
  await openHome(env, page, zhao.role);
  await eventually(async () => (await whoamiFontPx(page)) > normal * 1.1, `home text should grow from ${normal}px`);
  await shot(page, 'home-large-text');
  const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, zhao.openid);
  assert(me.largeText === true, 'large text was not saved on the server');

  await openMe(env, page);
  saved = waitForAction(env, page, 'updateSettings');
  await page.locator('[data-testid="large-text"]').click({ timeout: STEP_TIMEOUT_MS });
  await saved;
  await eventually(async () => (await page.locator('[data-testid="large-text"]').getAttribute('data-checked')) === 'false', 'the switch should turn off');
  await openHome(env, page, zhao.role);
  await eventually(async () => Math.abs((await whoamiFontPx(page)) - normal) < 0.5, `home text should return to ${normal}px`);
  const meAfter = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, zhao.openid);
  assert(meAfter.largeText === false, 'switching large text off was not saved');
});

test('slow network: large text switched on, then straight to home while the save is still on its way, stays on', async ({ env, newPage }) => {
  const page = await newPage();
  const wang = DemoUsers.find((u) => u.openid === 'demo-manager-wang')!;
  await devLogin(env, page, wang);
  const normal = await whoamiFontPx(page);
  await openMe(env, page);
  // The write takes 1.5 s to reach the server (a weak 4G signal in a workshop).
  await page.route(`${env.gatewayUrl}/functions/user`, async (route) => {
    if (JSON.parse(route.request().postData() ?? '{}').action === 'updateSettings') await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  const saved = waitForAction(env, page, 'updateSettings');
  await page.locator('[data-testid="large-text"]').click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-testid="large-text"][data-checked="true"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await openHome(env, page, wang.role);
  await saved;
  await new Promise((r) => setTimeout(r, 500));
  const px = await whoamiFontPx(page);
  const server = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, wang.openid);
  // Put the demo user back whatever happened.
  await okFn(env.gatewayUrl, 'user', 'updateSettings', { largeText: false }, wang.openid);
  assert(server.largeText === true, 'the server did not save large text');
  assert(px > normal * 1.1, `the server has largeText=true, but home shows normal text (${px}px, normal ${normal}px): the switch flipped back`);
});

test('Anna Schmidt (saved locale en) sees English', async ({ env, newPage, shot }) => {
  const page = await newPage();
  const anna = DemoUsers.find((u) => u.openid === 'demo-manager-schmidt')!;
  await devLogin(env, page, anna);
  await eventually(async () => {
    const home = norm(await page.locator('[data-testid="home"]').innerText());
    const ui = withoutData(home, ['兴平工业社区']);
    return home.includes('Anna Schmidt') && /[A-Za-z]{3,}/.test(ui) && !hasCJK(ui);
  }, 'home should be English for Anna Schmidt');
  const tabs = await tabBarText(page);
  assert(!hasCJK(tabs), `tab bar should be English for Anna Schmidt: "${tabs}"`);
  await shot(page, 'home-schmidt-english');
});

test('issue 15 coverage · 角色: a worker who entered by the 冲压车间 QR code puts her name on 我的; the admin, in English at a desk, appoints her 社区工作者; her next visit opens the staff home', async ({ env, newPage }) => {
  const admin = coverageAUser('demo-admin');
  const before = new Set((await listAllUsers(env.gatewayUrl, 'worker')).map((u) => u.openid));
  const worker = await newPage();
  await worker.goto(appPath(env, 'pages/entry/index?scene=W-YSCY'), { waitUntil: 'load' });
  await worker.locator('[data-testid="privacy-accept"]').click();
  await waitHome(worker, 'worker');
  const added = (await listAllUsers(env.gatewayUrl, 'worker')).filter((u) => !before.has(u.openid));
  assert(added.length === 1, `one new worker: ${JSON.stringify(added)}`);
  const hired = added[0].openid;
  // She puts her name on 我的, so the admin can tell her from other new workers.
  await openMe(env, worker);
  await coverageAFill(worker, 'me-name', '沈佳怡');
  await worker.locator('[data-testid="me-name-save"]').click();
  await worker.locator('.success-note').waitFor();
  await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'en' }, admin.openid);
  try {
    const desk = await newPage({ viewport: DESKTOP });
    await devLogin(env, desk, admin);
    await desk.locator('[data-testid="nav-users"]').first().click();
    await desk.locator('[data-testid="users-filter-worker"]').click();
    await desk.locator(`[data-testid="user-${hired}"]`).filter({ hasText: '沈佳怡' }).waitFor();
    await desk.locator(`[data-testid="change-role-${hired}"]`).click();
    await desk.locator(`[data-testid="role-editor-${hired}"] [data-testid="set-role-staff"]`).click();
    await coverageAShot(desk, 'users-set-role-en-1280');
    await desk.locator(`[data-testid="role-editor-${hired}"] [data-testid="set-role-submit"]`).click();
    // She leaves the workers' list and is among the staff.
    await desk.locator(`[data-testid="user-${hired}"]`).waitFor({ state: 'detached' });
    await desk.locator('[data-testid="users-filter-staff"]').click();
    await desk.locator(`[data-testid="user-${hired}"][data-role="staff"]`).waitFor();
    await coverageAShot(desk, 'users-staff-en-1280');
    const chips = (await desk.locator('[data-testid^="users-filter-"]').allInnerTexts()).map(norm);
    assert(chips.length > 3 && !chips.some(hasCJK), `the role filters should be English: ${chips.join(' | ')}`);
    const row = norm(await desk.locator(`[data-testid="user-${hired}"]`).innerText());
    assert(row.includes('沈佳怡') && row.includes('Community staff'), `her row: "${row}"`);
  } finally {
    await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'zh-CN' }, admin.openid);
  }
  // Her next visit opens the staff home.
  await worker.goto(appPath(env, 'pages/index/index'), { waitUntil: 'load' });
  await worker.reload();
  await waitHome(worker, 'staff');
});

test('issue 16 #3 我的数据 and 注销: a worker who joined by QR code downloads their data (.xlsx), deletes the account with a second tap and is back at the entry state as a guest (zh/en, phone/desk)', async ({ env, newPage }) => {
  fs.mkdirSync(path.join(SHOTS, 'account'), { recursive: true });
  // The whole flow with every check once (zh, phone); the other three looks at the same screens.
  for (const [i, c] of issue15Combos().entries()) {
    const full = i === 0;
    const page = await newPage({ viewport: c.viewport });
    // A first-time visitor scans 嘉兴甬森's code and accepts the notice: a worker with a record.
    await page.goto(appPath(env, 'pages/entry/index?scene=E-YSQC'), { waitUntil: 'load' });
    await page.locator('[data-testid="privacy-accept"]').click();
    await waitHome(page, 'worker');
    await openMe(env, page);
    if (c.locale === 'en') await page.locator('[data-testid="lang-en"]').click();
    const name = '注销测试甲';
    if (full) {
      await page.locator('[data-testid="me-name"] input').fill(name);
      await page.locator('[data-testid="me-name-save"]').click();
      await page.locator('.success-note').waitFor();
    }
    await page.locator('[data-testid="me-account"]').click();
    await page.waitForURL(/account\/pages\/index/);
    await page.locator('[data-testid="my-data-download"]').waitFor();
    if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="account"]', `account ${c.label}`);
    await shot(page, `account/account-${c.label}`);

    // 下载我的数据: a real .xlsx (PK…).
    await page.locator('[data-testid="my-data-download"]').click();
    const result = page.locator('[data-testid="my-data-result"]');
    await result.waitFor();
    if (full) {
      const url = await result.getAttribute('data-url');
      assert(url, 'the data file has a link');
      const file = await page.request.get(url);
      const bytes = await file.body();
      assert(file.status() === 200 && bytes.subarray(0, 2).toString() === 'PK', `the data file is an .xlsx (${file.status()})`);
    }
    await result.scrollIntoViewIfNeeded();
    await shot(page, `account/my-data-${c.label}`);

    // 注销: the first tap only asks (暂不注销 keeps the account); the second tap deletes.
    if (full) {
      await page.locator('[data-testid="account-delete-start"]').click();
      await page.locator('[data-testid="account-delete-keep"]').click();
      assert((await page.locator('[data-testid="account-confirm"]').count()) === 0, 'keeping the account closes the confirmation');
    }
    await page.locator('[data-testid="account-delete-start"]').click();
    const confirm = page.locator('[data-testid="account-confirm"]');
    await confirm.waitFor();
    await confirm.scrollIntoViewIfNeeded();
    if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="account-confirm"]', `confirm ${c.label}`);
    await shot(page, `account/confirm-${c.label}`);
    await page.locator('[data-testid="account-delete-confirm"]').click();
    const deleted = page.locator('[data-testid="account-deleted"]');
    await deleted.waitFor();
    assert(/deleted-[0-9a-f]{20}/.test(await deleted.innerText()), 'the deletion reference is shown');
    await shot(page, `account/deleted-${c.label}`);
    // Back home: the entry state (scan a code to join), as on a first visit.
    await page.locator('[data-testid="account-home"]').click();
    await waitHome(page, 'guest');
    if (full) {
      const openid = await page.evaluate<string>("(() => { const v = localStorage.getItem('dev-openid') || ''; try { const o = JSON.parse(v); return typeof o === 'string' ? o : o.data; } catch { return v; } })()");
      const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, openid);
      assert(me.role === 'guest' && !me.name, `after 注销 the WeChat user is a guest (${me.role})`);
      assert(!norm(await page.locator('[data-testid="home"]').innerText()).includes(name), 'the old name is gone');
      await shot(page, `account/home-after-${c.label}`);
    }
    await page.context().close();
  }
  // A volunteer with duties to come is refused, told what to hand over, and keeps the account (zh only: a language switch would stay on the demo person).
  const zhou = DemoUsers.find((u) => u.openid === 'demo-tax-zhou')!;
  for (const viewport of [PHONE, DESKTOP]) {
    const page = await newPage({ viewport });
    await devLogin(env, page, zhou);
    await page.goto(appPath(env, 'account/pages/index/index'), { waitUntil: 'load' });
    await page.locator('[data-testid="account-delete-start"]').click();
    await page.locator('[data-testid="account-delete-confirm"]').click();
    const open = page.locator('[data-testid="account-open-work"]');
    await open.waitFor();
    await page.locator('[data-testid="account-open-duties"]').waitFor();
    await open.scrollIntoViewIfNeeded();
    await shot(page, `account/open-work-zh-${viewport.width}`);
    const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, zhou.openid);
    assert(me.role === 'volunteer', 'a refused 注销 keeps the account');
    await page.context().close();
  }
});
