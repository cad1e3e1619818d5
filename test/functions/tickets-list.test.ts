/**
 * The ticket list reads a page, not the history (issue 19 #2): every filter (status, rung,
 * category, overdue) is a condition of the query and the page continues from an opaque cursor
 * (the last row's submittedAt and _id). A walk from the first page to the last returns every
 * matching ticket exactly once, in order, ties on submittedAt included; a filter matching only
 * old tickets behind more than a thousand newer ones still finds them (a list that read the
 * newest 1,000 and filtered in memory answered nothing); `overdue` is kept on the ticket by the
 * sweep and cleared by an act.
 */
import type { Page } from '../../core/api/admin';
import type { TicketDetail, TicketSummary } from '../../core/api/tickets';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import type { TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type TestEnv } from '../support/harness';

const COMMUNITY = 'listtest';
const PINNED = '2027-03-01T10:00:00+08:00';
const STATUSES = ['submitted', 'accepted', 'dispatched', 'in_progress', 'closed'] as const;
const CATEGORIES = ['permit', 'recruiting', 'utilities', 'finance'] as const;

describe('tickets.list: filtered queries, cursor pages', () => {
  let env: TestEnv;
  let staff: string;
  let manager: string;
  let base: TicketDoc;
  const made: TicketDoc[] = [];

  beforeAll(async () => {
    env = await startTestEnv();
    await env.setClock({ now: PINNED });
    await getDb().collection(Collections.communities).add({ _id: COMMUNITY, name: '列表测试社区', createdAt: new Date() });
    staff = await env.makeUser('staff', { communityId: COMMUNITY });
    manager = await env.makeUser('manager', { communityId: COMMUNITY });
    await getDb().collection(Collections.memberUnits).add({ _id: 'unit-listtest', communityId: COMMUNITY, name: '列表测试成员单位' });
    const first = await env.ok<TicketDetail>('tickets', 'submit', { title: '列表样本', description: '样本', category: 'permit' }, { as: manager, idempotencyKey: env.key() });
    base = (await getDb().collection(Collections.tickets).doc(first.id).get()).data[0] as TicketDoc;
    made.push(base);
    // 60 more, three to a submittedAt (ties), every combination of the filters represented.
    const t0 = new Date(base.submittedAt).getTime();
    for (let i = 0; i < 60; i++) {
      made.push({
        ...base,
        _id: `${base._id}-l${String(i).padStart(3, '0')}`,
        number: `${base.number}-l${i}`,
        status: STATUSES[i % STATUSES.length],
        rung: (i % 3) as 0 | 1 | 2,
        category: CATEGORIES[i % CATEGORIES.length],
        overdue: i % 4 === 0 && STATUSES[i % STATUSES.length] !== 'closed',
        submittedAt: new Date(t0 - (Math.floor(i / 3) + 1) * 60_000),
        sweepAt: null,
      });
    }
    await getDb().collection(Collections.tickets).add(made.slice(1));
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  async function walk(as: string, filters: Record<string, unknown>): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await env.ok<Page<TicketSummary>>('tickets', 'list', { ...filters, ...(cursor ? { cursor } : {}) }, { as });
      expect(page.items.length).toBeLessThanOrEqual(20);
      ids.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
      if (pages > 50) throw new Error('the cursor never ends');
    } while (cursor);
    return { ids, pages };
  }

  /** The expected order: newest first, then _id descending. */
  const expected = (pred: (d: TicketDoc) => boolean) =>
    made
      .filter(pred)
      .sort((a, b) => new Date(b.submittedAt).getTime() - new Date(a.submittedAt).getTime() || (a._id < b._id ? 1 : -1))
      .map((d) => d._id);

  it('walks every ticket of the community exactly once, in order, across pages and ties', async () => {
    const { ids, pages } = await walk(staff, {});
    expect(pages).toBe(Math.ceil(made.length / 20));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expected(() => true));
    // The manager sees the same tickets (their enterprise's), the same way.
    expect((await walk(manager, {})).ids).toEqual(expected(() => true));
  });

  it.each([
    ['status', { status: 'dispatched' }, (d: TicketDoc) => d.status === 'dispatched'],
    ['rung', { rung: 2 }, (d: TicketDoc) => d.rung === 2],
    ['category', { category: 'utilities' }, (d: TicketDoc) => d.category === 'utilities'],
    ['overdueOnly', { overdueOnly: true }, (d: TicketDoc) => d.overdue === true],
    ['all of them', { status: 'submitted', rung: 0, category: 'permit', overdueOnly: true }, (d: TicketDoc) => d.status === 'submitted' && d.rung === 0 && d.category === 'permit' && d.overdue === true],
  ])('answers the %s filter from the query, each match once', async (_name, filters, pred) => {
    const want = expected(pred);
    expect(want.length).toBeGreaterThan(0);
    const { ids } = await walk(staff, filters);
    expect(ids).toEqual(want);
  });

  it('refuses a cursor it did not make', async () => {
    const res = await env.call('tickets', 'list', { cursor: 'not-a-cursor' }, { as: staff });
    expect(res.ok ? 'OK' : res.error.code).toBe('INPUT.INVALID');
  });

  it('finds old matches behind more than a thousand newer tickets (no read-then-filter)', async () => {
    const t0 = new Date(base.submittedAt).getTime();
    const newer = Array.from({ length: 1100 }, (_, i) => ({
      ...base,
      _id: `${base._id}-n${String(i).padStart(4, '0')}`,
      number: `${base.number}-n${i}`,
      status: 'closed',
      category: 'permit',
      overdue: false,
      sweepAt: null,
      submittedAt: new Date(t0 + (i + 1) * 1000),
    }));
    for (let i = 0; i < newer.length; i += 200) await getDb().collection(Collections.tickets).add(newer.slice(i, i + 200));
    made.push(...(newer as TicketDoc[]));
    const { ids } = await walk(staff, { category: 'finance' });
    expect(ids).toEqual(expected((d) => d.category === 'finance'));
    expect(ids.length).toBe(15);
  });

  it('keeps `overdue` on the ticket: the sweep sets it when a deadline passes, an act clears it', async () => {
    const t = await env.ok<TicketDetail>('tickets', 'submit', { title: '逾期样本', description: '样本', category: 'legal' }, { as: manager, idempotencyKey: env.key() });
    await env.ok('tickets', 'act', { id: t.id, version: t.version, act: 'accept' }, { as: staff, idempotencyKey: env.key() });
    const dispatched = await env.ok<TicketDetail>('tickets', 'act', { id: t.id, version: t.version + 1, act: 'dispatch', leadUnitId: 'unit-listtest' }, { as: staff, idempotencyKey: env.key() });
    await env.fireTimer('tickets', 'sweep');
    const overdueIds = async () => (await walk(staff, { overdueOnly: true, category: 'legal' })).ids;
    expect(await overdueIds()).toEqual([]);
    // Past the sign deadline: the sweep flags it, and the list's query finds it.
    await env.setClock({ now: new Date(new Date(dispatched.deadlines.sign!).getTime() + 60_000).toISOString() });
    await env.fireTimer('tickets', 'sweep');
    expect(await overdueIds()).toEqual([t.id]);
    expect(((await getDb().collection(Collections.tickets).doc(t.id).get()).data[0] as TicketDoc).overdue).toBe(true);
    // The unit signs: that deadline is met, the act clears the flag.
    const unit = await env.makeUser('unit', { communityId: COMMUNITY, unitId: 'unit-listtest' });
    await env.ok('tickets', 'act', { id: t.id, version: dispatched.version, act: 'sign' }, { as: unit, idempotencyKey: env.key() });
    expect(await overdueIds()).toEqual([]);
    await env.setClock({ now: PINNED });
  });
});
