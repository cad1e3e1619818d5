/**
 * Enterprise demand tickets: the ticket documents (each with its own timeline embedded), the
 * per-community number counter, once-only notices, member units, the dispatch catalogue and the
 * monthly agenda. Every "did I win?" is a write conditional on the ticket's `version` (or a
 * transaction, for 并单 and a new ticket) or an insert under a unique key, never a count.
 */
import type { CatalogueEntry, MemberUnit, TicketCategory } from '../../../core/api/tickets';
import type { HistoryEntry, Ticket } from '../../../core/rules/ticket-machine';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
import { KEPT_MARKS, type RequestMark } from '../../kernel/idempotency';
import type { DbLike } from '../../db/transaction';
import { Collections } from '../../db/schema';
import { peopleOf, unitsRepository, type MemberUnitDoc } from '../organisation';

/** The ticket as stored: the pure Ticket (id → _id) plus what the enterprise wrote. */
export interface TicketDoc extends Omit<Ticket, 'id'> {
  _id: string;
  number: string;
  title: string;
  description: string;
  attachments: string[];
  submittedBy: string;
  source?: { kind: 'question' | 'consultation' | 'visit'; id: string } | null;
  updatedAt: Date;
  /** When the timer next has work for it (nextSweepAt); every act makes it due at once; null when the timer has none. */
  sweepAt?: Date | null;
  /** Tickets merged into this one (并单), written with each merge so a concurrent act on this ticket conflicts with it. */
  mergedFrom?: string[];
  /**
   * A deadline has passed (overdueChecks), kept on the document so that "overdue only" is a
   * query: set by each act (commit) and by the sweep when a deadline passes, false once closed.
   */
  overdue?: boolean;
  /**
   * Where it stands on the monthly agenda's draft (core/rules/ticket-agenda-key): a string whose
   * order is the agenda's, null when it is not on it. Set by each act (commit), by 并单's
   * transaction and by the sweep when the resolution deadline passes (so "overdue" is the state at
   * the last write or sweep); a new ticket has none to have. Missing on tickets written before it
   * existed until backfillAgendaKeys (tickets-sweep.ts) sets it.
   */
  agendaKey?: string | null;
  /**
   * The timeline, oldest first: one entry per version, pushed by the act that made it (in the same
   * conditional write), never edited. Bounded by the acts of one ticket (see HISTORY_NOTE).
   */
  history?: HistoryDoc[];
  /** The latest writes' idempotency keys and the version each wrote (tickets.act keeps its key here, not in a record of its own): at most KEPT_MARKS. */
  marks?: TicketMark[];
  /** The enterprise's names, copied at submission (the answer of an act needs no read of the enterprise). */
  enterpriseName?: string;
  enterpriseNameEn?: string;
  /** The lead and assisting units' names, copied at each dispatch (the detail needs no read of the units). */
  unitNames?: MemberUnit[];
}

/**
 * Why the embedded history cannot outgrow a document: an entry is at most ~4 KB (a 1,000-character
 * note in UTF-8 plus ~400 bytes of fields), a CloudBase document at most 16 MB (MongoDB's limit),
 * so ~4,000 entries. The acts that repeat are progress reports and, at the top rung, one 督办 per
 * working day (~250 a year): a ticket would have to stay open for over a decade of daily acts.
 * An act that would pass HISTORY_MAX entries is refused (TICKET.NOT_ALLOWED) rather than
 * fail on the document limit.
 */
export const HISTORY_MAX = 3000;

/** An act's idempotency key as kept on the ticket, with the version it wrote. */
export interface TicketMark extends RequestMark {
  version: number;
}

/** A page of the ticket list: the reader's scope, the filters, and the last row of the previous page. */
export interface TicketListQuery {
  communityId: string;
  enterpriseId?: string;
  /** The lead (主办) or an assisting (协办) unit. */
  unitId?: string;
  status?: string;
  rung?: number;
  category?: string;
  overdueOnly?: boolean;
  after?: { submittedAt: Date; id: string };
  limit: number;
}

/** One timeline line (on the ticket, `history`). `decision` entries come from the monthly meeting. */
export interface HistoryDoc extends Omit<HistoryEntry, 'act'> {
  act: HistoryEntry['act'] | 'decision';
  actorName?: string;
}

/** Member units are the organisation's (master data); tickets dispatch to them. */
export type { MemberUnitDoc };
export { unitsRepository };

export interface CatalogueDoc {
  _id: string;
  communityId: string;
  category: TicketCategory;
  leadUnitId: string;
  assistUnitIds: string[];
  updatedAt: Date;
  updatedBy: string;
}

