/** 工作台 master data and the 会诊: the 2027 holiday notice, the dispatch catalogue, the agenda and closing a campaign. */
import fs from 'node:fs';
import path from 'node:path';
import { DemoUsers } from '../../core/api/demo-users';
import { beijingMonth, issue15Writer, okFn } from '../support/api';
import { DESKTOP, PHONE, ROOT, SHOTS, STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, devLogin, norm, openModal } from '../support/page';
import { coverageAFill, coverageAShot, coverageAUser } from '../support/people';

test('issue 17 节假日: 2027 has no arrangement (only the statutory days known, a to-do); staff paste the 2027 notice, see the preview (a text that is not a notice shows its problem) and confirm; the make-up days appear (zh/en, phone/desk)', async ({ env, newPage, shot }) => {
  const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
  const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
  const text = fs.readFileSync(path.join(ROOT, 'core/rules/fixtures/holiday-notices/2027-test.txt'), 'utf8');
  fs.mkdirSync(path.join(SHOTS, 'holidays'), { recursive: true });
  const combos = [
    { label: 'zh-390', locale: 'zh-CN', viewport: PHONE },
    { label: 'en-390', locale: 'en', viewport: PHONE },
    { label: 'en-1280', locale: 'en', viewport: DESKTOP },
    { label: 'zh-1280', locale: 'zh-CN', viewport: DESKTOP },
  ] as const;
  try {
    for (const [i, c] of combos.entries()) {
      await setLocale(c.locale);
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, zhang);
      await page.goto(appPath(env, 'staff/pages/holidays/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      await page.locator('[data-testid="staff-holidays"]').waitFor();
      // From November the to-do asks for next year's arrangement; 2027 says only the statutory days are known.
      await page.locator('[data-testid="holiday-todo"][data-year="2027"]').waitFor();
      await page.locator('[data-testid="holiday-days-year-2027"]').click();
      await page.locator('[data-testid="holiday-coverage"][data-coverage="statutory_only"]').waitFor();
      await page.locator('[data-testid="holiday-day-2027-02-05"][data-kind="statutory"]').waitFor();
      await shot(page, `holidays/missing-${c.label}`);
      const box = page.locator('[data-testid="holiday-notice-text"] textarea');
      if (i === 0) {
        // Not a notice: the preview says why, and nothing can be confirmed.
        await box.fill('关于做好2027年元旦春节期间安全生产工作的通知：各企业要加强值班值守。');
        await page.locator('[data-testid="holiday-preview"]').click();
        await page.locator('[data-testid="holiday-preview-result"][data-can-import="false"] [data-testid="holiday-problem-not_a_notice"]').waitFor();
        await shot(page, `holidays/not-a-notice-${c.label}`);
      }
      await box.fill(text);
      await page.locator('[data-testid="holiday-preview"]').click();
      const preview = page.locator('[data-testid="holiday-preview-result"][data-can-import="true"]');
      await preview.waitFor();
      assert((await preview.locator('[data-testid="holiday-preview-item"]').count()) === 7, "the preview should list the notice's seven holidays");
      const said = norm(await preview.innerText());
      assert(said.includes('02-20'), `the preview should show the make-up working day 02-20: ${said}`);
      await shot(page, `holidays/preview-${c.label}`);
      if (i < combos.length - 1) continue;
      await page.locator('[data-testid="holiday-confirm"]').click();
      await page.locator('[data-testid="holiday-imported"]').waitFor();
      await page.locator('[data-testid="holiday-coverage"][data-coverage="imported"]').waitFor();
      await page.locator('[data-testid="holiday-day-2027-02-20"][data-kind="make_up"]').waitFor();
      assert((await page.locator('[data-testid="holiday-todo"]').count()) === 0, 'the to-do is gone once the arrangement is imported');
      await shot(page, `holidays/imported-${c.label}`);
    }
    const year = await okFn<{ coverage: string; days: Array<{ date: string; kind: string }> }>(env.gatewayUrl, 'admin', 'holidayYear', { year: 2027 }, zhang.openid);
    assert(year.coverage === 'imported' && year.days.some((d) => d.date === '2027-02-20' && d.kind === 'make_up'), `after the import: ${year.coverage}`);
  } finally {
    await setLocale('zh-CN');
  }
});

test('issue 15 coverage · 工作台: staff (en, desk) change a category’s units in the dispatch catalogue, record a 会诊 decision on an escalated demand and take another off the month’s agenda and put it back from its page, and close last year’s survey campaign', async ({ env, newPage }) => {
  const zhang = coverageAUser('demo-staff-zhang');
  const write = issue15Writer(env);
  type T = { id: string; version: number };
  // Two demands escalated by staff: both on this month's draft agenda.
  const escalated: T[] = [];
  for (const [title, category] of [
    ['厂区门口道路积水', 'utilities'],
    ['危废暂存间扩建审批', 'permit'],
  ] as const) {
    const t = await write<T>('tickets', 'submit', { title, description: `${title}，已影响生产，请协调。`, category, urgency: 'urgent' }, 'demo-manager-wang');
    escalated.push(await write<T>('tickets', 'act', { id: t.id, version: t.version, act: 'escalate', note: '多次协调未果' }, zhang.openid));
  }
  const year = Number(beijingMonth().slice(0, 4)) - 1;
  const campaign = await write<{ id: string }>('revisit', 'launchCampaign', { year, formId: 'sf-demo-yearly' }, zhang.openid);
  const catalogue = await okFn<Array<{ category: string; leadUnitId: string; assistUnitIds: string[] }>>(env.gatewayUrl, 'tickets', 'catalogue', {}, zhang.openid);
  const units = await okFn<Array<{ id: string }>>(env.gatewayUrl, 'tickets', 'units', {}, zhang.openid);
  const original = catalogue.find((e) => e.category === 'environment');
  const lead = units.find((u) => u.id !== original?.leadUnitId)!.id;
  const assist = units.find((u) => u.id !== lead && !(original?.assistUnitIds ?? []).includes(u.id))!.id;
  await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'en' }, zhang.openid);
  try {
    const page = await newPage({ viewport: DESKTOP });
    await devLogin(env, page, zhang);

    // 派单目录: environment → another lead unit and one more assisting unit.
    await page.locator('[data-testid="nav-tickets-catalogue"]').first().click();
    const card = page.locator('[data-testid="catalogue-entry"]').filter({ has: page.locator('[data-testid="catalogue-environment"]') });
    await card.locator('[data-testid="catalogue-edit"]').click();
    await card.locator(`[data-testid="catalogue-lead-${lead}"]`).click();
    await card.locator(`[data-testid="catalogue-assist-${assist}"]`).click();
    await coverageAShot(page, 'catalogue-edit-en-1280');
    await card.locator('[data-testid="catalogue-save"]').click();
    await page.locator(`[data-testid="catalogue-environment"][data-lead="${lead}"]`).waitFor();
    const savedEntry = (await okFn<typeof catalogue>(env.gatewayUrl, 'tickets', 'catalogue', {}, zhang.openid)).find((e) => e.category === 'environment');
    assert(savedEntry?.leadUnitId === lead && savedEntry.assistUnitIds.includes(assist), `the catalogue as saved: ${JSON.stringify(savedEntry)}`);

    // 每月一会诊: a decision on the first, the second taken off.
    await page.goto(appPath(env, 'tickets/pages/agenda/index'), { waitUntil: 'load' });
    const [decided, removed] = escalated.map((t) => page.locator(`[data-testid="agenda-item"][data-id="${t.id}"]`));
    await decided.waitFor();
    await removed.waitFor();
    await decided.locator('[data-testid="agenda-decide"]').click();
    const deadline = `${beijingMonth(1)}-15`;
    await coverageAFill(page, 'agenda-owner', '市住建局');
    await coverageAFill(page, 'agenda-deadline', deadline);
    await decided.locator('[data-testid="agenda-note"] textarea').fill('住建局牵头，社区每周跟进排水改造进度。');
    await coverageAShot(page, 'agenda-decision-en-1280');
    await decided.locator('[data-testid="agenda-save"]').click();
    await decided.locator('[data-testid="agenda-decision"]').filter({ hasText: '市住建局' }).waitFor();
    await removed.locator('[data-testid="agenda-remove"]').click();
    await removed.waitFor({ state: 'detached' });
    const agendaNow = () => okFn<{ edited: boolean; items: Array<{ ticket: { id: string }; decision?: { owner: string; deadline: string } }> }>(env.gatewayUrl, 'tickets', 'agenda', { month: beijingMonth() }, zhang.openid);
    const agenda = await agendaNow();
    const item = agenda.items.find((i) => i.ticket.id === escalated[0].id);
    assert(agenda.edited && item?.decision?.owner === '市住建局' && item.decision.deadline === deadline, `the decision as saved: ${JSON.stringify(item)}`);
    assert(!agenda.items.some((i) => i.ticket.id === escalated[1].id), 'the second demand should be off the agenda');
    // Put back from the demand's own page (no id to copy in WeChat), then the agenda shows it again.
    await page.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(escalated[1].id)}`), { waitUntil: 'load' });
    await page.locator('[data-testid="ticket-agenda-add"]').click();
    await page.locator('[data-testid="ticket-agenda-done"]').waitFor();
    await page.locator('[data-testid="ticket-agenda"]').scrollIntoViewIfNeeded();
    await coverageAShot(page, 'ticket-to-agenda-en-1280');
    await page.locator('[data-testid="ticket-agenda-open"]').click();
    await removed.waitFor();
    await decided.locator('[data-testid="agenda-decision"]').waitFor();
    await coverageAShot(page, 'agenda-en-1280');
    assert((await agendaNow()).items.some((i) => i.ticket.id === escalated[1].id), 'the second demand should be back on the agenda');

    // 回访: last year's campaign closed after a confirmation.
    await page.goto(appPath(env, 'revisit/pages/campaigns/index'), { waitUntil: 'load' });
    await page.locator(`[data-testid="revisit-campaign-row"][data-id="${campaign.id}"]`).click();
    await page.locator('[data-testid="revisit-campaign"][data-status="open"]').waitFor();
    const foot = await openModal(page, page.locator('[data-testid="revisit-campaign-close"]'));
    await coverageAShot(page, 'campaign-close-confirm-en-1280');
    await foot.locator('.taro-model__confirm').click();
    await page.locator('[data-testid="revisit-campaign"][data-status="closed"] [data-testid="revisit-campaign-closed"]').waitFor();
    assert((await page.locator('[data-testid="revisit-campaign-close"]').count()) === 0, 'a closed campaign offers no close');
    await coverageAShot(page, 'campaign-closed-en-1280');
    const closed = await okFn<{ status: string }>(env.gatewayUrl, 'revisit', 'getCampaign', { id: campaign.id }, zhang.openid);
    assert(closed.status === 'closed', `the campaign as saved: ${closed.status}`);
  } finally {
    await okFn(env.gatewayUrl, 'user', 'updateSettings', { locale: 'zh-CN' }, zhang.openid);
    if (original) await write('tickets', 'setCatalogue', original, zhang.openid);
  }
});
