/**
 * Who hears about a ticket at each hand-off: whoever must act next. The adapter never throws: a
 * failed notice never fails the act it reports.
 */
import type { TicketAct } from '../../../core/rules/ticket-machine';
import { sendSubscribeMessage, thing } from '../../platform/subscribe-message';
import { peopleRepository, type TicketDoc } from './tickets.repository';

export const TICKET_PAGE = 'tickets/pages/detail/index';

export const staffOf = (communityId: string) => peopleRepository.ids({ communityId, role: 'staff' });
export const instructorsOf = (communityId: string) => peopleRepository.ids({ communityId, role: 'instructor' });
export const managersOf = (enterpriseId: string) => peopleRepository.ids({ enterpriseId }, 'manager');
export const handlersOf = (unitId: string) => peopleRepository.ids({ unitId }, 'unit');

/** The people who must act on `t` now that `act` happened (empty when nobody new must). */
export async function nextActors(t: TicketDoc, act: TicketAct | 'submit'): Promise<{ to: string[]; template: 'ticketHandoff' | 'ticketUpdate' }> {
  const handoff = (to: string[]) => ({ to, template: 'ticketHandoff' as const });
  const update = (to: string[]) => ({ to, template: 'ticketUpdate' as const });
  switch (act) {
    case 'submit':
      return handoff(t.instructorId ? [t.instructorId] : await instructorsOf(t.communityId));
    case 'accept':
    case 'return':
    case 'escalate':
      return handoff(await staffOf(t.communityId));
    case 'dispatch':
    case 'redispatch': {
      const units = [t.leadUnitId, ...(t.assistUnitIds ?? [])].filter((u): u is string => !!u);
      return handoff((await Promise.all(units.map(handlersOf))).flat());
    }
    case 'resolve':
    case 'suspend':
      return update(await managersOf(t.enterpriseId));
    case 'reopen':
    case 'supervise':
      return handoff(t.leadUnitId ? await handlersOf(t.leadUnitId) : await staffOf(t.communityId));
    default:
      return { to: [], template: 'ticketUpdate' };
  }
}

const ActNames: Record<string, string> = {
  submit: '新诉求待受理',
  accept: '诉求待派单',
  dispatch: '诉求已派至您单位',
  redispatch: '诉求已改派至您单位',
  return: '成员单位退单，待改派',
  escalate: '诉求已升级',
  resolve: '诉求已办结，请评价',
  suspend: '诉求挂起，待企业补充',
  reopen: '企业不满意，诉求重新办理',
  supervise: '诉求督办',
};

export async function notifyHandoff(t: TicketDoc, act: TicketAct | 'submit'): Promise<number> {
  try {
    const { to, template } = await nextActors(t, act);
    const sent = await Promise.all(
      [...new Set(to)].map((touser) =>
        sendSubscribeMessage({ touser, template, page: `${TICKET_PAGE}?id=${t._id}`, data: { thing1: thing(t.title), character_string2: t.number, thing3: thing(ActNames[act] ?? act) } }),
      ),
    );
    return sent.filter(Boolean).length;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'tickets.notifyHandoff', error: String(e) }));
    return 0;
  }
}

/** 督办: a deadline passed; tells whoever must act (the unit's handlers, or staff before dispatch). */
export async function notifyOverdue(t: TicketDoc, kind: 'sign' | 'progress' | 'resolve'): Promise<number> {
  try {
    const to = t.leadUnitId ? await handlersOf(t.leadUnitId) : await staffOf(t.communityId);
    const what = { sign: '签收已超时', progress: '进展反馈已超时', resolve: '办结已超时' }[kind];
    const sent = await Promise.all(
      [...new Set(to)].map((touser) =>
        sendSubscribeMessage({ touser, template: 'ticketOverdue', page: `${TICKET_PAGE}?id=${t._id}`, data: { thing1: thing(t.title), character_string2: t.number, thing3: thing(`督办：${what}`) } }),
      ),
    );
    return sent.filter(Boolean).length;
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'tickets.notifyOverdue', error: String(e) }));
    return 0;
  }
}
