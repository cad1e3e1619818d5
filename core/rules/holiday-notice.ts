/**
 * The State Council's yearly notice (国务院办公厅关于 XXXX 年部分节假日安排的通知), pasted as text,
 * turned into the year's days off and make-up working days (调休上班). Pure: a string in, data
 * out; nothing is saved here. The checks against the statutory rule live beside it
 * (`arrangementProblems`) so the preview and the import apply the same ones.
 *
 * What the parser reads: the year from the title (or "现将 XXXX 年…具体安排通知如下"); each
 * numbered item "一、元旦：…" up to the next one (or the closing "节假日期间…"); in an item,
 * parentheses are dropped ("（农历除夕、周二）"), and each clause (split at 。，；) that says 放假
 * gives its dates and ranges ("1月28日至2月4日", "2022年12月31日至2023年1月2日") as days off, each
 * clause that says 上班 gives its dates as working days. A month or year not written is carried
 * from the previous date of the clause, else the notice's year. Everything else ("鼓励…安排职工在
 * 除夕休息", "与周末连休") gives nothing.
 */
import { statutoryHolidays } from './statutory-holidays';
import { addDays, isoWeekdayOf } from './working-days';

export interface NoticeItem {
  /** As written: '春节', '国庆节、中秋节'. */
  name: string;
  off: string[];
  work: string[];
}

export interface ParsedNotice {
  year: number;
  items: NoticeItem[];
  /** Every day off and every make-up working day, sorted, without duplicates. */
  off: string[];
  work: string[];
}

export type NoticeProblem =
  /** The text is not a holiday arrangement notice (no year in a title, no numbered holiday). */
  | { code: 'not_a_notice' }
  /** A statutory day the notice does not give off (it contradicts the rule). */
  | { code: 'statutory_not_off'; date: string; name: string }
  /** A statutory day the notice makes a working day. */
  | { code: 'statutory_is_work'; date: string; name: string }
  /** A day both off and a working day. */
  | { code: 'off_and_work'; date: string }
  /** A make-up working day on Monday–Friday (it is a working day anyway: a misread date). */
  | { code: 'work_on_weekday'; date: string }
  /** A date that does not exist (2月30日) or lies outside the notice's year (and its eve). */
  | { code: 'bad_date'; date: string };

