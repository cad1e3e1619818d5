/**
 * `npm run deploy -- --check [--env-file <file>]`: checks, without an account, what WeChat and
 * CloudBase would refuse at deploy, upload or review time, and prints the launch steps no code can
 * check (docs/launch.md walks through them). Exits non-zero on any failed rule.
 *
 * Each rule is a pure function of a PreflightInput, so a test can hand it a bad configuration:
 *   timers        one timer trigger per function (WeChat cloud: the `triggers` array takes one)
 *   openapi       every open API a function's bundle calls is in its config.json permissions.openapi (else -604101)
 *   templates     every subscribe-message template id is set
 *   identity      the appid and the CloudBase environment are set, and the app calls the environment deployed to
 *   indexes       at most 100 indexes per collection, 31 fields per index (docs.cloudbase.net/faq/database)
 *   timeouts      function timeouts 1–60 s (the WeChat cloud console accepts 1–60)
 *   dev-build     no development tool in the mini-program build (config/release.ts)
 *   packages      when a weapp build is in dist/: main package and each subpackage ≤ 2 MB, all ≤ 20 MB,
 *                 ≤ 2 MB preloaded per package (developers.weixin.qq.com/miniprogram/dev/framework/subpackages/preload.html)
 *
 * The values come from the process environment, then from the env file (default `.env`, then
 * `.env.production` for the TARO_APP_* of the app build). CI runs it on `.env.ci`, the complete
 * test configuration with made-up ids (CI has no real appid): `.ci/run` step "preflight".
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { releaseProblems, type ReleaseEnv } from '../config/release';
import { Templates } from '../server/platform/subscribe-message';
import { cloudbaseConfig } from './cloudbaserc';
import { declaredOpenApis, openApisInBundle } from './open-api-usage';
import { weappSizeReport, type WeappSizeReport } from './size-report';

const ROOT = path.resolve(__dirname, '..');

export const LIMITS = {
  triggersPerFunction: 1,
  indexesPerCollection: 100,
  fieldsPerIndex: 31,
  timeoutMin: 1,
  timeoutMax: 60,
  packageBytes: 2 * 1024 * 1024,
  totalBytes: 20 * 1024 * 1024,
  preloadBytesPerPackage: 2 * 1024 * 1024,
} as const;

export interface PreflightInput {
  env: Record<string, string | undefined>;
  functions: Array<{ name: string; timeout: number; triggers: Array<{ name: string }>; calls: string[]; declared: string[] }>;
  collections: Array<{ name: string; indexes: Array<{ name: string; fields: number }> }>;
  templates: Array<{ name: string; env: string }>;
  /** The weapp build, when there is one in dist/. */
  weapp?: { sizes: WeappSizeReport; preloadRule: Record<string, { packages: string[] }>; subpackageRoots: string[] };
}

export interface RuleResult {
  rule: string;
  problems: string[];
}

type Rule = (input: PreflightInput) => string[];

