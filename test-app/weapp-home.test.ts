/**
 * The production weapp build (dist/, built by test-app/global-setup.ts) rendered headless with
 * miniprogram-simulate: the official WXML compiler, Taro's mini-program runtime and the app's
 * own bundles. Only the cloud is stubbed, at the wx API boundary (`wx.cloud.callFunction`),
 * answering with the envelopes the real functions return (shapes from core/api).
 */
import path from 'node:path';
import type { ApiResponse } from '@core/api/envelope';
import type { Enterprise, Page } from '@core/api/admin';
import type { Todos } from '@core/api/notify';
import type { Me } from '@core/api/user';
import en from '../src/i18n/en';
import zh from '../src/i18n/zh-CN';
import { assertWeappBuilt } from './global-setup';
import { launchWeapp, type Weapp } from './support/weapp';

const DIST = path.resolve(__dirname, '..', 'dist');

const NOW = '2026-11-23T01:00:00.000Z';
const YONGSEN = { id: 'ent-yongsen', name: '嘉兴甬森汽车零部件有限公司', nameEn: 'Jiaxing Yongsen Auto Parts Co., Ltd.' };

/** What `user.me` answers for 李小红, worker of 嘉兴甬森 in its 冲压车间 (see scripts/seed.ts). */
const workerLi: Me = {
  openid: 'demo-worker-li',
  role: 'worker',
  name: '李小红',
  communityId: 'xingping',
  communityName: '兴平工业社区',
  enterprise: YONGSEN,
  workshop: '冲压车间',
  locale: 'zh-CN',
  largeText: false,
  privacyAcceptedAt: NOW,
};

const staffZhang: Me = {
  openid: 'demo-staff-zhang',
  role: 'staff',
  name: '张敏',
  communityId: 'xingping',
  communityName: '兴平工业社区',
  locale: 'zh-CN',
  largeText: false,
  privacyAcceptedAt: NOW,
};

let seq = 0;
const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data, requestId: `req-${++seq}` });
const fail = (code: string, message: string): ApiResponse => ({ ok: false, error: { code, message }, requestId: `req-${++seq}` });

/** A small stand-in for the `user` and `admin` functions, keeping one person's settings. */
function cloudAs(person: Me, todos: Todos = { items: [], unread: 0 }) {
  let me = { ...person };
  const unexpected: string[] = [];
  const handler = (name: string, event: { action: string; data?: any; idempotencyKey?: string }) => {
    const key = `${name}.${event.action}`;
    switch (key) {
      case 'user.me':
        return ok(me);
      case 'user.updateSettings':
        if (!event.idempotencyKey) return fail('INPUT.INVALID', 'a write needs an idempotency key');
        me = { ...me, ...event.data };
        return ok(me);
      case 'admin.listEnterprises': {
        const page: Page<Enterprise> = {
          items: [{ ...YONGSEN, communityId: 'xingping', creditCode: '91330482MA2B7YH01X', workshops: ['冲压车间', '焊装车间', '总装车间'], createdAt: NOW }],
        };
        return ok(page);
      }
      // The home's 待评价 badge for workers and managers (nothing to rate here).
      case 'revisit.pending':
        return ok({ items: [] });
      // Home's 待办 and unread count (nothing to do unless the case says), and the consent settings it preloads.
      case 'user.todos':
        return ok(todos);
      case 'user.notificationSettings':
        return ok([]);
      default:
        unexpected.push(key);
        return fail('INTERNAL', `the stub does not answer ${key}`);
    }
  };
  return { handler, unexpected, current: () => me };
}

let app: Weapp;

