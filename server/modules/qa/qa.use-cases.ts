/**
 * 每日一问诊: a worker or manager asks; staff (every category) and approved volunteers (their
 * profession's categories) claim, answer or ask for details; the asker follows up and marks it
 * solved. Every status change goes through the state machine in core/rules/qa-deadline.ts; the
 * deadline is the end of the next working day and pauses while the responder waits for details.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '../../../core/api/admin';
import type { QaCategory, QaMessageKind, QuestionDetail, QuestionStatus, QuestionSummary } from '../../../core/api/qa';
import { ErrorCodes } from '../../../core/api/errors';
import { canRespondTo, canSee, isAsker, isResponder, professionFor, QA_CURATORS, STAFF_RESPONDERS, type QaReader } from '../../../core/rules/qa-access';
import { answerDueAt, dueAfter, nextStatus, type QaAct } from '../../../core/rules/qa-deadline';
import { yearsWithoutArrangement } from '../../../core/rules/working-days';
import { inTransaction } from '../../db/transaction';
import * as figures from '../figures';
import type { ActionContext, TimerContext } from '../../kernel/define-function';
import { DomainError, forbidden, notFound } from '../../kernel/errors';
import { checkText, CheckScene } from '../../platform/content-security';
import { ownPhotos } from '../../platform/uploads';
import { heldTextVisible } from '../../../core/rules/moderation';
import { holdText, screenPhotos, visiblePhotos } from '../moderation';
import { deliver, notify, stageNotices, type Notice } from '../notify';
import type { InboxDoc } from '../notify';
import { evaluationNotices } from '../notify';
import { enterprisesRepository } from '../organisation';
import { qaMessagesRepository, type QaMessageDoc } from './qa-message.repository';
import { answeredNotice, DETAIL_PAGE, infoRequestedNotice, overdueNotices, staffDirectory } from './qa-notifications';
import { readerOf, toDetail, toSummary } from './qa.mapper';
import { questionsRepository, type QuestionDoc } from './question.repository';

export const PAGE_SIZE = 20;
/** What a responder's queue shows when no status is asked for: questions still owed an answer. */
export const QUEUE_DEFAULT_STATUSES: readonly QuestionStatus[] = ['open', 'claimed', 'awaiting_info'];
/** Overdue questions handled per timer run (the rest wait for the next run). */
const OVERDUE_BATCH = 100;
const OVERDUE_MAX_BATCHES = 10;

const newId = () => randomUUID().replace(/-/g, '');

function communityOf(ctx: ActionContext): string {
  if (!ctx.caller.communityId) throw forbidden('you do not belong to a community');
  return ctx.caller.communityId;
}

function pageOf<T>(rows: QuestionDoc[], map: (q: QuestionDoc) => T): Page<T> {
  const items = rows.slice(0, PAGE_SIZE);
  return { items: items.map(map), nextCursor: rows.length > PAGE_SIZE ? new Date(items[items.length - 1].createdAt).toISOString() : undefined };
}

const cursorDate = (cursor?: string) => {
  if (!cursor) return undefined;
  const d = new Date(cursor);
  if (Number.isNaN(d.getTime())) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return d;
};

/**
 * Photos a caller attaches: uploaded by the app straight to storage into the caller's own folder
 * (core/rules/uploads.ts); a function never receives the bytes.
 */
function ownFiles(ctx: ActionContext, fileIDs: string[] | undefined): Promise<string[]> {
  communityOf(ctx);
  return ownPhotos(ctx.caller.openid, fileIDs, 'attachments');
}

