/**
 * Enterprise demand tickets (issue #4): the lifecycle as an explicit, table-driven state machine.
 * 企业点单 → 党建指导员传单 (accept) → 工业社区派单 (dispatch) → 成员单位接单 (sign) → 办理 → 办结 → 评价.
 *
 * Pure: the ticket, the actor, `now` and the act's input are arguments; the result is either the
 * patch to write plus one history entry to append, or a stable refusal code. The repository
 * writes the patch guarded by `version` (optimistic concurrency) and appends the entry to its
 * own collection, so the timeline never grows inside the ticket document.
 *
 * Checks run in a fixed order, so every refusal has exactly one code:
 *   role (NOT_ALLOWED) → status (WRONG_STATUS) → ownership (NOT_YOURS) → input (REASON_REQUIRED, …).
 * Role first: a role that may never do an act learns nothing about the ticket's state.
 */
import type { Role } from '../api/roles';
import { TicketStatuses, TicketUrgencies, type TicketStatusView, type TicketUrgencyView } from '../api/tickets';

/** Reason codes, in the style of core/api/errors.ts (to be merged into ErrorCodes there). Never rename one. */
export const TICKET = {
  /** The act does not exist in the machine. */
  UNKNOWN_ACT: 'TICKET.UNKNOWN_ACT',
  /** The actor's role never performs this act. */
  NOT_ALLOWED: 'TICKET.NOT_ALLOWED',
  /** The act is not possible from the ticket's current status. */
  WRONG_STATUS: 'TICKET.WRONG_STATUS',
  /** Right role, wrong ticket: another community, another enterprise, another unit, not the assigned instructor. */
  NOT_YOURS: 'TICKET.NOT_YOURS',
  /** 退单, 改派, suspension and reopening must say why (the enterprise reads it in its timeline). */
  REASON_REQUIRED: 'TICKET.REASON_REQUIRED',
  /** A progress report or a result must say something. */
  NOTE_REQUIRED: 'TICKET.NOTE_REQUIRED',
  /** Dispatch and 改派 name a lead unit (主办). */
  UNIT_REQUIRED: 'TICKET.UNIT_REQUIRED',
  /** An evaluation is a whole number of stars, 1 to 5. */
  RATING_INVALID: 'TICKET.RATING_INVALID',
  /** 并单 needs another live ticket of the same community as the target. */
  MERGE_TARGET_INVALID: 'TICKET.MERGE_TARGET_INVALID',
  /** Already at 锋领企服联盟, the top of the ladder: supervise instead. */
  AT_TOP_RUNG: 'TICKET.AT_TOP_RUNG',
  /** The ticket has been suspended MAX_SUSPENSIONS times: the community must decide, not wait again. */
  TOO_MANY_SUSPENSIONS: 'TICKET.TOO_MANY_SUSPENSIONS',
  /** Someone else changed the ticket since the caller read it (optimistic concurrency). */
  VERSION_CONFLICT: 'TICKET.VERSION_CONFLICT',
} as const;
export type TicketCode = (typeof TICKET)[keyof typeof TICKET];

// The statuses and urgencies are the API's vocabulary (core/api/tickets.ts), named here as the machine names them.
export { TicketStatuses };
export type TicketStatus = TicketStatusView;

/** Statuses nothing leaves: closed (the loop is complete) and merged (the target carries on). */
export const TERMINAL: readonly TicketStatus[] = ['closed', 'merged'];
/** Statuses in which somebody on the community side still owes the enterprise work. */
export const OPEN: readonly TicketStatus[] = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress'];

export const Urgencies = TicketUrgencies;
export type Urgency = TicketUrgencyView;

/** The escalation ladder: community (工业社区) → 锋领企服队 (service team) → 锋领企服联盟 (alliance). */
export const Rungs = ['community', 'service_team', 'alliance'] as const;
export type Rung = 0 | 1 | 2;
export const TOP_RUNG: Rung = 2;

/** At most this many suspensions per ticket: the document stays bounded and waiting cannot go on forever. */
export const MAX_SUSPENSIONS = 10;

export const TicketActs = [
  'accept',
  'dispatch',
  'sign',
  'start',
  'progress',
  'resolve',
  'evaluate',
  'close',
  'return',
  'redispatch',
  'supervise',
  'suspend',
  'resume',
  'reopen',
  'merge',
  'escalate',
] as const;
export type TicketAct = (typeof TicketActs)[number];

