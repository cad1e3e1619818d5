/**
 * The dependency check (issue 18 item 3): dependency-cruiser's `cruise` API on the given roots
 * with .dependency-cruiser.cjs, answering the violations. Used by `npm run lint:deps` (prints them,
 * exit 1 if any) and by scripts/architecture.test.ts (`--json`, also on a fixture tree).
 * The API, not the CLI: the CLI refuses node 20 (its engines say ^22), the API runs on it.
 *   node scripts/architecture/cruise.mjs [--json] [--base DIR] ROOT...
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { cruise } from 'dependency-cruiser';

const args = process.argv.slice(2);
const json = args.includes('--json');
const baseAt = args.indexOf('--base');
const baseDir = baseAt >= 0 ? resolve(args[baseAt + 1]) : process.cwd();
const roots = args.filter((a, i) => !a.startsWith('--') && !(baseAt >= 0 && i === baseAt + 1));

const require = createRequire(import.meta.url);
const config = require(resolve(process.cwd(), '.dependency-cruiser.cjs'));
const started = Date.now();
process.chdir(baseDir);
const { output } = await cruise(roots.length ? roots : ['core', 'server', 'src'], { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true }, undefined, undefined);
const violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, ...(v.cycle ? { cycle: v.cycle.map((c) => c.name ?? c) } : {}) }));
if (json) {
  process.stdout.write(JSON.stringify({ modules: output.summary.totalCruised, violations, ms: Date.now() - started }));
} else {
  for (const v of violations) console.log(`${v.rule}: ${v.from} → ${v.to}${v.cycle ? `  (cycle: ${v.cycle.join(' → ')})` : ''}`);
  console.log(`${violations.length} violation(s) in ${output.summary.totalCruised} modules (${Date.now() - started} ms)`);
  process.exitCode = violations.length ? 1 : 0;
}