export async function ask(
  ctx: ActionContext,
  input: { title: string; description: string; category: QaCategory; anonymous?: boolean; enterpriseId?: string; attachments?: string[] },
): Promise<QuestionDetail> {
  const communityId = communityOf(ctx);
  const user = ctx.caller.user;
  if (input.enterpriseId && input.enterpriseId !== user?.enterpriseId) {
    throw new DomainError(ErrorCodes.INPUT_INVALID, 'you can only ask on behalf of your own enterprise', { enterpriseId: 'not your enterprise' });
  }
  const attachments = await ownFiles(ctx, input.attachments);
  // A question is a post (scene 3, 论坛); risky is refused, review holds it for staff.
  const verdict = await checkText([input.title, input.description], ctx.caller.openid, CheckScene.forum);
  const screening = await screenPhotos(ctx, attachments, CheckScene.forum);
  const enterpriseId = user?.enterpriseId;
  const enterprise = enterpriseId ? await enterprisesRepository.get(enterpriseId) : undefined;
  const now = ctx.clock.now();
  const doc: QuestionDoc = {
    _id: newId(),
    communityId,
    askerOpenid: ctx.caller.openid,
    askerName: user?.name,
    enterpriseId: enterprise?._id,
    enterpriseName: enterprise?.name,
    ...(enterprise?.nameEn ? { enterpriseNameEn: enterprise.nameEn } : {}),
    anonymous: input.anonymous ?? false,
    title: input.title,
    description: input.description,
    category: input.category,
    profession: professionFor(input.category),
    attachments,
    status: 'open',
    dueAt: answerDueAt(now, ctx.calendar),
    overdueNotified: false,
    messageCount: 0,
    ...(verdict === 'review' ? { held: 'held' as const } : {}),
    createdAt: now,
    updatedAt: now,
  };
  // The question and its day's figures, both or neither.
  await inTransaction(async (tx) => {
    await questionsRepository.insert(doc, tx);
    await figures.questionChanged(undefined, doc, now, tx);
  });
  if (doc.held) {
    await holdText(ctx, { id: `hq_${doc._id}`, kind: 'qa.question', refId: doc._id, text: doc.description, subject: doc.title, page: `${DETAIL_PAGE}?id=${doc._id}` });
  }
  await screening.attachTo({ kind: 'qa.question', id: doc._id });
  return detailOf(ctx, doc, []);
}

export async function mine(ctx: ActionContext, input: { cursor?: string; status?: QuestionStatus }): Promise<Page<QuestionSummary>> {
  const reader = readerOf(ctx.caller);
  const rows = await questionsRepository.listForAsker(
    { communityId: communityOf(ctx), askerOpenid: ctx.caller.openid, enterpriseId: reader.role === 'manager' ? reader.enterpriseId : undefined, status: input.status },
    { cursor: cursorDate(input.cursor), limit: PAGE_SIZE + 1 },
  );
  const now = ctx.clock.now();
  return pageOf(rows.filter((q) => heldTextVisible(q.held, reader, q.askerOpenid)), (q) => noteCalendar(ctx, q, toSummary(q, reader, now)));
}

export async function queue(
  ctx: ActionContext,
  input: { cursor?: string; status?: QuestionStatus; category?: QaCategory; overdueOnly?: boolean },
): Promise<Page<QuestionSummary>> {
  const reader = readerOf(ctx.caller);
  if (!isResponder(reader)) throw forbidden('only staff and approved volunteers have a queue');
  const now = ctx.clock.now();
  const rows = await questionsRepository.listQueue(
    {
      communityId: communityOf(ctx),
      statuses: input.status ? [input.status] : QUEUE_DEFAULT_STATUSES,
      profession: STAFF_RESPONDERS.includes(reader.role) ? undefined : reader.profession,
      category: input.category,
      dueBefore: input.overdueOnly ? now : undefined,
    },
    { cursor: cursorDate(input.cursor), limit: PAGE_SIZE + 1 },
  );
  // A held question waits for staff: volunteers and instructors do not see it in their queue.
  return pageOf(rows.filter((q) => heldTextVisible(q.held, reader, q.askerOpenid)), (q) => noteCalendar(ctx, q, toSummary(q, reader, now)));
}

export async function get(ctx: ActionContext, input: { id: string }): Promise<QuestionDetail> {
  const q = await visibleQuestion(ctx, input.id);
  return detailOf(ctx, q);
}

