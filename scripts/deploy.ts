/**
 * `npm run deploy`: builds every cloud function and deploys the backend to the CloudBase
 * environment named by ENV_ID (from the environment or `.env`) with the CloudBase CLI (`tcb`,
 * `npm install -g @cloudbase/cli && tcb login`): the functions with their timer triggers
 * (`tcb fn deploy --all`), then the collections with their ADMINONLY rules and indexes
 * (`tcb framework deploy`, the database plugin of cloudbaserc.json).
 *
 * `npm run deploy -- --dry-run` prints the whole plan and changes nothing: no account needed.
 * `npm run deploy -- --check [--env-file .env.ci]` builds the functions and runs the preflight
 * (scripts/preflight.ts): what WeChat and CloudBase would refuse, and the launch checklist.
 * The plan is read from the same sources as cloudbaserc.json (cloudfunctions/<name>/config.json and
 * server/db/schema.ts), and the run refuses a cloudbaserc.json that no longer matches them.
 */
import { Templates } from '../server/platform/subscribe-message';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildFunctions } from './build-functions';
import { checkPinnedSdk, PINNED_SDK_VERSION } from './build-functions-sdk';
import { CLOUDBASERC, cloudbaseConfig, renderCloudbaserc } from './cloudbaserc';
import { declaredOpenApis } from './open-api-usage';

const ROOT = path.resolve(__dirname, '..');

export interface DeployPlan {
  envId?: string;
  functions: Array<{
    name: string;
    runtime: string;
    timeout: number;
    memorySize: number;
    triggers: Array<{ name: string; config: string }>;
    /** config.json permissions.openapi: the open APIs (云调用) the function may call. */
    openapi: string[];
  }>;
  collections: Array<{ name: string; acl: string; indexes: Array<{ name: string; keys: string; unique: boolean }> }>;
  templates: Array<{ name: string; env: string; fields: string; configured: boolean }>;
  commands: string[][];
}

/** `name` from the process environment, else from a `.env` file (KEY=VALUE lines). */
export function readEnvValue(name: string, env: NodeJS.ProcessEnv = process.env, dotenvPath = path.join(ROOT, '.env')): string | undefined {
  if (env[name]) return env[name]!.trim() || undefined;
  if (!existsSync(dotenvPath)) return undefined;
  for (const line of readFileSync(dotenvPath, 'utf8').split(/\r?\n/)) {
    const m = new RegExp(`^\\s*${name}\\s*=\\s*"?([^"#\\s]+)"?`).exec(line);
    if (m) return m[1];
  }
  return undefined;
}

/** ENV_ID from the process environment, else from a `.env` file. */
export function readEnvId(env: NodeJS.ProcessEnv = process.env, dotenvPath = path.join(ROOT, '.env')): string | undefined {
  return readEnvValue('ENV_ID', env, dotenvPath);
}

export function deployPlan(envId: string | undefined, env: NodeJS.ProcessEnv = process.env, dotenvPath = path.join(ROOT, '.env')): DeployPlan {
  const cfg = cloudbaseConfig();
  const target = envId ?? '<ENV_ID>';
  return {
    envId,
    functions: cfg.functions.map((f) => ({
      name: f.name,
      runtime: f.runtime,
      timeout: f.timeout,
      memorySize: f.memorySize,
      triggers: f.triggers.map((t) => ({ name: t.name, config: t.config })),
      openapi: declaredOpenApis(f.name),
    })),
    collections: cfg.framework.plugins.database.inputs.collections.map((c) => ({
      name: c.collectionName,
      acl: c.aclTag,
      indexes: c.createIndexes.map((i) => ({ name: i.name, unique: i.unique, keys: i.keys.map((k) => `${k.name}:${k.direction}`).join(', ') })),
    })),
    templates: Object.entries(Templates).map(([name, t]) => ({ name, env: t.env, fields: t.fields.join(', '), configured: !!readEnvValue(t.env, env, dotenvPath) })),
    commands: [
      ['tcb', 'fn', 'deploy', '--all', '--force', '-e', target],
      ['tcb', 'framework', 'deploy', '-e', target],
    ],
  };
}

