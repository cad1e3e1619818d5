/**
 * 我的数据 and 注销 (PIPL arts. 45 and 47): a person downloads what the service holds about them,
 * and deletes their account.
 *
 * 注销 runs in steps that can each be repeated, so a call that dies half-way (a function timeout,
 * a lost network) is finished by the next call:
 *   1. begin (one transaction): the user record is marked with a deletion record whose _id is a
 *      fresh random pseudonym; from then on every other action of this person is refused
 *      (ACCOUNT.DELETING) and a second 注销 resumes the same deletion;
 *   2. every place of personal-data.ts, in order: records found by the openid are anonymised
 *      (openid → pseudonym, name copies removed, their name and phone in their own text → ***,
 *      their photos deleted from storage), released or deleted. A record is found by the openid
 *      until it is done, so a repeat picks up exactly what is left;
 *   3. finish (one transaction): the user record is removed, the deletion record forgets the
 *      openid, name and phone, and the audit log gets one entry naming only the pseudonym.
 * Afterwards nothing links the openid to the old records: the same WeChat user scanning a code
 * again is a guest and starts a new record.
 */
import { randomBytes } from 'node:crypto';
import { ErrorCodes } from '../../../core/api/errors';
import type { AccountDeleted, MyDataFile } from '../../../core/api/user';
import { isOwnPhoto } from '../../../core/rules/uploads';
import { shanghaiDate } from '../../../core/rules/working-days';
import { docOf, getApp, getDb } from '../../db/client';
import { Collections } from '../../db/schema';
import { inTransaction } from '../../db/transaction';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError } from '../../kernel/errors';
import { temporaryUrls, uploadBytes } from '../../platform/storage';
import { inboxId } from '../notify';
import { auditRepository } from '../organisation';
import { PersonalPlaces, type PersonalPlace } from './personal-data';
import { usersRepository, type UserDoc } from '../organisation';
import { xlsxWriter } from '../../platform/xlsx';

/** What the person's name and phone become inside text and other people's messages. */
export const REDACTED = '***';
/** A page of records per query (every place is read until nothing of the person is left). */
const BATCH = 100;
/** deleteFile takes at most 50 files a call. */
const DELETE_BATCH = 50;
/** The data file's link lives this long (it is made again on every download). */
const LINK_SECONDS = 600;

export interface DeletionDoc {
  /** The pseudonym the person's records now carry: `deleted-<20 hex>`. */
  _id: string;
  status: 'running' | 'done';
  communityId: string;
  role: string;
  startedAt: Date;
  doneAt?: Date;
  /** Only while running: what the steps look for. Removed by the finishing transaction. */
  openid?: string;
  name?: string;
  phone?: string;
  organisation?: string;
}

// ---- 我的数据 ----------------------------------------------------------------------------------

/**
 * The caller's data file: an .xlsx (the export library the staff exports use; WeChat's document
 * viewer opens it, so does any spreadsheet), a 概要 sheet with the profile and one sheet per kind
 * of record, every field a column. Kept in cloud storage under an unguessable folder; only the
 * caller gets its short-lived link.
 */
