/** The demo people and the data some cases add, with the helpers of the issue 15 coverage cases. */
import type { Page } from '@playwright/test';
import { DemoUsers, type DemoUser } from '../../core/api/demo-users';
import { creditCodeCheckChar } from '../../core/rules/credit-code';
import { issue15Writer } from './api';
import { STEP_TIMEOUT_MS } from './constants';
import type { Env } from './env';
import { appPath, assert, eventually, issue15Shot, norm, settle, waitHome } from './page';

export const NAV_LINKS = ['enterprises', 'codes', 'volunteers', 'users', 'audit'] as const;
/**
 * The staff pages a role may open, as the admin function allows their list actions
 * (server/functions/admin.function.ts): volunteer review and the audit log are staff/admin only.
 */
export const STAFF_LINKS: Partial<Record<string, readonly (typeof NAV_LINKS)[number][]>> = {
  staff: NAV_LINKS,
  admin: NAV_LINKS,
  instructor: ['enterprises', 'codes', 'users'],
};
export const YONGSEN = '嘉兴甬森汽车零部件有限公司';
/** Where the seeded people work (scripts/seed.ts), as the who-am-I card shows it. */
export const WHERE: Record<string, string> = {
  'demo-worker-li': `${YONGSEN} · 冲压车间`,
  'demo-worker-zhao': '兴平精密模具有限公司 · 机加工车间',
  'demo-manager-wang': YONGSEN,
  'demo-manager-schmidt': 'Brenner Precision Machinery (Pinghu) Co., Ltd.',
};


/**
 * A new approved volunteer: a brand-new visitor through the dev login (this browser page acts as
 * them), whose application staff approve — setup through the API. Answers their openid.
 */
export async function i15bApprovedVolunteer(env: Env, page: Page, who: { profession: string; name: string; organisation: string }): Promise<string> {
  await page.goto(appPath(env, 'pages/login/index'), { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-testid="login-new-visitor"]').click();
  await waitHome(page, 'guest');
  const storage = await page.evaluate<string>('JSON.stringify(Object.values(localStorage))');
  const openid = /h5-guest-[a-z0-9]{12}/.exec(storage)?.[0];
  assert(openid, `the new visitor's openid should be in the browser's storage: ${storage.slice(0, 300)}`);
  const write = issue15Writer(env);
  const phone = `139${String(Date.now()).slice(-8)}`;
  await write('user', 'applyVolunteer', { ...who, phone, communityId: 'xingping', acceptPrivacy: true }, openid);
  await write('admin', 'reviewVolunteer', { openid, approve: true }, 'demo-staff-zhang');
  return openid;
}

// Helpers of the issue 15 write-coverage cases, share A (the block at the end of `cases`).

export const coverageAUser = (openid: string): DemoUser => {
  const u = DemoUsers.find((d) => d.openid === openid);
  if (!u) throw new Error(`no demo user ${openid}`);
  return u;
};

/** The enterprise the 企业入驻 case adds (a fresh emulator each run: no clash). */
export const COVERAGE_A_ENTERPRISE = {
  name: '平湖新锐机电有限公司',
  nameEn: 'Pinghu Xinrui Electromechanical Co., Ltd.',
  creditCode: `91330482MA2G3XR06${creditCodeCheckChar('91330482MA2G3XR06')}`,
  address: '平湖市兴平五路 66 号',
  contactName: '周立群',
  contactPhone: '13757301122',
  workshops: ['总装车间', '喷涂车间'],
};

/** Types into a Field (its Taro input) by the field's test id. */
export async function coverageAFill(page: Page, testId: string, value: string): Promise<void> {
  const input = page.locator(`[data-testid="${testId}"] input`).first();
  await input.fill(value);
}

export async function coverageAShot(page: Page, name: string): Promise<string> {
  return issue15Shot(page, `coverage-a-${name}`);
}

/**
 * Chooses `text` in a Taro selector picker as a finger would: opens it, drags the column up by
 * the item's rows, lets go, taps 确定; then the picker's field shows the choice.
 */
export async function coverageAPick(page: Page, trigger: ReturnType<Page['locator']>, text: string): Promise<void> {
  await trigger.click();
  const group = page.locator('.weui-picker__group:visible').first();
  await group.waitFor();
  await settle(page);
  const items = await group.locator('.weui-picker__item').allInnerTexts();
  const index = items.map(norm).indexOf(text);
  assert(index >= 0, `the picker does not offer "${text}": ${items.join(' | ')}`);
  const box = (await group.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const rows = index * 34;
  for (let moved = 0; moved < rows; moved = Math.min(rows, moved + 17)) await page.mouse.move(x, y - Math.min(rows, moved + 17));
  await page.mouse.up();
  await page.locator('.weui-picker__action:visible').last().click();
  await page.locator('.weui-picker:visible').waitFor({ state: 'hidden' });
  await eventually(async () => norm(await trigger.innerText()).includes(text), `the picker field should show "${text}"`);
}