export interface AgendaDecision {
  owner: string;
  deadline: string;
  note: string;
  decidedAt: Date;
  decidedBy: string;
}

/**
 * A month's agenda as staff changed it: the draft (the tickets whose agendaKey puts them on it)
 * is never stored, only what staff did to it — tickets they put on it (`added`, shown first, read
 * by id) and tickets they took off (`removed`, left out of the draft's query) — and the
 * meeting's decisions. So no step needs the whole draft.
 */
export interface AgendaDoc {
  _id: string;
  communityId: string;
  month: string;
  added: string[];
  removed: string[];
  decisions: Record<string, AgendaDecision>;
  updatedAt: Date;
}

/** A page of the month's draft: the community's tickets with a key after `after`, submitted before `before`, none of `exclude`. */
export interface AgendaPageQuery {
  communityId: string;
  before: Date;
  after?: string;
  exclude: string[];
  limit: number;
}

const db = () => getDb();
const col = (name: string, tx?: DbLike) => (tx ?? db()).collection(name);
const MAX = 1000;

export const agendaId = (communityId: string, month: string) => `${communityId}:${month}`;
export const catalogueId = (communityId: string, category: string) => `${communityId}:${category}`;

export function toTicket(doc: TicketDoc): Ticket {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id } as Ticket;
}

/** A list row needs no timeline and no idempotency marks (they grow with the ticket's acts). */
const SUMMARY_FIELDS = { history: false, marks: false };

