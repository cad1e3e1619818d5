/**
 * Enterprise demands (function `tickets`): 企业点单 → 党建指导员传单 → 工业社区派单 → 成员单位接单,
 * deadlines in working days, the escalation ladder (community → 锋领企服队 → 锋领企服联盟) and the
 * monthly joint consultation (每月一会诊). Pure types shared by the app and the server; the rules
 * are core/rules/ticket-{machine,deadlines,escalation}.ts.
 */
import type { Attachment } from './qa';

export const TicketCategories = ['permit', 'subsidy', 'recruiting', 'utilities', 'land', 'finance', 'legal', 'environment', 'other'] as const;
/** 审批许可 · 政策兑现 · 招聘用工 · 水电气保障 · 用地规划 · 融资需求 · 法律纠纷 · 环保安全 · 其他 */
export type TicketCategory = (typeof TicketCategories)[number];

export const TicketUrgencies = ['normal', 'urgent', 'critical'] as const;
export type TicketUrgencyView = (typeof TicketUrgencies)[number];
/**
 * submitted 已点单 · accepted 已受理 (passed on by the instructor or accepted by staff) ·
 * dispatched 已派单 · signed 已签收 · in_progress 办理中 · resolved 已办结 · evaluated 已评价 ·
 * closed 已关闭 · suspended 挂起 (waiting for the enterprise; the clock pauses) · merged 已并单.
 */
export const TicketStatuses = ['submitted', 'accepted', 'dispatched', 'signed', 'in_progress', 'resolved', 'evaluated', 'closed', 'suspended', 'merged'] as const;
export type TicketStatusView = (typeof TicketStatuses)[number];
/** 0 community 工业社区 · 1 锋领企服队 · 2 锋领企服联盟 */
export type TicketRungView = 0 | 1 | 2;

export type TicketActView =
  | 'submit'
  | 'accept'
  | 'dispatch'
  | 'sign'
  | 'start'
  | 'progress'
  | 'resolve'
  | 'evaluate'
  | 'close'
  | 'return'
  | 'redispatch'
  | 'supervise'
  | 'suspend'
  | 'resume'
  | 'reopen'
  | 'merge'
  | 'escalate'
  | 'decision';

/** A member unit (成员单位) or department that takes dispatched demands. */
export interface MemberUnit {
  id: string;
  name: string;
  nameEn?: string;
}

/** The dispatch catalogue: a category's lead unit (主办) and assisting units (协办). */
export interface CatalogueEntry {
  category: TicketCategory;
  leadUnitId: string;
  assistUnitIds: string[];
}

export interface TimelineEntry {
  version: number;
  at: string;
  act: TicketActView;
  actorRole: string;
  actorName?: string;
  from: TicketStatusView | null;
  to: TicketStatusView;
  note?: string;
}

export interface TicketSummary {
  id: string;
  /** Human-readable number, e.g. XP-2026-0042. */
  number: string;
  title: string;
  category: TicketCategory;
  urgency: TicketUrgencyView;
  status: TicketStatusView;
  rung: TicketRungView;
  enterpriseName?: string;
  /** The enterprise's English name, where it has one (shown to English readers). */
  enterpriseNameEn?: string;
  leadUnitName?: string;
  /** The lead unit's English name, for readers in English. */
  leadUnitNameEn?: string;
  submittedAt: string;
  /** The next deadline that matters now (sign, progress or resolve) and whether it has passed. */
  nextDeadline?: { kind: 'sign' | 'progress' | 'resolve'; due: string };
  /** Years between now and the next deadline with no holiday arrangement (imported or in the package): the deadline counts only the statutory days off and weekends. */
  calendarMissingYears?: number[];
  overdue: boolean;
  version: number;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  attachments: Attachment[];
  leadUnitId?: string;
  assistUnits: MemberUnit[];
  deadlines: { sign?: string; progress?: string; resolve?: string; paused: boolean };
  evaluation?: { rating: number; comment?: string; at: string };
  mergedInto?: string;
  /** Where it came from (a Q&A question, a consultation, a visit). */
  source?: { kind: 'question' | 'consultation' | 'visit'; id: string };
  /** The enterprise's contact (its master data), for the units and staff who call them; not sent to the enterprise itself. */
  enterpriseContact?: { name?: string; phone?: string };
  timeline: TimelineEntry[];
  /** The acts the reader may perform now (the server decides; the app shows the buttons). */
  can: TicketActView[];
}

export interface AgendaItemView {
  ticket: TicketSummary;
  /** Why it is on the draft, as of the ticket's last write or sweep (empty for a ticket staff added that has none). */
  reasons: Array<'escalated' | 'overdue' | 'returned'>;
  /** Staff put it on the agenda (shown first, on the first page). */
  added?: boolean;
  decision?: { owner: string; deadline: string; note: string; decidedAt: string };
}

/**
 * A page of the month's agenda: on the first page the tickets staff added, then the draft in
 * agenda order (rung, number of reasons, urgency, resolution deadline, id) without the tickets
 * staff removed; `nextCursor` asks for the next page of the draft.
 */
export interface AgendaView {
  month: string;
  items: AgendaItemView[];
  /** Staff changed it (added or removed tickets): the draft with their changes. */
  edited: boolean;
  /** Pass back as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}