/** Exactly one of concurrent claimers wins: a conditional update on status 'open'. */
export async function claim(ctx: ActionContext, input: { id: string }): Promise<QuestionDetail> {
  const reader = readerOf(ctx.caller);
  const q = await questionInCommunity(ctx, input.id);
  if (!canRespondTo(reader, q)) throw new DomainError(ErrorCodes.QA_NOT_YOUR_CATEGORY, 'this question is for another profession');
  // A held question waits for staff: only they may take it meanwhile.
  if (!heldTextVisible(q.held, reader, q.askerOpenid)) throw new DomainError(ErrorCodes.QA_NOT_YOURS, 'this question is not yours to see');
  if (!nextStatus('claim', q.status)) throw claimRefusal(q);
  const patch = { claimedBy: ctx.caller.openid, claimedByName: ctx.caller.user?.name, updatedAt: ctx.clock.now() };
  if (!(await questionsRepository.claimIfOpen(q._id, patch))) throw new DomainError(ErrorCodes.QA_ALREADY_CLAIMED, 'someone else has just taken this question');
  return detailOf(ctx, { ...q, ...patch, status: 'claimed' });
}

function claimRefusal(q: QuestionDoc): DomainError {
  return q.status === 'claimed' || q.status === 'awaiting_info'
    ? new DomainError(ErrorCodes.QA_ALREADY_CLAIMED, 'someone else has taken this question')
    : new DomainError(ErrorCodes.QA_WRONG_STATUS, `a question that is ${q.status} cannot be claimed`);
}

export async function release(ctx: ActionContext, input: { id: string }): Promise<QuestionDetail> {
  const q = await transition(ctx, input.id, 'release', (q, r) => {
    // Staff and admins may free a question someone else sits on.
    if (q.claimedBy !== r.openid && !(QA_CURATORS.includes(r.role) && canRespondTo(r, q))) throw notClaimedByYou();
  }, { claimedBy: undefined, claimedByName: undefined });
  return detailOf(ctx, q);
}

export async function answer(ctx: ActionContext, input: { id: string; text: string; attachments?: string[] }): Promise<QuestionDetail> {
  const attachments = await ownFiles(ctx, input.attachments);
  // An answer is a comment on the question (scene 2, 评论).
  const held = (await checkText([input.text], ctx.caller.openid, CheckScene.comment)) === 'review';
  const screening = await screenPhotos(ctx, attachments, CheckScene.comment);
  const messageId = newId();
  const now = ctx.clock.now();
  // The first answer's time and whether it beat the deadline then running (the dashboard's 按时答复率).
  const firstAnswer = (q: QuestionDoc): Partial<QuestionDoc> =>
    q.firstAnsweredAt ? {} : { firstAnsweredAt: now, answeredOnTime: !q.dueAt || now.getTime() <= new Date(q.dueAt).getTime() };
  const staged: InboxDoc[] = [];
  // The answer, the asker's inbox item and the invitation to rate (once per question) commit together.
  // A held answer tells the asker nothing until staff release it (qa-moderation.ts tells them then).
  const q = await transition(ctx, input.id, 'answer', claimedByCaller, firstAnswer, { id: messageId, kind: 'answer', text: input.text, attachments, held }, held ? undefined : {
    staged,
    notices: (q, messageId) => [answeredNotice(q, messageId, ctx.caller.user?.name, now), ...evaluationNotices('question', q._id, q.title, [q.askerOpenid], now, 0, q.communityId)],
  });
  await afterMessage(ctx, q, messageId, input.text, held, screening);
  await deliver(staged, now);
  return detailOf(ctx, q);
}

export async function requestInfo(ctx: ActionContext, input: { id: string; text: string }): Promise<QuestionDetail> {
  const held = (await checkText([input.text], ctx.caller.openid, CheckScene.comment)) === 'review';
  const messageId = newId();
  const now = ctx.clock.now();
  const staged: InboxDoc[] = [];
  const q = await transition(ctx, input.id, 'requestInfo', claimedByCaller, {}, { id: messageId, kind: 'request_info', text: input.text, attachments: [], held }, held ? undefined : {
    staged,
    notices: (q, messageId) => [infoRequestedNotice(q, messageId, input.text, now)],
  });
  await afterMessage(ctx, q, messageId, input.text, held);
  await deliver(staged, now);
  return detailOf(ctx, q);
}