/**
 * The free text each act carries and whether it must be filled: 退单, 改派, suspension and
 * reopening say why (`reason`, TICKET.REASON_REQUIRED); a progress report or a result says what
 * (`note`, TICKET.NOTE_REQUIRED); an evaluation's `comment` is optional. The app's act form reads
 * this table, so the form and the machine cannot drift apart (改派 once sent a note).
 */
export const ActText: Record<TicketAct, { field: 'reason' | 'note' | 'comment'; required: boolean }> = {
  accept: { field: 'note', required: false },
  dispatch: { field: 'note', required: false },
  sign: { field: 'note', required: false },
  start: { field: 'note', required: false },
  progress: { field: 'note', required: true },
  resolve: { field: 'note', required: true },
  evaluate: { field: 'comment', required: false },
  close: { field: 'note', required: false },
  return: { field: 'reason', required: true },
  redispatch: { field: 'reason', required: true },
  supervise: { field: 'note', required: false },
  suspend: { field: 'reason', required: true },
  resume: { field: 'note', required: false },
  reopen: { field: 'reason', required: true },
  merge: { field: 'note', required: false },
  escalate: { field: 'note', required: false },
};

/** A user (role from core/api/roles) or the timer ('system': automatic close, 督办 reminders, escalation). */
export type ActorRole = Role | 'system';
export const ActorRoles: readonly ActorRole[] = ['guest', 'worker', 'manager', 'volunteer', 'staff', 'instructor', 'unit', 'admin', 'district', 'system'];

export interface TicketActor {
  id: string;
  role: ActorRole;
  /** The member unit a `unit` user handles tickets for. */
  unitId?: string;
  /** The enterprise a `manager` speaks for. */
  enterpriseId?: string;
  /** Every user belongs to one community; the system actor has none and acts everywhere. */
  communityId?: string;
}

/** One pause of the clock: [start, end); `end` is null while the ticket is still suspended. */
export interface Suspension {
  start: Date;
  end: Date | null;
}

export interface Evaluation {
  /** 1–5 stars. */
  rating: number;
  comment?: string;
}

/** The ticket as plain data. Optional fields are absent or null until the act that sets them. */
export interface Ticket {
  id: string;
  status: TicketStatus;
  /** Bumped by exactly 1 on every successful transition. */
  version: number;
  communityId: string;
  enterpriseId: string;
  category: string;
  urgency: Urgency;
  /** The enterprise's assigned liaison instructor (党建指导员), when it has one. */
  instructorId?: string | null;
  /** 主办 and 协办 units of the current dispatch. */
  leadUnitId?: string | null;
  assistUnitIds?: string[];
  rung: Rung;
  /** When the ticket reached its current rung (the submission for rung 0). */
  rungReachedAt: Date;
  submittedAt: Date;
  acceptedAt?: Date | null;
  /** The first 派单: returns and 改派 never move it. */
  firstDispatchedAt?: Date | null;
  /** The latest dispatch or 改派: the current unit's signing clock runs from here. */
  dispatchedAt?: Date | null;
  signedAt?: Date | null;
  lastProgressAt?: Date | null;
  resolvedAt?: Date | null;
  /** The enterprise reopened it: the resolution clock restarts from here. */
  reopenedAt?: Date | null;
  closedAt?: Date | null;
  /** The status `resume` returns to. */
  suspendedFrom?: TicketStatus | null;
  suspensions?: Suspension[];
  returnCount?: number;
  reopenCount?: number;
  superviseCount?: number;
  lastSupervisedAt?: Date | null;
  mergedInto?: string | null;
  evaluation?: Evaluation | null;
}

/** What the caller supplies with an act (the parts each act needs; the rest is ignored). */
export interface TransitionInput {
  /** Why: required by return, redispatch, suspend and reopen; recorded for every act. */
  reason?: string;
  /** Free text for the timeline; required by progress and resolve (the report, the result). */
  note?: string;
  leadUnitId?: string;
  assistUnitIds?: readonly string[];
  rating?: number;
  comment?: string;
  /** The ticket a duplicate is merged into, as the repository read it. */
  target?: Pick<Ticket, 'id' | 'status' | 'communityId'>;
}

/** A patch for the ticket document: `null` clears a field. */
export type TicketPatch = Partial<Omit<Ticket, 'id' | 'communityId' | 'enterpriseId' | 'submittedAt'>> & {
  status: TicketStatus;
  version: number;
};

