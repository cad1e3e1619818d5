/**
 * The staff console's dashboard in the production weapp build (dist/staff/), rendered headless:
 * the page loads its own chunk (console store, strings, uCharts) on top of the main package, reads
 * the dashboard once with the default period, shows the year-to-date figures and lays out a
 * Canvas 2d for each chart. Only the cloud is stubbed, with envelopes shaped as core/api/console says.
 */
import path from 'node:path';
import type { ConsultationView } from '@core/api/clinic';
import type { Dashboard } from '@core/api/console';
import type { ApiResponse } from '@core/api/envelope';
import type { Me } from '@core/api/user';
import zh from '../src/i18n/zh-CN';
import consoleZh from '../src/staff/i18n/zh-CN';
import ticketsZh from '../src/tickets/i18n/zh-CN';
import { assertWeappBuilt } from './global-setup';
import { launchWeapp } from './support/weapp';

const DIST = path.resolve(__dirname, '..', 'dist');

const staffLi: Me = { openid: 'demo-staff-li', role: 'staff', name: '李社工', communityId: 'xingping', communityName: '兴平工业社区', locale: 'zh-CN', largeText: false };

let seq = 0;
const ok = <T>(data: T): ApiResponse<T> => ({ ok: true, data, requestId: `req-${++seq}` });
const fail = (code: string): ApiResponse => ({ ok: false, error: { code, message: code }, requestId: `req-${++seq}` });

const dashboard = (filter: Dashboard['filter']): Dashboard => ({
  filter,
  questions: {
    total: 9,
    answered: 8,
    answeredOnTime: 7,
    onTimeRate: 7 / 9,
    perDay: [
      { date: '2026-11-02', asked: 4, answeredOnTime: 3 },
      { date: '2026-11-03', asked: 5, answeredOnTime: 4 },
    ],
    byCategory: [{ category: 'legal', count: 9 }],
  },
  tickets: {
    total: 6,
    byStatus: [
      { status: 'dispatched', count: 2 },
      { status: 'resolved', count: 4 },
    ],
    overdue: 3,
    escalationsByRung: [
      { rung: 1, count: 2 },
      { rung: 2, count: 1 },
    ],
    byCategory: [{ category: 'permit', count: 6 }],
    byUrgency: [{ urgency: 'normal', count: 6 }],
  },
  clinic: { byProfession: [{ profession: 'lawyer', seats: 10, booked: 8, attended: 6, noShow: 1 }], utilisation: 0.8, noShowRate: 1 / 7 },
  satisfaction: { byMonth: [{ month: '2026-11', count: 5, rate: 0.8 }], rate: 0.8, count: 5 },
  ytd: { year: 2026, requestsResolved: 137, enterprisesServed: 58, visits: 212, questions: 430, consultations: 96, tickets: 151 },
});

describe('weapp staff console, rendered headless', () => {
  beforeAll(assertWeappBuilt);

  test('the dashboard reads the figures for this month and lays out a canvas per chart', async () => {
    const events: { name: string; action: string; data?: any }[] = [];
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push({ name, ...event });
        if (name === 'user' && event.action === 'me') return ok(staffLi);
        if (name === 'admin' && event.action === 'dashboard') return ok(dashboard(event.data));
        return fail('INTERNAL');
      },
    });
    const page = await app.render('staff/pages/dashboard/index');
    await app.until(() => page.text().includes(consoleZh['console.ytd.requestsResolved']), 'the year-to-date figures');
    const text = page.text();
    expect(text).toContain('137');
    expect(text).toContain('58');
    expect(text).toContain(consoleZh['console.chart.questions']);
    expect(text).toContain('按时答复率 77.8%（7/9）');
    expect(text).toContain('号源利用率 80%');
    const asked = events.filter((e) => e.action === 'dashboard');
    expect(asked).toHaveLength(1);
    expect(Object.keys(asked[0].data).sort()).toEqual(['from', 'to']);
    expect(asked[0].data.from).toMatch(/^\d{4}-\d{2}-01$/);
    // One canvas per chart (questions, tickets by status, clinic, satisfaction), sized for drawing.
    const canvases = Array.from(page.dom.querySelectorAll('wx-canvas')) as HTMLElement[];
    expect(canvases).toHaveLength(4);
    expect(canvases.map((c) => c.style.width)).toEqual(['100%', '100%', '100%', '100%']);
    expect(canvases.every((c) => parseInt(c.style.height, 10) >= 160)).toBe(true);
    page.unload();
  });
});