const ITEM_START = /([一二三四五六七八九十]{1,2})、([^：:、\n]{1,12}(?:、[^：:、\n]{1,12})?)[：:]/g;
const HOLIDAY_WORD = /元旦|春节|清明|劳动|端午|中秋|国庆/;
const DATE = /(?:(\d{4})\s*年\s*)?(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日/g;
const RANGE = /((?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日)(?:\s*(?:至|到|—|-|～|~)\s*((?:\d{4}\s*年\s*)?(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日))?/g;

const pad = (n: number) => String(n).padStart(2, '0');

/** Every match of a global regex (String.prototype.matchAll is ES2020; the app's TypeScript lib is ES2019). */
function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  const g = new RegExp(re.source, 'g');
  for (let m = g.exec(s); m; m = g.exec(s)) out.push(m);
  return out;
}

function yearOfNotice(text: string): number | undefined {
  const m = /关于\s*(\d{4})\s*年\s*部分节假日安排的通知/.exec(text) ?? /现将\s*(\d{4})\s*年[^。]{0,60}?(?:放假|安排)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** Half-width digits and punctuation, no spaces between CJK: a paste from a PDF or a web page reads the same. */
function normalise(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\(/g, '（')
    .replace(/\)/g, '）')
    .replace(/\r/g, '');
}

interface Cursor {
  year: number;
  month?: number;
}

function readDate(token: string, cur: Cursor, bad: string[]): string | undefined {
  DATE.lastIndex = 0;
  const m = DATE.exec(token);
  if (!m) return undefined;
  if (m[1]) cur.year = Number(m[1]);
  if (m[2]) cur.month = Number(m[2]);
  const day = Number(m[3]);
  if (cur.month === undefined) return undefined;
  const ymd = `${cur.year}-${pad(cur.month)}-${pad(day)}`;
  const t = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== ymd) {
    bad.push(ymd);
    return undefined;
  }
  return ymd;
}

/** The dates and ranges of one clause, each range expanded day by day. */
function datesOf(clause: string, year: number, bad: string[]): string[] {
  const cur: Cursor = { year };
  const out: string[] = [];
  for (const m of allMatches(RANGE, clause)) {
    const from = readDate(m[1], cur, bad);
    if (!from) continue;
    if (!m[2]) {
      out.push(from);
      continue;
    }
    const to = readDate(m[2], cur, bad);
    if (!to || to < from || Date.parse(to) - Date.parse(from) > 31 * 86_400_000) {
      bad.push(`${from}..${to ?? '?'}`);
      continue;
    }
    for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  }
  return out;
}

const uniqSorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** The notice read as data, or the reason it cannot be (`not_a_notice`, `bad_date`). */
export function parseHolidayNotice(text: string): { notice?: ParsedNotice; problems: NoticeProblem[] } {
  const t = normalise(text ?? '');
  const year = yearOfNotice(t);
  if (year === undefined) return { problems: [{ code: 'not_a_notice' }] };
  const starts = allMatches(ITEM_START, t).filter((m) => HOLIDAY_WORD.test(m[2]));
  if (starts.length === 0) return { problems: [{ code: 'not_a_notice' }] };
  const bad: string[] = [];
  const items: NoticeItem[] = [];
  starts.forEach((m, i) => {
    const begin = (m.index ?? 0) + m[0].length;
    let end = i + 1 < starts.length ? (starts[i + 1].index ?? t.length) : t.length;
    const closing = t.slice(begin, end).search(/节假日期间|\n\s*\n/);
    if (closing >= 0) end = begin + closing;
    const body = t.slice(begin, end).replace(/（[^）]*）/g, '');
    const off: string[] = [];
    const work: string[] = [];
    for (const clause of body.split(/[。，,；;\n]/)) {
      if (/上班/.test(clause)) work.push(...datesOf(clause, year, bad));
      else if (/放假/.test(clause)) off.push(...datesOf(clause, year, bad));
    }
    items.push({ name: m[2].trim(), off: uniqSorted(off), work: uniqSorted(work) });
  });
  const off = uniqSorted(items.flatMap((i) => i.off));
  const work = uniqSorted(items.flatMap((i) => i.work));
  const problems: NoticeProblem[] = bad.map((date) => ({ code: 'bad_date', date }));
  for (const d of [...off, ...work]) if (d < `${year - 1}-12-01` || d > `${year}-12-31`) problems.push({ code: 'bad_date', date: d });
  if (off.length === 0) problems.push({ code: 'not_a_notice' });
  return { notice: { year, items, off, work }, problems };
}

/**
 * What contradicts the statutory rule or itself in a year's arrangement: a statutory day not off
 * or made a working day, a day both off and working, a make-up working day on a weekday.
 */
export function arrangementProblems(year: number, off: readonly string[], work: readonly string[]): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const offSet = new Set(off);
  const workSet = new Set(work);
  for (const s of statutoryHolidays(year)) {
    if (workSet.has(s.date)) problems.push({ code: 'statutory_is_work', date: s.date, name: s.name });
    else if (!offSet.has(s.date)) problems.push({ code: 'statutory_not_off', date: s.date, name: s.name });
  }
  for (const d of work) {
    if (offSet.has(d)) problems.push({ code: 'off_and_work', date: d });
    else if (isoWeekdayOf(d) <= 5) problems.push({ code: 'work_on_weekday', date: d });
  }
  return problems;
}

/** Parse and check: the preview's whole answer. */
export function readHolidayNotice(text: string): { notice?: ParsedNotice; problems: NoticeProblem[] } {
  const parsed = parseHolidayNotice(text);
  if (!parsed.notice || parsed.problems.some((p) => p.code === 'not_a_notice')) return parsed;
  const { year, off, work } = parsed.notice;
  // Days of the eve (元旦 starting on 31 December) belong to the previous year's calendar; the rule is checked on the notice's year.
  return { notice: parsed.notice, problems: [...parsed.problems, ...arrangementProblems(year, off.filter((d) => d.startsWith(`${year}-`)), work.filter((d) => d.startsWith(`${year}-`)))] };
}
