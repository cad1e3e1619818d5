import type { Dashboard, EnterpriseOverview, VisitView } from '@core/api/console';
import { resetTaroMock } from '../../test-support/taro-mock';
import { fail, ok, installFakeTransport } from '../../test-support/fake-transport';
import { __setUploaderForTests } from '../../services/upload.service';
import type { Me } from '@core/api/user';
import { resetAppStore, useAppStore } from '..';
import { resetAdminStore, useAdminStore } from '../admin';
import { resetConsoleStore, useConsoleStore } from '.';
import { beijingToday, isDay, presetRange } from '../../staff/console-period';
import { countAxis, questionSeries } from '../../staff/dashboard-series';
import { ticketDraftUrl } from '../../clinic/pages/mine/ticket-draft';
import { resetTicketsStore, useTicketsStore } from '../tickets';

jest.mock('@tarojs/taro', () => ({ __esModule: true, default: require('../../test-support/taro-mock').taroMock }));

const { calls, handlers, sent } = installFakeTransport();

const visit = (over: Partial<VisitView> = {}): VisitView => ({
  id: 'v1',
  enterpriseId: 'e1',
  enterpriseName: '星火精密制造',
  date: '2026-11-20',
  visitorOpenid: 'staff-1',
  visitorName: '李社工',
  met: '王经理（人事主管）',
  topics: ['用工招聘'],
  photos: [],
  problems: [{ id: 'p1', category: 'recruiting', theme: '用工', description: '缺少数控操作工 20 名', status: 'open' }],
  createdAt: '2026-11-20T02:00:00Z',
  ...over,
});

const overview = (over: Partial<EnterpriseOverview> = {}): EnterpriseOverview => ({
  enterprise: { id: 'e1', name: '星火精密制造', creditCode: '91320594MA1XXXXX0X', workshops: [], communityId: 'c1', createdAt: '2026-01-01T00:00:00Z' } as unknown as EnterpriseOverview['enterprise'],
  counts: { visits: 3, questions: 2, consultations: 1, tickets: 2, openTickets: 1, evaluations: 1 },
  timeline: [{ kind: 'visit', id: 'v1', at: '2026-11-20T02:00:00Z', title: '走访' }],
  ...over,
});

beforeEach(() => {
  resetTaroMock();
  resetAppStore();
  resetAdminStore();
  resetConsoleStore();
  resetTicketsStore();
});

