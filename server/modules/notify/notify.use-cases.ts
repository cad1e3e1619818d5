/**
 * A person's inbox and notification settings. Everything is the caller's own: items are read
 * and marked by openid, so another person's item is refused (NOTIFY.NOT_YOURS) and unchanged.
 */
import type { Page } from '../../../core/api/admin';
import { ErrorCodes } from '../../../core/api/errors';
import { NoticeTemplates, type ConsentAnswer, type InboxItem, type NoticeTemplate, type NotificationSetting } from '../../../core/api/notify';
import { applyAnswer, applySwitch } from '../../../core/rules/consent';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError } from '../../kernel/errors';
import { isLongTerm, templateIdOf } from '../../platform/subscribe-message';
import { consentId, consentsRepository, inboxRepository, type ConsentDoc, type InboxDoc } from './inbox.repository';

export const INBOX_PAGE_SIZE = 20;

function itemOf(d: InboxDoc): InboxItem {
  const item: InboxItem = { id: d._id, kind: d.kind, subject: d.subject, page: d.page, read: d.read, createdAt: new Date(d.createdAt).toISOString(), push: d.push };
  if (d.errcode !== undefined) item.errcode = d.errcode;
  return item;
}

export async function inbox(ctx: ActionContext, input: { cursor?: string }): Promise<Page<InboxItem> & { unread: number }> {
  const me = ctx.caller.openid;
  const [rows, unread] = await Promise.all([inboxRepository.page(me, input.cursor, INBOX_PAGE_SIZE + 1), inboxRepository.unread(me)]);
  const items = rows.slice(0, INBOX_PAGE_SIZE);
  return { items: items.map(itemOf), nextCursor: rows.length > INBOX_PAGE_SIZE ? items[items.length - 1].sortKey : undefined, unread };
}

export async function markRead(ctx: ActionContext, input: { id: string }): Promise<{ id: string; unread: number }> {
  const me = ctx.caller.openid;
  if (!(await inboxRepository.markRead(input.id, me))) throw new DomainError(ErrorCodes.NOTIFY_NOT_YOURS, 'this message is not yours');
  return { id: input.id, unread: await inboxRepository.unread(me) };
}

export async function markAllRead(ctx: ActionContext): Promise<{ marked: number; unread: number }> {
  const me = ctx.caller.openid;
  const marked = await inboxRepository.markAllRead(me);
  return { marked, unread: await inboxRepository.unread(me) };
}

function settingOf(template: NoticeTemplate, c: ConsentDoc | undefined): NotificationSetting {
  const s: NotificationSetting = { template, longTerm: isLongTerm(template), on: c ? c.on : true };
  const id = templateIdOf(template);
  if (id) s.templateId = id;
  if (c?.answer) s.answer = c.answer;
  if (c?.keep) s.keep = true;
  return s;
}

async function settingsOf(openid: string): Promise<NotificationSetting[]> {
  const mine = new Map((await consentsRepository.ofPerson(openid)).map((c) => [c.template, c]));
  return NoticeTemplates.map((t) => settingOf(t, mine.get(t)));
}

export async function settings(ctx: ActionContext): Promise<NotificationSetting[]> {
  return settingsOf(ctx.caller.openid);
}

function knownTemplate(name: string): NoticeTemplate {
  if (!(NoticeTemplates as readonly string[]).includes(name)) throw new DomainError(ErrorCodes.NOTIFY_UNKNOWN_TEMPLATE, `no notification ${name}`, { answers: name });
  return name as NoticeTemplate;
}

/** The consent dialog's answers (as wx.requestSubscribeMessage gave them), by template name. All checked before any is stored. */
export async function consent(ctx: ActionContext, input: { answers: Record<string, ConsentAnswer>; keep?: boolean }): Promise<NotificationSetting[]> {
  const me = ctx.caller.openid;
  const now = ctx.clock.now();
  const answers = Object.entries(input.answers).map(([name, answer]) => ({ template: knownTemplate(name), answer }));
  const mine = new Map((await consentsRepository.ofPerson(me)).map((c) => [c.template, c]));
  for (const { template, answer } of answers) {
    const next = applyAnswer(mine.get(template), answer, !!input.keep);
    await consentsRepository.put({ _id: consentId(me, template), openid: me, template, ...next, updatedAt: now });
  }
  return settingsOf(me);
}

/** 我的 → 通知: back on (the next tap asks again) or off (no message tried; the inbox still gets it). */
export async function setNotification(ctx: ActionContext, input: { template: string; on: boolean }): Promise<NotificationSetting[]> {
  const me = ctx.caller.openid;
  const template = knownTemplate(input.template);
  const next = applySwitch(await consentsRepository.get(me, template), input.on);
  await consentsRepository.put({ _id: consentId(me, template), openid: me, template, ...next, updatedAt: ctx.clock.now() });
  return settingsOf(me);
}
