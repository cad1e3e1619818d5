/**
 * The revisit subpackage of the production weapp build (dist/revisit/), rendered headless: the
 * rate page and the yearly survey load their own chunk (store, service, strings) on top of the
 * main package. Only the cloud is stubbed, at wx.cloud.callFunction, with envelopes shaped as
 * core/api/revisit says.
 */
import path from 'node:path';
import type { ApiResponse } from '@core/api/envelope';
import type { ConsultationView } from '@core/api/clinic';
import type { EvaluationView, MySurveyView, SurveyAnswer } from '@core/api/revisit';
import type { Me } from '@core/api/user';
import mainEn from '../src/i18n/en';
import mainZh from '../src/i18n/zh-CN';
import revisitEn from '../src/revisit/i18n/en';
import revisitZh from '../src/revisit/i18n/zh-CN';
import { assertWeappBuilt } from './global-setup';
import { launchWeapp, type RenderedPage } from './support/weapp';

const DIST = path.resolve(__dirname, '..', 'dist');
const NOW = '2026-11-23T01:00:00.000Z';

const workerLi: Me = { openid: 'demo-worker-li', role: 'worker', name: '李小红', communityId: 'xingping', communityName: '兴平工业社区', locale: 'zh-CN', largeText: false, privacyAcceptedAt: NOW };
const annaSchmidt: Me = { openid: 'demo-manager-schmidt', role: 'manager', name: 'Anna Schmidt', communityId: 'xingping', communityName: '兴平工业社区', locale: 'en', largeText: true };

let seq = 0;
const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data, requestId: `req-${++seq}` });
const fail = (code: string): ApiResponse => ({ ok: false, error: { code, message: code }, requestId: `req-${++seq}` });

/** Every innermost node whose whole text is `text` (the five stars of each row, in order). */
function allByText(page: RenderedPage, text: string): HTMLElement[] {
  const out: HTMLElement[] = [];
  const walk = (e: Element) => {
    const own = (e.textContent ?? '').trim();
    const child = Array.from(e.children).find((c) => (c.textContent ?? '').trim() === own);
    if (own === text && !child) out.push(e as HTMLElement);
    else for (const c of Array.from(e.children)) walk(c);
  };
  walk(page.dom);
  return out;
}