describe('console store: the visit log', () => {
  it('lists my visits, everyone’s or one enterprise’s, sending only the scope that says something', async () => {
    handlers['admin.listVisits'] = () => ok({ items: [visit()], nextCursor: 'c2' });
    await useConsoleStore.getState().loadVisits();
    await useConsoleStore.getState().loadVisits({});
    await useConsoleStore.getState().loadVisits({ enterpriseId: 'e1' });
    await useConsoleStore.getState().loadMoreVisits();
    expect(sent('listVisits')).toEqual([{ mine: true }, {}, { enterpriseId: 'e1' }, { enterpriseId: 'e1', cursor: 'c2' }]);
    expect(useConsoleStore.getState().visits.items).toHaveLength(2);
  });

  it('a recorded visit is sent with its key, shown, and put at the top of my list', async () => {
    handlers['admin.listVisits'] = () => ok({ items: [visit({ id: 'old' })] });
    handlers['admin.recordVisit'] = () => ok(visit({ id: 'new' }));
    await useConsoleStore.getState().loadVisits({ mine: true });
    const input = { enterpriseId: 'e1', date: '2026-11-20', met: '王经理', topics: ['用工招聘'], problems: [{ category: 'recruiting' as const, description: '缺工' }] };
    await useConsoleStore.getState().recordVisit(input, 'key-visit-1');
    const call = calls.find((c) => c.event.action === 'recordVisit')!;
    expect(call.event).toEqual({ action: 'recordVisit', idempotencyKey: 'key-visit-1', data: input });
    expect(useConsoleStore.getState().visits.items.map((v) => v.id)).toEqual(['new', 'old']);
    expect(useConsoleStore.getState().visit).toMatchObject({ key: 'new', status: 'ready' });
  });

  it('a visit photo is uploaded straight to storage into the caller’s own folder, named by its key', async () => {
    const seen: string[] = [];
    __setUploaderForTests(async (path) => {
      seen.push(path);
      return `cloud://env.bucket/${path}`;
    });
    useAppStore.setState({ me: { openid: 'demo-staff-zhang', role: 'staff', locale: 'zh-CN', largeText: false } as Me });
    const a = await useConsoleStore.getState().uploadVisitPhoto({ name: 'p1.jpg', contentType: 'image/jpeg', size: 1000, previewUrl: 'blob:1' }, 'key-photo-1');
    expect(seen).toEqual(['uploads/demo-staff-zhang/key-photo-1.jpg']);
    expect(a.fileID).toBe('cloud://env.bucket/uploads/demo-staff-zhang/key-photo-1.jpg');
    expect(calls).toEqual([]);
    __setUploaderForTests(undefined);
  });

  it('转为诉求: the visit comes back with the ticket, on screen and in the list', async () => {
    handlers['admin.listVisits'] = () => ok({ items: [visit()] });
    handlers['admin.getVisit'] = () => ok(visit());
    const ticketed = visit({ problems: [{ id: 'p1', category: 'recruiting', description: '缺工', status: 'ticketed', ticketId: 't9', ticketNumber: 'XP-2026-0009' }] });
    handlers['admin.problemToTicket'] = () => ok(ticketed);
    await useConsoleStore.getState().loadVisits();
    await useConsoleStore.getState().loadVisit('v1');
    await useConsoleStore.getState().problemToTicket({ visitId: 'v1', problemId: 'p1' }, 'key-ptt');
    expect(sent('problemToTicket')).toEqual([{ visitId: 'v1', problemId: 'p1' }]);
    expect(useConsoleStore.getState().visit.data?.problems[0]).toMatchObject({ status: 'ticketed', ticketId: 't9' });
    expect(useConsoleStore.getState().visits.items[0].problems[0].ticketId).toBe('t9');
  });

  it('a refused 转为诉求 leaves the problem open and reaches the page', async () => {
    handlers['admin.getVisit'] = () => ok(visit());
    handlers['admin.problemToTicket'] = () => fail('INPUT.INVALID');
    await useConsoleStore.getState().loadVisit('v1');
    await expect(useConsoleStore.getState().problemToTicket({ visitId: 'v1', problemId: 'p1' }, 'k')).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    expect(useConsoleStore.getState().visit.data?.problems[0].status).toBe('open');
  });
});

describe('console store: the enterprise picker', () => {
  it('searches on its own: the staff enterprise list keeps its keyword and items', async () => {
    handlers['admin.listEnterprises'] = (e) => ok({ items: [{ ...overview().enterprise, name: `hit for ${JSON.stringify(e.data)}` }] });
    useAdminStore.setState({ enterpriseKeyword: '模具' });
    await useConsoleStore.getState().searchEnterprises(' 甬森 ');
    await useConsoleStore.getState().searchEnterprises('');
    expect(sent('listEnterprises')).toEqual([{ keyword: '甬森' }, {}]);
    expect(useConsoleStore.getState().pickerEnterprises.items).toHaveLength(1);
    expect(useAdminStore.getState().enterpriseKeyword).toBe('模具');
    expect(useAdminStore.getState().enterprises.items).toEqual([]);
  });
});

