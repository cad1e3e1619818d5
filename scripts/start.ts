/**
 * `npm start`: the whole product on one laptop. Builds the cloud functions, starts the local
 * CloudBase emulator with them (seeding demo data into a fresh data folder), rebuilds functions
 * when their code changes, and serves the H5 app against the emulator's dev gateway.
 *
 *   npm start                 emulator on :9000, H5 app on :10086
 *   npm start -- --no-app     emulator and functions only
 *   npm start -- --reset      wipe the local data folder first
 *   EMULATOR_PORT, APP_PORT, DATA_DIR override the defaults.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { context } from 'esbuild';
import { startEmulator } from '../emulator/src/index';
import { indexDeclarations } from '../server/db/schema';
import { MessagePushRoutes } from '../server/platform/message-push';
import { TemplateEnv } from '../server/platform/subscribe-message';
import { buildFunctions, FUNCTIONS_DIR, functionNames } from './build-functions';
import { seedDemo } from './seed';
import { seedDemoFaq } from './seed-faq';
import { subscribeTemplatesFromEnv } from './lib/subscribe-templates';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const emulatorPort = Number(process.env.EMULATOR_PORT ?? 9000);
  const appPort = Number(process.env.APP_PORT ?? 10086);
  const dataDir = path.resolve(ROOT, process.env.DATA_DIR ?? '.cloudbase-local');
  const h5BaseUrl = `http://127.0.0.1:${appPort}`;

  // Subscribe-message template ids are configuration (.env in production). In development any
  // id will do: every message a function sends lands in the emulator's outbox
  // (GET /__emulator/outbox), delivered if the person consented (POST /__emulator/subscribe, what
  // wx.requestSubscribeMessage does on a phone), else kept as refused with WeChat's 43101.
  for (const name of Object.values(TemplateEnv)) process.env[name] ||= `dev-${name.toLowerCase().replace(/_/g, '-')}`;

  const built = await buildFunctions();
  console.log(`built ${built.length} functions: ${built.map((b) => b.name).join(', ')}`);

  const emulator = await startEmulator({
    port: emulatorPort,
    dataDir,
    reset: args.has('--reset'),
    functionsDir: FUNCTIONS_DIR,
    h5BaseUrl,
    logLevel: 'info',
    indexes: indexDeclarations(),
    subscribeTemplates: subscribeTemplatesFromEnv(),
    // 消息推送: mediaCheckAsync verdicts go to the function the environment is configured with.
    messagePush: [...MessagePushRoutes],
  });
  console.log(`emulator listening on ${emulator.url}  (data: ${path.relative(ROOT, dataDir)})`);

  const seeded = await seedDemo(emulator.url);
  console.log(seeded.seeded ? `seeded demo data: ${seeded.enterprises} enterprises, ${seeded.users} users` : 'demo data already present');
  const faq = await seedDemoFaq();
  if (faq) console.log(`seeded ${faq} FAQ entries`);

  const watchers = await Promise.all(
    functionNames().map(async (name) => {
      const ctx = await context({
        entryPoints: [path.join(FUNCTIONS_DIR, name, 'index.ts')],
        outfile: path.join(FUNCTIONS_DIR, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node18',
        format: 'cjs',
        external: ['@cloudbase/node-sdk'],
        logLevel: 'warning',
      });
      await ctx.watch();
      return ctx;
    }),
  );

  let app: ChildProcess | undefined;
  if (!args.has('--no-app')) {
    app = spawn(process.execPath, [require.resolve('@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'development', TARO_APP_GATEWAY_URL: emulator.url, TARO_APP_DEV_LOGIN: 'true', APP_PORT: String(appPort) },
    });
    app.on('exit', (code) => {
      if (code) console.error(`the H5 dev server stopped (exit ${code})`);
    });
    console.log(`\nH5 app (building, ready in ~30 s): ${h5BaseUrl}/\nDev login: pick any demo user of any role; QR entry: ${h5BaseUrl}/#/pages/entry/index?scene=E-YSQC\n`);
  }

  const stop = async () => {
    app?.kill('SIGTERM');
    await Promise.all(watchers.map((w) => w.dispose()));
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
