/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts plus what it imports from server/
 * and core/) into one CommonJS file, cloudfunctions/<name>/index.js, for CloudBase's Node 18
 * runtime, the pinned `@cloudbase/node-sdk` inside it, slimmed (scripts/build-functions-sdk.ts):
 * the deployed function needs no node_modules, and its cold start does not pay for the SDK's
 * clients it never calls. `npm run bench -- bundles` measures the three ways side by side.
 */
import { build, type BuildResult } from 'esbuild';
import { buildLazyPackages, ownLazyPlugin, sdkSlimPlugin } from './build-functions-sdk';
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

/**
 * How the SDK gets into a function: `slim` (deployed) bundles it without what no function calls;
 * `bundled` bundles all of it; `external` leaves it to node_modules (what CloudBase installs from
 * the function's package.json) — the last two are kept for the bench's comparison.
 */
export type SdkMode = 'slim' | 'bundled' | 'external';

export async function buildFunctions(
  opts: { dir?: string; only?: string[]; minify?: boolean; sdk?: SdkMode; outDir?: string } = {},
): Promise<BuiltFunction[]> {
  const dir = opts.dir ?? FUNCTIONS_DIR;
  const sdk = opts.sdk ?? 'slim';
  const names = functionNames(dir).filter((n) => !opts.only || opts.only.includes(n));
  const results = await Promise.all(
    names.map(async (name): Promise<BuiltFunction> => {
      const outfile = path.join(opts.outDir ?? dir, name, 'index.js');
      const res: BuildResult = await build({
        entryPoints: [path.join(dir, name, 'index.ts')],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node18',
        format: 'cjs',
        external: sdk === 'external' ? ['@cloudbase/node-sdk'] : [],
        plugins: sdk === 'slim' ? [sdkSlimPlugin(), ownLazyPlugin()] : [ownLazyPlugin()],
        // `import()` of a lazily loaded file becomes a require: the file is CommonJS, and a require
        // works wherever the bundle is loaded (a test runner's module sandbox too).
        supported: { 'dynamic-import': false },
        minify: opts.minify ?? true,
        // Minified, but in lines of ~500 characters: an error's stack names a line, and a test
        // runner (Jest prints a code frame of it under every console call) or a log viewer
        // chokes on one line of 200 KB. The bytes are the same.
        lineLimit: 500,
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'silent',
      });
      if (res.errors.length) throw new Error(`build of ${name} failed: ${res.errors.map((e) => e.text).join('; ')}`);
      return { name, file: outfile, bytes: statSync(outfile).size };
    }),
  );
  const folders = results.map((r) => path.dirname(r.file));
  // Every mode carries our own lazily loaded packages; the slimmed one the SDK's too.
  await buildLazyPackages(folders, { minify: opts.minify ?? true, sdk: sdk === 'slim' });
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
