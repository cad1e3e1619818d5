import type { ApiResponse } from '@core/api/envelope';
import type { CampaignTargetView, CampaignView, EvaluationView, FollowUpView, MySurveyView, SurveyForm } from '@core/api/revisit';
import { resetTaroMock } from '../../test-support/taro-mock';
import { fail, ok, installFakeTransport } from '../../test-support/fake-transport';
import { ClientErrorCodes } from '../../services/api-error';
import { resetAppStore, useAppStore } from '..';
import type { Me } from '@core/api/user';
import { resetRevisitStore, useRevisitStore } from '.';
import { isPending, isRateable, usePendingCases } from './pending-count';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const { calls, handlers, actions } = installFakeTransport();

const evaluation = (over: Partial<EvaluationView> = {}): EvaluationView => ({
  id: 'e1',
  caseKind: 'ticket',
  caseId: 't1',
  caseTitle: '冲压车间急需招聘普工',
  scores: { speed: 2, attitude: 2, result: 1 },
  overall: 2,
  at: '2026-11-23T02:00:00Z',
  ...over,
});

const form: SurveyForm = {
  id: 'f1',
  title: { zh: '年度满意度回访', en: 'Yearly satisfaction survey' },
  version: 2,
  questions: [
    { id: 'q1', kind: 'rating', required: true, scored: true, text: { zh: '总体满意度', en: 'Overall satisfaction' } },
    { id: 'q2', kind: 'text', required: false, text: { zh: '建议', en: 'Suggestions' } },
  ],
  updatedAt: '2026-11-01T00:00:00Z',
};

const campaign = (over: Partial<CampaignView> = {}): CampaignView => ({
  id: 'c2026',
  year: 2026,
  formId: 'f1',
  formVersion: 2,
  title: form.title,
  status: 'open',
  launchedAt: '2026-11-23T01:00:00Z',
  targets: 3,
  responded: 0,
  responseRate: 0,
  ...over,
});

const target = (id: string, over: Partial<CampaignTargetView> = {}): CampaignTargetView => ({
  enterpriseId: id,
  enterpriseName: `企业 ${id}`,
  served: { tickets: 1, questions: 0, consultations: 0 },
  status: 'pending',
  reminders: 0,
  ...over,
});

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetRevisitStore();
  usePendingCases.setState({ items: undefined, more: undefined, older: {} });
});

