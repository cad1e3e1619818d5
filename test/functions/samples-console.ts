/** Samples for the staff console's `admin` actions (visits, problems, dashboards, exports, master data). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { statutoryHolidays } from '../../core/rules/statutory-holidays';
import { addDays, shanghaiDate } from '../../core/rules/working-days';
import type { TestEnv } from '../support/harness';
import type { Sample } from './samples';

const today = () => shanghaiDate(new Date());

let importedYears = 0;
/** A well-formed notice for `year` whose days off are the statutory days, one numbered item each. */
function statutoryNotice(year: number): string {
  const byName = new Map<string, string[]>();
  for (const d of statutoryHolidays(year)) byName.set(d.name, [...(byName.get(d.name) ?? []), d.date]);
  const cn = ['一', '二', '三', '四', '五', '六', '七'];
  const day = (ymd: string) => `${Number(ymd.slice(5, 7))}月${Number(ymd.slice(8, 10))}日`;
  const items = [...byName].map(([name, ds], i) => `${cn[i]}、${name}：${day(ds[0])}${ds.length > 1 ? `至${day(ds[ds.length - 1])}` : ''}放假，共${ds.length}天。`);
  return [`国务院办公厅关于${year}年部分节假日安排的通知`, ...items].join('\n');
}
const lastMonth = () => ({ from: addDays(today(), -30), to: today() });
const VISIT = { enterpriseId: 'ent-yongsen', met: '陈总（总经理）', topics: ['用工', '融资'], problems: [{ category: 'recruiting', theme: '用工', description: '冲压车间缺普工 30 人' }] };

/** A visit with one open problem, recorded by a fresh staff member. */
async function visitWithProblem(env: TestEnv): Promise<string> {
  const staff = await env.makeUser('staff');
  return (await env.ok<{ id: string }>('admin', 'recordVisit', { ...VISIT, date: today() }, { as: staff, idempotencyKey: env.key() })).id;
}

export const ConsoleSamples: Record<string, Sample> = {
  recordVisit: async () => ({ ...VISIT, date: today(), notes: '企业订单增长' }),
  listVisits: async () => ({}),
  getVisit: async (env) => ({ id: await visitWithProblem(env) }),
  problemToTicket: async (env) => ({ visitId: await visitWithProblem(env), problemId: 'p1' }),
  enterpriseOverview: async () => ({ enterpriseId: 'ent-yongsen' }),
  // The district role names the community; staff may name their own (the harness makes everyone in 兴平).
  problemList: async () => ({ ...lastMonth(), communityId: 'xingping' }),
  dashboard: async () => ({ ...lastMonth(), communityId: 'xingping' }),
  districtOverview: async () => lastMonth(),
  exportData: async () => ({ kind: 'visits', ...lastMonth() }),
  listExports: async () => ({}),
  updateEnterprise: async () => ({ id: 'ent-xpmould', address: '兴平工业社区兴平一路 8 号' }),
  listUnits: async () => ({}),
  saveUnit: async () => ({ name: `测试成员单位${randomBytes(3).toString('hex')}`, contactName: '李科长', contactPhone: '13800001111' }),
  setProfession: async (env) => ({ openid: await env.makeUser('volunteer'), profession: 'accountant' }),
  listHolidays: async () => ({ year: 2027 }),
  setHoliday: async () => ({ date: '2099-12-31', kind: 'holiday', name: '测试假日' }),
  holidayYear: async () => ({ year: 2027 }),
  previewHolidayNotice: async () => ({ text: readFileSync(path.join(__dirname, '../../core/rules/fixtures/holiday-notices/2027-test.txt'), 'utf8') }),
  // A fresh year each call (each allowed caller imports once): a notice giving exactly the statutory days off.
  importHolidayNotice: async () => ({ text: statutoryNotice(2030 + importedYears++) }),
  heldQueue: async () => ({}),
  releaseHeld: async (env) => ({ id: await heldText(env) }),
  rejectHeld: async (env) => ({ id: await heldText(env) }),
};

/** A fresh question WeChat's check sent to review (内部消息 is one of the emulator's review words): its held item's id. */
async function heldText(env: TestEnv): Promise<string> {
  const worker = await env.makeUser('worker');
  const q = await env.ok<{ id: string }>('qa', 'ask', { title: '内部消息', description: '听说厂里有内部消息，是真的吗？', category: 'legal' }, { as: worker, idempotencyKey: env.key() });
  const staff = await env.makeUser('staff');
  const queue = await env.ok<{ items: { id: string; page: string }[] }>('admin', 'heldQueue', {}, { as: staff });
  const item = queue.items.find((i) => i.page.endsWith(`id=${q.id}`));
  if (!item) throw new Error('the question was not held: is 内部消息 still a review word of the emulator?');
  return item.id;
}