describe('weapp: a consultation becomes a demand (#4)', () => {
  beforeAll(assertWeappBuilt);

  const wang: Me = { openid: 'demo-manager-wang', role: 'manager', name: '王海燕', communityId: 'xingping', communityName: '兴平工业社区', locale: 'zh-CN', largeText: false };
  const attended: ConsultationView = {
    id: 'c-attended',
    sessionId: '2026-11-20-am',
    slotIndex: 0,
    profession: 'lawyer',
    startsAt: '2026-11-20T00:30:00.000Z',
    endsAt: '2026-11-20T01:00:00.000Z',
    status: 'attended',
    description: '员工拒签劳动合同，企业该如何处理？',
    attachments: [],
    outcome: { advice: '书面通知签订并留存证据；一个月内仍拒签可终止劳动关系', followUpNeeded: true, recordedAt: '2026-11-20T01:00:00.000Z' },
    can: { cancel: false, reschedule: false, checkIn: false, recordOutcome: false, toTicket: true },
  };
  const linked: ConsultationView = { ...attended, id: 'c-linked', ticketId: 'tk-9', can: { ...attended.can, toTicket: false } };

  test('我的预约: 转为诉求 opens 企业点单 prefilled from the advice; a linked one opens its demand; the submit sends sourceConsultationId', async () => {
    const events: { name: string; action: string; data?: any }[] = [];
    const app = await launchWeapp({
      distDir: DIST,
      cloud: (name, event) => {
        events.push({ name, ...event });
        if (name === 'user' && event.action === 'me') return ok(wang);
        if (name === 'clinic' && event.action === 'myBookings') return ok({ items: [attended, linked], waitlist: [] });
        if (name === 'tickets' && event.action === 'submit') return ok({ id: 'tk-10', number: 'XP-2026-0010', status: 'submitted' });
        return fail('INTERNAL');
      },
    });
    const mine = await app.render('clinic/pages/mine/index');
    await app.until(() => page_has(mine, zh['consultation.toTicket']), 'the 转为诉求 button');
    await mine.tap(mine.byText(zh['consultation.toTicket'])!);
    await mine.tap(mine.byText(zh['consultation.viewTicket'])!);
    const [toTicket, toLinked] = app.calls.navigate.filter((n) => n.api === 'navigateTo');
    expect(toLinked.url).toBe('/tickets/pages/detail/index?id=tk-9');
    const [route, query] = toTicket.url.split('?');
    expect(route).toBe('/tickets/pages/submit/index');
    const q = new URLSearchParams(query);
    expect(q.get('sourceConsultationId')).toBe('c-attended');
    expect(q.get('description')).toContain(attended.outcome!.advice);
    mine.unload();

    // The submit page with those parameters: prefilled, and the demand goes out linked.
    const params = Object.fromEntries(query.split('&').map((kv) => kv.split('=') as [string, string]));
    const submit = await app.render('tickets/pages/submit/index', params);
    await app.until(() => page_has(submit, zh['consultation.fromConsultation']), 'the from-consultation note');
    await submit.tap(submit.byText(ticketsZh['tickets.category.legal'])!);
    await submit.tap(submit.byText(ticketsZh['tickets.submit.action'])!);
    await app.until(() => events.some((e) => e.action === 'submit'), 'the submit call');
    const sent = events.find((e) => e.action === 'submit')!.data;
    expect(sent).toMatchObject({ category: 'legal', sourceConsultationId: 'c-attended', title: '书面通知签订并留存证据；一个月内仍拒签可终止劳动关系' });
    expect(sent.description).toBe(`${attended.description}\n\n${attended.outcome!.advice}`);
    submit.unload();
  });
});

const page_has = (p: { text(): string }, s: string) => p.text().includes(s);
