import type { Page } from './admin';

/**
 * Content held for staff (WeChat's content security answered `review`): the staff queue's rows.
 * Photos WeChat rejects are removed at once and never queued; texts it finds risky are refused
 * when sent (CONTENT.REJECTED).
 */
export const HeldKinds = ['qa.question', 'qa.message'] as const;
export type HeldKind = (typeof HeldKinds)[number];

export const HeldStatuses = ['held', 'released', 'rejected'] as const;
export type HeldStatus = (typeof HeldStatuses)[number];

export interface HeldItem {
  id: string;
  kind: HeldKind;
  status: HeldStatus;
  /** The text WeChat asked a person to look at: a question's description (its title is `subject`), or a message. */
  text: string;
  /** The case it belongs to, for context (a question's title). */
  subject: string;
  authorName?: string;
  /** App page that opens the case. */
  page: string;
  createdAt: string;
  decidedAt?: string;
  decidedByName?: string;
}

export type HeldPage = Page<HeldItem>;