describe('revisit store: rating a case', () => {
  it('sends the scores once with its key; the answer is the case’s evaluation and the case leaves 待评价', async () => {
    handlers['revisit.pending'] = () =>
      ok({
        items: [
          { caseKind: 'ticket', caseId: 't1', title: '招工', servedAt: '2026-11-22T00:00:00Z' },
          { caseKind: 'question', caseId: 'q9', title: '合同', servedAt: '2026-11-20T00:00:00Z' },
        ],
      });
    handlers['revisit.evaluate'] = () => ok(evaluation({ consequence: { kind: 'reopened' } }));
    await useRevisitStore.getState().loadPending();
    const e = await useRevisitStore.getState().evaluate({ caseKind: 'ticket', caseId: 't1', scores: { speed: 2, attitude: 2, result: 1 }, comment: '太慢' }, 'key-rate');
    expect(e.consequence).toEqual({ kind: 'reopened' });
    expect(calls[1].event).toEqual({ action: 'evaluate', idempotencyKey: 'key-rate', data: { caseKind: 'ticket', caseId: 't1', scores: { speed: 2, attitude: 2, result: 1 }, comment: '太慢' } });
    expect(useRevisitStore.getState().evaluation).toMatchObject({ key: 'ticket:t1', status: 'ready', data: { overall: 2 } });
    expect(useRevisitStore.getState().pending.items.map((p) => p.caseId)).toEqual(['q9']);
  });

  it('待评价 pages on with the cursor; a rated case leaves the pages already loaded', async () => {
    const row = (id: string) => ({ caseKind: 'question', caseId: id, title: id, servedAt: '2026-11-20T00:00:00Z' });
    handlers['revisit.pending'] = [() => ok({ items: [row('q3'), row('q2')], nextCursor: 'c2' }), () => ok({ items: [row('q1')] })];
    handlers['revisit.evaluate'] = () => ok(evaluation({ caseKind: 'question', caseId: 'q2', overall: 4, scores: { speed: 4, attitude: 4, result: 4 } }));
    await useRevisitStore.getState().loadPending();
    await useRevisitStore.getState().loadMorePending();
    // The last page has no cursor: asking for more asks nothing.
    await useRevisitStore.getState().loadMorePending();
    expect(calls.map((c) => c.event.data)).toEqual([{}, { cursor: 'c2' }]);
    expect(useRevisitStore.getState().pending).toMatchObject({ status: 'ready', nextCursor: undefined });
    expect(useRevisitStore.getState().pending.items.map((p) => p.caseId)).toEqual(['q3', 'q2', 'q1']);
    await useRevisitStore.getState().evaluate({ caseKind: 'question', caseId: 'q2', scores: { speed: 4, attitude: 4, result: 4 } }, 'k');
    expect(useRevisitStore.getState().pending.items.map((p) => p.caseId)).toEqual(['q3', 'q1']);
  });

  it('a rated case leaves the home badge’s list too (its 评价 button goes)', async () => {
    handlers['revisit.pending'] = () => ok({ items: [{ caseKind: 'ticket', caseId: 't1', title: '招工', servedAt: '2026-11-22T00:00:00Z' }] });
    handlers['revisit.evaluate'] = () => ok(evaluation({ overall: 4, scores: { speed: 4, attitude: 4, result: 4 } }));
    await usePendingCases.getState().load();
    await useRevisitStore.getState().evaluate({ caseKind: 'ticket', caseId: 't1', scores: { speed: 4, attitude: 4, result: 4 } }, 'k');
    expect(usePendingCases.getState().items).toEqual([]);
  });

  it('a case not rated yet is null (the form), not an error', async () => {
    handlers['revisit.getEvaluation'] = () => ok(null);
    await useRevisitStore.getState().loadEvaluation('consultation', 'b1');
    expect(calls[0].event.data).toEqual({ caseKind: 'consultation', caseId: 'b1' });
    expect(useRevisitStore.getState().evaluation).toMatchObject({ key: 'consultation:b1', status: 'ready', data: null });
  });

  it('a refused rating (REVISIT.ALREADY_EVALUATED) reaches the page and changes nothing', async () => {
    handlers['revisit.getEvaluation'] = () => ok(null);
    handlers['revisit.evaluate'] = () => fail('REVISIT.ALREADY_EVALUATED');
    await useRevisitStore.getState().loadEvaluation('ticket', 't1');
    await expect(useRevisitStore.getState().evaluate({ caseKind: 'ticket', caseId: 't1', scores: { speed: 5, attitude: 5, result: 5 } }, 'k')).rejects.toMatchObject({ code: 'REVISIT.ALREADY_EVALUATED' });
    expect(useRevisitStore.getState().evaluation.data).toBeNull();
  });

  it('a rating retried after a lost answer keeps its idempotency key', async () => {
    handlers['revisit.evaluate'] = [
      () => {
        throw Object.assign(new Error('timeout'), { code: ClientErrorCodes.NETWORK });
      },
      () => ok(evaluation({ overall: 5, scores: { speed: 5, attitude: 5, result: 5 } })),
    ];
    await useRevisitStore.getState().evaluate({ caseKind: 'ticket', caseId: 't1', scores: { speed: 5, attitude: 5, result: 5 } }, 'key-once');
    expect(calls.map((c) => c.event.idempotencyKey)).toEqual(['key-once', 'key-once']);
  });

  it('the cases to rate for the home badge and the 评价 buttons; nothing when the call fails', async () => {
    handlers['revisit.pending'] = [() => ok({ items: [{ caseKind: 'consultation', caseId: 'b1', title: 'x', servedAt: '2026-11-22T00:00:00Z' }], nextCursor: 'n1' }), () => fail('INTERNAL')];
    await usePendingCases.getState().load();
    expect(usePendingCases.getState().items).toHaveLength(1);
    // The first page only, and whether more follow (the badge's "1+").
    expect(usePendingCases.getState().more).toBe(true);
    expect(isPending(usePendingCases.getState().items, 'consultation', 'b1')).toBe(true);
    expect(isPending(usePendingCases.getState().items, 'question', 'b1')).toBe(false);
    await usePendingCases.getState().load();
    expect(usePendingCases.getState().items).toBeUndefined();
    expect(isPending(undefined, 'consultation', 'b1')).toBe(false);
  });

  it('a case older than the first page is looked up by itself: 评价 shows while it is not rated, and goes once it is', async () => {
    handlers['revisit.pending'] = () => ok({ items: [{ caseKind: 'question', caseId: 'q-new', title: 'x', servedAt: '2026-11-22T00:00:00Z' }], nextCursor: 'n1' });
    handlers['revisit.getEvaluation'] = [() => ok(null), () => ok(evaluation({ caseKind: 'question', caseId: 'q-rated' }))];
    handlers['revisit.evaluate'] = () => ok(evaluation({ caseKind: 'question', caseId: 'q-old' }));
    const s = usePendingCases.getState;
    await s().load();
    // In the first page: no lookup.
    await s().checkOlder('question', 'q-new');
    expect(actions()).toEqual(['revisit.pending']);
    await s().checkOlder('question', 'q-old');
    await s().checkOlder('question', 'q-rated');
    expect(calls.slice(1).map((c) => c.event.data)).toEqual([
      { caseKind: 'question', caseId: 'q-old' },
      { caseKind: 'question', caseId: 'q-rated' },
    ]);
    expect([isRateable(s(), 'question', 'q-new'), isRateable(s(), 'question', 'q-old'), isRateable(s(), 'question', 'q-rated')]).toEqual([true, true, false]);
    await useRevisitStore.getState().evaluate({ caseKind: 'question', caseId: 'q-old', scores: { speed: 4, attitude: 4, result: 4 } }, 'k');
    expect(isRateable(s(), 'question', 'q-old')).toBe(false);
  });

  it('without more pages nothing is looked up: the first page is the whole list', async () => {
    handlers['revisit.pending'] = () => ok({ items: [] });
    await usePendingCases.getState().load();
    await usePendingCases.getState().checkOlder('question', 'q-any');
    expect(actions()).toEqual(['revisit.pending']);
    expect(isRateable(usePendingCases.getState(), 'question', 'q-any')).toBe(false);
  });
});

