/**
 * 每日一问诊 figures: FAQ search latency over 10,000 entries through the function (gateway →
 * runner → SDK → emulator, strict indexes on), and the database requests each qa action makes,
 * read from the emulator's GET /__emulator/invocations (a list page must make at most 2: the
 * caller's record and the page).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { percentile, sample } from '../emulator/bench/stats';
import { startEmulator } from '../emulator/src/index';
import { QaCategories } from '../core/api/qa';
import { entryTerms } from '../core/rules/search-terms';
import { getDb } from '../server/db/client';
import { Collections, indexDeclarations } from '../server/db/schema';
import { buildFunctions, FUNCTIONS_DIR } from './build-functions';
import { DEMO_COMMUNITY_ID, seedDemo } from './seed';

const FAQ_ENTRIES = 10_000;
const SEARCHES = 200;
const LIST_PAGE_MAX_DB = 2;

const SUBJECTS = ['工伤', '社保', '公积金', '加班费', '年休假', '劳动合同', '增值税', '专用发票', '企业所得税', '个税汇算', '外籍员工', '工作许可', '稳岗补贴', '技改补助', '环评', '危废', '消防验收', '安全生产', '职业病', '招聘', '实习生', '人才公寓', '子女入学', '食堂', '班车', '贷款贴息', '融资担保', '知识产权', '商标', '合同纠纷', '欠薪', '经济补偿', '竞业限制', '产假', '高温津贴', '最低工资', '出口退税', '研发费用加计扣除', '高新技术企业', '专精特新'];
const ASPECTS = ['怎么申请', '需要哪些材料', '多久能办好', '有什么条件', '标准是多少', '在哪里办理', '可以线上办吗', '逾期怎么办', '谁来负责', '如何计算'];
const WHO = ['外资企业', '小微企业', '新入职职工', '派遣员工', '退休返聘人员', '企业联络员', '车间班组长', '财务人员', '法务人员', '外籍高管'];

/** Entry i: a question from a subject, an aspect and a who; an answer naming its subject again. */
function entry(i: number, now: Date) {
  const s = SUBJECTS[i % SUBJECTS.length];
  const a = ASPECTS[Math.floor(i / SUBJECTS.length) % ASPECTS.length];
  const w = WHO[Math.floor(i / (SUBJECTS.length * ASPECTS.length)) % WHO.length];
  const question = `${w}的${s}${a}？（${i}）`;
  const answer = `关于${s}：请携带营业执照和经办人身份证到社区服务专窗，${w}按规定办理，一般5个工作日内完成。`;
  return {
    _id: `bench-faq-${i}`,
    communityId: DEMO_COMMUNITY_ID,
    category: QaCategories[i % QaCategories.length],
    question: { zh: question },
    answer: { zh: answer },
    published: true,
    ...entryTerms(question, answer),
    publishedAt: new Date(now.getTime() - i * 1000),
    updatedAt: now,
    createdBy: 'demo-staff-zhang',
  };
}

