/** 企业诉求: the demand from submission to evaluation, 改派 with its reason, the staff demand page. */
import type { Page } from '@playwright/test';
import { DemoUsers } from '../../core/api/demo-users';
import { issue15Writer, okFn } from '../support/api';
import { DESKTOP, STEP_TIMEOUT_MS } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, assertTargets, devLogin, issue15Combos, issue15Shot, norm, openModal } from '../support/page';

test('企业诉求: a manager submits a demand, the instructor passes it on, staff dispatch it to 市人力社保局, the unit signs and resolves it, the manager sees the timeline and evaluates', async ({ env, newPage, shot }) => {
  const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
  const title = '冲压车间急需招聘20名普工';
  const resolution = '已在社区举办专场招聘会，企业现场招到普工22名。';
  const waitStatus = (page: Page, status: string) => page.locator(`[data-testid="tickets-detail"][data-status="${status}"]`).waitFor();
  /** One act through its button, its form (a note when given) and the confirm. */
  const act = async (page: Page, name: string, status: string, note?: string) => {
    await page.locator(`[data-testid="ticket-act-${name}"]`).click();
    if (note) await page.locator('[data-testid="ticket-act-note"] textarea').fill(note);
    await page.locator('[data-testid="ticket-act-confirm"]').click();
    await waitStatus(page, status);
  };

  // 企业点单.
  const manager = await newPage();
  await devLogin(env, manager, user('demo-manager-wang'));
  await manager.locator('[data-testid="nav-tickets-submit"]').click();
  await manager.locator('[data-testid="tickets-submit"]').waitFor();
  await manager.locator('[data-testid="ticket-title"] input').fill(title);
  await manager.locator('[data-testid="ticket-description"] textarea').fill('新订单下月投产，冲压车间缺普工20名，希望社区对接人社部门组织专场招聘。');
  await manager.locator('[data-testid="ticket-category-recruiting"]').click();
  await manager.locator('[data-testid="ticket-urgency-urgent"]').click();
  await shot(manager, 'tickets-1-manager-submit');
  await manager.locator('[data-testid="ticket-submit"]').click();
  await waitStatus(manager, 'submitted');
  const detailUrl = manager.url();
  const id = new URL(detailUrl.replace('/#/', '/')).searchParams.get('id');
  assert(id, `the detail page should carry the ticket id: ${detailUrl}`);

  // 党建指导员传单, from the community's list.
  const instructor = await newPage();
  await devLogin(env, instructor, user('demo-instructor-huang'));
  await instructor.locator('[data-testid="nav-tickets"]').click();
  await instructor.locator(`[data-testid="ticket-row"][data-id="${id}"][data-status="submitted"]`).click();
  await act(instructor, 'accept', 'accepted', '用工缺口属实，请社区派单人社局。');

  // 工业社区派单 to 市人力社保局.
  const staff = await newPage({ viewport: DESKTOP });
  await devLogin(env, staff, user('demo-staff-zhang'));
  await staff.goto(detailUrl, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await waitStatus(staff, 'accepted');
  await staff.locator('[data-testid="ticket-act-dispatch"]').click();
  await staff.locator('[data-testid="ticket-act-unit-unit-hrss"]').click();
  await staff.locator('[data-testid="ticket-act-unit"][data-value="unit-hrss"]').waitFor();
  await shot(staff, 'tickets-2-staff-dispatch');
  await staff.locator('[data-testid="ticket-act-confirm"]').click();
  await waitStatus(staff, 'dispatched');

  // 成员单位接单: the unit's to-do list, sign for it, resolve it with a note.
  const unit = await newPage();
  await devLogin(env, unit, user('demo-unit-hr'));
  await unit.locator('[data-testid="nav-tickets"]').click();
  await unit.locator(`[data-testid="ticket-row"][data-id="${id}"][data-status="dispatched"]`).click();
  await act(unit, 'sign', 'signed');
  await act(unit, 'resolve', 'resolved', resolution);
  await shot(unit, 'tickets-3-unit-resolved');

  // The manager sees the whole chain and evaluates.
  await manager.reload();
  await waitStatus(manager, 'resolved');
  const acts = await manager.locator('[data-testid="ticket-timeline-entry"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-act')));
  assert(JSON.stringify(acts) === JSON.stringify(['submit', 'accept', 'dispatch', 'sign', 'resolve']), `timeline acts ${JSON.stringify(acts)}`);
  assert(norm(await manager.locator('[data-testid="ticket-timeline"]').innerText()).includes(resolution), 'the manager should read the unit\'s note in the timeline');
  // 评价 opens the satisfaction rate page (speed, attitude, result); back on the ticket it shows the new status.
  await manager.locator('[data-testid="ticket-rate"]').click();
  await manager.locator('[data-testid="revisit-rate"][data-state="form"]').waitFor();
  for (const d of ['speed', 'attitude', 'result']) await manager.locator(`[data-testid="revisit-rate-${d}-5"]`).click();
  await manager.locator('[data-testid="revisit-rate-comment"] textarea').fill('响应很快，非常满意。');
  await manager.locator('[data-testid="revisit-rate-submit"]').click();
  await manager.locator('[data-testid="revisit-rate-overall"][data-overall="5"]').waitFor();
  assert((await manager.locator('[data-testid="revisit-rate-consequence"]').count()) === 0, 'a 5-star rating should not reopen anything');
  await manager.locator('[data-testid="revisit-rate-back"]').click();
  await waitStatus(manager, 'evaluated');
  await manager.locator('[data-testid="ticket-timeline-entry"][data-act="evaluate"]').waitFor();
  await manager.locator('[data-testid="ticket-timeline-entry"][data-act="resolve"]').scrollIntoViewIfNeeded();
  await shot(manager, 'tickets-4-manager-timeline');
});

