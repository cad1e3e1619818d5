/**
 * Input building blocks shared by the functions' schemas. `zod/mini` keeps each function bundle
 * small (full zod adds ~450 KB to every function; its tree-shakeable core adds ~20 KB).
 */
import * as z from 'zod/mini';
import { Professions, Roles } from '../api/roles';
import { once } from '../lazy';
import { isMainlandMobile } from '../rules/privacy';

export { once };

/** Names and short labels: trimmed, 1-max characters, no control characters. */
export const shortText = (max = 40) =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max), z.regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed'));

export const longText = (max = 2000) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const docId = once(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid id')));
export const openid = once(() => z.string().check(z.regex(/^[A-Za-z0-9_-]{6,64}$/, 'not a valid openid')));
export const cursor = once(() => z.optional(z.string().check(z.maxLength(200))));
export const locale = once(() => z.enum(['zh-CN', 'en']));
export const role = once(() => z.enum(Roles));
export const profession = once(() => z.enum(Professions));
export const mobile = once(() => z.string().check(z.trim(), z.refine(isMainlandMobile, 'enter an 11-digit mainland mobile number')));
export const intBetween = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));
export const empty = once(() => z.strictObject({}));

