import { act } from 'react';
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import type { EntryLanding } from '@core/api/user';
import { __setTransportForTests } from '../../services/call-function';
import { resetAppStore, useAppStore } from '../../store';
import { resetTaroMock, taroMock } from '../../test-support/taro-mock';
import EntryPage from './index';
import { setupTestRoot } from '../../test-support/test-root';

const routerParams: Record<string, string> = {};
const reLaunch = jest.fn((_: { url: string }) => Promise.resolve());

jest.mock('@tarojs/components', () => require('../../test-support/components-mock'));
jest.mock('@tarojs/taro', () => {
  const mock = require('../../test-support/taro-mock').taroMock;
  return {
    __esModule: true,
    default: { ...mock, reLaunch: (o: { url: string }) => reLaunch(o) },
    useRouter: () => ({ params: routerParams }),
    useDidShow: () => undefined,
  };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const landing: EntryLanding = {
  me: { openid: 'h5-guest-x', role: 'worker', locale: 'zh-CN', largeText: false, enterprise: { id: 'ent-yongsen', name: '嘉兴甬森' }, workshop: '冲压车间' },
  page: 'pages/index/index',
  kind: 'workshop',
  targetName: '嘉兴甬森 · 冲压车间',
  bound: true,
};

let events: ApiRequest[];
const view = setupTestRoot();

const flush = () => act(async () => { for (let i = 0; i < 5; i++) await Promise.resolve(); });
const byTestId = (id: string) => view.host.querySelector(`[data-testid="${id}"]`) as HTMLElement | null;

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  reLaunch.mockClear();
  events = [];
  for (const k of Object.keys(routerParams)) delete routerParams[k];
  process.env.TARO_ENV = 'h5';
  process.env.TARO_APP_DEV_LOGIN = 'true';
});

afterEach(() => {
  __setTransportForTests(undefined);
});

function serve(answer: (e: ApiRequest) => ApiResponse) {
  __setTransportForTests(async (_name, event) => {
    events.push(event);
    return answer(event);
  }, async () => undefined);
}

describe('QR entry page', () => {
  it('asks a first-time visitor to accept the privacy notice, then enters and lands on the page named by the answer', async () => {
    routerParams.scene = encodeURIComponent('W-YSCY');
    serve((e) =>
      (e.data as { acceptPrivacy?: boolean }).acceptPrivacy
        ? { ok: true, data: landing, requestId: 'r2' }
        : { ok: false, error: { code: 'USER.PRIVACY_REQUIRED', message: 'privacy' }, requestId: 'r1' },
    );
    await act(async () => view.root.render(<EntryPage />));
    await flush();

    // A visitor with no identity acts as a brand-new WeChat user.
    expect(String(taroMock.getStorageSync('dev-openid'))).toMatch(/^h5-guest-[a-z0-9]+$/);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'enterByScene', data: { scene: 'W-YSCY' } });
    expect(byTestId('privacy-accept')).not.toBeNull();
    expect(view.host.textContent).toContain('个人信息保护说明');
    expect(reLaunch).not.toHaveBeenCalled();

    await act(async () => byTestId('privacy-accept')!.click());
    await flush();
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({ action: 'enterByScene', data: { scene: 'W-YSCY', acceptPrivacy: true } });
    // Accepting is a new intent: its own idempotency key.
    expect(events[1].idempotencyKey).toBeTruthy();
    expect(events[1].idempotencyKey).not.toBe(events[0].idempotencyKey);
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
    expect(useAppStore.getState().me?.workshop).toBe('冲压车间');
  });

  it('shows an unknown scene as a translated error with the request id, and never the privacy notice', async () => {
    routerParams.scene = 'E-ZZZZ9999';
    serve(() => ({ ok: false, error: { code: 'ENTRY.UNKNOWN_SCENE', message: 'unknown scene' }, requestId: 'req-unknown-1' }));
    await act(async () => view.root.render(<EntryPage />));
    await flush();
    const error = byTestId('error');
    expect(error?.getAttribute('data-code')).toBe('ENTRY.UNKNOWN_SCENE');
    expect(error?.textContent).toContain('二维码无效');
    expect(error?.textContent).toContain('req-unknown-1');
    expect(byTestId('privacy-accept')).toBeNull();
    expect(reLaunch).not.toHaveBeenCalled();
  });

  it('does not call the server for a link without a scene', async () => {
    serve(() => ({ ok: true, data: landing, requestId: 'r' }));
    await act(async () => view.root.render(<EntryPage />));
    await flush();
    expect(events).toEqual([]);
    expect(byTestId('error')?.getAttribute('data-code')).toBe('ENTRY.UNKNOWN_SCENE');
  });

  it('keeps an existing dev identity instead of inventing a new visitor', async () => {
    taroMock.setStorageSync('dev-openid', 'demo-worker-li');
    routerParams.scene = 'E-YSQC';
    serve(() => ({ ok: true, data: { ...landing, bound: false }, requestId: 'r' }));
    await act(async () => view.root.render(<EntryPage />));
    await flush();
    expect(taroMock.getStorageSync('dev-openid')).toBe('demo-worker-li');
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/index/index' });
  });

  it('lands a station code (S-…) on the clinic check-in page with the scene, not on home', async () => {
    taroMock.setStorageSync('dev-openid', 'demo-manager-wang');
    routerParams.scene = 'S-XPKZ';
    serve(() => ({ ok: true, data: { ...landing, kind: 'station', page: 'pages/index/index', targetName: '三师服务联络站', bound: false }, requestId: 'r' }));
    await act(async () => view.root.render(<EntryPage />));
    await flush();
    expect(reLaunch).toHaveBeenCalledWith({ url: '/clinic/pages/checkin/index?scene=S-XPKZ' });
  });
});