describe('console store: an enterprise’s page', () => {
  it('reads the history page by page, appending, and the counts stay those of the first page', async () => {
    handlers['admin.enterpriseOverview'] = [
      () => ok(overview({ nextCursor: 'n2' })),
      () => ok(overview({ timeline: [{ kind: 'ticket', id: 't1', at: '2026-11-01T00:00:00Z', title: '环评', status: 'resolved' }] })),
    ];
    await useConsoleStore.getState().loadOverview('e1');
    await useConsoleStore.getState().loadMoreOverview();
    await useConsoleStore.getState().loadMoreOverview(); // last page: nothing more to ask
    expect(sent('enterpriseOverview')).toEqual([{ enterpriseId: 'e1' }, { enterpriseId: 'e1', cursor: 'n2' }]);
    expect(useConsoleStore.getState().overview.data?.timeline.map((i) => i.id)).toEqual(['v1', 't1']);
  });

  it('saved master data shows on the page and in the enterprise list', async () => {
    handlers['admin.enterpriseOverview'] = () => ok(overview());
    const e = { ...overview().enterprise, name: '星火精密（苏州）' };
    handlers['admin.updateEnterprise'] = () => ok(e);
    useAdminStore.setState({ enterprises: { items: [overview().enterprise], status: 'ready', loadingMore: false } });
    await useConsoleStore.getState().loadOverview('e1');
    await useConsoleStore.getState().updateEnterprise({ id: 'e1', name: '星火精密（苏州）' }, 'key-ent');
    expect(sent('updateEnterprise')).toEqual([{ id: 'e1', name: '星火精密（苏州）' }]);
    expect(useConsoleStore.getState().overview.data?.enterprise.name).toBe('星火精密（苏州）');
    expect(useAdminStore.getState().enterprises.items[0].name).toBe('星火精密（苏州）');
  });

  it('the instructors to choose from are the community’s, and a new one goes out with the save', async () => {
    handlers['admin.listUsers'] = () => ok({ items: [{ openid: 'demo-instructor-huang', role: 'instructor', name: '黄志强', createdAt: '' }] });
    handlers['admin.updateEnterprise'] = (e) => ok({ ...overview().enterprise, ...(e.data as object) });
    await useConsoleStore.getState().loadInstructors();
    await useConsoleStore.getState().updateEnterprise({ id: 'e1', instructorOpenid: 'demo-instructor-huang' }, 'k');
    expect(sent('listUsers')).toEqual([{ role: 'instructor' }]);
    expect(useConsoleStore.getState().instructors.data?.map((u) => u.name)).toEqual(['黄志强']);
    expect(sent('updateEnterprise')).toEqual([{ id: 'e1', instructorOpenid: 'demo-instructor-huang' }]);
  });

  it('a refused save reaches the page with its code; nothing changes', async () => {
    handlers['admin.enterpriseOverview'] = () => ok(overview());
    handlers['admin.updateEnterprise'] = () => fail('INPUT.INVALID');
    await useConsoleStore.getState().loadOverview('e1');
    await expect(useConsoleStore.getState().updateEnterprise({ id: 'e1', creditCode: 'X' }, 'k')).rejects.toMatchObject({ code: 'INPUT.INVALID' });
    expect(useConsoleStore.getState().overview.data?.enterprise.name).toBe('星火精密制造');
  });
});

