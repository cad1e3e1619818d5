/**
 * tickets.act keeps its idempotency key on the ticket it writes (policy 'in-document'): a retry
 * finds it there and answers the ticket, writing nothing; the same key with another payload is
 * refused; the same call sent twice at once writes once; a call that ended between its write and
 * its notices has them written by its retry, never twice. The act's notices go out once per person.
 */
import { readSheet } from 'read-excel-file/node';
import type { TicketDetail } from '../../core/api/tickets';
import { docOf, getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { inboxId } from '../../server/modules/notify/notices';
import { afterAct, ticketsRepository, type HistoryDoc, type TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type TestEnv, code } from '../support/harness';

process.env.TICKETS_TEMPLATE_HANDOFF = 'TPL-TICKET-HANDOFF';
process.env.TICKETS_TEMPLATE_UPDATE = 'TPL-TICKET-UPDATE';

const MANAGER = 'demo-manager-wang';
const INSTRUCTOR = 'demo-instructor-huang';
const STAFF = 'demo-staff-zhang';
describe('tickets.act retries (the key kept on the ticket)', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startTestEnv();
    await env.setClock({ now: '2027-03-01T10:00:00+08:00' });
    await env.grantConsent(MANAGER, 'ticketUpdate', 30);
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  const stored = async (id: string) => docOf<TicketDoc>(await getDb().collection(Collections.tickets).doc(id).get())!;
  const submit = () => env.ok<TicketDetail>('tickets', 'submit', { title: '重试计数', description: '重试', category: 'recruiting' }, { as: MANAGER, idempotencyKey: env.key() });
  const accept = (id: string, key: string, note = '已核实') => env.call<TicketDetail>('tickets', 'act', { id, version: 1, act: 'accept', note }, { as: INSTRUCTOR, idempotencyKey: key });
  const updates = async () => (await env.outbox()).filter((m) => m.templateId === 'TPL-TICKET-UPDATE' && m.touser === MANAGER);

  it('a retry answers the ticket and writes nothing; the same key with another payload is refused', async () => {
    const t = await submit();
    const key = env.key();
    const sent = (await updates()).length;
    const first = await accept(t.id, key);
    expect(code(first)).toBe('OK');
    const afterFirst = await stored(t.id);
    expect(afterFirst.version).toBe(2);
    expect(afterFirst.history?.map((h) => h.act)).toEqual(['submit', 'accept']);
    expect(afterFirst.marks).toEqual([expect.objectContaining({ version: 2 })]);
    expect((await updates()).length).toBe(sent + 1);

    const again = await accept(t.id, key);
    expect(again.ok && again.data).toMatchObject({ id: t.id, version: 2, status: 'accepted' });
    const afterRetry = await stored(t.id);
    expect(afterRetry.version).toBe(2);
    expect(afterRetry.history).toHaveLength(2);
    expect(afterRetry.marks).toHaveLength(1);
    // The manager heard of it once.
    expect((await updates()).length).toBe(sent + 1);

    expect(code(await accept(t.id, key, '另一条说明'))).toBe('REQUEST.KEY_REUSED');
    expect((await stored(t.id)).version).toBe(2);
  });

  it('the same call sent twice at once writes once and both get the answer', async () => {
    const t = await submit();
    const key = env.key();
    const [a, b] = await Promise.all([accept(t.id, key), accept(t.id, key)]);
    expect([code(a), code(b)]).toEqual(['OK', 'OK']);
    expect(a.ok && b.ok && [a.data.version, b.data.version]).toEqual([2, 2]);
    const doc = await stored(t.id);
    expect(doc.history?.map((h) => h.version)).toEqual([1, 2]);
    // Each person's item for the act exists once (its _id is the event and the person).
    const item = await getDb().collection(Collections.inbox).doc(inboxId(`ticket:${t.id}:v2:accept`, MANAGER)).get();
    expect(item.data).toHaveLength(1);
  });

  it('a retry writes the notices its first call did not get to, once', async () => {
    const t = await submit();
    const key = env.key();
    expect(code(await accept(t.id, key))).toBe('OK');
    // The first call "ended" between its write and its notices: its items are not there.
    const ids = [STAFF, MANAGER].map((p) => inboxId(`ticket:${t.id}:v2:accept`, p));
    const _ = getDb().command;
    await getDb().collection(Collections.inbox).where({ _id: _.in(ids) }).remove();
    const sent = (await updates()).length;
    expect(code(await accept(t.id, key))).toBe('OK');
    const back = (await getDb().collection(Collections.inbox).where({ _id: _.in(ids) }).get()).data as { openid: string }[];
    expect(back.map((d) => d.openid).sort()).toEqual([MANAGER, STAFF].sort());
    expect((await updates()).length).toBe(sent + 1);
    // A second retry finds them all: nothing written, nothing sent.
    expect(code(await accept(t.id, key))).toBe('OK');
    expect((await updates()).length).toBe(sent + 1);
    expect((await stored(t.id)).history).toHaveLength(2);
  });

  it('after a later act, a retry answers the ticket as it is now and sends no notice again', async () => {
    const t = await submit();
    const key = env.key();
    expect(code(await accept(t.id, key))).toBe('OK');
    const dispatched = await env.call<TicketDetail>('tickets', 'act', { id: t.id, version: 2, act: 'dispatch', leadUnitId: 'unit-hrss' }, { as: STAFF, idempotencyKey: env.key() });
    expect(code(dispatched)).toBe('OK');
    const sent = (await updates()).length;
    const retry = await accept(t.id, key);
    expect(retry.ok && retry.data).toMatchObject({ version: 3, status: 'dispatched' });
    expect((await updates()).length).toBe(sent);
  });

  it("我的数据 lists the person's own timeline entries, kept on the tickets", async () => {
    const t = await submit();
    expect(code(await accept(t.id, env.key()))).toBe('OK');
    const file = await env.ok<{ url: string; counts: Record<string, number> }>('user', 'myData', {}, { as: INSTRUCTOR, idempotencyKey: env.key() });
    expect(file.counts.demandTimeline).toBeGreaterThanOrEqual(1);
    const rows = await readSheet(Buffer.from(await (await fetch(file.url)).arrayBuffer()), 'demandTimeline');
    const entries = rows.slice(1).map((r) => Object.fromEntries(rows[0].map((h, i) => [String(h), r[i]])));
    expect(entries).toContainEqual(expect.objectContaining({ of: t.id, act: 'accept', actorId: INSTRUCTOR }));
    // Only theirs: not the manager's submission on the same ticket.
    expect(entries.every((e) => e.actorId === INSTRUCTOR)).toBe(true);
  });

  it("the ticket as written equals the read with the act applied (the answer when the database gives back no post-image); a stale version writes nothing", async () => {
    const t = await submit();
    const read = await stored(t.id);
    const now = new Date('2027-03-01T02:30:00Z');
    const set: Record<string, unknown> = {
      status: 'accepted',
      acceptedAt: now,
      updatedAt: now,
      sweepAt: null,
      overdue: false,
      evaluation: { rating: 4, comment: '及时' },
      suspensions: [{ from: now, reason: '等待企业补充' }],
      unitNames: [{ id: 'unit-hrss', name: '市人力社保局' }],
      instructorId: undefined,
    };
    const entry: HistoryDoc = { ticketId: t.id, version: 2, at: now, actorId: STAFF, actorRole: 'staff', act: 'accept', from: 'submitted', to: 'accepted' };
    const mark = { id: 'mark-1', payloadHash: 'hash-1', at: now };
    const written = await ticketsRepository.applyAct(read, set, entry, mark);
    const plain = (d: unknown) => JSON.parse(JSON.stringify(d));
    expect(written).toBeDefined();
    expect(plain(afterAct(read, set, entry, mark))).toEqual(plain(written));
    expect(plain(await stored(t.id))).toEqual(plain(written));
    expect(written).not.toHaveProperty('instructorId');
    // Written against the version read: a second write from the same read finds a newer version.
    expect(await ticketsRepository.applyAct(read, set, entry, mark)).toBeUndefined();
  });
});