export async function myData(ctx: ActionContext): Promise<MyDataFile> {
  const user = ctx.caller.user;
  if (!user) throw new DomainError(ErrorCodes.ACCOUNT_NONE, 'there is no account for this WeChat user');
  const now = ctx.clock.now();
  const counts: Record<string, number> = { profile: 1 };
  const { dataFiles: _files, deletion: _deletion, ...profile } = user;
  const sheets: { sheet: string; data: ({ value: string } | null)[][] }[] = [
    { sheet: 'profile', data: [[cell('field'), cell('value')], ...Object.entries(profile).map(([k, v]) => [cell(k), cell(v)])] },
  ];
  for (const place of PersonalPlaces) {
    const found = (await getDb().collection(place.collection).where({ [place.field]: user._id }).limit(1000).get()).data as Record<string, unknown>[];
    const rows = (place.within ? entriesOf(place, found, user._id) : found).map((r) => withoutOthers(r, place));
    counts[place.kind] = rows.length;
    if (rows.length === 0) continue;
    const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    sheets.push({ sheet: place.kind.slice(0, 31), data: [headers.map(cell), ...rows.map((r) => headers.map((h) => cell(r[h])))] });
  }
  sheets[0].data.push([cell('generatedAt'), cell(now.toISOString())], [cell('about'), cell('注销 deletes this account: see 我的 → 我的数据 / 注销账号')]);
  const bytes = await (await xlsxWriter())(sheets.map((s) => ({ sheet: s.sheet, data: s.data, stickyRowsCount: 1 }))).toBuffer();
  const fileName = `my-data-${shanghaiDate(now)}.xlsx`;
  const fileID = await uploadBytes(`mydata/${randomBytes(16).toString('hex')}/${fileName}`, bytes);
  // Only the newest file is kept: the earlier ones are deleted (and every one on 注销).
  const earlier = user.dataFiles ?? [];
  // Conditional: a 注销 that began meanwhile must not miss this file (it deletes the files it finds on the record).
  const _ = getDb().command;
  const kept = await getDb().collection(Collections.users).where({ _id: user._id, deletion: _.exists(false) }).update({ dataFiles: [fileID], updatedAt: now });
  if (kept.updated !== 1) {
    await deleteFiles([fileID]);
    throw new DomainError(ErrorCodes.ACCOUNT_DELETING, 'this account is being deleted');
  }
  await deleteFiles(earlier);
  const url = (await temporaryUrls([fileID], LINK_SECONDS)).get(fileID) ?? '';
  return { fileID, url, fileName, counts, createdAt: now.toISOString() };
}

/** A value as a cell: dates in ISO, objects and lists as JSON, nothing as an empty cell. */
function cell(v: unknown): { value: string } | null {
  if (v === undefined || v === null || v === '') return null;
  if (v instanceof Date) return { value: v.toISOString() };
  if (typeof v === 'object') return { value: JSON.stringify(v) };
  return { value: String(v) };
}

/** The person's entries of a list embedded in the documents found (a ticket's timeline), each with the document's id. */
function entriesOf(place: PersonalPlace, docs: Record<string, unknown>[], openid: string): Record<string, unknown>[] {
  const key = place.field.slice(place.within!.length + 1);
  return docs.flatMap((d) => ((valueAt(d, place.within!) as Record<string, unknown>[] | undefined) ?? []).filter((e) => e[key] === openid).map((e) => ({ of: d._id, ...e })));
}

function withoutOthers(doc: Record<string, unknown>, place: PersonalPlace): Record<string, unknown> {
  const out: Record<string, unknown> = { ...doc };
  for (const f of place.others ?? []) delete out[f];
  return out;
}

// ---- 注销 -------------------------------------------------------------------------------------

/** The work that others depend on and that 注销 will not silently drop: what the person must hand over first. */
export async function openWork(openid: string, now: Date): Promise<Record<string, number>> {
  const db = getDb();
  const _ = db.command;
  const today = shanghaiDate(now);
  const [duties, offeredToMe, offeredByMe, claims, bookings] = await Promise.all([
    db.collection(Collections.clinicDuties).where({ volunteerOpenid: openid }).limit(1000).get(),
    db.collection(Collections.clinicHandovers).where({ toOpenid: openid, status: 'offered' }).limit(100).get(),
    db.collection(Collections.clinicHandovers).where({ fromOpenid: openid }).limit(1000).get(),
    db.collection(Collections.questions).where({ claimedBy: openid, status: _.in(['claimed', 'awaiting_info']) }).limit(100).get(),
    db.collection(Collections.clinicBookings).where({ bookerId: openid }).limit(1000).get(),
  ]);
  const out: Record<string, number> = {};
  const n = (k: string, v: number) => {
    if (v > 0) out[k] = v;
  };
  n('duties', (duties.data as { date: string }[]).filter((d) => d.date >= today).length);
  n('handovers', offeredToMe.data.length + (offeredByMe.data as { status: string }[]).filter((h) => h.status === 'offered').length);
  n('claims', claims.data.length);
  n('bookings', (bookings.data as { status: string; startsAt: Date }[]).filter((b) => b.status === 'confirmed' && new Date(b.startsAt).getTime() > now.getTime()).length);
  return out;
}

