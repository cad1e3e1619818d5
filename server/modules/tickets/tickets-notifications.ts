/**
 * Who hears about a ticket at each hand-off: whoever must act next (and the enterprise, of the
 * steps it waits for). Recipients are looked up before the act's write; the notices are written
 * right after it in one batch (server/modules/notify), keyed by the ticket's version, so a retried
 * act or timer writes one inbox item per person.
 */
import type { NoticeKind } from '../../../core/api/notify';
import type { TicketAct } from '../../../core/rules/ticket-machine';
import { thing, type TemplateName } from '../../platform/subscribe-message';
import type { Notice } from '../notify';
import { peopleRepository, type TicketDoc } from './tickets.repository';

export const TICKET_PAGE = 'tickets/pages/detail/index';

export const staffOf = (communityId: string) => peopleRepository.ids({ communityId, role: 'staff' });
export const instructorsOf = (communityId: string) => peopleRepository.ids({ communityId, role: 'instructor' });
export const managersOf = (enterpriseId: string) => peopleRepository.ids({ enterpriseId }, 'manager');
export const handlersOf = (unitId: string) => peopleRepository.ids({ unitId }, 'unit');

export interface Audience {
  to: string[];
  template: TemplateName;
}

/** The people who must act on `t` now that `act` happened, and the enterprise kept informed. */
export async function audienceOf(
  t: Pick<TicketDoc, 'communityId' | 'enterpriseId' | 'instructorId' | 'leadUnitId' | 'submittedBy'> & { assistUnitIds?: readonly string[] | null },
  act: TicketAct | 'submit'): Promise<Audience[]> {
  const handoff = (to: string[]): Audience => ({ to, template: 'ticketHandoff' });
  const update = (to: string[]): Audience => ({ to, template: 'ticketUpdate' });
  const submitter = t.submittedBy ? [t.submittedBy] : [];
  const unitHandlers = async () => (await Promise.all([t.leadUnitId, ...(t.assistUnitIds ?? [])].filter((u): u is string => !!u).map(handlersOf))).flat();
  switch (act) {
    case 'submit':
      return [handoff(t.instructorId ? [t.instructorId] : await instructorsOf(t.communityId))];
    case 'accept':
      return [handoff(await staffOf(t.communityId)), update(submitter)];
    case 'return':
      return [handoff(await staffOf(t.communityId))];
    case 'escalate':
      return [handoff(await staffOf(t.communityId)), update(submitter)];
    case 'dispatch':
    case 'redispatch':
      return [handoff(await unitHandlers()), update(submitter)];
    case 'resolve':
    case 'suspend':
      return [update(await managersOf(t.enterpriseId))];
    case 'reopen':
    case 'supervise':
      return [handoff(t.leadUnitId ? await handlersOf(t.leadUnitId) : await staffOf(t.communityId))];
    default:
      return [];
  }
}

const ActNames: Record<string, string> = {
  submit: '新诉求待传单',
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

/** What the enterprise reads of a step it waits for. */
const UpdateNames: Record<string, string> = { accept: '诉求已传单至社区', dispatch: '诉求已派至成员单位', redispatch: '诉求已改派', escalate: '诉求已升级办理' };

const KindOf: Record<string, NoticeKind> = {
  submit: 'ticket.submitted',
  accept: 'ticket.accepted',
  dispatch: 'ticket.dispatched',
  redispatch: 'ticket.redispatched',
  return: 'ticket.returned',
  escalate: 'ticket.escalated',
  resolve: 'ticket.resolved',
  suspend: 'ticket.suspended',
  reopen: 'ticket.reopened',
  supervise: 'ticket.supervised',
};

/** The notices of one act: the event is the ticket at the version the act wrote. */
export function handoffNotices(t: TicketDoc, act: TicketAct | 'submit', audiences: Audience[], at: Date): Notice[] {
  const kind = KindOf[act];
  if (!kind) return [];
  return audiences.flatMap((a) =>
    a.to.map((to) => ({
      event: `ticket:${t._id}:v${t.version}:${act}`,
      to,
      kind,
      communityId: t.communityId,
      subject: `${t.number} ${t.title}`,
      page: `${TICKET_PAGE}?id=${t._id}`,
      template: a.template,
      data: { thing1: thing(t.title), character_string2: t.number, thing3: thing((a.template === 'ticketUpdate' ? UpdateNames[act] : undefined) ?? ActNames[act] ?? act) },
      at,
    })),
  );
}

/** 督办: a deadline passed; whoever must act (the unit's handlers, or staff before dispatch). One event per deadline. */
export async function overdueNotices(t: TicketDoc, kind: 'sign' | 'progress' | 'resolve', due: Date, at: Date): Promise<Notice[]> {
  const to = t.leadUnitId ? await handlersOf(t.leadUnitId) : await staffOf(t.communityId);
  const what = { sign: '签收已超时', progress: '进展反馈已超时', resolve: '办结已超时' }[kind];
  return [...new Set(to)].map((touser) => ({
    event: `ticket.overdue:${t._id}:${kind}:${due.toISOString()}`,
    to: touser,
    kind: 'ticket.overdue' as const,
    communityId: t.communityId,
    subject: `${t.number} ${t.title}`,
    page: `${TICKET_PAGE}?id=${t._id}`,
    template: 'ticketOverdue' as const,
    data: { thing1: thing(t.title), character_string2: t.number, thing3: thing(`督办：${what}`) },
    at,
  }));
}
