/**
 * Issue 15: two checks over the whole run.
 *  * Tap targets and text size: every page a case shows at phone width (≤ 400 px) is measured in
 *    the page itself (an init script, every 600 ms while nothing animates): a button under 44 px
 *    high or text under 12 px is reported with its page, a selector and the size. Any offender
 *    fails the run (the reporter, e2e/support/reporter.ts).
 *  * Write coverage: every `POST /functions/<fn>` the browser sends through the dev gateway is
 *    recorded with the case that sent it, compared with the write actions (✎) of docs/api.md, and
 *    printed as a table (also written to e2e/coverage.md). Calls the tests make themselves (setup
 *    through the API) are not the browser's and do not count.
 * Each test records what its pages did (`CaseRecords`) and attaches it to its result as
 * `e2e-records`; the reporter, in the runner process, merges the records of every worker.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from '@playwright/test';
import { ROOT } from './constants';
import type { Env } from './env';

export const RECORDS_ATTACHMENT = 'e2e-records';

export interface TargetFinding {
  route: string;
  selector: string;
  what: string;
  text: string;
}

/** What one case's screens did: the gateway actions they sent, the undersized targets they showed. */
export interface CaseRecords {
  writes: string[];
  targets: TargetFinding[];
}

export function newRecords(): CaseRecords {
  return { writes: [], targets: [] };
}

export const MEASURE_TARGETS = `(() => {
  if (window.__i15Targets) return;
  window.__i15Targets = true;
  const seen = new Set();
  const label = (el) => {
    const own = el.getAttribute('data-testid');
    if (own) return '[data-testid="' + own + '"]';
    const cls = (el.getAttribute('class') || '').split(/\\s+/).filter((c) => c && !/hover|active/.test(c)).slice(0, 2);
    const tag = el.tagName.toLowerCase() + (cls.length ? '.' + cls.join('.') : '');
    const host = el.parentElement && el.parentElement.closest('[data-testid]');
    return (host ? '[data-testid="' + host.getAttribute('data-testid') + '"] ' : '') + tag;
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height) return null;
    const cs = getComputedStyle(el);
    return cs.visibility === 'hidden' || cs.opacity === '0' ? null : r;
  };
  const measure = () => {
    if (window.innerWidth > 400 || typeof window.__i15Report !== 'function') return;
    if (document.getAnimations().some((a) => a.playState === 'running')) return;
    const route = location.hash.replace(/^#\\/?/, '').split('?')[0] || 'pages/index/index';
    const found = [];
    for (const el of document.querySelectorAll('.btn, button, [role="button"], .chip, .taro-button-core')) {
      const r = visible(el);
      if (r && r.height < 43.5) found.push({ selector: label(el), what: 'button ' + r.height.toFixed(1) + ' px high', text: (el.innerText || '').trim().slice(0, 20) });
    }
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const text = (n.textContent || '').trim();
      const el = n.parentElement;
      if (!text || !el || !visible(el)) continue;
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < 11.99) found.push({ selector: label(el), what: 'text ' + px + ' px', text: text.slice(0, 20) });
    }
    const fresh = found.filter((f) => {
      const k = route + '|' + f.selector + '|' + f.what;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
    if (fresh.length) window.__i15Report(route, fresh);
  };
  setInterval(measure, 600);
})()`;


/** Sets up both checks on a case's browser context (before its first page opens). */
export async function instrumentContext(env: Env, context: BrowserContext, records: CaseRecords): Promise<void> {
  await context.exposeBinding('__i15Report', (_src, route: string, found: { selector: string; what: string; text: string }[]) => {
    for (const f of found) records.targets.push({ route, ...f });
  });
  await context.addInitScript(MEASURE_TARGETS);
  const prefix = `${env.gatewayUrl}/functions/`;
  context.on('request', (req) => {
    if (req.method() !== 'POST' || !req.url().startsWith(prefix)) return;
    const fn = req.url().slice(prefix.length).split(/[/?#]/)[0];
    let action: string;
    try {
      action = String((JSON.parse(req.postData() ?? '{}') as { action?: unknown }).action ?? '');
    } catch {
      return;
    }
    if (!fn || !action) return;
    const key = `${fn}.${action}`;
    if (!records.writes.includes(key)) records.writes.push(key);
  });
}

/** The write actions (✎) of docs/api.md, as `fn.action`, in the document's order. */
export function documentedWrites(): string[] {
  const out: string[] = [];
  let fn: string | undefined;
  for (const line of fs.readFileSync(path.join(ROOT, 'docs/api.md'), 'utf8').split('\n')) {
    const h = /^## (?:`(\w+)`)?/.exec(line);
    if (h) fn = h[1];
    const row = /^\| `(\w+)` ✎/.exec(line);
    if (fn && row) out.push(`${fn}.${row[1]}`);
  }
  return out;
}

/** Short names for the cases in the coverage table (a case's name is a sentence). */
export function caseShortName(name: string): string {
  return name.length > 60 ? `${name.slice(0, 57)}…` : name;
}
