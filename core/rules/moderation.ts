/**
 * Content security (WeChat 内容安全) as plain rules: who sees a photo while WeChat's asynchronous
 * check runs, and who sees a text WeChat asked a person to review. Pure: plain records in,
 * booleans out.
 *
 * - A photo is checked after upload (security.mediaCheckAsync); its verdict arrives later by
 *   message push. Until then only the person who uploaded it sees it; `pass` shows it to everyone
 *   who sees the case; `risky` removes it (the file and the case's reference); `review` keeps it
 *   hidden from others until staff release it.
 * - A text WeChat answers `review` (msgSecCheck v2) is held: its author and staff see it (marked),
 *   nobody else, until staff release it; a rejected one stays visible to its author only.
 */
import type { Role } from '../api/roles';

export type PhotoCheck = 'pending' | 'pass' | 'review' | 'rejected';
export type TextHold = 'held' | 'rejected';

/** Roles that work the review queue (and see held content). */
export const MODERATORS: readonly Role[] = ['staff', 'admin'];

/** May `reader` see a photo whose check is `check` (undefined: no check recorded yet, i.e. pending)? */
export function photoVisible(check: PhotoCheck | undefined, reader: { openid: string }, uploader: string): boolean {
  if (check === 'pass') return true;
  if (check === 'rejected') return false;
  return reader.openid === uploader;
}

/** May `reader` see a text with this hold (undefined: not held)? */
export function heldTextVisible(hold: TextHold | undefined, reader: { openid: string; role: Role }, author: string): boolean {
  if (!hold) return true;
  if (reader.openid === author) return true;
  return hold === 'held' && MODERATORS.includes(reader.role);
}

/** msgSecCheck / mediaCheckAsync v2 scenes: which one fits each kind of user text. */
export const CheckScene = { profile: 1, comment: 2, forum: 3, socialLog: 4 } as const;
export type CheckScene = (typeof CheckScene)[keyof typeof CheckScene];
