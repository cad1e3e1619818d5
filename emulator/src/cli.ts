/**
 * `npm run emulator -- [--port 9000] [--data .cloudbase-local] [--reset] [--functions cloudfunctions]`
 *   starts the local CloudBase on 127.0.0.1 with this project's functions and index declarations.
 * `npm run emulator -- trigger <function> <trigger> [--port 9000]` fires a timer trigger of a
 *   running emulator now; `npm run emulator -- clock <ISO time|reset> [--port 9000]` sets its clock.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { indexDeclarations } from '../../server/db/schema';
import { subscribeTemplatesFromEnv } from '../../scripts/lib/subscribe-templates';
import { startEmulator } from './index';

const ROOT = path.resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: process.env.EMULATOR_PORT ?? '9000' },
      data: { type: 'string', default: process.env.DATA_DIR ?? '.cloudbase-local' },
      functions: { type: 'string', default: 'cloudfunctions' },
      reset: { type: 'boolean', default: false },
      'no-triggers': { type: 'boolean', default: false },
      'h5-url': { type: 'string', default: `http://127.0.0.1:${process.env.APP_PORT ?? 10086}` },
      log: { type: 'string', default: 'info' },
    },
  });
  const base = `http://127.0.0.1:${values.port}`;
  const [command, ...rest] = positionals;

  if (command === 'trigger') {
    const [fn, name] = rest;
    if (!fn || !name) throw new Error('usage: npm run emulator -- trigger <function> <trigger> [--port N]');
    console.log(JSON.stringify(await post(`${base}/__emulator/triggers/${encodeURIComponent(fn)}/${encodeURIComponent(name)}`, {}), null, 2));
    return;
  }
  if (command === 'clock') {
    const [at] = rest;
    if (!at) throw new Error('usage: npm run emulator -- clock <ISO time|reset> [--port N]');
    console.log(JSON.stringify(await post(`${base}/__emulator/clock`, at === 'reset' ? { reset: true } : { now: at }), null, 2));
    return;
  }
  if (command) throw new Error(`unknown command ${command} (start, trigger, clock)`);

  const dataDir = path.resolve(ROOT, values.data!);
  const emulator = await startEmulator({
    port: Number(values.port),
    dataDir,
    reset: values.reset,
    functionsDir: path.resolve(ROOT, values.functions!),
    h5BaseUrl: values['h5-url'],
    logLevel: values.log as 'silent' | 'info' | 'debug',
    triggers: !values['no-triggers'],
    indexes: indexDeclarations(),
    // The templates the functions are configured with (their *_TEMPLATE_* variables), long-term ones
    // named in EMULATOR_LONG_TERM_TEMPLATES.
    subscribeTemplates: subscribeTemplatesFromEnv(),
  });
  console.log(`emulator listening on ${emulator.url}`);
  console.log(`  data ${dataDir} · functions ${emulator.runner.loadable().join(', ') || '(none built: npm run build:functions)'}`);
  const stop = async () => {
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  // A refused request (unknown trigger, bad time, failed function) is printed and fails the command.
  if (!res.ok) process.exitCode = 1;
  return res.json();
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
