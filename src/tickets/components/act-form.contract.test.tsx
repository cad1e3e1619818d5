/**
 * Every act form against the server: for each act the detail page offers, fill the form as a
 * user would, confirm, and check the payload the page sends (1) parses with the `tickets.act`
 * input schema the server validates with, and (2) passes the pure machine's input checks
 * (REASON_REQUIRED, NOTE_REQUIRED, UNIT_REQUIRED …). 改派 once sent its text as `note` while the
 * machine required `reason`: now (1) refuses that payload too (the input is a union by act), and the
 * app's types refuse to build it (src/services/api/client.types.ts).
 */
import { act, createElement } from 'react';
import type { ApiRequest, ApiResponse } from '@core/api/envelope';
import type { TicketDetail } from '@core/api/tickets';
import type { Me } from '@core/api/user';
import { ActText, TicketActs, TicketTransitions, transition, type Ticket, type TicketAct, type TicketActor } from '@core/rules/ticket-machine';
import { __setTransportForTests } from '../../services/call-function';
import { resetAppStore, useAppStore } from '../../store';
import { resetTicketsStore } from '../../store/tickets';
import { resetTaroMock } from '../../test-support/taro-mock';
import DetailPage from '../pages/detail/index';
import { ticketsContract } from '@core/contract/tickets';
import { useTestRoot } from '../../test-support/test-root';

jest.mock('@tarojs/components', () => require('../../test-support/components-mock'));
jest.mock('@tarojs/taro', () => {
  const mock = require('../../test-support/taro-mock').taroMock;
  const { useEffect } = require('react');
  return { __esModule: true, default: mock, useLoad: (cb: (q: Record<string, string>) => void) => useEffect(() => cb({ id: 't1' }), []), useDidShow: () => undefined, useRouter: () => ({ path: '/tickets/pages/detail/index', params: { id: 't1' } }) };
});

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The schema the server validates with: the contract's (core/contract/tickets.ts).
const actSchema = ticketsContract.actions.act.input;

/** The acts the detail page opens a form for (评价 is the rate page). */
const FORM_ACTS = TicketActs.filter((a) => a !== 'evaluate');

const detail = (can: TicketAct[]): TicketDetail => ({
  id: 't1',
  number: 'XP-2026-0001',
  title: '冲压车间急需招聘普工',
  category: 'recruiting',
  urgency: 'normal',
  status: 'dispatched',
  rung: 0,
  submittedAt: '2026-11-23T01:00:00Z',
  overdue: false,
  version: 3,
  description: '缺普工20名。',
  attachments: [],
  assistUnits: [],
  deadlines: { paused: false },
  timeline: [],
  can,
});

/** A ticket and an actor for which the machine's role, status and ownership checks pass, so only the input decides. */
function machineCase(a: TicketAct): { ticket: Ticket; actor: TicketActor } {
  const rule = TicketTransitions[a];
  const role = rule.roles.find((r) => r !== 'system')!;
  const status = Object.keys(rule.from)[0] as Ticket['status'];
  const now = new Date('2026-11-23T02:00:00Z');
  return {
    ticket: { id: 't1', status, version: 3, communityId: 'c1', enterpriseId: 'e1', category: 'recruiting', urgency: 'normal', instructorId: 'i1', leadUnitId: 'u1', assistUnitIds: [], rung: 0, rungReachedAt: now, submittedAt: now, suspendedFrom: 'signed' },
    actor: { id: role === 'instructor' ? 'i1' : 'x1', role, communityId: 'c1', unitId: 'u1', enterpriseId: 'e1' },
  };
}

let events: ApiRequest[];
const view = useTestRoot();
const ok = (data: unknown): ApiResponse => ({ ok: true, data, requestId: 'r' });
const $ = (sel: string) => view.host.querySelector(sel) as HTMLElement | null;
const flush = () =>
  act(async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  });
const type = async (testId: string, value: string) => {
  const el = $(`[data-testid="${testId}"]`) as HTMLInputElement | HTMLTextAreaElement;
  await act(async () => {
    Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!.call(el, value);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
};
const click = (testId: string) => act(async () => $(`[data-testid="${testId}"]`)!.click());

let modals: string[];
beforeEach(() => {
  resetTaroMock();
  // 关闭, 并单 and 升级 ask once more (they cannot be taken back): the user confirms.
  modals = [];
  const taro = require('../../test-support/taro-mock').taroMock as { showModal?: (o: { content: string }) => Promise<{ confirm: boolean }> };
  taro.showModal = (o) => {
    modals.push(o.content);
    return Promise.resolve({ confirm: true });
  };
  resetAppStore();
  resetTicketsStore();
  useAppStore.setState({ me: { openid: 'demo-staff-zhang', role: 'staff', locale: 'zh-CN', largeText: false } as Me, meStatus: 'ready' });
  events = [];
});

afterEach(() => {
  __setTransportForTests(undefined);
});

describe('each act form sends what the server and the machine accept', () => {
  it('the form reads the machine: every act has a text rule', () => {
    expect(Object.keys(ActText).sort()).toEqual([...TicketActs].sort());
  });

  it.each(FORM_ACTS)('%s', async (a) => {
    __setTransportForTests(async (_name, event) => {
      events.push(event);
      if (event.action === 'get') return ok(detail([a]));
      if (event.action === 'units') return ok([{ id: 'u1', name: '市人力社保局' }, { id: 'u2', name: '市场监管局' }]);
      if (event.action === 'catalogue') return ok([]);
      if (event.action === 'act') return ok(detail([]));
      throw new Error(`unexpected ${event.action}`);
    }, async () => undefined);
    await act(async () => view.root.render(createElement(DetailPage)));
    await flush();
    await click(`ticket-act-${a}`);
    await flush();
    // Fill what the form shows, as a user would.
    if ($('[data-testid="ticket-act-unit-u1"]')) await click('ticket-act-unit-u1');
    if ($('[data-testid="ticket-act-target"]')) await type('ticket-act-target', 'XP-2026-0002');
    await type('ticket-act-note', '已与企业沟通');
    await click('ticket-act-confirm');
    await flush();

    const sent = events.find((e) => e.action === 'act');
    expect(sent).toBeDefined();
    expect(modals).toHaveLength(['close', 'merge', 'escalate'].includes(a) ? 1 : 0);
    const data = sent!.data as Record<string, unknown>;
    const parsed = actSchema.safeParse(data);
    expect(parsed.error).toBeUndefined();
    expect(parsed.success).toBe(true);

    const { ticket, actor } = machineCase(a);
    const target = data.targetId ? { id: String(data.targetId), status: 'accepted' as const, communityId: 'c1' } : undefined;
    const result = transition(ticket, a, actor, new Date('2026-11-23T03:00:00Z'), { ...data, target });
    expect(result).toMatchObject({ ok: true });

    // The field the machine requires also refuses the form left blank (the form says so by marking it required).
    const spec = ActText[a];
    if (spec.required) {
      const blank = transition(ticket, a, actor, new Date('2026-11-23T03:00:00Z'), { ...data, [spec.field]: '' });
      expect(blank).toMatchObject({ ok: false });
    }
  });
});