describe('console store: dashboards, problems and exports', () => {
  it('the dashboard sends only filters that say something; a slow answer for an old filter is dropped', async () => {
    let release: (() => void) | undefined;
    const dash = (total: number) => ({ questions: { total } }) as unknown as Dashboard;
    handlers['admin.dashboard'] = [() => new Promise((resolve) => (release = () => resolve(ok(dash(1))))), () => ok(dash(2))];
    const first = useConsoleStore.getState().loadDashboard({ from: '2026-11-01', to: '2026-11-23', category: undefined, enterpriseId: '' });
    await useConsoleStore.getState().loadDashboard({ from: '2026-01-01', to: '2026-11-23', category: 'permit' });
    release!();
    await first;
    expect(sent('dashboard')).toEqual([
      { from: '2026-11-01', to: '2026-11-23' },
      { from: '2026-01-01', to: '2026-11-23', category: 'permit' },
    ]);
    expect(useConsoleStore.getState().dashboard.data?.questions.total).toBe(2);
  });

  it('the district supervisor names the community whose dashboard it reads; the overview is read for a period', async () => {
    handlers['admin.dashboard'] = () => ok({ questions: { total: 7 } } as unknown as Dashboard);
    await useConsoleStore.getState().loadDashboard({ from: '2026-01-01', to: '2026-11-23', communityId: 'xinbu' });
    expect(sent('dashboard')).toEqual([{ from: '2026-01-01', to: '2026-11-23', communityId: 'xinbu' }]);
    const row = { communityId: 'xinbu', name: '新埭工业社区', questions: 3, onTimeRate: 1, tickets: 2, open: 1, overdue: 0, escalated: 0, satisfactionRate: 0, evaluations: 0, requestsResolved: 1, enterprisesServed: 1 };
    const { communityId: _c, name: _n, ...totals } = row;
    handlers['admin.districtOverview'] = () => ok({ from: '2026-01-01', to: '2026-11-23', communities: [row], totals });
    await useConsoleStore.getState().loadDistrict({ from: '2026-01-01', to: '2026-11-23' });
    expect(sent('districtOverview')).toEqual([{ from: '2026-01-01', to: '2026-11-23' }]);
    expect(useConsoleStore.getState().district.data?.communities[0].name).toBe('新埭工业社区');
  });

  it('the problem list is read for a period and category, a page at a time: the next pages appended, the first page’s summary kept', async () => {
    const item = (id: string) => ({ source: 'question' as const, id, category: 'land' as const, theme: 'land', description: id, status: 'open' as const, at: '2026-11-02T00:00:00.000Z' });
    const summary = [{ category: 'land' as const, questions: 3, answered: 1, demands: 0, done: 0 }];
    handlers['admin.problemList'] = [
      () => ok({ from: '2026-11-01', to: '2026-11-23', items: [item('q1'), item('q2')], nextCursor: 'c2', summary }),
      () => ok({ from: '2026-11-01', to: '2026-11-23', items: [item('q3')] }),
    ];
    await useConsoleStore.getState().loadProblems({ from: '2026-11-01', to: '2026-11-23', category: 'land' });
    expect(useConsoleStore.getState().problems.status).toBe('ready');
    await useConsoleStore.getState().loadMoreProblems();
    expect(sent('problemList')).toEqual([
      { from: '2026-11-01', to: '2026-11-23', category: 'land' },
      { from: '2026-11-01', to: '2026-11-23', category: 'land', cursor: 'c2' },
    ]);
    const data = useConsoleStore.getState().problems.data!;
    expect(data.items.map((i) => i.id)).toEqual(['q1', 'q2', 'q3']);
    expect(data.summary).toEqual(summary);
    expect(data.nextCursor).toBeUndefined();
    // No next page: nothing more is asked.
    await useConsoleStore.getState().loadMoreProblems();
    expect(sent('problemList')).toHaveLength(2);
  });

  it('an export is made with its key and heads the history; its link is kept to show', async () => {
    handlers['admin.listExports'] = () => ok({ items: [{ id: 'x0', kind: 'visits', fileName: 'v.xlsx', rows: 3, createdAt: '2026-11-01T00:00:00Z', unmasked: false }] });
    handlers['admin.exportData'] = () => ok({ id: 'x1', kind: 'tickets', fileName: 't.xlsx', fileID: 'cloud://x/t.xlsx', url: 'http://files/t.xlsx', rows: 12, createdAt: '2026-11-23T00:00:00Z' });
    await useConsoleStore.getState().loadExports();
    const r = await useConsoleStore.getState().makeExport({ kind: 'tickets', from: '2026-11-01', to: '2026-11-23' }, 'key-x1');
    expect(calls.find((c) => c.event.action === 'exportData')!.event).toEqual({ action: 'exportData', idempotencyKey: 'key-x1', data: { kind: 'tickets', from: '2026-11-01', to: '2026-11-23' } });
    expect(r.url).toBe('http://files/t.xlsx');
    expect(useConsoleStore.getState().lastExport?.id).toBe('x1');
    expect(useConsoleStore.getState().exports.items.map((x) => [x.id, x.rows])).toEqual([
      ['x1', 12],
      ['x0', 3],
    ]);
  });

  it('a refused export (a non-staff caller) keeps the history as it was', async () => {
    handlers['admin.exportData'] = () => fail('AUTH.FORBIDDEN');
    await expect(useConsoleStore.getState().makeExport({ kind: 'tickets', from: '2026-11-01', to: '2026-11-23' }, 'k')).rejects.toMatchObject({ code: 'AUTH.FORBIDDEN' });
    expect(useConsoleStore.getState().lastExport).toBeUndefined();
  });
});

