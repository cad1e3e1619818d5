/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts plus what it imports from server/
 * and core/) into one CommonJS file, cloudfunctions/<name>/index.js, for CloudBase's Node 18
 * runtime. The SDK stays external: CloudBase installs it from the function's package.json.
 */
import { build, type BuildResult } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const FUNCTIONS_DIR = path.resolve(__dirname, '..', 'cloudfunctions');

export function functionNames(dir = FUNCTIONS_DIR): string[] {
  return readdirSync(dir)
    .filter((n) => statSync(path.join(dir, n)).isDirectory() && existsSync(path.join(dir, n, 'index.ts')))
    .sort();
}

export interface BuiltFunction {
  name: string;
  file: string;
  bytes: number;
}

export async function buildFunctions(opts: { dir?: string; only?: string[]; minify?: boolean } = {}): Promise<BuiltFunction[]> {
  const dir = opts.dir ?? FUNCTIONS_DIR;
  const names = functionNames(dir).filter((n) => !opts.only || opts.only.includes(n));
  const results = await Promise.all(
    names.map(async (name): Promise<BuiltFunction> => {
      const outfile = path.join(dir, name, 'index.js');
      const res: BuildResult = await build({
        entryPoints: [path.join(dir, name, 'index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node18',
        format: 'cjs',
        external: ['@cloudbase/node-sdk'],
        minify: opts.minify ?? true,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'silent',
      });
      if (res.errors.length) throw new Error(`build of ${name} failed: ${res.errors.map((e) => e.text).join('; ')}`);
      return { name, file: outfile, bytes: statSync(outfile).size };
    }),
  );
  return results;
}

if (require.main === module) {
  buildFunctions()
    .then((built) => {
      for (const b of built) console.log(`built ${b.name.padEnd(10)} ${(b.bytes / 1024).toFixed(1)} KB  ${path.relative(process.cwd(), b.file)}`);
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
