import { act, createElement } from 'react';
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import type { PendingEvaluation } from '@core/api/revisit';
import type { Me } from '@core/api/user';
import { __setTransportForTests } from '../../../services/call-function';
import { resetAppStore, useAppStore } from '../../../store';
import { resetRevisitStore } from '../../../store/revisit';
import { resetTaroMock } from '../../../test-support/taro-mock';
import PendingPage from './index';
import { setupTestRoot } from '../../../test-support/test-root';

jest.mock('@tarojs/components', () => require('../../../test-support/components-mock'));
jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test-support/taro-mock').taroMock;
  return { __esModule: true, default: mock, useRouter: () => ({ params: {} }), useDidShow: () => undefined };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const view = setupTestRoot();
const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
const $ = (sel: string) => view.host.querySelector(sel) as HTMLElement | null;
const rows = () => Array.from(view.host.querySelectorAll('[data-testid="revisit-pending-row"]')).map((r) => r.getAttribute('data-id'));
const ok = (data: unknown): ApiResponse => ({ ok: true, data, requestId: 'r' });
const row = (i: number): PendingEvaluation => ({ caseKind: 'question', caseId: `q${i}`, title: `问题 ${i}`, servedAt: new Date(Date.UTC(2026, 10, 22) - i * 3_600_000).toISOString() });

let events: ApiRequest[];

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetRevisitStore();
  useAppStore.setState({ me: { openid: 'demo-worker-li', role: 'worker', locale: 'zh-CN', largeText: false } as Me, meStatus: 'ready' });
  events = [];
  __setTransportForTests(async (_name, event) => {
    events.push(event);
    const cursor = (event.data as { cursor?: string }).cursor;
    // 20 on the first page, one more after the cursor.
    if (event.action === 'pending') return ok(cursor === 'c20' ? { items: [row(20)] } : { items: Array.from({ length: 20 }, (_, i) => row(i)), nextCursor: 'c20' });
    throw new Error(`unexpected ${event.action}`);
  }, async () => undefined);
});

afterEach(() => {
  __setTransportForTests(undefined);
});

describe('待评价 page', () => {
  it('shows the first page, and 加载更多 reads on with the cursor until there is no more', async () => {
    await act(async () => view.root.render(createElement(PendingPage)));
    await flush();
    expect(rows()).toHaveLength(20);
    expect($('[data-testid="load-more"]')?.textContent).toContain('加载更多');

    await act(async () => $('[data-testid="load-more"]')!.click());
    await flush();
    expect(events.map((e) => e.data)).toEqual([{}, { cursor: 'c20' }]);
    expect(rows()).toEqual([...Array.from({ length: 20 }, (_, i) => `q${i}`), 'q20']);
    expect($('[data-testid="load-more"]')).toBeNull();
    expect(view.host.textContent).not.toContain('暂无待评价');
  });
});