export async function reply(ctx: ActionContext, input: { id: string; text: string; attachments?: string[] }): Promise<QuestionDetail> {
  const attachments = await ownFiles(ctx, input.attachments);
  const held = (await checkText([input.text], ctx.caller.openid, CheckScene.comment)) === 'review';
  const screening = await screenPhotos(ctx, attachments, CheckScene.comment);
  const messageId = newId();
  const q = await transition(ctx, input.id, 'reply', askedByCaller, {}, (q) => ({ id: messageId, kind: q.status === 'answered' ? 'follow_up' : 'info', text: input.text, attachments, held }));
  await afterMessage(ctx, q, messageId, input.text, held, screening);
  return detailOf(ctx, q);
}

/** After a thread message is written: its hold for staff (if WeChat asked for review), its photos' checks tied to it. */
async function afterMessage(ctx: ActionContext, q: QuestionDoc, messageId: string, text: string, held: boolean, screening?: { attachTo: (ref: { kind: string; id: string }) => Promise<void> }): Promise<void> {
  if (held) await holdText(ctx, { id: `hm_${messageId}`, kind: 'qa.message', refId: messageId, text, subject: q.title, page: `${DETAIL_PAGE}?id=${q._id}` });
  await screening?.attachTo({ kind: 'qa.message', id: messageId });
}

export async function solve(ctx: ActionContext, input: { id: string }): Promise<QuestionDetail> {
  return detailOf(ctx, await transition(ctx, input.id, 'solve', askedByCaller, {}));
}

/**
 * Timer: flag questions past their due time and tell the community's staff (and the responder
 * holding it), once per deadline: a deadline restarted after a request for details is flagged anew.
 */
export async function flagOverdue(ctx: TimerContext): Promise<{ flagged: number; notified: number }> {
  const now = ctx.clock.now();
  const staffOf = staffDirectory();
  let flagged = 0;
  let notified = 0;
  for (let batch = 0; batch < OVERDUE_MAX_BATCHES; batch++) {
    const rows = await questionsRepository.overdueUnflagged(now, OVERDUE_BATCH);
    for (const q of rows) {
      // The inbox items come first (keyed by question and deadline, so a retried run writes none
      // twice), then the flag: a run that dies in between leaves the question for the next run.
      notified += (await notify(await overdueNotices(q, staffOf, now), now)).sent;
      if (await questionsRepository.flagOverdueOnce(q._id, now)) flagged += 1;
    }
    if (rows.length < OVERDUE_BATCH) break;
  }
  return { flagged, notified };
}

// ---- helpers ----

const notClaimedByYou = () => new DomainError(ErrorCodes.QA_NOT_CLAIMED_BY_YOU, 'claim this question before answering it');

function claimedByCaller(q: QuestionDoc, r: QaReader): void {
  if (q.claimedBy !== r.openid) throw notClaimedByYou();
}

function askedByCaller(q: QuestionDoc, r: QaReader): void {
  if (!isAsker(r, q)) throw new DomainError(ErrorCodes.QA_NOT_YOURS, 'only the person who asked can do this');
}

async function questionInCommunity(ctx: ActionContext, id: string): Promise<QuestionDoc> {
  const q = await questionsRepository.get(id);
  if (!q || q.communityId !== communityOf(ctx)) throw notFound('question');
  return q;
}

async function visibleQuestion(ctx: ActionContext, id: string): Promise<QuestionDoc> {
  const q = await questionInCommunity(ctx, id);
  const reader = readerOf(ctx.caller);
  if (!canSee(reader, q) || !heldTextVisible(q.held, reader, q.askerOpenid)) throw new DomainError(ErrorCodes.QA_NOT_YOURS, 'this question is not yours to see');
  return q;
}

interface NewMessage {
  /** Its _id, when the caller needs it before the write (a hold, photo checks). */
  id?: string;
  kind: QaMessageKind;
  text: string;
  attachments: string[];
  /** WeChat's check answered review: written held for staff. */
  held?: boolean;
}