export const Rules: Record<string, Rule> = {
  timers: ({ functions }) =>
    functions.filter((f) => f.triggers.length > LIMITS.triggersPerFunction).map((f) => `${f.name} has ${f.triggers.length} timer triggers (${f.triggers.map((t) => t.name).join(', ')}); WeChat cloud takes one per function`),
  openapi: ({ functions }) =>
    functions.flatMap((f) => f.calls.filter((api) => !f.declared.includes(api)).map((api) => `${f.name} calls ${api} but its config.json permissions.openapi does not list it (-604101 in production)`)),
  templates: ({ env, templates }) => templates.filter((t) => !env[t.env]?.trim()).map((t) => `subscribe template ${t.name}: ${t.env} is not set (its notices would never be sent)`),
  identity: ({ env }) => {
    const problems = releaseProblems(env as ReleaseEnv)
      .filter((p) => p.key === 'TARO_APP_ID' || p.key === 'TARO_APP_CLOUD_ENV')
      .map((p) => p.message);
    if (!env.ENV_ID?.trim()) problems.push('ENV_ID is not set: the CloudBase environment the functions and collections are deployed to');
    else if (env.TARO_APP_CLOUD_ENV?.trim() && env.TARO_APP_CLOUD_ENV.trim() !== env.ENV_ID.trim()) {
      problems.push(`the app calls CloudBase environment ${env.TARO_APP_CLOUD_ENV} (TARO_APP_CLOUD_ENV) but the backend deploys to ${env.ENV_ID} (ENV_ID)`);
    }
    return problems;
  },
  indexes: ({ collections }) =>
    collections.flatMap((c) => [
      ...(c.indexes.length > LIMITS.indexesPerCollection ? [`${c.name} has ${c.indexes.length} indexes; CloudBase allows ${LIMITS.indexesPerCollection} per collection`] : []),
      ...c.indexes.filter((i) => i.fields > LIMITS.fieldsPerIndex).map((i) => `${c.name} index ${i.name} has ${i.fields} fields; CloudBase allows ${LIMITS.fieldsPerIndex}`),
    ]),
  timeouts: ({ functions }) =>
    functions.filter((f) => !(f.timeout >= LIMITS.timeoutMin && f.timeout <= LIMITS.timeoutMax)).map((f) => `${f.name} timeout ${f.timeout} s is outside ${LIMITS.timeoutMin}–${LIMITS.timeoutMax} s`),
  'dev-build': ({ env }) =>
    releaseProblems(env as ReleaseEnv)
      .filter((p) => p.key === 'TARO_APP_DEV_LOGIN' || p.key === 'TARO_APP_GATEWAY_URL')
      .map((p) => p.message),
  packages: ({ weapp }) => {
    if (!weapp) return [];
    const { sizes, preloadRule } = weapp;
    const MB = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
    const problems: string[] = [];
    if (sizes.mainPackageBytes > LIMITS.packageBytes) problems.push(`main package ${MB(sizes.mainPackageBytes)} is over 2 MB`);
    for (const [root, bytes] of Object.entries(sizes.subpackages)) if (bytes > LIMITS.packageBytes) problems.push(`subpackage ${root} ${MB(bytes)} is over 2 MB`);
    if (sizes.totalBytes > LIMITS.totalBytes) problems.push(`the whole mini-program ${MB(sizes.totalBytes)} is over 20 MB`);
    // Pages of one package share one 2 MB preload allowance.
    const preloaded = new Map<string, number>();
    for (const [page, rule] of Object.entries(preloadRule)) {
      const owner = weapp.subpackageRoots.find((r) => page.startsWith(`${r}/`)) ?? '(main package)';
      for (const p of rule.packages) {
        if (!(p in sizes.subpackages)) problems.push(`preloadRule of ${page} names ${p}, which is no subpackage`);
        preloaded.set(owner, (preloaded.get(owner) ?? 0) + (sizes.subpackages[p] ?? 0));
      }
    }
    for (const [owner, bytes] of preloaded) if (bytes > LIMITS.preloadBytesPerPackage) problems.push(`pages of ${owner} preload ${MB(bytes)}; WeChat allows 2 MB per package`);
    return problems;
  },
};

export function runRules(input: PreflightInput): RuleResult[] {
  return Object.entries(Rules).map(([rule, fn]) => ({ rule, problems: fn(input) }));
}

/** KEY=VALUE lines of an env file (quotes dropped, comments skipped). */
export function readEnvFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*"?([^"#]*?)"?\s*(#.*)?$/.exec(line);
    if (m) out[m[1]] = m[2];
  }
  return out;
}

