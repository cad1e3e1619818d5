/**
 * Which WeChat open APIs (云调用) each cloud function calls, read from its bundle
 * (cloudfunctions/<name>/index.js, exactly what is deployed, unused code shaken out): every
 * `apiName: '<category>.<method>'` left in it (server/platform calls `callWxOpenApi` that way).
 * WeChat cloud lets a function call only the open APIs its config.json lists under
 * `permissions.openapi` (else errcode -604101): a test holds each config.json to exactly this list.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FUNCTIONS_DIR, functionNames } from './build-functions';

const API_NAME = /\bapiName:\s*["'`]([A-Za-z]+\.[A-Za-z]+)["'`]/g;

/** The open APIs named in a built bundle, sorted. */
export function openApisInBundle(fn: string, dir = FUNCTIONS_DIR): string[] {
  const text = readFileSync(path.join(dir, fn, 'index.js'), 'utf8');
  return [...new Set([...text.matchAll(API_NAME)].map((m) => m[1]))].sort();
}

/** What a function's config.json declares under permissions.openapi, sorted. */
export function declaredOpenApis(fn: string, dir = FUNCTIONS_DIR): string[] {
  const cfg = JSON.parse(readFileSync(path.join(dir, fn, 'config.json'), 'utf8')) as { permissions?: { openapi?: string[] } };
  return [...(cfg.permissions?.openapi ?? [])].sort();
}

if (require.main === module) {
  for (const fn of functionNames()) console.log(`${fn.padEnd(10)} bundle calls ${openApisInBundle(fn).join(', ') || '(none)'}; config.json declares ${declaredOpenApis(fn).join(', ') || '(none)'}`);
}
