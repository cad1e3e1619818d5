/**
 * The holiday calendar through the emulator, the real SDK and the real bundles, on 2027 — the
 * first year chinese-days 1.5.7 does not hold: without an arrangement the statutory days are off
 * (no clinic on 元旦 or the Spring Festival days; a question asked on Thursday 31 December is due
 * Monday 4 January), and every screen says only the statutory days are known; a pasted notice is
 * previewed, refused with a clear code when it is bad (nothing saved), and once imported its
 * make-up working days appear in the clinic calendar and the deadlines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SessionView } from '../../core/api/clinic';
import type { DistrictOverview, HolidayYear, NoticePreview } from '../../core/api/console';
import type { QuestionDetail } from '../../core/api/qa';
import { getDb } from '../../server/db/client';
import { Collections } from '../../server/db/schema';
import { code, useTestEnv } from '../support/harness';

const notice = (name: string) => readFileSync(path.join(__dirname, '../../core/rules/fixtures/holiday-notices', `${name}.txt`), 'utf8');
const STAFF = 'demo-staff-zhang';
const WORKER = 'demo-worker-li';
const DISTRICT = 'demo-district-qian';
const b = (ymd: string, hm: string) => new Date(`${ymd}T${hm}:00+08:00`).toISOString();
describe('the holiday calendar for 2027 (no package data)', () => {
  const env = useTestEnv('2026-12-05T10:00:00+08:00');

  const sessions = (month: string) => env.ok<SessionView[]>('clinic', 'calendar', { month }, { as: WORKER });
  const arrangements = async () => (await getDb().collection(Collections.holidayArrangements).where({ year: 2027 }).get()).data.length;

  it('without an arrangement: no clinic on 元旦 nor on 除夕–初三, and the calendar says only the statutory days are known', async () => {
    const jan = await sessions('2027-01');
    expect(jan.map((s) => s.date)).not.toContain('2027-01-01');
    expect(jan.every((s) => s.statutoryOnly === true)).toBe(true);
    const feb = await sessions('2027-02');
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08']) expect(feb.map((s) => s.date)).not.toContain(d);
    expect(feb.map((s) => s.date)).toContain('2027-02-10'); // Wednesday: the rule alone does not give it off
    expect(feb.map((s) => s.date)).not.toContain('2027-02-20');
    // This year's sessions are not flagged: the package holds 2026.
    expect((await sessions('2026-12')).some((s) => s.statutoryOnly)).toBe(false);
  });

  it('a question asked on Thursday 2026-12-31 is due on Monday 2027-01-04 at 18:00, and says the arrangement is missing', async () => {
    await env.setClock({ now: '2026-12-31T10:00:00+08:00' });
    const q = await env.ok<QuestionDetail>('qa', 'ask', { title: '年底加班费怎么算', description: '元旦前后加班的工资怎么计算？', category: 'hr' }, { as: WORKER, idempotencyKey: env.key() });
    expect(q.dueAt).toBe(b('2027-01-04', '18:00'));
    expect(q.calendarMissingYears).toEqual([2027]);
    await env.setClock({ now: '2026-12-05T10:00:00+08:00' });
  });

  it('staff see the year as statutory only and the to-do; the district supervisor sees which communities lack it', async () => {
    const y = await env.ok<HolidayYear>('admin', 'holidayYear', { year: 2027 }, { as: STAFF });
    expect(y.coverage).toBe('statutory_only');
    expect(y.todo).toEqual({ year: 2027, coverage: 'statutory_only', missing: true });
    expect(y.days.filter((d) => d.kind === 'statutory').map((d) => d.date)).toContain('2027-02-05');
    expect(y.days.some((d) => d.kind === 'make_up')).toBe(false);
    const overview = await env.ok<DistrictOverview>('admin', 'districtOverview', { from: '2026-11-01', to: '2026-12-05' }, { as: DISTRICT });
    const row = overview.communities.find((c) => c.communityId === 'xingping')!;
    expect(row.holidayArrangement).toEqual({ year: 2027, coverage: 'statutory_only', missing: true });
    expect(overview.totals.holidayArrangementMissing).toBe(overview.communities.length);
  });

  it('bad input: not a notice, a year already known, days against the rule → a clear code and a preview with the problem; nothing saved', async () => {
    const preview = (text: string) => env.ok<NoticePreview>('admin', 'previewHolidayNotice', { text }, { as: STAFF });
    const importing = (text: string) => env.call('admin', 'importHolidayNotice', { text }, { as: STAFF, idempotencyKey: env.key() });

    const junk = '关于做好2027年元旦春节期间安全生产工作的通知：各企业要加强值班值守。';
    expect(await preview(junk)).toEqual({ items: [], days: [], problems: [{ code: 'not_a_notice' }], canImport: false });
    expect(code(await importing(junk))).toBe('HOLIDAY.NOT_A_NOTICE');

    const known = await preview(notice('2026'));
    expect(known).toMatchObject({ year: 2026, canImport: false, problems: [{ code: 'in_package' }] });
    expect(code(await importing(notice('2026')))).toBe('HOLIDAY.ALREADY_IMPORTED');

    const wrong = notice('2027-test').replace('10月1日（周五）至7日（周四）放假调休', '10月2日（周六）至7日（周四）放假调休');
    const p = await preview(wrong);
    expect(p).toMatchObject({ year: 2027, canImport: false, problems: [{ code: 'statutory_not_off', date: '2027-10-01', name: '国庆节' }] });
    const refused = await importing(wrong);
    expect(code(refused)).toBe('HOLIDAY.CONTRADICTS_RULE');
    expect(await arrangements()).toBe(0);
  });

  it('after importing the notice, the make-up days appear: the clinic sits on Saturday 20 February, deadlines skip the week off', async () => {
    const p = await env.ok<NoticePreview>('admin', 'previewHolidayNotice', { text: notice('2027-test') }, { as: STAFF });
    expect(p).toMatchObject({ year: 2027, canImport: true, problems: [] });
    expect(p.days.filter((d) => d.working).map((d) => d.date)).toEqual(['2027-02-20', '2027-04-25', '2027-05-08', '2027-09-26', '2027-10-09']);

    const y = await env.ok<HolidayYear>('admin', 'importHolidayNotice', { text: notice('2027-test') }, { as: STAFF, idempotencyKey: env.key() });
    expect(y.coverage).toBe('imported');
    expect(y.todo.missing).toBe(false);
    expect(y.days.find((d) => d.date === '2027-02-20')).toMatchObject({ kind: 'make_up', working: true });
    expect(y.days.find((d) => d.date === '2027-02-10')).toMatchObject({ kind: 'arranged_off', working: false });
    expect(await arrangements()).toBe(1);
    // A second import of the year (a colleague, a double tap with a new key) is refused.
    expect(code(await env.call('admin', 'importHolidayNotice', { text: notice('2027-test') }, { as: STAFF, idempotencyKey: env.key() }))).toBe('HOLIDAY.ALREADY_IMPORTED');

    // Every function instance reloads the calendar within a minute.
    await env.setClock({ advanceMs: 61_000 });
    const feb = await sessions('2027-02');
    expect(feb.find((s) => s.date === '2027-02-20')).toMatchObject({ kind: 'make_up' });
    expect(feb.map((s) => s.date)).not.toContain('2027-02-10');
    expect(feb.some((s) => s.statutoryOnly)).toBe(false);

    await env.setClock({ now: '2027-02-04T10:00:00+08:00' }); // Thursday before 除夕
    const q = await env.ok<QuestionDetail>('qa', 'ask', { title: '春节值班工资', description: '春节期间值班工资怎么算？', category: 'hr' }, { as: WORKER, idempotencyKey: env.key() });
    expect(q.dueAt).toBe(b('2027-02-15', '18:00'));
    expect(q.calendarMissingYears).toBeUndefined();

    const overview = await env.ok<DistrictOverview>('admin', 'districtOverview', { from: '2027-01-01', to: '2027-02-04' }, { as: DISTRICT });
    expect(overview.communities.find((c) => c.communityId === 'xingping')!.holidayArrangement).toEqual({ year: 2027, coverage: 'imported', missing: false });
  });
});