export function formatPlan(plan: DeployPlan, dryRun: boolean): string {
  const lines: string[] = [];
  lines.push(`${dryRun ? 'Deploy plan (dry run: nothing is changed)' : 'Deploying'} to CloudBase environment ${plan.envId ?? '<ENV_ID not set: put ENV_ID=<your env id> in .env>'}`);
  lines.push('', `Functions (${plan.functions.length}), each bundled by esbuild with @cloudbase/node-sdk ${PINNED_SDK_VERSION} inside (slimmed; no node_modules installed):`);
  for (const f of plan.functions) {
    lines.push(`  ${f.name.padEnd(10)} ${f.runtime}, timeout ${f.timeout} s, ${f.memorySize} MB`);
    for (const t of f.triggers) lines.push(`    timer trigger ${t.name}: ${t.config} (Asia/Shanghai)`);
    if (f.openapi.length) lines.push(`    open APIs (config.json permissions.openapi): ${f.openapi.join(', ')}`);
  }
  lines.push(
    '  Open-API permissions (云调用) are not part of cloudbaserc.json: WeChat DevTools applies a function\'s',
    '  config.json permissions.openapi when it uploads the function (cached ~10 min; a call not allowed',
    '  answers -604101). Whether `tcb fn deploy` applies them is not documented: check them in the console.',
  );
  lines.push('', `Collections (${plan.collections.length}); every rule denies client access, only functions touch data:`);
  for (const c of plan.collections) {
    lines.push(`  ${c.name.padEnd(18)} rule ${c.acl}`);
    for (const i of c.indexes) lines.push(`    index ${i.name}${i.unique ? ' (unique)' : ''}: ${i.keys}`);
  }
  lines.push('', `Subscribe-message templates (${plan.templates.length}); ids from .env, a template not configured is skipped:`);
  for (const t of plan.templates) lines.push(`  ${t.name.padEnd(18)} ${t.env.padEnd(28)} ${t.configured ? 'configured' : 'NOT SET'}  fields ${t.fields}`);
  lines.push('', 'Commands:');
  for (const c of plan.commands) lines.push(`  ${c.join(' ')}`);
  return lines.join('\n');
}

export async function deploy(options: {
  dryRun: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (s: string) => void;
  /** Build the bundles (default). Tests skip it: other suites load those bundles meanwhile. */
  build?: boolean;
}): Promise<DeployPlan> {
  const log = options.log ?? console.log;
  const envId = readEnvId(options.env ?? process.env);
  if (!options.dryRun && !envId) throw new Error('no CloudBase environment: set ENV_ID in .env (or the environment), or use --dry-run');
  const current = existsSync(CLOUDBASERC) ? readFileSync(CLOUDBASERC, 'utf8') : '';
  if (current !== renderCloudbaserc()) throw new Error('cloudbaserc.json does not match the functions and the schema: run `npm run cloudbaserc` and commit it');
  checkPinnedSdk();
  const plan = deployPlan(envId, options.env ?? process.env);
  log(formatPlan(plan, options.dryRun));
  if (options.build !== false) {
    const built = await buildFunctions();
    log(`\nBuilt ${built.map((b) => `${b.name} (${(b.bytes / 1024).toFixed(1)} KB)`).join(', ')}`);
  }
  if (options.dryRun) return plan;
  for (const [cmd, ...args] of plan.commands) {
    log(`\n$ ${[cmd, ...args].join(' ')}`);
    const run = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ENV_ID: envId } });
    if (run.error) throw new Error(`${cmd} is not available (${run.error.message}): npm install -g @cloudbase/cli && tcb login`);
    if (run.status !== 0) throw new Error(`${[cmd, ...args].join(' ')} failed with exit code ${run.status}`);
  }
  log('\nDeployed.');
  return plan;
}

if (require.main === module && process.argv.includes('--check')) {
  const at = process.argv.indexOf('--env-file');
  const envFile = at > 0 ? process.argv[at + 1] : undefined;
  buildFunctions()
    .then(async () => {
      const { preflight } = await import('./preflight');
      if (!(await preflight({ envFile }))) process.exit(1);
    })
    .catch((e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    });
} else if (require.main === module) {
  deploy({ dryRun: process.argv.includes('--dry-run') }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
