/**
 * The dependency check (issue 18 item 3): dependency-cruiser's `cruise` API with
 * .dependency-cruiser.cjs on core/, server/ and src/, answering the violations.
 *   node scripts/architecture/cruise.mjs          → prints them; exit 1 if any (`npm run lint:deps`)
 *   node scripts/architecture/cruise.mjs --json   → {tree, fixture} as JSON, the tree and the
 *     deliberately wrong fixture (scripts/architecture/fixture) in one process, for
 *     scripts/architecture.test.ts
 * The API, not the depcruise CLI: the CLI refuses node 20 (its engines say ^22), the API runs on it.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ROOTS = ['core', 'server', 'src'];
const config = createRequire(import.meta.url)(resolve(ROOT, '.dependency-cruiser.cjs'));

/** Cruises `roots` under `baseDir` (paths in the answer are relative to it). */
export async function check(baseDir, roots = ROOTS) {
  const started = Date.now();
  const cwd = process.cwd();
  process.chdir(baseDir);
  try {
    const { output } = await cruise(roots, { ...config.options, ruleSet: { forbidden: config.forbidden }, validate: true });
    const violations = output.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to, ...(v.cycle ? { cycle: v.cycle.map((c) => c.name ?? c) } : {}) }));
    return { modules: output.summary.totalCruised, violations, ms: Date.now() - started };
  } finally {
    process.chdir(cwd);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes('--json')) {
    const tree = await check(ROOT);
    const fixture = await check(resolve(ROOT, 'scripts/architecture/fixture'));
    process.stdout.write(JSON.stringify({ tree, fixture }));
  } else {
    const { modules, violations, ms } = await check(ROOT);
    for (const v of violations) console.log(`${v.rule}: ${v.from} → ${v.to}${v.cycle ? `  (cycle: ${v.cycle.join(' → ')})` : ''}`);
    console.log(`${violations.length} violation(s) in ${modules} modules (${ms} ms)`);
    process.exitCode = violations.length ? 1 : 0;
  }
}
