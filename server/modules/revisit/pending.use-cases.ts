/**
 * 待评价 (revisit.pending), a page at a time: the caller's finished cases they have not rated yet —
 * a manager's enterprise's resolved tickets, the caller's answered or solved questions and attended
 * consultations of the last PENDING_DAYS — newest first by when they were served.
 *
 * Each source is read newest first along its own index, after the cursor, a page and one more
 * (tickets by resolvedAt, answered or solved questions by updatedAt, consultations by
 * outcome.recordedAt; each then by _id). Merged, the rows are certain down to the "frontier": the
 * newest last row of a source that filled its read (below it that source may hold rows not read
 * yet). Rated rows are removed with one read of their evaluations' ids; when that leaves the page
 * short and a source still has rows, the next round reads on from the frontier — at most ROUNDS
 * rounds, then the page answers what it has and a cursor at the frontier, so the client continues.
 * A call thus reads a bounded number of documents whatever the caller's history (issue 19 #2).
 */
import type { Page } from '../../../core/api/admin';
import { ErrorCodes } from '../../../core/api/errors';
import type { CaseKind, PendingEvaluation } from '../../../core/api/revisit';
import type { PageAfter } from '../../db/reads';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError, forbidden } from '../../kernel/errors';
import { unitsRepository } from '../tickets';
import { consultationTitle } from './revisit.mapper';
import { evaluationId, evaluationsRepository, finishedCasesRepository } from './revisit.repository';

export const PENDING_PAGE = 20;
/** The in-app invitation looks back this far. */
export const PENDING_DAYS = 180;
/** Rounds of reading one call makes when rated cases leave its page short. */
export const PENDING_ROUNDS = 3;
const DAY_MS = 86_400_000;
const LIMIT = PENDING_PAGE + 1;

/** A place in the merged order: newest first, then case id, then kind (all descending). */
interface Position {
  at: number;
  id: string;
  kind: CaseKind;
}

interface Row extends Position {
  view: PendingEvaluation;
  /** The evaluation's _id this case would have. */
  key: string;
  leadUnitId?: string | null;
}

/** < 0 when `a` comes first in the list (newer). */
function compare(a: Position, b: Position): number {
  if (a.at !== b.at) return b.at - a.at;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return a.kind === b.kind ? 0 : a.kind < b.kind ? 1 : -1;
}

const SEP = '~';
function encodeCursor(p: Position): string {
  return `${new Date(p.at).toISOString()}${SEP}${p.kind}${SEP}${p.id}`;
}

function decodeCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  const [at, kind, ...rest] = cursor.split(SEP);
  const id = rest.join(SEP);
  const ms = Date.parse(at);
  if (Number.isNaN(ms) || !['ticket', 'question', 'consultation'].includes(kind) || !id) throw new DomainError(ErrorCodes.INPUT_INVALID, 'not a cursor of this list', { cursor: 'invalid' });
  return { at: ms, id, kind: kind as CaseKind };
}

/** Where a source of `kind` continues after `p`: a row of the same id is after it only when its kind sorts below. */
const afterFor = (p: Position | undefined, kind: CaseKind): PageAfter | undefined => (p ? { at: new Date(p.at), id: p.id, inclusive: kind < p.kind } : undefined);

/** One source's read: its rows of this community, and where its read ended when it filled the limit (undefined: exhausted). */
type Source = (after: Position | undefined) => Promise<{ rows: Row[]; last?: Position }>;

