import { act, createElement } from 'react';
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import type { TicketDetail } from '@core/api/tickets';
import type { Me } from '@core/api/user';
import { __setTransportForTests } from '../../../services/call-function';
import { resetAppStore, useAppStore } from '../../../store';
import { resetTicketsStore } from '../../../store/tickets';
import { resetTaroMock } from '../../../test-support/taro-mock';
import DetailPage from './index';
import { setupTestRoot } from '../../../test-support/test-root';

const routerParams: Record<string, string> = { id: 't1' };
jest.mock('@tarojs/components', () => require('../../../test-support/components-mock'));
jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test-support/taro-mock').taroMock;
  const { useEffect, useRef } = require('react');
  return {
    __esModule: true,
    default: mock,
    // Taro's onLoad: once per page, with the first render's callback.
    useLoad: (cb: (q: Record<string, string>) => void) => {
      const onLoad = useRef(cb);
      useEffect(() => onLoad.current(routerParams), []);
    },
    useDidShow: () => undefined,
    useRouter: () => ({ path: '/tickets/pages/detail/index', params: routerParams }),
  };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const ticket = (over: Partial<TicketDetail> = {}): TicketDetail => ({
  id: 't1',
  number: 'XP-2026-0001',
  title: '冲压车间急需招聘普工',
  category: 'recruiting',
  urgency: 'urgent',
  status: 'dispatched',
  rung: 0,
  submittedAt: '2026-11-23T01:00:00Z',
  overdue: false,
  version: 3,
  description: '缺普工20名。',
  attachments: [],
  assistUnits: [],
  deadlines: { sign: '2026-11-24T10:00:00Z', paused: false },
  timeline: [
    { version: 1, at: '2026-11-23T01:00:00Z', act: 'submit', actorRole: 'manager', actorName: '王海燕', from: null, to: 'submitted' },
    { version: 2, at: '2026-11-23T02:00:00Z', act: 'accept', actorRole: 'instructor', from: 'submitted', to: 'accepted', note: '请派单' },
    { version: 3, at: '2026-11-23T03:00:00Z', act: 'dispatch', actorRole: 'staff', from: 'accepted', to: 'dispatched' },
  ],
  can: ['sign', 'return'],
  ...over,
});

let events: ApiRequest[];
let current: TicketDetail;
let conflictOnce: boolean;
const view = setupTestRoot();
const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
const $ = (sel: string) => view.host.querySelector(sel) as HTMLElement | null;
const ok = (data: unknown): ApiResponse => ({ ok: true, data, requestId: 'r' });
const type = async (testId: string, value: string) => {
  const text = $(`[data-testid="${testId}"]`) as HTMLTextAreaElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(text, value);
    text.dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const click = (testId: string) => act(async () => $(`[data-testid="${testId}"]`)!.click());

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetTicketsStore();
  useAppStore.setState({ me: { openid: 'demo-unit-hr', role: 'unit', locale: 'zh-CN', largeText: false } as Me, meStatus: 'ready' });
  events = [];
  current = ticket();
  conflictOnce = false;
  __setTransportForTests(async (_name, event) => {
    events.push(event);
    if (event.action === 'get') return ok(current);
    if (event.action === 'act') {
      if (conflictOnce) {
        conflictOnce = false;
        // Someone signed for it meanwhile: the ticket moved on.
        current = ticket({ version: 4, status: 'signed', can: ['start', 'return'] });
        return { ok: false, error: { code: 'TICKET.VERSION_CONFLICT', message: 'conflict' }, requestId: 'r-c' };
      }
      current = ticket({ version: current.version + 1, status: 'dispatched', can: [] });
      return ok(current);
    }
    if (event.action === 'editAgenda') return ok({ month: (event.data as { month: string }).month, edited: true, items: [{ ticket: current, reasons: [] }] });
    throw new Error(`unexpected ${event.action}`);
  }, async () => undefined);
});

afterEach(() => {
  __setTransportForTests(undefined);
});

