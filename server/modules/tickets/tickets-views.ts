/** What readers see of a ticket: its summary in a list, its detail with the timeline and the acts allowed now. */
import type {
  MemberUnit,
  TicketActView,
  TicketCategory,
  TicketDetail,
  TicketRungView,
  TicketStatusView,
  TicketSummary,
  TicketUrgencyView,
  TimelineEntry,
} from '../../../core/api/tickets';
import { deadlinesFor, overdueChecks } from '../../../core/rules/ticket-deadlines';
import { OPEN, TicketActs, transition, type Ticket, type TicketActor, type TransitionInput } from '../../../core/rules/ticket-machine';
import { yearsWithoutArrangement, type WorkingCalendar } from '../../../core/rules/working-days';
import { visiblePhotos } from '../moderation';
import { enterprisesRepository } from '../organisation';
import { toTicket, unitsRepository, unitView, type HistoryDoc, type MemberUnitDoc, type TicketDoc } from './tickets.repository';

// ---- views -----------------------------------------------------------------------------------

export interface Names {
  enterprises: Map<string, { name: string; nameEn?: string }>;
  units: Map<string, MemberUnit>;
}

export async function namesFor(docs: TicketDoc[], communityId: string): Promise<Names> {
  const [enterprises, units] = await Promise.all([
    enterprisesRepository.labelsByIds([...new Set(docs.map((d) => d.enterpriseId))]),
    unitsRepository.byCommunity(communityId),
  ]);
  return { enterprises, units: new Map(units.map((u) => [u._id, unitView(u)])) };
}

function nextDeadline(t: Ticket, cal: WorkingCalendar): TicketSummary['nextDeadline'] {
  if (!OPEN.includes(t.status)) return undefined;
  const d = deadlinesFor(t, cal);
  if (t.status === 'dispatched' && d.sign) return { kind: 'sign', due: d.sign.toISOString() };
  if ((t.status === 'signed' || t.status === 'in_progress') && d.progress && d.progress.getTime() < d.resolve.getTime()) {
    return { kind: 'progress', due: d.progress.toISOString() };
  }
  return { kind: 'resolve', due: d.resolve.toISOString() };
}

export function summaryOf(doc: TicketDoc, names: Names, now: Date, cal: WorkingCalendar): TicketSummary {
  const t = toTicket(doc);
  const s: TicketSummary = {
    id: doc._id,
    number: doc.number,
    title: doc.title,
    category: doc.category as TicketCategory,
    urgency: doc.urgency as TicketUrgencyView,
    status: doc.status as TicketStatusView,
    rung: doc.rung as TicketRungView,
    submittedAt: new Date(doc.submittedAt).toISOString(),
    overdue: overdueChecks(t, now, cal).length > 0,
    version: doc.version,
  };
  const ent = names.enterprises.get(doc.enterpriseId);
  if (ent) s.enterpriseName = ent.name;
  if (ent?.nameEn) s.enterpriseNameEn = ent.nameEn;
  const lead = doc.leadUnitId ? names.units.get(doc.leadUnitId) : undefined;
  if (lead) s.leadUnitName = lead.name;
  if (lead?.nameEn) s.leadUnitNameEn = lead.nameEn;
  const next = nextDeadline(t, cal);
  if (next) {
    s.nextDeadline = next;
    const missing = yearsWithoutArrangement(cal, now, next.due);
    if (missing.length) s.calendarMissingYears = missing;
  }
  return s;
}

/** A plausible input for every act, so a dry run answers only "may this reader do it now". */
function dryInput(t: TicketDoc): TransitionInput {
  return {
    reason: '-',
    note: '-',
    leadUnitId: t.leadUnitId ?? 'unit',
    rating: 5,
    target: { id: `${t._id}-other`, status: 'submitted', communityId: t.communityId },
  };
}

/** The acts `transition` would allow this reader now. */
export function allowedActs(doc: TicketDoc, actor: TicketActor, now: Date): TicketActView[] {
  const t = toTicket(doc);
  const input = dryInput(doc);
  return TicketActs.filter((act) => transition(t, act, actor, now, input).ok);
}