function refuseOpenWork(work: Record<string, number>): never {
  throw new DomainError(
    ErrorCodes.ACCOUNT_HAS_OPEN_WORK,
    `hand over or cancel first: ${Object.entries(work)
      .map(([k, v]) => `${v} ${k}`)
      .join(', ')}`,
    Object.fromEntries(Object.entries(work).map(([k, v]) => [k, String(v)])),
  );
}

export async function deleteAccount(ctx: ActionContext, _input: { confirm: true }): Promise<AccountDeleted> {
  const openid = ctx.caller.openid;
  const now = ctx.clock.now();
  let job = await resumable(openid);
  if (!job) {
    const user = ctx.caller.user;
    if (!user) throw new DomainError(ErrorCodes.ACCOUNT_NONE, 'there is no account for this WeChat user (never created, or already deleted)');
    const work = await openWork(openid, now);
    if (Object.keys(work).length) refuseOpenWork(work);
    const begun = await begin(user, now);
    if (begun.fresh) {
      // A duty booked or a question claimed by a call that read the person before the mark: checked again, and undone.
      const late = await openWork(openid, now);
      if (Object.keys(late).length) {
        await abandon(begun.doc);
        refuseOpenWork(late);
      }
    }
    job = begun.doc;
  }
  await scrub(job);
  await finish(job, ctx.clock.now());
  return answerOf(job);
}

const answerOf = (job: DeletionDoc): AccountDeleted => ({ deleted: true, reference: job._id, at: new Date(job.startedAt).toISOString() });

/** The running deletion of this person, if one began (a retry after a timeout, or a second tap). */
async function resumable(openid: string): Promise<DeletionDoc | undefined> {
  const user = await usersRepository.get(openid);
  if (!user?.deletion) return undefined;
  return docOf<DeletionDoc>(await getDb().collection(Collections.accountDeletions).doc(user.deletion).get());
}

/** Marks the user and writes the deletion record together; a concurrent 注销 that marked first is joined instead. */
async function begin(user: UserDoc, now: Date): Promise<{ doc: DeletionDoc; fresh: boolean }> {
  return inTransaction(async (tx) => {
    const current = await usersRepository.get(user._id, tx);
    if (!current) throw new DomainError(ErrorCodes.ACCOUNT_NONE, 'there is no account for this WeChat user (never created, or already deleted)');
    if (current.deletion) {
      const existing = docOf<DeletionDoc>(await tx.collection(Collections.accountDeletions).doc(current.deletion).get());
      if (existing) return { doc: existing, fresh: false };
    }
    const doc: DeletionDoc = {
      _id: `deleted-${randomBytes(10).toString('hex')}`,
      status: 'running',
      communityId: current.communityId,
      role: current.role,
      startedAt: now,
      openid: current._id,
    };
    if (current.name) doc.name = current.name;
    if (current.phone) doc.phone = current.phone;
    if (current.organisation) doc.organisation = current.organisation;
    const { _id, ...rest } = doc;
    await tx.collection(Collections.accountDeletions).doc(_id).set(rest);
    await usersRepository.update(current._id, { deletion: doc._id, updatedAt: now }, tx);
    return { doc, fresh: true };
  });
}

/** Undoes a mark whose late check found open work (nothing was scrubbed yet). */
async function abandon(job: DeletionDoc): Promise<void> {
  await inTransaction(async (tx) => {
    const _ = getDb().command;
    await tx.collection(Collections.users).doc(job.openid!).update({ deletion: _.remove() });
    await tx.collection(Collections.accountDeletions).doc(job._id).remove();
  });
}