export async function benchQa(): Promise<Record<string, number | string>> {
  await buildFunctions({ only: ['qa'] });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-qa-'));
  const emulator = await startEmulator({ port: 0, dataDir, functionsDir: FUNCTIONS_DIR, logLevel: 'silent', triggers: false, indexes: indexDeclarations(), strictIndexes: 'all' });
  try {
    await seedDemo(emulator.url);
    const now = new Date();
    const db = getDb();
    for (let start = 0; start < FAQ_ENTRIES; start += 500) {
      await db.collection(Collections.faq).add(Array.from({ length: Math.min(500, FAQ_ENTRIES - start) }, (_, k) => entry(start + k, now)));
    }
    const call = async <T>(openid: string, action: string, data: unknown = {}, write = false): Promise<T> => {
      const res = await fetch(`${emulator.url}/functions/qa`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': openid },
        body: JSON.stringify({ action, data, idempotencyKey: write ? randomUUID().replace(/-/g, '') : undefined }),
      });
      const body = (await res.json()) as { result?: { ok: boolean; data: T; error?: unknown } };
      if (!body.result?.ok) throw new Error(`qa.${action} failed: ${JSON.stringify(body)}`);
      return body.result.data;
    };

    const queries = (i: number) => `${WHO[i % WHO.length]}${SUBJECTS[(i * 7) % SUBJECTS.length]}${ASPECTS[(i * 3) % ASPECTS.length]}`;
    let firstRight = 0;
    const search = await sample(SEARCHES, async (i) => {
      const hits = await call<{ question: { zh: string } }[]>('demo-worker-li', 'searchFaq', { q: queries(i) });
      if (hits[0]?.question.zh.includes(SUBJECTS[(i * 7) % SUBJECTS.length])) firstRight += 1;
    });
    const similar = await sample(50, (i) => call('guest-bench', 'similar', { text: queries(i + 1000) }));

    // One call of each action, then the database requests each made.
    const worker = 'demo-worker-li';
    const staff = 'demo-staff-zhang';
    const q = await call<{ id: string }>(worker, 'ask', { title: '工伤认定需要哪些材料', description: '上周在车间受伤', category: 'hr' }, true);
    await call(staff, 'claim', { id: q.id }, true);
    await call(staff, 'answer', { id: q.id, text: '带上诊断证明和劳动合同。' }, true);
    await call(worker, 'reply', { id: q.id, text: '谢谢，还需要单位盖章吗？' }, true);
    await call(worker, 'solve', { id: q.id }, true);
    await call(worker, 'mine', {});
    await call(staff, 'queue', {});
    await call(staff, 'queue', { overdueOnly: true });
    await call(worker, 'get', { id: q.id });
    await call(worker, 'listFaq', {});
    await call('guest-bench', 'listFaq', { category: 'legal' });
    await call(worker, 'getFaq', { id: 'bench-faq-1' });
    await call(staff, 'publishFaq', { questionId: q.id, category: 'hr', question: { zh: '工伤认定需要哪些材料？' }, answer: { zh: '诊断证明和劳动合同。' } }, true);

    const invocations = ((await (await fetch(`${emulator.url}/__emulator/invocations`)).json()) as { invocations: { fn: string; label?: string; actions: Record<string, number> }[] }).invocations;
    const dbRequests = new Map<string, number>();
    for (const inv of invocations) {
      if (inv.fn !== 'qa' || !inv.label) continue;
      const n = Object.entries(inv.actions).reduce((sum, [k, v]) => (k.startsWith('database.') ? sum + v : sum), 0);
      dbRequests.set(inv.label, Math.max(dbRequests.get(inv.label) ?? 0, n));
    }
    const figures: Record<string, number | string> = {
      [`qa.searchFaq over ${FAQ_ENTRIES} entries p50 (ms)`]: percentile(search, 50),
      [`qa.searchFaq over ${FAQ_ENTRIES} entries p95 (ms)`]: percentile(search, 95),
      'qa.searchFaq first hit on the query subject (%)': (100 * firstRight) / SEARCHES,
      'qa.similar (guest, all communities) p95 (ms)': percentile(similar, 95),
    };
    for (const action of ['mine', 'queue', 'listFaq', 'get', 'getFaq', 'searchFaq', 'similar', 'ask', 'claim', 'answer', 'reply', 'solve', 'publishFaq']) {
      const n = dbRequests.get(action) ?? -1;
      const list = ['mine', 'queue', 'listFaq'].includes(action);
      figures[`db requests: qa.${action}${list ? ` (list page, ≤ ${LIST_PAGE_MAX_DB})` : ''}`] = list && n > LIST_PAGE_MAX_DB ? `${n}  OVER BUDGET` : n;
    }
    return figures;
  } finally {
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  process.env.LOG_LEVEL = 'silent';
  benchQa()
    .then((f) => {
      for (const [k, v] of Object.entries(f)) console.log(`  ${k.padEnd(56)} ${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(2)) : v}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
