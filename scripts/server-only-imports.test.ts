/**
 * The holiday calendar (chinese-days, ~100 KB of data; the statutory rule and the notice parser
 * over it) is for the server: the app must never import it, directly or through the deadline
 * rules, or every worker's phone downloads it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SERVER_ONLY = [/['"]chinese-days['"]/, /rules\/holiday-calendar['"]/, /rules\/statutory-holidays['"]/, /rules\/holiday-notice['"]/, /rules\/working-days['"]/, /rules\/qa-deadline['"]/];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(n) ? [p] : [];
  });
}

it('keeps the holiday calendar out of the app (src/)', () => {
  const offenders = files(path.resolve(__dirname, '../src')).filter((f) => SERVER_ONLY.some((re) => re.test(readFileSync(f, 'utf8'))));
  expect(offenders).toEqual([]);
});
