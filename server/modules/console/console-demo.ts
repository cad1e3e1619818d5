/**
 * Demo visits for the staff console (scripts/seed.ts): a handful over the last weeks, with
 * problems of several categories and themes, one of them already a ticket (with its history),
 * so the visit log, the problem list and the dashboards have something to show on first start.
 */
import { addDays, shanghaiDate } from '../../../core/rules/working-days';
import { applyPatch, submitTicket, transition, type TicketAct, type TicketActor, type TransitionInput } from '../../../core/rules/ticket-machine';
import type { HistoryDoc, TicketDoc } from '../tickets';
import type { VisitDoc } from './visits.repository';

export function demoVisits(communityId: string, now: Date): { visits: VisitDoc[]; tickets: TicketDoc[] } {
  const today = shanghaiDate(now);
  const at = (days: number) => new Date(`${addDays(today, -days)}T10:30:00+08:00`);
  const visit = (id: string, days: number, enterpriseId: string, enterpriseName: string, met: string, topics: string[], problems: VisitDoc['problems'], notes?: string): VisitDoc => ({
    _id: id,
    communityId,
    enterpriseId,
    enterpriseName,
    date: addDays(today, -days),
    visitorOpenid: 'demo-staff-zhang',
    visitorName: '张敏',
    met,
    topics,
    photos: [],
    problems,
    createdAt: at(days),
    updatedAt: at(days),
    ...(notes ? { notes } : {}),
  });
  // The ticketed problem, played through the pure machine (resolved, so the timer leaves it alone).
  const ticketId = 'tk-demo-visit-0001';
  const onBehalf: TicketActor = { id: 'demo-staff-zhang', role: 'manager', enterpriseId: 'ent-xpmould', communityId };
  const staff: TicketActor = { id: 'demo-staff-zhang', role: 'staff', communityId };
  const power: TicketActor = { id: 'demo-unit-power', role: 'unit', unitId: 'unit-power', communityId };
  let when = at(12);
  const made = submitTicket({ id: ticketId, category: 'utilities', urgency: 'urgent', instructorId: null }, onBehalf, when);
  if (!made.ok) throw new Error(made.code);
  let t = made.ticket;
  const names: Record<string, string> = { 'demo-staff-zhang': '张敏', 'demo-unit-power': '供电公司客户经理' };
  const history: HistoryDoc[] = [{ ...made.history, actorRole: 'staff', actorName: '张敏' }];
  const steps: Array<[TicketAct, TicketActor, TransitionInput?]> = [
    ['accept', staff, { note: '走访中发现，社区直接受理' }],
    ['dispatch', staff, { leadUnitId: 'unit-power' }],
    ['sign', power],
    ['resolve', power, { note: '已完成现场勘查，增容方案下周实施' }],
  ];
  for (const [act, actor, input] of steps) {
    when = new Date(when.getTime() + 20 * 3_600_000);
    const r = transition(t, act, actor, when, input);
    if (!r.ok) throw new Error(`${ticketId} ${act}: ${r.code}`);
    t = applyPatch(t, r.next);
    history.push({ ...r.history, actorName: names[actor.id] });
  }
  const { id: _id, ...rest } = t;
  const ticket: TicketDoc = {
    ...rest,
    _id,
    number: `XP-${today.slice(0, 4)}-9001`,
    title: '热处理车间用电增容',
    description: '【用电】热处理车间新上两台淬火炉，需要增容 400 千伏安。\n（走访记录，接待人：钱永福）',
    attachments: [],
    submittedBy: 'demo-staff-zhang',
    source: { kind: 'visit', id: 'vs-demo-2' },
    updatedAt: when,
    history,
  };
  const visits = [
    visit('vs-demo-1', 20, 'ent-yongsen', '嘉兴甬森汽车零部件有限公司', '王海燕（企业联络员）', ['用工', '融资'], [
      { id: 'p1', category: 'recruiting', theme: '用工', description: '冲压车间旺季缺普工约 40 人', status: 'open' },
      { id: 'p2', category: 'finance', theme: '融资', description: '希望了解技改贷款贴息政策', status: 'open' },
    ], '订单比去年同期增长三成'),
    visit('vs-demo-2', 12, 'ent-xpmould', '兴平精密模具有限公司', '钱永福（总经理）', ['用电', '安全生产'], [
      { id: 'p1', category: 'utilities', theme: '用电', description: '热处理车间新上两台淬火炉，需要增容 400 千伏安', status: 'ticketed', ticketId, ticketNumber: ticket.number },
      { id: 'p2', category: 'environment', theme: '安全生产', description: '危化品仓库消防验收流程咨询', status: 'open' },
    ]),
    visit('vs-demo-3', 6, 'ent-brenner', '布伦纳精密机械（平湖）有限公司', 'Anna Schmidt（总经理）', ['外籍人员', '政策'], [
      { id: 'p1', category: 'subsidy', theme: '人才政策', description: '外籍工程师的人才补贴如何申报', status: 'open' },
    ]),
    visit('vs-demo-4', 2, 'ent-yongsen', '嘉兴甬森汽车零部件有限公司', '王海燕（企业联络员）', ['用工'], [
      { id: 'p1', category: 'recruiting', theme: '用工', description: '希望对接职业院校订单班', status: 'open' },
    ]),
  ];
  return { visits, tickets: [ticket] };
}
