/**
 * Counts that stop at a page (issue 19): 待办's backlog lines show "20+" past the page they open,
 * the enterprise page's counts "30+" past its timeline's page — in zh and en, at phone and desk width.
 * What the case adds is left where other cases do not look (applications turned down, visits of an old day).
 */
import type { EnterpriseOverview } from '../../core/api/console';
import type { Todos } from '../../core/api/notify';
import { DemoUsers } from '../../core/api/demo-users';
import en from '../../src/i18n/en';
import zh from '../../src/i18n/zh-CN';
import staffEn from '../../src/staff/i18n/en';
import staffZh from '../../src/staff/i18n/zh-CN';
import { issue15Writer, okFn } from '../support/api';
import { shanghaiDate } from '../../core/rules/working-days';
import { test } from '../support/fixtures';
import { appPath, assert, devLogin, eventually, issue15Combos, issue15Shot, norm } from '../support/page';

const STAFF = DemoUsers.find((u) => u.openid === 'demo-staff-zhang')!;

test('capped counts: 待办 says "20+" for a backlog past its page, the enterprise page "30+" past its timeline page (zh/en, phone/desk)', async ({ env, newPage }) => {
  const write = issue15Writer(env);
  const run = Date.now().toString(36);
  // A backlog of volunteer applications past the page: 21 new visitors apply to 兴平 (turned down at the end, so later cases see the demo's).
  const applicants = Array.from({ length: 21 }, (_, i) => `e2e-cap-${run}-${i}`);
  for (const [i, openid] of applicants.entries()) {
    await write('user', 'applyVolunteer', { profession: 'lawyer', name: `申请人${i}`, organisation: '某律师事务所', phone: `137${String(10_000_000 + i).slice(-8)}`, communityId: 'xingping', acceptPrivacy: true }, openid);
  }
  try {
    const todos = await okFn<Todos>(env.gatewayUrl, 'user', 'todos', {}, STAFF.openid);
    const line = todos.items.find((i) => i.key === 'volunteerApplications');
    assert(line?.count === 20 && line.more === true, `user.todos should count 20 and more volunteer applications: ${JSON.stringify(line)}`);
    // 嘉兴甬森's visits past a page: 31 recorded on one day 300 days ago (one instant on the timeline, older than what other cases look for).
    const date = shanghaiDate(new Date(Date.now() - 300 * 86_400_000));
    for (let i = 0; i < 31; i++) await write('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date, met: '王海燕', topics: [`回访 ${i + 1}`] }, STAFF.openid);
    const o = await okFn<EnterpriseOverview>(env.gatewayUrl, 'admin', 'enterpriseOverview', { enterpriseId: 'ent-yongsen' }, STAFF.openid);
    assert(o.counts?.visits === 30 && o.countsCapped?.includes('visits'), `the enterprise's visit count should stop at 30: ${JSON.stringify(o.counts)} ${JSON.stringify(o.countsCapped)}`);

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
      const visits = page.locator('[data-testid="count-visits"]');
      await visits.waitFor();
      await eventually(async () => (await visits.getAttribute('data-value')) === '30+', `${c.label}: the visit count should show 30+`);
      assert(norm(await visits.innerText()).includes('30+'), `${c.label}: the visit count should read 30+: ${await visits.innerText()}`);
      assert(norm(await visits.innerText()).includes((c.locale === 'en' ? staffEn : staffZh)['console.count.visits']), `${c.label}: the count should be named`);
      await issue15Shot(page, `enterprise-capped-${c.label}`);
      if (c.label !== 'zh-1280') continue;
      // 加载更多 to the end: every visit once, though 31 share one instant across a page edge.
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
      // The enterprise's visits, as the visit log pages through them.
      const listed: string[] = [];
      for (let cursor: string | undefined, n = 0; n === 0 || cursor; n++) {
        const p = await okFn<{ items: Array<{ id: string }>; nextCursor?: string }>(env.gatewayUrl, 'admin', 'listVisits', { enterpriseId: 'ent-yongsen', ...(cursor ? { cursor } : {}) }, STAFF.openid);
        listed.push(...p.items.map((i) => `timeline-visit:${i.id}`));
        cursor = p.nextCursor;
      }
      const onTimeline = shown.filter((k) => k.startsWith('timeline-visit:'));
      assert(onTimeline.length > 30 && [...onTimeline].sort().join() === [...listed].sort().join(), `every visit of the enterprise once on its timeline: ${onTimeline.length} shown, ${listed.length} listed`);
    }
  } finally {
    await write('user', 'updateSettings', { locale: 'zh-CN' }, STAFF.openid);
    for (const openid of applicants) await write('admin', 'reviewVolunteer', { openid, approve: false, note: '测试申请' }, STAFF.openid);
  }
});
