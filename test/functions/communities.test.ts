/**
 * One CloudBase environment may serve several communities (a district). Every document carries
 * its community, and the staff of one community never see or touch another's: lists come back
 * without the other's items and reads by id answer NOT_FOUND, as if the item did not exist.
 */
import type { Dashboard, DistrictOverview } from '../../core/api/console';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, type TestEnv } from '../support/harness';

const OTHER = 'xinbu';

describe('communities are isolated', () => {
  let env: TestEnv;
  let otherStaff: string;
  let otherAdmin: string;
  let ticketId: string;
  let questionId: string;

  beforeAll(async () => {
    env = await startTestEnv();
    await getDb().collection(Collections.communities).add({ _id: OTHER, name: '新埭工业社区', nameEn: 'Xindai Industrial Community', createdAt: new Date() });
    otherStaff = await env.makeUser('staff', { communityId: OTHER });
    otherAdmin = await env.makeUser('admin', { communityId: OTHER });
    // Activity in the demo community (兴平).
    const manager = await env.makeUser('manager');
    ticketId = (await env.ok<{ id: string }>('tickets', 'submit', { title: '厂房消防验收', description: '验收排期太晚，影响投产。', category: 'permit' }, { as: manager, idempotencyKey: env.key() })).id;
    const worker = await env.makeUser('worker');
    questionId = (await env.ok<{ id: string }>('qa', 'ask', { title: '加班费怎么算', description: '周末加班公司只给调休。', category: 'hr' }, { as: worker, idempotencyKey: env.key() })).id;
  });
  afterAll(() => env.close());

  const code = async (fn: string, action: string, data: unknown, as: string) => {
    const res = await env.call(fn, action, data, { as, idempotencyKey: env.key() });
    return res.ok ? 'OK' : res.error.code;
  };

  it('lists hold none of the other community’s enterprises, people, demands or questions', async () => {
    const ents = await env.ok<{ items: Array<{ id: string }> }>('admin', 'listEnterprises', {}, { as: otherStaff });
    expect(ents.items).toEqual([]);
    const users = await env.ok<{ items: Array<{ openid: string }> }>('admin', 'listUsers', {}, { as: otherStaff });
    expect(users.items.map((u) => u.openid).sort()).toEqual([otherAdmin, otherStaff].sort());
    expect((await env.ok<{ items: unknown[] }>('tickets', 'list', {}, { as: otherStaff })).items).toEqual([]);
    expect((await env.ok<{ items: unknown[] }>('qa', 'queue', {}, { as: otherStaff })).items).toEqual([]);
    expect((await env.ok<{ items: unknown[] }>('admin', 'listAudit', {}, { as: otherStaff })).items).toEqual([]);
    expect((await env.ok<{ items: unknown[] }>('admin', 'listEntryCodes', {}, { as: otherStaff })).items).toEqual([]);
  });

  it('reads and acts by id answer NOT_FOUND, and write nothing', async () => {
    const before = await env.counts();
    expect(await code('tickets', 'get', { id: ticketId }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('tickets', 'act', { id: ticketId, version: 1, act: 'accept' }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('qa', 'get', { id: questionId }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('qa', 'claim', { id: questionId }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('admin', 'issueInvite', { enterpriseId: 'ent-yongsen' }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('admin', 'reviewVolunteer', { openid: 'demo-lawyer-chen', approve: false }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('admin', 'setRole', { openid: 'demo-staff-zhang', role: 'worker' }, otherAdmin)).toBe('NOT_FOUND');
    expect(await env.counts()).toEqual(before);
  });

  it('a district supervisor reads every community’s figures; staff only their own', async () => {
    const district = await env.makeUser('district');
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const overview = await env.ok<DistrictOverview>('admin', 'districtOverview', period, { as: district });
    expect(overview.communities.map((c) => c.communityId)).toEqual([OTHER, 'xingping']);
    const [xinbu, xingping] = overview.communities;
    // Each row is that community's own dashboard, reduced; the other community is empty.
    const board = await env.ok<Dashboard>('admin', 'dashboard', { ...period, communityId: 'xingping' }, { as: district });
    expect(xingping).toMatchObject({ name: '兴平工业社区', questions: board.questions.total, tickets: board.tickets.total, overdue: board.tickets.overdue, evaluations: board.satisfaction.count });
    expect(xingping.questions).toBeGreaterThan(0);
    expect(xinbu).toMatchObject({ name: '新埭工业社区', questions: 0, tickets: 0, open: 0, evaluations: 0, requestsResolved: 0 });
    expect(overview.totals).toMatchObject({ questions: xingping.questions, tickets: xingping.tickets, evaluations: xingping.evaluations });
    // The same dashboard as the community's own staff see.
    expect(await env.ok<Dashboard>('admin', 'dashboard', period, { as: 'demo-staff-zhang' })).toMatchObject({ questions: board.questions, tickets: board.tickets });
    expect(await env.ok<Dashboard>('admin', 'dashboard', { ...period, communityId: OTHER }, { as: district })).toMatchObject({ questions: { total: 0 } });
    expect((await env.ok<{ items: unknown[] }>('admin', 'problemList', { ...period, communityId: 'xingping' }, { as: district })).items.length).toBeGreaterThan(0);

    expect(await code('admin', 'dashboard', period, district)).toBe('INPUT.INVALID');
    expect(await code('admin', 'dashboard', { ...period, communityId: 'nowhere' }, district)).toBe('NOT_FOUND');
    expect(await code('admin', 'dashboard', { ...period, communityId: 'xingping' }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('admin', 'problemList', { ...period, communityId: 'xingping' }, otherStaff)).toBe('NOT_FOUND');
    expect(await code('admin', 'districtOverview', period, 'demo-staff-zhang')).toBe('AUTH.FORBIDDEN');
    // Read-only: a district supervisor handles no community's cases.
    expect(await code('tickets', 'get', { id: ticketId }, district)).toBe('AUTH.FORBIDDEN');
    expect(await code('admin', 'recordVisit', { enterpriseId: 'ent-yongsen', date: '2026-11-02', met: '陈总', topics: ['用工'] }, district)).toBe('AUTH.FORBIDDEN');
  });

  it('the demo community’s own staff still see their demand and question', async () => {
    expect(await code('tickets', 'get', { id: ticketId }, 'demo-staff-zhang')).toBe('OK');
    expect(await code('qa', 'get', { id: questionId }, 'demo-staff-zhang')).toBe('OK');
  });
});
