/**
 * Reads that do not grow with history (issue 19 #2, second round): the documents an action
 * examines, as the emulator counts them per invocation (GET /__emulator/invocations), stay a page
 * plus a constant when ten times the history is added behind it — and the answers stay the same.
 *
 * qa.queue: the default queue (open, claimed, awaiting_info) asked as `status in [...]` walked
 * every question of those statuses to sort them; one query per status on the
 * (community | profession, status, createdAt) index reads its page and stops.
 *
 * admin.problemList lists a whole period, so it reads the period once: its pages follow the index's
 * time order (each continuing at the last row's instant, ties included), where pages by `_id`
 * ranges examined the whole period again for every page of a thousand.
 */
import type { Page } from '../../core/api/admin';
import type { ProblemList } from '../../core/api/console';
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

  it('admin.problemList reads the period once, and the same list whatever lies outside it', async () => {
    const community = 'histreads-problems';
    await getDb().collection(Collections.communities).add({ _id: community, name: '问题清单社区', createdAt: new Date() });
    const staffHere = await env.makeUser('staff', { communityId: community });
    const start = new Date('2027-02-01T00:00:00+08:00').getTime();
    const question = (id: string, at: number, status: QuestionStatus) => ({ _id: id, communityId: community, askerOpenid: 'asker', enterpriseId: 'ent-yongsen', enterpriseName: '永森', anonymous: false, title: id, description: '很长的描述'.repeat(20), category: 'hr', attachments: [], status, dueAt: null, overdueNotified: false, messageCount: 0, createdAt: new Date(at), updatedAt: new Date(at) });
    const ticket = (id: string, at: number) => ({ _id: id, number: id, communityId: community, enterpriseId: 'ent-yongsen', status: 'closed', category: 'permit', urgency: 'normal', rung: 0, submittedAt: new Date(at), version: 1, title: id, description: 'd', attachments: [] });
    const add = async (coll: string, docs: object[]) => {
      for (let i = 0; i < docs.length; i += 500) await getDb().collection(coll).add(docs.slice(i, i + 500));
    };
    // In February: 1,500 questions three to an instant, 1,050 more at one instant (more than a page of ties), 1,100 tickets two to an instant.
    const inPeriod = {
      questions: [
        ...Array.from({ length: 1500 }, (_, i) => question(`pq-${String(i).padStart(5, '0')}`, start + 3_600_000 + Math.floor(i / 3) * 60_000, i % 2 ? 'solved' : 'answered')),
        ...Array.from({ length: 1050 }, (_, i) => question(`pt-${String(i).padStart(5, '0')}`, start + 10 * DAY, 'solved')),
      ],
      tickets: Array.from({ length: 1100 }, (_, i) => ticket(`pk-${String(i).padStart(5, '0')}`, start + 3_600_000 + Math.floor(i / 2) * 60_000)),
    };
    await add(Collections.questions, inPeriod.questions);
    await add(Collections.tickets, inPeriod.tickets);
    const listed = async () => {
      const list = await env.ok<ProblemList>('admin', 'problemList', { from: '2027-02-01', to: '2027-02-28' }, { as: staffHere });
      const reads = await lastReads('admin', 'problemList');
      return { list, ids: list.groups.flatMap((g) => g.items.map((i) => i.id)), examined: reads.docsExamined };
    };
    const before = await listed();
    const expectedIds = [...inPeriod.questions, ...inPeriod.tickets].map((d) => d._id).sort();
    expect([...before.ids].sort()).toEqual(expectedIds);
    expect(before.list.total).toBe(expectedIds.length);
    // Twice the period's history outside it (the year before, and March).
    await add(Collections.questions, Array.from({ length: 5000 }, (_, i) => question(`px-${i}`, start - (i + 1) * 3_600_000, 'solved')));
    await add(Collections.tickets, Array.from({ length: 2000 }, (_, i) => ticket(`py-${i}`, start + 28 * DAY + (i + 1) * 60_000)));
    const after = await listed();
    expect(after.list).toEqual(before.list);
    console.info(`admin.problemList: ${before.ids.length} listed, ${before.examined} examined; with the history outside the period ×3: ${after.examined}`);
    // The period once, plus the caller and the ties at each page boundary read again (a few), and
    // the instant holding more than a page: its page repeated, then that instant by _id ranges
    // (three times its 1,050 at most). Pages by _id ranges read the period once per page instead.
    expect(before.examined).toBeLessThanOrEqual(expectedIds.length + 3 * 1050 + 50);
    expect(after.examined).toBe(before.examined);
  }, 180_000);
});
