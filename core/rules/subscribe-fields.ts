/**
 * WeChat subscribe-message field values (`subscribeMessage.send` data), as WeChat checks them: a
 * field's key names its type (thing1, time2, character_string3 …) and each type has its own
 * length and character rules. A value that breaks them is refused with errcode 47003 and the
 * message is never delivered, so the server checks its messages against these rules before
 * sending, and the emulator refuses the same values WeChat would. Pure.
 *
 * Rules (WeChat's documentation of subscribeMessage.send):
 *   thing ≤ 20 characters · number ≤ 32, digits (and one decimal point) · letter ≤ 32 letters ·
 *   symbol ≤ 5 symbols · character_string ≤ 32 digits, letters or symbols · time: a 24-hour time,
 *   optionally after a date (15:01, 2019年10月1日 15:01, 2019-10-01 15:01), or a range "a~b" ·
 *   date: a date, optionally with a time · amount: an optional currency symbol, up to 10 digits
 *   and 2 decimals, an optional 元 · phone_number ≤ 17 digits or symbols · car_number ≤ 8 ·
 *   name ≤ 10 Chinese characters or 20 letters · phrase ≤ 5 Chinese characters.
 */

export const SubscribeFieldTypes = ['thing', 'number', 'letter', 'symbol', 'character_string', 'time', 'date', 'amount', 'phone_number', 'car_number', 'name', 'phrase'] as const;
export type SubscribeFieldType = (typeof SubscribeFieldTypes)[number];

/** The type a field key names: `character_string12` → character_string; undefined for a key WeChat would not know. */
export function fieldType(key: string): SubscribeFieldType | undefined {
  const m = /^([a-z_]+?)(\d+)$/.exec(key);
  const type = m?.[1];
  return (SubscribeFieldTypes as readonly string[]).includes(type ?? '') ? (type as SubscribeFieldType) : undefined;
}

const chars = (s: string) => [...s].length;
const HAN = /^\p{Script=Han}+$/u;
const DATE = '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2})';
const CLOCK = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const TIME_POINT = new RegExp(`^(?:${DATE}\\s*)?${CLOCK}$`);
const DATE_POINT = new RegExp(`^${DATE}(?:\\s*${CLOCK})?$`);
const inRange = (value: string, point: RegExp) => value.split('~').every((p) => point.test(p.trim())) && value.split('~').length <= 2;

/** Why WeChat would refuse `value` in a field of `type`, or undefined if it is acceptable. */
export function fieldProblem(type: SubscribeFieldType, value: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return 'empty';
  switch (type) {
    case 'thing':
      return chars(value) <= 20 ? undefined : 'more than 20 characters';
    case 'number':
      return /^\d+(?:\.\d+)?$/.test(value) && value.replace('.', '').length <= 32 ? undefined : 'not a number of at most 32 digits';
    case 'letter':
      return /^[A-Za-z]{1,32}$/.test(value) ? undefined : 'not at most 32 letters';
    case 'symbol':
      return chars(value) <= 5 && !/[\p{L}\p{N}]/u.test(value) ? undefined : 'not at most 5 symbols';
    case 'character_string':
      return /^[\x21-\x7e]{1,32}$/.test(value) ? undefined : 'not at most 32 digits, letters or symbols';
    case 'time':
      return inRange(value, TIME_POINT) ? undefined : 'not a 24-hour time (15:01, 2019年10月1日 15:01)';
    case 'date':
      return inRange(value, DATE_POINT) ? undefined : 'not a date (2019年10月1日)';
    case 'amount':
      return /^[¥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(value) ? undefined : 'not an amount (¥100.01, 100元)';
    case 'phone_number':
      return /^[\d+\-() ]{1,17}$/.test(value) ? undefined : 'not a phone number of at most 17 digits or symbols';
    case 'car_number':
      return chars(value) <= 8 ? undefined : 'more than 8 characters';
    case 'name':
      return HAN.test(value) ? (chars(value) <= 10 ? undefined : 'more than 10 Chinese characters') : /^[A-Za-z .·-]{1,20}$/.test(value) ? undefined : 'not a name (≤ 10 Chinese characters or 20 letters)';
    case 'phrase':
      return HAN.test(value) && chars(value) <= 5 ? undefined : 'not at most 5 Chinese characters';
  }
}

/** Every problem of a message's data against the keys its template declares (all of them, no others). */
export function dataProblems(declared: readonly string[], data: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of declared) if (!(key in data)) problems.push(`${key}: missing`);
  for (const [key, value] of Object.entries(data)) {
    if (!declared.includes(key)) {
      problems.push(`${key}: not a field of the template`);
      continue;
    }
    const type = fieldType(key);
    const p = type ? fieldProblem(type, value) : 'unknown field type';
    if (p) problems.push(`${key}: ${p}`);
  }
  return problems;
}
