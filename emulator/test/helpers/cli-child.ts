/**
 * The emulator CLI as a child process (`node --import tsx emulator/src/cli.ts ...`, one process,
 * so `kill -9` really kills the emulator), and its subcommands. Every wait is bounded; `stopAll()`
 * kills whatever is still running (call it in afterAll).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join('emulator', 'src', 'cli.ts');
const running = new Set<ChildProcess>();

/** A port nobody listens on right now (listen on 0, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // The child is a fresh emulator: none of this process's SDK settings or identity.
  for (const k of ['TCB_CONTEXT_CNFG', 'WX_OPENID', 'WX_CONTEXT_KEYS', 'WX_API_TOKEN', 'NODE_OPTIONS']) delete env[k];
  return env;
}

export interface CliEmulator {
  child: ChildProcess;
  url: string;
  port: number;
  stdout(): string;
  stderr(): string;
  exited(): boolean;
  /** SIGKILL, and wait (bounded) until it is gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCli(args: { port: number; dataDir: string; functionsDir: string; extra?: string[] }, timeoutMs = 30_000): Promise<CliEmulator> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CLI, '--port', String(args.port), '--data', args.dataDir, '--functions', args.functionsDir, ...(args.extra ?? [])],
    { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  let out = '';
  let err = '';
  let gone = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      gone = true;
      running.delete(child);
      resolve();
    });
  });
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const handle: CliEmulator = {
    child,
    port: args.port,
    url: `http://127.0.0.1:${args.port}`,
    stdout: () => out,
    stderr: () => err,
    exited: () => gone,
    async kill9() {
      if (!gone) child.kill('SIGKILL');
      await withTimeout(exit, 10_000, 'the emulator to die after SIGKILL');
    },
    async stop() {
      if (gone) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exit.then(() => true), sleep(5000).then(() => false)]);
      if (!stopped) await handle.kill9();
    },
  };
  try {
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (/emulator listening on http:\/\/127\.0\.0\.1:\d+/.test(out)) resolve();
        };
        child.stdout!.on('data', check);
        check();
        void exit.then(() => reject(new Error(`the emulator exited before listening:\n${out}\n${err}`)));
      }),
      timeoutMs,
      'the emulator to listen',
    );
  } catch (e) {
    await handle.kill9();
    throw e;
  }
  return handle;
}

/** Run a CLI subcommand (`trigger ...`, `clock ...`) to completion. */
export async function runCli(args: string[], timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await withTimeout(
    new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c))),
    timeoutMs,
    `emulator ${args.join(' ')}`,
  ).finally(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    running.delete(child);
  });
  return { code, stdout, stderr };
}

/** Kill every child still running (afterAll). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...running].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGKILL');
          setTimeout(resolve, 5000).unref();
        }),
    ),
  );
  running.clear();
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
