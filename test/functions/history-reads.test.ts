/**
 * Reads that do not grow with history (issue 19 #2, second round): the documents an action
 * examines, as the emulator counts them per invocation (GET /__emulator/invocations), stay a page
 * plus a constant when ten times the history is added behind it — and the answers stay the same.
 *
 * qa.queue: the default queue (open, claimed, awaiting_info) asked as `status in [...]` walked
 * every question of those statuses to sort them; one query per status on the
 * (community | profession, status, createdAt) index reads its page and stops.
 *
 * admin.problemList is a paged list (newest first, a cursor): each source read along its
 * (community, time, _id) index, a page after the cursor, where it read the whole period (38,901
 * documents at 100× the demo's history). admin.enterpriseOverview reads a page and one more of each
 * source of the enterprise and counts up to a page (30) of each; admin.getVisit reads, per category
 * of the visit's open problems, the enterprise's live demands of that category, not its history.
 *
 * 待办 (user.todos) and the dashboards read what is open or due, not the history: staff's overdue and
 * escalated lines are the community's figures of now (one counter document the acts and the sweep
 * keep), to dispatch the accepted tickets' ids up to a page and one more ("20+"), a manager's lines read the enterprise's tickets in the one status they count
 * (status, enterprise index), and the dashboards' overdue figure is a counter of the period's days
 * like the others — where 待办 read every open ticket to judge deadlines, and the dashboard
 * aggregated the period's open tickets.
 */
import type { Page } from '../../core/api/admin';
import type { Dashboard, DistrictOverview, EnterpriseOverview, ProblemList, VisitView } from '../../core/api/console';
import type { Todos } from '../../core/api/notify';
import type { PendingEvaluation } from '../../core/api/revisit';
import { OPEN } from '../../core/rules/ticket-machine';
import { shanghaiDate } from '../../core/rules/working-days';
import * as figures from '../../server/modules/figures';
import type { TicketDoc } from '../../server/modules/tickets/tickets.repository';
import { playTicketOf, rng } from '../../scripts/bench-scale';
import { CategoryProfession, type QaCategory, type QuestionStatus, type QuestionSummary } from '../../core/api/qa';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { startTestEnv, type TestEnv } from '../support/harness';

const COMMUNITY = 'histreads';
const PINNED = '2027-03-01T10:00:00+08:00';
const PAGE = 20;
const DAY = 86_400_000;

interface Invocation {
  fn: string;
  label?: string;
  docsExamined: number;
  docsReturned: number;
}

