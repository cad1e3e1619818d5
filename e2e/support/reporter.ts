/**
 * The run's own reporter, beside Playwright's list and html reporters:
 *  - merges the records each test attached (checks.ts) from every worker;
 *  - writes the write-coverage table: e2e/coverage.md after a full run, or
 *    e2e/screenshots/coverage-partial.md after a filtered one (a file, --grep or E2E_ONLY);
 *  - lists every tap target under 44 px and text under 12 px at 390 px; any offender fails the run
 *    (one more failure in the count);
 *  - ends with the plain line `N passed, N failed` that .ci/run adds up (a test that passed on a
 *    retry counts as passed and is named as flaky above it; skipped tests are not counted).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { RECORDS_ATTACHMENT, caseShortName, documentedWrites, type CaseRecords, type TargetFinding } from './checks';
import { ROOT, SHOTS } from './constants';

/** Options of `playwright test` that take a value (to tell a file filter from an option's value). */
const VALUE_OPTIONS = new Set(['-c', '--config', '-g', '--grep', '--grep-invert', '-j', '--workers', '--project', '--reporter', '--retries', '--timeout', '--output', '--repeat-each', '--shard', '--max-failures', '--trace', '--global-timeout', '--tsconfig', '--test-list', '--test-list-invert']);
const FILTER_OPTIONS = /^(-g|--grep|--grep-invert|--last-failed|--only-changed|--test-list|--test-list-invert|--shard)(=|$)/;

/** A description of what narrowed the run, or undefined for a full run. */
function runFilter(config: FullConfig): string | undefined {
  if (process.env.E2E_ONLY) return `E2E_ONLY=${process.env.E2E_ONLY}`;
  const argv = config.argv ?? process.argv;
  const at = argv.indexOf('test');
  const args = at >= 0 ? argv.slice(at + 1) : [];
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') break;
    if (FILTER_OPTIONS.test(a)) filters.push(a.includes('=') || !VALUE_OPTIONS.has(a) ? a : `${a} ${args[i + 1]}`);
    if (a.startsWith('-')) {
      if (VALUE_OPTIONS.has(a)) i++;
      continue;
    }
    filters.push(a);
  }
  return filters.length ? filters.join(' ') : undefined;
}

export default class E2EReporter implements Reporter {
  private suite!: Suite;
  private filter: string | undefined;
  /** fn.action → the cases whose screens sent it. */
  private readonly writes = new Map<string, Set<string>>();
  private readonly targets = new Map<string, TargetFinding & { cases: Set<string> }>();

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.suite = suite;
    this.filter = runFilter(config);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const a = result.attachments.find((x) => x.name === RECORDS_ATTACHMENT && x.body);
    if (!a?.body) return;
    const records = JSON.parse(a.body.toString('utf8')) as CaseRecords;
    for (const w of records.writes) this.writes.set(w, (this.writes.get(w) ?? new Set()).add(test.title));
    for (const f of records.targets) {
      const key = `${f.route}|${f.selector}|${f.what}`;
      const o = this.targets.get(key) ?? { ...f, cases: new Set<string>() };
      o.cases.add(test.title);
      this.targets.set(key, o);
    }
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const tests = this.suite.allTests();
    const outcomes = tests.map((t) => ({ t, o: t.outcome() }));
    const ran = outcomes.filter(({ o }) => o !== 'skipped');
    const flaky = outcomes.filter(({ o }) => o === 'flaky');
    const passed = outcomes.filter(({ o }) => o === 'expected' || o === 'flaky').length;
    let failed = outcomes.filter(({ o }) => o === 'unexpected').length;
    // Tests that never ran because the run stopped (setup failed, interrupted, max failures).
    const notRun = outcomes.filter(({ t, o }) => o === 'skipped' && t.results.length === 0 && t.expectedStatus !== 'skipped').length;

