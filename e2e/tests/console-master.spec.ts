/** 工作台 master data and the 会诊: the 2027 holiday notice, the dispatch catalogue, the agenda and closing a campaign. */
import fs from 'node:fs';
import path from 'node:path';
import { DemoUsers } from '../../core/api/demo-users';
import { beijingMonth, issue15Writer, okFn } from '../support/api';
import { DESKTOP, PHONE, ROOT, SHOTS, STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import type { Page } from '@playwright/test';
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

test('会诊 agenda a page at a time: more escalated demands than a page, 加载更多 / Load more reads the next page in agenda order; add, remove and decide still work (zh/en, phone/desk)', async ({ env, newPage, shot }) => {
  const zhang = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;
  const write = issue15Writer(env);
  const setLocale = (locale: string) => okFn(env.gatewayUrl, 'user', 'updateSettings', { locale }, zhang.openid);
  type T = { id: string; version: number };
  type Agenda = { edited: boolean; nextCursor?: string; items: Array<{ ticket: { id: string }; added?: boolean; decision?: { owner: string } }> };
  const agendaPage = (cursor?: string) => okFn<Agenda>(env.gatewayUrl, 'tickets', 'agenda', cursor ? { month: beijingMonth(), cursor } : { month: beijingMonth() }, zhang.openid);
  /** Every page the server answers, in order. */
  const readAll = async (): Promise<Agenda[]> => {
    const pages = [await agendaPage()];
    while (pages[pages.length - 1].nextCursor) pages.push(await agendaPage(pages[pages.length - 1].nextCursor));
    return pages;
  };
  // 24 demands escalated by staff: more than one page of this month's draft.
  for (let i = 0; i < 24; i++) {
    const t = await write<T>('tickets', 'submit', { title: `会诊分页诉求 ${i + 1}`, description: '多部门协调未果，请列入会诊。', category: i % 2 ? 'permit' : 'utilities', urgency: i % 3 ? 'normal' : 'urgent' }, 'demo-manager-wang');
    await write<T>('tickets', 'act', { id: t.id, version: t.version, act: 'escalate', note: '多次协调未果' }, zhang.openid);
  }
  fs.mkdirSync(path.join(SHOTS, 'agenda'), { recursive: true });
  const combos = [
    { label: 'zh-390', locale: 'zh-CN', viewport: PHONE, more: '加载更多' },
    { label: 'en-390', locale: 'en', viewport: PHONE, more: 'Load more' },
    { label: 'en-1280', locale: 'en', viewport: DESKTOP, more: 'Load more' },
    { label: 'zh-1280', locale: 'zh-CN', viewport: DESKTOP, more: '加载更多' },
  ] as const;
  const item = (page: Page, id: string) => page.locator(`[data-testid="agenda-item"][data-id="${id}"]`);
  try {
    for (const [n, c] of combos.entries()) {
      const pages = await readAll();
      const all = pages.flatMap((p) => p.items.map((i) => i.ticket.id));
      assert(pages.length >= 2 && pages[0].items.filter((i) => !i.added).length === 20, `the agenda should take more than one page of 20: ${pages.map((p) => p.items.length).join(' + ')}`);
      await setLocale(c.locale);
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, zhang);
      await page.goto(appPath(env, 'tickets/pages/agenda/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
      const items = page.locator('[data-testid="agenda-item"]');
      await items.nth(pages[0].items.length - 1).waitFor();
      assert((await items.count()) === pages[0].items.length, `the first page only: ${await items.count()} shown`);
      const more = page.locator('[data-testid="load-more"]');
      await more.scrollIntoViewIfNeeded();
      assert(norm(await more.innerText()) === c.more, `the button reads ${c.more}: ${await more.innerText()}`);
      await shot(page, `agenda/first-page-${c.label}`);
      await more.click();
      await items.nth(all.length - 1).waitFor();
      const shown = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
      assert(JSON.stringify(shown) === JSON.stringify(all), `the pages in agenda order: ${shown.join(',')} vs ${all.join(',')}`);
      assert((await more.count()) === 0, 'no more button after the last page');
      await shot(page, `agenda/all-pages-${c.label}`);
      if (n > 0) continue;
      // A decision on a demand of the second page: the pages stay, the decision shows on it.
      const later = all[all.length - 1];
      await item(page, later).locator('[data-testid="agenda-decide"]').click();
      await item(page, later).locator('[data-testid="agenda-owner"] input').fill('经信局');
      await item(page, later).locator('[data-testid="agenda-deadline"] input').fill(`${beijingMonth(1)}-20`);
      await item(page, later).locator('[data-testid="agenda-note"] textarea').fill('经信局牵头，下月会诊前办结。');
      await item(page, later).locator('[data-testid="agenda-save"]').click();
      await item(page, later).locator('[data-testid="agenda-decision"]').filter({ hasText: '经信局' }).waitFor();
      const saved = (await readAll()).flatMap((p) => p.items).find((i) => i.ticket.id === later);
      assert(saved?.decision?.owner === '经信局', `the decision on a second-page demand is saved: ${JSON.stringify(saved)}`);
      // Taken off, then put back by id: added, first.
      const first = all.find((id) => !pages[0].items.find((i) => i.ticket.id === id)?.added)!;
      await item(page, first).locator('[data-testid="agenda-remove"]').click();
      await item(page, first).waitFor({ state: 'detached' });
      await page.locator('[data-testid="agenda-add-id"] input').fill(first);
      await page.locator('[data-testid="agenda-add"]').click();
      await item(page, first).waitFor();
      const back = await agendaPage();
      assert(back.items.find((i) => i.ticket.id === first)?.added === true, `put back: added: ${JSON.stringify(back.items.map((i) => [i.ticket.id, i.added]))}`);
      await item(page, first).scrollIntoViewIfNeeded();
      await shot(page, `agenda/edited-${c.label}`);
    }
  } finally {
    await setLocale('zh-CN');
  }
});