async function scrub(job: DeletionDoc): Promise<void> {
  const openid = job.openid;
  if (!openid) return; // finished by a concurrent call
  // Other people's messages that name this person: found through the person's records, so first.
  await scrubOthersInbox(job);
  await scrubEnterprise(job);
  for (const place of PersonalPlaces) await scrubPlace(place, job);
  // Idempotency records (their stored answers may hold the name), except this very call's.
  for (;;) {
    const rows = (await getDb().collection(Collections.requests).where({ openid }).limit(BATCH).get()).data as { _id: string; scope: string }[];
    const gone = rows.filter((r) => r.scope !== 'user.deleteAccount');
    for (const r of gone) await getDb().collection(Collections.requests).doc(r._id).remove();
    if (rows.length < BATCH) break;
  }
  const user = await usersRepository.get(openid);
  await deleteFiles(user?.dataFiles ?? []);
}

async function scrubPlace(place: PersonalPlace, job: DeletionDoc): Promise<void> {
  const col = getDb().collection(place.collection);
  for (;;) {
    const rows = (await col.where({ [place.field]: job.openid }).limit(BATCH).get()).data as Record<string, unknown>[];
    if (rows.length === 0) return;
    for (const doc of rows) {
      if (place.mode === 'delete') await col.doc(String(doc._id)).remove();
      else if (place.mode === 'release') await col.doc(String(doc._id)).update({ [place.field]: null });
      else if (place.rekey) await rekey(place, doc, job);
      else if (place.within) await anonymiseEntries(place, doc, job);
      else {
        await deleteFiles(ownFiles(place, doc, job));
        await col.doc(String(doc._id)).update(anonymised(place, doc, job));
      }
    }
  }
}

/**
 * The person's entries of an embedded list, anonymised like a record of their own; the list is
 * written back only if the document did not change since it was read (its `version`), else the
 * next round reads it again.
 */
async function anonymiseEntries(place: PersonalPlace, doc: Record<string, unknown>, job: DeletionDoc): Promise<void> {
  const _ = getDb().command;
  const key = place.field.slice(place.within!.length + 1);
  const list = (valueAt(doc, place.within!) as Record<string, unknown>[] | undefined) ?? [];
  const next = list.map((e) => {
    if (e[key] !== job.openid) return e;
    const out: Record<string, unknown> = { ...e, [key]: job._id };
    for (const f of place.names ?? []) delete out[f];
    for (const f of place.texts ?? []) if (typeof out[f] === 'string') out[f] = redact(out[f] as string, job);
    return out;
  });
  const unchanged = doc.version !== undefined ? { version: doc.version } : {};
  await getDb().collection(place.collection).where({ _id: doc._id, ...unchanged }).update({ [place.within!]: _.set(next) });
}

function anonymised(place: PersonalPlace, doc: Record<string, unknown>, job: DeletionDoc): Record<string, unknown> {
  const _ = getDb().command;
  const openid = job.openid!;
  const patch: Record<string, unknown> = { [place.field]: job._id };
  for (const f of place.names ?? []) if (valueAt(doc, f) !== undefined) patch[f] = _.remove();
  for (const f of place.texts ?? []) {
    const v = valueAt(doc, f);
    if (typeof v === 'string') {
      const r = redact(v, job);
      if (r !== v) patch[f] = r;
    }
  }
  for (const f of place.keys ?? []) {
    const v = valueAt(doc, f);
    if (typeof v === 'string' && v.includes(openid)) patch[f] = v.split(openid).join(job._id);
  }
  for (const f of place.files ?? []) {
    const v = valueAt(doc, f);
    if (Array.isArray(v) && v.some((x) => typeof x === 'string' && isOwnPhoto(openid, x))) patch[f] = v.filter((x) => !(typeof x === 'string' && isOwnPhoto(openid, x)));
  }
  return patch;
}

