/**
 * An enterprise's assigned liaison instructor (党建指导员): staff assign one in the master data;
 * the enterprise's new demands go to them alone, and only they (of the instructors) pass them on.
 */
import type { Enterprise } from '../../core/api/admin';
import type { TicketDetail } from '../../core/api/tickets';
import { startTestEnv, type TestEnv, code } from '../support/harness';

process.env.TICKETS_TEMPLATE_HANDOFF = 'TPL-INSTRUCTOR-HANDOFF';

describe('an enterprise’s assigned instructor', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
  });
  afterAll(() => env.close());

    const handoffsTo = async (openid: string) => {
    const res = await fetch(`${env.emulator.url}/__emulator/outbox?touser=${openid}`);
    return ((await res.json()) as { messages: Array<{ templateId: string }> }).messages.filter((m) => m.templateId === 'TPL-INSTRUCTOR-HANDOFF');
  };

  it('receives the enterprise’s demands and alone passes them on; staff assign and unassign', async () => {
    const assigned = await env.makeUser('instructor');
    const other = await env.makeUser('instructor');
    for (const i of [assigned, other]) await env.grantConsent(i, 'ticketHandoff', 2);
    const manager = await env.makeUser('manager', { enterpriseId: 'ent-huaxin' });
    const set = (instructorOpenid: string) => env.call<Enterprise>('admin', 'updateEnterprise', { id: 'ent-huaxin', instructorOpenid }, { as: 'demo-staff-zhang', idempotencyKey: env.key() });

    // Only an instructor of the community can be assigned.
    expect(code(await set(await env.makeUser('worker')))).toBe('INPUT.INVALID');
    expect(code(await set(await env.makeUser('instructor', { communityId: 'elsewhere' })))).toBe('INPUT.INVALID');
    const ent = await set(assigned);
    expect(ent.ok && ent.data.instructorOpenid).toBe(assigned);
    const listed = await env.ok<{ items: Enterprise[] }>('admin', 'listEnterprises', { keyword: '华信' }, { as: 'demo-staff-zhang' });
    expect(listed.items.find((e) => e.id === 'ent-huaxin')?.instructorOpenid).toBe(assigned);

    const t = await env.ok<TicketDetail>('tickets', 'submit', { title: '镀膜车间扩产用地', description: '需要新增 20 亩工业用地。', category: 'land' }, { as: manager, idempotencyKey: env.key() });
    expect(await handoffsTo(assigned)).toHaveLength(1);
    expect(await handoffsTo(other)).toHaveLength(0);
    expect(code(await env.call('tickets', 'act', { id: t.id, version: t.version, act: 'accept', note: '我来' }, { as: other, idempotencyKey: env.key() }))).toBe('TICKET.NOT_YOURS');
    const accepted = await env.ok<TicketDetail>('tickets', 'act', { id: t.id, version: t.version, act: 'accept', note: '已核实' }, { as: assigned, idempotencyKey: env.key() });
    expect(accepted.status).toBe('accepted');

    // Unassigned: the next demand goes to every instructor again.
    const cleared = await set('');
    expect(cleared.ok && cleared.data.instructorOpenid).toBeUndefined();
    await env.ok('tickets', 'submit', { title: '封装车间用电增容', description: '新产线需要增容 500 kVA。', category: 'utilities' }, { as: manager, idempotencyKey: env.key() });
    expect(await handoffsTo(other)).toHaveLength(1);
  });
});