/** One timeline line: who, when, from, to, what. Appended by the repository, never edited. */
export interface HistoryEntry {
  ticketId: string;
  /** The ticket's version this entry produced: (ticketId, version) is unique, so a lost race cannot append twice. */
  version: number;
  at: Date;
  actorId: string;
  actorRole: ActorRole;
  act: TicketAct | 'submit';
  from: TicketStatus | null;
  to: TicketStatus;
  note?: string;
  /** Act-specific facts worth showing: the units of a dispatch, the new rung, the rating, the merge target. */
  detail?: { leadUnitId?: string; assistUnitIds?: string[]; rung?: Rung; rating?: number; targetId?: string };
}

export type TransitionResult = { ok: true; next: TicketPatch; history: HistoryEntry } | { ok: false; code: TicketCode };

/** Who must own the ticket for the act, beyond being of its community. */
type Owner =
  | 'community' // any actor of the ticket's community with the role
  | 'lead' // unit: the 主办 unit of the current dispatch
  | 'handler' // unit: the lead or an assisting (协办) unit
  | 'enterprise' // manager: of the ticket's enterprise
  | 'assigned'; // instructor: the enterprise's assigned instructor, when it has one

interface ActRule {
  /** from → to; 'same' keeps the status (the act is only recorded), 'back' returns to suspendedFrom. */
  from: Partial<Record<TicketStatus, TicketStatus | 'same' | 'back'>>;
  roles: readonly ActorRole[];
  /** Ownership per role: roles not listed only need the community. */
  owner?: Partial<Record<ActorRole, Owner>>;
}

const STAFF: readonly ActorRole[] = ['staff', 'admin'];
const WORKING: Partial<Record<TicketStatus, 'same'>> = { accepted: 'same', dispatched: 'same', signed: 'same', in_progress: 'same' };

/**
 * The machine. Decisions worth knowing:
 * - admin acts as staff (as in Q&A); `system` is the timer: it closes, reminds (督办) and escalates.
 * - resolve is allowed straight from signed: a simple demand needs no separate "start".
 * - close from resolved too: the timer closes a ticket the enterprise never evaluated (the use
 *   case decides how long it waits); from evaluated, staff or the timer close it.
 * - return (退单) goes back to accepted and clears the units: staff re-dispatch it.
 * - reopen goes to in_progress with the same lead unit, which knows the case; if it cannot go on
 *   it returns the ticket and staff re-dispatch. Closed tickets never reopen: a new ticket does.
 * - suspend from accepted (staff waiting for papers before dispatch) up to in_progress; resume
 *   also by the enterprise's manager, who is the one being waited for.
 * - escalate and supervise never change the status; neither applies to a suspended ticket
 *   (nobody owes work while the enterprise is awaited), nor to a resolved one.
 * - merge: any not-yet-resolved ticket, suspended included, into a live target; terminal.
 */
export const TicketTransitions: Record<TicketAct, ActRule> = {
  accept: { from: { submitted: 'accepted' }, roles: ['instructor', ...STAFF], owner: { instructor: 'assigned' } },
  dispatch: { from: { accepted: 'dispatched' }, roles: STAFF },
  sign: { from: { dispatched: 'signed' }, roles: ['unit'], owner: { unit: 'lead' } },
  start: { from: { signed: 'in_progress' }, roles: ['unit'], owner: { unit: 'lead' } },
  progress: { from: { in_progress: 'same' }, roles: ['unit'], owner: { unit: 'handler' } },
  resolve: { from: { signed: 'resolved', in_progress: 'resolved' }, roles: ['unit'], owner: { unit: 'lead' } },
  evaluate: { from: { resolved: 'evaluated' }, roles: ['manager'], owner: { manager: 'enterprise' } },
  close: { from: { resolved: 'closed', evaluated: 'closed' }, roles: [...STAFF, 'system'] },
  return: { from: { dispatched: 'accepted', signed: 'accepted', in_progress: 'accepted' }, roles: ['unit'], owner: { unit: 'lead' } },
  redispatch: { from: { dispatched: 'dispatched', signed: 'dispatched', in_progress: 'dispatched' }, roles: STAFF },
  supervise: { from: WORKING, roles: [...STAFF, 'instructor', 'system'] },
  suspend: {
    from: { accepted: 'suspended', dispatched: 'suspended', signed: 'suspended', in_progress: 'suspended' },
    roles: [...STAFF, 'unit'],
    owner: { unit: 'lead' },
  },
  resume: { from: { suspended: 'back' }, roles: [...STAFF, 'unit', 'manager'], owner: { unit: 'lead', manager: 'enterprise' } },
  reopen: { from: { resolved: 'in_progress', evaluated: 'in_progress' }, roles: ['manager'], owner: { manager: 'enterprise' } },
  merge: {
    from: { submitted: 'merged', accepted: 'merged', dispatched: 'merged', signed: 'merged', in_progress: 'merged', suspended: 'merged' },
    roles: STAFF,
  },
  escalate: { from: { submitted: 'same', ...WORKING }, roles: [...STAFF, 'system'] },
};

