/**
 * The qa subpackage of the production weapp build (dist/qa/), rendered headless: its pages load
 * their own chunk (sub-vendors: store, service, strings) on top of the main package. Only the
 * cloud is stubbed, at wx.cloud.callFunction, with envelopes shaped as core/api/qa says.
 */
import path from 'node:path';
import type { ApiResponse } from '@core/api/envelope';
import type { QuestionDetail } from '@core/api/qa';
import type { Me } from '@core/api/user';
import mainZh from '../src/i18n/zh-CN';
import qaZh from '../src/qa/i18n/zh-CN';
import { assertWeappBuilt } from './global-setup';
import { launchWeapp } from './support/weapp';

const DIST = path.resolve(__dirname, '..', 'dist');
const NOW = '2026-11-23T01:00:00.000Z';

const workerLi: Me = { openid: 'demo-worker-li', role: 'worker', name: '李小红', communityId: 'xingping', communityName: '兴平工业社区', locale: 'zh-CN', largeText: false, privacyAcceptedAt: NOW };

let seq = 0;
const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data, requestId: `req-${++seq}` });
const fail = (code: string): ApiResponse => ({ ok: false, error: { code, message: code }, requestId: `req-${++seq}` });

const answered: QuestionDetail = {
  id: 'q-1',
  title: '公司一直不跟我签劳动合同怎么办',
  category: 'legal',
  status: 'answered',
  anonymous: false,
  askerName: '李小红',
  createdAt: NOW,
  overdue: false,
  claimedByName: '陈律师',
  messageCount: 1,
  description: '干了三个月，没有签合同。',
  attachments: [],
  messages: [{ id: 'm-1', kind: 'answer', authorRole: 'responder', authorName: '陈律师', text: '可要求公司支付二倍工资。', attachments: [], createdAt: NOW }],
  can: { claim: false, answer: false, requestInfo: false, reply: true, solve: true, release: false, publishFaq: false },
};

describe('weapp qa subpackage, rendered headless', () => {
  beforeAll(assertWeappBuilt);

  test('the question page shows the thread, and "solved" is a keyed write that updates the page', async () => {
    const events: { name: string; action: string; data?: any; idempotencyKey?: string }[] = [];
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push({ name, ...event });
        if (name === 'user' && event.action === 'me') return ok(workerLi);
        if (name === 'qa' && event.action === 'get') return event.data.id === 'q-1' ? ok(answered) : fail('NOT_FOUND');
        if (name === 'qa' && event.action === 'solve') return ok({ ...answered, status: 'solved', can: { ...answered.can, reply: false, solve: false } });
        // The asker's cases to rate (revisit): this answered question is one, so 评价 shows.
        if (name === 'revisit' && event.action === 'pending') return ok({ items: [{ caseKind: 'question', caseId: 'q-1', title: answered.title, servedAt: NOW }] });
        return fail('INTERNAL');
      },
    });
    const page = await app.render('qa/pages/detail/index', { id: 'q-1' });
    await app.until(() => page.text().includes('可要求公司支付二倍工资。'), 'the answer in the thread');
    const text = page.text();
    expect(text).toContain(answered.title);
    expect(text).toContain(qaZh['qa.status.answered']);
    expect(text).toContain(qaZh['qa.category.legal']);
    expect(text).toContain(qaZh['qa.kind.answer']);

    await page.tap(page.byText(qaZh['qa.detail.solve'])!);
    await app.until(() => page.text().includes(qaZh['qa.detail.solvedNote']), 'the solved note');
    expect(page.text()).toContain(qaZh['qa.status.solved']);
    const solve = events.find((e) => e.action === 'solve')!;
    expect(solve.data).toEqual({ id: 'q-1' });
    expect(solve.idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(page.text()).toContain(mainZh['revisitNav.rate']);
    expect(events.filter((e) => !['me', 'get', 'solve', 'pending'].includes(e.action))).toEqual([]);
    page.unload();
  });
});
