import type { ApiResponse } from '@core/api/envelope';
import type { TicketDetail } from '@core/api/tickets';
import { resetTaroMock } from '../../test-support/taro-mock';
import { fail, flush, ok, installFakeTransport } from '../../test-support/fake-transport';
import { ClientErrorCodes } from '../../services/api-error';
import { resetAppStore } from '..';
import { resetTicketsStore, useTicketsStore } from '.';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const { calls, handlers, actions } = installFakeTransport();

const ticket = (over: Partial<TicketDetail> = {}): TicketDetail => ({
  id: 't1',
  number: 'XP-2026-0001',
  title: '环评批复迟迟未下',
  category: 'permit',
  urgency: 'normal',
  status: 'submitted',
  rung: 0,
  submittedAt: '2026-11-23T01:00:00Z',
  overdue: false,
  version: 1,
  description: '新建车间的环评批复已等待两个月。',
  attachments: [],
  assistUnits: [],
  deadlines: { paused: false },
  timeline: [{ version: 1, at: '2026-11-23T01:00:00Z', act: 'submit', actorRole: 'manager', from: null, to: 'submitted' }],
  can: ['accept'],
  ...over,
});

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetTicketsStore();
});

describe('tickets store: acting on a ticket', () => {
  it('sends the version it read with the act, and shows the answer', async () => {
    handlers['tickets.get'] = () => ok(ticket({ version: 3 }));
    handlers['tickets.act'] = () => ok(ticket({ version: 4, status: 'accepted', can: [] }));
    await useTicketsStore.getState().loadDetail('t1');
    const d = await useTicketsStore.getState().act({ act: 'accept', note: '请社区尽快协调' }, 'key-accept');
    expect(d.status).toBe('accepted');
    expect(calls[1].event).toEqual({ action: 'act', idempotencyKey: 'key-accept', data: { id: 't1', version: 3, act: 'accept', note: '请社区尽快协调' } });
    expect(useTicketsStore.getState().detail).toMatchObject({ key: 't1', status: 'ready', data: { version: 4, status: 'accepted' } });
  });

  it("keeps the enterprise's contact it read: an act's answer leaves it out", async () => {
    const contact = { name: '王海燕', phone: '13800000000' };
    handlers['tickets.get'] = () => ok(ticket({ version: 3, enterpriseContact: contact }));
    handlers['tickets.act'] = () => ok(ticket({ version: 4, status: 'accepted', can: [] }));
    await useTicketsStore.getState().loadDetail('t1');
    const d = await useTicketsStore.getState().act({ act: 'accept' }, 'k');
    expect(d).toMatchObject({ version: 4, enterpriseContact: contact });
    expect(useTicketsStore.getState().detail.data).toMatchObject({ version: 4, enterpriseContact: contact });
  });

  it('TICKET.VERSION_CONFLICT: the error reaches the page and the ticket reloads as it is now', async () => {
    handlers['tickets.get'] = [() => ok(ticket({ version: 3 })), () => ok(ticket({ version: 5, status: 'dispatched', can: ['redispatch'] }))];
    handlers['tickets.act'] = () => fail('TICKET.VERSION_CONFLICT');
    await useTicketsStore.getState().loadDetail('t1');
    await expect(useTicketsStore.getState().act({ act: 'accept' }, 'k')).rejects.toMatchObject({ code: 'TICKET.VERSION_CONFLICT' });
    await flush();
    expect(actions()).toEqual(['tickets.get', 'tickets.act', 'tickets.get']);
    expect(useTicketsStore.getState().detail.data).toMatchObject({ version: 5, status: 'dispatched' });
  });

  it('another error does not reload', async () => {
    handlers['tickets.get'] = () => ok(ticket());
    handlers['tickets.act'] = () => fail('TICKET.REASON_REQUIRED');
    await useTicketsStore.getState().loadDetail('t1');
    await expect(useTicketsStore.getState().act({ act: 'return' }, 'k')).rejects.toMatchObject({ code: 'TICKET.REASON_REQUIRED' });
    await flush();
    expect(actions()).toEqual(['tickets.get', 'tickets.act']);
  });

  it('a write retried after a lost answer keeps its idempotency key', async () => {
    handlers['tickets.get'] = () => ok(ticket());
    handlers['tickets.act'] = [
      () => {
        throw Object.assign(new Error('timeout'), { code: ClientErrorCodes.NETWORK });
      },
      () => ok(ticket({ version: 2, status: 'accepted' })),
    ];
    await useTicketsStore.getState().loadDetail('t1');
    await useTicketsStore.getState().act({ act: 'accept' }, 'key-once');
    const writes = calls.filter((c) => c.event.action === 'act');
    expect(writes).toHaveLength(2);
    expect(writes.map((w) => w.event.idempotencyKey)).toEqual(['key-once', 'key-once']);
    expect(writes[1].event.data).toMatchObject({ version: 1 });
  });

  it('the acted ticket is updated in the list too', async () => {
    handlers['tickets.list'] = () => ok({ items: [ticket()] });
    handlers['tickets.get'] = () => ok(ticket());
    handlers['tickets.act'] = () => ok(ticket({ version: 2, status: 'accepted' }));
    await useTicketsStore.getState().loadList();
    await useTicketsStore.getState().loadDetail('t1');
    await useTicketsStore.getState().act({ act: 'accept' }, 'k');
    expect(useTicketsStore.getState().list.items[0]).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('submitting shows the new ticket', async () => {
    handlers['tickets.submit'] = () => ok(ticket());
    await useTicketsStore.getState().submit({ title: '环评批复迟迟未下', description: '等待两个月', category: 'permit', urgency: 'urgent' }, 'key-submit');
    expect(calls[0].event).toMatchObject({ action: 'submit', idempotencyKey: 'key-submit', data: { category: 'permit', urgency: 'urgent' } });
    expect(useTicketsStore.getState().detail).toMatchObject({ key: 't1', status: 'ready' });
  });
});

describe('tickets store: the list', () => {
  it('sends only the filters that say something, and keeps them for the next page', async () => {
    handlers['tickets.list'] = [() => ok({ items: [ticket()], nextCursor: 'c2' }), () => ok({ items: [ticket({ id: 't2' })] })];
    await useTicketsStore.getState().loadList({ status: 'dispatched', overdueOnly: true, rung: 0, category: undefined });
    await useTicketsStore.getState().loadMoreList();
    expect(calls[0].event.data).toEqual({ status: 'dispatched', overdueOnly: true, rung: 0 });
    expect(calls[1].event.data).toEqual({ status: 'dispatched', overdueOnly: true, rung: 0, cursor: 'c2' });
    expect(useTicketsStore.getState().list.items.map((t) => t.id)).toEqual(['t1', 't2']);
  });

  it('no filters: an empty request (overdueOnly false is not sent)', async () => {
    handlers['tickets.list'] = () => ok({ items: [] });
    await useTicketsStore.getState().loadList({ overdueOnly: false });
    expect(calls[0].event.data).toEqual({});
    expect(useTicketsStore.getState().list.status).toBe('ready');
  });

  it('an answer for filters no longer asked for is dropped', async () => {
    let release: (v: ApiResponse) => void = () => undefined;
    handlers['tickets.list'] = [() => new Promise<ApiResponse>((r) => (release = r)), () => ok({ items: [ticket({ id: 'esc', rung: 1 })] })];
    const first = useTicketsStore.getState().loadList({});
    await useTicketsStore.getState().loadList({ rung: 1 });
    release(ok({ items: [ticket({ id: 'stale' })] }));
    await first;
    expect(useTicketsStore.getState().list.items.map((t) => t.id)).toEqual(['esc']);
  });
});

describe('tickets store: the 会诊 agenda', () => {
  it('recording a decision shows the agenda the server answers', async () => {
    handlers['tickets.agenda'] = () => ok({ month: '2026-11', items: [{ ticket: ticket(), reasons: ['overdue'] }], edited: false });
    handlers['tickets.recordDecision'] = () =>
      ok({ month: '2026-11', items: [{ ticket: ticket(), reasons: ['overdue'], decision: { owner: '市人力社保局', deadline: '2026-12-10', note: '月底前约谈', decidedAt: '2026-11-23T02:00:00Z' } }], edited: false });
    await useTicketsStore.getState().loadAgenda('2026-11');
    await useTicketsStore.getState().recordDecision({ month: '2026-11', ticketId: 't1', owner: '市人力社保局', deadline: '2026-12-10', note: '月底前约谈' }, 'k');
    expect(useTicketsStore.getState().agenda.data?.items[0].decision?.owner).toBe('市人力社保局');
  });

  const item = (id: string) => ({ ticket: ticket({ id }), reasons: ['escalated' as const] });

  it('loads more: the next page after the cursor is appended, and the last page ends it', async () => {
    handlers['tickets.agenda'] = [
      () => ok({ month: '2026-11', items: [item('a'), item('b')], edited: false, nextCursor: 'c1' }),
      () => ok({ month: '2026-11', items: [item('c')], edited: false }),
    ];
    await useTicketsStore.getState().loadAgenda('2026-11');
    await useTicketsStore.getState().loadMoreAgenda();
    expect(calls.map((c) => c.event)).toEqual([
      { action: 'agenda', data: { month: '2026-11' } },
      { action: 'agenda', data: { month: '2026-11', cursor: 'c1' } },
    ]);
    const a = useTicketsStore.getState().agenda;
    expect(a.data?.items.map((i) => i.ticket.id)).toEqual(['a', 'b', 'c']);
    expect(a.data?.nextCursor).toBeUndefined();
    // Nothing more to read: no request.
    await useTicketsStore.getState().loadMoreAgenda();
    expect(calls).toHaveLength(2);
  });

  it('an edit’s answer (the first page) replaces the pages on screen, and a page still on its way is dropped', async () => {
    let release: (v: ApiResponse) => void = () => undefined;
    handlers['tickets.agenda'] = [() => ok({ month: '2026-11', items: [item('a')], edited: false, nextCursor: 'c1' }), () => new Promise<ApiResponse>((r) => (release = r))];
    handlers['tickets.editAgenda'] = () => ok({ month: '2026-11', items: [{ ...item('x'), added: true }, item('a')], edited: true, nextCursor: 'c2' });
    await useTicketsStore.getState().loadAgenda('2026-11');
    const more = useTicketsStore.getState().loadMoreAgenda();
    expect(useTicketsStore.getState().agenda.loadingMore).toBe(true);
    await useTicketsStore.getState().editAgenda({ month: '2026-11', add: ['x'] }, 'k');
    release(ok({ month: '2026-11', items: [item('stale')], edited: false }));
    await more;
    const a = useTicketsStore.getState().agenda;
    expect(a).toMatchObject({ key: '2026-11', status: 'ready', loadingMore: false, data: { edited: true, nextCursor: 'c2' } });
    expect(a.data?.items.map((i) => i.ticket.id)).toEqual(['x', 'a']);
  });

  it('a decision on a later page keeps the pages on screen and shows it on its item', async () => {
    handlers['tickets.agenda'] = [() => ok({ month: '2026-11', items: [item('a')], edited: false, nextCursor: 'c1' }), () => ok({ month: '2026-11', items: [item('b')], edited: false })];
    // The answer is the first page, which does not hold 'b'.
    handlers['tickets.recordDecision'] = () => ok({ month: '2026-11', items: [item('a')], edited: false, nextCursor: 'c1' });
    await useTicketsStore.getState().loadAgenda('2026-11');
    await useTicketsStore.getState().loadMoreAgenda();
    await useTicketsStore.getState().recordDecision({ month: '2026-11', ticketId: 'b', owner: '经信局', deadline: '2026-12-20', note: '牵头协调' }, 'k');
    const a = useTicketsStore.getState().agenda;
    expect(a.data?.items.map((i) => i.ticket.id)).toEqual(['a', 'b']);
    expect(a.data?.items[1].decision).toMatchObject({ owner: '经信局', deadline: '2026-12-20', note: '牵头协调' });
    expect(a.data?.nextCursor).toBeUndefined();
  });

  it('a failed next page keeps the pages on screen and says why', async () => {
    handlers['tickets.agenda'] = [() => ok({ month: '2026-11', items: [item('a')], edited: false, nextCursor: 'c1' }), () => fail('INTERNAL')];
    await useTicketsStore.getState().loadAgenda('2026-11');
    await useTicketsStore.getState().loadMoreAgenda();
    const a = useTicketsStore.getState().agenda;
    expect(a).toMatchObject({ status: 'ready', loadingMore: false, error: { code: 'INTERNAL' } });
    expect(a.data?.items.map((i) => i.ticket.id)).toEqual(['a']);
  });
});
