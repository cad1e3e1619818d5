import type { ApiResponse } from '@core/api/envelope';
import type { Enterprise, UserRow } from '@core/api/admin';
import type { Me } from '@core/api/user';
import { resetTaroMock, taroMock } from '../test-support/taro-mock';
import { fail, ok, installFakeTransport } from '../test-support/fake-transport';
import { resetAppStore, resetUserData, useAppStore } from '.';
import { resetAdminStore, useAdminStore } from './admin';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../test-support/taro-mock').taroMock }));

const { calls, handlers } = installFakeTransport();

const me = (over: Partial<Me>): Me => ({ openid: 'o', role: 'worker', locale: 'zh-CN', largeText: false, ...over });
const ent = (id: string): Enterprise => ({ id, communityId: 'xingping', name: `企业${id}`, creditCode: '91330482MA2B7YH01X', workshops: [], createdAt: '2026-01-01T00:00:00Z' });
const row = (openid: string, role: UserRow['role'] = 'worker'): UserRow => ({ openid, role, createdAt: '2026-01-01T00:00:00Z' });

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetAdminStore();
});

describe('session and settings', () => {
  it('loads me and follows the saved settings of a signed-in user', async () => {
    handlers['user.me'] = () => ok(me({ openid: 'demo-manager-schmidt', role: 'manager', locale: 'en', largeText: true }));
    await useAppStore.getState().loadMe();
    const s = useAppStore.getState();
    expect(s.meStatus).toBe('ready');
    expect(s.me?.openid).toBe('demo-manager-schmidt');
    expect(s.locale).toBe('en');
    expect(s.largeText).toBe(true);
    expect(taroMock.setStorageSync).toHaveBeenCalledWith('settings-locale', 'en');
  });

  it("keeps a guest's device settings (a guest has none saved)", async () => {
    useAppStore.setState({ locale: 'en' });
    handlers['user.me'] = () => ok(me({ role: 'guest', locale: 'zh-CN' }));
    await useAppStore.getState().loadMe();
    expect(useAppStore.getState().locale).toBe('en');
  });

  it('records a failed load as an ApiError the page can show', async () => {
    handlers['user.me'] = () => fail('INTERNAL');
    await useAppStore.getState().loadMe();
    const s = useAppStore.getState();
    expect(s.meStatus).toBe('error');
    expect(s.meError?.code).toBe('INTERNAL');
    expect(s.meError?.requestId).toBe('r-fail');
  });

  it('saves the language on the server for a signed-in user, as a write with a key', async () => {
    handlers['user.me'] = () => ok(me({ role: 'worker' }));
    handlers['user.updateSettings'] = (e) => ok(me({ role: 'worker', locale: (e.data as { locale: 'en' }).locale }));
    await useAppStore.getState().loadMe();
    await useAppStore.getState().setLocale('en');
    const save = calls.find((c) => c.event.action === 'updateSettings');
    expect(save?.event.data).toEqual({ locale: 'en' });
    expect(save?.event.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(useAppStore.getState().locale).toBe('en');
    expect(useAppStore.getState().me?.locale).toBe('en');
  });

  it('keeps a guest’s settings on the device only', async () => {
    handlers['user.me'] = () => ok(me({ role: 'guest' }));
    await useAppStore.getState().loadMe();
    await useAppStore.getState().setLargeText(true);
    expect(calls.map((c) => c.event.action)).toEqual(['me']);
    expect(useAppStore.getState().largeText).toBe(true);
    expect(taroMock.setStorageSync).toHaveBeenCalledWith('settings-large-text', true);
  });

  it('keeps a setting locally and reports the error when saving it fails', async () => {
    handlers['user.me'] = () => ok(me({ role: 'worker' }));
    handlers['user.updateSettings'] = () => fail('AUTH.FORBIDDEN');
    await useAppStore.getState().loadMe();
    await useAppStore.getState().setLargeText(true);
    expect(useAppStore.getState().largeText).toBe(true);
    expect(useAppStore.getState().settingsError?.code).toBe('AUTH.FORBIDDEN');
  });

  it('does not let an older me answer flip back a setting the user just changed', async () => {
    handlers['user.me'] = () => ok(me({ role: 'worker', largeText: true }));
    await useAppStore.getState().loadMe();
    expect(useAppStore.getState().largeText).toBe(true);
    // The home page reloads me (the server still says on) while the user switches it off.
    let answerMe!: () => void;
    handlers['user.me'] = () => new Promise<ApiResponse>((resolve) => (answerMe = () => resolve(ok(me({ role: 'worker', largeText: true })))));
    handlers['user.updateSettings'] = (e) => ok(me({ role: 'worker', largeText: (e.data as { largeText: boolean }).largeText }));
    const reload = useAppStore.getState().loadMe();
    await useAppStore.getState().setLargeText(false);
    answerMe();
    await reload;
    expect(useAppStore.getState().largeText).toBe(false);
    // A later read, after the change was saved, is adopted again.
    handlers['user.me'] = () => ok(me({ role: 'worker', largeText: true, locale: 'en' }));
    await useAppStore.getState().loadMe();
    expect(useAppStore.getState()).toMatchObject({ largeText: true, locale: 'en' });
  });

  it('does not adopt the server copy while a change is unsaved', async () => {
    handlers['user.me'] = () => ok(me({ role: 'worker', largeText: false }));
    await useAppStore.getState().loadMe();
    handlers['user.updateSettings'] = () => fail('CLIENT.NETWORK');
    await useAppStore.getState().setLargeText(true);
    await useAppStore.getState().loadMe();
    expect(useAppStore.getState().largeText).toBe(true);
  });

  it('hydrates settings from device storage', () => {
    taroMock.setStorageSync('settings-locale', 'en');
    taroMock.setStorageSync('settings-large-text', true);
    useAppStore.getState().hydrateSettings();
    expect(useAppStore.getState()).toMatchObject({ locale: 'en', largeText: true });
  });

  it('enterByScene passes the privacy refusal up as USER.PRIVACY_REQUIRED, then lands with the new me', async () => {
    handlers['user.enterByScene'] = (e) =>
      (e.data as { acceptPrivacy?: boolean }).acceptPrivacy
        ? ok({ me: me({ role: 'worker', name: undefined }), page: 'pages/index/index', kind: 'enterprise', targetName: '嘉兴甬森', bound: true })
        : fail('USER.PRIVACY_REQUIRED');
    await expect(useAppStore.getState().enterByScene({ scene: 'E-YSQC' }, 'intent-look-1')).rejects.toMatchObject({ code: 'USER.PRIVACY_REQUIRED' });
    expect(useAppStore.getState().me).toBeUndefined();
    const landing = await useAppStore.getState().enterByScene({ scene: 'E-YSQC', acceptPrivacy: true }, 'intent-accept-1');
    expect(landing.page).toBe('pages/index/index');
    expect(useAppStore.getState().me?.role).toBe('worker');
    expect(calls.map((c) => c.event.idempotencyKey)).toEqual(['intent-look-1', 'intent-accept-1']);
  });
});

describe('staff lists', () => {
  it('pages enterprises with the keyword and appends the next page', async () => {
    handlers['admin.listEnterprises'] = (e) => {
      const d = e.data as { cursor?: string; keyword?: string };
      return ok(d.cursor ? { items: [ent('3')] } : { items: [ent('1'), ent('2')], nextCursor: 'c2' });
    };
    await useAdminStore.getState().loadEnterprises('甬森');
    expect(calls[0].event.data).toEqual({ keyword: '甬森' });
    expect(useAdminStore.getState().enterprises).toMatchObject({ status: 'ready', nextCursor: 'c2' });
    await useAdminStore.getState().loadMoreEnterprises();
    expect(calls[1].event.data).toEqual({ cursor: 'c2', keyword: '甬森' });
    const list = useAdminStore.getState().enterprises;
    expect(list.items.map((e) => e.id)).toEqual(['1', '2', '3']);
    expect(list.nextCursor).toBeUndefined();
    // Nothing more to load: no call.
    await useAdminStore.getState().loadMoreEnterprises();
    expect(calls).toHaveLength(2);
  });

  it('drops a stale answer when the search changed meanwhile', async () => {
    let releaseFirst!: () => void;
    handlers['admin.listEnterprises'] = (e) => {
      const kw = (e.data as { keyword?: string }).keyword;
      if (kw === 'old') return new Promise((resolve) => (releaseFirst = () => resolve(ok({ items: [ent('old')] }))));
      return ok({ items: [ent('new')] });
    };
    const first = useAdminStore.getState().loadEnterprises('old');
    await useAdminStore.getState().loadEnterprises('new');
    releaseFirst();
    await first;
    expect(useAdminStore.getState().enterprises.items.map((e) => e.id)).toEqual(['new']);
  });

  it('keeps the list and reports the error when the next page fails', async () => {
    handlers['admin.listEntryCodes'] = (e) => ((e.data as { cursor?: string }).cursor ? fail('INTERNAL') : ok({ items: [], nextCursor: 'c' }));
    await useAdminStore.getState().loadCodes();
    await useAdminStore.getState().loadMoreCodes();
    expect(useAdminStore.getState().codes).toMatchObject({ status: 'ready', loadingMore: false, nextCursor: 'c' });
    expect(useAdminStore.getState().codes.error?.code).toBe('INTERNAL');
  });

  it('puts a created enterprise first and remembers the invite issued for it', async () => {
    handlers['admin.listEnterprises'] = () => ok({ items: [ent('1')] });
    handlers['admin.createEnterprise'] = () => ok(ent('9'));
    handlers['admin.issueInvite'] = () => ok({ code: 'ABCD2345', enterpriseId: '9', enterpriseName: '企业9', maxUses: 3, uses: 0, expiresAt: '2026-12-07T00:00:00Z' });
    await useAdminStore.getState().loadEnterprises('');
    await useAdminStore.getState().createEnterprise({ name: '企业9', creditCode: '91330482MA2B7YH01X' }, 'create-key-1');
    expect(useAdminStore.getState().enterprises.items.map((e) => e.id)).toEqual(['9', '1']);
    await useAdminStore.getState().issueInvite({ enterpriseId: '9' }, 'invite-key-1');
    expect(useAdminStore.getState().invites['9'].code).toBe('ABCD2345');
    expect(calls.filter((c) => c.event.idempotencyKey).map((c) => c.event.idempotencyKey)).toEqual(['create-key-1', 'invite-key-1']);
  });

  it('asks only for pending volunteer applications and removes a reviewed one', async () => {
    handlers['admin.listUsers'] = () => ok({ items: [row('a', 'volunteer'), row('b', 'volunteer')] });
    handlers['admin.reviewVolunteer'] = () => ok({ ...row('a', 'volunteer'), volunteerStatus: 'approved' });
    await useAdminStore.getState().loadPendingVolunteers();
    expect(calls[0].event.data).toEqual({ role: 'volunteer', volunteerStatus: 'pending' });
    await useAdminStore.getState().reviewVolunteer({ openid: 'a', approve: true }, 'review-key-1');
    expect(useAdminStore.getState().pendingVolunteers.items.map((u) => u.openid)).toEqual(['b']);
  });

  it('updates a user row after a role change, and drops it from a list filtered by the old role', async () => {
    handlers['admin.listUsers'] = () => ok({ items: [row('a'), row('b')] });
    handlers['admin.setRole'] = () => ok(row('a', 'staff'));
    await useAdminStore.getState().loadUsers(null);
    await useAdminStore.getState().setUserRole({ openid: 'a', role: 'staff' }, 'role-key-1');
    expect(useAdminStore.getState().users.items.find((u) => u.openid === 'a')?.role).toBe('staff');

    await useAdminStore.getState().loadUsers('worker');
    expect(calls[calls.length - 1].event.data).toEqual({ role: 'worker' });
    await useAdminStore.getState().setUserRole({ openid: 'a', role: 'staff' }, 'role-key-2');
    expect(useAdminStore.getState().users.items.map((u) => u.openid)).toEqual(['b']);
  });
});

describe('reset', () => {
  it('resetAppStore returns to the initial state; resetUserData keeps the device settings and empties the admin store', async () => {
    handlers['user.me'] = () => ok(me({ role: 'staff', locale: 'en' }));
    handlers['admin.listAudit'] = () => ok({ items: [{ id: '1', at: '2026-01-01T00:00:00Z', actorOpenid: 'x', action: 'set-role' }] });
    await useAppStore.getState().loadMe();
    await useAdminStore.getState().loadAudit();
    expect(useAdminStore.getState().audit.items).toHaveLength(1);
    resetUserData();
    expect(useAppStore.getState().me).toBeUndefined();
    // Another person signs in: what the last one saw in the admin lists is gone.
    expect(useAdminStore.getState().audit.items).toEqual([]);
    expect(useAppStore.getState().locale).toBe('en');
    resetAppStore();
    expect(useAppStore.getState().locale).toBe('zh-CN');
    expect(useAppStore.getState().meStatus).toBe('idle');
  });
});