export const ticketsRepository = {
  async get(id: string, tx?: DbLike): Promise<TicketDoc | undefined> {
    return docOf<TicketDoc>(await col(Collections.tickets, tx).doc(id).get());
  },
  async insert(doc: TicketDoc, tx: DbLike): Promise<void> {
    await col(Collections.tickets, tx).add(doc);
  },
  /**
   * Takes a photo WeChat's check rejected off the ticket (outside any transaction; the ticket's
   * acts replace the whole document, so a concurrent act may put it back: the read side hides a
   * rejected photo whatever the document holds).
   */
  async pullAttachment(id: string, fileID: string): Promise<void> {
    const _ = db().command;
    await col(Collections.tickets).doc(id).update({ attachments: _.pull(fileID) });
  },
  /** Replaces the whole document (inside the transaction that read it). */
  async replace(doc: TicketDoc, tx: DbLike): Promise<void> {
    const { _id, ...rest } = doc;
    await col(Collections.tickets, tx).doc(_id).set(rest);
  },
  /**
   * One act, one request: the fields of `set` (undefined removes one), `version` + 1, the history
   * entry and the request mark pushed (the last KEPT_MARKS kept), only if the ticket is still at
   * the version of `read`; answers the document as written, or undefined when someone wrote it
   * first. Fields the act does not change are left alone (a photo taken off by moderation stays
   * off). The answer is the database's post-image; should it come back without one (or with the
   * pre-image), it is `read` with the same changes applied — exact, since the write matched `read`'s
   * version (only a moderation pull of a photo may be missing, which the read side hides anyway).
   */
  async applyAct(read: TicketDoc, set: Record<string, unknown>, entry: HistoryDoc, mark?: RequestMark): Promise<TicketDoc | undefined> {
    const _ = db().command;
    const version = read.version;
    const data: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(set)) {
      if (k === '_id' || k === 'history' || k === 'marks' || k === 'version') continue;
      // Objects and lists are set whole (the SDK would otherwise merge an object field by field).
      data[k] = v === undefined ? _.remove() : v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v;
    }
    data.version = version + 1;
    data.history = _.push({ each: [withoutUndefined(entry)] });
    if (mark) data.marks = _.push({ each: [{ ...mark, version: version + 1 }], slice: -KEPT_MARKS });
    const res = await col(Collections.tickets).where({ _id: read._id, version }).updateAndReturn(data);
    if (res.updated !== 1) return undefined;
    const doc = res.doc as TicketDoc | null | undefined;
    return doc && doc.version === version + 1 ? doc : afterAct(read, set, entry, mark);
  },
  /**
   * One page of a list, newest first (submittedAt, then _id): every filter is a condition of the
   * query and the page starts after the previous page's last row (submittedAt ≤ its time as a
   * range on the index, the tie broken by _id), so an index ending in (submittedAt, _id) — see
   * schema.ts — yields the page in order and the read stops there, however long the history. A
   * unit's list is two such reads (the tickets it leads, those it assists) merged.
   */
  async list(q: TicketListQuery): Promise<TicketDoc[]> {
    const _ = db().command;
    const conds: object[] = [{ communityId: q.communityId }];
    if (q.enterpriseId) conds.push({ enterpriseId: q.enterpriseId });
    if (q.status) conds.push({ status: q.status });
    if (q.rung !== undefined) conds.push({ rung: q.rung });
    if (q.category) conds.push({ category: q.category });
    if (q.overdueOnly) conds.push({ overdue: true });
    if (q.after) conds.push({ submittedAt: _.lte(q.after.submittedAt) }, _.or([{ submittedAt: _.lt(q.after.submittedAt) }, { _id: _.lt(q.after.id) }]));
    const page = async (extra: object[]) =>
      (await col(Collections.tickets).where(_.and([...extra, ...conds])).orderBy('submittedAt', 'desc').orderBy('_id', 'desc').limit(q.limit).field(SUMMARY_FIELDS).get()).data as TicketDoc[];
    if (!q.unitId) return page([]);
    const [lead, assist] = await Promise.all([page([{ leadUnitId: q.unitId }]), page([{ assistUnitIds: q.unitId }])]);
    const byId = new Map([...lead, ...assist].map((t) => [t._id, t]));
    return [...byId.values()].sort((x, y) => new Date(y.submittedAt).getTime() - new Date(x.submittedAt).getTime() || (x._id < y._id ? 1 : x._id > y._id ? -1 : 0)).slice(0, q.limit);
  },
  async byEnterprise(enterpriseId: string, before?: Date, limit = MAX): Promise<TicketDoc[]> {
    const _ = db().command;
    const where: Record<string, unknown> = { enterpriseId };
    if (before) where.submittedAt = _.lt(before);
    const res = await col(Collections.tickets).where(where).orderBy('submittedAt', 'desc').limit(limit).get();
    return res.data as TicketDoc[];
  },
  /** Open tickets of a community, or those a unit leads (待办), at most `limit`. */
  async openOf(scope: { communityId: string } | { unitId: string }, open: readonly string[], limit: number): Promise<TicketDoc[]> {
    const _ = db().command;
    const where = 'unitId' in scope ? { leadUnitId: scope.unitId, status: _.in([...open]) } : { communityId: scope.communityId, status: _.in([...open]) };
    const res = await col(Collections.tickets).where(where).limit(limit).get();
    return res.data as TicketDoc[];
  },
  /**
   * One page of a month's draft agenda in agenda order: the community's tickets whose agendaKey
   * comes after `after` (any key at all without one: null and missing keys are below every
   * string), read along the index (communityId, agendaKey), so the read stops after the page
   * however many tickets are open. The month and staff's removals are conditions of the query.
   */
  async agendaPage(q: AgendaPageQuery): Promise<TicketDoc[]> {
    const _ = db().command;
    const conds: object[] = [{ communityId: q.communityId }, { agendaKey: _.gt(q.after ?? '') }, { submittedAt: _.lt(q.before) }];
    if (q.exclude.length) conds.push({ _id: _.nin(q.exclude) });
    const res = await col(Collections.tickets).where(_.and(conds)).orderBy('agendaKey', 'asc').limit(q.limit).field(SUMMARY_FIELDS).get();
    return res.data as TicketDoc[];
  },
  /** Open and suspended tickets of a community written before they had an agenda key (the backfill's page). */
  async withoutAgendaKey(communityId: string, statuses: readonly string[], limit: number): Promise<TicketDoc[]> {
    const _ = db().command;
    const res = await col(Collections.tickets).where({ communityId, status: _.in([...statuses]), agendaKey: _.exists(false) }).limit(limit).field(SUMMARY_FIELDS).get();
    return res.data as TicketDoc[];
  },
  /** Sets a missing agenda key, unless the ticket was written since `version` was read (that write set it). */
  async setAgendaKey(id: string, version: number, key: string | null): Promise<boolean> {
    const _ = db().command;
    const res = (await col(Collections.tickets).where({ _id: id, version, agendaKey: _.exists(false) }).update({ agendaKey: key })) as { updated?: number };
    return (res.updated ?? 0) > 0;
  },
  /** The timer's next page: tickets whose sweep moment has come, earliest first. */
  async dueForSweep(now: Date, limit: number): Promise<TicketDoc[]> {
    const _ = db().command;
    const res = await col(Collections.tickets).where({ sweepAt: _.lte(now) }).orderBy('sweepAt', 'asc').limit(limit).get();
    return res.data as TicketDoc[];
  },
  /**
   * Moves a ticket's sweep moment and records whether a deadline has passed (and its agenda key,
   * which changes when the resolution deadline passes), unless someone acted
   * on it since `version` was read (their act made it due again and set the flag itself). A flip of
   * the flag (from `was`) is won by one writer only — two overlapping runs flip it once — and the
   * answer says whether this call wrote (the winner moves the figures of the flag).
   */
  async setSweepAt(id: string, version: number, at: Date | null, overdue: boolean, was: boolean, agendaKey: string | null): Promise<boolean> {
    const _ = db().command;
    const where: Record<string, unknown> = { _id: id, version };
    if (overdue !== was) where.overdue = overdue ? _.neq(true) : true;
    const res = (await col(Collections.tickets).where(where).update({ sweepAt: at, overdue, agendaKey })) as { updated?: number };
    return (res.updated ?? 0) > 0;
  },
  async byIds(ids: string[]): Promise<TicketDoc[]> {
    if (ids.length === 0) return [];
    const _ = db().command;
    const res = await col(Collections.tickets).where({ _id: _.in(ids) }).limit(MAX).get();
    return res.data as TicketDoc[];
  },
};

