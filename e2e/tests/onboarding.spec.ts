/** 企业入驻 and 志愿者: staff add an enterprise with its invite and QR code; a volunteer applies and is approved. */
import type { Me } from '../../core/api/user';
import zh from '../../src/i18n/zh-CN';
import { listAllUsers, okFn, type UserRowLite } from '../support/api';
import { DESKTOP } from '../support/constants';
import { test } from '../support/fixtures';
import { appPath, assert, assertTargets, devLogin, eventually, norm, testIdText, waitHome } from '../support/page';
import { COVERAGE_A_ENTERPRISE, coverageAFill, coverageAPick, coverageAShot, coverageAUser } from '../support/people';

// ---------------------------------------------------------------------------------------------
// Issue 15 write coverage, share A: every write action below is sent by its screen, as the
// person of that role would, never through the API (the API only sets up data and checks it):
//   企业入驻 — admin.createEnterprise, admin.issueInvite, admin.createEntryCode, user.joinEnterprise
//   志愿者 — user.applyVolunteer, admin.reviewVolunteer, admin.setProfession;  角色 — admin.setRole
//   消息与通知 — user.markAllRead, user.setNotification
//   工作台 — tickets.setCatalogue, tickets.editAgenda, tickets.recordDecision, revisit.closeCampaign
// Helpers: after the array (coverageA…).
test('issue 15 coverage · 企业入驻: staff add an enterprise at a desk, issue its invite code and make its QR code; its liaison joins with the invite on a phone; a worker scans the new code', async ({ env, newPage }) => {
  const zhang = coverageAUser('demo-staff-zhang');
  const ent = COVERAGE_A_ENTERPRISE;
  const staff = await newPage({ viewport: DESKTOP });
  await devLogin(env, staff, zhang);
  await staff.locator('[data-testid="nav-enterprises"]').first().click();
  await staff.locator('[data-testid="enterprise-new"]').click();
  await coverageAFill(staff, 'enterprise-name', ent.name);
  await coverageAFill(staff, 'enterprise-name-en', ent.nameEn);
  await coverageAFill(staff, 'enterprise-credit-code', ent.creditCode);
  await coverageAFill(staff, 'enterprise-address', ent.address);
  await coverageAFill(staff, 'enterprise-contact-name', ent.contactName);
  await coverageAFill(staff, 'enterprise-contact-phone', ent.contactPhone);
  await coverageAFill(staff, 'enterprise-workshops', ent.workshops.join('、'));
  await assertTargets(staff, '[data-testid="enterprise-create"]', 'the new-enterprise form');
  await coverageAShot(staff, 'enterprise-create-zh-1280');
  await staff.locator('[data-testid="enterprise-submit"]').click();
  const row = staff.locator('.list-item[data-testid^="enterprise-"]').filter({ hasText: ent.name });
  await row.waitFor();
  const entId = (await row.getAttribute('data-testid'))!.slice('enterprise-'.length);
  const listed = await okFn<{ items: Array<{ id: string; name: string; creditCode: string; workshops: string[]; contactPhone?: string }> }>(env.gatewayUrl, 'admin', 'listEnterprises', { keyword: ent.name }, zhang.openid);
  const saved = listed.items.find((e) => e.id === entId);
  assert(saved && saved.creditCode === ent.creditCode && saved.workshops.join(',') === ent.workshops.join(',') && saved.contactPhone === ent.contactPhone, `the enterprise as saved: ${JSON.stringify(saved)}`);

  // Its invite: one use, seven days.
  await staff.locator(`[data-testid="invite-${entId}"]`).click();
  await row.locator('[data-testid="invite-uses-1"]').click();
  await row.locator('[data-testid="invite-days-7"]').click();
  await staff.locator(`[data-testid="invite-issue-${entId}"]`).click();
  const inviteBox = row.locator('[data-testid="invite-code"]');
  await inviteBox.waitFor();
  const invite = (await inviteBox.getAttribute('data-code')) ?? '';
  assert(/^[2-9A-HJ-NP-Z]{8}$/.test(invite), `an 8-character invite code: "${invite}"`);
  assert(norm(await inviteBox.innerText()).includes('0/1'), `the invite shows 0 of 1 uses: "${norm(await inviteBox.innerText())}"`);
  await coverageAShot(staff, 'enterprise-invite-zh-1280');

  // Its QR code (吊牌): the enterprise chosen in the picker, a label of the staff's own.
  await staff.locator('[data-testid="desk-staff-codes"]').click();
  await staff.locator('[data-testid="code-new"]').click();
  await staff.locator('[data-testid="code-kind-enterprise"]').click();
  await coverageAPick(staff, staff.locator('[data-testid="code-enterprise"]'), ent.name);
  const label = `${ent.name} · 门卫室`;
  await coverageAFill(staff, 'code-label', label);
  await coverageAShot(staff, 'code-create-zh-1280');
  await staff.locator('[data-testid="code-submit"]').click();
  const codeRow = staff.locator('.list-item[data-testid^="code-"]').filter({ hasText: label });
  await codeRow.waitFor();
  const scene = (await codeRow.getAttribute('data-testid'))!.slice('code-'.length);
  await coverageAShot(staff, 'codes-zh-1280');

  // The liaison, a new visitor on a phone, joins with the code as typed from a message (spaces, lower case).
  const liaison = await newPage();
  await liaison.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load' });
  await liaison.locator('[data-testid="login-new-visitor"]').click();
  await waitHome(liaison, 'guest');
  await liaison.locator('[data-testid="nav-join"]').click();
  await coverageAFill(liaison, 'join-code', `${invite.slice(0, 4)} ${invite.slice(4)}`.toLowerCase());
  await coverageAFill(liaison, 'join-name', '周立群');
  await liaison.locator('[data-testid="privacy-consent"]').click();
  await coverageAShot(liaison, 'join-zh-390');
  await liaison.locator('[data-testid="join-submit"]').click();
  await waitHome(liaison, 'manager');
  await eventually(async () => (await testIdText(liaison, 'whoami')).includes(ent.name), `the liaison's home should show ${ent.name}`);
  await coverageAShot(liaison, 'join-manager-home-zh-390');
  const manager = (await listAllUsers(env.gatewayUrl, 'manager')).find((u) => u.name === '周立群');
  assert(manager && manager.enterpriseName === ent.name, `a manager 周立群 of ${ent.name}: ${JSON.stringify(manager)}`);

  // A worker scans the new code: bound to the new enterprise.
  const worker = await newPage();
  await worker.goto(appPath(env, `pages/entry/index?scene=${scene}`), { waitUntil: 'load' });
  await worker.locator('[data-testid="privacy-accept"]').click();
  await waitHome(worker, 'worker');
  await eventually(async () => (await testIdText(worker, 'whoami')).includes(ent.name), `the worker's home should show ${ent.name}`);
});

