/**
 * The enterprise page and the visit's similar demand, at their edges:
 *
 * - admin.enterpriseOverview pages by position (`<at>|<kind>|<id>`), not by instant: many items of
 *   every kind sharing instants across page edges come out exactly once each, in order, where a
 *   cursor of the instant alone skipped those of its instant not yet shown.
 * - 待办's backlog lines (to dispatch, volunteer applications, follow-ups, to pass on, questions
 *   waiting, to sign, details requested) stop at a page, "20+", reading a page of ids and one more
 *   whatever the backlog.
 * - a unit's 待办 (overdue, a deadline near) reads its lead tickets flagged overdue (a page) and
 *   those with timer work within two days, not its open tickets, with the same answers.
 * - admin.getVisit finds, per category of an open problem, the enterprise's newest live demand of
 *   that category, however many newer live demands of other categories the enterprise has, and
 *   reads those of the category only.
 */
import type { EnterpriseOverview, EnterpriseTimelineItem, VisitView } from '../../core/api/console';
import type { Todos } from '../../core/api/notify';
import { PACKAGE_CALENDAR } from '../../core/rules/holiday-calendar';
import { overdueChecks } from '../../core/rules/ticket-deadlines';
import { OPEN } from '../../core/rules/ticket-machine';
import { shanghaiDate } from '../../core/rules/working-days';
import type { TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { toTicket } from '../../server/modules/tickets/tickets.repository';
import { playTicketOf, rng } from '../../scripts/bench-scale';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, type TestEnv } from '../support/harness';

const PINNED = '2027-03-01T10:00:00+08:00';
const PAGE = 30;
const DAY = 86_400_000;

interface Invocation {
  fn: string;
  label?: string;
  docsExamined: number;
}

