/**
 * Content security for what people publish, beyond the synchronous text check:
 *
 * Photos: after a case is written with photos, each photo is sent to WeChat's asynchronous check
 * (`security.mediaCheckAsync`). Until the verdict arrives — pushed by WeChat as event
 * `wxa_media_check` to the function configured in 消息推送 (server/platform/message-push.ts) —
 * only the uploader sees it (`visiblePhotos`). `pass` shows it; `risky` deletes the file, takes it
 * off every case that shows it and tells the uploader (an inbox item); `review` keeps it hidden
 * from others (staff do not see photos in the queue yet: docs/api.md).
 *
 * Texts: a Q&A text WeChat answers `review` for is written held (`holdText`): its author and staff
 * see it, others do not; staff release or reject it from their queue.
 *
 * The modules whose cases show photos or held texts register a target per kind (`registerTarget`):
 * what "take this photo off", "release" and "reject" mean for their documents.
 *
 * Security of the push: anyone can call a function with any event, so a push is trusted only for
 * the trace_id it names, which WeChat gave this server and which is never sent to a client.
 */
import type { HeldItem, HeldKind, HeldPage, HeldStatus } from '../../../core/api/moderation';
import { ErrorCodes } from '../../../core/api/errors';
import { MODERATORS, photoVisible, type CheckScene } from '../../../core/rules/moderation';
import { isOwnPhoto } from '../../../core/rules/uploads';
import { getApp } from '../../db/client';
import type { ActionContext, PushContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { deleteFiles, temporaryUrls } from '../../platform/storage';
import { WxApiError } from '../../platform/wx-open-api';
import { notifyQuietly, type Notice } from '../notify';
import { heldTextsRepository, mediaChecksRepository, mediaKey, type HeldTextDoc, type MediaCheckDoc, type PhotoRef } from './moderation.repository';

export type { PhotoRef };

export interface ModerationTarget {
  /** Takes a rejected photo off the document (its attachment list). */
  removePhoto?: (id: string, fileID: string) => Promise<void>;
  /** The app page that shows the document (for the uploader's inbox item). */
  pageOf?: (id: string) => Promise<string | undefined>;
  /** A held text of this kind becomes visible to everyone who sees the case. */
  release?: (id: string, at: Date) => Promise<void>;
  /** A held text of this kind stays visible to its author only. */
  reject?: (id: string, at: Date) => Promise<void>;
}

const targets = new Map<string, ModerationTarget>();

/** A module declares what moderation does to its documents of `kind` (at import time). */
export function registerTarget(kind: string, target: ModerationTarget): void {
  targets.set(kind, target);
}

// ---------------------------------------------------------------- photos

/** How long the checker has to download a photo: WeChat answers within 30 minutes. */
const CHECK_URL_SECONDS = 2 * 60 * 60;

interface MediaCheckAnswer {
  errcode?: number;
  errmsg?: string;
  trace_id?: string;
  traceId?: string;
}

async function askWeChat(fileID: string, openid: string, scene: CheckScene): Promise<string> {
  const url = (await temporaryUrls([fileID], CHECK_URL_SECONDS)).get(fileID);
  if (!url) throw new WxApiError('FILE_MISSING', `no download URL for ${fileID}`);
  const res = (await getApp().callWxOpenApi({
    apiName: 'security.mediaCheckAsync',
    requestData: { media_url: url, media_type: 2, version: 2, scene, openid },
  })) as { result?: MediaCheckAnswer | string; code?: string; message?: string };
  if (res.code) throw new WxApiError(res.code, res.message ?? 'wx open api failed');
  const answer: MediaCheckAnswer = typeof res.result === 'string' ? JSON.parse(res.result) : (res.result ?? {});
  if (answer.errcode) throw new WxApiError(answer.errcode, answer.errmsg ?? 'mediaCheckAsync failed');
  // The HTTPS API answers trace_id; wx-server-sdk's cloud.openapi camel-cases it (traceId).
  const trace = answer.trace_id ?? answer.traceId;
  if (!trace) throw new WxApiError('NO_TRACE', 'mediaCheckAsync answered no trace_id');
  return trace;
}

/**
 * Sends the caller's newly attached photos to WeChat's check. Call it before writing the case
 * (a photo is then never shown to others unchecked); `attachTo` after, with the case written.
 * A photo attached before (already checked) is not checked again. A check WeChat would not take
 * leaves the photo pending: visible to its uploader only (and logged).
 */
export async function screenPhotos(ctx: ActionContext, fileIDs: string[], scene: CheckScene): Promise<{ attachTo: (ref: PhotoRef) => Promise<void> }> {
  const now = ctx.clock.now();
  const fresh: string[] = [];
  for (const fileID of fileIDs) {
    const doc: MediaCheckDoc = { _id: mediaKey(fileID), fileID, uploader: ctx.caller.openid, status: 'pending', refs: [], createdAt: now };
    if (ctx.caller.communityId) doc.communityId = ctx.caller.communityId;
    if (await mediaChecksRepository.insertOnce(doc)) fresh.push(fileID);
  }
  await Promise.all(
    fresh.map(async (fileID) => {
      try {
        const trace = await askWeChat(fileID, ctx.caller.openid, scene);
        await mediaChecksRepository.setTrace(fileID, trace);
        // A verdict may have been pushed before the trace_id was stored.
        const early = await mediaChecksRepository.takeEarly(trace);
        if (early) await applyVerdict(fileID, early.suggest, early.label, now);
      } catch (e) {
        console.error(JSON.stringify({ level: 'error', what: 'moderation.mediaCheckAsync', fileID, error: String(e) }));
      }
    }),
  );
  return {
    attachTo: async (ref) => {
      for (const fileID of fileIDs) {
        await mediaChecksRepository.addRef(fileID, ref);
        // Rejected while the case was being written: take it off at once.
        const check = await mediaChecksRepository.get(fileID);
        if (check?.status === 'rejected') await targets.get(ref.kind)?.removePhoto?.(ref.id, fileID);
      }
    },
  };
}

/**
 * The photos `reader` may see now, with their temporary URLs: checked ones, and the reader's own
 * still being checked. Others' unchecked and rejected photos are left out.
 */
export async function visiblePhotos(reader: { openid: string }, fileIDs: string[]): Promise<Map<string, string>> {
  const files = [...new Set(fileIDs)];
  if (!files.length) return new Map();
  const checks = await mediaChecksRepository.ofFiles(files);
  const shown = files.filter((f) => {
    const c = checks.get(f);
    return photoVisible(c?.status, reader, c?.uploader ?? uploaderOf(f));
  });
  return temporaryUrls(shown);
}

/** The uploader named by the file's folder (uploads/<openid>/…), for a photo with no check recorded. */
function uploaderOf(fileID: string): string {
  const m = /^cloud:\/\/[^/]+\/uploads\/([^/]+)\//.exec(fileID);
  return m && isOwnPhoto(m[1], fileID) ? m[1] : '';
}

/** What WeChat pushes (event wxa_media_check, v2). */
export interface MediaCheckEvent {
  trace_id: string;
  result?: { suggest?: string; label?: number | string };
}

/**
 * The verdict of one check, pushed by WeChat. Idempotent (a repeated push changes nothing);
 * a push for a trace_id this server never asked about is ignored.
 */
export async function onMediaCheck(ctx: PushContext, event: MediaCheckEvent): Promise<{ applied: boolean; status?: string }> {
  const now = ctx.clock.now();
  const suggest = event.result?.suggest ?? 'review';
  const label = event.result?.label === undefined ? undefined : Number(event.result.label);
  const check = await mediaChecksRepository.byTrace(event.trace_id);
  if (!check) {
    // Possibly ahead of its own trace_id being stored: kept for the check to pick up.
    await mediaChecksRepository.keepEarly({ traceId: event.trace_id, suggest, label, at: now });
    return { applied: false };
  }
  return applyVerdict(check.fileID, suggest, label, now);
}

async function applyVerdict(fileID: string, suggest: string, label: number | undefined, now: Date): Promise<{ applied: boolean; status?: string }> {
  const status = suggest === 'pass' ? 'pass' : suggest === 'risky' ? 'rejected' : 'review';
  if (!(await mediaChecksRepository.decide(fileID, status, label, now))) return { applied: false };
  if (status !== 'rejected') return { applied: true, status };
  const check = await mediaChecksRepository.get(fileID);
  if (!check) return { applied: true, status };
  // Off every case first, then out of storage, then the uploader is told.
  for (const ref of check.refs) await targets.get(ref.kind)?.removePhoto?.(ref.id, fileID);
  await deleteFiles([fileID]);
  const ref = check.refs[0];
  const page = (ref && (await targets.get(ref.kind)?.pageOf?.(ref.id))) || 'pages/index/index';
  const notice: Notice = {
    event: `content.photo_removed:${check._id}`,
    to: check.uploader,
    kind: 'content.photo_removed',
    communityId: check.communityId,
    subject: fileID.split('/').pop() ?? fileID,
    page,
    data: {},
    at: now,
  };
  await notifyQuietly([notice], now);
  return { applied: true, status };
}

// ---------------------------------------------------------------- texts

export const HELD_PAGE_SIZE = 20;

/** Writes the hold of a text WeChat sent to review (call it with the held document written). */
export async function holdText(
  ctx: ActionContext,
  input: { kind: HeldKind; refId: string; text: string; subject: string; page: string; id: string },
): Promise<void> {
  const now = ctx.clock.now();
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  await heldTextsRepository.insert({
    _id: input.id,
    kind: input.kind,
    refId: input.refId,
    communityId: ctx.caller.communityId,
    author: ctx.caller.openid,
    authorName: ctx.caller.user?.name,
    text: input.text,
    subject: input.subject,
    page: input.page,
    status: 'held',
    createdAt: now,
    sortKey: `${now.toISOString()}#${input.id}`,
  });
}

function toItem(d: HeldTextDoc): HeldItem {
  return {
    id: d._id,
    kind: d.kind,
    status: d.status,
    text: d.text,
    subject: d.subject,
    authorName: d.authorName,
    page: d.page,
    createdAt: new Date(d.createdAt).toISOString(),
    decidedAt: d.decidedAt ? new Date(d.decidedAt).toISOString() : undefined,
    decidedByName: d.decidedByName,
  };
}

function moderatorCommunity(ctx: ActionContext): string {
  if (!MODERATORS.includes(ctx.caller.role) || !ctx.caller.communityId) throw forbidden('only staff review held content');
  return ctx.caller.communityId;
}

/** Staff: the community's held texts (newest first), or those released / rejected. */
export async function heldQueue(ctx: ActionContext, input: { status?: HeldStatus; cursor?: string }): Promise<HeldPage> {
  const communityId = moderatorCommunity(ctx);
  const rows = await heldTextsRepository.list(communityId, input.status ?? 'held', input.cursor, HELD_PAGE_SIZE + 1);
  const items = rows.slice(0, HELD_PAGE_SIZE);
  return { items: items.map(toItem), nextCursor: rows.length > HELD_PAGE_SIZE ? items[items.length - 1].sortKey : undefined };
}

async function decideHeld(ctx: ActionContext, id: string, status: 'released' | 'rejected'): Promise<HeldItem> {
  const communityId = moderatorCommunity(ctx);
  const doc = await heldTextsRepository.get(id);
  if (!doc || doc.communityId !== communityId) throw notFound('held text');
  const now = ctx.clock.now();
  if (!(await heldTextsRepository.decide(id, status, { openid: ctx.caller.openid, name: ctx.caller.user?.name }, now))) {
    throw new DomainError(ErrorCodes.CONTENT_ALREADY_DECIDED, `this text was already ${doc.status}`);
  }
  const target = targets.get(doc.kind);
  if (status === 'released') await target?.release?.(doc.refId, now);
  else {
    await target?.reject?.(doc.refId, now);
    await notifyQuietly(
      [{ event: `content.text_rejected:${doc._id}`, to: doc.author, kind: 'content.text_rejected', communityId, subject: doc.subject, page: doc.page, data: {}, at: now }],
      now,
    );
  }
  return toItem({ ...doc, status, decidedAt: now, decidedBy: ctx.caller.openid, decidedByName: ctx.caller.user?.name });
}

export const releaseHeld = (ctx: ActionContext, input: { id: string }) => decideHeld(ctx, input.id, 'released');
export const rejectHeld = (ctx: ActionContext, input: { id: string }) => decideHeld(ctx, input.id, 'rejected');
