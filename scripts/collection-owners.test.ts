/**
 * Modules own their data (issue 18 item 2): a collection is named (read or written) only by its
 * owner in server/db/schema.ts's CollectionOwners; every other module asks the owner through its
 * index.ts. Two places cross it, each named here with the collections it may touch and why; a new
 * crossing (or a new collection in one of them) fails this test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CollectionOwners, Collections } from '../server/db/schema';

const ROOT = join(__dirname, '..');
type Key = keyof typeof Collections;

/** The owner a file speaks for: its module, the kernel, or the calendar's data. */
function ownerOf(file: string): string | undefined {
  const m = /^server\/modules\/([^/]+)\//.exec(file);
  if (m) return m[1];
  if (file.startsWith('server/kernel/')) return 'kernel';
  if (file === 'server/platform/holiday-calendar.ts') return 'calendar';
  return undefined;
}

/** The collections personal-data.ts declares (where a person's records are). */
const PERSONAL = new Set((readFileSync(join(ROOT, 'server/modules/account/personal-data.ts'), 'utf8').match(/Collections\.(\w+)/g) ?? []).map((x) => x.slice('Collections.'.length)));

const CROSSINGS: { path: RegExp; may: (key: Key) => boolean; why: string }[] = [
  {
    // 我的数据 / 注销 (PIPL arts. 45, 47): the export and the anonymisation reach every record about a
    // person, through one declared table (server/modules/account/personal-data.ts), plus the person's
    // own record, their enterprise's contact, their visits and their idempotency records.
    path: /^server\/modules\/account\//,
    may: (key) => PERSONAL.has(key) || ['users', 'enterprises', 'visits', 'requests'].includes(key),
    why: 'PIPL: a person’s data, wherever it is, by the declared table',
  },
  {
    // The rollups' reconciliation recounts the day's cases from the raw data (a recount is by
    // definition a read of the owners' records); it reads only the fields core/rules/figures.ts names.
    path: /^server\/modules\/figures\/index\.ts$/,
    may: (key) => ['tickets', 'questions', 'clinicBookings', 'evaluations'].includes(key),
    why: 'the nightly recount of the rollups from the raw cases',
  },
  {
    // Being rewritten on rollups (the dashboard and district overview): until then it reads the cases itself.
    path: /^server\/modules\/console\/dashboard\.use-cases\.ts$/,
    may: (key) => ['tickets', 'questions', 'clinicBookings', 'clinicDuties', 'evaluations'].includes(key),
    why: 'dashboard aggregates, to be read through the owners’ rollups',
  },
];

/** The uses of a collection by someone other than its owner, outside the declared crossings. */
function strays(list: { file: string; key: Key }[]): string[] {
  return list
    .filter(({ file, key }) => {
      if (!(key in CollectionOwners)) return true;
      if (ownerOf(file) === CollectionOwners[key]) return false;
      const crossing = CROSSINGS.find((c) => c.path.test(file));
      return !crossing || !crossing.may(key);
    })
    .map((s) => `${s.file}: Collections.${s.key} (owner ${CollectionOwners[s.key] ?? '?'})`);
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) return files(p);
    return /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [p] : [];
  });
}

const uses = files(join(ROOT, 'server'))
  .map((p) => relative(ROOT, p).split('\\').join('/'))
  .filter((f) => f !== 'server/db/schema.ts')
  .flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/Collections\.(\w+)/g)].map((m) => ({ file, key: m[1] as Key })));

test('every collection has an owner, and every owner is a module (or the kernel, or the calendar)', () => {
  expect(Object.keys(CollectionOwners).sort()).toEqual(Object.keys(Collections).sort());
  const modules = readdirSync(join(ROOT, 'server/modules'));
  for (const owner of new Set(Object.values(CollectionOwners))) expect({ owner, known: modules.includes(owner) || owner === 'kernel' || owner === 'calendar' }).toEqual({ owner, known: true });
});

test('a collection is named only by its owner (and the declared crossings)', () => {
  // Not vacuous: the scan sees the owners' own repositories.
  expect(uses.filter((u) => ownerOf(u.file) === CollectionOwners[u.key]).length).toBeGreaterThan(80);
  expect(strays(uses)).toEqual([]);
});

test('the check bites: another module naming a collection, or a crossing reaching beyond what it declares, is reported', () => {
  expect(
    strays([
      { file: 'server/modules/qa/qa.use-cases.ts', key: 'tickets' },
      { file: 'server/modules/console/dashboard.use-cases.ts', key: 'inbox' },
      { file: 'server/modules/account/account.use-cases.ts', key: 'ticketCounters' },
      { file: 'server/platform/storage.ts', key: 'holidays' },
      { file: 'server/modules/tickets/tickets.repository.ts', key: 'tickets' },
      { file: 'server/platform/holiday-calendar.ts', key: 'holidays' },
    ]),
  ).toEqual([
    'server/modules/qa/qa.use-cases.ts: Collections.tickets (owner tickets)',
    'server/modules/console/dashboard.use-cases.ts: Collections.inbox (owner notify)',
    'server/modules/account/account.use-cases.ts: Collections.ticketCounters (owner tickets)',
    'server/platform/storage.ts: Collections.holidays (owner calendar)',
  ]);
});
