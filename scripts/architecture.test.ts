/**
 * The architecture as a check (issue 18 item 3), in `npm test`: dependency-cruiser (the rules in
 * .dependency-cruiser.cjs) finds no violation in core/, server/ and src/, and finds exactly the
 * deliberately wrong imports of scripts/architecture/fixture, so a wrong import does fail it.
 * dependency-cruiser is ESM-only, so it runs in a child node (scripts/architecture/cruise.mjs).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

interface Violation {
  rule: string;
  from: string;
  to: string;
  cycle?: string[];
}
interface Answer {
  modules: number;
  violations: Violation[];
  ms: number;
}

const ROOT = join(__dirname, '..');
let result: { tree: Answer; fixture: Answer };

beforeAll(() => {
  const out = execFileSync(process.execPath, [join(__dirname, 'architecture/cruise.mjs'), '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  result = JSON.parse(out);
}, 120_000);

const show = (vs: Violation[]) => vs.map((v) => `${v.rule}: ${v.from} → ${v.to}`);

test('core/, server/ and src/ keep every rule: the app off the server, core pure, modules through their index.ts, no cycles', () => {
  expect(show(result.tree.violations)).toEqual([]);
  // Not vacuous: the whole tree was read (every module, function and page), not an empty folder.
  expect(result.tree.modules).toBeGreaterThan(400);
});

test('a deliberately wrong import fails the check: the fixture answers exactly its wrong-* imports, one rule each', () => {
  expect(show(result.fixture.violations).sort()).toEqual(
    [
      'app-not-to-server: src/wrong-server.ts → server/functions/alpha.function.ts',
      'core-is-pure: core/wrong-io.ts → fs',
      'functions-through-index: server/functions/wrong-beta.function.ts → server/modules/beta/beta.use-cases.ts',
      'kernel-not-to-features: server/kernel/wrong-feature.ts → server/modules/alpha/index.ts',
      'module-through-index: server/modules/beta/wrong-internals.ts → server/modules/alpha/alpha.repository.ts',
      'no-circular: server/modules/gamma/wrong-cycle-a.ts → server/modules/gamma/wrong-cycle-b.ts',
    ].sort(),
  );
  // Every file named wrong-* is caught (a new one without a violation would mean a rule stopped biting).
  const wrong = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? wrong(join(dir, n)) : n.startsWith('wrong-') ? [relative(join(__dirname, 'architecture/fixture'), join(dir, n))] : []));
  const caught = new Set(result.fixture.violations.flatMap((v) => [v.from, ...(v.cycle ?? [])]));
  for (const f of wrong(join(__dirname, 'architecture/fixture'))) expect({ f, caught: caught.has(f) }).toEqual({ f, caught: true });
});

// A constant computed on first use goes through core/lazy.ts's `once` (a value of code and shipped data, never state).
test('core/ keeps no module-level mutable state (the holiday calendar and the clock are arguments)', () => {
  const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.ts$/.test(n) && !/\.test\.ts$/.test(n) ? [join(dir, n)] : []));
  const mutable = files(join(ROOT, 'core')).flatMap((f) =>
    readFileSync(f, 'utf8')
      .split('\n')
      .map((line, i) => ({ at: `${relative(ROOT, f)}:${i + 1}`, line }))
      .filter(({ line }) => /^(export\s+)?(let|var)\s/.test(line)),
  );
  expect(mutable.map((m) => `${m.at}: ${m.line}`)).toEqual([]);
  expect(files(join(ROOT, 'core')).length).toBeGreaterThan(20);
});