describe('weapp revisit subpackage, rendered headless', () => {
  beforeAll(assertWeappBuilt);

  test('the rate page: three rows of stars, a keyed rating once all are set; a poor one says staff will follow up', async () => {
    const events: { name: string; action: string; data?: any; idempotencyKey?: string }[] = [];
    let rated: EvaluationView | null = null;
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push({ name, ...event });
        if (name === 'user' && event.action === 'me') return ok(workerLi);
        if (name === 'revisit' && event.action === 'getEvaluation') return ok(rated);
        if (name === 'revisit' && event.action === 'evaluate') {
          const { caseKind, caseId, scores } = event.data;
          rated = { id: 'e-1', caseKind, caseId, caseTitle: '合同问题', scores, overall: 2, at: NOW, consequence: { kind: 'follow_up', followUpId: 'fu-1' } };
          return ok(rated);
        }
        return fail('INTERNAL');
      },
    });
    const page = await app.render('revisit/pages/rate/index', { caseKind: 'question', caseId: 'q-1', title: encodeURIComponent('公司不签劳动合同怎么办') });
    await app.until(() => page.text().includes(revisitZh['revisit.dim.attitude']), 'the rating rows');
    expect(page.text()).toContain('公司不签劳动合同怎么办');
    expect(page.text()).toContain(revisitZh['revisit.dim.speed']);
    expect(page.text()).toContain(revisitZh['revisit.dim.result']);
    // The stars' nodes are looked up afresh for each tap: a re-render may replace them.
    const star = (i: number) => allByText(page, '★')[i];
    expect(allByText(page, '★')).toHaveLength(15);

    // Not all rows rated: the page says so and sends nothing.
    await page.tap(star(1));
    await page.tap(page.byText(revisitZh['revisit.rate.submit'])!);
    await app.until(() => page.text().includes(revisitZh['revisit.rate.missing']), 'what is missing');
    expect(events.filter((e) => e.action === 'evaluate')).toEqual([]);

    await page.tap(star(5 + 1));
    await app.until(() => page.text().includes(`${revisitZh['revisit.dim.attitude']}*★★★★★${revisitZh['revisit.star.2']}`), 'two stars for attitude');
    await page.tap(star(10 + 0));
    await app.until(() => page.text().includes(revisitZh['revisit.star.1']), 'one star for the result');
    await page.tap(page.byText(revisitZh['revisit.rate.submit'])!);
    await app.until(() => page.text().includes(revisitZh['revisit.rate.thanks']), 'the result');
    expect(page.text()).toContain(revisitZh['revisit.rate.followUp']);
    const evaluate = events.filter((e) => e.action === 'evaluate');
    expect(evaluate).toHaveLength(1);
    expect(evaluate[0].data).toEqual({ caseKind: 'question', caseId: 'q-1', scores: { speed: 2, attitude: 2, result: 1 } });
    expect(evaluate[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(events.filter((e) => !['me', 'getEvaluation', 'evaluate'].includes(e.action))).toEqual([]);
    page.unload();
  });

  test('the yearly survey in English: required marks, nothing sent until the required are answered, then read-only', async () => {
    const events: { name: string; action: string; data?: any; idempotencyKey?: string }[] = [];
    const survey: MySurveyView = {
      campaignId: 'xingping:2026',
      year: 2026,
      answered: false,
      form: {
        id: 'form-1',
        title: { zh: '年度满意度回访', en: 'Yearly satisfaction revisit' },
        version: 1,
        updatedAt: NOW,
        questions: [
          { id: 'q1', kind: 'rating', required: true, scored: true, text: { zh: '总体满意度', en: 'Overall satisfaction' } },
          { id: 'q2', kind: 'single', required: true, text: { zh: '最常用的服务', en: 'Service used most' }, options: [{ id: 'o1', text: { zh: '企业诉求', en: 'Enterprise demands' } }, { id: 'o2', text: { zh: '三师坐诊' } }] },
          { id: 'q3', kind: 'text', required: false, text: { zh: '建议' } },
        ],
      },
    };
    let answers: SurveyAnswer[] | undefined;
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push({ name, ...event });
        if (name === 'user' && event.action === 'me') return ok(annaSchmidt);
        if (name === 'revisit' && event.action === 'mySurveys') return ok([answers ? { ...survey, answered: true, answeredAt: NOW, answers } : survey]);
        if (name === 'revisit' && event.action === 'answerSurvey') {
          if (answers) return fail('REVISIT.ALREADY_ANSWERED');
          answers = event.data.answers;
          return ok({ id: 'r-1', campaignId: survey.campaignId, enterpriseId: 'brenner', enterpriseName: 'Brenner', formId: 'form-1', formVersion: 1, answers, via: 'self', at: NOW, score: 4 });
        }
        return fail('INTERNAL');
      },
    });
    const page = await app.render('revisit/pages/survey/index', { campaignId: encodeURIComponent(survey.campaignId) });
    await app.until(() => page.text().includes('Overall satisfaction'), 'the English question');
    const text = page.text();
    expect(text).toContain('Yearly satisfaction revisit');
    expect(text).toContain('Enterprise demands');
    // No English wording for this option and this question: the Chinese stands in.
    expect(text).toContain('三师坐诊');
    expect(text).toContain('建议');
    expect(text).toContain(revisitEn['revisit.survey.once']);

    await page.tap(page.byText(revisitEn['revisit.survey.submit'])!);
    await app.until(() => page.text().includes(revisitEn['revisit.survey.problem.required']), 'the required marks');
    expect(page.text()).toContain(mainEn['error.REVISIT.ANSWER_INVALID']);
    expect(events.filter((e) => e.action === 'answerSurvey')).toEqual([]);

    await page.tap(allByText(page, '★')[3]);
    await page.tap(page.byText('Enterprise demands')!);
    await page.tap(page.byText(revisitEn['revisit.survey.submit'])!);
    await app.until(() => page.text().includes('Submitted on'), 'the answered survey');
    expect(page.text()).not.toContain(revisitEn['revisit.survey.submit']);
    // Read-only: the chosen option only, the unanswered question says so.
    expect(page.text()).not.toContain('三师坐诊');
    expect(page.text()).toContain(revisitEn['revisit.survey.noAnswer']);
    const sent = events.filter((e) => e.action === 'answerSurvey');
    expect(sent).toHaveLength(1);
    expect(sent[0].data).toEqual({ campaignId: 'xingping:2026', answers: [{ questionId: 'q1', rating: 4 }, { questionId: 'q2', choices: ['o1'] }] });
    expect(sent[0].idempotencyKey).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    page.unload();
  });

  test('我的预约: an attended consultation still to rate offers 评价, which opens the rate page for it; a rated or upcoming one does not', async () => {
    const base: ConsultationView = {
      id: 'c-attended',
      sessionId: '2026-11-20-am',
      slotIndex: 0,
      profession: 'lawyer',
      startsAt: '2026-11-20T00:30:00.000Z',
      endsAt: '2026-11-20T01:00:00.000Z',
      status: 'attended',
      description: '劳动合同到期不续签要补偿吗？',
      attachments: [],
      can: { cancel: false, reschedule: false, checkIn: false, recordOutcome: false },
    };
    const rated: ConsultationView = { ...base, id: 'c-rated', sessionId: '2026-11-13-am', description: '加班费如何计算？' };
    const upcoming: ConsultationView = { ...base, id: 'c-next', sessionId: '2026-11-27-am', status: 'confirmed', description: '股权转让如何缴税？', can: { cancel: true, reschedule: true, checkIn: false, recordOutcome: false } };
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        if (name === 'user' && event.action === 'me') return ok(workerLi);
        if (name === 'clinic' && event.action === 'myBookings') return ok({ items: [upcoming, base, rated], waitlist: [] });
        // Only the first attended consultation still waits for a rating.
        if (name === 'revisit' && event.action === 'pending') return ok({ items: [{ caseKind: 'consultation', caseId: 'c-attended', title: '三师问诊 2026-11-20', servedAt: NOW }] });
        return fail('INTERNAL');
      },
    });
    const page = await app.render('clinic/pages/mine/index');
    await app.until(() => page.text().includes(base.description) && page.text().includes(mainZh['revisitNav.rate']), 'the attended consultation and its 评价');
    expect(page.text()).toContain(rated.description);
    expect(allByText(page, mainZh['revisitNav.rate'])).toHaveLength(1);
    await page.tap(allByText(page, mainZh['revisitNav.rate'])[0]);
    await app.until(() => app.calls.navigate.length > 0, 'a navigation after tapping 评价');
    expect(app.calls.navigate).toEqual([{ api: 'navigateTo', url: '/revisit/pages/rate/index?caseKind=consultation&caseId=c-attended' }]);
    page.unload();
  });
});