/** What applyAct writes, applied to the ticket it read (the answer when the database gives no post-image). */
export function afterAct(read: TicketDoc, set: Record<string, unknown>, entry: HistoryDoc, mark?: RequestMark): TicketDoc {
  const out: Record<string, unknown> = { ...read };
  for (const [k, v] of Object.entries(set)) {
    if (k === '_id' || k === 'history' || k === 'marks' || k === 'version') continue;
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  out.version = read.version + 1;
  out.history = [...(read.history ?? []), withoutUndefined(entry)];
  if (mark) out.marks = [...(read.marks ?? []), { ...mark, version: read.version + 1 }].slice(-KEPT_MARKS);
  return out as unknown as TicketDoc;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export const countersRepository = {
  /** The next number of `key`, inside the caller's transaction. */
  async next(key: string, tx: DbLike): Promise<number> {
    const current = docOf<{ seq: number }>(await col(Collections.ticketCounters, tx).doc(key).get());
    const seq = (current?.seq ?? 0) + 1;
    await col(Collections.ticketCounters, tx).doc(key).set({ seq });
    return seq;
  },
};

export const noticesRepository = {
  /** Claims a once-only notice: false when someone (an overlapping timer run) already did. */
  async claim(id: string, body: object): Promise<boolean> {
    try {
      await col(Collections.ticketNotices).add({ _id: id, ...body });
      return true;
    } catch (e) {
      if (isDuplicateKey(e)) return false;
      throw e;
    }
  },
};

export const catalogueRepository = {
  async byCommunity(communityId: string): Promise<CatalogueDoc[]> {
    const res = await col(Collections.dispatchCatalogue).where({ communityId }).limit(MAX).get();
    return res.data as CatalogueDoc[];
  },
  async get(communityId: string, category: string): Promise<CatalogueDoc | undefined> {
    return docOf<CatalogueDoc>(await col(Collections.dispatchCatalogue).doc(catalogueId(communityId, category)).get());
  },
  async put(doc: CatalogueDoc): Promise<void> {
    const { _id, ...rest } = doc;
    await col(Collections.dispatchCatalogue).doc(_id).set(rest);
  },
};

export const agendaRepository = {
  async get(id: string, tx?: DbLike): Promise<AgendaDoc | undefined> {
    const doc = docOf<AgendaDoc>(await col(Collections.ticketAgenda, tx).doc(id).get());
    // A document from before staff's changes were kept as added/removed has neither: nothing changed.
    return doc && { ...doc, added: doc.added ?? [], removed: doc.removed ?? [], decisions: doc.decisions ?? {} };
  },
  async put(doc: AgendaDoc, tx?: DbLike): Promise<void> {
    const { _id, ...rest } = doc;
    await col(Collections.ticketAgenda, tx).doc(_id).set(rest);
  },
};

/** Who must hear about a ticket: the people behind roles, enterprises and units (the organisation module answers). */
export const peopleRepository = { ids: peopleOf };

export function unitView(u: MemberUnitDoc): MemberUnit {
  return u.nameEn ? { id: u._id, name: u.name, nameEn: u.nameEn } : { id: u._id, name: u.name };
}

export function catalogueView(c: CatalogueDoc): CatalogueEntry {
  return { category: c.category, leadUnitId: c.leadUnitId, assistUnitIds: c.assistUnitIds ?? [] };
}