// ---- issue 15: journeys finishable in the UI (改派, outcomes before the session, a low star, a booked duty) ----
test('issue 15 #1 改派: staff re-dispatch a demand through its form with the reason it asks for (zh/en, phone/desk)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  type T = { id: string; version: number; status: string };
  let t = await write<T>('tickets', 'submit', { title: '危化品仓库消防整改咨询', description: '仓库消防整改要求不清楚，希望相关部门指导。', category: 'permit', urgency: 'normal' }, 'demo-manager-wang');
  const act = async (openid: string, input: Record<string, unknown>) => (t = await write<T>('tickets', 'act', { id: t.id, version: t.version, ...input }, openid));
  await act('demo-instructor-huang', { act: 'accept' });
  await act('demo-staff-zhang', { act: 'dispatch', leadUnitId: 'unit-hrss', assistUnitIds: [] });
  const combos = issue15Combos();
  try {
    for (const [i, c] of combos.entries()) {
      await write('user', 'updateSettings', { locale: c.locale }, 'demo-staff-zhang');
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!);
      await page.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
      await page.locator('[data-testid="tickets-detail"][data-status="dispatched"]').waitFor();
      await page.locator('[data-testid="ticket-act-redispatch"]').click();
      const form = page.locator('[data-testid="ticket-act-form"][data-act="redispatch"]');
      await form.waitFor();
      // The text it asks for is the reason the machine requires, marked required.
      const label = norm(await form.innerText());
      assert(label.includes(c.locale === 'en' ? 'Reason' : '原因'), `the 改派 form should ask for a reason: ${label}`);
      assert((await form.locator('.field__required').count()) >= 2, 'the lead unit and the reason should both be marked required');
      await form.locator('[data-testid="ticket-act-unit-unit-econ"]').click();
      const reason = c.locale === 'en' ? 'Fire safety is for the Economy Bureau, not HR.' : '消防整改不属于人社职责，改由经信局牵头。';
      await form.locator('[data-testid="ticket-act-note"] textarea').fill(reason);
      if (c.viewport.width < 1000) await assertTargets(page, '[data-testid="tickets-detail"]', `改派 form ${c.label}`);
      await issue15Shot(page, `redispatch-form-${c.label}`);
      if (i < combos.length - 1) continue;
      await form.locator('[data-testid="ticket-act-confirm"]').click();
      await page.locator('[data-testid="ticket-act-done"]').waitFor();
      await page.locator(`[data-testid="tickets-detail"][data-version="${t.version + 1}"]`).waitFor();
      const entry = page.locator('[data-testid="ticket-timeline-entry"][data-act="redispatch"]');
      await entry.waitFor();
      assert(norm(await entry.innerText()).includes(reason), 'the timeline should show the reason of the 改派');
      await issue15Shot(page, `redispatch-done-${c.label}`);
    }
    const after = await okFn<{ status: string; leadUnitName?: string; timeline: Array<{ act: string; note?: string }> }>(env.gatewayUrl, 'tickets', 'get', { id: t.id }, 'demo-staff-zhang');
    assert(after.status === 'dispatched' && after.leadUnitName === '经信局', `after 改派: ${after.status}, ${after.leadUnitName}`);
  } finally {
    await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-staff-zhang');
  }
});

