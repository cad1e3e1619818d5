/**
 * What a production mini-program build must not contain, found by reading its files: the demo
 * users' openids, the emulator's address and paths, the dev-login page, and any JavaScript newer
 * than the weapp target (ES2019: `?.` and `??` need iOS 13.4; babel.config.js).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'acorn';

export interface Finding {
  file: string;
  what: string;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

export function scanWeappOutput(dir: string, forbidden: { strings: Record<string, string>; pages: string[] }): Finding[] {
  const found: Finding[] = [];
  const rel = (f: string) => path.relative(dir, f).split(path.sep).join('/');
  for (const file of files(dir)) {
    const name = rel(file);
    if (!/\.(js|json|wxml|wxss|wxs)$/.test(name)) continue;
    const text = readFileSync(file, 'utf8');
    for (const [needle, what] of Object.entries(forbidden.strings)) if (text.includes(needle)) found.push({ file: name, what: `${what} (${needle})` });
    for (const page of forbidden.pages) if (name.startsWith(`${page}.`)) found.push({ file: name, what: `the page ${page}` });
    if (name.endsWith('.js')) {
      try {
        parse(text, { ecmaVersion: 2019, sourceType: 'script' });
      } catch (e) {
        const pos = (e as { pos?: number }).pos ?? 0;
        found.push({ file: name, what: `syntax newer than ES2019: ${(e as Error).message} near ${JSON.stringify(text.slice(Math.max(0, pos - 30), pos + 10))}` });
      }
    }
  }
  if (files(dir).some((f) => rel(f) === 'app.json')) {
    const app = JSON.parse(readFileSync(path.join(dir, 'app.json'), 'utf8')) as { pages?: string[] };
    for (const page of forbidden.pages) if (app.pages?.includes(page)) found.push({ file: 'app.json', what: `the page ${page} is registered` });
  }
  return found;
}