describe('console store: master data', () => {
  it('a saved unit replaces its old self, a new one joins the list', async () => {
    handlers['admin.listUnits'] = () => ok([{ id: 'u1', name: '市人社局', active: true }]);
    handlers['admin.saveUnit'] = [(e) => ok({ id: 'u1', ...(e.data as object), active: false }), () => ok({ id: 'u2', name: '区税务局', active: true })];
    await useConsoleStore.getState().loadUnits();
    await useConsoleStore.getState().saveUnit({ id: 'u1', name: '市人社局', active: false }, 'k1');
    await useConsoleStore.getState().saveUnit({ name: '区税务局' }, 'k2');
    expect(useConsoleStore.getState().units.data?.map((u) => [u.id, u.active])).toEqual([
      ['u1', false],
      ['u2', true],
    ]);
  });

  it('holiday corrections: the year asked for, and the server’s list after a change', async () => {
    handlers['admin.listHolidays'] = () => ok([]);
    handlers['admin.setHoliday'] = () => ok([{ date: '2027-02-05', kind: 'holiday', name: '春节', updatedAt: '2026-11-23T00:00:00Z' }]);
    await useConsoleStore.getState().loadHolidays(2027);
    await useConsoleStore.getState().setHoliday({ date: '2027-02-05', kind: 'holiday', name: '春节' }, 'k');
    expect(sent('listHolidays')).toEqual([{ year: 2027 }]);
    expect(useConsoleStore.getState().holidays).toMatchObject({ key: '2027', data: [{ date: '2027-02-05' }] });
  });

  it('a volunteer’s new profession shows in the approved list', async () => {
    handlers['admin.listUsers'] = () => ok({ items: [{ openid: 'vol-1', role: 'volunteer', profession: 'lawyer', volunteerStatus: 'approved', createdAt: '' }] });
    handlers['admin.setProfession'] = () => ok({ openid: 'vol-1', profession: 'accountant' });
    await useConsoleStore.getState().loadApprovedVolunteers();
    await useConsoleStore.getState().setProfession({ openid: 'vol-1', profession: 'accountant' }, 'k');
    expect(sent('listUsers')).toEqual([{ role: 'volunteer', volunteerStatus: 'approved' }]);
    expect(useConsoleStore.getState().approvedVolunteers.items[0].profession).toBe('accountant');
  });

  it('what one person saw is dropped when another signs in', async () => {
    handlers['admin.listUnits'] = () => ok([{ id: 'u1', name: '市人社局', active: true }]);
    useAppStore.setState({ me: { openid: 'a' } as never });
    await useConsoleStore.getState().loadUnits();
    useAppStore.setState({ me: { openid: 'b' } as never });
    expect(useConsoleStore.getState().units.status).toBe('idle');
  });
});

describe('periods and chart series (pure)', () => {
  const at = (iso: string) => Date.parse(iso);
  it('presets are Beijing days: late on 30 Nov UTC is already December in Beijing', () => {
    expect(beijingToday(at('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(presetRange('month', at('2026-11-30T17:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('year', at('2026-11-23T04:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-11-23' });
    expect(presetRange('last30', at('2026-03-01T04:00:00Z'))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('isDay accepts real calendar days only', () => {
    expect(['2026-02-28', '2028-02-29'].map(isDay)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', ''].map(isDay)).toEqual([false, false, false, false]);
  });

  it('questions per day stay daily up to 45 days and become months beyond', () => {
    const days = (n: number) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), asked: 2, answeredOnTime: 1 }));
    expect(questionSeries(days(30)).categories[0]).toBe('01-01');
    const year = questionSeries(days(59));
    expect(year.categories).toEqual(['2026-01', '2026-02']);
    expect(year.asked).toEqual([62, 56]);
    expect(year.onTime).toEqual([31, 28]);
  });
});

describe('consultation → ticket (#4)', () => {
  it('the submit page opens prefilled from the advice, and the ticket is sent with sourceConsultationId', async () => {
    const url = ticketDraftUrl({ id: 'c 1', description: '劳动合同到期不续签的补偿', outcome: { advice: '建议按 N+1 协商\n并保留证据', followUpNeeded: true, recordedAt: '' } } as never);
    const q = new URLSearchParams(url.split('?')[1]);
    expect(q.get('sourceConsultationId')).toBe('c 1');
    expect(q.get('title')).toBe('建议按 N+1 协商');
    expect(q.get('description')).toBe('劳动合同到期不续签的补偿\n\n建议按 N+1 协商\n并保留证据');
    handlers['tickets.submit'] = () => ok({ id: 't1', status: 'submitted' } as never);
    await useTicketsStore.getState().submit({ title: 'x', description: 'y', category: 'legal', sourceConsultationId: 'c1' }, 'key-sub');
    expect(sent('submit')).toEqual([{ title: 'x', description: 'y', category: 'legal', sourceConsultationId: 'c1' }]);
  });
});

describe('count axes (pure)', () => {
  it('whole steps of 1, 2, 5 × 10ⁿ, at most five, reaching the top value', () => {
    expect(countAxis([0])).toEqual({ max: 1, splitNumber: 1 });
    expect(countAxis([4, 3])).toEqual({ max: 4, splitNumber: 4 });
    expect(countAxis([6])).toEqual({ max: 6, splitNumber: 3 });
    expect(countAxis([9])).toEqual({ max: 10, splitNumber: 5 });
    expect(countAxis([40, 33])).toEqual({ max: 40, splitNumber: 4 });
    expect(countAxis([137])).toEqual({ max: 150, splitNumber: 3 });
    expect(countAxis([1234])).toEqual({ max: 1500, splitNumber: 3 });
  });
});
