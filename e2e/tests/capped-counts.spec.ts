/**
 * Counts that stop at a page (issue 19): 待办's backlog lines show "20+" past the page they open,
 * the enterprise page's counts "30+" past its timeline's page — in zh and en, at phone and desk width.
 */
import type { EnterpriseOverview } from '../../core/api/console';
import type { Todos } from '../../core/api/notify';
import { DemoUsers } from '../../core/api/demo-users';
import en from '../../src/i18n/en';
import zh from '../../src/i18n/zh-CN';
import staffEn from '../../src/staff/i18n/en';
import staffZh from '../../src/staff/i18n/zh-CN';
import { issue15Writer, okFn } from '../support/api';
import { test } from '../support/fixtures';
import { appPath, assert, devLogin, eventually, issue15Combos, issue15Shot, norm } from '../support/page';

const STAFF = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;

test('capped counts: 待办 says "20+" for a backlog past its page, the enterprise page "30+" past its timeline page (zh/en, phone/desk)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  const run = Date.now().toString(36);
  // A backlog of volunteer applications past the page: 21 new visitors apply to 兴平.
  for (let i = 0; i < 21; i++) {
    const openid = `e2e-cap-${run}-${i}`;
    await write('user', 'applyVolunteer', { profession: 'lawyer', name: `申请人${i}`, organisation: '某律师事务所', phone: `137${String(10_000_000 + i).slice(-8)}`, communityId: 'xingping', acceptPrivacy: true }, openid);
  }
  const todos = await okFn<Todos>(env.gatewayUrl, 'user', 'todos', {}, STAFF.openid);
  const line = todos.items.find((i) => i.key === 'volunteerApplications');
  assert(line?.count === 20 && line.more === true, `user.todos should count 20 and more volunteer applications: ${JSON.stringify(line)}`);
  // The enterprise's demands past a page: 嘉兴甬森's manager submits until more than 30 are open.
  const first = await okFn<EnterpriseOverview>(env.gatewayUrl, 'admin', 'enterpriseOverview', { enterpriseId: 'ent-yongsen' }, STAFF.openid);
  for (let i = first.counts?.openTickets ?? 0; i <= 30; i++) {
    await write('tickets', 'submit', { title: `夜班班车需求 ${i}`, description: '夜班职工下班无公交，希望协调开通通勤班车。', category: 'other' }, 'demo-manager-wang');
  }
  const o = await okFn<EnterpriseOverview>(env.gatewayUrl, 'admin', 'enterpriseOverview', { enterpriseId: 'ent-yongsen' }, STAFF.openid);
  assert(o.counts?.tickets === 30 && o.countsCapped?.includes('tickets') && o.countsCapped.includes('openTickets'), `the enterprise's demand counts should stop at 30: ${JSON.stringify(o.counts)} ${JSON.stringify(o.countsCapped)}`);

  try {
    for (const c of issue15Combos()) {
      const dict = c.locale === 'en' ? en : zh;
      await write('user', 'updateSettings', { locale: c.locale }, STAFF.openid);
      const page = await newPage({ viewport: c.viewport });
      await devLogin(env, page, STAFF);
      const row = page.locator('[data-testid="todo-volunteerApplications"]');
      await row.waitFor();
      await eventually(async () => norm(await row.innerText()).includes('20+'), `${c.label}: the line should show 20+`);
      const text = norm(await row.innerText());
      assert(text.includes(dict['todo.volunteerApplications']), `${c.label}: the line should say ${dict['todo.volunteerApplications']}: ${text}`);
      await row.scrollIntoViewIfNeeded();
      await issue15Shot(page, `todos-capped-${c.label}`);

      await page.goto(appPath(env, 'staff/pages/enterprise/index?id=ent-yongsen'), { waitUntil: 'load' });
      const tickets = page.locator('[data-testid="count-tickets"]');
      await tickets.waitFor();
      await eventually(async () => (await tickets.getAttribute('data-value')) === '30+', `${c.label}: the demand count should show 30+`);
      assert(norm(await tickets.innerText()).includes('30+'), `${c.label}: the demand count should read 30+: ${await tickets.innerText()}`);
      const open = (c.locale === 'en' ? staffEn : staffZh)['console.enterprise.open'].replace('{{n}}', '30+');
      assert(norm(await page.locator('[data-testid="enterprise-counts"]').innerText()).includes(norm(open)), `${c.label}: the open demands should read "${open}"`);
      await issue15Shot(page, `enterprise-capped-${c.label}`);
      if (c.label !== 'zh-1280') continue;
      // 加载更多 to the end: every item once, though the demands just submitted share instants across the page edge.
      const items = page.locator('[data-testid="enterprise-timeline"] [data-testid^="timeline-"]');
      const more = page.locator('[data-testid="enterprise-timeline"] [data-testid="load-more"]');
      for (let pages = 1; (await more.count()) > 0; pages++) {
        assert(pages < 20, 'the timeline never ends');
        const before = await items.count();
        await more.click();
        await eventually(async () => (await items.count()) > before || (await more.count()) === 0, 'the next page should load');
      }
      const shown = await items.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}:${e.getAttribute('data-id')}`));
      assert(new Set(shown).size === shown.length, `the timeline shows an item twice: ${shown.filter((k, i) => shown.indexOf(k) !== i).join(', ')}`);
      // The enterprise's demands, as its manager's list pages through them.
      const listed: string[] = [];
      for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
        const p = await okFn<{ items: Array<{ id: string }>; nextCursor?: string }>(env.gatewayUrl, 'tickets', 'list', cursor ? { cursor } : {}, 'demo-manager-wang');
        listed.push(...p.items.map((i) => `timeline-ticket:${i.id}`));
        cursor = p.nextCursor;
      }
      const onTimeline = shown.filter((k) => k.startsWith('timeline-ticket:'));
      assert(onTimeline.length > 30 && [...onTimeline].sort().join() === [...listed].sort().join(), `every demand of the enterprise once on its timeline: ${onTimeline.length} shown, ${listed.length} listed`);
    }
  } finally {
    await write('user', 'updateSettings', { locale: 'zh-CN' }, STAFF.openid);
  }
});