describe('revisit store: the yearly survey', () => {
  it('answering marks the survey answered with the answers the server kept', async () => {
    const survey: MySurveyView = { campaignId: 'c2026', year: 2026, form, answered: false };
    handlers['revisit.mySurveys'] = () => ok([survey]);
    handlers['revisit.answerSurvey'] = (e) =>
      ok({ id: 'r1', campaignId: 'c2026', enterpriseId: 'brenner', enterpriseName: 'Brenner', formId: 'f1', formVersion: 2, answers: (e.data as { answers: unknown }).answers, via: 'self', at: '2026-11-23T03:00:00Z', score: 5 });
    await useRevisitStore.getState().loadSurveys();
    await useRevisitStore.getState().answerSurvey('c2026', [{ questionId: 'q1', rating: 5 }], 'key-survey');
    expect(calls[1].event).toEqual({ action: 'answerSurvey', idempotencyKey: 'key-survey', data: { campaignId: 'c2026', answers: [{ questionId: 'q1', rating: 5 }] } });
    expect(useRevisitStore.getState().surveys.data![0]).toMatchObject({ answered: true, answeredAt: '2026-11-23T03:00:00Z', answers: [{ questionId: 'q1', rating: 5 }] });
  });

  it('a second submission is refused and the survey stays as the server has it', async () => {
    handlers['revisit.mySurveys'] = () => ok([{ campaignId: 'c2026', year: 2026, form, answered: false }]);
    handlers['revisit.answerSurvey'] = () => fail('REVISIT.ALREADY_ANSWERED');
    await useRevisitStore.getState().loadSurveys();
    await expect(useRevisitStore.getState().answerSurvey('c2026', [{ questionId: 'q1', rating: 4 }], 'k')).rejects.toMatchObject({ code: 'REVISIT.ALREADY_ANSWERED' });
    expect(useRevisitStore.getState().surveys.data![0].answered).toBe(false);
  });
});