    if (ran.length) this.reportWriteCoverage(ran.map(({ t }) => t.title), tests.length);
    const targetFailure = this.reportTargets();
    if (targetFailure) {
      console.log(`FAIL  ${targetFailure}`);
      failed += 1;
    }
    for (const { t } of flaky) console.log(`FLAKY  ${t.title} (passed on retry ${t.results.length - 1})`);
    if (result.status !== 'passed' && failed === 0) {
      console.log(`FAIL  the run ended ${result.status}${notRun ? ` with ${notRun} test(s) not run` : ''} (see above)`);
      failed += 1;
    }
    console.log(`\nscreenshots in ${path.relative(ROOT, SHOTS)}/, report in ${path.relative(ROOT, path.join(ROOT, 'e2e/.artifacts/report'))}/ (npx playwright show-report e2e/.artifacts/report)`);
    console.log(`\n${passed} passed, ${failed} failed`);
    return targetFailure ? { status: 'failed' } : undefined;
  }

  /** Prints (and writes to e2e/coverage.md) which documented writes a screen reached. */
  private reportWriteCoverage(ran: string[], selected: number): void {
    const filter = this.filter;
    const documented = documentedWrites();
    const rows = documented.map((w) => ({ action: w, cases: [...(this.writes.get(w) ?? [])].sort((a, b) => ran.indexOf(a) - ran.indexOf(b)) }));
    const reached = rows.filter((r) => r.cases.length).length;
    const lines = [
      '# Write coverage of the browser tests',
      '',
      `Generated by \`npm run test:e2e\` (${new Date().toISOString().slice(0, 10)}): each write action (✎) of docs/api.md, whether a screen`,
      'sent it through the dev gateway during the run, and the case(s) that drove it. Calls the tests make themselves',
      '(setting up data through the API) do not count.',
      '',
      filter ? `**Partial run** (\`${filter}\`): ${ran.length} of ${selected} selected cases ran.` : `Full run: ${ran.length} of ${selected} cases ran.`,
      '',
      `${reached} of ${rows.length} write actions reached by a screen.`,
      '',
      '| action | reached by a screen | case |',
      '|---|---|---|',
      ...rows.map((r) => `| \`${r.action}\` | ${r.cases.length ? 'yes' : 'not reached'} | ${r.cases.map(caseShortName).join('<br>') || ''} |`),
    ];
    const undocumented = [...this.writes.keys()].filter((k) => !documented.includes(k)).sort();
    if (undocumented.length) lines.push('', `Reads and other calls the screens made (not write actions of docs/api.md): ${undocumented.map((k) => `\`${k}\``).join(', ')}.`);
    // A partial run never replaces the full run's table: it goes with the screenshots.
    const file = filter ? path.join(SHOTS, 'coverage-partial.md') : path.join(ROOT, 'e2e', 'coverage.md');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${lines.join('\n')}\n`);
    console.log(`\nWrite coverage (${reached}/${rows.length} write actions reached by a screen; ${path.relative(ROOT, file)})`);
    const w = Math.max(...rows.map((r) => r.action.length));
    for (const r of rows) console.log(`  ${r.action.padEnd(w)}  ${r.cases.length ? `yes  ${r.cases.map(caseShortName).join(' | ')}` : 'not reached'}`);
  }

  /** Prints every tap target under 44 px and text under 12 px; a failure line when there is any. */
  private reportTargets(): string | undefined {
    if (this.targets.size === 0) {
      console.log('\nTap targets and text size at 390 px: no button under 44 px, no text under 12 px on any page visited');
      return undefined;
    }
    const all = [...this.targets.values()].sort((a, b) => (a.route + a.selector < b.route + b.selector ? -1 : 1));
    console.log(`\nTap targets and text size at 390 px: ${all.length} offender(s)`);
    for (const o of all) console.log(`  ${o.route}  ${o.selector}  ${o.what}  "${o.text}"  (${[...o.cases].map((c) => caseShortName(c)).join(' | ')})`);
    return `tap targets and text size at 390 px: ${all.length} offender(s) (listed above)`;
  }
}
