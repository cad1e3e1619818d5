/**
 * notify — reaching people: inbox items, WeChat subscribe messages and the consent to them.
 * Owns `inbox`, `notify_consents`. The lowest feature module: every other one may call it.
 */
export * as notifyUseCases from './notify.use-cases';
export { deliver, inboxId, notify, notifyQuietly, recordMissingNotices, recordNotices, redeliverPending, stageNotices, type Delivery, type Notice } from './notices';
export { evaluationNotices, inviteToEvaluate, RATE_PAGE } from './evaluation-invites';
export { inboxRepository, type InboxDoc } from './inbox.repository';
