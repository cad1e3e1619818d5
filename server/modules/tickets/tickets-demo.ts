/**
 * The demo community's member units (成员单位) and dispatch catalogue (category → 主办 and 协办),
 * written by scripts/seed.ts. demo-unit-hr (吴科长) handles tickets for unit-hrss.
 */
import type { TicketCategory } from '../../../core/api/tickets';
import { applyPatch, submitTicket, transition, type Ticket, type TicketAct, type TicketActor, type TransitionInput } from '../../../core/rules/ticket-machine';
import { shanghaiDate } from '../../../core/rules/working-days';
import type { CatalogueDoc, HistoryDoc, MemberUnitDoc, TicketDoc } from './tickets.repository';

export function demoUnits(communityId: string): MemberUnitDoc[] {
  return [
    { _id: 'unit-hrss', communityId, name: '市人力社保局', nameEn: 'Human Resources and Social Security Bureau' },
    { _id: 'unit-econ', communityId, name: '经信局', nameEn: 'Economy and Information Technology Bureau' },
    { _id: 'unit-env', communityId, name: '生态环境分局', nameEn: 'Ecology and Environment Branch' },
    { _id: 'unit-tax', communityId, name: '税务分局', nameEn: 'Tax Branch' },
    { _id: 'unit-power', communityId, name: '供电公司', nameEn: 'Power Supply Company' },
    { _id: 'unit-planning', communityId, name: '自然资源和规划分局', nameEn: 'Natural Resources and Planning Branch' },
  ];
}

const catalogue: Record<TicketCategory, [string, string[]]> = {
  permit: ['unit-econ', ['unit-planning', 'unit-env']],
  subsidy: ['unit-econ', ['unit-tax']],
  recruiting: ['unit-hrss', []],
  utilities: ['unit-power', []],
  land: ['unit-planning', ['unit-econ']],
  finance: ['unit-econ', ['unit-tax']],
  legal: ['unit-hrss', []],
  environment: ['unit-env', []],
  other: ['unit-econ', []],
};

export function demoCatalogue(communityId: string, now: Date, by: string): CatalogueDoc[] {
  return (Object.entries(catalogue) as [TicketCategory, [string, string[]]][]).map(([category, [leadUnitId, assistUnitIds]]) => ({
    _id: `${communityId}:${category}`,
    communityId,
    category,
    leadUnitId,
    assistUnitIds,
    updatedAt: now,
    updatedBy: by,
  }));
}

type Step = [act: TicketAct, actor: TicketActor, input?: TransitionInput];

/**
 * Two demo tickets of 嘉兴甬森, played through the pure machine so their shapes and timelines are
 * the real ones: a recruiting demand resolved by 市人力社保局 (awaiting the manager's evaluation),
 * and a closed power-supply demand. Neither is open, so the timer leaves them alone.
 */
export function demoTickets(communityId: string, now: Date): { tickets: TicketDoc[]; counter: { _id: string; seq: number } } {
  const manager: TicketActor = { id: 'demo-manager-wang', role: 'manager', enterpriseId: 'ent-yongsen', communityId };
  const instructor: TicketActor = { id: 'demo-instructor-huang', role: 'instructor', communityId };
  const staff: TicketActor = { id: 'demo-staff-zhang', role: 'staff', communityId };
  const hr: TicketActor = { id: 'demo-unit-hr', role: 'unit', unitId: 'unit-hrss', communityId };
  const power: TicketActor = { id: 'demo-unit-power', role: 'unit', unitId: 'unit-power', communityId };
  const names: Record<string, string> = { 'demo-manager-wang': '王海燕', 'demo-instructor-huang': '黄志强', 'demo-staff-zhang': '张敏', 'demo-unit-hr': '吴科长', 'demo-unit-power': '供电公司客户经理' };
  const year = shanghaiDate(now).slice(0, 4);
  const HOUR = 3_600_000;

  const play = (n: number, id: string, base: Omit<TicketDoc, keyof Ticket | '_id' | 'number'> & { category: TicketCategory; urgency: Ticket['urgency'] }, startHoursAgo: number, steps: Step[]) => {
    let at = new Date(now.getTime() - startHoursAgo * HOUR);
    const made = submitTicket({ id, category: base.category, urgency: base.urgency }, manager, at);
    if (!made.ok) throw new Error(made.code);
    let t = made.ticket;
    const history: HistoryDoc[] = [{ ...made.history, actorName: names[manager.id] }];
    for (const [act, actor, input] of steps) {
      at = new Date(at.getTime() + 5 * HOUR);
      const r = transition(t, act, actor, at, input);
      if (!r.ok) throw new Error(`${id} ${act}: ${r.code}`);
      t = applyPatch(t, r.next);
      history.push({ ...r.history, actorName: names[actor.id] });
    }
    const { id: _id, ...rest } = t;
    // Closed or resolved: no deadline owed, so not overdue (the flag the list's "overdue only" query reads), and off the 会诊 agenda.
    const doc: TicketDoc = { ...rest, ...base, _id, number: `XP-${year}-${String(n).padStart(4, '0')}`, updatedAt: at, overdue: false, agendaKey: null, history };
    return { doc };
  };

  const a = play(
    1,
    'tk-demo-recruiting',
    { category: 'recruiting', urgency: 'urgent', title: '冲压车间旺季缺普工 60 人', description: '年底订单增加，冲压车间需要普工 60 人，希望社区对接专场招聘会。', attachments: [], submittedBy: manager.id, source: null, updatedAt: now },
    60,
    [
      ['accept', instructor, { note: '已核实用工需求，请社区派单' }],
      ['dispatch', staff, { leadUnitId: 'unit-hrss' }],
      ['sign', hr],
      ['start', hr],
      ['progress', hr, { note: '已排期本周五专场招聘会，并在“平湖人才”发布岗位' }],
      ['resolve', hr, { note: '招聘会到场 120 人，企业录用 64 人' }],
    ],
  );
  const b = play(
    2,
    'tk-demo-power',
    { category: 'utilities', urgency: 'critical', title: '焊装车间计划停电影响交付', description: '供电公司通知检修停电一天，焊装车间有紧急订单，希望调整检修时间。', attachments: [], submittedBy: manager.id, source: null, updatedAt: now },
    120,
    [
      ['accept', staff],
      ['dispatch', staff, { leadUnitId: 'unit-power' }],
      ['sign', power],
      ['resolve', power, { note: '检修改至周日夜间，不影响生产' }],
      ['evaluate', manager, { rating: 5, comment: '协调及时' }],
      ['close', staff],
    ],
  );
  return { tickets: [a.doc, b.doc], counter: { _id: `${communityId}:${year}`, seq: 2 } };
}
