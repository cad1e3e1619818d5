/**
 * Enterprise demand tickets: the ticket documents, their append-only history, the per-community
 * number counter, once-only notices, member units, the dispatch catalogue and the monthly agenda.
 * Every "did I win?" is a transaction guarded by the ticket's `version` or an insert under a
 * unique key, never a count.
 */
import type { CatalogueEntry, MemberUnit, TicketCategory } from '../../../core/api/tickets';
import type { HistoryEntry, Ticket } from '../../../core/rules/ticket-machine';
import { docOf, getDb, isDuplicateKey } from '../../db/client';
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

/** One timeline line (_id = <ticketId>:<version>). `decision` entries come from the monthly meeting. */
export interface HistoryDoc extends Omit<HistoryEntry, 'act'> {
  _id: string;
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

export interface AgendaDoc {
  _id: string;
  communityId: string;
  month: string;
  edited: boolean;
  /** The staff's list, once edited (the automatic draft until then). */
  ticketIds: string[];
  decisions: Record<string, AgendaDecision>;
  updatedAt: Date;
}

const db = () => getDb();
const col = (name: string, tx?: DbLike) => (tx ?? db()).collection(name);
const MAX = 1000;

export const historyId = (ticketId: string, version: number) => `${ticketId}:${version}`;
export const agendaId = (communityId: string, month: string) => `${communityId}:${month}`;
export const catalogueId = (communityId: string, category: string) => `${communityId}:${category}`;

export function toTicket(doc: TicketDoc): Ticket {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id } as Ticket;
}

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
      (await col(Collections.tickets).where(_.and([...extra, ...conds])).orderBy('submittedAt', 'desc').orderBy('_id', 'desc').limit(q.limit).get()).data as TicketDoc[];
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
  /** The timer's next page: tickets whose sweep moment has come, earliest first. */
  async dueForSweep(now: Date, limit: number): Promise<TicketDoc[]> {
    const _ = db().command;
    const res = await col(Collections.tickets).where({ sweepAt: _.lte(now) }).orderBy('sweepAt', 'asc').limit(limit).get();
    return res.data as TicketDoc[];
  },
  /**
   * Moves a ticket's sweep moment and records whether a deadline has passed, unless someone acted
   * on it since `version` was read (their act made it due again and set the flag itself). A flip of
   * the flag (from `was`) is won by one writer only — two overlapping runs flip it once — and the
   * answer says whether this call wrote (the winner moves the figures of the flag).
   */
  async setSweepAt(id: string, version: number, at: Date | null, overdue: boolean, was: boolean): Promise<boolean> {
    const _ = db().command;
    const where: Record<string, unknown> = { _id: id, version };
    if (overdue !== was) where.overdue = overdue ? _.neq(true) : true;
    const res = (await col(Collections.tickets).where(where).update({ sweepAt: at, overdue })) as { updated?: number };
    return (res.updated ?? 0) > 0;
  },
  async byIds(ids: string[]): Promise<TicketDoc[]> {
    if (ids.length === 0) return [];
    const _ = db().command;
    const res = await col(Collections.tickets).where({ _id: _.in(ids) }).limit(MAX).get();
    return res.data as TicketDoc[];
  },
};

export const historyRepository = {
  /** Appends one entry; a second writer of the same version fails on the _id (duplicate key). */
  async append(doc: HistoryDoc, tx: DbLike): Promise<void> {
    await col(Collections.ticketHistory, tx).add(doc);
  },
  async of(ticketId: string): Promise<HistoryDoc[]> {
    const res = await col(Collections.ticketHistory).where({ ticketId }).orderBy('version', 'asc').limit(MAX).get();
    return res.data as HistoryDoc[];
  },
};

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
    return docOf<AgendaDoc>(await col(Collections.ticketAgenda, tx).doc(id).get());
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
