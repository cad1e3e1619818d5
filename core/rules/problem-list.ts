/**
 * The enterprise problem list (企业问题清单): problems raised in visits, Q&A questions and tickets,
 * in one vocabulary, and the period's summary per category from the daily figures.
 * Pure: the use case loads the documents and maps them with these functions.
 *
 * Mapping of a Q&A category to a ticket category (the list's one vocabulary):
 *   legal → legal · accounting, tax, finance → finance (money matters: 融资需求 covers the
 *   finance desk; tax and accounting questions are money matters of the enterprise too) ·
 *   hr → recruiting · policy → subsidy (政策兑现) · safety_env → environment · life, other → other.
 * A question's theme is its own Q&A category key (so tax and accounting stay apart inside
 * finance); a ticket's theme is its category key; a visit problem's theme is what staff wrote,
 * else its category key.
 * Statuses: resolved = a ticket resolved/evaluated/closed/merged, or a question answered/solved;
 * ticketed = a problem or question that became a ticket still running, or a ticket in the chain;
 * open = anything else.
 * A ticket opened from a visit problem or a question is that problem, counted once (at its source).
 */
import type { ProblemStatus, ProblemSummary } from '../api/console';
import type { QaCategory, QuestionStatus } from '../api/qa';
import { TicketCategories, type TicketCategory, type TicketStatusView } from '../api/tickets';
import type { Figures } from './figures';

export const QA_TO_TICKET_CATEGORY: Record<QaCategory, TicketCategory> = {
  legal: 'legal',
  accounting: 'finance',
  tax: 'finance',
  finance: 'finance',
  hr: 'recruiting',
  policy: 'subsidy',
  safety_env: 'environment',
  life: 'other',
  other: 'other',
};

export function problemCategoryOfQuestion(c: QaCategory): TicketCategory {
  return QA_TO_TICKET_CATEGORY[c] ?? 'other';
}

/** Ticket statuses that count as done. */
export const DONE_TICKET_STATUSES: readonly TicketStatusView[] = ['resolved', 'evaluated', 'closed', 'merged'];

export function ticketProblemStatus(status: TicketStatusView): ProblemStatus {
  return DONE_TICKET_STATUSES.includes(status) ? 'resolved' : 'ticketed';
}

/** A question: answered or solved is resolved; else ticketed when it became a ticket (its ticket's status when known). */
export function questionProblemStatus(status: QuestionStatus, ticketStatus?: TicketStatusView | null, hasTicket = false): ProblemStatus {
  if (status === 'answered' || status === 'solved') return 'resolved';
  if (ticketStatus) return ticketProblemStatus(ticketStatus);
  return hasTicket ? 'ticketed' : 'open';
}

/** A visit problem: its own status, resolved once its ticket is done. */
export function visitProblemStatus(status: ProblemStatus, ticketStatus?: TicketStatusView | null): ProblemStatus {
  if (status === 'ticketed' && ticketStatus) return ticketProblemStatus(ticketStatus);
  return status;
}

/**
 * The list's summary from the daily figures (core/rules/figures.ts) of the period's days: per
 * category, the questions asked (q.<qa category>.asked, mapped as above) and answered (a first
 * answer given), the demands submitted (t.<category>.s.<status>, any source) and done. Categories
 * with nothing are left out; most first (questions + demands), then by category. Pure.
 */
export function problemSummaryOf(days: readonly Figures[], only?: TicketCategory): ProblemSummary[] {
  const rows = new Map<TicketCategory, ProblemSummary>();
  const row = (category: TicketCategory) => {
    let r = rows.get(category);
    if (!r) rows.set(category, (r = { category, questions: 0, answered: 0, demands: 0, done: 0 }));
    return r;
  };
  for (const figures of days) {
    for (const [path, n] of Object.entries(figures)) {
      const [kind, key, what, status] = path.split('.');
      if (kind === 'q' && (what === 'asked' || what === 'answered')) {
        const r = row(problemCategoryOfQuestion(key as QaCategory));
        if (what === 'asked') r.questions += n;
        else r.answered += n;
      } else if (kind === 't' && what === 's' && (TicketCategories as readonly string[]).includes(key)) {
        const r = row(key as TicketCategory);
        r.demands += n;
        if (DONE_TICKET_STATUSES.includes(status as TicketStatusView)) r.done += n;
      }
    }
  }
  return [...rows.values()]
    .filter((r) => (!only || r.category === only) && r.questions + r.demands > 0)
    .sort((a, b) => b.questions + b.demands - (a.questions + a.demands) || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