describe('revisit store: campaigns', () => {
  it('launching adds the campaign to the list and puts it on screen', async () => {
    handlers['revisit.listCampaigns'] = () => ok([campaign({ id: 'c2025', year: 2025, status: 'closed' })]);
    handlers['revisit.launchCampaign'] = () => ok(campaign());
    await useRevisitStore.getState().loadCampaigns();
    await useRevisitStore.getState().launchCampaign(2026, 'f1', 'key-launch');
    expect(calls[1].event).toEqual({ action: 'launchCampaign', idempotencyKey: 'key-launch', data: { year: 2026, formId: 'f1' } });
    expect(useRevisitStore.getState().campaigns.data!.map((c) => c.id)).toEqual(['c2026', 'c2025']);
    expect(useRevisitStore.getState().campaign).toMatchObject({ key: 'c2026', status: 'ready' });
  });

  it('targets keep their filter for the next page; another campaign starts from an empty list', async () => {
    handlers['revisit.campaignTargets'] = [
      () => ok({ items: [target('a')], nextCursor: 'n2' }),
      () => ok({ items: [target('b')] }),
      () => ok({ items: [target('z')] }),
    ];
    await useRevisitStore.getState().loadTargets('c2026', 'pending');
    await useRevisitStore.getState().loadMoreTargets();
    expect(calls.map((c) => c.event.data)).toEqual([
      { id: 'c2026', status: 'pending' },
      { id: 'c2026', status: 'pending', cursor: 'n2' },
    ]);
    expect(useRevisitStore.getState().targets.items.map((x) => x.enterpriseId)).toEqual(['a', 'b']);
    const other = useRevisitStore.getState().loadTargets('c2025');
    expect(useRevisitStore.getState().targets.items).toEqual([]);
    await other;
    expect(calls[2].event.data).toEqual({ id: 'c2025' });
  });

  it('催办: all non-responders (no list sent) or the selected ones; the targets reload with their reminder count', async () => {
    handlers['revisit.campaignTargets'] = [() => ok({ items: [target('a'), target('b')] }), () => ok({ items: [target('a', { reminders: 1 }), target('b', { reminders: 1 })] }), () => ok({ items: [target('a', { reminders: 1 }), target('b', { reminders: 1 })] })];
    handlers['revisit.remind'] = [() => ok({ sent: 2, skipped: 0 }), () => ok({ sent: 0, skipped: 1 })];
    await useRevisitStore.getState().loadTargets('c2026', 'pending');
    expect(await useRevisitStore.getState().remind('c2026', undefined, 'k-all')).toEqual({ sent: 2, skipped: 0 });
    expect(useRevisitStore.getState().targets.items.map((x) => x.reminders)).toEqual([1, 1]);
    await useRevisitStore.getState().remind('c2026', ['b'], 'k-b');
    const reminds = calls.filter((c) => c.event.action === 'remind').map((c) => c.event.data);
    expect(reminds).toEqual([{ id: 'c2026' }, { id: 'c2026', enterpriseIds: ['b'] }]);
  });

  it('代填 sends who, how and when with the answers; the campaign figures and targets reload', async () => {
    handlers['revisit.getCampaign'] = [() => ok(campaign()), () => ok(campaign({ responded: 1, responseRate: 1 / 3, averageScore: 4, satisfactionRate: 1 }))];
    handlers['revisit.campaignTargets'] = [() => ok({ items: [target('a')] }), () => ok({ items: [target('a', { status: 'answered', via: 'phone', contactName: '李经理' })] })];
    handlers['revisit.recordRevisit'] = (e) => ok({ id: 'r1', ...(e.data as object), enterpriseName: '企业 a', formId: 'f1', formVersion: 2 });
    await useRevisitStore.getState().loadCampaign('c2026');
    await useRevisitStore.getState().loadTargets('c2026');
    const input = { campaignId: 'c2026', enterpriseId: 'a', via: 'phone' as const, contactName: '李经理', at: '2026-11-23T02:00:00.000Z', answers: [{ questionId: 'q1', rating: 4 }] };
    await useRevisitStore.getState().recordRevisit(input, 'key-record');
    expect(calls.find((c) => c.event.action === 'recordRevisit')!.event).toEqual({ action: 'recordRevisit', idempotencyKey: 'key-record', data: input });
    expect(useRevisitStore.getState().campaign.data).toMatchObject({ responded: 1 });
    expect(useRevisitStore.getState().targets.items[0]).toMatchObject({ status: 'answered', via: 'phone' });
  });

  it('答卷: a campaign’s answers page by page; another campaign starts empty', async () => {
    const response = (id: string) => ({ id, campaignId: 'c2026', enterpriseId: id, enterpriseName: id, formId: 'f1', formVersion: 2, answers: [{ questionId: 'q1', rating: 5 }], via: 'self' as const, at: '2026-11-23T03:00:00Z', score: 5 });
    handlers['revisit.responses'] = [() => ok({ items: [response('a')], nextCursor: 'p2' }), () => ok({ items: [response('b')] }), () => ok({ items: [] })];
    await useRevisitStore.getState().loadResponses('c2026');
    await useRevisitStore.getState().loadMoreResponses();
    expect(calls.map((c) => c.event.data)).toEqual([{ id: 'c2026' }, { id: 'c2026', cursor: 'p2' }]);
    expect(useRevisitStore.getState().responses.items.map((r) => r.id)).toEqual(['a', 'b']);
    const other = useRevisitStore.getState().loadResponses('c2025');
    expect(useRevisitStore.getState().responses.items).toEqual([]);
    await other;
  });
});