const refuse = (code: TicketCode): TransitionResult => ({ ok: false, code });
const filled = (s: string | undefined): s is string => typeof s === 'string' && s.trim().length > 0;

function owns(owner: Owner, t: Ticket, a: TicketActor): boolean {
  switch (owner) {
    case 'community':
      return true;
    case 'lead':
      return !!a.unitId && a.unitId === t.leadUnitId;
    case 'handler':
      return !!a.unitId && (a.unitId === t.leadUnitId || (t.assistUnitIds ?? []).includes(a.unitId));
    case 'enterprise':
      return !!a.enterpriseId && a.enterpriseId === t.enterpriseId;
    case 'assigned':
      return !t.instructorId || t.instructorId === a.id;
  }
}

/** The lead unit once, assisting units without the lead and without repeats, in the given order. */
function units(input: TransitionInput): { leadUnitId: string; assistUnitIds: string[] } | undefined {
  if (!filled(input.leadUnitId)) return undefined;
  const lead = input.leadUnitId;
  const assists = (input.assistUnitIds ?? []).filter((u, i, all) => filled(u) && u !== lead && all.indexOf(u) === i);
  return { leadUnitId: lead, assistUnitIds: assists };
}

/** The suspensions with the open one ended at `now`. */
function endSuspension(t: Ticket, now: Date): Suspension[] {
  return (t.suspensions ?? []).map((s) => (s.end === null ? { start: s.start, end: now } : s));
}

type Changes = Omit<TicketPatch, 'status' | 'version'>;
type Effect = { code: TicketCode } | { changes: Changes; detail?: HistoryEntry['detail'] };

/** What each act writes besides status and version, or why its input is refused. */
function effect(act: TicketAct, t: Ticket, now: Date, input: TransitionInput): Effect {
  switch (act) {
    case 'accept':
      return { changes: { acceptedAt: now } };
    case 'dispatch':
    case 'redispatch': {
      if (act === 'redispatch' && !filled(input.reason)) return { code: TICKET.REASON_REQUIRED };
      const u = units(input);
      if (!u) return { code: TICKET.UNIT_REQUIRED };
      return {
        changes: { ...u, dispatchedAt: now, firstDispatchedAt: t.firstDispatchedAt ?? now, signedAt: null, lastProgressAt: null },
        detail: u,
      };
    }
    case 'sign':
      return { changes: { signedAt: now } };
    case 'start':
      return { changes: {} };
    case 'progress':
      return filled(input.note) ? { changes: { lastProgressAt: now } } : { code: TICKET.NOTE_REQUIRED };
    case 'resolve':
      return filled(input.note) ? { changes: { resolvedAt: now } } : { code: TICKET.NOTE_REQUIRED };
    case 'evaluate': {
      const r = input.rating;
      if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > 5) return { code: TICKET.RATING_INVALID };
      const evaluation: Evaluation = filled(input.comment) ? { rating: r, comment: input.comment.trim() } : { rating: r };
      return { changes: { evaluation }, detail: { rating: r } };
    }
    case 'close':
      return { changes: { closedAt: now } };
    case 'return':
      if (!filled(input.reason)) return { code: TICKET.REASON_REQUIRED };
      return {
        changes: { leadUnitId: null, assistUnitIds: [], dispatchedAt: null, signedAt: null, lastProgressAt: null, returnCount: (t.returnCount ?? 0) + 1 },
      };
    case 'supervise':
      return { changes: { superviseCount: (t.superviseCount ?? 0) + 1, lastSupervisedAt: now } };
    case 'suspend': {
      if (!filled(input.reason)) return { code: TICKET.REASON_REQUIRED };
      const past = t.suspensions ?? [];
      if (past.length >= MAX_SUSPENSIONS) return { code: TICKET.TOO_MANY_SUSPENSIONS };
      return { changes: { suspendedFrom: t.status, suspensions: [...past, { start: now, end: null }] } };
    }
    case 'resume':
      return { changes: { suspendedFrom: null, suspensions: endSuspension(t, now) } };
    case 'reopen':
      if (!filled(input.reason)) return { code: TICKET.REASON_REQUIRED };
      return { changes: { resolvedAt: null, evaluation: null, reopenedAt: now, lastProgressAt: null, reopenCount: (t.reopenCount ?? 0) + 1 } };
    case 'merge': {
      const g = input.target;
      const live = !!g && g.id !== t.id && g.communityId === t.communityId && !TERMINAL.includes(g.status);
      if (!live) return { code: TICKET.MERGE_TARGET_INVALID };
      // A suspended duplicate stops waiting: its open suspension ends with the merge.
      const paused = t.status === 'suspended' ? { suspendedFrom: null, suspensions: endSuspension(t, now) } : {};
      return { changes: { mergedInto: g.id, ...paused }, detail: { targetId: g.id } };
    }
    case 'escalate': {
      if (t.rung >= TOP_RUNG) return { code: TICKET.AT_TOP_RUNG };
      const rung = (t.rung + 1) as Rung;
      return { changes: { rung, rungReachedAt: now }, detail: { rung } };
    }
  }
}