describe('the enterprise page and the similar demand, at their edges', () => {
  let env: TestEnv;
  const now = new Date(PINNED).getTime();

  async function lastReads(fn: string, label: string): Promise<Invocation> {
    const all = ((await (await fetch(`${env.emulator.url}/__emulator/invocations`)).json()) as { invocations: Invocation[] }).invocations;
    const inv = all.filter((i) => i.fn === fn && i.label === label).pop();
    if (!inv) throw new Error(`no invocation of ${fn}.${label}`);
    return inv;
  }
  const add = async (coll: string, docs: object[]) => {
    for (let i = 0; i < docs.length; i += 500) await getDb().collection(coll).add(docs.slice(i, i + 500));
  };
  let enterprises = 0;
  async function enterprise(community: string, ent: string): Promise<string> {
    await getDb().collection(Collections.communities).add({ _id: community, name: community, createdAt: new Date() });
    await getDb().collection(Collections.enterprises).add({ _id: ent, communityId: community, name: `企业 ${ent}`, creditCode: `91330400MA2EDGE${++enterprises}`, address: '某路 1 号', contactName: '王', contactPhone: '13800000000', workshops: [], createdAt: new Date() });
    return env.makeUser('staff', { communityId: community });
  }

  beforeAll(async () => {
    env = await startTestEnv();
    await env.setClock({ now: PINNED });
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  it('admin.enterpriseOverview pages through every item exactly once, in order, with many items sharing instants across page edges', async () => {
    const community = 'edges-overview';
    const ent = 'ent-edges-overview';
    const staff = await enterprise(community, ent);
    // 14 days; on each, one instant (noon, Beijing: the visits' instant too) shared by 2 visits, 3
    // questions, 2 consultations (and a cancelled one, not listed), 3 tickets and 2 evaluations, and
    // a second instant an hour earlier shared by 5 questions: 12 + 5 items a day, 238 in all.
    const want: Array<{ key: string; at: string }> = [];
    const docs: Record<string, object[]> = { [Collections.visits]: [], [Collections.questions]: [], [Collections.clinicBookings]: [], [Collections.tickets]: [], [Collections.evaluations]: [] };
    for (let d = 0; d < 14; d++) {
      const date = shanghaiDate(new Date(now - (d + 1) * DAY));
      const noon = new Date(`${date}T12:00:00+08:00`);
      const earlier = new Date(noon.getTime() - 3_600_000);
      const base = { communityId: community, enterpriseId: ent };
      for (let i = 0; i < 2; i++) {
        const _id = `v-${d}-${i}`;
        docs[Collections.visits].push({ ...base, _id, enterpriseName: '企业', date, visitorOpenid: 'v', met: '王', topics: [`走访 ${d}-${i}`], photos: [], problems: [], createdAt: noon, updatedAt: noon });
        want.push({ key: `visit:${_id}`, at: noon.toISOString() });
      }
      for (const [at, n, tag] of [[noon, 3, 'n'], [earlier, 5, 'e']] as const) {
        for (let i = 0; i < n; i++) {
          const _id = `q-${d}-${tag}${i}`;
          docs[Collections.questions].push({ ...base, _id, askerOpenid: 'a', anonymous: false, title: `问 ${_id}`, description: 'd', category: 'hr', attachments: [], status: 'solved', dueAt: null, overdueNotified: false, messageCount: 0, createdAt: at, updatedAt: at });
          want.push({ key: `question:${_id}`, at: at.toISOString() });
        }
      }
      for (let i = 0; i < 3; i++) {
        const _id = `b-${d}-${i}`;
        const status = i === 2 ? 'cancelled' : 'attended';
        docs[Collections.clinicBookings].push({ ...base, _id, seatKey: `s-${_id}`, bookerSlotKey: `bs-${_id}`, bookerProfessionKey: `bp-${_id}`, status, description: `咨询 ${_id}`, startsAt: noon, profession: 'lawyer', bookerId: 'b' });
        if (status !== 'cancelled') want.push({ key: `consultation:${_id}`, at: noon.toISOString() });
      }
      for (let i = 0; i < 3; i++) {
        const _id = `t-${d}-${i}`;
        docs[Collections.tickets].push({ ...base, _id, number: `T-${d}-${i}`, status: 'closed', category: 'permit', urgency: 'normal', rung: 0, submittedAt: noon, version: 1, title: `诉求 ${_id}`, description: 'd', attachments: [] });
        want.push({ key: `ticket:${_id}`, at: noon.toISOString() });
      }
      for (let i = 0; i < 2; i++) {
        const _id = `e-${d}-${i}`;
        docs[Collections.evaluations].push({ ...base, _id, caseKind: 'ticket', caseId: `t-${d}-${i}`, caseTitle: `诉求 ${d}-${i}`, overall: 4, at: noon, raterOpenid: `r${i}` });
        want.push({ key: `evaluation:${_id}`, at: noon.toISOString() });
      }
    }
    for (const [coll, rows] of Object.entries(docs)) await add(coll, rows);

    const got: EnterpriseTimelineItem[] = [];
    const examined: number[] = [];
    let first: EnterpriseOverview | undefined;
    let cursor: string | undefined;
    for (let pages = 0; ; pages++) {
      if (pages > 50) throw new Error('the cursor never ends');
      const o = await env.ok<EnterpriseOverview>('admin', 'enterpriseOverview', { enterpriseId: ent, ...(cursor ? { cursor } : {}) }, { as: staff });
      examined.push((await lastReads('admin', 'enterpriseOverview')).docsExamined);
      first ??= o;
      expect(o.timeline.length).toBeLessThanOrEqual(PAGE);
      got.push(...o.timeline);
      cursor = o.nextCursor;
      if (!cursor) break;
    }
    // Page edges fall inside shared instants (12 items at each noon, 30 a page).
    expect(examined.length).toBe(Math.ceil(want.length / PAGE));
    const keys = got.map((i) => `${i.kind}:${i.id}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort()).toEqual(want.map((w) => w.key).sort());
    // Newest first; at one instant visits, questions, consultations, tickets, evaluations, each by id descending.
    const rank = { visit: 0, question: 1, consultation: 2, ticket: 3, evaluation: 4, survey: 5 };
    const ordered = [...got].sort((a, b) => (a.at !== b.at ? (a.at > b.at ? -1 : 1) : a.kind !== b.kind ? rank[a.kind] - rank[b.kind] : a.id > b.id ? -1 : 1));
    expect(keys).toEqual(ordered.map((i) => `${i.kind}:${i.id}`));
    expect(got.map((i) => i.at)).toEqual(got.map((i) => i.at).sort().reverse());
    // The counts stop at a page: 28 visits, 112 questions, 28 consultations, 42 tickets, 28 evaluations.
    expect(first!.counts).toEqual({ visits: 28, questions: 30, consultations: 28, tickets: 30, openTickets: 0, evaluations: 28 });
    expect([...(first!.countsCapped ?? [])].sort()).toEqual(['questions', 'tickets']);
    // A page: per source a page and one more, at the cursor's instant and before it; the enterprise, the caller.
    for (const n of examined) expect(n).toBeLessThanOrEqual(5 * 2 * (PAGE + 1) + 15 + 4);
    // A cursor that is not one of this list's is refused in words.
    const bad = await env.call('admin', 'enterpriseOverview', { enterpriseId: ent, cursor: '2027-02-01T00:00:00.000Z' }, { as: staff });
    expect(bad.ok ? undefined : bad.error.code).toBe('INPUT.INVALID');
  }, 180_000);

  it('admin.getVisit warns of the newest live demand of the problem’s category, however many live demands of other categories are newer', async () => {
    const community = 'edges-visit';
    const ent = 'ent-edges-visit';
    const staff = await enterprise(community, ent);
    const ticket = (_id: string, category: string, status: string, daysAgo: number) => ({ _id, number: _id.toUpperCase(), communityId: community, enterpriseId: ent, status, category, urgency: 'normal', rung: 0, submittedAt: new Date(now - daysAgo * DAY), version: 1, title: `诉求 ${_id}`, description: 'd', attachments: [] });
    await add(Collections.tickets, [
      // Forty newer demands of other categories still being handled (more than any page of them).
      ...Array.from({ length: 40 }, (_, i) => ticket(`other-${i}`, i % 2 ? 'permit' : 'finance', i % 3 ? 'in_progress' : 'dispatched', 1 + i / 10)),
      // Recruiting: an older live one, an even older live one, and newer ones already done.
      ticket('rec-live-new', 'recruiting', 'signed', 20),
      ticket('rec-live-old', 'recruiting', 'submitted', 40),
      ...Array.from({ length: 10 }, (_, i) => ticket(`rec-done-${i}`, 'recruiting', i % 2 ? 'closed' : 'resolved', 2 + i)),
      // Training: only done ones.
      ...Array.from({ length: 10 }, (_, i) => ticket(`train-done-${i}`, 'training', 'evaluated', 3 + i)),
    ]);
    const date = shanghaiDate(new Date(now));
    await add(Collections.visits, [
      {
        _id: 'vs-edges',
        communityId: community,
        enterpriseId: ent,
        enterpriseName: '企业',
        date,
        visitorOpenid: 'v',
        met: '王',
        topics: ['用工'],
        photos: [],
        problems: [
          { id: 'p1', category: 'recruiting', description: '缺人', status: 'open' },
          { id: 'p2', category: 'training', description: '培训', status: 'open' },
          { id: 'p3', category: 'recruiting', description: '又缺人', status: 'open' },
          { id: 'p4', category: 'permit', description: '已转', status: 'ticketed', ticketId: 'other-1' },
        ],
        createdAt: new Date(now),
        updatedAt: new Date(now),
      },
    ]);
    const v = await env.ok<VisitView>('admin', 'getVisit', { id: 'vs-edges' }, { as: staff });
    const examined = (await lastReads('admin', 'getVisit')).docsExamined;
    expect(v.problems.map((p) => p.similarTicket?.id)).toEqual(['rec-live-new', undefined, 'rec-live-new', undefined]);
    expect(v.problems[0].similarTicket).toEqual({ id: 'rec-live-new', number: 'REC-LIVE-NEW', title: '诉求 rec-live-new' });
    // The visit, the recruiting demands still being handled (2), none of training, the caller: not the forty others.
    expect(examined).toBeLessThanOrEqual(1 + 2 + 4);
  }, 120_000);

  it('待办’s backlog lines stop at a page ("20+") and read a page of ids, however long the backlog', async () => {
    const community = 'edges-todos';
    const ent = 'ent-edges-todos';
    const staff = await enterprise(community, ent);
    const manager = await env.makeUser('manager', { communityId: community, enterpriseId: ent });
    const instructor = await env.makeUser('instructor', { communityId: community });
    const lawyer = await env.makeUser('volunteer', { communityId: community, profession: 'lawyer', volunteerStatus: 'approved' });
    const unit = await env.makeUser('unit', { communityId: community, unitId: 'unit-edges' });
    let seq = 0;
    const ticket = (status: string, extra: object = {}) => {
      const _id = `tk-edges-${seq++}`;
      return { _id, number: _id, communityId: community, enterpriseId: ent, status, category: 'permit', urgency: 'normal', rung: 0, submittedAt: new Date(now - seq * 3_600_000), version: 1, title: _id, description: 'd', attachments: [], instructorId: null, leadUnitId: null, ...extra };
    };
    const question = (status: string, extra: object = {}) => {
      const _id = `q-edges-${seq++}`;
      const at = new Date(now - seq * 3_600_000);
      return { _id, communityId: community, enterpriseId: ent, askerOpenid: 'someone', anonymous: false, title: _id, description: 'd', category: 'legal', profession: 'lawyer', attachments: [], status, dueAt: new Date(at.getTime() + 3 * DAY), overdueNotified: false, messageCount: 0, createdAt: at, updatedAt: at, ...extra };
    };
    /** `n` of every backlog: each line's own cases, and as many others in statuses it does not count. */
    const backlog = async (n: number) => {
      const each = (f: () => object) => Array.from({ length: n }, f);
      await add(Collections.tickets, [
        ...each(() => ticket('accepted')),
        ...each(() => ticket('submitted', { instructorId: instructor })),
        ...each(() => ticket('submitted')),
        ...each(() => ticket('dispatched', { leadUnitId: 'unit-edges' })),
        ...each(() => ticket('suspended')),
        ...each(() => ticket('closed', { leadUnitId: 'unit-edges', instructorId: instructor })),
      ]);
      await add(Collections.questions, [...each(() => question('open')), ...each(() => question('awaiting_info', { askerOpenid: manager })), ...each(() => question('claimed', { askerOpenid: manager }))]);
      await add(Collections.users, each(() => ({ _id: `u-edges-${seq++}`, role: 'worker', communityId: community, volunteerStatus: 'pending', createdAt: new Date(now) })));
      await add(Collections.followUps, each(() => ({ _id: `fu-edges-${seq++}`, communityId: community, status: 'open', createdAt: new Date(now - seq * 60_000) })));
    };
    const todos = async (as: string) => {
      const t = await env.ok<Todos>('user', 'todos', {}, { as });
      const lines = Object.fromEntries(t.items.filter((i) => i.key !== 'overdue' && i.key !== 'deadlinesNear' && i.key !== 'toEvaluate').map((i) => [i.key, `${i.count}${i.more ? '+' : ''}`]));
      return { lines, examined: (await lastReads('user', 'todos')).docsExamined };
    };
    const everyone = async () => ({ staff: await todos(staff), instructor: await todos(instructor), lawyer: await todos(lawyer), unit: await todos(unit), manager: await todos(manager) });

    // Below the cap: exact counts (to pass on: the instructor's own and those of no instructor).
    await backlog(8);
    const few = await everyone();
    expect(few.staff.lines).toMatchObject({ toDispatch: '8', volunteerApplications: '8', followUps: '8' });
    expect(few.instructor.lines).toEqual({ toPassOn: '16' });
    expect(few.lawyer.lines).toMatchObject({ questionsWaiting: '8' });
    expect(few.unit.lines).toMatchObject({ toSign: '8' });
    expect(few.manager.lines).toMatchObject({ infoRequested: '16' });
    // Past the cap: "20+", and a page of ids read however many more there are.
    await backlog(22);
    const many = await everyone();
    expect(many.staff.lines).toMatchObject({ toDispatch: '20+', volunteerApplications: '20+', followUps: '20+' });
    expect(many.instructor.lines).toEqual({ toPassOn: '20+' });
    expect(many.lawyer.lines).toMatchObject({ questionsWaiting: '20+' });
    expect(many.unit.lines).toMatchObject({ toSign: '20+' });
    expect(many.manager.lines).toMatchObject({ infoRequested: '20+' });
    await backlog(60);
    const more = await everyone();
    expect(more.staff.lines).toEqual(many.staff.lines);
    const examined = (r: typeof few) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.examined]));
    console.info(`user.todos, documents examined with a backlog of 8, 30 and 90: ${JSON.stringify([few, many, more].map(examined))}`);
    for (const role of ['staff', 'instructor', 'lawyer', 'manager', 'unit'] as const) expect(more[role].examined).toBe(many[role].examined);
    expect(many.staff.examined).toBeLessThanOrEqual(3 * 21 + 10);
    expect(many.instructor.examined).toBeLessThanOrEqual(2 * 21 + 2);
  }, 180_000);

  it('a unit’s 待办 (overdue, a deadline near) counts what is flagged or due within two days, with the answers of judging every open ticket', async () => {
    const community = 'edges-unit';
    const ent = 'ent-edges-unit';
    const staff = await enterprise(community, ent);
    const manager = await env.makeUser('manager', { communityId: community, enterpriseId: ent });
    const unitId = 'edges-unit-lead';
    const unit = await env.makeUser('unit', { communityId: community, unitId });
    const people = { manager, enterpriseId: ent, staff, unit, unitId };
    const tickets: TicketDoc[] = [];
    const addTickets = async (prefix: string, n: number, seed: number) => {
      const rand = rng(seed);
      const docs = Array.from({ length: n }, (_, k) => playTicketOf(`${prefix}-${k}`, `${prefix.toUpperCase()}-${k}`, community, people, new Date(now - rand() * 120 * DAY), new Date(now), rand).doc);
      await add(Collections.tickets, docs);
      tickets.push(...docs);
    };
    const soon = new Date(now + 2 * DAY);
    /** The figures judged over every open lead ticket of the unit, as 待办 did. */
    const expected = () => {
      const open = tickets.filter((t) => t.leadUnitId === unitId && (OPEN as readonly string[]).includes(t.status));
      const late = open.filter((t) => overdueChecks(toTicket(t), new Date(now), PACKAGE_CALENDAR).length > 0).length;
      const near = open.filter((t) => overdueChecks(toTicket(t), new Date(now), PACKAGE_CALENDAR).length === 0 && overdueChecks(toTicket(t), soon, PACKAGE_CALENDAR).length > 0).length;
      const shown = (n: number) => `${Math.min(n, 20)}${n > 20 ? '+' : ''}`;
      return { lines: { overdue: shown(late), deadlinesNear: shown(near) }, open: open.length, window: open.filter((t) => !t.overdue && t.sweepAt && new Date(t.sweepAt).getTime() <= soon.getTime()).length };
    };
    const todos = async () => {
      const t = await env.ok<Todos>('user', 'todos', {}, { as: unit });
      const line = (k: string) => t.items.find((i) => i.key === k);
      const shown = (k: string) => (line(k) ? `${line(k)!.count}${line(k)!.more ? '+' : ''}` : '0');
      return { lines: { overdue: shown('overdue'), deadlinesNear: shown('deadlinesNear') }, examined: (await lastReads('user', 'todos')).docsExamined };
    };
    await addTickets('eu', 80, 11);
    const e0 = expected();
    const before = await todos();
    expect(before.lines).toEqual(e0.lines);
    await addTickets('ev', 800, 12);
    const e1 = expected();
    const after = await todos();
    expect(after.lines).toEqual(e1.lines);
    console.info(`a unit's user.todos, documents examined: ${before.examined} (${e0.open} open lead tickets, ${e0.window} with timer work within two days), then ${after.examined} (${e1.open} open, ${e1.window} in the window)`);
    expect(e1.open).toBeGreaterThan(e1.window);
    // To sign and overdue: a page of ids each; the window's tickets; the caller.
    expect(after.examined).toBeLessThanOrEqual(2 * 21 + e1.window + 4);
  }, 180_000);
});
