/**
 * A year's holiday arrangement, imported by staff from the State Council's notice: a preview that
 * saves nothing and shows every problem, then the import (one per community and year). The to-do
 * (`holidayTodo`) says when the year staff must have now is missing: the staff desk shows it, and
 * the to-do list (待办) reads it from here.
 */
import type { HolidayArrangementStatus, HolidayDayView, HolidayYear, NoticePreview, NoticeProblemView } from '../../../core/api/console';
import { ErrorCodes } from '../../../core/api/errors';
import { arrangementTodo, type HolidayCalendar } from '../../../core/rules/holiday-calendar';
import { readHolidayNotice, type NoticeProblem, type ParsedNotice } from '../../../core/rules/holiday-notice';
import { statutoryNamesOf } from '../../../core/rules/statutory-holidays';
import { addDays } from '../../../core/rules/working-days';
import { isDuplicateKey } from '../../db/client';
import type { ActionContext } from '../../kernel/define-function';
import { DomainError } from '../../kernel/errors';
import { arrangementId, arrangementOf, calendarBook, insertArrangement, type ArrangementDoc } from '../../platform/holiday-calendar';
import { auditRepository } from '../organisation';
import { communityOf, iso } from './console-common';

/** The holiday to-do of the caller's community at the call's time (for the staff desk and the 待办 list). */
export function holidayTodo(ctx: Pick<ActionContext, 'calendar' | 'clock'>): HolidayArrangementStatus {
  return arrangementTodo(ctx.calendar, ctx.clock.now());
}

function daysOf(cal: HolidayCalendar, year: number): HolidayDayView[] {
  const out: HolidayDayView[] = [];
  for (let d = `${year}-01-01`; d <= `${year}-12-31`; d = addDays(d, 1)) {
    const info = cal.day(d);
    if (info.kind === 'weekend' || info.kind === 'workday') continue;
    const v: HolidayDayView = { date: d, kind: info.kind, working: info.working };
    if (info.name) v.name = info.name;
    out.push(v);
  }
  return out;
}

async function yearView(ctx: ActionContext, cal: HolidayCalendar, year: number): Promise<HolidayYear> {
  const view: HolidayYear = { year, coverage: cal.coverage(year), days: daysOf(cal, year), todo: arrangementTodo(cal, ctx.clock.now()) };
  if (view.coverage === 'imported') {
    const doc = await arrangementOf(communityOf(ctx), year);
    if (doc) view.importedAt = iso(doc.importedAt);
  }
  return view;
}

export async function holidayYear(ctx: ActionContext, input: { year: number }): Promise<HolidayYear> {
  return yearView(ctx, ctx.calendar, input.year);
}

const problemView = (p: NoticeProblem): NoticeProblemView => {
  const v: NoticeProblemView = { code: p.code };
  if ('date' in p) v.date = p.date;
  if ('name' in p) v.name = p.name;
  return v;
};

/** The notice read and checked against the rule and the community's calendar. */
function read(cal: HolidayCalendar, text: string): { notice?: ParsedNotice; problems: NoticeProblemView[] } {
  const { notice, problems } = readHolidayNotice(text);
  const views = problems.map(problemView);
  if (notice && !problems.some((p) => p.code === 'not_a_notice')) {
    const coverage = cal.coverage(notice.year);
    if (coverage === 'imported') views.unshift({ code: 'already_imported' });
    if (coverage === 'package') views.unshift({ code: 'in_package' });
  }
  return { notice, problems: views };
}

function previewOf(cal: HolidayCalendar, text: string): NoticePreview & { notice?: ParsedNotice } {
  const { notice, problems } = read(cal, text);
  if (!notice || problems.some((p) => p.code === 'not_a_notice')) return { items: [], days: [], problems: [{ code: 'not_a_notice' }], canImport: false };
  const nameOf = new Map<string, string>();
  for (const i of notice.items) for (const d of [...i.off, ...i.work]) nameOf.set(d, i.name);
  const days = [...notice.off.map((date) => ({ date, working: false })), ...notice.work.map((date) => ({ date, working: true }))]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.working) - Number(b.working)))
    .map((d) => ({ ...d, name: nameOf.get(d.date) ?? '', statutory: statutoryNamesOf(d.date).length > 0 }));
  return { year: notice.year, items: notice.items, days, problems, canImport: problems.length === 0, notice };
}

export async function previewHolidayNotice(ctx: ActionContext, input: { text: string }): Promise<NoticePreview> {
  const { notice: _notice, ...preview } = previewOf(ctx.calendar, input.text);
  return preview;
}

const describe = (ps: NoticeProblemView[]) => ps.map((p) => [p.code, p.date, p.name].filter(Boolean).join(' ')).join('; ');

/** Imports the notice for the caller's community, or refuses with the first kind of problem (nothing is saved). */
export async function importHolidayNotice(ctx: ActionContext, input: { text: string }): Promise<HolidayYear> {
  const communityId = communityOf(ctx);
  const preview = previewOf(ctx.calendar, input.text);
  const { notice, problems } = preview;
  if (!notice || problems.some((p) => p.code === 'not_a_notice')) {
    throw new DomainError(ErrorCodes.HOLIDAY_NOT_A_NOTICE, 'the text is not a State Council holiday arrangement notice', { text: 'not_a_notice' });
  }
  const exists = problems.filter((p) => p.code === 'already_imported' || p.code === 'in_package');
  if (exists.length) throw new DomainError(ErrorCodes.HOLIDAY_ALREADY_IMPORTED, `the ${notice.year} arrangement is already known`, { year: String(notice.year), problems: describe(exists) });
  if (problems.length) throw new DomainError(ErrorCodes.HOLIDAY_CONTRADICTS_RULE, `the notice contradicts the statutory rule or itself: ${describe(problems)}`, { problems: describe(problems) });
  const now = ctx.clock.now();
  const names: Record<string, string> = {};
  for (const i of notice.items) for (const d of [...i.off, ...i.work]) names[d] = i.name;
  const inYear = (d: string) => d.startsWith(`${notice.year}-`);
  const doc: ArrangementDoc = {
    _id: arrangementId(communityId, notice.year),
    communityId,
    year: notice.year,
    off: notice.off.filter(inYear),
    work: notice.work.filter(inYear),
    names,
    items: notice.items,
    importedAt: now,
    importedBy: ctx.caller.openid,
  };
  try {
    // _id is the community and year: a second import (a double tap, a colleague at the same time) is refused here.
    await insertArrangement(doc);
  } catch (e) {
    if (isDuplicateKey(e)) throw new DomainError(ErrorCodes.HOLIDAY_ALREADY_IMPORTED, `the ${notice.year} arrangement is already imported`, { year: String(notice.year) });
    throw e;
  }
  await auditRepository.append({ communityId, at: now, actorOpenid: ctx.caller.openid, action: 'import-holidays', note: `${notice.year}: ${doc.off.length} off, ${doc.work.length} working` });
  const calendars = await calendarBook(now, true);
  return yearView(ctx, calendars.for(communityId), notice.year);
}