/** A record whose _id embeds the openid (an evaluation per case and person) moves to the pseudonym's _id, with the follow-up that names it. */
async function rekey(place: PersonalPlace, doc: Record<string, unknown>, job: DeletionDoc): Promise<void> {
  const openid = job.openid!;
  const oldId = String(doc._id);
  const newId = oldId.split(openid).join(job._id);
  await inTransaction(async (tx) => {
    const current = docOf<Record<string, unknown>>(await tx.collection(place.collection).doc(oldId).get());
    if (!current || current[place.field] !== openid) return;
    const { _id, ...rest } = current;
    const patch = anonymised(place, current, job);
    const next: Record<string, unknown> = { ...rest, [place.field]: job._id };
    for (const [k, v] of Object.entries(patch)) {
      if (k === place.field) continue;
      if (typeof v === 'string' || Array.isArray(v)) next[k] = v;
      else delete next[k]; // a removal
    }
    if (newId !== oldId) {
      await tx.collection(place.collection).doc(newId).set(next);
      await tx.collection(place.collection).doc(oldId).remove();
    } else {
      await tx.collection(place.collection).doc(oldId).set(next);
    }
    const followUpId = (current.consequence as { followUpId?: string } | undefined)?.followUpId;
    if (followUpId && newId !== oldId) {
      // The task names the evaluation, and its reason quotes the comment.
      const task = docOf<{ source?: { kind: string; id: string }; reason?: string }>(await tx.collection(Collections.followUps).doc(followUpId).get());
      if (task?.source?.id === oldId) {
        await tx.collection(Collections.followUps).doc(followUpId).update({ source: { kind: task.source.kind, id: newId }, ...(task.reason ? { reason: redact(task.reason, job) } : {}) });
      }
    }
  });
}

/** Notices sent to other people that carry this person's name (an answer's 答复人, a handover's 同事). */
async function scrubOthersInbox(job: DeletionDoc): Promise<void> {
  const db = getDb();
  const openid = job.openid!;
  const targets: string[] = [];
  const messages = (await db.collection(Collections.qaMessages).where({ authorOpenid: openid }).limit(1000).get()).data as { _id: string; questionId: string }[];
  const askers = new Map<string, string>();
  for (const m of messages) {
    if (!askers.has(m.questionId)) askers.set(m.questionId, (docOf<{ askerOpenid: string }>(await db.collection(Collections.questions).doc(m.questionId).get()))?.askerOpenid ?? '');
    const asker = askers.get(m.questionId);
    if (asker) targets.push(inboxId(`qa.answered:${m._id}`, asker));
  }
  const handovers = (await db.collection(Collections.clinicHandovers).where({ fromOpenid: openid }).limit(1000).get()).data as { _id: string; toOpenid: string }[];
  for (const h of handovers) targets.push(inboxId(`clinic.handover:${h._id}`, h.toOpenid));
  for (const id of targets) {
    const item = docOf<{ subject: string; data: Record<string, string> }>(await db.collection(Collections.inbox).doc(id).get());
    if (!item) continue;
    const subject = redact(item.subject, job);
    const data = Object.fromEntries(Object.entries(item.data ?? {}).map(([k, v]) => [k, redact(v, job)]));
    if (subject !== item.subject || JSON.stringify(data) !== JSON.stringify(item.data)) await db.collection(Collections.inbox).doc(id).update({ subject, data });
  }
}

/**
 * The person's enterprise: when its contact (master data) is this person, the contact's name and
 * phone are removed for staff to fill in anew; visits to it that wrote their name (who was met,
 * notes) and revisits recorded with them as the contact have it replaced by ***.
 */
