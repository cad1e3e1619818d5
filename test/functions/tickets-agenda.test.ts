/**
 * 每月一会诊 read a page at a time, through the emulator (strict indexes), the real SDK and the
 * real bundle: the pages together are exactly the draft agendaFor builds from every ticket of the
 * community, in its order; acts that escalate or return a ticket move it; the sweep puts a ticket
 * on the agenda once its resolution deadline passed; tickets staff removed stay off every page,
 * added ones come first; another community's tickets never show; the backfill sets the key on
 * tickets written without one. The clock is pinned to March 2027 and reset after.
 */
import type { AgendaView, TicketDetail } from '../../core/api/tickets';
import { agendaFor } from '../../core/rules/ticket-escalation';
import type { WorkingCalendar } from '../../core/rules/working-days';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { bookOf, readArrangements, readHolidayOverrides, type CalendarBook } from '../../server/platform/holiday-calendar';
import { backfillAgendaKeys } from '../../server/modules/tickets';
import { toTicket, type TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { startTestEnv, type TestEnv, code } from '../support/harness';

const MANAGER = 'demo-manager-wang';
const STAFF = 'demo-staff-zhang';
const UNIT = 'demo-unit-hr';
const C = 'xingping';
const MONTH = '2027-03';
const PAGE = 20;

describe('the 会诊 agenda, a page at a time', () => {
  let env: TestEnv;
  let book: CalendarBook;
  let cal: WorkingCalendar;
  let now = new Date('2027-03-01T10:00:00+08:00');
  beforeAll(async () => {
    env = await startTestEnv();
    await env.setClock({ now: now.toISOString() });
    book = bookOf(await readHolidayOverrides([2026, 2027]), await readArrangements([2026, 2027]));
    cal = book.for(C);
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  const okWrite = <T>(as: string, action: string, data: unknown) => env.ok<T>('tickets', action, data, { as, idempotencyKey: env.key() });
  const submit = (urgency: string, title = '用工缺口') => okWrite<TicketDetail>(MANAGER, 'submit', { title, description: '冲压车间缺普工，希望对接招聘会。', category: 'recruiting', urgency });
  async function act(as: string, id: string, a: string, extra: Record<string, unknown> = {}): Promise<TicketDetail> {
    const t = await env.ok<TicketDetail>('tickets', 'get', { id }, { as: STAFF });
    return okWrite<TicketDetail>(as, 'act', { id, version: t.version, act: a, ...extra });
  }
  const page = (cursor?: string) => env.ok<AgendaView>('tickets', 'agenda', cursor ? { month: MONTH, cursor } : { month: MONTH }, { as: STAFF });
  /** Every page, in order; checks no page is longer than the added ones plus a page. */
  async function all(): Promise<{ ids: string[]; pages: AgendaView[] }> {
    const pages: AgendaView[] = [];
    let cursor: string | undefined;
    do {
      const p = await page(cursor);
      pages.push(p);
      cursor = p.nextCursor;
    } while (cursor && pages.length < 50);
    for (const [i, p] of pages.entries()) {
      expect(p.items.filter((x) => !x.added).length).toBeLessThanOrEqual(PAGE);
      if (i > 0) expect(p.items.some((x) => x.added)).toBe(false);
    }
    return { ids: pages.flatMap((p) => p.items.map((x) => x.ticket.id)), pages };
  }
  /** The draft agendaFor builds at `now` from every ticket of the community, as stored. */
  async function expected(except: string[] = []): Promise<Array<[string, string[]]>> {
    const rows = (await getDb().collection(Collections.tickets).where({ communityId: C }).limit(1000).get()).data as TicketDoc[];
    return agendaFor(MONTH, rows.map(toTicket), now, cal)
      .items.filter((i) => !except.includes(i.ticketId))
      .map((i) => [i.ticketId, i.reasons]);
  }
  const withReasons = (p: AgendaView[]) => p.flatMap((x) => x.items.filter((i) => !i.added).map((i): [string, string[]] => [i.ticket.id, i.reasons]));

  it('the backfill sets the key on open tickets written without one (the demo seed’s, an import)', async () => {
    // Written straight to the database before the key existed: escalated, so on the draft once it has its key.
    const t = await submit('urgent', '旧数据');
    await act(STAFF, t.id, 'escalate');
    const _ = getDb().command;
    await getDb().collection(Collections.tickets).doc(t.id).update({ agendaKey: _.remove() });
    expect((await all()).ids).not.toContain(t.id);
    const set = await backfillAgendaKeys(C, now, book);
    expect(set).toBeGreaterThanOrEqual(1);
    expect((await all()).ids).toContain(t.id);
    // Run again: nothing left to set.
    expect(await backfillAgendaKeys(C, now, book)).toBe(0);
  });

  it('pages across the draft give exactly the draft agendaFor builds, in its order, each page at most a page long', async () => {
    // 42 tickets of one day: urgencies in turn, most escalated (some twice), some plain (off the draft).
    for (let i = 0; i < 42; i++) {
      const t = await submit(['normal', 'urgent', 'critical'][i % 3]);
      if (i % 7 === 6) continue;
      await act(STAFF, t.id, 'escalate');
      if (i % 5 === 0) await act(STAFF, t.id, 'escalate');
    }
    const { ids, pages } = await all();
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[pages.length - 1].nextCursor).toBeUndefined();
    expect(new Set(ids).size).toBe(ids.length);
    expect(withReasons(pages)).toEqual(await expected());
  });

  it('an act that escalates or returns a ticket moves it on the agenda', async () => {
    const bounced = await submit('normal', '两次退单');
    await act(STAFF, bounced.id, 'accept');
    expect((await all()).ids).not.toContain(bounced.id);
    for (let i = 0; i < 2; i++) {
      await act(STAFF, bounced.id, 'dispatch', { leadUnitId: 'unit-hrss' });
      await act(UNIT, bounced.id, 'return', { reason: `不属本单位职责 ${i + 1}` });
    }
    let got = await all();
    expect(got.pages.flatMap((p) => p.items).find((i) => i.ticket.id === bounced.id)?.reasons).toEqual(['returned']);
    const before = got.ids.indexOf(bounced.id);
    await act(STAFF, bounced.id, 'escalate');
    got = await all();
    // Escalated now: it moves up among the rung-1 tickets, with two reasons.
    expect(got.ids.indexOf(bounced.id)).toBeLessThan(before);
    expect(got.pages.flatMap((p) => p.items).find((i) => i.ticket.id === bounced.id)?.reasons).toEqual(['escalated', 'returned']);
    expect(withReasons(got.pages)).toEqual(await expected());
    // Finished: off the draft.
    await act(STAFF, bounced.id, 'dispatch', { leadUnitId: 'unit-hrss' });
    await act(UNIT, bounced.id, 'sign');
    await act(UNIT, bounced.id, 'resolve', { note: '已办结' });
    expect((await all()).ids).not.toContain(bounced.id);
  });

  it('removed tickets stay off every page, added ones come first; another community’s never show', async () => {
    const { ids } = await all();
    const gone = [ids[0], ids[PAGE + 1]];
    const plain = await submit('normal', '会上议一议');
    // Another community's ticket with the very first key there is.
    const elsewhere = { ...((await getDb().collection(Collections.tickets).doc(ids[0]).get()).data[0] as TicketDoc), communityId: 'elsewhere', agendaKey: '000.2000-01-01T00:00:00.000Z.aaa' };
    const { _id: _omit, ...rest } = elsewhere;
    await getDb().collection(Collections.tickets).add({ ...rest, _id: 'tk-elsewhere', number: 'EW-2027-0001' });

    const edited = await okWrite<AgendaView>(STAFF, 'editAgenda', { month: MONTH, add: [plain.id], remove: gone });
    expect(edited.edited).toBe(true);
    expect(edited.items[0]).toMatchObject({ ticket: { id: plain.id }, added: true, reasons: [] });
    const got = await all();
    expect(got.ids[0]).toBe(plain.id);
    expect(got.ids).not.toContain('tk-elsewhere');
    for (const id of gone) expect(got.ids).not.toContain(id);
    expect(got.ids.slice(1)).toEqual((await expected([...gone, 'tk-elsewhere'])).map(([id]) => id));
    expect(withReasons(got.pages)).toEqual(await expected(gone));

    // Another community's ticket cannot be added; a removed one takes no decision, an added one does.
    expect(code(await env.call('tickets', 'editAgenda', { month: MONTH, add: ['tk-elsewhere'] }, { as: STAFF, idempotencyKey: env.key() }))).toBe('NOT_FOUND');
    expect(code(await env.call('tickets', 'recordDecision', { month: MONTH, ticketId: gone[0], owner: '人社局', deadline: '2027-03-31', note: '-' }, { as: STAFF, idempotencyKey: env.key() }))).toBe('NOT_FOUND');
    expect(code(await env.call('tickets', 'recordDecision', { month: MONTH, ticketId: 'tk-elsewhere', owner: '人社局', deadline: '2027-03-31', note: '-' }, { as: STAFF, idempotencyKey: env.key() }))).toBe('NOT_FOUND');
    const decided = await okWrite<AgendaView>(STAFF, 'recordDecision', { month: MONTH, ticketId: plain.id, owner: '人社局', deadline: '2027-03-31', note: '专场招聘' });
    expect(decided.items[0]).toMatchObject({ ticket: { id: plain.id }, decision: { owner: '人社局' } });
    // A draft ticket on page two takes a decision too (checked by reading that ticket, not the draft).
    await okWrite<AgendaView>(STAFF, 'recordDecision', { month: MONTH, ticketId: got.ids[PAGE + 3], owner: '经信局', deadline: '2027-03-31', note: '-' });
    const second = await page((await page()).nextCursor);
    expect(second.items.find((i) => i.ticket.id === got.ids[PAGE + 3])?.decision?.owner).toBe('经信局');

    // Put back: the removed ticket is on the draft again, in its place.
    await okWrite<AgendaView>(STAFF, 'editAgenda', { month: MONTH, add: [gone[0]] });
    expect((await all()).ids.slice(0, 2)).toEqual([plain.id, gone[0]]);
    await okWrite<AgendaView>(STAFF, 'editAgenda', { month: MONTH, remove: [plain.id, gone[0]] });
    expect((await all()).ids).not.toContain(plain.id);
  });

  it('refuses a cursor that is not one of the agenda', async () => {
    expect(code(await env.call('tickets', 'agenda', { month: MONTH, cursor: 'bm90LWEta2V5' }, { as: STAFF }))).toBe('INPUT.INVALID');
  });

  it('the sweep puts a ticket on the agenda once its resolution deadline passed (the stored state: until then it is not)', async () => {
    // Critical: 2 working days → Wednesday 2027-03-03 18:00. One left at rung 0 (the sweep escalates
    // it then: rung 0's deadline is the resolution deadline), one escalated at once (its rung-1
    // deadline is days later: the sweep only flags it).
    const t = await submit('critical', '紧急停电');
    const up = await submit('critical', '紧急用电扩容');
    await act(STAFF, up.id, 'escalate');
    const reasonsOf = (got: { pages: AgendaView[] }, id: string) => got.pages.flatMap((p) => p.items).find((i) => i.ticket.id === id)?.reasons;
    const due = new Date('2027-03-03T18:00:00+08:00');
    now = new Date(due.getTime() + 60_000);
    await env.setClock({ now: now.toISOString() });
    let got = await all();
    expect(got.ids).not.toContain(t.id);
    expect(reasonsOf(got, up.id)).toEqual(['escalated']);
    await env.fireTimer('tickets', 'sweep');
    got = await all();
    expect(reasonsOf(got, t.id)).toEqual(['escalated', 'overdue']);
    expect(reasonsOf(got, up.id)).toEqual(['escalated', 'overdue']);
    const removed = ['tk-elsewhere'];
    const stored = (await getDb().collection(Collections.ticketAgenda).doc(`${C}:${MONTH}`).get()).data[0] as { removed: string[] };
    removed.push(...stored.removed);
    expect(withReasons(got.pages)).toEqual(await expected(removed));
  });
});