describe('weapp build, rendered headless', () => {
  beforeAll(assertWeappBuilt);

  test('the worker home shows who I am, and "join" navigates', async () => {
    const cloud = cloudAs(workerLi);
    app = await launchWeapp({ distDir: DIST, cloud: cloud.handler });
    const home = await app.render('pages/index/index');
    await app.until(() => home.text().includes('李小红'), 'the worker name on the home page');

    const text = home.text();
    expect(text).toContain(zh['role.worker']);
    expect(text).toContain('嘉兴甬森汽车零部件有限公司 · 冲压车间');
    expect(text).toContain('兴平工业社区');
    expect(text).toContain(zh['home.worker.title']);
    // Staff tiles are not for workers.
    expect(text).not.toContain(zh['staffNav.enterprises']);
    expect(app.calls.cloud.map((c) => `${c.name}.${c.data.action}`)).toContain('user.me');
    expect(cloud.unexpected).toEqual([]);

    const join = home.byText(zh['home.join.action']);
    expect(join).not.toBeNull();
    await home.tap(join!);
    await app.until(() => app.calls.navigate.length > 0, 'a navigation after tapping join');
    expect(app.calls.navigate).toEqual([{ api: 'navigateTo', url: '/pages/join/index' }]);
    home.unload();
  });

  test('switching the language on the me page saves it and turns the page, title and tab bar English', async () => {
    const cloud = cloudAs(workerLi);
    app = await launchWeapp({ distDir: DIST, cloud: cloud.handler });
    const me = await app.render('pages/me/index');
    await app.until(() => me.text().includes(zh['me.largeText']) && me.text().includes('李小红'), 'the me page in Chinese');
    expect(me.text()).toContain(zh['role.worker']);
    const lastTabs = () => [app.calls.tabBar.filter((c) => c.index === 0).pop()?.text, app.calls.tabBar.filter((c) => c.index === 1).pop()?.text];
    expect(lastTabs()).toEqual([zh['tab.home'], zh['tab.me']]);

    await me.tap(me.byText('English')!);
    await app.until(() => me.text().includes(en['me.largeText']), 'the me page in English');
    expect(me.text()).not.toContain(zh['me.largeText']);
    expect(me.text()).toContain(en['role.worker']);
    // The enterprise has an English name; English shows it.
    expect(me.text()).toContain(YONGSEN.nameEn);
    expect(lastTabs()).toEqual([en['tab.home'], en['tab.me']]);
    expect(app.calls.titles[app.calls.titles.length - 1]).toBe(en['me.title']);
    const saves = app.calls.cloud.filter((c) => c.name === 'user' && c.data.action === 'updateSettings');
    expect(saves).toHaveLength(1);
    expect(saves[0].data.data).toEqual({ locale: 'en' });
    expect(saves[0].data.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(cloud.current().locale).toBe('en');
    expect(cloud.unexpected).toEqual([]);

    await me.tap(me.byText('中文')!);
    await app.until(() => me.text().includes(zh['me.largeText']), 'the me page back in Chinese');
    expect(lastTabs()).toEqual([zh['tab.home'], zh['tab.me']]);
    expect(cloud.current().locale).toBe('zh-CN');
    me.unload();
  });

  test('staff see their workbench, and a tile opens the staff subpackage', async () => {
    const cloud = cloudAs(staffZhang);
    app = await launchWeapp({ distDir: DIST, cloud: cloud.handler });
    const home = await app.render('pages/index/index');
    await app.until(() => home.text().includes('张敏'), 'the staff name on the home page');
    expect(home.text()).toContain(zh['role.staff']);
    for (const k of ['staffNav.enterprises', 'staffNav.codes', 'staffNav.volunteers', 'staffNav.users', 'staffNav.audit'] as const) {
      expect(home.text()).toContain(zh[k]);
    }
    await home.tap(home.byText(zh['staffNav.enterprises'])!);
    await app.until(() => app.calls.navigate.length > 0, 'a navigation after tapping the enterprises tile');
    expect(app.calls.navigate).toEqual([{ api: 'navigateTo', url: '/staff/pages/enterprises/index' }]);
    expect(cloud.unexpected).toEqual([]);
    home.unload();
  });

  test('staff 待办: a backlog line counted up to its page shows "20+", an exact one its number, in zh and en', async () => {
    const todos: Todos = {
      items: [
        { key: 'volunteerApplications', count: 20, more: true, page: 'staff/pages/volunteers/index' },
        { key: 'followUps', count: 3, page: 'revisit/pages/follow-ups/index' },
      ],
      unread: 0,
    };
    for (const [person, dict] of [
      [staffZhang, zh],
      [{ ...staffZhang, locale: 'en' as const }, en],
    ] as const) {
      const cloud = cloudAs(person, todos);
      app = await launchWeapp({ distDir: DIST, cloud: cloud.handler });
      const home = await app.render('pages/index/index');
      await app.until(() => home.text().includes(dict['todo.volunteerApplications']), `the ${person.locale} 待办 line`);
      const text = home.text();
      // The label, then its badge: "20+" for the capped line.
      expect(text.replace(/\s/g, '')).toContain(`${dict['todo.volunteerApplications']}20+`.replace(/\s/g, ''));
      expect(text.replace(/\s/g, '')).toContain(`${dict['todo.followUps']}3`.replace(/\s/g, ''));
      expect(text).not.toContain('3+');
      expect(cloud.unexpected).toEqual([]);
      home.unload();
    }
  });

  test('QR entry with a scene in the page options: privacy notice, acceptance as its own write, then home', async () => {
    const events: { action: string; data?: any; idempotencyKey?: string }[] = [];
    const newWorker: Me = { openid: 'o-wechat-new', role: 'worker', communityId: 'xingping', communityName: '兴平工业社区', enterprise: YONGSEN, workshop: '冲压车间', locale: 'zh-CN', largeText: false, privacyAcceptedAt: NOW };
    app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push(event);
        if (name !== 'user' || event.action !== 'enterByScene') return fail('INTERNAL', `unexpected ${name}.${event.action}`);
        if (event.data?.scene !== 'W-YSCY') return fail('ENTRY.UNKNOWN_SCENE', 'this QR code is not known');
        if (!event.data.acceptPrivacy) return fail('USER.PRIVACY_REQUIRED', 'please read and accept the privacy notice first');
        return ok({ me: newWorker, page: 'pages/index/index', kind: 'workshop', targetName: '嘉兴甬森汽车零部件有限公司 · 冲压车间', bound: true });
      },
    });
    // WeChat hands the scene of a wxacode to the page URL-encoded, as options.scene.
    const entry = await app.render('pages/entry/index', { scene: encodeURIComponent('W-YSCY') });
    await app.until(() => entry.text().includes(zh['privacy.title']), 'the privacy notice');
    expect(app.calls.navigate).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0].data).toEqual({ scene: 'W-YSCY' });

    await entry.tap(entry.byText(zh['privacy.accept'])!);
    await app.until(() => app.calls.navigate.length > 0, 'the landing after accepting');
    expect(app.calls.navigate).toEqual([{ api: 'reLaunch', url: '/pages/index/index' }]);
    expect(events).toHaveLength(2);
    expect(events[1].data).toEqual({ scene: 'W-YSCY', acceptPrivacy: true });
    // Accepting is a separate intent from the first look-up: its own idempotency key.
    expect(events[1].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(events[1].idempotencyKey).not.toBe(events[0].idempotencyKey);
    entry.unload();
  });

  test('a failing user.me shows the translated error, not a blank page', async () => {
    app = await launchWeapp({ distDir: DIST, cloud: () => fail('INTERNAL', 'boom') });
    const home = await app.render('pages/index/index');
    await app.until(() => home.text().includes(zh['error.INTERNAL']), 'the error note', 10_000);
    expect(home.text()).not.toContain('boom');
    home.unload();
  });
});