/**
 * One status change in a transaction: read the question, let `check` refuse, apply the state
 * machine and the deadline rule, and append the thread message with it (both or neither).
 */
async function transition(
  ctx: ActionContext,
  id: string,
  act: QaAct,
  check: (q: QuestionDoc, r: QaReader) => void,
  extra: Partial<QuestionDoc> | ((q: QuestionDoc) => Partial<QuestionDoc>),
  message?: NewMessage | ((q: QuestionDoc) => NewMessage),
  /** The inbox items of the act, written in its transaction; those written land in `staged` (deliver them after). */
  inform?: { notices: (q: QuestionDoc, messageId: string) => Notice[]; staged: InboxDoc[] },
): Promise<QuestionDoc> {
  const communityId = communityOf(ctx);
  const reader = readerOf(ctx.caller);
  const now = ctx.clock.now();
  return inTransaction(async (tx) => {
    const q = await questionsRepository.get(id, tx);
    if (!q || q.communityId !== communityId) throw notFound('question');
    check(q, reader);
    const to = nextStatus(act, q.status);
    if (!to) throw new DomainError(ErrorCodes.QA_WRONG_STATUS, `cannot ${act} a question that is ${q.status}`);
    const msg = typeof message === 'function' ? message(q) : message;
    const dueAt = dueAfter(act, q.status, now, q.dueAt ? new Date(q.dueAt) : undefined, ctx.calendar) ?? null;
    const patch: Partial<QuestionDoc> = {
      ...(typeof extra === 'function' ? extra(q) : extra),
      status: to,
      dueAt,
      messageCount: q.messageCount + (msg ? 1 : 0),
      updatedAt: now,
    };
    // A new deadline (the clock restarted) may go overdue again: its alert is a new one.
    if (dueAt && (!q.dueAt || new Date(q.dueAt).getTime() !== dueAt.getTime())) patch.overdueNotified = false;
    await questionsRepository.update(q._id, patch, tx);
    const messageId = msg?.id ?? newId();
    if (msg) {
      const doc: QaMessageDoc = {
        _id: messageId,
        questionId: q._id,
        communityId,
        kind: msg.kind,
        authorOpenid: reader.openid,
        authorRole: isAsker(reader, q) ? 'asker' : STAFF_RESPONDERS.includes(reader.role) ? 'staff' : 'responder',
        authorName: ctx.caller.user?.name,
        text: msg.text,
        attachments: msg.attachments,
        ...(msg.held ? { held: 'held' as const } : {}),
        createdAt: now,
      };
      await qaMessagesRepository.insert(doc, tx);
    }
    const next = { ...q, ...patch } as QuestionDoc;
    await figures.questionChanged(q, next, now, tx);
    if (inform) {
      // A transaction retried after a conflict runs again: only its last run's writes count.
      inform.staged.length = 0;
      inform.staged.push(...(await stageNotices(tx, inform.notices(next, messageId))));
    }
    return next;
  });
}

async function detailOf(ctx: ActionContext, q: QuestionDoc, known?: QaMessageDoc[]): Promise<QuestionDetail> {
  const messages = known ?? (await qaMessagesRepository.listByQuestion(q._id));
  const files = [...q.attachments, ...messages.flatMap((m) => m.attachments)];
  // Others' photos still being checked (or rejected) are left out (core/rules/moderation.ts).
  const urls = await visiblePhotos(ctx.caller, files);
  return noteCalendar(ctx, q, toDetail(q, messages, readerOf(ctx.caller), ctx.clock.now(), urls));
}

/** A due time in (or across) a year with no holiday arrangement counts only the statutory days off: the question says so. */
function noteCalendar<S extends QuestionSummary>(ctx: ActionContext, q: QuestionDoc, view: S): S {
  const missing = view.dueAt ? yearsWithoutArrangement(ctx.calendar, new Date(q.updatedAt ?? q.createdAt), new Date(view.dueAt)) : [];
  return missing.length ? { ...view, calendarMissingYears: missing } : view;
}
