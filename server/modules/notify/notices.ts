/**
 * One notification path. An event that concerns people becomes one Notice per recipient; the
 * act writes their inbox items with its own data (stageNotices, inside its transaction) or, for
 * timers and acts without a transaction, right after (recordNotices); either way an item's _id
 * is derived from the event and the recipient, so a retried act or timer never writes a second.
 * Only the call that wrote an item then tries the subscribe message (deliver), unless the person
 * turned that notification off, and records what WeChat answered on the item: nothing is ever
 * marked sent before WeChat said ok.
 */
import { createHash } from 'node:crypto';
import type { NoticeKind, PushStatus } from '../../../core/api/notify';
import type { DbLike } from '../../db/transaction';
import { sendSubscribeMessage, type TemplateName } from '../../platform/subscribe-message';
import { consentId, consentsRepository, inboxRepository, type ConsentDoc, type InboxDoc } from './inbox.repository';

export interface Notice {
  /** What happened, stable across retries: e.g. `qa.answered:<message id>`, `clinic.reminder:<key>`. */
  event: string;
  to: string;
  kind: NoticeKind;
  communityId?: string;
  subject: string;
  /** App page (with query) the item and the message open. */
  page: string;
  /** The subscribe message that goes with the item; none for an inbox-only notice. */
  template?: TemplateName;
  data: Record<string, string>;
  at: Date;
}

export interface Delivery {
  written: number;
  sent: number;
}

/** The item's _id: one per event × recipient (hashed: events and openids have any length). */
export function inboxId(event: string, to: string): string {
  return `n_${createHash('sha256').update(`${event}\u0000${to}`).digest('hex').slice(0, 40)}`;
}

function toDoc(n: Notice): InboxDoc {
  const _id = inboxId(n.event, n.to);
  const doc: InboxDoc = {
    _id,
    openid: n.to,
    event: n.event,
    kind: n.kind,
    subject: n.subject,
    page: n.page,
    ...(n.template ? { template: n.template } : {}),
    data: n.data,
    read: false,
    createdAt: n.at,
    sortKey: `${n.at.toISOString()}#${_id}`,
    push: 'pending',
  };
  if (n.communityId) doc.communityId = n.communityId;
  return doc;
}

/** One notice per distinct recipient (a person named twice gets one item). */
function distinct(notices: Notice[]): InboxDoc[] {
  const seen = new Map<string, InboxDoc>();
  for (const n of notices) if (n.to) seen.set(inboxId(n.event, n.to), toDoc(n));
  return [...seen.values()];
}

/** Inside the act's transaction: writes the items not there yet; answers those written (deliver them after commit). */
export async function stageNotices(tx: DbLike, notices: Notice[]): Promise<InboxDoc[]> {
  const written: InboxDoc[] = [];
  for (const doc of distinct(notices)) if (await inboxRepository.putIfAbsent(doc, tx)) written.push(doc);
  return written;
}

/**
 * Outside a transaction (timers, single-document acts): inserts each item once, all in one request
 * when none is there yet; answers those this call wrote. When some already are (a retried timer),
 * the batch is refused on the duplicate _id and each item is inserted on its own: the ones
 * already there are not written (nor delivered) twice.
 */
export async function recordNotices(notices: Notice[]): Promise<InboxDoc[]> {
  return recordDocs(distinct(notices));
}

async function recordDocs(docs: InboxDoc[]): Promise<InboxDoc[]> {
  if (docs.length === 0) return [];
  if (await inboxRepository.insertAll(docs)) return docs;
  const wrote = await Promise.all(docs.map((d) => inboxRepository.insertOnce(d)));
  return docs.filter((_, i) => wrote[i]);
}

/**
 * For a retried write whose first call may have ended before its notices: one read of which items
 * exist, one insert of the others; answers those this call wrote.
 */
export async function recordMissingNotices(notices: Notice[]): Promise<InboxDoc[]> {
  const docs = distinct(notices);
  if (docs.length === 0) return [];
  const there = await inboxRepository.existing(docs.map((d) => d._id));
  return recordDocs(docs.filter((d) => !there.has(d._id)));
}

/**
 * Tries the subscribe message of each written item and records the outcome on it. Never throws:
 * the act is done and its items are written whatever WeChat says. The recipients' consents are
 * one read, and the outcomes one write per outcome (usually one: all sent).
 */
export async function deliver(items: InboxDoc[], now: Date): Promise<number> {
  if (items.length === 0) return 0;
  let consents = new Map<string, ConsentDoc>();
  try {
    const wanted = items.filter((i) => i.template).map((i) => consentId(i.openid, i.template!));
    consents = new Map((await consentsRepository.byIds(wanted)).map((c) => [c._id, c]));
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'notify.deliver', event: items[0].event, error: String(e) }));
    return 0;
  }
  const outcomes = await Promise.all(
    items.map(async (item): Promise<{ status: PushStatus; errcode?: number } | undefined> => {
      try {
        if (!item.template) return { status: 'none' };
        const consent = consents.get(consentId(item.openid, item.template));
        if (consent && !consent.on) return { status: 'off' };
        const out = await sendSubscribeMessage({ touser: item.openid, template: item.template, page: item.page, data: item.data });
        return { status: out.status, errcode: out.errcode };
      } catch (e) {
        console.warn(JSON.stringify({ level: 'warn', what: 'notify.deliver', event: item.event, error: String(e) }));
        return undefined;
      }
    }),
  );
  // One write per distinct outcome (an item whose send threw stays 'pending' for redeliverPending).
  const groups = new Map<string, { status: PushStatus; errcode?: number; ids: string[] }>();
  outcomes.forEach((o, i) => {
    if (!o) return;
    const key = `${o.status}:${o.errcode ?? ''}`;
    const g = groups.get(key) ?? { ...o, ids: [] };
    g.ids.push(items[i]._id);
    groups.set(key, g);
  });
  for (const g of groups.values()) {
    try {
      await inboxRepository.setPushMany(g.ids, g.status, now, g.errcode);
    } catch (e) {
      console.warn(JSON.stringify({ level: 'warn', what: 'notify.deliver', event: items[0].event, error: String(e) }));
    }
  }
  return outcomes.filter((o) => o?.status === 'sent').length;
}

/** Record then deliver: the path for timers (a failed write fails the run, and the next run writes it). */
export async function notify(notices: Notice[], now: Date): Promise<Delivery> {
  const written = await recordNotices(notices);
  return { written: written.length, sent: await deliver(written, now) };
}

/** For an act that has already happened (its own write was single-document): the notices never fail it; a failure is logged. */
export async function notifyQuietly(notices: Notice[], now: Date): Promise<Delivery> {
  try {
    return await notify(notices, now);
  } catch (e) {
    console.warn(JSON.stringify({ level: 'warn', what: 'notify', event: notices[0]?.event, error: String(e) }));
    return { written: 0, sent: 0 };
  }
}

/** How long an item may wait for its first try before a timer retries it. */
export const REDELIVER_AFTER_MS = 5 * 60_000;

/**
 * A timer's pass over items whose message was never tried (the act's process ended between its
 * commit and the send): each is taken once (moved off 'pending' by a conditional update, so two
 * runs never send it twice) and tried, its outcome recorded. Answers how many were tried.
 */
export async function redeliverPending(now: Date, limit = 50): Promise<number> {
  const rows = await inboxRepository.pendingBefore(new Date(now.getTime() - REDELIVER_AFTER_MS), limit);
  const mine: InboxDoc[] = [];
  for (const item of rows) if (await inboxRepository.claimPending(item._id, now)) mine.push(item);
  await deliver(mine, now);
  return mine.length;
}