test('issue 15 #12 staff demand page: the next step is the primary button, 升级 asks first, the unit sees the enterprise contact; a visit problem warns of a live demand of its kind (zh/en, phone/desk)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  type T = { id: string; version: number; status: string; number: string };
  let t = await write<T>('tickets', 'submit', { title: '冲压车间普工招聘', description: '急需普工 20 名。', category: 'recruiting', urgency: 'normal' }, 'demo-manager-wang');
  const act = async (openid: string, input: Record<string, unknown>) => (t = await write<T>('tickets', 'act', { id: t.id, version: t.version, ...input }, openid));
  await act('demo-instructor-huang', { act: 'accept' });
  await act('demo-staff-zhang', { act: 'dispatch', leadUnitId: 'unit-hrss', assistUnitIds: [] });
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const visit = await write<{ id: string }>('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: today, met: '王海燕（企业联络员）', topics: ['用工'], notes: '用工紧张', problems: [{ category: 'recruiting', theme: '用工', description: '冲压车间还缺普工' }] }, 'demo-staff-zhang');
  const user = (openid: string) => DemoUsers.find((u) => u.openid === openid)!;
  try {
    for (const c of issue15Combos()) {
      await write('user', 'updateSettings', { locale: c.locale }, 'demo-unit-hr');
      await write('user', 'updateSettings', { locale: c.locale }, 'demo-staff-zhang');
      // The unit: 签收 is the next step (primary), 退单 a ghost; the enterprise's contact with its phone.
      const unit = await newPage({ viewport: c.viewport });
      await devLogin(env, unit, user('demo-unit-hr'));
      await unit.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
      await unit.locator('[data-testid="tickets-detail"][data-status="dispatched"]').waitFor();
      const contact = norm(await unit.locator('[data-testid="ticket-contact"]').innerText());
      assert(contact.includes('13857301234') && contact.includes('王海燕'), `the unit should see the enterprise contact: ${contact}`);
      const cls = async (id: string) => (await unit.locator(`[data-testid="${id}"]`).getAttribute('class')) ?? '';
      assert(!/btn--(secondary|ghost)/.test(await cls('ticket-act-sign')), '签收 should be the primary action');
      assert((await cls('ticket-act-return')).includes('btn--ghost'), '退单 should be a ghost');
      if (c.viewport.width < 1000) await assertTargets(unit, '[data-testid="tickets-detail"]', `unit demand ${c.label}`);
      await issue15Shot(unit, `ticket-unit-${c.label}`);
      // Staff: 升级 cannot be taken back, so the form asks once more.
      const staff = await newPage({ viewport: c.viewport });
      await devLogin(env, staff, user('demo-staff-zhang'));
      await staff.goto(appPath(env, `tickets/pages/detail/index?id=${encodeURIComponent(t.id)}`), { waitUntil: 'load' });
      await staff.locator('[data-testid="ticket-act-escalate"]').click();
      const foot = await openModal(staff, staff.locator('[data-testid="ticket-act-form"][data-act="escalate"] [data-testid="ticket-act-confirm"]'));
      await issue15Shot(staff, `ticket-escalate-confirm-${c.label}`);
      await foot.getByText(c.locale === 'en' ? 'Cancel' : '取消').click();
      await foot.waitFor({ state: 'hidden' });
      assert((await staff.locator('[data-testid="tickets-detail"]').getAttribute('data-rung')) === '0', 'cancelling the confirmation escalates nothing');
      // The visit: its open problem is of the same kind as the live demand — a warning, and a confirm before a second demand.
      await staff.goto(appPath(env, `staff/pages/visit/index?id=${encodeURIComponent(visit.id)}`), { waitUntil: 'load' });
      const similar = staff.locator('[data-testid="problem-0-similar"]');
      await similar.waitFor();
      assert((await similar.getAttribute('data-ticket')) !== null, 'the warning names the live demand');
      const ask = await openModal(staff, staff.locator('[data-testid="problem-0-to-ticket"]'));
      await ask.getByText(c.locale === 'en' ? 'Don’t' : '不新建').click();
      await ask.waitFor({ state: 'hidden' });
      await similar.scrollIntoViewIfNeeded();
      if (c.viewport.width < 1000) await assertTargets(staff, '.console-problem', `visit problem ${c.label}`);
      await issue15Shot(staff, `visit-similar-${c.label}`);
      assert((await staff.locator('[data-testid="problem-0"]').getAttribute('data-status')) === 'open', 'declining keeps the problem open');
    }
  } finally {
    await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-unit-hr');
    await write('user', 'updateSettings', { locale: 'zh-CN' }, 'demo-staff-zhang');
  }
});