/** What the rules read, from this repository: config.json files, bundles, schema, dist/. */
export async function collectInput(env: Record<string, string | undefined>, distDir = path.join(ROOT, 'dist')): Promise<PreflightInput> {
  const cfg = cloudbaseConfig();
  let weapp: PreflightInput['weapp'];
  if (existsSync(path.join(distDir, 'app.json'))) {
    const app = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as { preloadRule?: Record<string, { packages: string[] }>; subPackages?: { root: string }[]; subpackages?: { root: string }[] };
    weapp = {
      sizes: await weappSizeReport(distDir),
      preloadRule: app.preloadRule ?? {},
      subpackageRoots: [...(app.subPackages ?? []), ...(app.subpackages ?? [])].map((p) => p.root.replace(/^\/+|\/+$/g, '')),
    };
  }
  return {
    env,
    functions: cfg.functions.map((f) => ({ name: f.name, timeout: f.timeout, triggers: f.triggers, calls: openApisInBundle(f.name), declared: declaredOpenApis(f.name) })),
    collections: cfg.framework.plugins.database.inputs.collections.map((c) => ({ name: c.collectionName, indexes: c.createIndexes.map((i) => ({ name: i.name, fields: i.keys.length })) })),
    templates: Object.entries(Templates).map(([name, t]) => ({ name, env: t.env })),
    weapp,
  };
}

/** What no code can check: done by a person in WeChat's and the government's consoles (docs/launch.md). */
export const LAUNCH_CHECKLIST = [
  '小程序备案 (ICP filing of the mini-program) completed: required before release since September 2023 — mp.weixin.qq.com → 设置 → 基本设置 → 小程序备案',
  'Service category (服务类目) chosen that fits the service (e.g. 政务民生 / 企业服务) and approved, with any qualification it asks for',
  '用户隐私保护指引 filled in and approved, declaring what the app collects: photos (chooseMedia / chooseImage, album and camera), name and phone entered by the person, and the purposes',
  'Subscribe-message templates (订阅消息) added in 订阅消息 → 我的模板 with the fields server/platform/subscribe-message.ts expects; one-time vs long-term (长期订阅 only for the categories that have it; SUBSCRIBE_LONG_TERM)',
  'Message push (消息推送) configured to the cloud function that receives security.mediaCheckAsync verdicts (event wxa_media_check)',
  'CloudBase environment created on the mini-program (云开发), its id in ENV_ID and TARO_APP_CLOUD_ENV; functions uploaded with their open-API permissions (config.json permissions.openapi)',
  'ICP filing (ICP 备案) for any web domain the H5 app or a download link is served from; request/download domains listed in 开发管理 → 服务器域名',
  'Code uploaded from WeChat DevTools (or miniprogram-ci with an upload key), tried as the trial version (体验版), submitted for review (提交审核), then released (发布)',
];

export function formatReport(results: RuleResult[]): string {
  const lines = ['Preflight: what WeChat and CloudBase would refuse', ''];
  for (const r of results) {
    lines.push(`${r.problems.length ? 'FAIL' : 'ok  '} ${r.rule}`);
    for (const p of r.problems) lines.push(`       - ${p}`);
  }
  lines.push('', 'Launch checklist (not checkable here; see docs/launch.md):');
  for (const item of LAUNCH_CHECKLIST) lines.push(`  [ ] ${item}`);
  const failed = results.filter((r) => r.problems.length).length;
  lines.push('', failed ? `${failed} rule(s) failed` : `all ${results.length} rules passed`);
  return lines.join('\n');
}

/** The environment for the check: the process's, then the env file's, then `.env.production` for the app build's keys. */
export function preflightEnv(envFile: string | undefined, processEnv: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = readEnvFile(path.resolve(ROOT, envFile ?? '.env'));
  const production = envFile ? {} : readEnvFile(path.join(ROOT, '.env.production'));
  return { ...production, ...file, ...processEnv };
}

export async function preflight(options: { envFile?: string; log?: (s: string) => void; processEnv?: NodeJS.ProcessEnv }): Promise<boolean> {
  const log = options.log ?? console.log;
  const results = runRules(await collectInput(preflightEnv(options.envFile, options.processEnv)));
  log(formatReport(results));
  return results.every((r) => r.problems.length === 0);
}