function sourcesOf(ctx: ActionContext, communityId: string, since: Date): Source[] {
  const openid = ctx.caller.openid;
  const enterpriseId = ctx.caller.role === 'manager' ? ctx.caller.user?.enterpriseId : undefined;
  const ended = (positions: Position[]) => (positions.length >= LIMIT ? positions[positions.length - 1] : undefined);
  const sources: Source[] = [];
  if (enterpriseId) {
    sources.push(async (after) => {
      const found = await finishedCasesRepository.resolvedTickets(enterpriseId, since, afterFor(after, 'ticket'), LIMIT);
      const all = found.map((t) => ({
        at: new Date(t.resolvedAt!).getTime(),
        id: t._id,
        kind: 'ticket' as const,
        key: evaluationId('ticket', t._id, openid, t.reopenCount ?? 0),
        leadUnitId: t.leadUnitId,
        communityId: t.communityId,
        view: { caseKind: 'ticket' as const, caseId: t._id, title: t.title, servedAt: new Date(t.resolvedAt!).toISOString() },
      }));
      return { rows: all.filter((r) => r.communityId === communityId), last: ended(all) };
    });
  }
  sources.push(async (after) => {
    const found = await finishedCasesRepository.answeredQuestions(openid, since, afterFor(after, 'question'), LIMIT);
    const all = found.map((q) => {
      const view: PendingEvaluation = { caseKind: 'question', caseId: q._id, title: q.title, servedAt: new Date(q.updatedAt).toISOString() };
      if (q.claimedByName) view.handlerName = q.claimedByName;
      return { at: new Date(q.updatedAt).getTime(), id: q._id, kind: 'question' as const, key: evaluationId('question', q._id, openid), communityId: q.communityId, view };
    });
    return { rows: all.filter((r) => r.communityId === communityId), last: ended(all) };
  });
  sources.push(async (after) => {
    const found = await finishedCasesRepository.attendedConsultations(openid, since, afterFor(after, 'consultation'), LIMIT);
    const all = found.map((b) => {
      const at = new Date(b.outcome!.recordedAt);
      const view: PendingEvaluation = { caseKind: 'consultation', caseId: b._id, title: consultationTitle(b), servedAt: at.toISOString() };
      if (b.outcome?.byName) view.handlerName = b.outcome.byName;
      return { at: at.getTime(), id: b._id, kind: 'consultation' as const, key: evaluationId('consultation', b._id, openid), communityId: b.communityId, view };
    });
    return { rows: all.filter((r) => r.communityId === communityId), last: ended(all) };
  });
  return sources;
}

/** The caller's finished, unrated cases of the last PENDING_DAYS, newest first, a page after `cursor`. */
export async function pending(ctx: ActionContext, input: { cursor?: string } = {}): Promise<Page<PendingEvaluation>> {
  const communityId = ctx.caller.communityId;
  if (!communityId) throw forbidden('you do not belong to a community');
  const since = new Date(ctx.clock.now().getTime() - PENDING_DAYS * DAY_MS);
  const sources = sourcesOf(ctx, communityId, since);
  let position = decodeCursor(input.cursor);
  const found: Row[] = [];
  /** Where the last round's certain rows end, when a source has more beyond it. */
  let frontier: Position | undefined;
  for (let round = 0; round < PENDING_ROUNDS; round++) {
    const reads = await Promise.all(sources.map((s) => s(position)));
    frontier = undefined;
    for (const r of reads) if (r.last && (!frontier || compare(r.last, frontier) < 0)) frontier = r.last;
    const certain = reads
      .flatMap((r) => r.rows)
      .filter((row) => !frontier || compare(row, frontier) <= 0)
      .sort(compare);
    const rated = certain.length ? new Set((await evaluationsRepository.byIds(certain.map((r) => r.key))).map((e) => e._id)) : new Set<string>();
    found.push(...certain.filter((r) => !rated.has(r.key)));
    // Every source exhausted, or a page and one more found (so "more" is known): done.
    if (!frontier || found.length > PENDING_PAGE) break;
    position = frontier;
  }
  const page = found.slice(0, PENDING_PAGE);
  const nextCursor = found.length > PENDING_PAGE ? encodeCursor(page[page.length - 1]) : frontier ? encodeCursor(frontier) : undefined;
  // The lead unit's name of the page's tickets (the community's units, read only when a ticket is on it).
  const unitIds = new Set(page.map((r) => r.leadUnitId).filter((u): u is string => !!u));
  if (unitIds.size) {
    const names = new Map((await unitsRepository.byCommunity(communityId)).map((u) => [u._id, u.name]));
    for (const r of page) {
      const name = r.leadUnitId ? names.get(r.leadUnitId) : undefined;
      if (name) r.view.handlerName = name;
    }
  }
  return { items: page.map((r) => r.view), nextCursor };
}