async function scrubEnterprise(job: DeletionDoc): Promise<void> {
  const user = await usersRepository.get(job.openid!);
  if (!user?.enterpriseId) return;
  const _ = getDb().command;
  const ent = docOf<{ contactName?: string; contactPhone?: string }>(await getDb().collection(Collections.enterprises).doc(user.enterpriseId).get());
  if (!ent) return;
  const patch: Record<string, unknown> = {};
  if (job.name && ent.contactName === job.name) patch.contactName = _.remove();
  if (job.phone && ent.contactPhone === job.phone) patch.contactPhone = _.remove();
  if (Object.keys(patch).length) await getDb().collection(Collections.enterprises).doc(user.enterpriseId).update(patch);
  for (let skip = 0; ; skip += BATCH) {
    const visits = (await getDb().collection(Collections.visits).where({ enterpriseId: user.enterpriseId }).orderBy('date', 'desc').skip(skip).limit(BATCH).get()).data as { _id: string; met?: string; notes?: string }[];
    for (const v of visits) {
      const vp: Record<string, string> = {};
      for (const f of ['met', 'notes'] as const) {
        const text = v[f];
        if (typeof text === 'string' && redact(text, job) !== text) vp[f] = redact(text, job);
      }
      if (Object.keys(vp).length) await getDb().collection(Collections.visits).doc(v._id).update(vp);
    }
    if (visits.length < BATCH) break;
  }
  // A revisit staff recorded by phone or on site names the person met (contactName): one target and answer per yearly campaign.
  const campaigns = (await getDb().collection(Collections.campaigns).where({ communityId: user.communityId }).limit(100).get()).data as { _id: string }[];
  for (const c of campaigns) {
    for (const col of [Collections.campaignTargets, Collections.surveyResponses]) {
      const id = `${c._id}:${user.enterpriseId}`;
      const doc = docOf<{ contactName?: string }>(await getDb().collection(col).doc(id).get());
      if (doc?.contactName && redact(doc.contactName, job) !== doc.contactName) await getDb().collection(col).doc(id).update({ contactName: redact(doc.contactName, job) });
    }
  }
}

async function finish(job: DeletionDoc, now: Date): Promise<void> {
  if (!job.openid) return;
  const openid = job.openid;
  await inTransaction(async (tx) => {
    const _ = getDb().command;
    const current = docOf<DeletionDoc>(await tx.collection(Collections.accountDeletions).doc(job._id).get());
    if (!current || current.status === 'done') return; // a concurrent call finished it
    const user = await usersRepository.get(openid, tx);
    if (user?.deletion === job._id) await tx.collection(Collections.users).doc(openid).remove();
    await tx.collection(Collections.accountDeletions).doc(job._id).update({ status: 'done', doneAt: now, openid: _.remove(), name: _.remove(), phone: _.remove(), organisation: _.remove() });
    await auditRepository.append({ communityId: job.communityId, at: now, actorOpenid: job._id, action: 'delete-account', targetOpenid: job._id, from: job.role, to: 'deleted', note: job._id }, tx);
  });
}

function ownFiles(place: PersonalPlace, doc: Record<string, unknown>, job: DeletionDoc): string[] {
  return (place.files ?? []).flatMap((f) => {
    const v = valueAt(doc, f);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && isOwnPhoto(job.openid!, x)) : [];
  });
}

/**
 * deleteFile answers per file (wx.cloud / CloudBase: a status or code for each). A file already
 * gone (a repeated step) is fine; any other failure stops the step before its record is changed,
 * so the next call tries the file again.
 */
async function deleteFiles(fileIDs: string[]): Promise<void> {
  for (let i = 0; i < fileIDs.length; i += DELETE_BATCH) {
    const res = await getApp().deleteFile({ fileList: fileIDs.slice(i, i + DELETE_BATCH) });
    const failed = (res.fileList ?? []).filter((f: { code?: string }) => f.code && f.code !== 'SUCCESS' && f.code !== 'STORAGE_FILE_NONEXIST');
    if (failed.length) throw new Error(`deleteFile failed: ${failed.map((f: { fileID: string; code?: string }) => `${f.fileID} ${f.code}`).join(', ')}`);
  }
}

/** The person's name (two characters or more), organisation and phone inside a text become ***. */
export function redact(text: string, who: Pick<DeletionDoc, 'name' | 'phone' | 'organisation'>): string {
  let out = text;
  for (const s of [who.name, who.organisation, who.phone]) if (s && s.length >= 2) out = out.split(s).join(REDACTED);
  return out;
}

function valueAt(doc: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}