function timelineOf(h: HistoryDoc): TimelineEntry {
  const e: TimelineEntry = {
    version: h.version,
    at: new Date(h.at).toISOString(),
    act: h.act as TicketActView,
    actorRole: h.actorRole,
    from: h.from as TicketStatusView | null,
    to: h.to as TicketStatusView,
  };
  if (h.actorName) e.actorName = h.actorName;
  if (h.note) e.note = h.note;
  return e;
}

/**
 * The detail of one ticket. The timeline is the ticket's own (embedded) and the names were copied
 * onto it (the enterprise's at submission, the units' at dispatch); what is missing is read: the
 * enterprise (for the unit and staff, its contact), the units a ticket from before the copies
 * names. `units` when the caller already read them. `fromAct`: the answer of an act, which leaves
 * out the enterprise's contact (master data the app already has from its read of the detail) so
 * that an act reads nothing after its write.
 */
export async function detailOf(
  doc: TicketDoc,
  actor: TicketActor,
  now: Date,
  cal: WorkingCalendar,
  known: { units?: MemberUnitDoc[]; fromAct?: boolean } = {},
): Promise<TicketDetail> {
  const named = [doc.leadUnitId, ...(doc.assistUnitIds ?? [])].filter((u): u is string => !!u);
  const copied = new Map((doc.unitNames ?? []).map((u) => [u.id, u]));
  const unitsMissing = named.some((u) => !copied.has(u));
  const wantContact = actor.role !== 'manager' && !known.fromAct;
  const [ent, units, urls] = await Promise.all([
    wantContact || doc.enterpriseName === undefined ? enterprisesRepository.get(doc.enterpriseId) : Promise.resolve(undefined),
    unitsMissing ? (known.units ?? unitsRepository.byCommunity(doc.communityId)) : Promise.resolve([]),
    visiblePhotos({ openid: actor.id }, doc.attachments ?? []),
  ]);
  const history = doc.history ?? [];
  const label = ent ? (ent.nameEn ? { name: ent.name, nameEn: ent.nameEn } : { name: ent.name }) : doc.enterpriseName !== undefined ? { name: doc.enterpriseName, ...(doc.enterpriseNameEn ? { nameEn: doc.enterpriseNameEn } : {}) } : undefined;
  const names: Names = {
    enterprises: new Map(label ? [[doc.enterpriseId, label]] : []),
    units: new Map([...copied, ...units.map((u): [string, MemberUnit] => [u._id, unitView(u)])]),
  };
  const t = toTicket(doc);
  const d = deadlinesFor(t, cal);
  const detail: TicketDetail = {
    ...summaryOf(doc, names, now, cal),
    description: doc.description,
    // Photos still being checked show to their uploader only; rejected ones to nobody (server/modules/moderation).
    attachments: (doc.attachments ?? []).filter((fileID) => urls.has(fileID)).map((fileID) => ({ fileID, url: urls.get(fileID), name: fileID.split('/').pop() })),
    assistUnits: (doc.assistUnitIds ?? []).map((u) => names.units.get(u) ?? { id: u, name: u }),
    deadlines: { paused: d.paused, resolve: d.resolve.toISOString() },
    timeline: history.map(timelineOf),
    can: allowedActs(doc, actor, now),
  };
  if (d.sign) detail.deadlines.sign = d.sign.toISOString();
  if (d.progress) detail.deadlines.progress = d.progress.toISOString();
  if (doc.leadUnitId) detail.leadUnitId = doc.leadUnitId;
  if (doc.evaluation) {
    const evalEntry = [...history].reverse().find((h) => h.act === 'evaluate');
    detail.evaluation = { rating: doc.evaluation.rating, at: new Date(evalEntry?.at ?? doc.updatedAt).toISOString() };
    if (doc.evaluation.comment) detail.evaluation.comment = doc.evaluation.comment;
  }
  if (doc.mergedInto) detail.mergedInto = doc.mergedInto;
  if (doc.source) detail.source = doc.source;
  // The unit and staff call the enterprise: its contact from the master data (the enterprise itself needs none).
  if (actor.role !== 'manager') {
    if (ent?.contactPhone) detail.enterpriseContact = { phone: ent.contactPhone, ...(ent.contactName ? { name: ent.contactName } : {}) };
  }
  return detail;
}