describe('reads bounded by the page, not the history', () => {
  let env: TestEnv;
  let staff: string;
  let lawyer: string;
  const now = new Date(PINNED).getTime();
  const made: Array<{ _id: string; status: QuestionStatus; category: QaCategory; profession?: string; dueAt: Date | null; createdAt: Date }> = [];

  /** `n` questions over the year before `before`: most solved, a few still owed an answer. */
  async function addQuestions(prefix: string, n: number, before: number, owedEvery: number): Promise<void> {
    const categories: QaCategory[] = ['legal', 'hr', 'accounting', 'policy'];
    const docs = Array.from({ length: n }, (_, i) => {
      const category = categories[i % categories.length];
      const owed: QuestionStatus[] = ['open', 'claimed', 'awaiting_info'];
      const status: QuestionStatus = i % owedEvery === 0 ? owed[Math.floor(i / owedEvery) % owed.length] : i % 2 ? 'solved' : 'answered';
      const createdAt = new Date(before - (i + 1) * Math.floor((365 * DAY) / n));
      const doc = {
        _id: `${prefix}-${String(i).padStart(5, '0')}`,
        communityId: COMMUNITY,
        askerOpenid: `asker-${i % 7}`,
        anonymous: false,
        title: `问题 ${prefix} ${i}`,
        description: '样本',
        category,
        ...(CategoryProfession[category] ? { profession: CategoryProfession[category] } : {}),
        attachments: [],
        status,
        ...(status === 'claimed' || status === 'awaiting_info' ? { claimedBy: 'someone', claimedByName: '某人' } : {}),
        dueAt: status === 'open' || status === 'claimed' ? new Date(createdAt.getTime() + 3 * DAY) : null,
        overdueNotified: false,
        messageCount: 0,
        createdAt,
        updatedAt: createdAt,
      };
      made.push(doc);
      return doc;
    });
    for (let i = 0; i < docs.length; i += 500) await getDb().collection(Collections.questions).add(docs.slice(i, i + 500));
  }

  async function lastReads(fn: string, label: string): Promise<Invocation> {
    const all = ((await (await fetch(`${env.emulator.url}/__emulator/invocations`)).json()) as { invocations: Invocation[] }).invocations;
    const inv = all.filter((i) => i.fn === fn && i.label === label).pop();
    if (!inv) throw new Error(`no invocation of ${fn}.${label}`);
    return inv;
  }

  /** Every page of a queue, and the most documents one page examined. */
  async function walkQueue(as: string, filters: Record<string, unknown> = {}): Promise<{ ids: string[]; maxExamined: number }> {
    const ids: string[] = [];
    let maxExamined = 0;
    let cursor: string | undefined;
    for (let pages = 0; ; pages++) {
      if (pages > 100) throw new Error('the cursor never ends');
      const page = await env.ok<Page<QuestionSummary>>('qa', 'queue', { ...filters, ...(cursor ? { cursor } : {}) }, { as });
      maxExamined = Math.max(maxExamined, (await lastReads('qa', 'queue')).docsExamined);
      expect(page.items.length).toBeLessThanOrEqual(PAGE);
      ids.push(...page.items.map((q) => q.id));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return { ids, maxExamined };
  }

  const owedOldestFirst = (pred: (q: (typeof made)[number]) => boolean = () => true) =>
    made
      .filter((q) => ['open', 'claimed', 'awaiting_info'].includes(q.status) && pred(q))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((q) => q._id);

  beforeAll(async () => {
    env = await startTestEnv();
    await env.setClock({ now: PINNED });
    await getDb().collection(Collections.communities).add({ _id: COMMUNITY, name: '历史读数社区', createdAt: new Date() });
    staff = await env.makeUser('staff', { communityId: COMMUNITY });
    lawyer = await env.makeUser('volunteer', { communityId: COMMUNITY, profession: 'lawyer', volunteerStatus: 'approved' });
    await addQuestions('recent', 300, now, 5);
  });
  afterAll(async () => {
    await env.setClock({ reset: true });
    await env.close();
  });

  it('qa.queue reads a page plus a constant, with the same answers, when ten times the history is added', async () => {
    const before = {
      staff: await walkQueue(staff),
      lawyer: await walkQueue(lawyer),
      overdue: await walkQueue(staff, { overdueOnly: true }),
    };
    const overdue = (q: (typeof made)[number]) => q.dueAt !== null && q.dueAt.getTime() < now;
    expect(before.staff.ids).toEqual(owedOldestFirst());
    expect(before.lawyer.ids).toEqual(owedOldestFirst((q) => q.profession === 'lawyer'));
    expect(before.overdue.ids).toEqual(owedOldestFirst(overdue));

    // Ten years more behind it, a few of them never answered (the backlog grows too, so the
    // oldest pages change; the page's cost must not).
    await addQuestions('old', 3000, now - 365 * DAY, 20);
    const after = {
      staff: await walkQueue(staff),
      lawyer: await walkQueue(lawyer),
      overdue: await walkQueue(staff, { overdueOnly: true }),
    };
    expect(after.staff.ids).toEqual(owedOldestFirst());
    expect(after.lawyer.ids).toEqual(owedOldestFirst((q) => q.profession === 'lawyer'));
    expect(after.overdue.ids).toEqual(owedOldestFirst(overdue));
    // One query per status, each reading at most a page and one more (the caller's own record besides).
    const bound = 3 * (PAGE + 1) + 2;
    const figures = Object.entries({ before, after }).flatMap(([when, rs]) => Object.entries(rs).map(([name, r]) => [`${when} ${name}`, r.maxExamined] as const));
    console.info(`qa.queue, most documents examined by one page: ${JSON.stringify(Object.fromEntries(figures))}`);
    for (const [name, examined] of figures) expect([name, examined <= bound]).toEqual([name, true]);
  }, 180_000);

  /** Inserts `docs` 500 at a time. */
  const add = async (coll: string, docs: object[]) => {
    for (let i = 0; i < docs.length; i += 500) await getDb().collection(coll).add(docs.slice(i, i + 500));
  };

  it('admin.problemList reads a page plus a constant per page, with the whole list in order, when twenty times the history is added in and around the period', async () => {
    const community = 'histreads-problems';
    await getDb().collection(Collections.communities).add({ _id: community, name: '问题清单社区', createdAt: new Date() });
    const staffHere = await env.makeUser('staff', { communityId: community });
    const start = new Date('2027-02-01T00:00:00+08:00').getTime();
    const end = new Date('2027-03-01T00:00:00+08:00').getTime();
    const question = (id: string, at: number, status: QuestionStatus, ticketId?: string) => ({ _id: id, communityId: community, askerOpenid: 'asker', enterpriseId: 'ent-yongsen', enterpriseName: '永森', anonymous: false, title: id, description: '很长的描述'.repeat(20), category: 'hr', attachments: [], status, dueAt: null, overdueNotified: false, messageCount: 0, createdAt: new Date(at), updatedAt: new Date(at), ...(ticketId ? { ticketId } : {}) });
    const ticket = (id: string, at: number, source?: { kind: string; id: string }) => ({ _id: id, number: id, communityId: community, enterpriseId: 'ent-yongsen', status: 'closed', category: 'permit', urgency: 'normal', rung: 0, submittedAt: new Date(at), version: 1, title: id, description: 'd', attachments: [], ...(source ? { source } : {}) });
    const visit = (id: string, date: string, problems: number) => ({ _id: id, communityId: community, enterpriseId: 'ent-yongsen', enterpriseName: '永森', date, visitorOpenid: 'v', met: '某人', topics: ['用工'], photos: [], problems: Array.from({ length: problems }, (_, k) => ({ id: `p${k + 1}`, category: k % 2 ? 'recruiting' : 'land', description: `${id} ${k}`, status: 'open' })), createdAt: new Date(start), updatedAt: new Date(start) });
    /** `n` of each source spread over [from, to), some sharing an instant, some questions and tickets linked (the tickets listed at their source). */
    const history = (prefix: string, n: number, from: number, to: number) => {
      const at = (i: number) => from + Math.floor(i / 3) * Math.floor((to - from) / Math.ceil(n / 3));
      const date = (i: number) => shanghaiDate(new Date(at(i)));
      return {
        questions: Array.from({ length: n }, (_, i) => question(`${prefix}q-${String(i).padStart(5, '0')}`, at(i), i % 2 ? 'solved' : 'open', i % 10 === 0 ? `${prefix}tq-${i}` : undefined)),
        tickets: [
          ...Array.from({ length: n }, (_, i) => ticket(`${prefix}t-${String(i).padStart(5, '0')}`, at(i))),
          ...Array.from({ length: Math.floor(n / 10) }, (_, i) => ticket(`${prefix}tq-${i * 10}`, at(i * 10), { kind: 'question', id: `${prefix}q-${i * 10}` })),
        ],
        visits: Array.from({ length: Math.floor(n / 5) }, (_, i) => visit(`${prefix}v-${String(i).padStart(5, '0')}`, date(i * 5), 1 + (i % 3))),
      };
    };
    const seed = async (h: ReturnType<typeof history>) => {
      await add(Collections.questions, h.questions);
      await add(Collections.tickets, h.tickets);
      await add(Collections.visits, h.visits);
    };
    const first = history('a', 60, start + 3_600_000, end);
    await seed(first);
    // More than a page at one instant (a page boundary falls inside it).
    const tied = Array.from({ length: 45 }, (_, i) => question(`tie-${String(i).padStart(3, '0')}`, start + 10 * DAY, 'answered'));
    await add(Collections.questions, tied);
    const expected = (hs: Array<ReturnType<typeof history>>) =>
      [
        ...hs.flatMap((h) => h.visits.flatMap((v) => v.problems.map((pr) => ({ key: `visit|${v._id}:${pr.id}`, at: new Date(`${v.date}T12:00:00+08:00`).toISOString() })))),
        ...[...hs.flatMap((h) => h.questions), ...tied].filter((q) => q.createdAt.getTime() >= start && q.createdAt.getTime() < end).map((q) => ({ key: `question|${q._id}`, at: q.createdAt.toISOString() })),
        ...hs.flatMap((h) => h.tickets).filter((t) => !t.source && t.submittedAt.getTime() >= start && t.submittedAt.getTime() < end).map((t) => ({ key: `ticket|${t._id}`, at: t.submittedAt.toISOString() })),
      ].filter((x) => x.at >= new Date(start).toISOString() && x.at < new Date(end).toISOString());
    const walk = async () => {
      const keys: Array<{ key: string; at: string }> = [];
      let maxExamined = 0;
      let cursor: string | undefined;
      for (let pages = 0; ; pages++) {
        if (pages > 500) throw new Error('the cursor never ends');
        const page = await env.ok<ProblemList>('admin', 'problemList', { from: '2027-02-01', to: '2027-02-28', ...(cursor ? { cursor } : {}) }, { as: staffHere });
        maxExamined = Math.max(maxExamined, (await lastReads('admin', 'problemList')).docsExamined);
        expect(page.items.length).toBeLessThanOrEqual(PAGE);
        keys.push(...page.items.map((i) => ({ key: `${i.source}|${i.id}`, at: i.at })));
        cursor = page.nextCursor;
        if (!cursor) return { keys, maxExamined };
      }
    };
    const check = (got: Array<{ key: string; at: string }>, want: Array<{ key: string; at: string }>) => {
      expect(got.map((x) => x.key).sort()).toEqual(want.map((x) => x.key).sort());
      expect(new Set(got.map((x) => x.key)).size).toBe(got.length);
      const ats = got.map((x) => x.at);
      expect([...ats].sort().reverse()).toEqual(ats);
    };
    const before = await walk();
    check(before.keys, expected([first]));
    // Twenty times as much: in the period (its list grows sixfold), before it and after it.
    const more = [history('b', 400, start, end), history('c', 400, start - 200 * DAY, start), history('d', 400, end, end + 60 * DAY)];
    for (const h of more) await seed(h);
    const after = await walk();
    check(after.keys, expected([first, ...more]));
    console.info(`admin.problemList, most documents examined by one page: ${before.maxExamined} (${before.keys.length} listed); with twenty times the history: ${after.maxExamined} (${after.keys.length} listed)`);
    // Per source a page and two more, twice (the rest of the cursor's instant, then before it), the
    // linked tickets skipped on the way (one in eleven), the page's linked statuses and
    // enterprises, the caller: a page plus a constant, whatever the history.
    const bound = 3 * 2 * (PAGE + 2) + 2 * 4 + PAGE + 10;
    expect(before.maxExamined).toBeLessThanOrEqual(bound);
    expect(after.maxExamined).toBeLessThanOrEqual(bound);
  }, 300_000);


  it('admin.enterpriseOverview and admin.getVisit read a page plus a constant, the same timeline, when ten times the enterprise’s history is added', async () => {
    const community = 'histreads-enterprise';
    const ent = 'ent-histreads-overview';
    await getDb().collection(Collections.communities).add({ _id: community, name: '企业档案社区', createdAt: new Date() });
    await getDb().collection(Collections.enterprises).add({ _id: ent, communityId: community, name: '历史企业', creditCode: '91330400MA2HIST001', address: '某路 1 号', contactName: '王', contactPhone: '13800000000', workshops: [], createdAt: new Date() });
    const staffHere = await env.makeUser('staff', { communityId: community });
    /** `n` cases of each kind over [from, to), each at its own instant (the timeline's cursor is an instant); tickets closed but `live` of them. */
    const history = (prefix: string, n: number, from: number, to: number, live = 0) => {
      const at = (i: number, k: number) => new Date(from + Math.floor(((i * 5 + k) * (to - from)) / (n * 5)) + k);
      return {
        [Collections.questions]: Array.from({ length: n }, (_, i) => ({ _id: `${prefix}q${i}`, communityId: community, enterpriseId: ent, askerOpenid: 'a', anonymous: false, title: `问 ${i}`, description: 'd', category: 'hr', attachments: [], status: 'solved', dueAt: null, overdueNotified: false, messageCount: 0, createdAt: at(i, 0), updatedAt: at(i, 0) })),
        [Collections.tickets]: Array.from({ length: n }, (_, i) => ({ _id: `${prefix}t${i}`, number: `${prefix}T${i}`, communityId: community, enterpriseId: ent, status: i < live ? 'in_progress' : 'closed', category: i % 2 ? 'permit' : 'recruiting', urgency: 'normal', rung: 0, submittedAt: at(i, 1), version: 1, title: `诉求 ${i}`, description: 'd', attachments: [] })),
        [Collections.clinicBookings]: Array.from({ length: n }, (_, i) => ({ _id: `${prefix}b${i}`, communityId: community, enterpriseId: ent, seatKey: `${prefix}s${i}`, bookerSlotKey: `${prefix}bs${i}`, bookerProfessionKey: `${prefix}bp${i}`, status: i % 4 ? 'attended' : 'cancelled', description: `咨询 ${i}`, startsAt: at(i, 2), profession: 'lawyer', bookerId: 'b' })),
        [Collections.evaluations]: Array.from({ length: n }, (_, i) => ({ _id: `${prefix}e${i}`, communityId: community, enterpriseId: ent, caseKind: 'ticket', caseId: `${prefix}t${i}`, caseTitle: `诉求 ${i}`, overall: 5, at: at(i, 3), raterOpenid: `r${i}` })),
        [Collections.visits]: Array.from({ length: n }, (_, i) => ({ _id: `${prefix}v${String(i).padStart(4, '0')}`, communityId: community, enterpriseId: ent, enterpriseName: '历史企业', date: shanghaiDate(at(i, 4)), visitorOpenid: 'v', met: '王', topics: [`走访 ${i}`], photos: [], problems: [], createdAt: at(i, 4), updatedAt: at(i, 4) })),
      } as Record<string, Array<Record<string, unknown>>>;
    };
    const seed = async (h: Record<string, object[]>) => {
      for (const [coll, docs] of Object.entries(h)) await add(coll, docs);
    };
    const year = 365 * DAY;
    // A year: 40 of each (one visit a date at most), 3 demands still being handled; a visit with a recruiting problem still open.
    await seed(history('a', 40, now - year, now - DAY, 3));
    await add(Collections.visits, [{ _id: 'vs-open', communityId: community, enterpriseId: ent, enterpriseName: '历史企业', date: shanghaiDate(new Date(now)), visitorOpenid: 'v', met: '王', topics: ['用工'], photos: [], problems: [{ id: 'p1', category: 'recruiting', description: '缺人', status: 'open' }], createdAt: new Date(now), updatedAt: new Date(now) }]);
    const walk = async () => {
      const items: string[] = [];
      const examined: number[] = [];
      let first: EnterpriseOverview | undefined;
      let cursor: string | undefined;
      for (let pages = 0; pages < 4; pages++) {
        const o = await env.ok<EnterpriseOverview>('admin', 'enterpriseOverview', { enterpriseId: ent, ...(cursor ? { cursor } : {}) }, { as: staffHere });
        examined.push((await lastReads('admin', 'enterpriseOverview')).docsExamined);
        first ??= o;
        items.push(...o.timeline.map((i) => `${i.kind}:${i.id}`));
        cursor = o.nextCursor;
        if (!cursor) break;
      }
      const visit = await env.ok<VisitView>('admin', 'getVisit', { id: 'vs-open' }, { as: staffHere });
      return { items, examined, first: first!, visit, visitExamined: (await lastReads('admin', 'getVisit')).docsExamined };
    };
    const before = await walk();
    // Each count stops at a page (30, "30+"): 30 consultations live (one in four cancelled) is exactly a page.
    expect(before.first.counts).toEqual({ visits: 30, questions: 30, consultations: 30, tickets: 30, openTickets: 3, evaluations: 30 });
    expect([...(before.first.countsCapped ?? [])].sort()).toEqual(['evaluations', 'questions', 'tickets', 'visits']);
    expect(before.visit.problems[0].similarTicket?.id).toBe('at2');
    // Ten times as much in the nine years before (all of it done).
    await seed(history('b', 400, now - 10 * year, now - year - DAY));
    const after = await walk();
    // The newest pages are the same; the counts stop at 30.
    expect(after.items).toEqual(before.items);
    expect(after.first.counts).toEqual({ visits: 30, questions: 30, consultations: 30, tickets: 30, openTickets: 3, evaluations: 30 });
    expect([...(after.first.countsCapped ?? [])].sort()).toEqual(['consultations', 'evaluations', 'questions', 'tickets', 'visits']);
    expect(after.visit).toEqual(before.visit);
    console.info(`admin.enterpriseOverview, documents examined per page: ${before.examined.join(', ')}; with ten times the history: ${after.examined.join(', ')}. admin.getVisit: ${before.visitExamined}, then ${after.visitExamined}`);
    // The first page: each source's newest page and one more (its count and its timeline; the
    // cancelled consultations, one in four, walked past), the open demands' ids up to a page and
    // one more, the enterprise and the caller; a later page the same without the counts (the
    // cursor's instant is one source's alone here, so its rest reads nothing).
    const firstBound = 5 * 31 + 11 + 31 + 4;
    const laterBound = 5 * 31 + 11 + 4;
    for (const run of [before, after]) {
      expect(run.examined[0]).toBeLessThanOrEqual(firstBound);
      for (const n of run.examined.slice(1)) expect(n).toBeLessThanOrEqual(laterBound);
    }
    // getVisit: the visit, the enterprise's live demands of the problem's category (2), the caller, whatever the history.
    expect(before.visitExamined).toBeLessThanOrEqual(3 + 4);
    expect(after.visitExamined).toBe(before.visitExamined);
  }, 180_000);

  it('待办 and the dashboards read what is open or due, not the history, with answers that follow the open cases', async () => {
    const community = 'histreads-todos';
    const enterpriseId = 'ent-histreads';
    await getDb().collection(Collections.communities).add({ _id: community, name: '待办读数社区', createdAt: new Date() });
    const staffHere = await env.makeUser('staff', { communityId: community });
    const manager = await env.makeUser('manager', { communityId: community, enterpriseId });
    const worker = await env.makeUser('worker', { communityId: community, enterpriseId });
    const district = await env.makeUser('district', { communityId: community });
    const people = { manager, enterpriseId, staff: staffHere, unit: 'histreads-unit-person', unitId: 'histreads-unit' };
    const tickets: TicketDoc[] = [];
    /** `n` demands over the year before `before`, played through the ticket machine (old ones mostly closed, recent ones anywhere along the chain; `overdue` as the sweep leaves it). */
    const addTickets = async (prefix: string, n: number, before: number, seed: number) => {
      const rand = rng(seed);
      const docs = Array.from({ length: n }, (_, k) => playTicketOf(`${prefix}-${k}`, `${prefix.toUpperCase()}-${k}`, community, people, new Date(before - rand() * 365 * DAY), new Date(now), rand).doc);
      for (let i = 0; i < docs.length; i += 500) await getDb().collection(Collections.tickets).add(docs.slice(i, i + 500));
      tickets.push(...docs);
      // Written behind the acts: their figures come from the migration's recount (docs/figures.md).
      await figures.rebuild(community, '2015-01-01', '2027-12-31', new Date(now));
    };
    /** The worker's own questions of the last year (most answered: theirs to rate), and others' of older years. */
    const addQuestions = async (prefix: string, n: number, asker: string, before: number) => {
      const docs = Array.from({ length: n }, (_, i) => {
        const createdAt = new Date(before - (i + 1) * Math.floor((365 * DAY) / n));
        const status = (['solved', 'answered', 'solved', 'open'] as const)[i % 4];
        return { _id: `${prefix}-${i}`, communityId: community, askerOpenid: asker, enterpriseId, anonymous: false, title: `${prefix} ${i}`, description: '样本', category: 'hr', attachments: [], status, dueAt: status === 'open' ? new Date(createdAt.getTime() + 3 * DAY) : null, overdueNotified: false, messageCount: status === 'open' ? 0 : 1, createdAt, updatedAt: createdAt };
      });
      for (let i = 0; i < docs.length; i += 500) await getDb().collection(Collections.questions).add(docs.slice(i, i + 500));
    };
    const todos = async (as: string) => {
      const t = await env.ok<Todos>('user', 'todos', {}, { as });
      return { lines: Object.fromEntries(t.items.map((i) => [i.key, i.count])) as Record<string, number>, more: t.items.filter((i) => i.more).map((i) => i.key), examined: (await lastReads('user', 'todos')).docsExamined };
    };
    const period = { from: '2027-01-01', to: '2027-03-01' };
    const board = async () => ({ d: await env.ok<Dashboard>('admin', 'dashboard', period, { as: staffHere }), examined: (await lastReads('admin', 'dashboard')).docsExamined });
    const overview = async () => {
      const o = await env.ok<DistrictOverview>('admin', 'districtOverview', period, { as: district });
      return { row: o.communities.find((c) => c.communityId === community), examined: (await lastReads('admin', 'districtOverview')).docsExamined };
    };
    /** What the open cases say, counted here from the documents. */
    const open = (t: TicketDoc) => (OPEN as readonly string[]).includes(t.status);
    const since = now - 180 * DAY;
    const expected = () => ({
      staff: { overdue: tickets.filter((t) => open(t) && t.overdue).length, escalated: tickets.filter((t) => open(t) && t.rung >= 1).length, toDispatch: tickets.filter((t) => t.status === 'accepted').length },
      toDispatchShown: Math.min(tickets.filter((t) => t.status === 'accepted').length, PAGE),
      toRate: tickets.filter((t) => t.status === 'resolved' && new Date(t.resolvedAt ?? t.updatedAt).getTime() >= since).length,
      inPeriod: tickets.filter((t) => open(t) && t.overdue && new Date(t.submittedAt).getTime() >= Date.parse('2027-01-01T00:00:00+08:00')).length,
    });
    const staffLines = (l: Record<string, number>) => ({ overdue: l.overdue ?? 0, escalated: l.escalated ?? 0, toDispatch: l.toDispatch ?? 0 });

    await addTickets('hrt', 60, now, 7);
    await addQuestions('hrq', 150, worker, now);
    const before = { staff: await todos(staffHere), manager: await todos(manager), worker: await todos(worker), board: await board(), overview: await overview() };
    const e0 = expected();
    expect(e0.staff.overdue + e0.staff.escalated + e0.staff.toDispatch).toBeGreaterThan(0);
    expect(staffLines(before.staff.lines)).toEqual({ ...e0.staff, toDispatch: e0.toDispatchShown });
    expect(before.staff.more.includes('toDispatch')).toBe(e0.staff.toDispatch > PAGE);
    // 待评价 counts revisit.pending's first page, and says when there are more (home shows "20+").
    expect(before.manager.lines.toEvaluate ?? 0).toBe(Math.min(e0.toRate, PAGE));
    expect(before.manager.more.includes('toEvaluate')).toBe(e0.toRate > PAGE);
    expect(before.board.d.tickets.overdue).toBe(e0.inPeriod);
    expect(before.overview.row?.overdue).toBe(e0.inPeriod);

    // Ten times the history: ten times the demands over the same year (a few more still open, as in
    // the bench), and others' questions of the ten years before.
    await addTickets('hrx', 600, now, 8);
    await addQuestions('hro', 1500, 'someone-else', now - 365 * DAY);
    const after = { staff: await todos(staffHere), manager: await todos(manager), worker: await todos(worker), board: await board(), overview: await overview() };
    const e1 = expected();
    expect(e1.staff.overdue).toBeGreaterThan(e0.staff.overdue);
    // 待派单 counts the accepted tickets up to a page (the list it opens), "20+" beyond (test/functions/enterprise-page-reads.test.ts fills it past that).
    expect(staffLines(after.staff.lines)).toEqual({ ...e1.staff, toDispatch: e1.toDispatchShown });
    expect(after.staff.more.includes('toDispatch')).toBe(e1.staff.toDispatch > PAGE);
    expect(after.manager.lines.toEvaluate ?? 0).toBe(Math.min(e1.toRate, PAGE));
    expect(after.manager.more.includes('toEvaluate')).toBe(e1.toRate > PAGE);
    expect(after.worker.lines).toEqual(before.worker.lines);
    expect(after.worker.more).toEqual(before.worker.more);
    expect(after.board.d.tickets.overdue).toBe(e1.inPeriod);
    expect(after.overview.row?.overdue).toBe(e1.inPeriod);

    const figuresOf = Object.fromEntries(Object.entries({ before, after }).map(([when, r]) => [when, Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.examined]))]));
    console.info(`user.todos and dashboards, documents examined: ${JSON.stringify(figuresOf)}`);
    // Staff: overdue and escalated are a counter; to dispatch reads at most a page and one more of the accepted tickets' ids, whatever the backlog.
    expect(after.staff.examined).toBeLessThanOrEqual(before.staff.examined - Math.min(e0.staff.toDispatch, PAGE + 1) + PAGE + 1);
    // The worker: the same documents whatever others' history.
    expect(after.worker.examined).toBe(before.worker.examined);
    // A manager: what is theirs to rate or answer (resolved, suspended tickets of the enterprise), not its history.
    const due = (ts: TicketDoc[]) => ts.filter((t) => t.enterpriseId === enterpriseId && (t.status === 'resolved' || t.status === 'suspended')).length;
    expect(after.manager.examined).toBeLessThanOrEqual(before.manager.examined + due(tickets) - due(tickets.slice(0, 60)));
    // Dashboards: the counters of the year to date's days (at most one a day, 60 here), whatever the tickets behind them.
    expect(after.board.examined).toBeLessThanOrEqual(60 + 10);
    expect(after.overview.examined - before.overview.examined).toBeLessThanOrEqual(60);
  }, 300_000);
  it('revisit.pending reads a page plus a constant, and pages through every unrated case once, newest first, when ten times the history is added', async () => {
    const community = 'histreads-pending';
    const enterpriseId = 'ent-histreads-pending';
    await getDb().collection(Collections.communities).add({ _id: community, name: '待评价读数社区', createdAt: new Date() });
    const manager = await env.makeUser('manager', { communityId: community, enterpriseId });
    type Case = { kind: 'ticket' | 'question' | 'consultation'; id: string; at: number; rated: boolean };
    const cases: Case[] = [];
    const add = async (coll: string, docs: object[]) => {
      for (let i = 0; i < docs.length; i += 500) await getDb().collection(coll).add(docs.slice(i, i + 500));
    };
    /** `n` finished cases of each kind served between `from` and `to` ms before now; every `ratedEvery`-th already rated. Every fifth instant is shared by the three kinds (ties across sources). */
    const addCases = async (prefix: string, n: number, from: number, to: number, ratedEvery: number) => {
      const tickets: object[] = [];
      const questions: object[] = [];
      const bookings: object[] = [];
      const ratings: object[] = [];
      for (let i = 0; i < n; i++) {
        const instant = (k: number) => new Date(now - from - Math.floor(((i % 5 === 0 ? 0 : k) + i) * ((to - from) / n)));
        const ids = { ticket: `${prefix}-t${i}`, question: `${prefix}-q${i}`, consultation: `${prefix}-b${i}` };
        const at = { ticket: instant(0.1), question: instant(0.4), consultation: instant(0.7) };
        tickets.push({ _id: ids.ticket, number: ids.ticket, communityId: community, enterpriseId, status: 'resolved', category: 'permit', urgency: 'normal', rung: 0, submittedAt: new Date(at.ticket.getTime() - 10 * DAY), resolvedAt: at.ticket, leadUnitId: null, reopenCount: 0, version: 6, title: ids.ticket, description: 'd', attachments: [], updatedAt: at.ticket });
        // The manager's questions: most answered or solved, a few still open (not theirs to rate yet).
        const status = i % 7 === 3 ? 'open' : i % 2 ? 'solved' : 'answered';
        questions.push({ _id: ids.question, communityId: community, askerOpenid: manager, enterpriseId, anonymous: false, title: ids.question, description: '样本', category: 'hr', attachments: [], status, dueAt: null, overdueNotified: false, messageCount: 1, createdAt: new Date(at.question.getTime() - DAY), updatedAt: at.question });
        bookings.push({ _id: ids.consultation, communityId: community, bookerId: manager, enterpriseId, sessionId: 's', sessionKey: `${prefix}-s${i}`, sessionDate: '2026-10-12', monthKey: `${community}:2026-10`, profession: 'lawyer', slotIndex: 0, seat: 0, startsAt: new Date(at.consultation.getTime() - 3_600_000), endsAt: at.consultation, status: 'attended', seatKey: `${ids.consultation}-s`, bookerSlotKey: `${ids.consultation}-b`, bookerProfessionKey: `${ids.consultation}-p`, description: '咨询', attachments: [], via: 'direct', outcome: { advice: '建议', followUpNeeded: false, recordedAt: at.consultation, byOpenid: 'lawyer', byName: '陈律师' }, createdAt: at.consultation, updatedAt: at.consultation });
        for (const kind of ['ticket', 'question', 'consultation'] as const) {
          if (kind === 'question' && status === 'open') continue;
          const rated = (i + (kind === 'ticket' ? 0 : kind === 'question' ? 1 : 2)) % ratedEvery === 0;
          cases.push({ kind, id: ids[kind], at: at[kind].getTime(), rated });
          if (rated) ratings.push({ _id: `${kind}:${ids[kind]}:${manager}`, communityId: community, caseKind: kind, caseId: ids[kind], caseTitle: ids[kind], raterOpenid: manager, raterRole: 'manager', scores: { speed: 5, attitude: 5, result: 5 }, overall: 5, at: new Date(now), year: 2027, month: '2027-03', satisfied: 1, promoter: 1, detractor: 0, category: 'x', categoryKey: 'x' });
        }
      }
      await add(Collections.tickets, tickets);
      await add(Collections.questions, questions);
      await add(Collections.clinicBookings, bookings);
      if (ratings.length) await add(Collections.evaluations, ratings);
    };
    const walk = async () => {
      const seen: string[] = [];
      let maxExamined = 0;
      let first = 0;
      let cursor: string | undefined;
      for (let pages = 0; ; pages++) {
        if (pages > 100) throw new Error('the cursor never ends');
        const page = await env.ok<Page<PendingEvaluation>>('revisit', 'pending', cursor ? { cursor } : {}, { as: manager });
        const examined = (await lastReads('revisit', 'pending')).docsExamined;
        if (pages === 0) first = examined;
        maxExamined = Math.max(maxExamined, examined);
        expect(page.items.length).toBeLessThanOrEqual(PAGE);
        seen.push(...page.items.map((p) => `${p.caseKind}:${p.caseId}`));
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      return { seen, maxExamined, first };
    };
    const expected = () =>
      cases
        .filter((c) => !c.rated && c.at >= now - 180 * DAY)
        .sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0) || (a.kind < b.kind ? 1 : -1))
        .map((c) => `${c.kind}:${c.id}`);

    // Half a year of cases, a third of them rated already.
    await addCases('pnd', 60, DAY, 170 * DAY, 3);
    const before = await walk();
    expect(before.seen).toEqual(expected());
    expect(new Set(before.seen).size).toBe(before.seen.length);

    // Ten times the history: older cases (more than 180 days ago, never pending) and, among the
    // recent ones, long runs already rated (the pages read on past them, a bounded number of rounds).
    await addCases('old', 600, 200 * DAY, 3650 * DAY, 4);
    await addCases('rtd', 120, 2 * DAY, 169 * DAY, 1);
    const after = await walk();
    expect(after.seen).toEqual(expected());
    expect(new Set(after.seen).size).toBe(after.seen.length);
    console.info(`revisit.pending, documents examined: ${JSON.stringify({ before: { first: before.first, max: before.maxExamined }, after: { first: after.first, max: after.maxExamined } })}`);
    // A round reads each of its three sources up to a page and one more, and the evaluations found
    // among those rows; at most three rounds (plus the caller's record and the community's units) —
    // where reading every source whole examined well over a thousand here.
    const round = 3 * (PAGE + 1) + 3 * (PAGE + 1);
    expect(before.maxExamined).toBeLessThanOrEqual(round + 10);
    expect(after.maxExamined).toBeLessThanOrEqual(3 * round + 10);
  }, 300_000);
});