describe('revisit store: forms, follow-ups and figures', () => {
  it('saving a form shows its new version on screen and in the list', async () => {
    handlers['revisit.listForms'] = () => ok([form]);
    handlers['revisit.saveForm'] = () => ok({ ...form, version: 3 });
    await useRevisitStore.getState().loadForms();
    const f = await useRevisitStore.getState().saveForm({ id: 'f1', title: form.title, questions: form.questions }, 'key-form');
    expect(f.version).toBe(3);
    expect(useRevisitStore.getState().forms.data!.map((x) => x.version)).toEqual([3]);
    expect(useRevisitStore.getState().form).toMatchObject({ key: 'f1', data: { version: 3 } });
  });

  it('an earlier version of a form is asked for by number and held under its own key', async () => {
    handlers['revisit.getForm'] = () => ok({ ...form, version: 1 });
    await useRevisitStore.getState().loadForm('f1', 1);
    expect(calls[0].event.data).toEqual({ id: 'f1', version: 1 });
    expect(useRevisitStore.getState().form.key).toBe('f1@v1');
  });

  it('closing a follow-up takes it off the open list; in the done list it shows its resolution', async () => {
    const fu = (id: string, over: Partial<FollowUpView> = {}): FollowUpView => ({ id, source: { kind: 'evaluation', id: 'e1' }, reason: '2 星：太慢', score: 2, status: 'open', createdAt: '2026-11-23T02:00:00Z', ...over });
    handlers['revisit.listFollowUps'] = [() => ok({ items: [fu('f1'), fu('f2')] }), () => ok({ items: [fu('f3')] })];
    handlers['revisit.closeFollowUp'] = (e) => ok(fu((e.data as { id: string }).id, { status: 'done', resolution: (e.data as { resolution: string }).resolution }));
    await useRevisitStore.getState().loadFollowUps('open');
    await useRevisitStore.getState().closeFollowUp('f1', '已电话回访，企业认可', 'k1');
    expect(useRevisitStore.getState().followUps.items.map((x) => x.id)).toEqual(['f2']);
    await useRevisitStore.getState().loadFollowUps(undefined);
    await useRevisitStore.getState().closeFollowUp('f3', '已处理', 'k2');
    expect(useRevisitStore.getState().followUps.items[0]).toMatchObject({ id: 'f3', status: 'done', resolution: '已处理' });
    expect(calls.filter((c) => c.event.action === 'listFollowUps').map((c) => c.event.data)).toEqual([{ status: 'open' }, {}]);
  });

  it('figures of a year are held under the year; an answer for a year no longer asked for is dropped', async () => {
    let release: (v: ApiResponse) => void = () => undefined;
    const figs = (year: number) => ({ year, evaluations: 1, satisfactionRate: 1, averageScore: 5, nps: 100, byMonth: [], byCaseKind: [], byCategory: [], byUnit: [], byVolunteer: [], lastYear: { evaluations: 0, satisfactionRate: 0, averageScore: 0, nps: 0 } });
    handlers['revisit.figures'] = [() => new Promise<ApiResponse>((r) => (release = r)), () => ok(figs(2025))];
    const first = useRevisitStore.getState().loadFigures(2026);
    await useRevisitStore.getState().loadFigures(2025);
    release(ok(figs(2026)));
    await first;
    expect(useRevisitStore.getState().figures).toMatchObject({ key: '2025', data: { year: 2025 } });
  });

  it('the ratings list sends only the filter that says something, and keeps it for the next page', async () => {
    handlers['revisit.listEvaluations'] = [() => ok({ items: [evaluation()], nextCursor: 'e2' }), () => ok({ items: [evaluation({ id: 'e2' })] }), () => ok({ items: [] })];
    await useRevisitStore.getState().loadEvaluations({ maxOverall: 2 });
    await useRevisitStore.getState().loadMoreEvaluations();
    await useRevisitStore.getState().loadEvaluations({});
    expect(calls.map((c) => c.event.data)).toEqual([{ maxOverall: 2 }, { maxOverall: 2, cursor: 'e2' }, {}]);
  });

  it('what one person saw is dropped when another signs in', async () => {
    handlers['revisit.pending'] = () => ok({ items: [{ caseKind: 'ticket', caseId: 't1', title: 'x', servedAt: '2026-11-22T00:00:00Z' }] });
    useAppStore.setState({ me: { openid: 'demo-manager-wang', role: 'manager' } as Me });
    await useRevisitStore.getState().loadPending();
    useAppStore.setState({ me: { openid: 'demo-worker-li', role: 'worker' } as Me });
    expect(useRevisitStore.getState().pending.status).toBe('idle');
    expect(actions()).toEqual(['revisit.pending']);
  });
});
