import { act, createElement } from 'react';
import type { SessionView, SlotView } from '@core/api/clinic';
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import type { Me } from '@core/api/user';
import { __setTransportForTests } from '../../../services/call-function';
import { resetAppStore, useAppStore } from '../../../store';
import { resetClinicStore } from '../../../store/clinic';
import { resetTaroMock } from '../../../test-support/taro-mock';
import BookPage from './index';
import { setupTestRoot } from '../../../test-support/test-root';

const routerParams: Record<string, string> = {};
jest.mock('@tarojs/components', () => require('../../../test-support/components-mock'));
jest.mock('@tarojs/taro', () => {
  const mock = require('../../../test-support/taro-mock').taroMock;
  return { __esModule: true, default: mock, useRouter: () => ({ params: routerParams }), useDidShow: () => undefined };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const SID = '2026-11-25-am';
const session: SessionView = {
  id: SID,
  date: '2026-11-25',
  weekday: 3,
  kind: 'regular',
  startsAt: '2026-11-25T00:30:00Z',
  endsAt: '2026-11-25T03:30:00Z',
  duties: [{ profession: 'lawyer', seat: 0, volunteerOpenid: 'demo-lawyer-chen', volunteerName: '陈律师', source: 'booked' }],
  staffing: { lawyer: { seats: 1, staffed: 1 } },
  freeSlots: { lawyer: 1 },
};
const slot = (index: number, free: number): SlotView => ({ index, startsAt: `2026-11-25T0${index}:30:00Z`, endsAt: `2026-11-25T0${index + 1}:00:00Z`, free, mine: false });

let events: ApiRequest[];
let full: boolean;
const view = setupTestRoot();
const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
const $ = (sel: string) => view.host.querySelector(sel) as HTMLElement | null;
const ok = (data: unknown): ApiResponse => ({ ok: true, data, requestId: 'r' });

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetClinicStore();
  // Two days before the session (the page hides sessions already over).
  jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2026-11-23T08:00:00Z'));
  Object.assign(routerParams, { sessionId: SID, profession: 'lawyer' });
  useAppStore.setState({ me: { openid: 'demo-manager-wang', role: 'manager', locale: 'zh-CN', largeText: false } as Me, meStatus: 'ready' });
  events = [];
  full = false;
  __setTransportForTests(async (_name, event) => {
    events.push(event);
    switch (event.action) {
      case 'calendar':
        return ok([session]);
      case 'slots':
        return ok([slot(0, full ? 0 : 1), slot(1, 0)]);
      case 'book':
        full = true; // someone else took the last seat a moment earlier
        return { ok: false, error: { code: 'CLINIC.SESSION_FULL', message: 'full' }, requestId: 'r-full' };
      case 'reschedule':
        return ok({ id: 'b2', sessionId: SID, profession: 'lawyer', slotIndex: (event.data as { slotIndex: number }).slotIndex, status: 'confirmed', startsAt: '2026-11-25T01:00:00Z', endsAt: '2026-11-25T01:30:00Z', can: {} });
      case 'joinWaitlist':
        return ok({ id: 'w1', sessionId: SID, profession: 'lawyer', position: 1, createdAt: '2026-11-23T08:00:00Z' });
      default:
        throw new Error(`unexpected ${event.action}`);
    }
  }, async () => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
  __setTransportForTests(undefined);
});

describe('预约三师 page', () => {
  it('a full session (CLINIC.SESSION_FULL) turns the form into the waitlist offer, which keeps the description', async () => {
    await act(async () => view.root.render(createElement(BookPage)));
    await flush();
    expect($('[data-testid="clinic-book"]')?.getAttribute('data-phase')).toBe('form');
    expect($(`[data-testid="clinic-session-card"][data-session="${SID}"]`)?.getAttribute('data-selected')).toBe('true');
    await act(async () => $('[data-testid="clinic-slot"][data-index="0"]')!.click());
    const text = $('[data-testid="clinic-description"]') as HTMLTextAreaElement;
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
      set.call(text, '员工拒签劳动合同');
      text.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => $('[data-testid="clinic-book-submit"]')!.click());
    await flush();

    const book = events.find((e) => e.action === 'book');
    expect(book).toMatchObject({ data: { sessionId: SID, profession: 'lawyer', slotIndex: 0, description: '员工拒签劳动合同' } });
    expect(book?.idempotencyKey).toBeTruthy();
    // The slots were read again after the refusal: every one is full now, so the waitlist is offered.
    expect(events.filter((e) => e.action === 'slots')).toHaveLength(2);
    expect($('[data-testid="clinic-book"]')?.getAttribute('data-phase')).toBe('waitlist');
    expect($('[data-testid="clinic-waitlist-offer"]')?.textContent).toContain('约满');

    await act(async () => $('[data-testid="clinic-waitlist-join"]')!.click());
    await flush();
    expect(events.find((e) => e.action === 'joinWaitlist')).toMatchObject({ data: { sessionId: SID, profession: 'lawyer', description: '员工拒签劳动合同' } });
    expect($('[data-testid="clinic-book"]')?.getAttribute('data-phase')).toBe('waitlisted');
    expect($('[data-testid="clinic-book-done"]')?.textContent).toContain('第 1 位');
  });

  it('改约 keeps the booking’s profession: only that chip is shown, and the new slot is sent as a reschedule', async () => {
    Object.assign(routerParams, { reschedule: 'b1' });
    try {
      await act(async () => view.root.render(createElement(BookPage)));
      await flush();
      expect(Array.from(view.host.querySelectorAll('[data-testid^="clinic-book-profession-"]')).map((e) => e.getAttribute('data-testid'))).toEqual(['clinic-book-profession-lawyer']);
      expect($('[data-testid="clinic-description"]')).toBeNull();
      await act(async () => $('[data-testid="clinic-slot"][data-index="0"]')!.click());
      await act(async () => $('[data-testid="clinic-book-submit"]')!.click());
      await flush();
      expect(events.find((e) => e.action === 'reschedule')).toMatchObject({ data: { id: 'b1', sessionId: SID, slotIndex: 0 } });
      expect($('[data-testid="clinic-book"]')?.getAttribute('data-phase')).toBe('booked');
    } finally {
      delete routerParams.reschedule;
    }
  });
});