describe('诉求详情 page', () => {
  it('shows the timeline and the acts the server allows; 退单 sends its reason with the version read', async () => {
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    expect($('[data-testid="tickets-detail"]')?.getAttribute('data-version')).toBe('3');
    expect(Array.from(view.host.querySelectorAll('[data-testid="ticket-timeline-entry"]')).map((e) => e.getAttribute('data-act'))).toEqual(['submit', 'accept', 'dispatch']);
    expect(Array.from(view.host.querySelectorAll('[data-testid^="ticket-act-"]')).map((e) => e.getAttribute('data-testid'))).toEqual(['ticket-act-sign', 'ticket-act-return']);

    await click('ticket-act-return');
    await type('ticket-act-note', '不属于本单位职责');
    await click('ticket-act-confirm');
    await flush();
    expect(events.find((e) => e.action === 'act')).toMatchObject({ data: { id: 't1', version: 3, act: 'return', reason: '不属于本单位职责' } });
    expect($('[data-testid="tickets-detail"]')?.getAttribute('data-version')).toBe('4');
  });

  it('TICKET.VERSION_CONFLICT: the translated message, the ticket as it is now, its new acts', async () => {
    conflictOnce = true;
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    await click('ticket-act-sign');
    await click('ticket-act-confirm');
    await flush();
    expect($('[data-testid="error"]')?.getAttribute('data-code')).toBe('TICKET.VERSION_CONFLICT');
    expect($('[data-testid="error"]')?.textContent).toContain('其他人更新');
    expect(events.map((e) => e.action)).toEqual(['get', 'act', 'get']);
    expect($('[data-testid="tickets-detail"]')?.getAttribute('data-status')).toBe('signed');
    expect($('[data-testid="tickets-detail"]')?.getAttribute('data-version')).toBe('4');
    expect($('[data-testid="ticket-act-start"]')).not.toBeNull();
    expect($('[data-testid="ticket-act-sign"]')).toBeNull();
  });

  it('评价 is the satisfaction rate page for this ticket, not a one-star act form', async () => {
    const taro = require('../../../test-support/taro-mock').taroMock as { navigateTo?: jest.Mock };
    taro.navigateTo = jest.fn(() => Promise.resolve());
    current = ticket({ status: 'resolved', can: ['evaluate', 'reopen'] });
    useAppStore.setState({ me: { openid: 'demo-manager-wang', role: 'manager', locale: 'zh-CN', largeText: false } as Me, meStatus: 'ready' });
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    expect($('[data-testid="ticket-act-evaluate"]')).toBeNull();
    expect($('[data-testid="ticket-act-reopen"]')).not.toBeNull();
    await click('ticket-rate');
    expect(taro.navigateTo).toHaveBeenCalledWith({ url: `/revisit/pages/rate/index?caseKind=ticket&caseId=t1&title=${encodeURIComponent('冲压车间急需招聘普工')}` });
    expect(events.map((e) => e.action)).toEqual(['get']);
    delete taro.navigateTo;
  });

  it('列入本月会诊: staff put an unfinished demand on this month’s agenda from its page (one key per intent); units and finished demands get no button', async () => {
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    expect($('[data-testid="ticket-agenda-add"]')).toBeNull(); // the unit

    view.remount();
    useAppStore.setState({ me: { openid: 'demo-staff-zhang', role: 'staff', locale: 'zh-CN', largeText: false } as Me, meStatus: 'ready' });
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    await click('ticket-agenda-add');
    await flush();
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const sent = events.filter((e) => e.action === 'editAgenda');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ data: { month, add: ['t1'] } });
    expect(sent[0].idempotencyKey).toBeTruthy();
    expect($('[data-testid="ticket-agenda-done"]')?.textContent).toContain(month);
    expect($('[data-testid="ticket-agenda-add"]')).toBeNull();
    expect($('[data-testid="ticket-agenda-open"]')).not.toBeNull();

    view.remount();
    current = ticket({ status: 'closed', can: [] });
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    expect($('[data-testid="ticket-agenda-add"]')).toBeNull();
  });
});