/**
 * Applies `act` by `actor` at `now`. On success: the patch (status, version + 1, changed fields)
 * and the history entry; on refusal: one stable code. The ticket itself is never mutated.
 */
export function transition(ticket: Ticket, act: TicketAct, actor: TicketActor, now: Date, input: TransitionInput = {}): TransitionResult {
  const rule: ActRule | undefined = Object.prototype.hasOwnProperty.call(TicketTransitions, act) ? TicketTransitions[act] : undefined;
  if (!rule) return refuse(TICKET.UNKNOWN_ACT);
  if (!rule.roles.includes(actor.role)) return refuse(TICKET.NOT_ALLOWED);
  const target = rule.from[ticket.status];
  if (!target) return refuse(TICKET.WRONG_STATUS);
  if (actor.role !== 'system' && actor.communityId !== ticket.communityId) return refuse(TICKET.NOT_YOURS);
  if (!owns(rule.owner?.[actor.role] ?? 'community', ticket, actor)) return refuse(TICKET.NOT_YOURS);

  const eff = effect(act, ticket, now, input);
  if ('code' in eff) return refuse(eff.code);

  const to: TicketStatus = target === 'same' ? ticket.status : target === 'back' ? (ticket.suspendedFrom ?? 'accepted') : target;
  const version = ticket.version + 1;
  const note = filled(input.reason) ? input.reason.trim() : filled(input.note) ? input.note.trim() : undefined;
  const history: HistoryEntry = { ticketId: ticket.id, version, at: now, actorId: actor.id, actorRole: actor.role, act, from: ticket.status, to };
  if (note !== undefined) history.note = note;
  if (eff.detail) history.detail = eff.detail;
  return { ok: true, next: { ...eff.changes, status: to, version }, history };
}

/** The ticket after a successful transition (what the repository's guarded update writes). */
export function applyPatch(ticket: Ticket, patch: TicketPatch): Ticket {
  return { ...ticket, ...patch } as Ticket;
}

/**
 * Optimistic concurrency: the caller sends the version it read; the repository updates only
 * `where({ id, version: expected })`. This is the same decision for a read-then-check path.
 */
export function checkVersion(expected: number, actual: number): { ok: true } | { ok: false; code: typeof TICKET.VERSION_CONFLICT } {
  return expected === actual ? { ok: true } : { ok: false, code: TICKET.VERSION_CONFLICT };
}

export interface NewTicketInput {
  id: string;
  category: string;
  urgency: Urgency;
  instructorId?: string | null;
  note?: string;
}

/**
 * 企业点单: a manager submits for their own enterprise. The ticket starts at version 1, rung 0
 * (the community), with its first history entry (from null).
 */
export function submitTicket(
  input: NewTicketInput,
  actor: TicketActor,
  now: Date,
): { ok: true; ticket: Ticket; history: HistoryEntry } | { ok: false; code: TicketCode } {
  if (actor.role !== 'manager') return { ok: false, code: TICKET.NOT_ALLOWED };
  if (!actor.enterpriseId || !actor.communityId) return { ok: false, code: TICKET.NOT_YOURS };
  const ticket: Ticket = {
    id: input.id,
    status: 'submitted',
    version: 1,
    communityId: actor.communityId,
    enterpriseId: actor.enterpriseId,
    category: input.category,
    urgency: input.urgency,
    instructorId: input.instructorId ?? null,
    rung: 0,
    rungReachedAt: now,
    submittedAt: now,
  };
  const history: HistoryEntry = { ticketId: input.id, version: 1, at: now, actorId: actor.id, actorRole: 'manager', act: 'submit', from: null, to: 'submitted' };
  if (filled(input.note)) history.note = input.note.trim();
  return { ok: true, ticket, history };
}