test('issue 15 coverage · 志愿者: a lawyer applies as a volunteer on a phone; staff approve her with a note and make her a tax advisor; her next visit shows 已认证 · 税务师', async ({ env, newPage }) => {
  const zhang = coverageAUser('demo-staff-zhang');
  // The applicant: a new visitor (zh, 390).
  const applicant = await newPage();
  await applicant.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load' });
  await applicant.locator('[data-testid="login-new-visitor"]').click();
  await waitHome(applicant, 'guest');
  await applicant.locator('[data-testid="nav-volunteer"]').click();
  await applicant.locator('[data-testid="profession-lawyer"]').click();
  await coverageAFill(applicant, 'volunteer-name', '林晓雯');
  await coverageAFill(applicant, 'volunteer-organisation', '浙江嘉禾律师事务所');
  await coverageAFill(applicant, 'volunteer-phone', '13912345678');
  await applicant.locator('[data-testid="privacy-consent"]').click();
  await coverageAShot(applicant, 'volunteer-apply-zh-390');
  await applicant.locator('[data-testid="volunteer-submit"]').click();
  await waitHome(applicant, 'volunteer');
  await eventually(async () => (await testIdText(applicant, 'volunteer-status')).includes(zh['volunteerStatus.pending']), 'the applicant sees 待审核');
  const pending = (await okFn<{ items: UserRowLite[] }>(env.gatewayUrl, 'admin', 'listUsers', { role: 'volunteer', volunteerStatus: 'pending' }, zhang.openid)).items.find((u) => u.name === '林晓雯');
  assert(pending, 'the application should wait for review');
  const id = pending.openid;

  // Staff (zh, 390) approve with a note, then make her a tax advisor.
  const staff = await newPage();
  await devLogin(env, staff, zhang);
  await staff.locator('[data-testid="nav-volunteers"]').first().click();
  const application = staff.locator(`[data-testid="application-${id}"]`);
  await application.waitFor();
  await application.locator('input').fill('执业证已核验');
  await coverageAShot(staff, 'volunteers-review-zh-390');
  await staff.locator(`[data-testid="approve-${id}"]`).click();
  await application.waitFor({ state: 'detached' });
  await staff.locator(`[data-testid="volunteer-${id}"][data-profession="lawyer"]`).waitFor();
  await staff.locator(`[data-testid="profession-change-${id}"]`).click();
  await staff.locator(`[data-testid="profession-${id}-tax_advisor"]`).click();
  await staff.locator(`[data-testid="volunteer-${id}"][data-profession="tax_advisor"]`).waitFor();
  await coverageAShot(staff, 'volunteers-approved-zh-390');
  const me = await okFn<Me>(env.gatewayUrl, 'user', 'me', {}, id);
  assert(me.volunteerStatus === 'approved' && me.profession === 'tax_advisor', `the volunteer as saved: ${me.volunteerStatus} ${me.profession}`);
  // Her next visit: approved, as a tax advisor.
  await applicant.reload();
  await waitHome(applicant, 'volunteer');
  await eventually(async () => {
    const card = await testIdText(applicant, 'volunteer-status');
    return card.includes(zh['volunteerStatus.approved']) && card.includes(zh['profession.tax_advisor']);
  }, 'the volunteer sees 已认证 as 税务师');
});
